"""Serialising any graph deterministically: canonical blank-node labels, sorted statements,
one writer per format."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import InputError
from .formats import ExportFormat, get_format


def canonical_quads(quads: Iterable) -> list:
    """The quads (each once) with deterministic blank-node labels of bounded cost, sorted (see
    :mod:`imvo_graph.export.canonical`; InputError past its work limit)."""
    from ..rdf.terms import quad_key
    from .canonical import relabel

    return sorted(relabel(dict.fromkeys(quads)), key=quad_key)


def as_quads(source) -> list:
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


def serialize(source, fmt: ExportFormat = "turtle", *, context: dict | None = None) -> bytes:
    """Serialise a graph or dataset in ``fmt`` deterministically; UTF-8 bytes.

    ``source``: a pyoxigraph Store or Dataset, an rdflib Graph or Dataset, or an iterable of
    pyoxigraph quads. ``context``: the JSON-LD context document (default: the shipped one).
    Raises InputError for an unknown format or a graph the format cannot express.
    """
    spec = get_format(fmt)
    return _write(canonical_quads(as_quads(source)), spec, context)


def serialize_formats(source, formats: Iterable[ExportFormat], *, context: dict | None = None) -> dict[str, bytes]:
    """``source`` in each of ``formats``, each format as given -> the bytes :func:`serialize` writes, with
    the statements put in canonical order once for all formats (for a release: each part in
    every format). Raises as :func:`serialize` does, for the first format that fails."""
    specs = {fmt: get_format(fmt) for fmt in formats}
    quads = canonical_quads(as_quads(source))
    return {fmt: _write(quads, spec, context) for fmt, spec in specs.items()}


def _write(quads: list, spec, context: dict | None) -> bytes:
    """Canonical quads (:func:`canonical_quads`) written in the format ``spec``."""
    from ..rdf.namespaces import PREFIXES, PrefixTable
    from .context import shipped_context
    from .jsonld import write_jsonld
    from .writers import UnwritableGraph, write_nquads, write_ntriples, write_rdfxml, write_trig, write_turtle

    table = PrefixTable(PREFIXES)
    try:
        if spec.name == "turtle":
            text = write_turtle(quads, table, canonical=True)
        elif spec.name == "trig":
            text = write_trig(quads, table, canonical=True)
        elif spec.name == "ntriples":
            text = write_ntriples(quads)
        elif spec.name == "nquads":
            text = write_nquads(quads)
        elif spec.name == "rdfxml":
            text = write_rdfxml(quads, table)
        else:
            text = write_jsonld(quads, context if context is not None else shipped_context(), canonical=True)
    except UnwritableGraph as exc:
        raise InputError(f"cannot export as {spec.label}: {exc}") from None
    return text.encode("utf-8")
