"""Converting RDF terms between pyoxigraph and rdflib, every literal kept exactly as written.

pyoxigraph parses and queries; rdflib is what pySHACL and owlrl read. Every crossing between
the two goes through these converters, so that a lexical form or datatype is never changed on
the way (rdflib would otherwise be handed what it is given, and pyoxigraph's parser keeps what
the file says; only its Store canonicalises, see :mod:`imvo_graph.rdf.literals`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Callable

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


def rdflib_term_converter() -> Callable:
    """A function: pyoxigraph term -> rdflib term (blank nodes keep their labels)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    def convert(term):
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            return Literal(term.value, datatype=URIRef(term.datatype.value))
        raise InputError(f"unsupported RDF term {term!r}")

    return convert


def oxigraph_term_converter(*, fresh_blank_nodes: bool = False) -> Callable:
    """A function: rdflib term -> pyoxigraph term.

    ``fresh_blank_nodes``: give each rdflib blank node a new pyoxigraph blank node (one per
    label, for the converter's life), instead of reusing its label.
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    blank_nodes: dict[str, object] = {}

    def convert(term):
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            if fresh_blank_nodes:
                return blank_nodes.setdefault(str(term), ox.BlankNode())
            return ox.BlankNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
        raise InputError(f"unsupported RDF term {term!r}")

    return convert


def rdflib_graph(quads: Iterable) -> "rdflib.Graph":
    """An rdflib graph of pyoxigraph quads or triples (graph names are dropped: their union)."""
    import rdflib

    graph = rdflib.Graph()
    convert = rdflib_term_converter()
    graph.addN((convert(q.subject), convert(q.predicate), convert(q.object), graph) for q in quads)
    return graph
