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
    from imvo_graph.loading import read_quads, shipped_files

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


@pytest.mark.parametrize("suffix, fmt", [(".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG)])
def test_dataset_files_are_validated_as_the_union_of_their_graphs(tmp_path, suffix, fmt):
    from imvo_graph.validation import validate

    path = _as_dataset(_shipped_quads(), tmp_path / f"d{suffix}", fmt, plant=True)
    fast = validate([path], engine="fast")
    slow = validate([path], engine="pyshacl")
    assert not slow.conforms
    assert not fast.conforms, "the fast engine must see the triples in named graphs"
    assert {r.key() for r in fast.results} == {r.key() for r in slow.results}
    assert any(str(r.value).endswith("p99") for r in fast.violations)
    assert fast.data_triples == slow.data_triples == len({(q.subject, q.predicate, q.object) for q in _shipped_quads()})


def test_a_conforming_dataset_file_conforms_with_the_same_count(tmp_path):
    from imvo_graph.validation import validate

    path = _as_dataset(_shipped_quads(), tmp_path / "d.nq", ox.RdfFormat.N_QUADS)
    fast = validate([path], engine="fast")
    assert fast.conforms
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
    from imvo_graph.loading import read_quads
    from imvo_graph.release import write_release

    data = tmp_path / "invalid.nq"
    quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://example.org/g"))
             for q in read_quads(RELEASE_FIXTURES / "invalid-data.ttl")]
    ox.serialize(quads, str(data), format=ox.RdfFormat.N_QUADS)
    target = tmp_path / "r"
    with pytest.raises(InvalidGraphError, match="1 violation"):
        write_release(target, data=[data], shapes=[RELEASE_FIXTURES / "shapes.ttl"], date="2024-03-01")
    assert not target.exists()
