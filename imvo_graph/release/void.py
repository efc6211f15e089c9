"""The VoID description of a release: triples, entities, classes and properties with counts."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..rdf.namespaces import BASE, RDF_TYPE
from ..rdf.namespaces import VOID as VOID_NS
from .catalog import dataset_iri

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


def statistics(triples) -> dict:
    """Counts over pyoxigraph triples (or quads; graph names ignored), as VoID defines them.

    ``entities``: distinct IRI subjects that have an rdf:type; ``classes``: distinct objects of
    rdf:type; ``properties``: distinct predicates. ``class_entities``: entities per class;
    ``property_triples``: triples per property.
    """
    import pyoxigraph as ox

    unique = {(t.subject, t.predicate, t.object) for t in triples}
    subjects, objects, typed = set(), set(), set()
    class_entities: dict[str, set] = {}
    property_triples: Counter = Counter()
    for s, p, o in unique:
        subjects.add(s)
        objects.add(o)
        property_triples[p.value] += 1
        if p.value == RDF_TYPE and isinstance(o, ox.NamedNode):
            class_entities.setdefault(o.value, set()).add(s)
            if isinstance(s, ox.NamedNode):
                typed.add(s)
    return {
        "triples": len(unique),
        "entities": len(typed),
        "classes": len(class_entities),
        "properties": len(property_triples),
        "distinct_subjects": len(subjects),
        "distinct_objects": len(objects),
        "class_entities": {c: len(members) for c, members in class_entities.items()},
        "property_triples": dict(property_triples),
    }


def build_void(
    parts: dict[str, list],
    *,
    version: str,
    base_url: str,
    endpoint_url: str,
    dumps: dict[str, list[str]],
    modified: str,
) -> "rdflib.Graph":
    """The VoID graph: the merged dataset ('all') and each part as a void:subset, with counts.

    ``parts``: part name -> its triples (pyoxigraph); ``dumps``: part name -> file names.
    """
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS as DCT
    from rdflib.namespace import OWL, RDF, XSD

    VOID = Namespace(VOID_NS)
    g = Graph(bind_namespaces="none")

    def count(value: int) -> Literal:
        return Literal(str(value), datatype=XSD.integer)

    for part, triples in parts.items():
        dataset = URIRef(dataset_iri(part))
        stats = statistics(triples)
        g.add((dataset, RDF.type, VOID.Dataset))
        g.add((dataset, DCT.modified, Literal(modified, datatype=XSD.date)))
        g.add((dataset, OWL.versionInfo, Literal(version)))
        g.add((dataset, VOID.triples, count(stats["triples"])))
        g.add((dataset, VOID.entities, count(stats["entities"])))
        g.add((dataset, VOID.classes, count(stats["classes"])))
        g.add((dataset, VOID.properties, count(stats["properties"])))
        g.add((dataset, VOID.distinctSubjects, count(stats["distinct_subjects"])))
        g.add((dataset, VOID.distinctObjects, count(stats["distinct_objects"])))
        g.add((dataset, VOID.uriSpace, Literal(f"{BASE}/id/")))
        g.add((dataset, VOID.vocabulary, URIRef(f"{BASE}/def#")))
        g.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint_url)))
        for name in dumps.get(part, []):
            g.add((dataset, VOID.dataDump, URIRef(base_url + name)))
        for cls, n in stats["class_entities"].items():
            partition = BNode()
            g.add((dataset, VOID.classPartition, partition))
            g.add((partition, VOID["class"], URIRef(cls)))
            g.add((partition, VOID.entities, count(n)))
        for prop, n in stats["property_triples"].items():
            partition = BNode()
            g.add((dataset, VOID.propertyPartition, partition))
            g.add((partition, VOID.property, URIRef(prop)))
            g.add((partition, VOID.triples, count(n)))
        if part != "all":
            g.add((URIRef(dataset_iri("all")), VOID.subset, dataset))
    return g
