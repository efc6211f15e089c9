"""The ontology: documented terms, its version, and consistency under OWL RL."""

from __future__ import annotations

import pytest
from conftest import ROOT
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import imvo_graph

IMVO = "https://w3id.org/imvo-graph/def#"
ONTOLOGY = URIRef("https://w3id.org/imvo-graph/def")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def own_terms(graph: Graph) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted({s for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(IMVO)})


def test_there_are_terms(ontology):
    assert len(own_terms(ontology)) >= 20


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment])
def test_every_own_term_has_dutch_and_english(ontology, prop):
    missing = []
    for term in own_terms(ontology):
        langs = {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}
        if not {"nl", "en"} <= langs:
            missing.append((str(term), sorted(filter(None, langs))))
    assert missing == []


def test_every_code_list_concept_has_dutch_and_english_label(ontology):
    missing = []
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        langs = {o.language for o in ontology.objects(concept, SKOS.prefLabel)}
        if not {"nl", "en"} <= langs:
            missing.append(str(concept))
    assert missing == []


def test_version_comes_from_the_package(ontology):
    version = imvo_graph.__version__
    assert ontology.value(ONTOLOGY, OWL.versionInfo) == Literal(version)
    assert ontology.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{version}")


def test_owl_rl_closure_is_consistent(shipped_rdflib):
    """Ontology + code lists + data under OWL RL: no error, nothing inferred into owl:Nothing."""
    import owlrl

    graph = Graph()
    graph += shipped_rdflib
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    err = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
    errors = [str(graph.value(m, err.error)) for m in graph.subjects(RDF.type, err.ErrorMessage)]
    assert errors == []
    nothing = [str(s) for s in graph.subjects(RDF.type, OWL.Nothing)]
    assert nothing == []
    # the closure did run: the subclass axioms typed every motion as a parliamentary paper
    motions = set(graph.subjects(RDF.type, URIRef(IMVO + "Motion")))
    assert motions and all((m, RDF.type, URIRef(IMVO + "ParliamentaryPaper")) in graph for m in motions)
