"""What every part of the fast engine shares: namespaces, the error, component names, terms in SPARQL."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Callable

from ...errors import InputError
from ...rdf.namespaces import RDF, RDFS, XSD
from ...rdf.terms import escape_string
from ..report import SH

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

AUX = "urn:imvo-graph:fast:"
ILL_GRAPH = AUX + "ill-typed"
ALLOWED_SEVERITIES = {SH + "Warning", SH + "Info"}


class UnsupportedShapeError(InputError):
    """A shape uses a SHACL feature the fast engine does not implement (engine "auto" then runs the whole validation on pySHACL)."""


def is_true(term) -> bool:
    """True for the literal ``true`` (``"true"^^xsd:boolean``), the only value that switches on
    a boolean parameter such as sh:closed or sh:uniqueLang (``"1"^^xsd:boolean`` does not)."""
    from rdflib import Literal

    return isinstance(term, Literal) and str(term) == "true" and str(term.datatype) == XSD + "boolean"


def _sparql_term(term) -> str:
    """An rdflib IRI or literal of the shapes as SPARQL text matching the validation store's
    term (:func:`imvo_graph.rdf.literals.sparql_term`); blank nodes cannot be named in a query."""
    from rdflib import BNode, Literal, URIRef

    from ...rdf.convert import oxigraph_term_converter
    from ...rdf.literals import sparql_term
    from ...rdf.terms import TermError

    if isinstance(term, BNode):
        raise UnsupportedShapeError(f"a blank node ({term}) used as a value in a shape cannot be matched by the fast engine")
    if not isinstance(term, (URIRef, Literal)):
        raise UnsupportedShapeError(f"unsupported term {term!r} in a shape")
    try:
        return sparql_term(oxigraph_term_converter()(term))
    except TermError as exc:
        raise UnsupportedShapeError(f"{term!r} in a shape cannot be written in a query: {exc}") from None


def shapes_graph_of(quads) -> "rdflib.Graph":
    """The rdflib graph the compiled engine reads shapes from: as :func:`imvo_graph.rdf.convert.rdflib_graph`,
    but a boolean keeps its lexical form (rdflib would turn ``"1"^^xsd:boolean`` into ``"true"``,
    and only the literal true switches a parameter such as sh:uniqueLang on: :func:`is_true`)."""
    import pyoxigraph as ox
    import rdflib

    from ...rdf.convert import rdflib_term_converter

    convert = rdflib_term_converter()
    boolean = XSD + "boolean"
    # each term converted once (rdflib checks every IRI and reads every literal's value): the
    # shipped shapes name about 3,000 terms in 9,000 places
    converted: dict = {}

    def term(t):
        found = converted.get(t)
        if found is None:
            if type(t) is ox.Literal and t.datatype.value == boolean and t.value not in ("true", "false"):
                found = rdflib.Literal(t.value, datatype=rdflib.URIRef(boolean), normalize=False)
            else:
                found = convert(t)
            converted[t] = found
        return found

    # (rdflib's store without graph names: the shapes are one graph, read many times by the
    # engine; built and read about a third faster than with the default store's contexts)
    graph = rdflib.Graph(store="SimpleMemory")
    graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in quads)
    return graph


def term_converter() -> Callable:
    """A term of the validation store's rows (its stored form) -> the rdflib term of the literal
    as written, as :func:`imvo_graph.rdf.loading.load_rdflib` converts it."""
    from ...rdf.convert import rdflib_term_converter
    from ...rdf.literals import as_written

    convert = rdflib_term_converter()
    return lambda term: convert(as_written(term))


#: fresh variable names for the compiled queries
_counter = itertools.count()


def _fresh(prefix: str = "v") -> str:
    return f"?_{prefix}{next(_counter)}"


def _uri(value: str):
    from rdflib import URIRef

    return URIRef(value)


def _sparql_string(text: str) -> str:
    return '"' + escape_string(text, sparql=True) + '"'


def _guard(expr: str) -> str:
    # An error in a FILTER counts as false; COALESCE turns "error" into "not ok" (a violation),
    # as pySHACL reports a value it cannot check.
    return f"COALESCE({expr}, false)"


def typed_as(var: str, members: list) -> str:
    """A pattern that matches when ``var`` has an ``rdf:type`` among ``members`` (a class and
    its subclasses, as SPARQL IRIs): one index lookup per type."""
    if len(members) == 1:
        return f"{var} <{RDF}type> {members[0]} ."
    t = _fresh("c")
    return f"VALUES {t} {{ {' '.join(members)} }} {var} <{RDF}type> {t} ."


def walks_to_class(var: str, c) -> str:
    """A pattern that matches when ``var`` is an instance of ``c`` through
    ``rdf:type/rdfs:subClassOf*`` (for classes whose subclasses a query cannot name)."""
    return f"{var} <{RDF}type>/<{RDFS}subClassOf>* {_sparql_term(c)} ."


class EngineParts:
    """The base of the constraint mixins of :class:`.runner.FastValidator`: declares, for type
    checkers only, what a mixin uses of the validator and of the other mixins (the validator
    defines them all; nothing here exists at run time)."""

    if TYPE_CHECKING:  # pragma: no cover
        import threading

        from .shapes import ShapesIndex

        store: pyoxigraph.Store
        index: ShapesIndex
        convert: Callable[[Any], Any]
        _lock: threading.Lock
        _subclasses: dict
        _ill_checked: set

        def _ill_lock(self, datatype: str) -> threading.Lock: ...
        def _select(self, query: str, **kwargs: Any) -> Any: ...
        def _new_graph(self, *args: Any, **kwargs: Any) -> Any: ...
        def _value_pattern(self, *args: Any, **kwargs: Any) -> Any: ...
        def evaluate(self, *args: Any, **kwargs: Any) -> Any: ...
        def one_value_each_at_once(self, *args: Any, **kwargs: Any) -> Any: ...
        def class_ok(self, *args: Any, **kwargs: Any) -> Any: ...
        def datatype_ok(self, *args: Any, **kwargs: Any) -> Any: ...
        def value_property(self, *args: Any, **kwargs: Any) -> Any: ...
        def nodekind_ok(self, *args: Any, **kwargs: Any) -> Any: ...
        def in_ok(self, *args: Any, **kwargs: Any) -> Any: ...
        def length_ok(self, *args: Any, **kwargs: Any) -> Any: ...
        def language_in_ok(self, *args: Any, **kwargs: Any) -> Any: ...
