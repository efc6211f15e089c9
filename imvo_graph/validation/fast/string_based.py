"""String-based constraints: sh:minLength, sh:maxLength, sh:pattern (Python's ``re`` over the
distinct values, as pySHACL), sh:languageIn, sh:uniqueLang."""

from __future__ import annotations

import re

from .common import RDF, XSD, EngineParts, UnsupportedShapeError, _sparql_string, is_true
from .components import component_name
from .shapes import TargetFocus


class StringBasedConstraints(EngineParts):
    """sh:minLength, sh:maxLength, sh:pattern, sh:languageIn, sh:uniqueLang."""

    def _c_languageIn(self, shape, focus, lists):
        out = []
        for head in lists:
            out.extend(self._pairs_failing(shape, focus, self.language_in_ok(head, "?value"), component_name("languageIn")))
        return out

    def language_in_ok(self, head, var) -> str:
        langs = {str(l).lower() for l in self.index.items(head)}
        if "*" in langs:
            return f'(isLiteral({var}) && lang({var}) != "")'
        if not langs:
            return "false"
        opts = " || ".join(
            f'LCASE(lang({var})) = {_sparql_string(l)} || STRBEFORE(LCASE(lang({var})), "-") = {_sparql_string(l)}'
            for l in sorted(langs)
        )
        return f'(isLiteral({var}) && lang({var}) != "" && ({opts}))'

    def _c_minLength(self, shape, focus, values):
        return [r for v in values for r in self._pairs_failing(shape, focus, self.length_ok(v, "?value", ">="), component_name("minLength"))]

    def _c_maxLength(self, shape, focus, values):
        return [r for v in values for r in self._pairs_failing(shape, focus, self.length_ok(v, "?value", "<="), component_name("maxLength"))]

    def length_ok(self, literal, var, op) -> str:
        n = int(literal.value)
        if op == ">=" and n == 0:
            return "true"
        return f"(!isBlank({var}) && STRLEN(STR({var})) {op} {n})"

    def _c_pattern(self, shape, focus, patterns):
        flags = shape.params.get("flags", [None])[0]
        out = []
        for pattern in patterns:
            matcher = _compile_pattern(pattern, flags)
            q = "SELECT DISTINCT ?this ?value WHERE { %s }" % self._value_pattern(shape, focus)
            cache: dict = {}
            for s in self._select(q):
                v = s["value"]
                ok = cache.get(v)
                if ok is None:
                    text = _plain_text(v)
                    if text is not None:  # an IRI or a string: its text as rdflib gives it
                        ok = bool(matcher.match(text) or matcher.search(text))
                    else:
                        ok = _pattern_ok(self.convert(v), matcher)
                    cache[v] = ok
                if not ok:
                    out.append(self._raw(shape, s["this"], v, component_name("pattern")))
        return out

    def _c_uniqueLang(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:uniqueLang on node shape {shape.node} (pySHACL refuses it)")
        if not any(is_true(v) for v in values):
            return []  # only the literal true switches it on ("1"^^xsd:boolean does not)
        pairs = (
            "?this %s ?a . ?this %s ?b . "
            'FILTER(isLiteral(?a) && isLiteral(?b) && lang(?a) != "" && !sameTerm(?a, ?b) '
            "&& LCASE(lang(?a)) = LCASE(lang(?b))) BIND(LCASE(lang(?a)) AS ?lang)" % (shape.path_sparql, shape.path_sparql)
        )
        from rdflib import URIRef

        membership = focus.membership("?this") if isinstance(focus, TargetFocus) else None
        if isinstance(shape.path, URIRef) and membership is not None and self.focus_of_values(shape, focus):
            # the (few) nodes with two values in one language first, then whether each is a focus
            # node: cheaper than joining a large focus set with the values (benchmarks/code-choices.md)
            q = "SELECT ?this ?lang WHERE { { SELECT DISTINCT ?this ?lang WHERE { %s } } FILTER EXISTS { %s } }" % (
                pairs, membership)
        else:
            q = "SELECT DISTINCT ?this ?lang WHERE { %s %s }" % (self.focus_of_values(shape, focus), pairs)
        return [self._raw(shape, s["this"], None, component_name("uniqueLang")) for s in self._select(q)]


def _compile_pattern(pattern, flags):
    re_flags = 0
    if flags is not None:
        f = str(getattr(flags, "value", flags)).lower()
        if "i" in f:
            re_flags |= re.I
        if "m" in f:
            re_flags |= re.M
    text = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
    return re.compile(text, re_flags)


def _plain_text(term) -> str | None:
    """The text of an IRI, or of an xsd:string or rdf:langString literal (what ``str()`` of the
    rdflib term gives), read from the pyoxigraph term; None for other terms."""
    import pyoxigraph as ox

    if type(term) is ox.NamedNode:
        return term.value
    if type(term) is ox.Literal and (term.language or term.datatype.value == XSD + "string"):
        return term.value
    return None


def _pattern_ok(v, matcher) -> bool:
    from rdflib import BNode, Literal

    if isinstance(v, BNode):
        return False
    if isinstance(v, Literal):
        if v.value is not None and (v.datatype is None or str(v.datatype) in (RDF + "langString", XSD + "string")):
            s = str(v.value)
        else:
            s = str(v)
    else:
        s = str(v)
    return bool(matcher.match(s) or matcher.search(s))
