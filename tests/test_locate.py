"""Where results are written when the index reads only some files (imvo_graph.validation.locate):
a Turtle file without a statement about a node of the results is read only when a result asks
for the first statement with a node as its object; the locations are those of reading every file."""

from __future__ import annotations

import pyoxigraph as ox

from imvo_graph.validation import validate

EX = "http://example.org/"
SHAPES = """@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p , ex:q ; sh:property ex:SP .
ex:SP sh:path ex:label ; sh:minCount 1 .
ex:T a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:nodeKind sh:IRI .
"""
# "x" and ex:b are objects in both files, and subjects in neither: each is located at its first
# use as an object, in the first file given that has one; ex:a is a subject in a.ttl only
A = """@prefix ex: <http://example.org/> .
ex:a ex:p ex:b , "x" .
"""
B = """@prefix ex: <http://example.org/> .

ex:c ex:q ex:b , "x" .
ex:e ex:q ex:a .
"""


def _located(report) -> dict:
    return {(r.focus_node, r.source_shape.value): (r.location.file.rsplit("/", 1)[-1], r.location.line, r.location.column)
            for r in report.results}


def test_objects_are_located_in_the_first_file_that_uses_them_when_no_file_is_about_them(tmp_path, monkeypatch):
    import imvo_graph.validation.locate as locate

    (tmp_path / "a.ttl").write_text(A, encoding="utf-8")
    (tmp_path / "b.ttl").write_text(B, encoding="utf-8")
    (tmp_path / "shapes.ttl").write_text(SHAPES, encoding="utf-8")
    scanned = []
    scan_file = locate.scan_file
    monkeypatch.setattr(locate, "scan_file", lambda path, **kw: scanned.append(path.name) or scan_file(path, **kw))

    def run(*names):
        scanned.clear()
        return _located(validate([tmp_path / n for n in names], shapes=[tmp_path / "shapes.ttl"]))

    x, b, a = ox.Literal("x"), ox.NamedNode(EX + "b"), ox.NamedNode(EX + "a")
    first_b = run("b.ttl", "a.ttl")
    # b.ttl holds no statement about a node of the results: read only for the objects, when asked
    assert scanned == ["a.ttl", "b.ttl"]
    assert first_b[(x, EX + "SP")] == ("b.ttl", 3, 18)
    assert first_b[(x, EX + "T")] == ("b.ttl", 3, 18)  # a node shape: the first statement about "x"
    assert first_b[(b, EX + "SP")] == ("b.ttl", 3, 11)
    assert first_b[(a, EX + "SP")] == ("a.ttl", 2, 1)

    first_a = run("a.ttl", "b.ttl")
    assert scanned == ["a.ttl"]  # every node has its place in a.ttl: b.ttl is not read
    assert first_a[(x, EX + "SP")] == ("a.ttl", 2, 18)
    assert first_a[(b, EX + "SP")] == ("a.ttl", 2, 11)
    assert first_a[(a, EX + "SP")] == ("a.ttl", 2, 1)
