"""Cardinality constraints: sh:minCount, sh:maxCount (results without sh:value, as pySHACL).

Also the counting queries of sh:qualifiedMinCount/sh:qualifiedMaxCount (:func:`count_query`).
The common bounds get a query Oxigraph runs faster than grouping every focus node: "fewer
than 1" is a ``FILTER NOT EXISTS``, "more than 1" a join of the values with themselves; other
bounds group and count. All count distinct values (``COUNT(DISTINCT ?value)``, as pySHACL).
"""

from __future__ import annotations

import re

from .common import EngineParts, UnsupportedShapeError
from .components import component_name


def count_query(focus_pattern: str, path: str, op: str, bound: int, value_filter: str | None = None) -> str:
    """A SELECT of the ``?this`` of ``focus_pattern`` whose number of distinct values along
    ``path`` (those satisfying ``value_filter`` over ``?value``, if given) is ``op`` (``<`` or
    ``>``) ``bound``."""
    condition = f" FILTER({value_filter})" if value_filter else ""
    if op == "<" and bound == 1:
        return "SELECT ?this WHERE { %s FILTER NOT EXISTS { ?this %s ?value%s } }" % (focus_pattern, path, condition)
    if op == ">" and bound == 1:
        other = re.sub(r"\?value\b", "?other", condition)
        return "SELECT DISTINCT ?this WHERE { %s ?this %s ?value .%s ?this %s ?other .%s FILTER(!sameTerm(?value, ?other)) }" % (
            focus_pattern, path, condition, path, other)
    if op == "<":
        return "SELECT ?this WHERE { %s OPTIONAL { ?this %s ?value%s } } GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < %d)" % (
            focus_pattern, path, condition, bound)
    return "SELECT ?this WHERE { %s ?this %s ?value%s } GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > %d)" % (
        focus_pattern, path, condition, bound)


class CardinalityConstraints(EngineParts):
    """sh:minCount, sh:maxCount."""

    def _c_minCount(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:minCount on node shape {shape.node}")
        out = []
        for v in values:
            n = int(v.value)
            if n <= 0:
                continue
            q = count_query(focus.pattern("?this"), shape.path_sparql, "<", n)
            out.extend(self._raw(shape, s["this"], None, component_name("minCount")) for s in self._select(q))
        return out

    def _c_maxCount(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:maxCount on node shape {shape.node}")
        out = []
        for v in values:
            q = count_query(self.focus_of_values(shape, focus), shape.path_sparql, ">", int(v.value))
            out.extend(self._raw(shape, s["this"], None, component_name("maxCount")) for s in self._select(q))
        return out
