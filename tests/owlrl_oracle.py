"""owlrl itself, as the oracle of the inference tests: its closure of a store, on an rdflib copy
(exact but not fast; the package computes the same closure on Oxigraph)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

def owlrl_closure_via_owlrl(store: "pyoxigraph.Store", semantics: str = "owlrl") -> None:
    """OWL RL (or RDFS) closure by owlrl itself, on an rdflib copy; exact but not fast."""
    import owlrl

    from imvo_graph.rdf.loading import to_rdflib
    from imvo_graph.validation.pyshacl_engine import rdflib_conversions_kept

    graph = to_rdflib(store)
    cls = owlrl.OWLRL_Semantics if semantics == "owlrl" else owlrl.RDFS_Semantics
    with rdflib_conversions_kept():  # (owlrl leaves rdflib's converters changed: see there)
        owlrl.DeductiveClosure(cls).expand(graph)
    closed = from_rdflib(_without_literal_subjects(graph))
    store.clear()
    store.extend(closed)


def _without_literal_subjects(graph):
    from rdflib import Graph, Literal

    out = Graph()
    out.addN((s, p, o, out) for s, p, o in graph if not isinstance(s, Literal) and not isinstance(p, Literal))
    return out


def from_rdflib(graph: "rdflib.Graph") -> "pyoxigraph.Store":
    """An Oxigraph store with the triples of an rdflib graph (the inverse of :func:`to_rdflib`)."""
    import pyoxigraph as ox

    from imvo_graph.rdf.convert import oxigraph_term_converter

    convert = oxigraph_term_converter()
    store = ox.Store()
    store.extend(ox.Quad(convert(s), convert(p), convert(o), ox.DefaultGraph()) for s, p, o in graph)
    return store
