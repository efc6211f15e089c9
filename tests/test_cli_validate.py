"""`imvo-graph validate`: exit codes, report formats and messages on bad input."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

SH = Namespace("http://www.w3.org/ns/shacl#")
DATA = ROOT / "data"


def assert_clean_error(result, *fragments: str) -> None:
    """A bad-input error: exit 2, one clear line naming what is wrong, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert "Warning" not in result.stderr
    assert result.stderr.startswith("imvo-graph: error: ")
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


def test_shipped_data_conforms(cli):
    result = cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Conform")
    assert result.stderr == ""


def test_english_report(cli):
    result = cli("validate", "--lang", "en")
    assert result.returncode == 0
    assert result.stdout.startswith("Conforms: no violations.")


def test_violation_exits_1_and_is_reported_by_label(cli, tmp_path):
    bad = tmp_path / "bad-covenant.ttl"
    bad.write_text(
        (DATA / "covenants.ttl").read_text(encoding="utf-8")
        # an expected covenant (p07) with a signing date: an expectation stated as a fact
        + "\n<https://w3id.org/imvo-graph/id/convenant/verzekeringen> "
        "<https://w3id.org/imvo-graph/def#signingDate> \"2017-08-01\"^^<http://www.w3.org/2001/XMLSchema#date> .\n",
        encoding="utf-8",
    )
    files = [str(p) for p in sorted(DATA.glob("*.ttl")) if p.name != "covenants.ttl"] + [str(bad)]
    result = cli("validate", "--format", "json", *files)
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    focus = {r["focusNode"] for r in report["results"] if r["severity"] == "Violation"}
    assert "https://w3id.org/imvo-graph/id/convenant/verzekeringen" in focus

    text = cli("validate", "--lang", "en", *files)
    assert text.returncode == 1
    assert "Does not conform." in text.stdout
    assert "VIOLATION" in text.stdout
    assert "insurance sector covenant  (conv:verzekeringen)" in text.stdout


def test_turtle_report_is_a_shacl_validation_report(cli):
    """sh:conforms as the SHACL specification defines it: true only without any result. The
    shipped data has warnings only: exit 0 (no violation), yet sh:conforms false."""
    result = cli("validate", "--format", "turtle")
    assert result.returncode == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    reports = list(graph.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1
    results = list(graph.objects(reports[0], SH.result))
    severities = {graph.value(r, SH.resultSeverity) for r in results}
    assert SH.Violation not in severities
    assert graph.value(reports[0], SH.conforms).toPython() is (not results)
    as_json = json.loads(cli("validate", "--format", "json").stdout)
    assert as_json["conforms"] is (not results) and as_json["has_violations"] is False


def test_strict_fails_on_warnings_only_when_there_are_warnings(cli):
    report = json.loads(cli("validate", "--format", "json").stdout)
    strict = cli("validate", "--strict")
    expected = 1 if report["counts"]["warning"] or report["counts"]["info"] else 0
    assert strict.returncode == expected


def test_missing_file(cli):
    assert_clean_error(cli("validate", "no-such-file.ttl"), "no-such-file.ttl", "no such file")


def test_directory(cli, tmp_path):
    assert_clean_error(cli("validate", str(tmp_path)), str(tmp_path), "is a directory")


def test_syntax_error_names_file_and_line(cli, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n",
        encoding="utf-8",
    )
    assert_clean_error(cli("validate", str(broken)), "broken.ttl", "line 4")


def test_invalid_bytes_name_file_and_line(cli, tmp_path):
    broken = tmp_path / "bytes.ttl"
    broken.write_bytes(b'@prefix ex: <http://example.org/> .\nex:a ex:b "\xff\xfe" .\n')
    assert_clean_error(cli("validate", str(broken)), "bytes.ttl", "line 2")


def test_unknown_suffix(cli, tmp_path):
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    assert_clean_error(cli("validate", str(odd)), "data.csv", "unknown kind of RDF file")


@pytest.mark.parametrize("option", [["--format", "xml"], ["--lang", "de"], ["--inference", "owl"]])
def test_wrong_option_value(cli, option):
    result = cli("validate", *option)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_shipped_data_conforms_under_rdfs_inference_too(cli):
    """RDFS types every IRI rdfs:Resource (vocabulary terms, web pages): that asks no provenance.
    (pySHACL gives the same results under RDFS: test_validation_api.py compares the engines on
    the shipped data with one violation planted, in-process.)"""
    result = cli("validate", "--inference", "rdfs", "--engine", "fast", "--format", "json")
    report = json.loads(result.stdout)
    assert [r["focusNode"] for r in report["results"] if r["severity"] == "Violation"] == []
    assert result.returncode == 0


def test_engine_option_under_rdfs_inference(cli):
    """--engine pyshacl runs pySHACL itself: the same JSON report and exit code as the default
    engine (on a small graph with one violation: pySHACL takes long on the shipped one)."""
    files = [str(ROOT / "tests" / "shapes" / name) for name in ("context.ttl", "motions/bad-motion-no-submitter.ttl")]
    fast = cli("validate", "--inference", "rdfs", "--format", "json", *files)
    slow = cli("validate", "--inference", "rdfs", "--engine", "pyshacl", "--format", "json", *files)
    assert fast.returncode == slow.returncode == 1, slow.stderr
    report = json.loads(slow.stdout)
    assert report["counts"]["violation"] == 1
    assert report == json.loads(fast.stdout)
