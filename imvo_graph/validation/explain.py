"""Results that name the real fault, made from what the engine reports.

* **An undeclared term** (``imvosh:UndefinedTermRule``, whose focus node is the ontology) is
  reported on each resource that uses it, at the statement that uses it, with the closest
  declared terms as suggestions ("did you mean imvo:signingDate?", by :mod:`difflib`).
* **An ill-typed literal** (``"2019-13-01"^^xsd:date``, which rdflib finds ill-typed) gets one
  result that says so ("not a valid xsd:date", component sh:DatatypeConstraintComponent) in
  place of every result about that value: the rules that compare the value (a date after the
  letter's) or test its datatype among others (sh:or) say nothing a person can act on.
* **sh:value only when it is a value**: a SPARQL constraint whose query binds no ``?value`` gets
  none (pySHACL fills in the focus node).
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from ..positions import term_key
from ..rdf.namespaces import IMVO, OWL, RDF, RDF_TYPE, RDFS, SH, SHAPES
from ..rdf.terms import term_text
from .report import ValidationResult, to_rdflib

UNDEFINED_TERM_RULE = SHAPES + "UndefinedTermRule"
SPARQL_COMPONENT = SH + "SPARQLConstraintComponent"
DATATYPE_COMPONENT = SH + "DatatypeConstraintComponent"
_DECLARING_TYPES = {
    OWL + "Class", RDFS + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
    RDF + "Property",
}

_UNDECLARED = {
    "nl": "De term {term} staat niet in de ontologie.{hint} Of declareer de term in de ontologie (ontology/imvo.ttl) met een Nederlands en Engels label en uitleg.",
    "en": "The term {term} is not declared in the ontology.{hint} Or declare it in the ontology (ontology/imvo.ttl) with a Dutch and English label and comment.",
}
_HINT = {"nl": (" Bedoelde u {names}?", " of "), "en": (" Did you mean {names}?", " or ")}
_NO_HINT = {"nl": " Controleer de spelling.", "en": " Check its spelling."}
_ILL_TYPED = {
    "nl": '"{lexical}" is geen geldige {datatype}{where}.',
    "en": '"{lexical}" is not a valid {datatype}{where}.',
}
_WHERE = {"nl": " (waarde van {path})", "en": " (value of {path})"}


def undeclared_terms(results) -> set:
    """The keys of the terms the undefined-term rule reports."""
    return {term_key(to_rdflib(r.value)) for r in results
            if term_text(r.source_shape) == UNDEFINED_TERM_RULE and r.value is not None}


def declared_terms(ontology_files) -> list[str]:
    """The IRIs of the project namespace that the ontology declares (as the rule counts them)."""
    from ..rdf.loading import read_quads

    declared = []
    for path in ontology_files:
        for q in read_quads(path):
            if q.predicate.value == RDF_TYPE and q.object.value in _DECLARING_TYPES and q.subject.value.startswith(IMVO):
                declared.append(q.subject.value)
    return sorted(set(declared))


def suggestions(term: str, declared: list[str], n: int = 3) -> list[str]:
    """The declared terms closest to ``term`` (by local name, case-insensitively first)."""
    local = term[len(IMVO):] if term.startswith(IMVO) else term
    by_local = {d[len(IMVO):]: d for d in declared if d.startswith(IMVO)}
    same_case = [name for name in by_local if name.lower() == local.lower()]
    close = difflib.get_close_matches(local, list(by_local), n=n, cutoff=0.7)
    lowered = {name.lower(): name for name in by_local}
    close_lower = [lowered[c] for c in difflib.get_close_matches(local.lower(), list(lowered), n=n, cutoff=0.7)]
    ordered = list(dict.fromkeys(same_case + close + close_lower))
    return [by_local[name] for name in ordered[:n]]


def undeclared_messages(results, declared: list[str], short) -> dict:
    """The messages of the undefined-term results, per term (:func:`expand_undeclared` gives
    them): they name the declared terms closest to it (:func:`suggestions`)."""
    return {r.value: _undeclared_messages(r.value, declared, short) for r in results
            if term_text(r.source_shape) == UNDEFINED_TERM_RULE and r.value is not None}


def expand_undeclared(results: list, index, messages_of: dict) -> list:
    """Each undefined-term result becomes one result per statement that uses the term (focus:
    the resource that uses it; path: the predicate; value: the term), at that statement. A
    statement about an anonymous blank node (``[ imvo:x 1 ]``), which has no name to report,
    keeps the rule's own focus node (the ontology) with the statement's path and place. Where no
    use is found in the files (a term only in a store), the original result stays.
    ``messages_of``: :func:`undeclared_messages` of the results."""
    import pyoxigraph as ox

    out = []
    seen = set()
    for r in results:
        if term_text(r.source_shape) != UNDEFINED_TERM_RULE or r.value is None:
            out.append(r)
            continue
        uses = index.uses.get(term_key(to_rdflib(r.value)), [])
        messages = messages_of[r.value]
        if not uses:
            out.append(replace(r, messages=messages))
            continue
        for s, p, _o, location in uses:
            focus = _term(s) or r.focus_node
            key = (s, p, location.file, location.line, location.column)
            if key in seen:
                continue
            seen.add(key)
            out.append(replace(r, focus_node=focus, path=ox.NamedNode(p[1]), value=r.value,
                               messages=messages, location=location))
    return out


def _term(key):
    """The pyoxigraph term of a :func:`~imvo_graph.positions.term_key` of a subject."""
    import pyoxigraph as ox

    if key[0] == "I":
        return ox.NamedNode(key[1])
    if key[0] == "B":
        return ox.BlankNode(key[1])
    return None  # an anonymous blank node: it has no name to report


def _undeclared_messages(term, declared: list[str], short) -> dict:
    from pyoxigraph import NamedNode

    names = [short(NamedNode(d)) for d in suggestions(term_text(term), declared)]
    term_name = short(term)
    messages = {}
    for lang, template in _UNDECLARED.items():
        hint_template, conjunction = _HINT[lang]
        hint = hint_template.format(names=conjunction.join(names)) if names else _NO_HINT[lang]
        messages[lang] = template.format(term=term_name, hint=hint)
    return messages


def explain_ill_typed(results: list, short) -> list:
    """One "not a valid xsd:..." result per ill-typed value in place of the results about it."""
    import pyoxigraph as ox
    from rdflib import Literal

    out = []
    explained = set()
    for r in results:
        value = to_rdflib(r.value)  # (rdflib tells whether a literal is ill-typed)
        if not (isinstance(value, Literal) and value.datatype is not None and getattr(value, "ill_typed", False)):
            out.append(r)
            continue
        key = (r.focus_node, r.path, value)
        if key in explained:
            continue
        explained.add(key)
        where = {lang: _WHERE[lang].format(path=short(r.path)) if r.path is not None else "" for lang in _WHERE}
        messages = {
            lang: template.format(lexical=str(value), datatype=short(r.value.datatype), where=where[lang])
            for lang, template in _ILL_TYPED.items()
        }
        out.append(
            ValidationResult(
                focus_node=r.focus_node,
                path=r.path,
                value=r.value,
                source_shape=r.source_shape,
                constraint_component=ox.NamedNode(DATATYPE_COMPONENT),
                severity="Violation",
                messages=messages,
                location=r.location,
            )
        )
    return out


def value_only_when_bound(results: list, shapes_graph) -> list:
    """Drop the sh:value that pySHACL fills in with the focus node for a SPARQL constraint whose
    query binds no ?value."""
    from rdflib import URIRef

    sh_sparql, sh_select = URIRef(SH + "sparql"), URIRef(SH + "select")
    binds_value: dict = {}

    def binds(shape) -> bool:
        if shape not in binds_value:
            node = to_rdflib(shape)
            queries = [str(q) for c in shapes_graph.objects(node, sh_sparql) for q in shapes_graph.objects(c, sh_select)]
            binds_value[shape] = not queries or any("?value" in q or "$value" in q for q in queries)
        return binds_value[shape]

    return [
        replace(r, value=None)
        if term_text(r.constraint_component) == SPARQL_COMPONENT and r.value is not None and r.value == r.focus_node
        and not binds(r.source_shape)
        else r
        for r in results
    ]
