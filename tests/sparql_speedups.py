"""rdflib's SPARQL MINUS with an index: the same solutions, in the same order, found faster.

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


def install() -> None:
    """Make rdflib's SPARQL evaluation use :func:`indexed_minus` for MINUS."""
    from rdflib.plugins.sparql import evaluate

    evaluate._minus = indexed_minus
