"""rdflib's SPARQL MINUS with an index, and its filters without a step that cannot succeed:
the same solutions, in the same order, found faster (:func:`install`; :func:`filter_value`).

rdflib evaluates ``A MINUS B`` by comparing every solution of A with every solution of B
(``rdflib.plugins.sparql.evalutils._minus``). The shipped shapes' statement-provenance target
(shapes/provenance.ttl) has a MINUS over thousands of solutions on each side, and pySHACL
spent half of each run on the shipped graph there; the suite runs pySHACL on graphs of that
size a dozen times as the reference of the fast engine.

:func:`indexed_minus` keeps rdflib's rule and its code for the decision: a solution ``x`` of A
is dropped when some ``y`` of B is ``x.compatible(y)`` and not ``x.disjointDomain(y)``. It only
skips the ``y`` that cannot be compatible with ``x``: B is grouped by domain, and within a
group indexed on the variables the group shares with ``x``, by the text of each value. Two
rdflib terms that are equal (``==``) have the same text (``Identifier.__eq__``: the same type
and text; ``Literal.__eq__``: also the same datatype and language), so a ``y`` whose shared
values have another text differs from ``x`` in one of them, and ``x.compatible(y)`` is false.
A group whose values are not all rdflib terms, or an ``x`` with such a value, is compared in
full, as rdflib does. tests/test_sparql_speedups.py checks the two give the same solutions.
"""

from __future__ import annotations


def _text(value):
    from rdflib.term import Identifier

    return str(value) if isinstance(value, Identifier) else None


class _Group:
    """The solutions of B with one domain, and their indexes on subsets of that domain."""

    def __init__(self, domain: frozenset):
        self.domain = domain
        self.members: list = []
        self.indexes: dict = {}

    def index(self, shared: frozenset):
        if shared not in self.indexes:
            order = tuple(shared)
            table: dict | None = {}
            for y in self.members:
                key = tuple(_text(y[k]) for k in order)
                if None in key:
                    table = None  # a value that is not an rdflib term: compare in full
                    break
                table.setdefault(key, []).append(y)
            self.indexes[shared] = (order, table)
        return self.indexes[shared]

    def candidates(self, x, shared: frozenset) -> list:
        order, table = self.index(shared)
        if table is None:
            return self.members
        key = tuple(_text(x[k]) for k in order)
        if None in key:
            return self.members
        return table.get(key, [])


def indexed_minus(a, b):
    """The solutions of ``a`` that no solution of ``b`` removes (SPARQL 1.1, 18.5 Minus), as
    ``rdflib.plugins.sparql.evalutils._minus`` gives them."""
    groups: dict[frozenset, _Group] = {}
    for y in b:
        domain = frozenset(y)
        groups.setdefault(domain, _Group(domain)).members.append(y)
    for x in a:
        domain = frozenset(x)
        removed = False
        for group in groups.values():
            shared = domain & group.domain
            if not shared:  # disjoint domains: no solution of this group removes x
                continue
            if any(x.compatible(y) and not x.disjointDomain(y) for y in group.candidates(x, shared)):
                removed = True
                break
        if not removed:
            yield x


def filter_value(expr, ctx) -> bool:
    """rdflib's ``_ebv`` (the value of a FILTER, a left join's condition, a MINUS's), without the
    step that cannot succeed for an expression.

    ``rdflib.plugins.sparql.evalutils._ebv`` first tries ``EBV(expr)`` on the expression itself,
    which for an expression (not a literal) always raises ``SPARQLTypeError`` with the ``%r`` of
    the whole expression tree in its message; it then evaluates the expression. pySHACL's runs
    on the shipped graph wrote that text for every solution a filter saw (a twentieth of a run).
    Here an expression is evaluated at once, as rdflib does after that step; anything else (a
    literal, a variable) goes to rdflib's own function."""
    from rdflib.plugins.sparql.operators import EBV
    from rdflib.plugins.sparql.parserutils import Expr
    from rdflib.plugins.sparql.sparql import SPARQLError

    if isinstance(expr, Expr):
        try:
            return EBV(expr.eval(ctx))
        except SPARQLError:
            return False  # filter error == False, as rdflib
    return _RDFLIB_EBV(expr, ctx)


_RDFLIB_EBV = None


def install() -> None:
    """Make rdflib's SPARQL evaluation use :func:`indexed_minus` for MINUS and
    :func:`filter_value` for the value of a filter."""
    global _RDFLIB_EBV
    from rdflib.plugins.sparql import evaluate, evalutils

    evaluate._minus = indexed_minus
    if _RDFLIB_EBV is None:
        _RDFLIB_EBV = evalutils._ebv
    # (evalutils' own _minus and _filter look the name up in their module; evaluate imported it)
    evalutils._ebv = evaluate._ebv = filter_value
