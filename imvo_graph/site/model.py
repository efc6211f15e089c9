"""The graph as the site reads it: resources, their statements both ways, labels, provenance.

One pass over the store builds plain Python indexes (the shipped graph has a few thousand
statements), so rendering a page never runs a query. Terms are kept as pyoxigraph terms.

Provenance: the paragraph(s) a statement comes from are, in this order of preference, the
``dct:source`` of an ``rdf:Statement`` that reifies exactly that statement (statement-level
provenance), else the ``dct:source`` of the statement's subject (resource-level provenance).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..rdf.labels import NAME_PROPERTIES, first_labels, language_choice
from ..rdf.namespaces import BASE, DCT, IMVO, OWL, RDF, RDFS, SKOS, XSD

TYPE = RDF + "type"
SOURCE = DCT + "source"
VALUE = RDF + "value"
STATEMENT = RDF + "Statement"
DESCRIPTION_PROPERTIES = (RDFS + "comment", SKOS + "definition", DCT + "description")
#: Properties about the ontology (its terms get their pages on def/, not here).
ONTOLOGY_TYPES = {OWL + "Class", RDFS + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty",
                  OWL + "AnnotationProperty", RDF + "Property", OWL + "Ontology", OWL + "FunctionalProperty"}
DATE_TYPES = {XSD + "date", XSD + "gYearMonth", XSD + "gYear", XSD + "dateTime"}
CONCEPT_SCHEME = SKOS + "ConceptScheme"
IN_SCHEME = SKOS + "inScheme"
LETTER = IMVO + "Letter"
PARAGRAPH = IMVO + "Paragraph"
SECTION = IMVO + "Section"
COVENANT = IMVO + "Covenant"
SECTOR_COVENANT = IMVO + "SectorCovenant"
MOTION = IMVO + "Motion"


@dataclass
class SiteGraph:
    """Indexes over one graph: ``out[s] = [(p, o)]``, ``into[o] = [(p, s)]``, labels, types.
    Built by :meth:`from_quads` and only read after that (a page names the same resources
    again and again: :meth:`label` remembers its answers)."""

    out: dict = field(default_factory=lambda: defaultdict(list))
    into: dict = field(default_factory=lambda: defaultdict(list))
    reified: dict = field(default_factory=dict)  # (s, p, o) -> [paragraph IRIs]
    quads: list = field(default_factory=list)
    _labels: dict = field(default_factory=dict, repr=False, compare=False)  # (iri, lang) -> label()

    @classmethod
    def from_quads(cls, quads) -> "SiteGraph":
        import pyoxigraph as ox

        graph = cls()
        statements: dict = defaultdict(dict)
        for q in quads:
            s, p, o = q.subject, q.predicate.value, q.object
            graph.quads.append(ox.Quad(s, q.predicate, o))
            if isinstance(s, ox.NamedNode):
                graph.out[s.value].append((p, o))
            elif isinstance(s, ox.BlankNode):
                graph.out["_:" + s.value].append((p, o))
            if isinstance(o, ox.NamedNode):
                graph.into[o.value].append((p, s))
            if p in (RDF + "subject", RDF + "predicate", RDF + "object", SOURCE):
                statements[s].setdefault(p, []).append(o)
        for parts in statements.values():
            if {RDF + "subject", RDF + "predicate", RDF + "object", SOURCE} <= set(parts):
                key = (_key(parts[RDF + "subject"][0]), parts[RDF + "predicate"][0].value, _key(parts[RDF + "object"][0]))
                graph.reified.setdefault(key, []).extend(t.value for t in parts[SOURCE] if isinstance(t, ox.NamedNode))
        for values in list(graph.out.values()) + list(graph.into.values()):
            values.sort(key=lambda pair: (pair[0], str(pair[1])))
        return graph

    # -- what there is -----------------------------------------------------------------------
    def types(self, iri: str) -> list[str]:
        return sorted(o.value for p, o in self.out.get(iri, ()) if p == TYPE and hasattr(o, "value") and _is_iri(o))

    def typed_resources(self) -> list[str]:
        """Every IRI with an rdf:type, except the ontology's own terms and reified statements."""
        found = []
        for iri, pairs in self.out.items():
            if iri.startswith("_:"):
                continue
            types = {o.value for p, o in pairs if p == TYPE and _is_iri(o)}
            if types and not types & ONTOLOGY_TYPES and STATEMENT not in types and not _is_ontology_term(iri):
                found.append(iri)
        return sorted(found)

    def instances(self, cls: str) -> list[str]:
        return sorted({s.value for p, s in self.into.get(cls, ()) if p == TYPE and _is_iri(s)})

    def values(self, iri: str, prop: str) -> list:
        return [o for p, o in self.out.get(iri, ()) if p == prop]

    def subjects(self, prop: str, obj: str) -> list[str]:
        return sorted(s.value for p, s in self.into.get(obj, ()) if p == prop and _is_iri(s))

    # -- words -------------------------------------------------------------------------------
    def labels(self, iri: str) -> dict[str, str]:
        def values_of(prop):
            return ((o.language or "", o.value) for o in self.values(iri, prop) if not _is_iri(o) and hasattr(o, "language"))

        return first_labels(values_of, NAME_PROPERTIES)

    def label(self, iri: str, lang: str) -> tuple[str, str | None]:
        """``(text, language of the text)``: the label in ``lang``, else another, else a short
        form of the IRI (language None: not natural-language text)."""
        key = (iri, lang)
        if key not in self._labels:
            self._labels[key] = self._label(iri, lang)
        return self._labels[key]

    def _label(self, iri: str, lang: str) -> tuple[str, str | None]:
        found = self.labels(iri)
        choice = language_choice(found, lang)
        if choice is not None:
            return found[choice], choice or None
        return short_iri(iri), None

    def description(self, iri: str, lang: str) -> tuple[str, str | None] | None:
        for prop in DESCRIPTION_PROPERTIES:
            found = {o.language or "": o.value for o in self.values(iri, prop) if not _is_iri(o) and hasattr(o, "language")}
            choice = language_choice(found, lang)
            if choice is not None:
                return found[choice], choice or None
        return None

    # -- provenance --------------------------------------------------------------------------
    def sources(self, iri: str) -> list[str]:
        return sorted(o.value for o in self.values(iri, SOURCE) if _is_iri(o))

    def statement_sources(self, subject: str, prop: str, obj) -> list[str]:
        """The paragraphs a statement comes from: its reification's dct:source, else its
        subject's dct:source."""
        reified = self.reified.get((subject, prop, _key(obj)))
        return sorted(set(reified)) if reified else self.sources(subject)

    def paragraph_text(self, iri: str) -> str | None:
        for o in self.values(iri, VALUE):
            if not _is_iri(o):
                return o.value
        return None

    def position(self, iri: str) -> int:
        for o in self.values(iri, IMVO + "position"):
            try:
                return int(o.value)
            except (TypeError, ValueError):
                pass
        return 0

    def citing(self, paragraph: str) -> list[str]:
        """The resources that cite ``paragraph`` (the reverse of the provenance)."""
        found = set(self.subjects(SOURCE, paragraph))
        for (s, _p, _o), sources in self.reified.items():
            if paragraph in sources and not s.startswith("_:"):
                found.add(s)
        return sorted(found)

    def description_quads(self, iri: str) -> list:
        """The statements that describe ``iri``: those about it and about its hash IRIs
        (``{iri}#...``), and those that point to it (a symmetric concise description), with the
        whole reification of each statement that is reified (its rdf:Statement with subject,
        predicate, object and dct:source, as a concise bounded description includes it), not only
        the reification's one triple that points to ``iri``."""
        if not hasattr(self, "_about"):
            about: dict = defaultdict(list)
            pointing: dict = defaultdict(list)
            for q in self.quads:
                if _is_iri(q.subject):
                    about[q.subject.value.partition("#")[0]].append(q)
                if _is_iri(q.object):
                    pointing[q.object.value].append(q)
            self._about, self._pointing = about, pointing
        seen = set()
        found = []
        for q in (*self._about.get(iri, ()), *self._pointing.get(iri, ())):
            whole = (self._about.get(q.subject.value) if q.predicate.value in _REIFIED_ENDS else None) or (q,)
            for r in whole:
                if r not in seen:
                    seen.add(r)
                    found.append(r)
        return found


#: the links from a reification (rdf:Statement) to the resources of the statement it describes
_REIFIED_ENDS = (RDF + "subject", RDF + "object")


def _key(term) -> str:
    return term.value if _is_iri(term) else str(term)


def _is_iri(term) -> bool:
    import pyoxigraph as ox

    return isinstance(term, ox.NamedNode)


def _is_ontology_term(iri: str) -> bool:
    return iri.startswith(BASE + "/def#") or iri == BASE + "/def"


@lru_cache(maxsize=None)
def short_iri(iri: str) -> str:
    """A prefixed name where one of the project's prefixes fits, else the IRI."""
    from ..rdf.namespaces import PREFIXES

    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(PREFIXES[best]):]}"
    return iri


MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


def format_date(literal, lang: str) -> str | None:
    """A date at the precision it has: "2017" (gYear), "maart 2017"/"March 2017"
    (gYearMonth), "28 september 2017"/"28 September 2017" (date); None if not a date."""
    datatype = getattr(getattr(literal, "datatype", None), "value", None)
    if datatype not in DATE_TYPES:
        return None
    text = literal.value
    try:
        if datatype == XSD + "gYear":
            return str(int(text[:4]))
        year, month = int(text[:4]), int(text[5:7])
        name = MONTHS[lang][month - 1]
        if datatype == XSD + "gYearMonth":
            return f"{name} {year}"
        day = int(text[8:10])
        return f"{day} {name} {year}" if lang == "nl" else f"{day} {name} {year}"
    except (ValueError, IndexError):
        return None


def sort_date(literal) -> str:
    """A key that orders dates of every precision (a year before its months)."""
    return literal.value[:10]
