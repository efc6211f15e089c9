"""A release directory that an open-data portal can ingest as it is.

Library API (``imvo-graph release`` is a thin layer over it)::

    from imvo_graph.release import write_release
    result = write_release("dist/release")      # validates first; refuses an invalid graph
    result.files                                  # the file names, SHA256SUMS last

What a release holds (``{v}`` is the dataset version, ``dataset_version``, by default the
package version ``imvo_graph.__version__``; the ontology keeps the package's version, since it
ships with the software, while the data is versioned apart from it):

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
error leaves nothing half written; an existing target is refused unless ``overwrite``, and even
then it is replaced only when it is recognisably an earlier release (see
:func:`check_previous_release`) and holds none of the input files.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shlex
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import ImvoGraphError, InputError, InvalidGraphError, OutputError

__all__ = [
    "write_release", "ReleaseResult", "default_base_url", "release_file_name", "RELEASE_PARTS",
    "check_previous_release", "check_dataset_version",
]

RELEASE_PARTS = ("ontology", "data", "shapes", "all")
SUMS_FILE = "SHA256SUMS"
#: Files every release holds; with SUMS_FILE's list they make a folder recognisably a release.
MARKER_FILES = (SUMS_FILE, "catalog.ttl")
_SUMS_LINE = re.compile(r"([0-9a-f]{64})  ([^/\\\x00]+)")
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


_DATASET_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}\Z")


def check_dataset_version(version: str) -> str:
    """``version`` if it can name a release (file names, IRIs, a URL path): letters, digits and
    ``.-_+``, starting with a letter or digit, at most 64 characters; InputError otherwise."""
    if not isinstance(version, str) or not _DATASET_VERSION.match(version):
        raise InputError(
            f"dataset version {version!r}: use letters, digits, '.', '-', '_' or '+', starting with a "
            "letter or digit (such as 2017.1 or 1.0.0), at most 64 characters"
        )
    return version


def changes_markdown(changes, version: str) -> str:
    """CHANGES.md: the changes since the previous release in Dutch, then in English."""
    dutch = changes.render("markdown", "nl").replace("\n", f" in release {version}\n", 1)
    english = changes.render("markdown", "en").replace("\n", f" in release {version}\n", 1)
    return f"{dutch}\n---\n\n{english}"


def _release_date(date: str | None, option: str = "--date") -> str:
    """The given date, else SOURCE_DATE_EPOCH (reproducible builds), else today (UTC)."""
    if date is not None:
        return _check_date(date, option)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return time.strftime("%Y-%m-%d", time.gmtime(int(epoch)))
        except (ValueError, OverflowError, OSError):
            raise InputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return time.strftime("%Y-%m-%d", time.gmtime())


def _check_date(value: str, option: str) -> str:
    """``value`` if it is a calendar date written YYYY-MM-DD; InputError naming ``option`` if not."""
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"{option} {value!r} is not a valid date (YYYY-MM-DD)") from None
    return value


def check_previous_release(folder: Path | str) -> None:
    """Raise OutputError unless ``folder`` is recognisably a release written by this tool, which
    ``write_release(..., overwrite=True)`` may replace: it holds ``SHA256SUMS`` and
    ``catalog.ttl``; every line of ``SHA256SUMS`` is ``<sha256>  <file name>``; and the folder
    holds nothing but ``SHA256SUMS`` and the regular files it lists, each with that checksum
    (no other file, no sub-folder, no symbolic link, nothing edited since the release).
    """
    folder = Path(folder)
    refuse = f"{folder}: is not a previous imvo-graph release, so --force does not replace it"
    try:
        entries = {entry.name: entry for entry in os.scandir(folder)}
    except OSError as exc:
        raise OutputError(f"{folder}: cannot be read ({exc.strerror or exc})") from None
    missing = [name for name in MARKER_FILES if name not in entries]
    if missing:
        raise OutputError(f"{refuse} (it has no {missing[0]}); remove or rename it yourself, or choose another --output")
    listed: dict[str, str] = {}
    try:
        sums = (folder / SUMS_FILE).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise OutputError(f"{refuse} ({SUMS_FILE} cannot be read)") from None
    for line in sums.splitlines():
        m = _SUMS_LINE.fullmatch(line)
        if not m or m.group(2) in (SUMS_FILE, ".", ".."):
            raise OutputError(f"{refuse} ({SUMS_FILE} has a line that is not '<sha256>  <file>')")
        listed[m.group(2)] = m.group(1)
    for name in MARKER_FILES[1:]:
        if name not in listed:
            raise OutputError(f"{refuse} ({SUMS_FILE} does not list {name})")
    for name, entry in sorted(entries.items()):
        if name != SUMS_FILE and name not in listed:
            raise OutputError(f"{refuse}: it holds {name}, which is not a file of the release")
        if not entry.is_file(follow_symlinks=False):
            raise OutputError(f"{refuse}: {name} is not a regular file")
    for name, digest in sorted(listed.items()):
        if name not in entries:
            raise OutputError(f"{refuse}: {name}, listed in {SUMS_FILE}, is missing")
        if _sha256(folder / name) != digest:
            raise OutputError(f"{refuse}: {name} was changed since the release (its checksum differs)")


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _replaceable_release(inputs: Iterable[Path | str]):
    """The check ``atomic_directory`` runs before replacing an existing release folder: never one
    that is, or holds, an input file; only a previous release (:func:`check_previous_release`)."""
    inputs = [Path(p) for p in inputs]

    def check(folder: Path) -> None:
        here = folder.resolve()
        for path in inputs:
            resolved = Path(path).resolve()
            if resolved == here or here in resolved.parents:
                raise OutputError(f"{folder}: holds the input {path}; not replacing it (choose another --output)")
        check_previous_release(folder)

    return check


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
    dataset_version: str | None = None,
) -> ReleaseResult:
    """Write a release directory at ``output`` (see the module documentation).

    ``data``, ``ontology``, ``shapes``: files (default: the shipped ones). ``dataset_version``: the
    version of this release of the data (default: the package version), in the file names,
    the DCAT datasets (dcat:version), VoID (owl:versionInfo) and the default ``base_url``; letters,
    digits and ``.-_+``, starting with a letter or digit. ``base_url``: where the files will be
    downloadable (default ``https://w3id.org/imvo-graph/release/{dataset_version}/``).
    ``endpoint_url``: the SPARQL endpoint (default ``https://w3id.org/imvo-graph/sparql``).
    ``date``: the release date, dct:modified (default SOURCE_DATE_EPOCH, else today);
    ``issued``: first publication, dct:issued (default: ``date``). ``previous``: an earlier
    release directory (or graph file); the changes since then are written to ``CHANGES.md``.

    ``issued`` may not be after ``date``. ``contact_email``: a valid e-mail address (see
    :data:`~imvo_graph.release.catalog.EMAIL_PATTERN`), written as a ``mailto:`` IRI.

    Raises InvalidGraphError (exit 1) when the data does not conform to the shapes, unless
    ``allow_invalid``; OutputError when ``output`` exists (unless ``overwrite``) or cannot be
    written; InputError on bad files or options. With ``overwrite`` an existing ``output`` is
    replaced only if it is a previous release (:func:`check_previous_release`) that neither is
    nor holds an input file (data, ontology, shapes, ``previous``). On any error nothing is left
    at ``output`` and an existing ``output`` is as it was.
    """
    from ..export import FORMATS, graph_name, read_quads, serialize
    from ..export.atomic import atomic_directory, check_output_directory, check_output_folder
    from ..export.context import context_path
    from ..loading import shipped_files, to_rdflib
    from ..validation import validate
    from .catalog import (
        DEFAULT_ENDPOINT,
        HTML_SPEC,
        JSONLD_SPEC,
        ONTOLOGY,
        SHACL_SPEC,
        Distribution,
        build_catalog,
        check_email,
        validate_catalog,
    )
    from .docs import ontology_html
    from .void import build_void

    output = Path(output)
    version = check_dataset_version(__version__ if dataset_version is None else dataset_version)
    base_url = _check_url("--base-url", base_url or default_base_url(version), folder=True)
    endpoint_url = _check_url("--endpoint-url", endpoint_url or DEFAULT_ENDPOINT)
    modified = _release_date(date, "--date")
    issued = _check_date(issued, "--issued") if issued is not None else modified
    if issued > modified:
        raise InputError(
            f"--issued {issued} is after the release date {modified}: the first publication "
            "(dct:issued) cannot come after this release (dct:modified, --date)"
        )
    if contact_email is not None:
        check_email(contact_email)

    files = {
        "ontology": [Path(p) for p in (shipped_files("ontology") if ontology is None else ontology)],
        "data": [Path(p) for p in (shipped_files("data") if data is None else data)],
        "shapes": [Path(p) for p in (shipped_files("shapes") if shapes is None else shapes)],
    }
    inputs = [*files["ontology"], *files["data"], *files["shapes"], *([Path(previous)] if previous is not None else [])]
    replaceable = _replaceable_release(inputs)
    # fail on an unusable target before the (slower) validation
    check_output_folder(output.parent if str(output.parent) else Path("."))
    check_output_directory(output, overwrite=overwrite, replaceable=replaceable)
    if previous is not None:  # a missing or unreadable --previous, before the validation
        from ..loading import check_readable

        if not Path(previous).is_dir():
            try:
                check_readable(Path(previous))
            except InputError as exc:
                raise InputError(f"previous release (--previous): {exc}") from None

    report = validate(files["data"], shapes=files["shapes"], ontology=files["ontology"])
    if report.has_violations and not allow_invalid:
        command = "imvo-graph validate"
        if data is not None:
            command += " " + " ".join(shlex.quote(str(p)) for p in files["data"])
        raise InvalidGraphError(
            f"the data does not conform to the shapes ({len(report.violations)} violation(s)); "
            f"run `{command}` for the details, or release anyway with --allow-invalid"
        )

    import pyoxigraph as ox

    parts: dict[str, list] = {}
    for part in ("ontology", "data", "shapes"):
        parts[part] = read_quads(files[part], ox.NamedNode(graph_name(part)))
    parts["ontology"] = _set_ontology_version(parts["ontology"], __version__)
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
    def rdflib_of(quads):
        store = ox.Store()
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        return to_rdflib(store)

    docs_files = [(name, f"{spec.label}") for name, spec in zip(dumps["ontology"], FORMATS.values())]
    docs_files += [(context_name, "JSON-LD context"), (release_file_name("shapes", ".ttl", version), "SHACL (Turtle)"),
                   (release_file_name("all", ".ttl", version), "Alles / all (Turtle)"), ("catalog.ttl", "DCAT")]
    contents[docs_name] = ontology_html(ontology_graph, version=__version__, release_date=modified, shapes=rdflib_of(parts["shapes"]),
                                        data=rdflib_of(parts["data"]), files=docs_files).encode("utf-8")
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
        contents["CHANGES.md"] = changes_markdown(changes, version).encode("utf-8")
    sums = "".join(f"{hashlib.sha256(contents[name]).hexdigest()}  {name}\n" for name in sorted(contents))
    contents[SUMS_FILE] = sums.encode("ascii")

    with atomic_directory(output, overwrite=overwrite, replaceable=replaceable) as folder:
        for name in sorted(contents):
            with open(folder / name, "wb") as stream:
                stream.write(contents[name])
            os.chmod(folder / name, 0o644)
    return ReleaseResult(
        path=output,
        version=version,
        files=sorted(contents, key=lambda n: (n == SUMS_FILE, n)),
        conforms=not report.has_violations,
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
