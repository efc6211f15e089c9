"""The fast engine gives pySHACL's results on the shipped shapes checked with the vocabulary
shapes; the on-disk store. (On the shipped data: test_validation_api.py, which has pySHACL's run
of it already.)"""

from __future__ import annotations

import pytest
from fast_validation_support import assert_same, quads_of


def _shipped(kind):
    from imvo_graph.resources import shipped_files

    files = shipped_files(kind)
    if not files:
        pytest.skip(f"no shipped {kind} files yet")
    return files


def test_shipped_shapes_against_the_vocabulary_check_same_results():
    """The lead's validate() also checks the shapes themselves with shapes/vocabulary.ttl."""
    from imvo_graph.resources import shipped_files
    from imvo_graph.validation.fast import rdflib_graph

    vocabulary = [f for f in _shipped("shapes") if f.name == "vocabulary.ttl"]
    if not vocabulary:
        pytest.skip("no shapes/vocabulary.ttl yet")
    data = quads_of(shipped_files("shapes", "ontology"))
    assert_same(data, rdflib_graph(quads_of(vocabulary)), expect_some=False)


def test_on_disk_store_is_reused_and_refreshed(tmp_path):
    from imvo_graph.generate import generate, write
    from imvo_graph.rdf.store import open_graph
    from imvo_graph.validation import validate

    data = tmp_path / "g.nt"
    write(generate(3000, seed=1, violations=0.02), data)
    first = validate([data], store=tmp_path / "store")
    from imvo_graph.resources import shipped_files

    store, reused, counts = open_graph([data] + _ontology(), tmp_path / "store", inference="none",
                                       preserve_literals=True, depends_on=shipped_files("shapes"), counted=[0])
    del store  # an on-disk store is locked while it is open
    assert reused and counts[0] == first.data_triples > 0
    # a store that did not count after every file is not reused for a caller that needs it
    assert not open_graph([data] + _ontology(), tmp_path / "store", inference="none", preserve_literals=True,
                          depends_on=shipped_files("shapes"))[1]
    import gc

    gc.collect()
    again = validate([data], store=tmp_path / "store")
    assert {r.key() for r in again.results} == {r.key() for r in first.results}
    write(generate(3000, seed=2, violations=0.05), data, overwrite=True)  # a changed file is loaded again
    changed = validate([data], store=tmp_path / "store")
    assert {r.key() for r in changed.results} == {r.key() for r in validate([data]).results}


def _ontology():
    from imvo_graph.resources import shipped_files

    return shipped_files("ontology")


def test_validation_leaves_no_store_behind(tmp_path):
    """Nothing of a validation keeps its store alive once it returns (no reference cycle that
    waits for the garbage collector): an on-disk store can be opened again at once, and a
    million-triple graph is freed when the report is handed back."""
    import gc

    import pyoxigraph as ox

    from imvo_graph.generate import generate, write
    from imvo_graph.validation import validate

    data = tmp_path / "g.nt"
    write(generate(3000, seed=1, violations=0.02), data)
    gc.collect()
    gc.disable()
    try:
        before = sum(1 for o in gc.get_objects() if type(o) is ox.Store)
        validate([data], store=tmp_path / "store")
        validate([data])
        assert sum(1 for o in gc.get_objects() if type(o) is ox.Store) == before
        validate([data], store=tmp_path / "store")  # the directory is not locked
    finally:
        gc.enable()
