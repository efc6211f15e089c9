"""The validation API: no inference by default, because RDFS typing would hide violations."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import ROOT
from pyoxigraph import NamedNode

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBMITTER_SHAPE = NamedNode("https://w3id.org/imvo-graph/def/shapes#MotionShape-submitter")
MOTION = NamedNode("https://w3id.org/imvo-graph/id/motie/34725-XVII-7")


def submitter_violations(report):
    return [r for r in report.violations if r.source_shape == SUBMITTER_SHAPE and r.focus_node == MOTION]


ENGINES = pytest.mark.parametrize("engine", ["fast", "pyshacl"])


@ENGINES
def test_sh_class_violation_is_found_without_inference(report_of, submitter_files, engine):
    report = report_of(submitter_files, engine=engine, inference="none")
    (result,) = submitter_violations(report)
    assert result.value == NamedNode("https://w3id.org/imvo-graph/id/organisatie/ser")
    assert result.path == NamedNode("https://w3id.org/imvo-graph/def#submitter")
    assert "foaf:Person" in result.message("en")


@ENGINES
@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_inference_would_hide_it(report_of, submitter_files, engine, inference):
    """imvo:submitter has range foaf:Person: RDFS (and OWL RL) type the SER a person and sh:class
    is satisfied.

    This is why validation runs without inference by default."""
    report = report_of(submitter_files, inference=inference, engine=engine)
    assert submitter_violations(report) == []


@ENGINES
def test_subclass_axioms_are_visible_without_inference(report_of, engine):
    """Without inference, sh:class still follows the ontology's rdfs:subClassOf axioms: the same
    data gives sh:class violations when the ontology is left out, and none with it."""
    sh_class = NamedNode("http://www.w3.org/ns/shacl#ClassConstraintComponent")
    with_ontology = report_of(engine=engine, inference="none")
    without_ontology = report_of(ontology=[], engine=engine, inference="none")
    assert not with_ontology.has_violations
    assert not [r for r in with_ontology.results if r.constraint_component == sh_class]
    assert [r for r in without_ontology.violations if r.constraint_component == sh_class]


def test_shipped_data_same_results_as_pyshacl(report_of):
    """The fast engine gives pySHACL's results on the shipped graph (data + ontology) and shapes,
    each result as often as pySHACL gives it, both engines on the same statements and the same
    shapes graph (blank nodes included). pySHACL's run is the one of the pySHACL report above
    (no inference): its results graph (``path_graph``) on the graph it validated
    (``data_graph``: the data and ontology files as written, parsed by pyoxigraph), with its
    shapes graph; the fast engine (:func:`fast_validation_support.fast_counts`) validates those
    statements, checked to be the files' statements as written."""
    from collections import Counter

    from fast_validation_support import assert_same_counts, fast_counts, quads_of

    from imvo_graph.rdf.convert import oxigraph_term_converter
    from imvo_graph.resources import shipped_files
    from imvo_graph.validation.pyshacl_engine import without_undefined_shapes
    from imvo_graph.validation.report import results_from_graph

    slow = report_of(engine="pyshacl", inference="none")
    convert = oxigraph_term_converter()
    data = [ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in slow.data_graph]
    as_written = quads_of(shipped_files("data", "ontology"))
    # (pyoxigraph names a file's blank nodes anew at each parse; the shipped data has none)
    assert not any(isinstance(t, ox.BlankNode) for q in as_written for t in q)
    assert set(data) == set(as_written)
    assert without_undefined_shapes(slow.shapes_graph) is slow.shapes_graph  # the graph pySHACL read
    ref = Counter(r.key() for r in results_from_graph(slow.path_graph))
    assert_same_counts(fast_counts(data, slow.shapes_graph), ref, expect_some=False)


def test_both_engines_render_the_same_report(report_of, submitter_files):
    """The fast engine reads the labels of the nodes it reports from its store; the text and
    JSON reports name every node exactly as the pySHACL engine's do (labels in both languages)."""
    from imvo_graph.validation.render import render

    fast = report_of(submitter_files, engine="fast", inference="none")
    slow = report_of(submitter_files, engine="pyshacl", inference="none")
    assert fast.data_graph is None and fast.labels
    assert MOTION in fast.labels and fast.label(MOTION, "en") != fast.label(MOTION, "nl")
    for lang in ("nl", "en"):
        assert render(fast, "text", lang) == render(slow, "text", lang)
        # (as text: every result's messages are in one order, by language tag, with both)
        assert render(fast, "json", lang) == render(slow, "json", lang)
        assert all(list(r.messages) == sorted(r.messages) for r in slow.results)


def test_messages_of_a_pyshacl_report_come_in_one_order():
    """pySHACL's report graph gives a result's messages in an order that changes with the hash
    seed; read back, they are ordered by language tag (of two in one language, the same one is
    kept), whatever order the graph holds them in."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef

    from imvo_graph.validation.report import results_from_graph

    sh = Namespace("http://www.w3.org/ns/shacl#")
    texts = [Literal("Zeg het", lang="nl"), Literal("Say it", lang="en"), Literal("Sag es", lang="de"),
             Literal("A second English one", lang="en")]
    seen = []
    for order in (texts, texts[::-1], texts[1:] + texts[:1]):
        g, report, result = Graph(), BNode(), BNode()
        g.add((report, sh.result, result))
        g.add((result, sh.focusNode, URIRef("http://example.org/x")))
        g.add((result, sh.resultSeverity, sh.Violation))
        for m in order:
            g.add((result, sh.resultMessage, m))
        (read,) = results_from_graph(g)
        seen.append(list(read.messages.items()))
    assert seen[0] == [("de", "Sag es"), ("en", "A second English one"), ("nl", "Zeg het")]
    assert seen[1] == seen[2] == seen[0]


@pytest.mark.parametrize("inference", ["none", "rdfs", "owlrl"])
def test_validate_api_same_report_with_both_engines(report_of, submitter_files, inference):
    """The library call the CLI makes: the same results from validate(engine=...) both ways, on
    the shipped data with one sh:class violation planted."""
    fast = report_of(submitter_files, engine="fast", inference=inference)
    slow = report_of(submitter_files, engine="pyshacl", inference=inference)
    assert {r.key() for r in fast.results} == {r.key() for r in slow.results}
    assert fast.data_triples == slow.data_triples
    assert fast.conforms == slow.conforms
    if inference == "none":
        assert fast.has_violations


def test_pyshacl_leaves_the_logging_as_it_was(tmp_path):
    """The pySHACL engine quiets pySHACL's log while it runs, and only then."""
    import logging

    from imvo_graph.validation import validate

    logger = logging.getLogger("pyshacl")
    before = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        validate([ROOT / "tests" / "fixtures" / "release" / "valid-data.ttl"],
                 shapes=[ROOT / "tests" / "fixtures" / "release" / "shapes.ttl"], engine="pyshacl")
        assert logger.level == logging.DEBUG
    finally:
        logger.setLevel(before)


def test_threads_is_a_parameter():
    """threads= (as IMVO_GRAPH_THREADS): the same report in one thread as in two; a bad value is
    an InputError naming the parameter."""
    from imvo_graph.errors import InputError
    from imvo_graph.validation import validate

    files = [ROOT / "tests" / "fixtures" / "release" / "invalid-data.ttl"]
    shapes = [ROOT / "tests" / "fixtures" / "release" / "shapes.ttl"]
    def keys(report):  # (each run reads the shapes anew: their blank nodes differ)
        return sorted(tuple("_" if isinstance(t, ox.BlankNode) else str(t) for t in r.key()) for r in report.results)

    one, two = (validate(files, shapes=shapes, engine="fast", threads=n) for n in (1, 2))
    assert keys(one) == keys(two) != []
    for bad in (0, -1, 1.5, True, "2"):
        with pytest.raises(InputError, match="threads=.*: give a whole number of at least 1"):
            validate(files, shapes=shapes, threads=bad)


@ENGINES
def test_results_hold_pyoxigraph_terms_that_equal_the_callers(engine):
    """One term model in public results: a result's terms are pyoxigraph terms (as query rows,
    lookups and diffs are), so a caller's own terms compare equal to them, blank nodes included."""
    from imvo_graph.validation import validate_quads

    ex = "http://example.org/"
    thing, shape = ox.BlankNode("thing"), NamedNode(ex + "S")
    data = [ox.Quad(thing, NamedNode(RDF_TYPE), NamedNode(ex + "C")),
            ox.Quad(thing, NamedNode(ex + "size"), ox.Literal("big"))]
    sh = "http://www.w3.org/ns/shacl#"
    prop = ox.BlankNode("p")
    shapes = [ox.Quad(shape, NamedNode(RDF_TYPE), NamedNode(sh + "NodeShape")),
              ox.Quad(shape, NamedNode(sh + "targetClass"), NamedNode(ex + "C")),
              ox.Quad(shape, NamedNode(sh + "property"), prop),
              ox.Quad(prop, NamedNode(sh + "path"), NamedNode(ex + "size")),
              ox.Quad(prop, NamedNode(sh + "datatype"), NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
    (result,) = validate_quads(data, shapes, engine=engine).results
    assert (result.focus_node, result.path, result.value) == (thing, NamedNode(ex + "size"), ox.Literal("big"))
    assert result.source_shape == prop
    assert result.constraint_component == NamedNode(sh + "DatatypeConstraintComponent")
