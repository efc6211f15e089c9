"""A deterministic JSON-LD writer that uses the project's ``@context``.

rdflib's JSON-LD serialiser orders its output by Python's hash seed; this writer builds the
compacted document itself from the shipped context: one node object per subject, sorted by
``@id``; keys in a fixed order; language-tagged texts as language maps
(``"label": {"en": "covenant", "nl": "convenant"}``); a blank node used once is nested in
place and an RDF list becomes ``{"@list": [...]}``. The context is embedded, so the file parses
offline. Every value keeps its exact lexical form (numbers and dates stay typed strings).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from typing import Any

from ..rdf.namespaces import RDF_TYPE, XSD_STRING, PrefixTable
from ..rdf.terms import kind, sort_key

# a compact IRI's suffix: must not start with "//" (then it would read as an absolute IRI)
_JSONLD_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.~%/#-]*$")


class _Terms:
    def __init__(self, context: dict):
        self.context = context
        prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}
        self.table = PrefixTable(prefixes)
        self.by_iri: dict[str, tuple[str, str | None, str | None]] = {}
        for name, definition in context.items():
            if name.startswith("@") or name in prefixes:
                continue
            if isinstance(definition, str):
                iri, container, coercion = self.expand(definition), None, None
            else:
                iri = self.expand(definition["@id"])
                container = definition.get("@container")
                coercion = definition.get("@type")
                if coercion and coercion != "@id":
                    coercion = self.expand(coercion)
            self.by_iri.setdefault(iri, (name, container, coercion))

    def expand(self, value: str) -> str:
        prefix, _, local = value.partition(":")
        if local and not local.startswith("//") and prefix in self.table.prefixes:
            return self.table.prefixes[prefix] + local
        return value

    def compact(self, iri: str) -> str:
        split = self.table.split(iri, _JSONLD_LOCAL)
        return iri if split is None else f"{split[0]}:{split[1]}"


def write_jsonld(quads: Iterable, context_document: dict, *, canonical: bool = False) -> str:
    """JSON-LD of the union of all graphs, compacted with (and embedding) ``context_document``.
    ``canonical``: see :func:`imvo_graph.export.writers.merged_statements`."""
    from .writers import _GraphLayout, merged_statements

    triples = merged_statements(quads, canonical=canonical)
    terms, context_text = _prepared_context(json.dumps(context_document["@context"], ensure_ascii=False))
    layout = _GraphLayout(triples)
    subjects: dict = next(iter(layout.by_graph.values()), {})

    def node_id(term) -> str:
        return terms.compact(term.value) if kind(term) == "iri" else f"_:{term.value}"

    def value(term, coercion):
        k = kind(term)
        if k == "iri":
            return terms.compact(term.value) if coercion == "@id" else {"@id": terms.compact(term.value)}
        if k == "bnode":
            if term.value in layout.lists:
                return {"@list": [value(item, coercion) for item in layout.lists[term.value]]}
            if term.value in layout.inline:
                return node(term, embedded=True)
            return node_id(term) if coercion == "@id" else {"@id": node_id(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return term.value if coercion is None else {"@value": term.value}
        if datatype == coercion:
            return term.value
        return {"@value": term.value, "@type": terms.compact(datatype)}

    def one_or_many(values: list):
        return values[0] if len(values) == 1 else values

    def node(subject, embedded: bool = False) -> dict:
        props = subjects.get(subject, {})
        result: dict = {} if embedded else {"@id": node_id(subject)}
        entries: dict[str, Any] = {}
        types = sorted(props.get(RDF_TYPE, []), key=sort_key)
        iri_types = [t for t in types if kind(t) == "iri"]
        if iri_types:
            result["@type"] = one_or_many([terms.compact(t.value) for t in iri_types])
        other_types = [t for t in types if kind(t) != "iri"]
        if other_types:
            entries.setdefault(terms.compact(RDF_TYPE), []).extend(value(t, None) for t in other_types)
        for predicate, objects in props.items():
            if predicate == RDF_TYPE:
                continue
            objects = sorted(objects, key=sort_key)
            name, container, coercion = terms.by_iri.get(predicate, (None, None, None))
            if name and container == "@language":
                tagged = [o for o in objects if kind(o) == "literal" and o.language]
                if tagged:
                    languages: dict[str, list] = {}
                    for o in tagged:
                        languages.setdefault(o.language, []).append(o.value)
                    entries[name] = {lang: one_or_many(languages[lang]) for lang in sorted(languages)}
                rest = [o for o in objects if not (kind(o) == "literal" and o.language)]
                if rest:
                    entries.setdefault(terms.compact(predicate), []).extend(value(o, None) for o in rest)
            elif name:
                entries.setdefault(name, []).extend(value(o, coercion) for o in objects)
            else:
                entries.setdefault(terms.compact(predicate), []).extend(value(o, None) for o in objects)
        for key in sorted(entries, key=lambda k: (k.lower(), k)):
            values = entries[key]
            result[key] = values if isinstance(values, dict) else one_or_many(values)
        return result

    graph = [
        node(subject)
        for subject in sorted(subjects, key=sort_key)
        if not (kind(subject) == "bnode" and subject.value in layout.inline)
    ]
    # json.dumps({"@context": context, "@graph": graph}, ensure_ascii=False, indent=2), with the
    # context's part written once per context: a member of the top object is indented by two
    # more spaces on every line (a JSON text has no line break inside a string)
    return '{\n  "@context": ' + context_text + ',\n  "@graph": ' + _indented(graph) + "\n}\n"


def _indented(value) -> str:
    """``value`` as JSON, as a member of the top object is written with ``indent=2``."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")


@functools.lru_cache(maxsize=8)
def _prepared_context(context_json: str) -> tuple[_Terms, str]:
    """The term table and the written form of a context, by its JSON text: a site writes a
    JSON-LD file for each of its hundreds of resources, all with the shipped context."""
    context = json.loads(context_json)
    return _Terms(context), _indented(context)
