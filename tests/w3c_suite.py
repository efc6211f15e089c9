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


@dataclass(frozen=True)
class Entry:
    name: str  # e.g. core/node/minInclusive-001
    manifest: Path
    data: Path
    shapes: Path
    failure: bool  # mf:result sht:Failure: the engine must refuse the shapes


def entries() -> list[Entry]:
    from rdflib import Graph, Namespace, URIRef

    mf, sht = Namespace(MF), Namespace(SHT)
    found = []
    todo = [SUITE / "manifest.ttl"]
    while todo:
        path = todo.pop(0)
        g = Graph()
        g.parse(path, format="turtle", publicID=path.as_uri())
        todo += [Path(URIRef(i).replace("file://", "")) for i in sorted(g.objects(None, mf.include))]
        for head in g.objects(None, mf.entries):
            for entry in g.items(head):
                action = g.value(entry, mf.action)
                result = g.value(entry, mf.result)
                name = str(entry).replace(SUITE.as_uri() + "/", "").replace(".ttl", "")
                found.append(Entry(
                    name=name,
                    manifest=path,
                    data=Path(str(g.value(action, sht.dataGraph)).replace("file://", "")),
                    shapes=Path(str(g.value(action, sht.shapesGraph)).replace("file://", "")),
                    failure=result == sht.Failure,
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
