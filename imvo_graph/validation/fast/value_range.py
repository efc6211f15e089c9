"""Value range constraints: sh:minInclusive, sh:maxInclusive, sh:minExclusive, sh:maxExclusive
(plain numbers only; other bounds are refused)."""

from __future__ import annotations

from .common import XSD, UnsupportedShapeError, _COMPONENT, _sparql_term


class ValueRangeConstraints:
    """sh:minInclusive, sh:maxInclusive, sh:minExclusive, sh:maxExclusive."""

    def _c_minInclusive(self, shape, focus, values):
        return self._range(shape, focus, values, ">=", "minInclusive")

    def _c_maxInclusive(self, shape, focus, values):
        return self._range(shape, focus, values, "<=", "maxInclusive")

    def _c_minExclusive(self, shape, focus, values):
        return self._range(shape, focus, values, ">", "minExclusive")

    def _c_maxExclusive(self, shape, focus, values):
        return self._range(shape, focus, values, "<", "maxExclusive")

    def _range(self, shape, focus, values, op, name):
        # pySHACL compares rdflib Python values; only plain numbers are compared the same way here.
        out = []
        for bound in values:
            dt = str(getattr(bound, "datatype", "") or "")
            if dt not in (XSD + "integer", XSD + "decimal", XSD + "int", XSD + "long"):
                raise UnsupportedShapeError(
                    f"shape {shape.node}: sh:{name} with a {dt or 'non-numeric'} bound is not supported by the fast engine"
                )
            ok = (
                f"(isLiteral(?value) && datatype(?value) IN (<{XSD}integer>, <{XSD}decimal>, <{XSD}int>, <{XSD}long>) "
                f"&& ?value {op} {_sparql_term(bound)})"
            )
            out.extend(self._pairs_failing(shape, focus, ok, _COMPONENT[name]))
        return out
