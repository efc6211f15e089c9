"""The SHACL shapes that constrain a class, said in words (Dutch and English) for the
ontology's documentation: "Een convenant heeft precies één status (een van: afgesloten, ...)"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..rdf.namespaces import PREFIXES, RDFS, SH, SKOS_PREF_LABEL, PrefixTable
from ..rdf.terms import term_text

if TYPE_CHECKING:  # pragma: no cover
    from ..rdf.triples import Triples

SEVERITY = {SH + "Warning": ("aanbevolen", "recommended"), SH + "Info": ("ter informatie", "for information")}


def class_constraints(shapes: "Triples", ontology: "Triples", cls) -> list[dict]:
    """For each node shape whose sh:targetClass is ``cls``: its name and description, and a
    sentence per property shape, ``{"nl", "en", "severity": (nl, en) | None}``."""
    found = []
    for shape in sorted(shapes.subjects(SH + "targetClass", cls), key=term_text):
        entry: dict[str, Any] = {"shape": shape, "name": _texts(shapes, shape, SH + "name"),
                 "description": _texts(shapes, shape, SH + "description"), "rules": []}
        for prop_shape in shapes.objects(shape, SH + "property"):
            rule = _rule(shapes, ontology, cls, prop_shape)
            if rule is not None:
                entry["rules"].append(rule)
        entry["rules"].sort(key=lambda r: (r["en"], r["nl"], str(r["severity"])))
        found.append(entry)
    return found


def _texts(graph, subject, predicate) -> dict[str, str]:
    import pyoxigraph as ox

    out: dict[str, str] = {}
    for value in sorted(graph.objects(subject, predicate), key=term_text):  # the same pick in every run
        if isinstance(value, ox.Literal):
            out.setdefault(value.language or "", value.value)
    return out


def _label(graphs, term, lang: str) -> str:
    import pyoxigraph as ox

    for graph in graphs:  # the first label in lang or untagged, the least text of several
        texts = graph.labels(term, (RDFS + "label", SKOS_PREF_LABEL), least=True, languages=(lang, ""))
        if texts:
            return texts.get(lang) or texts[""]
    if isinstance(term, ox.NamedNode):
        return PrefixTable(PREFIXES).qname(term.value) or term.value
    return "…"


def _rule(shapes, ontology, cls, node) -> dict | None:
    import pyoxigraph as ox

    def one(predicate):
        return min(shapes.objects(node, SH + predicate), key=term_text, default=None)

    path = one("path")
    if path is None:
        return None
    graphs = (ontology, shapes)
    low, high = one("minCount"), one("maxCount")
    low = int(term_text(low)) if low is not None else 0
    high = int(term_text(high)) if high is not None else None
    value_class, datatype, choices = one("class"), one("datatype"), one("in")
    if not (low or high is not None or value_class is not None or datatype is not None or choices is not None):
        return None
    sentences = {}
    for lang in ("nl", "en"):
        subject = _label(graphs, cls, lang)
        prop = _label(graphs, path, lang) if isinstance(path, ox.NamedNode) else ("een pad" if lang == "nl" else "a path")
        if isinstance(path, ox.NamedNode):
            short = _label([], path, lang)
            prop = f"{prop} ({short})" if short != prop else prop
        nl = lang == "nl"
        value = ""
        if value_class is not None:
            value = f"{'een' if nl else 'a'} {_label(graphs, value_class, lang)}"
        elif datatype is not None:
            value = f"{'van het type' if nl else 'of type'} {_label([], datatype, lang)}"
        elif choices is not None:
            items = ", ".join(_label(graphs, item, lang) for item in shapes.items(choices))
            value = f"{'een van' if nl else 'one of'}: {items}"
        if low <= 0 and high is None:  # only the kind of value is constrained
            sentences[lang] = (f"Elke waarde van {prop} van een {subject} is {value}." if nl
                               else f"Every value of {prop} of a {subject} is {value}.")
        else:
            count = _count(low, high, lang)
            value = f" ({value})" if value else ""
            sentences[lang] = (f"Een {subject} heeft {count} {prop}{value}." if nl
                               else f"A {subject} has {count} {prop}{value}.")
    severity = SEVERITY.get(term_text(one("severity"))) if one("severity") is not None else None
    return {"nl": sentences["nl"], "en": sentences["en"], "severity": severity}


def _count(low: int, high: int | None, lang: str) -> str:
    nl = lang == "nl"
    if high is None:
        if low <= 0:
            return "willekeurig veel" if nl else "any number of"
        return ("ten minste één" if nl else "at least one") if low == 1 else (f"ten minste {low}" if nl else f"at least {low}")
    if low == high:
        return ("precies één" if nl else "exactly one") if low == 1 else (f"precies {low}" if nl else f"exactly {low}")
    if low <= 0:
        return ("hoogstens één" if nl else "at most one") if high == 1 else (f"hoogstens {high}" if nl else f"at most {high}")
    return f"{low} tot {high}" if nl else f"{low} to {high}"
