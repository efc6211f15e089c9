"""A library call leaves the process as it found it: what one call does cannot change the answer
of a later call in the same process (a notebook, a server, a test run)."""

from __future__ import annotations

from pathlib import Path

DATA = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:year "abc"^^xsd:gYear ; ex:name "1x"^^xsd:NCName .
"""

SHAPES = """@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetNode ex:a ;
  sh:property [ sh:path ex:year ; sh:datatype xsd:gYear ] ;
  sh:property [ sh:path ex:name ; sh:datatype xsd:NCName ] .
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    data, shapes = tmp_path / "data.ttl", tmp_path / "shapes.ttl"
    data.write_text(DATA, encoding="utf-8")
    shapes.write_text(SHAPES, encoding="utf-8")
    return data, shapes


def test_an_owlrl_inference_leaves_rdflibs_literal_conversions_as_they_were(tmp_path):
    # owlrl replaces rdflib's lexical-to-value converters for its closure and puts back only
    # those rdflib itself has, so xsd:gYear, xsd:NCName, ... stayed converted (and their ill-typed
    # literals flagged) for the rest of the process: pySHACL's sh:datatype answers changed
    import rdflib.term

    from imvo_graph.validation import validate

    data, shapes = _files(tmp_path)

    def pyshacl_results(inference: str) -> list:
        report = validate([data], shapes=[shapes], engine="pyshacl", inference=inference)
        return sorted((str(r.focus_node), str(r.path), str(r.value)) for r in report.results)

    converters = dict(rdflib.term._toPythonMapping)
    before = pyshacl_results("none")
    pyshacl_results("owlrl")
    assert dict(rdflib.term._toPythonMapping) == converters
    assert pyshacl_results("none") == before


def test_a_change_to_the_shipped_store_a_caller_got_does_not_reach_later_queries():
    import pyoxigraph as ox

    from imvo_graph.query import run_query, run_sparql, shipped_store

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = run_sparql(count).rows
    mine = shipped_store()
    mine.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o")))
    mine.remove(next(iter(mine)))
    mine.add(ox.Quad(ox.NamedNode("http://example.org/t"), ox.NamedNode("http://example.org/p"), ox.Literal("o")))
    assert run_sparql(count).rows == before
    assert len(shipped_store()) == len(mine) - 1
    assert run_query("covenant-status").rows == run_query("covenant-status", store=shipped_store()).rows


def test_the_owl_rl_closure_leaves_the_garbage_collector_as_it_found_it():
    import gc
    import threading

    import pyoxigraph as ox
    import pytest

    from imvo_graph.inference import UnsupportedInference, owlrl_closure
    from imvo_graph.inference.owl_rl import collector_paused

    def store(turtle: str) -> ox.Store:
        s = ox.Store()
        s.load(turtle.encode(), ox.RdfFormat.TURTLE)
        return s

    fine = store("<http://e/a> <http://www.w3.org/2002/07/owl#sameAs> <http://e/b> .")
    cyclic = store("_:l <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <http://e/a> ; "
                   "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:l . "
                   "<http://e/C> <http://www.w3.org/2002/07/owl#unionOf> _:l .")
    was = gc.isenabled()
    try:
        gc.enable()
        owlrl_closure(fine)
        assert gc.isenabled()
        with pytest.raises(UnsupportedInference):
            owlrl_closure(cyclic)
        assert gc.isenabled()
        gc.disable()  # the caller's choice stays
        owlrl_closure(fine)
        assert not gc.isenabled()
        gc.enable()
        # overlapping closures in two threads: off while either runs, on after the last
        inside, release = threading.Event(), threading.Event()

        def other() -> None:
            with collector_paused():
                inside.set()
                release.wait(10)

        thread = threading.Thread(target=other)
        thread.start()
        inside.wait(10)
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other thread's closure still runs
        release.set()
        thread.join()
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_a_shapes_file_named_vocabulary_ttl_is_no_different_from_any_other(tmp_path):
    # the shapes are checked against the shipped vocabulary shapes (or shape_checks=), never
    # against a given file for its name
    from imvo_graph.validation import validate

    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/a> <http://example.org/p> 1 .\n", encoding="utf-8")
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://example.org/S> a sh:NodeShape ; sh:targetNode <http://example.org/a> ;\n"
        "  sh:property [ sh:path <http://example.org/p> ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    # a check every shapes graph with an IRI path fails
    checks = tmp_path / "vocabulary.ttl"
    checks.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://example.org/PathIsLiteral> a sh:NodeShape ; sh:targetSubjectsOf sh:path ;\n"
        "  sh:property [ sh:path sh:path ; sh:nodeKind sh:Literal ] .\n",
        encoding="utf-8",
    )
    for engine in ("fast", "pyshacl"):
        assert validate([data], shapes=[shapes, checks], engine=engine).results == []
        checked = validate([data], shapes=[shapes], shape_checks=[checks], engine=engine)
        assert [r.value.value for r in checked.results] == ["http://example.org/p"]
