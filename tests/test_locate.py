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


def test_n_triples_lines_are_read_when_asked_and_files_keep_their_order(tmp_path):
    # the statements of an N-Triples file are read line by line when a result asks for them
    # (locate._SubjectLines), a Turtle file's at once: the first statement with a subject and
    # predicate is still the one of the first file given
    from imvo_graph.validation.locate import StatementIndex

    (tmp_path / "a.nt").write_text(f'<{EX}a> <{EX}other> "1" .\n  <{EX}a> <{EX}label> "x" .\n', encoding="utf-8")
    (tmp_path / "b.ttl").write_text(f'@prefix ex: <{EX}> .\nex:a ex:label "y" .\n', encoding="utf-8")
    (tmp_path / "shapes.ttl").write_text(
        f"@prefix ex: <{EX}> .\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:label ; sh:maxCount 1 ] .\n", encoding="utf-8")

    def where(*names):
        report = validate([tmp_path / n for n in names], shapes=[tmp_path / "shapes.ttl"])
        return [(r.location.file.rsplit("/", 1)[-1], r.location.line, r.location.column) for r in report.results]

    assert where("a.nt", "b.ttl") == [("a.nt", 2, 26)]
    assert where("b.ttl", "a.nt") == [("b.ttl", 2, 6)]
    index = StatementIndex([tmp_path / "b.ttl", tmp_path / "a.nt"], {("I", EX + "a")})
    assert [(o, p_at.file.rsplit("/", 1)[-1], p_at.line) for o, p_at, _ in index.statements_about(("I", EX + "a"), ("I", EX + "label"))] \
        == [(("L", "y", None, None), "b.ttl", 2), (("L", "x", None, None), "a.nt", 2)]
    assert index.first_as_subject[("I", EX + "a")].file.endswith("b.ttl")


def test_a_line_the_search_cannot_read_alone_is_not_guessed(tmp_path):
    # (Oxigraph refuses two statements on one line; the index does not rely on it)
    from imvo_graph.validation.locate import StatementIndex

    two = tmp_path / "two.nt"
    two.write_text(f"<{EX}a> <{EX}p> <{EX}b> . <{EX}a> <{EX}q> <{EX}a> .\n", encoding="utf-8")
    index = StatementIndex([two], {("I", EX + "a")})
    assert index.statements_about(("I", EX + "a"), ("I", EX + "q")) == []  # the file read whole: no positions
    assert (index.first_as_subject[("I", EX + "a")].line, index.first_as_subject[("I", EX + "a")].column) == (1, 1)
