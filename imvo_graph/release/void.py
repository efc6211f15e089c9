"""The VoID description of a release: triples, entities, classes and properties with counts."""

from __future__ import annotations

from collections import Counter

from ..rdf.namespaces import BASE, DCT, OWL, RDF_TYPE, XSD
from ..rdf.namespaces import VOID as VOID_NS
from .catalog import dataset_iri


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
) -> list:
    """The VoID graph as pyoxigraph triples: the merged dataset ('all') and each part as a
    void:subset, with counts.

    ``parts``: part name -> its triples (pyoxigraph); ``dumps``: part name -> file names.
    """
    import pyoxigraph as ox

    def iri(value: str):
        return ox.NamedNode(value)

    def void(name: str):
        return ox.NamedNode(VOID_NS + name)

    def count(value: int):
        return ox.Literal(str(value), datatype=iri(XSD + "integer"))

    g: list = []

    def add(s, p, o) -> None:
        g.append(ox.Triple(s, p, o))

    for part, triples in parts.items():
        dataset = iri(dataset_iri(part))
        stats = statistics(triples)
        add(dataset, iri(RDF_TYPE), void("Dataset"))
        add(dataset, iri(DCT + "modified"), ox.Literal(modified, datatype=iri(XSD + "date")))
        add(dataset, iri(OWL + "versionInfo"), ox.Literal(version))
        add(dataset, void("triples"), count(stats["triples"]))
        add(dataset, void("entities"), count(stats["entities"]))
        add(dataset, void("classes"), count(stats["classes"]))
        add(dataset, void("properties"), count(stats["properties"]))
        add(dataset, void("distinctSubjects"), count(stats["distinct_subjects"]))
        add(dataset, void("distinctObjects"), count(stats["distinct_objects"]))
        add(dataset, void("uriSpace"), ox.Literal(f"{BASE}/id/"))
        add(dataset, void("vocabulary"), iri(f"{BASE}/def#"))
        add(dataset, void("sparqlEndpoint"), iri(endpoint_url))
        for name in dumps.get(part, []):
            add(dataset, void("dataDump"), iri(base_url + name))
        for cls, n in stats["class_entities"].items():
            partition = ox.BlankNode()
            add(dataset, void("classPartition"), partition)
            add(partition, void("class"), iri(cls))
            add(partition, void("entities"), count(n))
        for prop, n in stats["property_triples"].items():
            partition = ox.BlankNode()
            add(dataset, void("propertyPartition"), partition)
            add(partition, void("property"), iri(prop))
            add(partition, void("triples"), count(n))
        if part != "all":
            add(iri(dataset_iri("all")), void("subset"), dataset)
    return g
