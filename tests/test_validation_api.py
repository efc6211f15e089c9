"""The validation API: no inference by default, because RDFS typing would hide violations."""

from __future__ import annotations

import json

import pytest
from rdflib import URIRef

from conftest import ROOT
from imvo_graph.validation import validate

SUBMITTER_SHAPE = URIRef("https://w3id.org/imvo-graph/def/shapes#MotionShape-submitter")
MOTION = URIRef("https://w3id.org/imvo-graph/id/motie/34725-XVII-7")


def motions_with_an_organisation_as_submitter(tmp_path):
    """The shipped data, with the Amhaouch motion submitted by the SER (an organisation)."""
    bad = tmp_path / "motions.ttl"
    text = (ROOT / "data" / "motions.ttl").read_text(encoding="utf-8")
    bad.write_text(
        text + "\nmotie:34725-XVII-7 imvo:submitter <https://w3id.org/imvo-graph/id/organisatie/ser> .\n",
        encoding="utf-8",
    )
    return [p for p in sorted((ROOT / "data").glob("*.ttl")) if p.name != "motions.ttl"] + [bad]


def submitter_violations(report):
    return [r for r in report.violations if r.source_shape == SUBMITTER_SHAPE and r.focus_node == MOTION]


ENGINES = pytest.mark.parametrize("engine", ["fast", "pyshacl"])


@ENGINES
def test_sh_class_violation_is_found_without_inference(tmp_path, engine):
    report = validate(motions_with_an_organisation_as_submitter(tmp_path), engine=engine)
    (result,) = submitter_violations(report)
    assert result.value == URIRef("https://w3id.org/imvo-graph/id/organisatie/ser")
    assert result.path == URIRef("https://w3id.org/imvo-graph/def#submitter")
    assert "foaf:Person" in result.message("en")


@ENGINES
@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_inference_would_hide_it(tmp_path, engine, inference):
    """imvo:submitter has range foaf:Person: RDFS (and OWL RL) type the SER a person and sh:class
    is satisfied.

    This is why validation runs without inference by default."""
    report = validate(motions_with_an_organisation_as_submitter(tmp_path), inference=inference, engine=engine)
    assert submitter_violations(report) == []


@ENGINES
def test_subclass_axioms_are_visible_without_inference(engine):
    """Without inference, sh:class still follows the ontology's rdfs:subClassOf axioms: the same
    data gives sh:class violations when the ontology is left out, and none with it."""
    sh_class = URIRef("http://www.w3.org/ns/shacl#ClassConstraintComponent")
    with_ontology = validate(engine=engine)
    without_ontology = validate(ontology=[], engine=engine)
    assert not with_ontology.has_violations
    assert not [r for r in with_ontology.results if r.constraint_component == sh_class]
    assert [r for r in without_ontology.violations if r.constraint_component == sh_class]


def test_both_engines_render_the_same_report(tmp_path):
    """The fast engine reads the labels of the nodes it reports from its store; the text and
    JSON reports name every node exactly as the pySHACL engine's do (labels in both languages)."""
    from imvo_graph.validation.render import render

    files = motions_with_an_organisation_as_submitter(tmp_path)
    fast, slow = validate(files), validate(files, engine="pyshacl")
    assert fast.data_graph is None and fast.labels
    assert MOTION in fast.labels and fast.label(MOTION, "en") != fast.label(MOTION, "nl")
    for lang in ("nl", "en"):
        assert render(fast, "text", lang) == render(slow, "text", lang)
        # (parsed: the order of the messages' languages may differ)
        assert json.loads(render(fast, "json", lang)) == json.loads(render(slow, "json", lang))
