"""Where the subjects of an N-Triples file are written (imvo_graph.line_index), gathered before the
results are known: the segments and line numbers are the file's, an index is not used for a file
that changed since, and validate's results are located the same with it as without it."""

from __future__ import annotations

import os

import pytest

from imvo_graph import line_index
from imvo_graph.line_index import Indexing, build
from imvo_graph.positions import LineSearch


def _lines(path):
    data = path.read_bytes()
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 10 and i + 1 < len(data)]
    return data, starts


@pytest.mark.parametrize("block", [5, 64, 1 << 22])
def test_segments_cut_the_file_into_runs_of_one_subject_and_other_lines(tmp_path, monkeypatch, block):
    monkeypatch.setattr(line_index, "BLOCK", block)
    path = tmp_path / "d.nt"
    path.write_bytes(b"<http://e/a> <http://e/p> <http://e/b> .\n"
                     b"<http://e/a> <http://e/q> \"1\" .\n"
                     b"# a comment\n"
                     b"\n"
                     b"_:b <http://e/p> <http://e/a> .\n"
                     b"  <http://e/b> <http://e/p> <http://e/a> .\n"
                     b"<http://e/b> <http://e/p> <http://e/a> .\n"
                     b"<http://e/a> <http://e/p> \"last, no line break\" .")
    data, starts = _lines(path)
    index = build(path)
    assert index is not None and index.describes(path, data)
    # each line in one segment: runs of lines 1-2 (a), 7 (b), 8 (a); other lines 3-6 (a block
    # cuts a segment in two)
    segment_of = {}
    for i, (start, end) in enumerate(index.ranges(range(len(index.starts)))):
        assert start in starts and index.lines[i] == starts.index(start) + 1
        segment_of.update((line_start, i) for line_start in starts if start <= line_start < end)
    assert list(segment_of) == starts
    others = {number for number, start in enumerate(starts, 1) if segment_of[start] in index.others}
    assert others == {3, 4, 5, 6}
    for subject, numbers in ((b"<http://e/a>", [1, 2, 8]), (b"<http://e/b>", [7])):
        found = index.segments_of({hash(subject): subject})
        assert all(needle == subject for needle, _ in found)
        assert {n for n, start in enumerate(starts, 1) if segment_of[start] in {i for _, i in found}} == set(numbers)
    if block > len(data):
        assert len(index.starts) == 4 and index.others == [1]
    for number, start in enumerate(starts, 1):
        assert index.line_number(data, start) == number


def test_an_index_describes_only_the_file_as_it_was_read(tmp_path):
    path = tmp_path / "d.nt"
    path.write_bytes(b"<http://e/a> <http://e/p> <http://e/b> .\n")
    index = build(path)
    data = path.read_bytes()
    assert LineSearch.open(path, index).index is index
    path.write_bytes(b"<http://e/b> <http://e/p> <http://e/b> .\n")  # the same size
    os.utime(path, ns=(index.mtime_ns + 1_000_000, index.mtime_ns + 1_000_000))
    assert not index.describes(path, data)
    assert LineSearch.open(path, index).index is None  # searched instead
    assert build(tmp_path / "missing.nt") is None
    if hasattr(os, "mkfifo"):  # a named pipe is not read (its bytes are the load's): no index, no wait
        os.mkfifo(tmp_path / "pipe.nt")
        assert build(tmp_path / "pipe.nt") is None


def test_a_file_of_mostly_other_lines_gets_no_index(tmp_path, monkeypatch):
    monkeypatch.setattr(line_index, "MAX_OTHER_LINES", 3)
    path = tmp_path / "blank.nt"
    path.write_bytes(b"".join(b"_:b%d <http://e/p> <http://e/a> .\n" % i for i in range(5)))
    assert build(path) is None


def test_indexing_builds_the_n_triples_and_n_quads_files_in_a_thread(tmp_path):
    nt, nq, ttl = tmp_path / "a.nt", tmp_path / "b.nq", tmp_path / "c.ttl"
    nt.write_bytes(b"<http://e/a> <http://e/p> <http://e/b> .\n")
    nq.write_bytes(b"<http://e/a> <http://e/p> <http://e/b> <http://e/g> .\n")
    ttl.write_bytes(b"<http://e/a> <http://e/p> <http://e/b> .\n")
    indexing = Indexing([nt, nq, ttl])
    assert indexing.get(nt).lines[0] == 1 and indexing.get(nq) is not None
    assert indexing.get(ttl) is None
    assert Indexing([ttl]).get(ttl) is None
    stopped = Indexing([nt])
    stopped.stop()
    stopped.get(nt)  # (returns: built or not)


def test_validate_locates_results_the_same_with_the_index(tmp_path, monkeypatch):
    """A data file whose results are in runs and among other lines: the same report whether the
    subjects' lines come from the index or from a search of every line."""
    from imvo_graph.validation import validate

    path = tmp_path / "d.nt"
    imvo = "https://w3id.org/imvo-graph/def#"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    lines = []
    for i in range(6):
        s = f"<https://w3id.org/imvo-graph/id/organisatie/o{i}>"
        indent = "  " if i == 3 else ""
        lines.append(f"{indent}{s} <{rdf_type}> <http://www.w3.org/ns/org#Organization> .")
        lines.append(f"{s} <{imvo}undefinedTerm{i}> \"x\" .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def report():
        r = validate([path])
        return [(x.focus_node, x.path, x.value, x.source_shape, x.location) for x in r.results]

    built = []
    real_build = line_index.build
    monkeypatch.setattr(line_index, "build", lambda path, stop=None: built.append(real_build(path, stop)) or built[-1])
    with_index = report()
    assert len(built) == 1 and built[0] is not None and built[0].others  # (the indented line)
    assert with_index and all(loc is not None and loc.line for *_, loc in with_index)
    assert {loc.line for *_, loc in with_index} >= {2, 7, 8}
    monkeypatch.setattr(line_index, "build", lambda path, stop=None: None)
    assert report() == with_index
