"""Property pair constraints: sh:equals and sh:disjoint, compared term by term (``sameTerm``), one
result per distinct value as in pySHACL; sh:lessThan and sh:lessThanOrEquals with SPARQL's ``<``
and ``<=`` as the specification says, one result per pair of values that is not in order or
cannot be compared (literals of the numeric datatypes are compared in their own datatype, see
:func:`.value_range.restored`). Where pySHACL departs from SPARQL (it compares IRIs as strings
and stops on blank nodes), this engine follows the specification: an IRI or a blank node is never
less than anything."""

from __future__ import annotations

from .common import EngineParts, UnsupportedShapeError, _guard, _sparql_term
from .components import component_name
from .value_range import restored


class PropertyPairConstraints(EngineParts):
    """sh:equals, sh:disjoint."""

    def _pair_property(self, shape, p, name) -> str:
        from rdflib import URIRef

        if not isinstance(p, URIRef):
            raise UnsupportedShapeError(f"shape {shape.node}: sh:{name} {p!r} is not an IRI")
        return _sparql_term(p)

    def _c_equals(self, shape, focus, properties):
        out = []
        for p in properties:
            prop = self._pair_property(shape, p, "equals")
            values = self._value_pattern(shape, focus)
            # the values along the path that are no value of the property, and the other way round
            own = "?this %s ?value" % shape.path_sparql if shape.is_property_shape else "FILTER(sameTerm(?this, ?value))"
            q1 = "SELECT DISTINCT ?this ?value WHERE { %s FILTER NOT EXISTS { ?this %s ?value } }" % (values, prop)
            q2 = "SELECT DISTINCT ?this ?value WHERE { %s ?this %s ?value . FILTER NOT EXISTS { %s } }" % (
                focus.pattern("?this"), prop, own)
            for q in (q1, q2):
                out.extend(self._raw(shape, s["this"], s["value"], component_name("equals")) for s in self._select(q))
        return out

    def _c_disjoint(self, shape, focus, properties):
        out = []
        for p in properties:
            prop = self._pair_property(shape, p, "disjoint")
            q = "SELECT DISTINCT ?this ?value WHERE { %s ?this %s ?value . }" % (self._value_pattern(shape, focus), prop)
            out.extend(self._raw(shape, s["this"], s["value"], component_name("disjoint")) for s in self._select(q))
        return out

    def _c_lessThan(self, shape, focus, properties):
        return self._ordered(shape, focus, properties, "<", "lessThan")

    def _c_lessThanOrEquals(self, shape, focus, properties):
        return self._ordered(shape, focus, properties, "<=", "lessThanOrEquals")

    def _ordered(self, shape, focus, properties, op, name):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:{name} on node shape {shape.node} (SHACL allows it on property shapes only)")
        out = []
        for p in properties:
            prop = self._pair_property(shape, p, name)
            ok = f"(isLiteral(?value) && isLiteral(?other) && {restored('?value')} {op} {restored('?other')})"
            q = "SELECT ?this ?value WHERE { { SELECT DISTINCT ?this ?value ?other WHERE { %s ?this %s ?other . FILTER(!(%s)) } } }" % (
                self._value_pattern(shape, focus), prop, _guard(ok))
            out.extend(self._raw(shape, s["this"], s["value"], component_name(name)) for s in self._select(q))
        return out
