"""Value range constraints: sh:minInclusive, sh:maxInclusive, sh:minExclusive, sh:maxExclusive
with numeric, xsd:date or xsd:dateTime bounds (other bounds are refused: engine 'auto' hands
them to pySHACL).

As the specification defines them, a value conforms when the SPARQL expression ``$bound <= ?value``
(etc.) is true: here that expression itself, over the value as written. A validation store keeps
literals of the numeric XSD datatypes in a stored form so that Oxigraph does not rewrite them
(:mod:`imvo_graph.rdf.literals`); the query reads such a value as written, in its own datatype,
before it compares (:func:`restored`). Non-numeric values, and values whose lexical form is not
of their datatype, fail (the comparison is an error), as in pySHACL. A date or dateTime bound
compares values of its own datatype only: one deliberate difference with pySHACL, which reads
``"2017"^^xsd:gYear`` as 2017-01-01 and compares it with a date, where SPARQL has no such
comparison (a type error, so the value fails, as the specification's expression says)."""

from __future__ import annotations

from .common import XSD, EngineParts, UnsupportedShapeError, _sparql_string
from .components import component_name

#: the datatypes compared as numbers (XSD's numeric types)
NUMERIC = tuple(XSD + name for name in (
    "integer", "decimal", "float", "double", "nonPositiveInteger", "negativeInteger", "long", "int", "short",
    "byte", "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "positiveInteger",
))


#: the datatypes compared as points in time (values of the bound's own datatype only)
TEMPORAL = (XSD + "dateTime", XSD + "date")


def restored(var: str) -> str:
    """A SPARQL expression: the literal in ``var`` as written, with its own datatype
    (:func:`imvo_graph.rdf.literals.as_written_expression`)."""
    from ...rdf.literals import as_written_expression

    return as_written_expression(var)


class ValueRangeConstraints(EngineParts):
    """sh:minInclusive, sh:maxInclusive, sh:minExclusive, sh:maxExclusive."""

    def _c_minInclusive(self, shape, focus, values):
        return self._range(shape, focus, values, ">=", "minInclusive")

    def _c_maxInclusive(self, shape, focus, values):
        return self._range(shape, focus, values, "<=", "maxInclusive")

    def _c_minExclusive(self, shape, focus, values):
        return self._range(shape, focus, values, ">", "minExclusive")

    def _c_maxExclusive(self, shape, focus, values):
        return self._range(shape, focus, values, "<", "maxExclusive")

    def range_ok(self, shape, bound, op, name, var) -> str:
        dt = str(getattr(bound, "datatype", "") or "")
        if dt in TEMPORAL and not getattr(bound, "ill_typed", False):
            bound_text = f"{_sparql_string(str(bound))}^^<{dt}>"
            return f"(isLiteral({var}) && DATATYPE({var}) = <{dt}> && {var} {op} {bound_text})"
        if dt not in NUMERIC or getattr(bound, "ill_typed", False):
            raise UnsupportedShapeError(
                f"shape {shape.node}: sh:{name} with a {dt or 'non-literal'} bound (the compiled engine compares "
                "numbers, dates and dateTimes only)")
        value = restored(var)
        numeric = ", ".join(f"<{d}>" for d in NUMERIC)
        bound_text = f"{_sparql_string(str(bound))}^^<{dt}>"
        return f"(isLiteral({var}) && DATATYPE({value}) IN ({numeric}) && {value} {op} {bound_text})"

    def _range(self, shape, focus, values, op, name):
        out = []
        for bound in values:
            ok = self.range_ok(shape, bound, op, name, "?value")
            out.extend(self._pairs_failing(shape, focus, ok, component_name(name)))
        return out
