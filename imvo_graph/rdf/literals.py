"""Literals kept as written in an Oxigraph store, which would otherwise rewrite them.

Oxigraph's store keeps typed literals of the :data:`CANONICALISED` datatypes by value, in
canonical form: ``"7"^^xsd:positiveInteger`` comes back as ``"7"^^xsd:integer``, ``"1.0"^^xsd:decimal``
as ``"1"``, ``"007"^^xsd:integer`` as ``"7"``, ``"1"^^xsd:boolean`` as ``"true"``, ``"1.0E0"^^xsd:double``
as ``"1"``. Validation must see what the file says, so a :class:`imvo_graph.rdf.store.LiteralStore`
holds such a literal under a private datatype IRI (its *stored form*, :func:`stored`) and gives
back the literal as written (:func:`as_written`) from every read. xsd:integer is among them for
a second reason: a file holding both ``"7"^^xsd:integer`` and ``"7"^^xsd:positiveInteger`` for
one subject and property would otherwise lose the first when the second is put back as written.

This module is the only one that knows the private datatype: code that compiles SPARQL over
such a store writes terms with :func:`sparql_term` and reads a value as written with
:func:`as_written_expression`.
"""

from __future__ import annotations

from .namespaces import XSD
from .terms import escape_string
from .terms import sparql_term as _sparql_term

#: The datatypes whose literals Oxigraph's store rewrites.
CANONICALISED = frozenset(
    XSD + name
    for name in (
        "integer", "boolean", "double", "float",
        "decimal", "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
)
#: The stored form's datatype is this prefix + the literal's datatype IRI.
PRIVATE_DATATYPE = "urn:imvo-graph:datatype:"


def stored(literal):
    """The stored form of a term: a literal of a :data:`CANONICALISED` datatype under its private
    datatype, any other term as it is."""
    import pyoxigraph as ox

    if type(literal) is ox.Literal and literal.datatype.value in CANONICALISED:
        return ox.Literal(literal.value, datatype=ox.NamedNode(PRIVATE_DATATYPE + literal.datatype.value))
    return literal


def as_written(term):
    """The literal as written of a stored form (any other term as it is)."""
    import pyoxigraph as ox

    if type(term) is ox.Literal and term.datatype.value.startswith(PRIVATE_DATATYPE):
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype.value[len(PRIVATE_DATATYPE):]))
    return term


def stored_quad(quad):
    """A quad with its object in stored form (the quad itself when its object is no literal the
    store would rewrite: most are not, and a new Quad for each took twice the time of the rest
    of storing the shipped shapes)."""
    import pyoxigraph as ox

    obj = quad.object
    if type(obj) is not ox.Literal or obj.datatype.value not in CANONICALISED:
        return quad
    return ox.Quad(quad.subject, quad.predicate, stored(obj), quad.graph_name)


def as_written_quad(quad):
    """A quad with its object as written."""
    import pyoxigraph as ox

    obj = quad.object
    if type(obj) is ox.Literal and obj.datatype.value.startswith(PRIVATE_DATATYPE):
        return ox.Quad(quad.subject, quad.predicate, as_written(obj), quad.graph_name)
    return quad


def stored_datatype(datatype: str) -> str:
    """The datatype IRI the store holds literals of ``datatype`` under."""
    return PRIVATE_DATATYPE + datatype if datatype in CANONICALISED else datatype


def sparql_term(term) -> str:
    """``term`` (pyoxigraph) as SPARQL text matching its stored form
    (:func:`imvo_graph.rdf.terms.sparql_term` of :func:`stored`)."""
    return _sparql_term(stored(term))


def as_written_expression(var: str) -> str:
    """A SPARQL expression: the value of ``var`` as written, a literal with its own datatype,
    whether the store holds it in stored form or as it is."""
    datatype = f"STR(DATATYPE({var}))"
    private = '"' + escape_string(PRIVATE_DATATYPE, sparql=True) + '"'
    return (f"IF(STRSTARTS({datatype}, {private}), "
            f"STRDT(STR({var}), IRI(STRAFTER({datatype}, {private}))), {var})")
