"""Cardinality constraints: sh:minCount, sh:maxCount (results without sh:value, as pySHACL)."""

from __future__ import annotations

from .common import UnsupportedShapeError, _COMPONENT


class CardinalityConstraints:
    """sh:minCount, sh:maxCount."""

    def _c_minCount(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:minCount on node shape {shape.node}")
        out = []
        for v in values:
            n = int(v.value)
            if n <= 0:
                continue
            q = (
                "SELECT ?this WHERE { %s OPTIONAL { ?this %s ?value } } GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < %d)"
                % (focus.pattern("?this"), shape.path_sparql, n)
            )
            out.extend(self._raw(shape, s["this"], None, _COMPONENT["minCount"]) for s in self._select(q))
        return out

    def _c_maxCount(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:maxCount on node shape {shape.node}")
        out = []
        for v in values:
            n = int(v.value)
            q = (
                "SELECT ?this WHERE { %s ?this %s ?value } GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > %d)"
                % (focus.pattern("?this"), shape.path_sparql, n)
            )
            out.extend(self._raw(shape, s["this"], None, _COMPONENT["maxCount"]) for s in self._select(q))
        return out
