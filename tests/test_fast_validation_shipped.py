"""The fast engine gives pySHACL's results on the shipped graph (data + ontology) and shapes."""

from __future__ import annotations

import pytest

from fast_validation_support import assert_same


def _shipped(kind):
    from imvo_graph.loading import shipped_files

    files = shipped_files(kind)
    if not files:
        pytest.skip(f"no shipped {kind} files yet")
    return files


def test_shipped_data_same_results_as_pyshacl():
    from imvo_graph.loading import load_store, shipped_files, to_rdflib

    _shipped("data")
    store = load_store(shipped_files("ontology", "data"))
    shapes = to_rdflib(load_store(_shipped("shapes")))
    assert_same(store, shapes, expect_some=False)


def test_shipped_shapes_against_the_vocabulary_check_same_results():
    """The lead's validate() also checks the shapes themselves with shapes/vocabulary.ttl."""
    from imvo_graph.loading import load_store, shipped_files, to_rdflib

    vocabulary = [f for f in _shipped("shapes") if f.name == "vocabulary.ttl"]
    if not vocabulary:
        pytest.skip("no shapes/vocabulary.ttl yet")
    store = load_store(shipped_files("ontology") + shipped_files("shapes"))
    assert_same(store, to_rdflib(load_store(vocabulary)), expect_some=False)
