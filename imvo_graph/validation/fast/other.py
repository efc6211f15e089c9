"""Other constraints: sh:in, sh:hasValue (results without sh:value), sh:closed."""

from __future__ import annotations

from .common import SH, EngineParts, _sparql_term, is_true
from .components import component_name


class OtherConstraints(EngineParts):
    """sh:in, sh:hasValue, sh:closed."""

    def _c_in(self, shape, focus, lists):
        out = []
        for head in lists:
            out.extend(self._pairs_failing(shape, focus, self.in_ok(head, "?value"), component_name("in")))
        return out

    def in_ok(self, head, var) -> str:
        members = self.index.items(head)
        if not members:
            return "false"
        return "(" + " || ".join(f"sameTerm({var}, {_sparql_term(m)})" for m in members) + ")"

    def _c_hasValue(self, shape, focus, values):
        out = []
        for v in values:
            term = _sparql_term(v)
            q = "SELECT DISTINCT ?this WHERE { %s FILTER NOT EXISTS { %s } }" % (
                focus.pattern("?this"),
                f"?this {shape.path_sparql} ?hv FILTER(sameTerm(?hv, {term}))" if shape.is_property_shape
                else f"FILTER(sameTerm(?this, {term}))",
            )
            out.extend(self._raw(shape, s["this"], None, component_name("hasValue")) for s in self._select(q))
        return out

    def _c_closed(self, shape, focus, values):
        from rdflib import URIRef

        if not any(is_true(v) for v in values):
            return []
        allowed = set()
        for ps in shape.params.get("property", []):
            p = self.index.graph.value(ps, URIRef(SH + "path"))
            if isinstance(p, URIRef):
                allowed.add(p)
        for head in shape.params.get("ignoredProperties", []):
            allowed.update(self.index.items(head))
        flt = " && ".join(f"!sameTerm(?p, {_sparql_term(p)})" for p in sorted(allowed, key=str)) or "true"
        q = "SELECT DISTINCT ?this ?p ?o WHERE { %s ?this ?p ?o FILTER(%s) }" % (self._value_pattern(shape, focus, "?f", "?this"), flt)
        out = []
        for s in self._select(q):
            out.append(self._raw(shape, s["this"], s["o"], component_name("closed"), path=self.convert(s["p"])))
        return out
