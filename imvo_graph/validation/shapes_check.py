"""Shapes that cannot be meant: refused before any engine runs, naming the file and the term.

A shapes file without a single term of the SHACL namespace is not a shapes graph (a data file
given as ``--shapes`` by mistake), and a property ``sh:NAME`` that SHACL (core, SPARQL and the
advanced features, as rdflib's ``SH`` namespace lists them) does not define is a typo: a
validator that ignored ``sh:minCont 1`` would report conformance for a constraint it never
checked. A SPARQL query in the shapes (a constraint, a target, a rule, a function) that uses
``SERVICE`` is refused too: pySHACL and Oxigraph would send its requests to any host it
names, and validation never leaves the process; and so is one nested deeper than
:data:`~imvo_graph.limits.MAX_QUERY_DEPTH` (Oxigraph's parser crashed the process)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import ShapesError
from ..rdf.namespaces import RDF, SH

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


RDF_TYPE = RDF + "type"
#: The SHACL and SHACL-AF properties whose value is a SPARQL query or update.
SPARQL_TEXTS = tuple(SH + name for name in ("select", "ask", "construct", "update"))


def shacl_terms() -> frozenset:
    """The local names of every term of the SHACL vocabulary."""
    from rdflib.namespace import SH as SH_NAMESPACE

    names = {str(term)[len(SH):] for term in dir(SH_NAMESPACE) if str(term).startswith(SH)}
    # rdflib lists the terms that are Python keywords apart
    return frozenset(names | {"and", "class", "in", "not", "or"})


def check_shapes(quads: Iterable, where: str) -> None:
    """Raise :class:`~imvo_graph.errors.ShapesError` when the statements of one shapes source
    (``where``: its file name) hold no SHACL term, or use an ``sh:`` property SHACL does not define."""
    known = shacl_terms()
    any_shacl = False
    unknown: dict = {}  # subject -> the first unknown sh: property it uses
    shapes = set()  # subjects that use a SHACL property or are typed as a shape
    for q in quads:
        if q.predicate.value in SPARQL_TEXTS:
            _check_query(q, where)
        for position, term in (("predicate", q.predicate), ("object", q.object)):
            value = getattr(term, "value", "")
            if type(term).__name__ == "NamedNode" and value.startswith(SH):
                any_shacl = True
                name = value[len(SH):]
                if position == "predicate":
                    if name in known:
                        shapes.add(q.subject)
                    else:
                        unknown.setdefault(q.subject, name)
                elif name in ("NodeShape", "PropertyShape") and q.predicate.value == RDF_TYPE:
                    shapes.add(q.subject)
    # (a data node with an sh: property of its own, as in the W3C suite's files that hold data
    # and shapes at once, is not a shape)
    for subject, name in unknown.items():
        if subject in shapes:
            raise ShapesError(f"{where}: {_show(subject)} uses sh:{name}, which is not a SHACL term "
                              "(a typo? see https://www.w3.org/TR/shacl/)")
    if not any_shacl:
        raise ShapesError(f"{where}: not a SHACL shapes graph (no term of the SHACL namespace {SH} in it)")


def _check_query(quad, where: str) -> None:
    """A SPARQL text of the shapes: nested no deeper than the parsers take without crashing,
    and without SERVICE."""
    from ..limits import MAX_QUERY_DEPTH, query_depth
    from ..query.run import uses_service

    text = getattr(quad.object, "value", "")
    name = quad.predicate.value[len(SH):]
    if query_depth(text) > MAX_QUERY_DEPTH:  # Oxigraph's parser crashed the process, rdflib's recursed
        raise ShapesError(
            f"{where}: the sh:{name} query of {_show(quad.subject)} nests brackets, braces or "
            f"parentheses deeper than {MAX_QUERY_DEPTH} levels (the limit)"
        )
    if uses_service(text):
        raise ShapesError(
            f"{where}: the sh:{name} query of {_show(quad.subject)} uses SERVICE, which would send "
            "requests to other hosts; validation never leaves the process"
        )


def _show(term) -> str:
    return f"<{term.value}>" if type(term).__name__ == "NamedNode" else "a blank node"


def check_recursion(graph: "rdflib.Graph") -> None:
    """Raise :class:`~imvo_graph.errors.ShapesError` for a cycle of node shapes that refer to each
    other through sh:node, sh:not, sh:and, sh:or or sh:xone: each of these asks about the same
    focus node, so such a cycle never ends, whatever the data (SHACL leaves recursive shapes
    undefined). A cycle through sh:property moves on to value nodes and ends with the data: not
    refused here."""
    from rdflib import Namespace

    sh = Namespace(SH)

    def successors(shape) -> list:
        found = [*graph.objects(shape, sh.node), *graph.objects(shape, sh["not"])]
        for name in ("and", "or", "xone"):
            for head in graph.objects(shape, sh[name]):
                found.extend(graph.items(head))
        return [s for s in found if (s, sh.path, None) not in graph]

    shapes = {s for p in (sh.node, sh["not"], sh["and"], sh["or"], sh.xone) for s in graph.subjects(p, None)}
    done: set = set()
    for start in sorted(shapes, key=str):
        if start in done or (start, sh.path, None) in graph:
            continue
        path = [start]
        stack = [iter(successors(start))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                done.add(path.pop())
                continue
            if nxt in path:
                cycle = path[path.index(nxt):] + [nxt]
                raise ShapesError("recursive shapes: " + " -> ".join(str(s) for s in cycle) +
                                  " asks the same focus node about the same shape again, without end "
                                  "(SHACL leaves recursion undefined)")
            if nxt not in done:
                path.append(nxt)
                stack.append(iter(successors(nxt)))
