"""A small set of triples read by pattern: what the ontology's documentation (the release's page
and the site's ``def/``) reads the ontology, the shapes and the data from.

The triples are held in an in-memory Oxigraph store (pyoxigraph terms); the reading follows
the order the store gives, as an rdflib graph filled from the same store gave it before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .labels import LABEL_PROPERTIES, store_labels_by_language
from .namespaces import RDF_FIRST, RDF_REST


class Triples:
    """The triples of ``quads`` (graph names dropped: their union), each once."""

    def __init__(self, quads: Iterable) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self.store = ox.Store()
        self.store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)

    def __iter__(self) -> Iterator[tuple]:
        """Every triple as ``(subject, predicate, object)``."""
        return ((q.subject, q.predicate, q.object) for q in self.store)

    def __len__(self) -> int:
        return len(self.store)

    def objects(self, subject, predicate: str) -> list:
        """The objects of ``subject predicate ?`` (``predicate``: an IRI); none for a literal subject."""
        if isinstance(subject, self._ox.Literal):
            return []
        return [q.object for q in self.store.quads_for_pattern(subject, self._ox.NamedNode(predicate), None)]

    def subjects(self, predicate: str, object) -> list:
        """The subjects of ``? predicate object``."""
        return [q.subject for q in self.store.quads_for_pattern(None, self._ox.NamedNode(predicate), object)]

    def value(self, subject, predicate: str):
        """The first object of ``subject predicate ?``, or None."""
        return next(iter(self.objects(subject, predicate)), None)

    def items(self, node) -> list:
        """The members of the RDF list ``node`` (the first rdf:first of each cell, as rdflib's
        ``Graph.items`` reads a list); ValueError for a list whose rdf:rest comes back to a cell."""
        members, seen = [], {node}
        while node is not None:
            item = self.value(node, RDF_FIRST)
            if item is not None:
                members.append(item)
            node = self.value(node, RDF_REST)
            if node in seen:
                raise ValueError("List contains a recursive rdf:rest reference")
            seen.add(node)
        return members

    def labels(self, term, properties=LABEL_PROPERTIES, **choice) -> dict[str, str]:
        """The labels of ``term`` by language tag (:func:`imvo_graph.rdf.labels.first_labels`)."""
        return store_labels_by_language(self.store, term, properties=properties, **choice)
