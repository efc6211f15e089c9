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
