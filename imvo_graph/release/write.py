"""Writing a release directory, in three steps: the plan (every option checked, before
anything slow), the build (every file in memory) and the write (all files at once, renamed
into place)."""

from __future__ import annotations

import hashlib
import os
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import ImvoGraphError, InputError, InvalidGraphError
from ..options import check_date, check_url, date_or_today
from ..rdf.namespaces import OWL, RDF_TYPE
from .names import RELEASE_PARTS, SUMS_FILE, check_dataset_version, default_base_url, release_file_name
from .previous import replaceable_release

OWL_VERSION_INFO = OWL + "versionInfo"
OWL_VERSION_IRI = OWL + "versionIRI"
OWL_ONTOLOGY = OWL + "Ontology"

#: The parts' names in the distributions' titles: (Dutch, English).
_PART_WORDS = {"all": ("alles", "all"), "ontology": ("ontologie", "ontology"), "data": ("gegevens", "data"),
               "shapes": ("vormen", "shapes")}


@dataclass
class ReleaseResult:
    path: Path
    version: str
    files: list[str] = field(default_factory=list)
    conforms: bool = True
    violations: int = 0
    catalog_warnings: int = 0


@dataclass(frozen=True)
class ReleasePlan:
    """What :func:`write_release` was asked for, every value checked and every default filled in."""

    output: Path
    version: str
    base_url: str
    endpoint_url: str
    modified: str
    issued: str
    contact_email: str | None
    #: 'ontology', 'data', 'shapes' -> the files of that part
    files: dict[str, list[Path]]
    previous: Path | None
    allow_invalid: bool
    overwrite: bool
    #: whether the data files were given (not the shipped ones): the error message names them
    data_given: bool
    #: the check an existing ``output`` must pass to be replaced
    replaceable: Callable[[Path], None]
    #: the shapes the validation runs at once (None: the default)
    threads: int | None = None


@dataclass
class ReleaseFiles:
    """A built release: every file's bytes, and what the checks found."""

    contents: dict[str, bytes]
    catalog_warnings: int


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
    threads: int | None = None,
) -> ReleaseResult:
    """Write a release directory at ``output`` (see :mod:`imvo_graph.release`).

    ``data``, ``ontology``, ``shapes``: files (default: the shipped ones). ``dataset_version``: the
    version of this release of the data (default: the package version), in the file names,
    the DCAT datasets (dcat:version), VoID (owl:versionInfo) and the default ``base_url``; letters,
    digits and ``.-_+``, starting with a letter or digit. ``base_url``: where the files will be
    downloadable (default ``https://w3id.org/imvo-graph/release/{dataset_version}/``).
    ``endpoint_url``: the SPARQL endpoint (default ``https://w3id.org/imvo-graph/sparql``).
    ``date``: the release date, dct:modified (default SOURCE_DATE_EPOCH, else today);
    ``issued``: first publication, dct:issued (default: ``date``). ``previous``: an earlier
    release directory (or graph file); the changes since then are written to ``CHANGES.md``.

    ``threads``: the shapes the validation runs at once (see :func:`imvo_graph.validation.validate`).

    ``issued`` may not be after ``date``. ``contact_email``: a valid e-mail address (see
    :data:`~imvo_graph.release.catalog.EMAIL_PATTERN`), written as a ``mailto:`` IRI.

    Raises InvalidGraphError (exit 1) when the data does not conform to the shapes, unless
    ``allow_invalid``; OutputError when ``output`` exists (unless ``overwrite``) or cannot be
    written; InputError on bad files or options. With ``overwrite`` an existing ``output`` is
    replaced only if it is a previous release (:func:`check_previous_release`) that neither is
    nor holds an input file (data, ontology, shapes, ``previous``). On any error nothing is left
    at ``output`` and an existing ``output`` is as it was.
    """
    plan = plan_release(
        output, data=data, ontology=ontology, shapes=shapes, base_url=base_url, endpoint_url=endpoint_url,
        date=date, issued=issued, contact_email=contact_email, previous=previous, allow_invalid=allow_invalid,
        overwrite=overwrite, dataset_version=dataset_version, threads=threads,
    )
    report = _validate(plan)
    built = build_release(plan)
    _write(plan, built.contents)
    return ReleaseResult(
        path=plan.output,
        version=plan.version,
        files=sorted(built.contents, key=lambda n: (n == SUMS_FILE, n)),
        conforms=not report.has_violations,
        violations=len(report.violations),
        catalog_warnings=built.catalog_warnings,
    )


def plan_release(
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
    threads: int | None = None,
) -> ReleasePlan:
    """The checked options of :func:`write_release` (the same parameters): InputError or
    OutputError on a bad value, an unusable ``output`` or an unreadable ``previous``, before
    any slow work."""
    from ..export.atomic import check_output_directory, check_output_folder
    from ..resources import shipped_files
    from ..validation.run import check_threads
    from .catalog import DEFAULT_ENDPOINT, check_email

    check_threads(threads)
    output = Path(output)
    version = check_dataset_version(__version__ if dataset_version is None else dataset_version)
    base_url = check_url("base_url", base_url or default_base_url(version), folder=True)
    endpoint_url = check_url("endpoint_url", endpoint_url or DEFAULT_ENDPOINT)
    modified = date_or_today(date, "date")
    issued = check_date(issued, "issued") if issued is not None else modified
    if issued > modified:
        raise InputError(
            f"issued={issued} is after the release date {modified}: the first publication "
            "(dct:issued) cannot come after this release (dct:modified)"
        )
    if contact_email is not None:
        check_email(contact_email)
    files = {
        "ontology": [Path(p) for p in (shipped_files("ontology") if ontology is None else ontology)],
        "data": [Path(p) for p in (shipped_files("data") if data is None else data)],
        "shapes": [Path(p) for p in (shipped_files("shapes") if shapes is None else shapes)],
    }
    previous_path = Path(previous) if previous is not None else None
    replaceable = replaceable_release([*files["ontology"], *files["data"], *files["shapes"],
                                       *([previous_path] if previous_path is not None else [])])
    # fail on an unusable target before the (slower) validation
    check_output_folder(output.parent if str(output.parent) else Path("."))
    check_output_directory(output, overwrite=overwrite, replaceable=replaceable)
    if previous_path is not None:
        _check_previous(previous_path)
    return ReleasePlan(
        output=output, version=version, base_url=base_url, endpoint_url=endpoint_url, modified=modified,
        issued=issued, contact_email=contact_email, files=files, previous=previous_path,
        allow_invalid=allow_invalid, overwrite=overwrite, data_given=data is not None, replaceable=replaceable,
        threads=threads,
    )


def _check_previous(previous: Path) -> None:
    """InputError naming ``previous`` and the file, now (before the validation), if a file the
    diff would read of it is missing, unreadable or not a regular file (a named pipe would
    block the release, a device never end)."""
    from ..diff.sides import side_files
    from ..rdf.loading import check_readable

    try:
        for path in side_files(previous):
            check_readable(path)
    except InputError as exc:
        raise InputError(f"previous={str(previous)!r} cannot be read: {exc}") from None


def _validate(plan: ReleasePlan):
    """The validation report of the release's data; InvalidGraphError on a violation unless
    the plan allows an invalid graph."""
    from ..validation import validate

    report = validate(plan.files["data"], shapes=plan.files["shapes"], ontology=plan.files["ontology"],
                      threads=plan.threads)
    if report.has_violations and not plan.allow_invalid:
        command = "imvo-graph validate"
        if plan.data_given:
            command += " " + " ".join(shlex.quote(str(p)) for p in plan.files["data"])
        raise InvalidGraphError(
            f"the data does not conform to the shapes ({len(report.violations)} violation(s)); "
            f"run `{command}` for the details, or release anyway with allow_invalid=True"
        )
    return report


def build_release(plan: ReleasePlan) -> ReleaseFiles:
    """Every file of the release in memory: the parts in every format, the JSON-LD context,
    the ontology's documentation, the DCAT catalogue (checked), VoID, CHANGES.md with a
    previous release, and SHA256SUMS of them all."""
    import pyoxigraph as ox

    from ..export import graph_name, read_quads

    parts: dict[str, list] = {}
    for part in ("ontology", "data", "shapes"):
        parts[part] = read_quads(plan.files[part], ox.NamedNode(graph_name(part)))
    parts["ontology"] = _set_ontology_version(parts["ontology"], __version__)
    parts["all"] = parts["ontology"] + parts["data"] + parts["shapes"]

    contents: dict[str, bytes] = {}
    distributions: list = []
    dumps = _dumps(plan, parts, contents, distributions)
    context_name = _context_file(plan, contents, distributions)
    docs_name = _docs_file(plan, parts, dumps, context_name, contents, distributions)
    catalog_warnings = _catalog_files(plan, distributions, docs_name, contents)
    _void_file(plan, parts, dumps, contents)
    if plan.previous is not None:
        from ..diff import diff_graphs

        changes = diff_graphs(plan.previous, parts["all"], lang="nl")
        contents["CHANGES.md"] = changes_markdown(changes, plan.version).encode("utf-8")
    sums = "".join(f"{hashlib.sha256(contents[name]).hexdigest()}  {name}\n" for name in sorted(contents))
    contents[SUMS_FILE] = sums.encode("ascii")
    return ReleaseFiles(contents=contents, catalog_warnings=catalog_warnings)


def _dumps(plan: ReleasePlan, parts: dict, contents: dict, distributions: list) -> dict[str, list[str]]:
    """Each part in each format; part -> its file names."""
    from ..export import FORMATS
    from ..export.serialization import serialize_formats
    from .catalog import ONTOLOGY, SHACL_SPEC

    version = plan.version
    dumps: dict[str, list[str]] = {}
    for part in RELEASE_PARTS:
        texts = serialize_formats(parts[part], [spec.name for spec in FORMATS.values()])
        for spec in FORMATS.values():
            name = release_file_name(part, spec.suffix, version)
            contents[name] = texts[spec.name]
            dumps.setdefault(part, []).append(name)
            conforms_to = [ONTOLOGY] + ([SHACL_SPEC] if part == "shapes" else [])
            distributions.append(
                _distribution(part, name, spec.eu_file_type, spec.media_type, spec.label, contents[name], conforms_to,
                              f"IMVO-graaf {version}, {_PART_WORDS[part][0]}, {spec.label}",
                              f"IMVO graph {version}, {_PART_WORDS[part][1]}, {spec.label}")
            )
    return dumps


def _context_file(plan: ReleasePlan, contents: dict, distributions: list) -> str:
    """The JSON-LD context the JSON-LD files embed; its file name."""
    from ..export.context import context_path
    from .catalog import JSONLD_SPEC

    try:
        context_bytes = context_path().read_bytes()
    except OSError as exc:
        raise ImvoGraphError(f"{context_path()}: the JSON-LD context cannot be read ({exc})") from None
    name = release_file_name("context", ".jsonld", plan.version)
    contents[name] = context_bytes
    distributions.append(_distribution("ontology", name, "JSON_LD", "application/ld+json", "JSON-LD", context_bytes,
                                       [JSONLD_SPEC], f"IMVO-graaf {plan.version}, JSON-LD-context",
                                       f"IMVO graph {plan.version}, JSON-LD context"))
    return name


def _docs_file(plan: ReleasePlan, parts: dict, dumps: dict, context_name: str, contents: dict,
               distributions: list) -> str:
    """The ontology's documentation page (HTML); its file name."""
    from ..export import FORMATS
    from ..rdf.triples import Triples
    from .catalog import HTML_SPEC
    from .docs import ontology_html

    version = plan.version
    name = release_file_name("ontology", ".html", version)
    files = [(dump, f"{spec.label}") for dump, spec in zip(dumps["ontology"], FORMATS.values())]
    files += [(context_name, "JSON-LD context"), (release_file_name("shapes", ".ttl", version), "SHACL (Turtle)"),
              (release_file_name("all", ".ttl", version), "Alles / all (Turtle)"), ("catalog.ttl", "DCAT")]
    contents[name] = ontology_html(Triples(parts["ontology"]), version=__version__, release_date=plan.modified,
                                   shapes=Triples(parts["shapes"]), data=Triples(parts["data"]),
                                   files=files).encode("utf-8")
    distributions.append(_distribution("ontology", name, "HTML", "text/html", "HTML", contents[name], [HTML_SPEC],
                                       f"IMVO-graaf {version}, documentatie van de ontologie",
                                       f"IMVO graph {version}, ontology documentation"))
    return name


def _catalog_files(plan: ReleasePlan, distributions: list, docs_name: str, contents: dict) -> int:
    """catalog.ttl and catalog.jsonld, checked against DCAT-AP-NL 3.0; the number of warnings."""
    from ..export import serialize
    from .catalog import build_catalog, validate_catalog

    catalog = build_catalog(
        distributions, version=plan.version, base_url=plan.base_url, endpoint_url=plan.endpoint_url,
        issued=plan.issued, modified=plan.modified, docs_file=docs_name, contact_email=plan.contact_email,
    )
    report = validate_catalog(catalog)
    if not report.conforms:
        details = "; ".join(f"{focus} {path}: {message}" for focus, path, message in report.violations[:5])
        raise ImvoGraphError(f"the catalogue does not conform to DCAT-AP-NL 3.0: {details}")
    contents["catalog.ttl"] = serialize(catalog, "turtle")
    contents["catalog.jsonld"] = serialize(catalog, "jsonld")
    return len(report.warnings)


def _void_file(plan: ReleasePlan, parts: dict, dumps: dict, contents: dict) -> None:
    from ..export import serialize
    from .void import build_void

    void = build_void(
        {part: parts[part] for part in RELEASE_PARTS}, version=plan.version, base_url=plan.base_url,
        endpoint_url=plan.endpoint_url, dumps=dumps, modified=plan.modified,
    )
    contents["void.ttl"] = serialize(void, "turtle")


def _write(plan: ReleasePlan, contents: dict[str, bytes]) -> None:
    """Every file, in a folder next to the output renamed into place once complete."""
    from ..export.atomic import atomic_directory

    with atomic_directory(plan.output, overwrite=plan.overwrite, replaceable=plan.replaceable) as folder:
        for name in sorted(contents):
            with open(folder / name, "wb") as stream:
                stream.write(contents[name])
            os.chmod(folder / name, 0o644)


def changes_markdown(changes, version: str) -> str:
    """CHANGES.md: the changes since the previous release in Dutch, then in English."""
    dutch = changes.render("markdown", "nl").replace("\n", f" in release {version}\n", 1)
    english = changes.render("markdown", "en").replace("\n", f" in release {version}\n", 1)
    return f"{dutch}\n---\n\n{english}"


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


def _distribution(part, name, file_type, media_type, label, content: bytes, conforms_to, title_nl, title_en):
    from .catalog import Distribution

    return Distribution(
        part=part, file_name=name, eu_file_type=file_type, media_type=media_type, format_label=label,
        byte_size=len(content), sha256=hashlib.sha256(content).hexdigest(), title_nl=title_nl,
        title_en=title_en, conforms_to=list(conforms_to),
    )
