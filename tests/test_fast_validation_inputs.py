"""What the validators read: every graph of a dataset file (TriG, N-Quads), the on-disk store's
freshness, and an unusable --store directory."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT

DCT_SOURCE = "http://purl.org/dc/terms/source"
RELEASE_FIXTURES = ROOT / "tests" / "fixtures" / "release"


def _shipped_quads():
    from imvo_graph.rdf.loading import read_quads
    from imvo_graph.resources import shipped_files

    return [q for f in shipped_files("data") for q in read_quads(f)]


def _as_dataset(quads, path: Path, fmt, *, plant: bool = False) -> Path:
    """Write ``quads`` into named graphs (one graph for most, the default graph for a few)."""
    out = []
    planted = False
    for i, q in enumerate(quads):
        obj = q.object
        if plant and not planted and q.predicate.value == DCT_SOURCE and isinstance(obj, ox.NamedNode):
            obj = ox.NamedNode(obj.value.rsplit("p", 1)[0] + "p99")  # a paragraph that does not exist
            planted = True
        graph = ox.DefaultGraph() if i % 50 == 0 else ox.NamedNode(f"https://example.org/graph/{i % 3}")
        out.append(ox.Quad(q.subject, q.predicate, obj, graph))
    assert planted or not plant
    ox.serialize(out, str(path), format=fmt)
    return path


def test_dataset_files_are_validated_as_the_union_of_their_graphs(tmp_path):
    """An N-Quads and a TriG file of the same statements: the pySHACL engine reads the same
    graph of both (its one run on the N-Quads file is the reference), and the fast engine gives
    its results on each."""
    from imvo_graph.rdf.loading import load_rdflib
    from imvo_graph.validation import validate

    paths = [_as_dataset(_shipped_quads(), tmp_path / f"d{suffix}", fmt, plant=True)
             for suffix, fmt in [(".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG)]]
    triples = len({(q.subject, q.predicate, q.object) for q in _shipped_quads()})
    slow = validate([paths[0]], engine="pyshacl")
    assert slow.has_violations
    assert slow.data_triples == triples
    assert set(load_rdflib([paths[1]])) == set(load_rdflib([paths[0]])), "the pySHACL engine's graph of both files"
    for path in paths:
        fast = validate([path], engine="fast")
        assert fast.has_violations, f"{path.name}: the fast engine must see the triples in named graphs"
        assert {r.key() for r in fast.results} == {r.key() for r in slow.results}, path.name
        assert any(r.value.value.endswith("p99") for r in fast.violations if r.value is not None)
        assert fast.data_triples == triples


def test_a_conforming_dataset_file_conforms_with_the_same_count(tmp_path):
    from imvo_graph.validation import validate

    path = _as_dataset(_shipped_quads(), tmp_path / "d.nq", ox.RdfFormat.N_QUADS)
    fast = validate([path], engine="fast")
    assert not fast.has_violations
    assert fast.data_triples == len({(q.subject, q.predicate, q.object) for q in _shipped_quads()})


def test_dataset_file_with_literals_oxigraph_canonicalises_in_a_named_graph(tmp_path):
    """A "01"^^xsd:int in a named graph is read as written, as in the default graph."""
    from imvo_graph.validation import validate

    path = tmp_path / "d.nq"
    path.write_text(
        '<https://w3id.org/imvo-graph/id/x> <https://w3id.org/imvo-graph/def#undeclaredThing> '
        '"01"^^<http://www.w3.org/2001/XMLSchema#int> <https://example.org/g> .\n'
    )
    fast = validate([path], engine="fast")
    slow = validate([path], engine="pyshacl")
    assert {r.key() for r in fast.results} == {r.key() for r in slow.results}
    assert not fast.conforms
    assert fast.data_triples == slow.data_triples == 1


def test_release_refuses_invalid_data_in_a_named_graph(tmp_path):
    from imvo_graph.errors import InvalidGraphError
    from imvo_graph.rdf.loading import read_quads
    from imvo_graph.release import write_release

    data = tmp_path / "invalid.nq"
    quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://example.org/g"))
             for q in read_quads(RELEASE_FIXTURES / "invalid-data.ttl")]
    ox.serialize(quads, str(data), format=ox.RdfFormat.N_QUADS)
    target = tmp_path / "r"
    with pytest.raises(InvalidGraphError, match="1 violation"):
        write_release(target, data=[data], shapes=[RELEASE_FIXTURES / "shapes.ttl"], date="2024-03-01")
    assert not target.exists()


# --------------------------------------------------------------------------------------------
# --store DIR: freshness by content, and an unusable directory
# --------------------------------------------------------------------------------------------

VALID = RELEASE_FIXTURES / "valid-data.ttl"


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Change the file's content, keeping its size and its modification time."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns)


def test_store_sees_an_edit_that_keeps_size_and_mtime(tmp_path):
    from imvo_graph.validation import validate

    data = tmp_path / "d.ttl"
    data.write_text(VALID.read_text())
    store = tmp_path / "store"
    first = validate([data], shapes=[RELEASE_FIXTURES / "shapes.ttl"], store=store)
    assert first.conforms
    _same_size_edit(data, '"@nl', '"@fr')  # the Dutch label is gone
    again = validate([data], shapes=[RELEASE_FIXTURES / "shapes.ttl"], store=store)
    fresh = validate([data], shapes=[RELEASE_FIXTURES / "shapes.ttl"])
    assert not fresh.conforms
    assert _keys(again) == _keys(fresh)


def _keys(report) -> set:
    """Result keys with blank nodes (shapes parsed again on each run) as one placeholder."""
    from pyoxigraph import BlankNode

    return {tuple("_:b" if isinstance(t, BlankNode) else t for t in r.key()) for r in report.results}


def test_store_is_keyed_on_content_of_every_input_and_the_version(tmp_path, monkeypatch):
    import imvo_graph
    from imvo_graph.rdf.store import open_graph

    data = tmp_path / "d.ttl"
    data.write_text(VALID.read_text())
    shapes = tmp_path / "s.ttl"
    shapes.write_text((RELEASE_FIXTURES / "shapes.ttl").read_text())
    directory = tmp_path / "store"

    def reused():
        return open_graph([data], directory, depends_on=[shapes])[1]

    assert not reused()
    assert reused()
    shapes.write_text(shapes.read_text() + "\n# a comment\n")
    assert not reused()  # a shapes file changed
    assert reused()
    data.touch()  # same content, new mtime: still fresh
    assert reused()
    monkeypatch.setattr(imvo_graph, "__version__", "99.0.0")
    assert not reused()  # another version of the tool built it


@pytest.mark.parametrize("where", ["/proc/x", "file"])
def test_unusable_store_directory_is_bad_input(cli, tmp_path, where):
    store = "/proc/x" if where == "/proc/x" else str(tmp_path / "f")
    if where == "file":
        Path(store).write_text("not a directory")
    result = cli("validate", str(VALID), "--store", store)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("imvo-graph: error: ") and "Traceback" not in result.stderr
    assert store in result.stderr


def test_unusable_store_directory_raises_input_error():
    from imvo_graph.errors import InputError
    from imvo_graph.validation import validate

    with pytest.raises(InputError, match="/proc/x"):
        validate([VALID], store="/proc/x")


# --------------------------------------------------------------------------------------------
# Literals Oxigraph canonicalises, as written, in every kind of file
# --------------------------------------------------------------------------------------------

POSITIVE_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:n ;
    sh:property [ sh:path ex:n ; sh:datatype xsd:positiveInteger ; sh:maxCount 1 ] .
"""
XSD_NS = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("suffix", [".nt", ".ttl", ".nq"])
def test_canonicalised_literals_of_blank_nodes_and_iris_are_read_as_written(tmp_path, suffix):
    from pyoxigraph import BlankNode

    from imvo_graph.validation import validate

    shapes = tmp_path / "s.ttl"
    shapes.write_text(POSITIVE_SHAPES)
    lines = [
        f'_:b <http://example.org/n> "7"^^<{XSD_NS}positiveInteger> .',
        f'_:b <http://example.org/n> "-1"^^<{XSD_NS}positiveInteger> .',  # ill-typed
        f'<http://example.org/a> <http://example.org/n> "07"^^<{XSD_NS}positiveInteger> .',
        f'<http://example.org/a> <http://example.org/label> "no ^^<{XSD_NS}decimal> here" .',
        f'<http://example.org/c> <http://example.org/n> "1.50"^^<{XSD_NS}decimal> .',
    ]
    data = tmp_path / f"d{suffix}"
    data.write_text("\n".join(lines) + "\n")
    fast = validate([data], shapes=[shapes], ontology=[])
    slow = validate([data], shapes=[shapes], ontology=[], engine="pyshacl")

    def keys(report):
        return sorted(tuple("_" if isinstance(t, BlankNode) else str(t) for t in r.key()) for r in report.results)

    assert keys(fast) == keys(slow)
    assert fast.data_triples == slow.data_triples == 5


def test_canonicalised_lines_are_found_by_a_byte_scan():
    from imvo_graph.rdf.store import _canonicalised_lines

    data = (
        f'<a> <p> "1"^^<{XSD_NS}integer> .\n<a> <p> "7"^^<{XSD_NS}positiveInteger> .\n'
        f'<a> <p> "1.0"^^<{XSD_NS}decimal> .\n<a> <p> "x"^^<{XSD_NS}decimalX> .'
    ).encode()
    # xsd:integer too: Oxigraph rewrites "007" as "7", and see the next test
    assert _canonicalised_lines(data).splitlines() == data.splitlines()[0:3]
    assert _canonicalised_lines(b'<a> <p> "x" .\n') == b""
    assert _canonicalised_lines(b'<a> <p> "\\u0031" .\n') == b""  # an escape in a string is no datatype
    assert _canonicalised_lines(f'<a> <p> "1"^^<{XSD_NS}\\u0064ecimal> .\n'.encode()) is None


def test_an_integer_and_a_positive_integer_of_the_same_value_are_both_kept(tmp_path):
    """"7"^^xsd:integer and "7"^^xsd:positiveInteger on one subject and property are two triples;
    putting the second back as written must not drop the first (nor turn "007" into "7")."""

    from imvo_graph.rdf.store import LiteralStore

    path = tmp_path / "numbers.nt"
    path.write_text(
        f'<http://ex/a> <http://ex/p> "7"^^<{XSD_NS}integer> .\n'
        f'<http://ex/a> <http://ex/p> "7"^^<{XSD_NS}positiveInteger> .\n'
        f'<http://ex/a> <http://ex/q> "007"^^<{XSD_NS}integer> .\n'
        f'<http://ex/a> <http://ex/r> "1"^^<{XSD_NS}boolean> .\n',
        encoding="utf-8",
    )
    store = LiteralStore()
    store.load(path)
    objects = sorted((q.object.value, q.object.datatype.value.rsplit("#", 1)[1]) for q in store)
    assert objects == [("007", "integer"), ("1", "boolean"), ("7", "integer"), ("7", "positiveInteger")]


@pytest.mark.parametrize("already_there", [False, True])
def test_ntriples_whose_literals_cannot_be_put_back_are_parsed_again(tmp_path, already_there):
    """Into an empty store the N-Triples file is loaded while its lines are scanned; when those
    lines cannot be put back (a blank node subject), the store is cleared and the file read
    again. Into a store that holds other files, the scan comes first. Either way nothing of the
    other files is lost and every literal is as written."""
    import pyoxigraph as ox

    from imvo_graph.rdf.store import LiteralStore

    path = tmp_path / "blank.nt"
    path.write_text(
        f'_:b <http://ex/n> "07"^^<{XSD_NS}positiveInteger> .\n<http://ex/a> <http://ex/n> "1.50"^^<{XSD_NS}decimal> .\n',
        encoding="utf-8",
    )
    store = LiteralStore()
    other = ox.Quad(ox.NamedNode("http://ex/o"), ox.NamedNode("http://ex/p"), ox.Literal("kept"))
    if already_there:
        store.add(other)
    store.load(path)
    objects = sorted(q.object.value for q in store)
    assert objects == (["07", "1.50", "kept"] if already_there else ["07", "1.50"])
    assert len(store) == (3 if already_there else 2)


def test_ntriples_read_in_blocks_keep_every_canonicalised_literal(tmp_path, monkeypatch):
    """The scan for the literals Oxigraph canonicalises reads the file in blocks of whole lines:
    with blocks shorter than a line, every such literal still comes back as written."""
    from imvo_graph.rdf import store as store_module

    monkeypatch.setattr(store_module, "SCAN_BLOCK", 7)
    path = tmp_path / "blocks.nt"
    lines = [f'<http://ex/s{i}> <http://ex/n> "0{i}"^^<{XSD_NS}positiveInteger> .' for i in range(1, 40)]
    path.write_text("\n".join(lines) + "\n<http://ex/last> <http://ex/n> \"1.50\"^^<" + XSD_NS + "decimal> .", encoding="utf-8")
    store = store_module.LiteralStore()
    store.load(path)
    assert sorted(q.object.value for q in store) == sorted([f"0{i}" for i in range(1, 40)] + ["1.50"])


@pytest.mark.parametrize("content, error", [
    ('<http://ex/a> <http://ex/n> "07"^^<%spositiveInteger> .\n<http://ex/a> <http://ex/p> <<( <http://ex/b> <http://ex/c> <http://ex/d> )>> .\n',
     "RDF 1.2"),
    ('<http://ex/a> <http://ex/p> "x"@en--ltr .\n<http://ex/a> <http://ex/p> "y .\n', "RDF 1.2|line 2"),
])
def test_an_ntriples_file_refused_leaves_the_store_empty(tmp_path, content, error):
    """The load runs beside the scans of the file; a file refused (RDF 1.2, then a syntax
    error) leaves nothing in the store."""
    import pyoxigraph as ox

    from imvo_graph.errors import InputError
    from imvo_graph.rdf.store import load_fast

    path = tmp_path / "refused.nt"
    path.write_text(content.replace("%s", XSD_NS), encoding="utf-8")
    store = ox.Store()
    with pytest.raises(InputError, match=error):
        load_fast(store, path, preserve_literals=True)
    assert len(store) == 0


@pytest.mark.parametrize("bad_line", ["<http://ex/a b> <http://ex/p> <http://ex/o> .", "<relative> <http://ex/p> <http://ex/o> .",
                                      '<http://ex/a> <http://ex/p> "x .'])
def test_ntriples_are_checked_strictly(tmp_path, bad_line):
    """The N-Triples loader rejects a bad IRI or literal with the file and line, and the store is
    left empty."""
    import pyoxigraph as ox

    from imvo_graph.errors import RdfSyntaxError
    from imvo_graph.rdf.store import load_fast

    path = tmp_path / "bad.nt"
    path.write_text(f'<http://ex/a> <http://ex/n> "7"^^<{XSD_NS}integer> .\n<http://ex/a> <http://ex/p> <http://ex/o> .\n{bad_line}\n',
                    encoding="utf-8")
    store = ox.Store()
    with pytest.raises(RdfSyntaxError, match=r"bad\.nt, line 3"):
        load_fast(store, path, preserve_literals=True)
    assert len(store) == 0
