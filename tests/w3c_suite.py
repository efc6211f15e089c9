"""The W3C SHACL test suite (tests/w3c/, see its README): its entries, and judging a run as the
suite judges it: ``sh:conforms``, and the results as a multiset of (focus node, result path,
value, source shape, source constraint component, severity), blank nodes compared by structure
(what they are the subject of, recursively), since the engine and the expected report name them
differently. An ``sht:Failure`` entry must be refused with an InputError."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SUITE = Path(__file__).resolve().parent / "w3c" / "tests"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"
SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@dataclass(frozen=True)
class Entry:
    name: str  # e.g. core/node/minInclusive-001
    manifest: Path
    data: Path
    shapes: Path
    failure: bool  # mf:result sht:Failure: the engine must refuse the shapes


def entries() -> list[Entry]:
    """The suite's entries, by name. (The manifests are read with pyoxigraph's parser: every test
    process collects them, and rdflib's took a second for the 130 files.)"""
    import pyoxigraph as ox

    found = []
    todo = [SUITE / "manifest.ttl"]
    while todo:
        path = todo.pop(0)
        objects: dict = {}  # (subject, predicate IRI) -> its objects
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri()):
            objects.setdefault((q.subject, q.predicate.value), []).append(q.object)

        def value(subject, predicate, objects=objects):
            return objects.get((subject, predicate), [None])[0]

        includes = [o for (_s, p), os in objects.items() if p == MF + "include" for o in os]
        todo += [Path(i.value.replace("file://", "")) for i in sorted(includes, key=lambda i: i.value)]
        for head in (o for (_s, p), os in objects.items() if p == MF + "entries" for o in os):
            while head is not None and head != ox.NamedNode(RDF + "nil"):
                entry, head = value(head, RDF + "first"), value(head, RDF + "rest")
                action = value(entry, MF + "action")
                found.append(Entry(
                    name=entry.value.replace(SUITE.as_uri() + "/", "").replace(".ttl", ""),
                    manifest=path,
                    data=Path(value(action, SHT + "dataGraph").value.replace("file://", "")),
                    shapes=Path(value(action, SHT + "shapesGraph").value.replace("file://", "")),
                    failure=value(entry, MF + "result") == ox.NamedNode(SHT + "Failure"),
                ))
    return sorted(found, key=lambda e: e.name)


def expected(entry: Entry) -> tuple[bool, Counter]:
    """(sh:conforms, multiset of result keys) of the entry's expected report."""
    from rdflib import Namespace, URIRef

    from imvo_graph.rdf.convert import rdflib_graph
    from imvo_graph.rdf.loading import read_quads

    mf, sh = Namespace(MF), Namespace(SH)
    g = rdflib_graph(read_quads(entry.manifest))
    test = URIRef(entry.manifest.as_uri().replace(".ttl", "") + "")
    report = next(iter(g.objects(None, mf.result)))  # one entry per file in this suite
    del test
    conforms = g.value(report, sh.conforms).toPython()
    keys = Counter()
    for r in g.objects(report, sh.result):
        keys[(structural(g.value(r, sh.focusNode), g), path_key(g.value(r, sh.resultPath), g),
              *(structural(g.value(r, p), g) for p in
                (sh.value, sh.sourceShape, sh.sourceConstraintComponent, sh.resultSeverity)))] += 1
    return conforms, keys


def actual(entry: Entry, engine: str) -> tuple[bool, Counter, object]:
    """(sh:conforms, multiset of result keys, report) of validating the entry with ``engine``."""
    from rdflib import URIRef

    from imvo_graph.rdf.convert import rdflib_graph
    from imvo_graph.rdf.loading import read_quads
    from imvo_graph.validation import validate_quads
    from imvo_graph.validation.report import SEVERITIES, to_rdflib

    data = read_quads(entry.data)
    shapes = data if entry.shapes == entry.data else read_quads(entry.shapes)
    report = validate_quads(data, shapes, engine=engine)
    g = rdflib_graph(data + (shapes if shapes is not data else []))
    if report.path_graph is not None:
        g += report.path_graph
    keys = Counter()
    for r in report.results:
        severity = URIRef(SH + r.severity) if r.severity in SEVERITIES else URIRef(r.severity)
        # (the results' pyoxigraph terms as rdflib terms, to compare with the expected graph)
        keys[(structural(to_rdflib(r.focus_node), g), path_key(to_rdflib(r.path), g),
              *(structural(to_rdflib(t), g) for t in (r.value, r.source_shape, r.constraint_component)),
              structural(severity, g))] += 1
    return report.conforms, keys, report


def structural(term, graph, depth: int = 0):
    """A term as a comparable value: IRIs and literals as N-Triples, a blank node as the sorted
    (predicate, object) pairs it is the subject of (to a depth of 6)."""
    from rdflib import BNode

    if term is None:
        return None
    if isinstance(term, BNode):
        if depth > 6:
            return ("_:",)
        return ("_:",) + tuple(sorted((p.n3(), structural(o, graph, depth + 1)) for p, o in graph.predicate_objects(term)))
    return term.n3()


def path_key(node, graph):
    """A SHACL property path as a comparable value, read as the spec reads it (a list is a
    sequence path, else the one path predicate of the blank node), so that extra triples on a
    path node do not count."""
    from rdflib import BNode, Namespace
    from rdflib.namespace import RDF

    sh = Namespace(SH)
    if not isinstance(node, BNode):
        return structural(node, graph)
    if graph.value(node, RDF.first) is not None:
        return ("seq",) + tuple(path_key(i, graph) for i in graph.items(node))
    alternatives = graph.value(node, sh.alternativePath)
    if alternatives is not None:
        return ("alt",) + tuple(path_key(i, graph) for i in graph.items(alternatives))
    for name in ("inversePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath"):
        inner = graph.value(node, sh[name])
        if inner is not None:
            return (name, path_key(inner, graph))
    return structural(node, graph)


def describe(keys: Counter) -> list[str]:
    return [f"{n} x {k}" for k, n in sorted(keys.items(), key=str)]
