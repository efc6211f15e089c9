"""The fast engine gives pySHACL's results on the shipped graph (data + ontology) and shapes."""

from __future__ import annotations

import pytest

from fast_validation_support import assert_same, quads_of


def _shipped(kind):
    from imvo_graph.loading import shipped_files

    files = shipped_files(kind)
    if not files:
        pytest.skip(f"no shipped {kind} files yet")
    return files


def test_shipped_data_same_results_as_pyshacl():
    from imvo_graph.loading import shipped_files
    from imvo_graph.validation.sparql_engine import rdflib_graph

    _shipped("data")
    data = quads_of(shipped_files("data", "ontology"))
    assert_same(data, rdflib_graph(quads_of(_shipped("shapes"))), expect_some=False)


def test_shipped_shapes_against_the_vocabulary_check_same_results():
    """The lead's validate() also checks the shapes themselves with shapes/vocabulary.ttl."""
    from imvo_graph.loading import shipped_files
    from imvo_graph.validation.sparql_engine import rdflib_graph

    vocabulary = [f for f in _shipped("shapes") if f.name == "vocabulary.ttl"]
    if not vocabulary:
        pytest.skip("no shapes/vocabulary.ttl yet")
    data = quads_of(shipped_files("shapes", "ontology"))
    assert_same(data, rdflib_graph(quads_of(vocabulary)), expect_some=False)
