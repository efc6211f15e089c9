"""validate --store DIR keeps the prepared graph as N-Quads and bulk-loads it while the inputs
are unchanged (an on-disk Oxigraph store was slower than none: benchmarks/store_reuse.py)."""

from __future__ import annotations

from conftest import ROOT

from imvo_graph.rdf.store import GRAPH_FILE, META_FILE, open_graph

DATA = ROOT / "tests" / "fixtures" / "steward" / "new-covenant.ttl"


def test_reused_graph_is_the_prepared_graph(tmp_path):
    import pyoxigraph as ox

    added = ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("inferred"), ox.DefaultGraph())

    def prepare(store):  # stands for inference: what it adds is kept
        store.add(added)

    built, reused, counts = open_graph([DATA], tmp_path / "st", prepare=prepare, preserve_literals=True)
    assert not reused and (tmp_path / "st" / GRAPH_FILE).is_file() and (tmp_path / "st" / META_FILE).is_file()
    again, reused, counts_again = open_graph([DATA], tmp_path / "st", prepare=prepare, preserve_literals=True)
    assert reused and counts_again == counts
    assert set(again) == set(built) and added in again


def test_a_count_in_background_is_of_the_graph_as_it_was(tmp_path):
    """count_in_background: the count after the first file, taken while the second is loaded
    (and the store changed after), is that of the first file alone; kept stores count too."""
    import pyoxigraph as ox

    more = tmp_path / "more.nt"
    more.write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n<urn:x:a> <urn:x:p> <urn:x:c> .\n", encoding="utf-8")
    alone = len(open_graph([DATA])[0])
    store, _, counts = open_graph([DATA, more], counted=[0], count_in_background=True)
    store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("later"), ox.DefaultGraph()))
    assert counts[1] is None and counts[0].result() == alone and len(store) == alone + 3
    for _ in range(2):  # built, then reused
        _, _, kept = open_graph([DATA, more], tmp_path / "st", counted=[0, 1], count_in_background=True)
        assert [c.result() for c in kept] == [alone, alone + 2]


def test_a_damaged_cache_is_built_again(tmp_path):
    open_graph([DATA], tmp_path / "st")
    (tmp_path / "st" / GRAPH_FILE).write_text("<not n-quads", encoding="utf-8")
    store, reused, _ = open_graph([DATA], tmp_path / "st")
    assert not reused and len(store) > 0
    assert open_graph([DATA], tmp_path / "st")[1]


def test_cli_results_are_the_same_with_a_reused_store(cli, tmp_path):
    args = ("validate", "--with-shipped", str(ROOT / "tests" / "fixtures" / "steward" / "typo-and-bad-date.ttl"), "--format", "json")
    plain = cli(*args).stdout
    first = cli(*args, "--store", str(tmp_path / "st")).stdout
    second = cli(*args, "--store", str(tmp_path / "st")).stdout
    assert plain == first == second
