"""Exporting the knowledge graph in every common RDF format, byte for byte reproducibly.

Library API (the ``imvo-graph export`` command is a thin layer over it)::

    from imvo_graph.export import export_graph, serialize, write_export
    turtle = export_graph("data", "turtle")          # bytes
    jsonld = export_graph("all", "jsonld")           # with the project @context embedded
    write_export("out/imvo.nq", "all", "nquads")     # atomic: temporary file, then rename
    serialize(my_rdflib_graph, "rdfxml")             # any graph, same writers

The same input gives the same bytes in every process: blank nodes get deterministic labels
of bounded cost (``_:b0``..., see :mod:`imvo_graph.export.canonical`), statements are sorted, prefixes come from one fixed table (the
shipped JSON-LD context), and no writer depends on Python's hash seed.

In the dataset formats (N-Quads, TriG) each part is a named graph,
``https://w3id.org/imvo-graph/graph/{ontology,data,shapes}``; the graph formats hold the union.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = [
    "FORMATS",
    "FORMAT_ALIASES",
    "PARTS",
    "Format",
    "export_graph",
    "format_of_suffix",
    "output_format",
    "serialize",
    "write_export",
    "load_part_quads",
    "read_quads",
    "canonical_quads",
    "graph_name",
]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    media_type: str
    #: the EU file-type authority code (http://publications.europa.eu/resource/authority/file-type/)
    eu_file_type: str
    label: str
    dataset: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ".ttl", "text/turtle", "RDF_TURTLE", "Turtle"),
        Format("ntriples", ".nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples"),
        Format("nquads", ".nq", "application/n-quads", "RDF_N_QUADS", "N-Quads", dataset=True),
        Format("trig", ".trig", "application/trig", "RDF_TRIG", "TriG", dataset=True),
        Format("jsonld", ".jsonld", "application/ld+json", "JSON_LD", "JSON-LD"),
        Format("rdfxml", ".rdf", "application/rdf+xml", "RDF_XML", "RDF/XML"),
    )
}

#: Short names accepted for the formats: the usual file suffixes.
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "rdf": "rdfxml", "json-ld": "jsonld"}

#: What can be exported: one kind of domain file, or all three (the merged graph).
PARTS = ("ontology", "data", "shapes", "all")
_PART_KINDS = {"ontology": ("ontology",), "data": ("data",), "shapes": ("shapes",), "all": ("ontology", "data", "shapes")}


def get_format(name: str) -> Format:
    """The format called ``name`` (a name of :data:`FORMATS` or a short name of
    :data:`FORMAT_ALIASES`, such as ``ttl``); InputError naming the choices otherwise."""
    key = (name or "").lower()
    try:
        return FORMATS[FORMAT_ALIASES.get(key, key)]
    except KeyError:
        choices = ", ".join(f"{f} ({a})" if (a := _alias_of(f)) else f for f in FORMATS)
        raise InputError(f"unknown export format {name!r}; choose one of {choices}") from None


def _alias_of(name: str) -> str:
    return next((alias for alias, full in FORMAT_ALIASES.items() if full == name and alias != "json-ld"), "")


def format_of_suffix(path: Path | str) -> Format | None:
    """The format a file name's suffix stands for (``.ttl``: Turtle, ...), or None."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS.values() if f.suffix == suffix), None)


def graph_name(part: str) -> str:
    """The IRI of the named graph that holds one part in N-Quads and TriG."""
    from .context import BASE

    return f"{BASE}/graph/{part}"


def read_quads(paths: Iterable[Path | str], graph=None) -> list:
    """The statements of RDF files exactly as written, all in ``graph`` if one is given (else each
    in the graph the file puts it in: the default graph, or a named graph of N-Quads or TriG).

    Read with :func:`imvo_graph.loading.read_quads` (pyoxigraph's parser, not its Store, which
    normalises typed literals: an export must give back what the files say). Blank nodes of
    different files stay distinct. Raises RdfSyntaxError (file, line) or InputError.
    """
    import pyoxigraph as ox

    from ..loading import read_quads as read_file

    quads: list = []
    for number, path in enumerate(Path(p) for p in paths):
        relabel: dict[str, object] = {}

        def local(term, relabel=relabel, number=number):
            # the same label in two files is two blank nodes
            if isinstance(term, ox.BlankNode):
                return relabel.setdefault(term.value, ox.BlankNode(f"f{number}x{term.value}"))
            return term

        quads.extend(ox.Quad(local(q.subject), q.predicate, local(q.object), q.graph_name) for q in read_file(path, graph))
    return quads


def load_part_quads(part: str = "all", files: Iterable[Path | str] | None = None) -> list:
    """The quads of a part of the shipped graph, each part in its named graph; or of ``files``
    (in the graphs they name). Raises InputError on an unknown part, RdfSyntaxError on bad RDF."""
    import pyoxigraph as ox

    from ..loading import shipped_files

    if files is not None:
        return read_quads(files)
    if part not in _PART_KINDS:
        raise InputError(f"unknown part {part!r}; choose one of {', '.join(PARTS)}")
    quads = []
    for kind_ in _PART_KINDS[part]:
        quads.extend(read_quads(shipped_files(kind_), ox.NamedNode(graph_name(kind_))))
    return quads


def canonical_quads(quads: Iterable) -> list:
    """The quads (each once) with deterministic blank-node labels of bounded cost, sorted (see
    :mod:`imvo_graph.export.canonical`; InputError past its work limit)."""
    from ..rdf.terms import quad_key
    from .canonical import relabel

    return sorted(relabel(dict.fromkeys(quads)), key=quad_key)


def _as_quads(source) -> list:
    """Quads from a pyoxigraph Store or Dataset, an rdflib Graph or Dataset, or an iterable of
    pyoxigraph Quads or Triples."""
    import pyoxigraph as ox

    if isinstance(source, (ox.Store, ox.Dataset)):
        return list(source)  # note: a Store has already normalised its typed literals
    try:
        import rdflib
        has_rdflib = True
    except ImportError:  # pragma: no cover
        has_rdflib = False
    if has_rdflib and isinstance(source, rdflib.Graph):
        from ..rdf.convert import oxigraph_term_converter

        convert = oxigraph_term_converter(fresh_blank_nodes=True)
        if isinstance(source, rdflib.Dataset) or type(source) is rdflib.ConjunctiveGraph:
            quads: list = []
            for context in source.contexts():
                name = context.identifier
                default = name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID or isinstance(name, rdflib.BNode)
                graph = ox.DefaultGraph() if default else ox.NamedNode(str(name))
                quads.extend(ox.Quad(convert(s), convert(p), convert(o), graph) for s, p, o in context)
            return quads
        return [ox.Quad(convert(s), convert(p), convert(o), ox.DefaultGraph()) for s, p, o in source]
    quads = []
    for item in source:
        if isinstance(item, ox.Triple):
            quads.append(ox.Quad(item.subject, item.predicate, item.object, ox.DefaultGraph()))
        else:
            quads.append(item)
    return quads


def serialize(source, fmt: str = "turtle", *, context: dict | None = None) -> bytes:
    """Serialise a graph or dataset in ``fmt`` deterministically; UTF-8 bytes.

    ``source``: a pyoxigraph Store or Dataset, an rdflib Graph or Dataset, or an iterable of
    pyoxigraph quads. ``context``: the JSON-LD context document (default: the shipped one).
    Raises InputError for an unknown format or a graph the format cannot express.
    """
    from ..rdf.namespaces import PrefixTable
    from .context import PREFIXES, shipped_context
    from .jsonld import write_jsonld
    from .writers import UnwritableGraph, write_nquads, write_ntriples, write_rdfxml, write_trig, write_turtle

    spec = get_format(fmt)
    quads = canonical_quads(_as_quads(source))
    table = PrefixTable(PREFIXES)
    try:
        if spec.name == "turtle":
            text = write_turtle(quads, table)
        elif spec.name == "trig":
            text = write_trig(quads, table)
        elif spec.name == "ntriples":
            text = write_ntriples(quads)
        elif spec.name == "nquads":
            text = write_nquads(quads)
        elif spec.name == "rdfxml":
            text = write_rdfxml(quads, table)
        else:
            text = write_jsonld(quads, context if context is not None else shipped_context())
    except UnwritableGraph as exc:
        raise InputError(f"cannot export as {spec.label}: {exc}") from None
    return text.encode("utf-8")


def export_graph(
    part: str = "all",
    fmt: str = "turtle",
    *,
    files: Iterable[Path | str] | None = None,
    data: Iterable[Path | str] = (),
) -> bytes:
    """A part of the shipped graph ('ontology', 'data', 'shapes' or 'all'), or the given files,
    serialised in ``fmt`` ('turtle', 'ntriples', 'nquads', 'trig', 'jsonld', 'rdfxml', or a
    short name such as 'ttl'). ``data``: more RDF files exported with it; in N-Quads and TriG
    their triples are in the data part's named graph."""
    import pyoxigraph as ox

    get_format(fmt)  # fail on a bad format before any parsing
    quads = load_part_quads(part, files)
    data = list(data or ())
    if data:
        quads += read_quads(data, ox.NamedNode(graph_name("data")) if files is None else None)
    return serialize(quads, fmt)


def write_export(
    path: Path | str,
    part: str = "all",
    fmt: str | None = None,
    *,
    files: Iterable[Path | str] | None = None,
    data: Iterable[Path | str] = (),
    overwrite: bool = False,
) -> Path:
    """Export to a file atomically (temporary file in the same folder, then rename).

    ``fmt`` defaults to the format of the file's suffix (.ttl, .nt, .nq, .trig, .jsonld, .rdf);
    a ``fmt`` that differs from the format of a known suffix is an InputError. An existing file
    is refused unless ``overwrite``, and only a regular file is ever replaced (never a folder, a
    symbolic link, a FIFO or a device). Raises OutputError, InputError; on any error no file is
    created or changed.
    """
    from .atomic import check_output_file, write_atomic

    path = Path(path)
    spec = output_format(path, fmt)
    check_output_file(path, overwrite=overwrite)  # before the export's work
    content = export_graph(part, spec.name, files=files, data=data)
    return write_atomic(path, content, overwrite=overwrite)


def output_format(path: Path | str, fmt: str | None = None) -> Format:
    """The format to write ``path`` in: ``fmt`` if given, else the one of its suffix. InputError
    when neither tells, or when ``fmt`` and a known suffix disagree (``--format turtle`` with
    ``out.nt``): a file whose name says N-Triples must not hold Turtle."""
    by_suffix = format_of_suffix(path)
    if fmt is None:
        if by_suffix is None:
            suffixes = ", ".join(f"{f.suffix} ({f.label})" for f in FORMATS.values())
            raise InputError(
                f"{path}: cannot tell the format from the suffix {Path(path).suffix or '(none)'}; "
                f"use one of {suffixes}, or give the format"
            )
        return by_suffix
    spec = get_format(fmt)
    if by_suffix is not None and by_suffix.name != spec.name:
        raise InputError(
            f"the format {fmt} ({spec.label}) and the suffix {by_suffix.suffix} of {path} "
            f"({by_suffix.label}) disagree; drop the format or change the suffix"
        )
    return spec
