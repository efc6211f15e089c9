"""What the graph says about one resource: types, labels, statements both ways, sources.

A :class:`Description` is plain data, read from the store once: every statement with the
resource as subject (``outgoing``) and as object (``incoming``), each with the labels of its
predicate and of the other resource in the language asked for, and the paragraphs of the letter
the resource comes from (its ``dct:source`` values that are paragraphs, ``imvo:Paragraph``,
with their anchor, section and a short quote from their text, ``rdf:value``). Where the graph
gives the source of a single statement by RDF reification (an ``rdf:Statement`` whose
``rdf:subject``, ``rdf:predicate`` and ``rdf:object`` are that statement, with ``dct:source``),
the statement carries those paragraphs' anchors, and the reification itself is not listed as a
statement about the resource; :attr:`Description.triples`, the RDF output, carries it whole (its
type, subject, predicate, object and sources), so that output keeps each statement's source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..rdf.labels import LABEL_PROPERTIES, pick_label, store_labels_by_language
from ..rdf.namespaces import DCT, IMVO, RDF, RDFS

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..export import ExportFormat

DCT_SOURCE = DCT + "source"
DCT_IS_PART_OF = DCT + "isPartOf"
QUOTE_LENGTH = 160


@dataclass(frozen=True)
class Statement:
    """One statement about the resource: ``other`` is the object (outgoing) or the subject
    (incoming); labels are None where the graph gives none."""

    predicate: "pyoxigraph.NamedNode"
    predicate_label: str | None
    other: object  # a pyoxigraph term
    other_label: str | None
    #: anchors of the paragraphs that state this statement, where the graph says so by RDF
    #: reification (an rdf:Statement with rdf:subject, rdf:predicate, rdf:object and dct:source)
    sources: tuple = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the letter a resource comes from, with a short quote from it."""

    iri: str
    anchor: str
    section: str | None
    quote: str
    position: int


@dataclass
class Description:
    iri: str
    lang: str
    types: list = field(default_factory=list)  # (class IRI, label or None)
    labels: dict = field(default_factory=dict)  # language ('' for none) -> [texts]
    outgoing: list = field(default_factory=list)  # Statement
    incoming: list = field(default_factory=list)  # Statement
    paragraphs: list = field(default_factory=list)  # Paragraph
    triples: list = field(default_factory=list)  # the pyoxigraph Triples of both directions

    @property
    def label(self) -> str | None:
        return pick_label({k: v[0] for k, v in self.labels.items()}, self.lang)

    def text(self, width: int | None = None) -> str:
        from .render import render_text

        return render_text(self, width)

    def graph_bytes(self, format: ExportFormat = "turtle") -> bytes:
        """The statements in both directions in an export format (``turtle``, ``jsonld``, ...),
        written by the same writers as ``imvo-graph export``."""
        from ..export import get_format, serialize

        get_format(format, "format")
        return serialize(self.triples, format)


def describe_resource(store: "pyoxigraph.Store", resource, lang: str = "nl") -> Description:
    """The :class:`Description` of ``resource`` (a pyoxigraph NamedNode or an IRI) in ``store``."""
    import pyoxigraph as ox

    node = resource if isinstance(resource, ox.NamedNode) else ox.NamedNode(str(resource))
    labels = _Labels(store, lang)
    about = Description(iri=node.value, lang=lang)
    for quad in store.quads_for_pattern(node, None, None, ox.DefaultGraph()):
        about.triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
        p, o = quad.predicate.value, quad.object
        if p == RDF + "type" and isinstance(o, ox.NamedNode):
            about.types.append((o.value, labels.of(o)))
        if p in LABEL_PROPERTIES and isinstance(o, ox.Literal):
            about.labels.setdefault(o.language or "", []).append(o.value)
        about.outgoing.append(Statement(quad.predicate, labels.of(quad.predicate), o, labels.of(o)))
    stated = _stated_by(store, node)
    reifications: dict = {}
    for quad in store.quads_for_pattern(None, None, node, ox.DefaultGraph()):
        if quad.predicate.value in _REIFICATION and _is_statement(store, quad.subject):
            reifications.setdefault(quad.subject, None)
            continue
        about.triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
        # (a triple term as subject, RDF 1.2, is refused when files are read; keyed by its text)
        subject_key = str(quad.subject) if isinstance(quad.subject, ox.Triple) else quad.subject.value
        about.incoming.append(Statement(quad.predicate, labels.of(quad.predicate), quad.subject, labels.of(quad.subject),
                                        stated.get(("in", subject_key, quad.predicate.value), ())))
    about.triples.extend(_whole(store, reifications))
    about.outgoing = [
        Statement(s.predicate, s.predicate_label, s.other, s.other_label, stated.get(("out", s.predicate.value, str(s.other)), ()))
        for s in about.outgoing
    ]
    about.types.sort(key=lambda t: t[0])
    about.outgoing.sort(key=_statement_key)
    about.incoming.sort(key=_statement_key)
    about.paragraphs = _paragraphs(store, node, labels)
    return about


_REIFICATION = {RDF + "subject", RDF + "predicate", RDF + "object"}


def _whole(store, reifications: dict) -> list:
    """Every triple of each reification in ``reifications`` (in the order first met)."""
    import pyoxigraph as ox

    return [ox.Triple(q.subject, q.predicate, q.object) for statement in reifications
            for q in store.quads_for_pattern(statement, None, None, ox.DefaultGraph())]


def _is_statement(store, term) -> bool:
    import pyoxigraph as ox

    return any(True for _ in store.quads_for_pattern(term, ox.NamedNode(RDF + "type"), ox.NamedNode(RDF + "Statement")))


def _stated_by(store, node) -> dict:
    """The paragraphs (anchors) of the reified statements about ``node``: ("out", predicate,
    object) for statements with ``node`` as subject, ("in", subject, predicate) as object."""
    import pyoxigraph as ox

    found: dict = {}
    for role, key in (("subject", "out"), ("object", "in")):
        for quad in store.quads_for_pattern(None, ox.NamedNode(RDF + role), node):
            statement = quad.subject
            if not _is_statement(store, statement):
                continue
            predicate = next((q.object for q in store.quads_for_pattern(statement, ox.NamedNode(RDF + "predicate"), None)), None)
            other_role = "object" if role == "subject" else "subject"
            other = next((q.object for q in store.quads_for_pattern(statement, ox.NamedNode(RDF + other_role), None)), None)
            if predicate is None or other is None:
                continue
            anchors = sorted(
                _first_value(store, q.object, IMVO + "anchor") or q.object.value.rsplit("#", 1)[-1]
                for q in store.quads_for_pattern(statement, ox.NamedNode(DCT_SOURCE), None)
                if isinstance(q.object, ox.NamedNode)
            )
            index = (key, predicate.value, str(other)) if key == "out" else (key, other.value, predicate.value)
            found[index] = tuple(sorted(set(found.get(index, ())) | set(anchors)))
    return found


def _statement_key(s: Statement):
    return (s.predicate.value != RDF + "type", s.predicate.value, str(s.other))


class _Labels:
    """Labels of terms in one language (else the other, else untagged), looked up once each."""

    def __init__(self, store, lang: str):
        self.store, self.lang = store, lang
        self.cache: dict = {}

    def of(self, term) -> str | None:
        import pyoxigraph as ox

        if not isinstance(term, ox.NamedNode):
            return None
        if term.value not in self.cache:
            self.cache[term.value] = pick_label(store_labels_by_language(self.store, term), self.lang)
        return self.cache[term.value]


def _paragraphs(store, node, labels: _Labels) -> list:
    import pyoxigraph as ox

    found = []
    paragraph_class = ox.NamedNode(IMVO + "Paragraph")
    for quad in store.quads_for_pattern(node, ox.NamedNode(DCT_SOURCE), None):
        p = quad.object
        if not isinstance(p, ox.NamedNode):
            continue
        if not any(True for _ in store.quads_for_pattern(p, ox.NamedNode(RDF + "type"), paragraph_class)):
            continue
        anchor = _first_value(store, p, IMVO + "anchor") or p.value.rsplit("#", 1)[-1]
        text = _first_value(store, p, RDF + "value") or ""
        position = _first_value(store, p, IMVO + "position")
        section = next(
            (labels.of(q.object) for q in store.quads_for_pattern(p, ox.NamedNode(DCT_IS_PART_OF), None)
             if any(True for _ in store.quads_for_pattern(q.object, ox.NamedNode(RDF + "type"), ox.NamedNode(IMVO + "Section")))),
            None,
        )
        names = [v for values in _all_labels(store, node).values() for v in values]
        found.append(Paragraph(p.value, anchor, section, quote(text, names), int(position) if position and position.isdigit() else 0))
    return sorted(found, key=lambda para: (para.position, para.anchor))


def _first_value(store, node, predicate: str) -> str | None:
    import pyoxigraph as ox

    return next((q.object.value for q in store.quads_for_pattern(node, ox.NamedNode(predicate), None)), None)


def _all_labels(store, node) -> dict:
    import pyoxigraph as ox

    out: dict = {}
    for prop in (*LABEL_PROPERTIES, RDFS + "label"):
        for q in store.quads_for_pattern(node, ox.NamedNode(prop), None):
            if isinstance(q.object, ox.Literal):
                out.setdefault(q.object.language or "", []).append(q.object.value)
    return out


def quote(text: str, names: list[str], length: int = QUOTE_LENGTH) -> str:
    """A short quote from a paragraph: the sentence that shares the most words with the
    resource's names (the first sentence when none does), cut at a word boundary with '…'."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", " ".join(text.split())) if s.strip()]
    if not sentences:
        return ""
    words = {w for name in names for w in re.findall(r"\w{4,}", name.casefold())}

    def score(sentence: str) -> int:
        lowered = sentence.casefold()
        return sum(1 for w in words if w in lowered)

    best = max(sentences, key=lambda s: (score(s), -sentences.index(s)))
    if len(best) <= length:
        return best
    cut = best[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
