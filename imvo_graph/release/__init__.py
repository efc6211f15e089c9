"""A release directory that an open-data portal can ingest as it is.

Library API (``imvo-graph release`` is a thin layer over it)::

    from imvo_graph.release import write_release
    result = write_release("dist/release")      # validates first; refuses an invalid graph
    result.files                                  # the file names, SHA256SUMS last

What a release holds (``{v}`` is the package version, ``imvo_graph.__version__``):

- ``imvo-graph-{v}-{part}.{ttl,nt,nq,trig,jsonld,rdf}`` for each part ``ontology``, ``data``,
  ``shapes`` and ``all`` (merged);
- ``imvo-graph-{v}-context.jsonld``: the JSON-LD context the JSON-LD files embed;
- ``imvo-graph-{v}-ontology.html``: the ontology's documentation (Dutch and English);
- ``catalog.ttl`` and ``catalog.jsonld``: the DCAT-AP-NL 3.0 catalogue (checked against the
  vendored shapes before anything is written);
- ``void.ttl``: the VoID description with counts;
- ``CHANGES.md``: with ``previous``, the changes since that release (``imvo-graph diff``);
- ``SHA256SUMS``: ``sha256sum``-style checksums of every other file.

The release is built in a temporary folder next to the target and renamed into place, so an
error leaves nothing half written; an existing target is refused unless ``overwrite``.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import ImvoGraphError, InputError, InvalidGraphError

__all__ = ["write_release", "ReleaseResult", "default_base_url", "release_file_name", "RELEASE_PARTS"]

RELEASE_PARTS = ("ontology", "data", "shapes", "all")
SUMS_FILE = "SHA256SUMS"
OWL_VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"
OWL_VERSION_IRI = "http://www.w3.org/2002/07/owl#versionIRI"
OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ReleaseResult:
    path: Path
    version: str
    files: list[str] = field(default_factory=list)
    conforms: bool = True
    violations: int = 0
    catalog_warnings: int = 0


def default_base_url(version: str = __version__) -> str:
    from ..export.context import BASE

    return f"{BASE}/release/{version}/"


def release_file_name(part: str, suffix: str, version: str = __version__) -> str:
    return f"imvo-graph-{version}-{part}{suffix}"


def _release_date(date: str | None) -> str:
    """The given date, else SOURCE_DATE_EPOCH (reproducible builds), else today (UTC)."""
    if date is not None:
        if not _DATE.match(date):
            raise InputError(f"date {date!r} is not of the form YYYY-MM-DD")
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return time.strftime("%Y-%m-%d", time.gmtime(int(epoch)))
        except ValueError:
            raise InputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return time.strftime("%Y-%m-%d", time.gmtime())


def _check_url(name: str, url: str, *, folder: bool = False) -> str:
    if not re.match(r"^https?://[^\s/]+(/[^\s<>\"{}|\\^`]*)?$", url):
        raise InputError(f"{name} {url!r} is not an absolute http(s) URL")
    if folder and not url.endswith("/"):
        url += "/"
    return url


def _set_ontology_version(quads: list, version: str) -> list:
    """The ontology quads with owl:versionInfo and owl:versionIRI set from the package version."""
    import pyoxigraph as ox

    ontologies = {q.subject for q in quads if q.predicate.value == RDF_TYPE and q.object == ox.NamedNode(OWL_ONTOLOGY)}
    kept = [q for q in quads if not (q.subject in ontologies and q.predicate.value in (OWL_VERSION_INFO, OWL_VERSION_IRI))]
    graphs = {q.subject: q.graph_name for q in quads if q.subject in ontologies}
    for ontology in sorted(ontologies, key=str):
        if not isinstance(ontology, ox.NamedNode):
            continue
        graph = graphs[ontology]
        kept.append(ox.Quad(ontology, ox.NamedNode(OWL_VERSION_INFO), ox.Literal(version), graph))
        kept.append(ox.Quad(ontology, ox.NamedNode(OWL_VERSION_IRI), ox.NamedNode(f"{ontology.value}/{version}"), graph))
    return kept


def write_release(
    output: Path | str,
    *,
    data: Iterable[Path | str] | None = None,
    ontology: Iterable[Path | str] | None = None,
    shapes: Iterable[Path | str] | None = None,
    base_url: str | None = None,
    endpoint_url: str | None = None,
    date: str | None = None,
    issued: str | None = None,
    contact_email: str | None = None,
    previous: Path | str | None = None,
    allow_invalid: bool = False,
    overwrite: bool = False,
    version: str = __version__,
) -> ReleaseResult:
    """Write a release directory at ``output`` (see the module documentation).

    ``data``, ``ontology``, ``shapes``: files (default: the shipped ones). ``base_url``: where the
    files will be downloadable (default ``https://w3id.org/imvo-graph/release/{version}/``).
    ``endpoint_url``: the SPARQL endpoint (default ``https://w3id.org/imvo-graph/sparql``).
    ``date``: the release date, dct:modified (default SOURCE_DATE_EPOCH, else today);
    ``issued``: first publication, dct:issued (default: ``date``). ``previous``: an earlier
    release directory (or graph file); the changes since then are written to ``CHANGES.md``.

    Raises InvalidGraphError (exit 1) when the data does not conform to the shapes, unless
    ``allow_invalid``; OutputError when ``output`` exists (unless ``overwrite``) or cannot be
    written; InputError on bad files or options. On any error nothing is left at ``output``.
    """
    from ..export import FORMATS, graph_name, read_quads, serialize
    from ..export.atomic import atomic_directory, check_output_folder
    from ..export.context import context_path
    from ..loading import shipped_files, to_rdflib
    from ..validation import validate
    from .catalog import DEFAULT_ENDPOINT, HTML_SPEC, JSONLD_SPEC, ONTOLOGY, SHACL_SPEC, Distribution, build_catalog, validate_catalog
    from .docs import ontology_html
    from .void import build_void

    output = Path(output)
    base_url = _check_url("--base-url", base_url or default_base_url(version), folder=True)
    endpoint_url = _check_url("--endpoint-url", endpoint_url or DEFAULT_ENDPOINT)
    modified = _release_date(date)
    issued = _release_date(issued) if issued is not None else modified
    # fail on an unusable target before the (slower) validation
    check_output_folder(output.parent if str(output.parent) else Path("."))
    if output.exists() and not overwrite:
        from ..errors import OutputError

        raise OutputError(f"{output}: already exists (use --force to replace it)")

    files = {
        "ontology": [Path(p) for p in (shipped_files("ontology") if ontology is None else ontology)],
        "data": [Path(p) for p in (shipped_files("data") if data is None else data)],
        "shapes": [Path(p) for p in (shipped_files("shapes") if shapes is None else shapes)],
    }
    report = validate(files["data"], shapes=files["shapes"], ontology=files["ontology"])
    if not report.conforms and not allow_invalid:
        raise InvalidGraphError(
            f"the data does not conform to the shapes ({len(report.violations)} violation(s)); "
            "run `imvo-graph validate` for the details, or release anyway with --allow-invalid"
        )

    import pyoxigraph as ox

    parts: dict[str, list] = {}
    for part in ("ontology", "data", "shapes"):
        parts[part] = read_quads(files[part], ox.NamedNode(graph_name(part)))
    parts["ontology"] = _set_ontology_version(parts["ontology"], version)
    parts["all"] = parts["ontology"] + parts["data"] + parts["shapes"]

    contents: dict[str, bytes] = {}
    distributions: list[Distribution] = []
    part_words = {"all": ("alles", "all"), "ontology": ("ontologie", "ontology"), "data": ("gegevens", "data"), "shapes": ("vormen", "shapes")}
    dumps: dict[str, list[str]] = {}
    for part in RELEASE_PARTS:
        for spec in FORMATS.values():
            name = release_file_name(part, spec.suffix, version)
            contents[name] = serialize(parts[part], spec.name)
            dumps.setdefault(part, []).append(name)
            conforms_to = [ONTOLOGY] + ([SHACL_SPEC] if part == "shapes" else [])
            distributions.append(
                _distribution(part, name, spec.eu_file_type, spec.media_type, spec.label, contents[name], conforms_to,
                              f"IMVO-graaf {version}, {part_words[part][0]}, {spec.label}",
                              f"IMVO graph {version}, {part_words[part][1]}, {spec.label}")
            )
    try:
        context_bytes = context_path().read_bytes()
    except OSError as exc:
        raise ImvoGraphError(f"{context_path()}: the JSON-LD context cannot be read ({exc})") from None
    context_name = release_file_name("context", ".jsonld", version)
    contents[context_name] = context_bytes
    distributions.append(_distribution("ontology", context_name, "JSON_LD", "application/ld+json", "JSON-LD", context_bytes, [JSONLD_SPEC],
                                       f"IMVO-graaf {version}, JSON-LD-context", f"IMVO graph {version}, JSON-LD context"))
    docs_name = release_file_name("ontology", ".html", version)
    ontology_store = ox.Store()  # only for the documentation page: labels, comments, relations
    ontology_store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in parts["ontology"])
    ontology_graph = to_rdflib(ontology_store)
    contents[docs_name] = ontology_html(ontology_graph, version=version, release_date=modified).encode("utf-8")
    distributions.append(_distribution("ontology", docs_name, "HTML", "text/html", "HTML", contents[docs_name], [HTML_SPEC],
                                       f"IMVO-graaf {version}, documentatie van de ontologie", f"IMVO graph {version}, ontology documentation"))

    catalog = build_catalog(
        distributions, version=version, base_url=base_url, endpoint_url=endpoint_url, issued=issued,
        modified=modified, docs_file=docs_name, contact_email=contact_email,
    )
    catalog_report = validate_catalog(catalog)
    if not catalog_report.conforms:
        details = "; ".join(f"{focus} {path}: {message}" for focus, path, message in catalog_report.violations[:5])
        raise ImvoGraphError(f"the catalogue does not conform to DCAT-AP-NL 3.0: {details}")
    contents["catalog.ttl"] = serialize(catalog, "turtle")
    contents["catalog.jsonld"] = serialize(catalog, "jsonld")
    void = build_void(
        {part: parts[part] for part in RELEASE_PARTS}, version=version, base_url=base_url,
        endpoint_url=endpoint_url, dumps=dumps, modified=modified,
    )
    contents["void.ttl"] = serialize(void, "turtle")
    if previous is not None:
        from ..diff import diff_graphs

        changes = diff_graphs(previous, parts["all"], lang="nl")
        contents["CHANGES.md"] = changes.render("markdown", "nl").encode("utf-8")
    sums = "".join(f"{hashlib.sha256(contents[name]).hexdigest()}  {name}\n" for name in sorted(contents))
    contents[SUMS_FILE] = sums.encode("ascii")

    with atomic_directory(output, overwrite=overwrite) as folder:
        for name in sorted(contents):
            with open(folder / name, "wb") as stream:
                stream.write(contents[name])
            os.chmod(folder / name, 0o644)
    return ReleaseResult(
        path=output,
        version=version,
        files=sorted(contents, key=lambda n: (n == SUMS_FILE, n)),
        conforms=report.conforms,
        violations=len(report.violations),
        catalog_warnings=len(catalog_report.warnings),
    )


def _distribution(part, name, file_type, media_type, label, content: bytes, conforms_to, title_nl, title_en):
    from .catalog import Distribution

    return Distribution(
        part=part, file_name=name, eu_file_type=file_type, media_type=media_type, format_label=label,
        byte_size=len(content), sha256=hashlib.sha256(content).hexdigest(), title_nl=title_nl,
        title_en=title_en, conforms_to=list(conforms_to),
    )
