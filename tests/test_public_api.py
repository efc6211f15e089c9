"""The API at the top of the package: lazily imported, each name a working call."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

RELEASE_FIXTURES = ROOT / "tests" / "fixtures" / "release"
NAMES = ["validate", "run_query", "export_graph", "write_release", "diff_graphs", "load"]


def test_importing_the_package_imports_no_rdf_library():
    """``import imvo_graph`` (and so ``imvo-graph --help``) stays fast: rdflib, pySHACL, owlrl
    and pyoxigraph are imported when a call needs them, not before."""
    script = (
        "import sys, imvo_graph\n"
        "from imvo_graph.cli import build_parser\n"
        "build_parser().format_help()\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl', 'owlrl', 'pyoxigraph') if m in sys.modules))\n"
        "imvo_graph.export_graph\n"
        "print('pyoxigraph' in sys.modules or 'imvo_graph.export' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "True"]


def test_the_public_names():
    import imvo_graph

    assert set(NAMES) <= set(imvo_graph.__all__)
    assert set(NAMES) <= set(dir(imvo_graph))
    with pytest.raises(AttributeError, match="no attribute 'validat'"):
        imvo_graph.validat  # noqa: B018


def test_each_name_is_the_library_function():
    import imvo_graph
    from imvo_graph.diff import diff_graphs
    from imvo_graph.export import export_graph
    from imvo_graph.query import run_query
    from imvo_graph.release import write_release
    from imvo_graph.resources import load_with_shipped
    from imvo_graph.validation import validate

    assert [getattr(imvo_graph, name) for name in NAMES] == [
        validate, run_query, export_graph, write_release, diff_graphs, load_with_shipped]


def test_options_are_typed_with_their_choices():
    """Each option with a fixed set of values has a Literal type in the public signatures, and
    its values are the ones checked at run time (so the type and the check cannot drift)."""
    import inspect
    from typing import get_args

    import imvo_graph
    from imvo_graph.diff import DIFF_FORMATS, Diff, DiffFormat
    from imvo_graph.export import FORMAT_ALIASES, FORMATS, PARTS, ExportFormat, Part
    from imvo_graph.query import FORMATS as RESULT_FORMATS
    from imvo_graph.query import QueryResult, ResultFormat
    from imvo_graph.rdf.labels import LANGUAGES, Language
    from imvo_graph.validation import ENGINES, INFERENCE_CHOICES, Engine, Inference, ReportFormat
    from imvo_graph.validation.render import FORMATS as REPORT_FORMATS
    from imvo_graph.validation.render import render

    assert set(get_args(ExportFormat)) == {*FORMATS, *FORMAT_ALIASES}
    assert get_args(Part) == PARTS and get_args(Language) == LANGUAGES == ("nl", "en")
    assert get_args(ResultFormat) == RESULT_FORMATS and get_args(DiffFormat) == DIFF_FORMATS
    assert get_args(ReportFormat) == REPORT_FORMATS
    assert get_args(Inference) == INFERENCE_CHOICES and get_args(Engine) == ENGINES
    def annotation(function, parameter: str) -> str:  # as written (the modules postpone annotations)
        return inspect.signature(function).parameters[parameter].annotation

    assert annotation(imvo_graph.validate, "inference") == "Inference"
    assert annotation(imvo_graph.validate, "engine") == "Engine"
    assert annotation(imvo_graph.run_query, "lang") == "Language | None"
    assert annotation(imvo_graph.export_graph, "fmt") == "ExportFormat"
    assert annotation(imvo_graph.export_graph, "part") == "Part"
    assert annotation(imvo_graph.diff_graphs, "lang") == "Language"
    assert (annotation(render, "fmt"), annotation(render, "lang")) == ("ReportFormat", "Language")
    assert (annotation(Diff.render, "fmt"), annotation(Diff.render, "lang")) == ("DiffFormat", "Language")
    assert annotation(QueryResult.serialize, "format") == "ResultFormat"
    assert annotation(QueryResult.graph_bytes, "format") == "ExportFormat"


def test_validate_and_write_release(tmp_path):
    import pyoxigraph as ox

    from imvo_graph import validate, write_release

    shapes = [RELEASE_FIXTURES / "shapes.ttl"]
    assert not validate([RELEASE_FIXTURES / "valid-data.ttl"], shapes=shapes).has_violations
    report = validate([RELEASE_FIXTURES / "invalid-data.ttl"], shapes=shapes)
    assert [r.focus_node for r in report.violations] == [ox.NamedNode("https://w3id.org/imvo-graph/id/convenant/naamloos")]
    write_release(tmp_path / "r", data=[RELEASE_FIXTURES / "valid-data.ttl"], shapes=shapes, date="2024-03-01")
    assert (tmp_path / "r" / "SHA256SUMS").is_file()


def test_load_run_query_export_and_diff(tmp_path):
    import pyoxigraph as ox

    from imvo_graph import diff_graphs, export_graph, load, run_query

    shipped = load()
    extra = RELEASE_FIXTURES / "valid-data.ttl"
    more = load([extra])
    covenant = ox.NamedNode("https://w3id.org/imvo-graph/id/convenant/test-convenant")
    assert len(more) > len(shipped) > 0
    assert list(more.quads_for_pattern(covenant, None, None)) and not list(shipped.quads_for_pattern(covenant, None, None))

    rows = run_query("covenant-status").rows
    assert rows and rows == run_query("covenant-status", store=shipped).rows

    data = export_graph("data", "ntriples")
    assert data.count(b"\n") == len(list(shipped.quads_for_pattern(None, None, None))) - len(load_ontology())
    (tmp_path / "old.ttl").write_text("<http://example.org/a> <http://example.org/p> 1 .\n")
    (tmp_path / "new.ttl").write_text("<http://example.org/a> <http://example.org/p> 2 .\n")
    diff = diff_graphs(tmp_path / "old.ttl", tmp_path / "new.ttl")
    assert len(diff.added) == len(diff.removed) == 1 and not diff.equal


def load_ontology():
    from imvo_graph.resources import load_shipped

    return list(load_shipped("ontology"))
