"""Accepted results: --write-baseline, --baseline, stale entries, and the shipped baseline that
lets CI run `validate --strict` on the shipped data."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

BASELINE = ROOT / "validation-baseline.json"
NEW = ROOT / "tests" / "fixtures" / "steward" / "new-covenant.ttl"


def test_shipped_baseline_makes_strict_pass_on_the_shipped_data(cli):
    strict = cli("validate", "--strict")
    assert strict.returncode == 1  # the shipped warnings are there ...
    result = cli("validate", "--strict", "--baseline", str(BASELINE), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr  # ... and accepted
    report = json.loads(result.stdout)
    assert report["results"] and all(r["accepted"] for r in report["results"])
    assert report["stale"] == []


def test_a_new_warning_fails_strict_despite_the_baseline(cli, tmp_path):
    # a concluded covenant without a signing date: one new warning
    text = NEW.read_text(encoding="utf-8").replace('    imvo:signingDate "2017-06-19"^^xsd:date ;\n', "")
    path = tmp_path / "no-date.ttl"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", "--with-shipped", str(path), "--strict", "--baseline", str(BASELINE), "--format", "json")
    assert result.returncode == 1
    new = [r for r in json.loads(result.stdout)["results"] if not r["accepted"]]
    assert [(r["focusNode"], r["severity"]) for r in new] == [("https://w3id.org/imvo-graph/id/convenant/test-textiel-2", "Warning")]
    # without --strict the warning does not fail
    assert cli("validate", "--with-shipped", str(path), "--baseline", str(BASELINE)).returncode == 0


def test_written_baseline_has_stable_keys_and_no_lines(cli, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert cli("validate", "--write-baseline", str(first)).returncode == 0
    assert cli("validate", "--write-baseline", str(second), "--lang", "en").returncode == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    document = json.loads(first.read_text(encoding="utf-8"))
    entry = document["results"][0]
    assert set(entry) == {"focusNode", "path", "sourceShape", "constraintComponent", "value", "severity", "message"}
    assert not any(key in e for e in document["results"] for key in ("line", "column", "location", "file"))
    # the committed baseline lists the results the tool finds today (messages may be reworded)
    keys = ("focusNode", "path", "sourceShape", "constraintComponent", "value", "severity")
    committed = json.loads(BASELINE.read_text(encoding="utf-8"))["results"]
    assert [[e[k] for k in keys] for e in committed] == [[e[k] for k in keys] for e in document["results"]]


def test_entries_that_no_longer_occur_are_stale(cli, tmp_path):
    document = json.loads(BASELINE.read_text(encoding="utf-8"))
    gone = dict(document["results"][0], focusNode="<https://w3id.org/imvo-graph/id/convenant/gone>")
    document["results"].append(gone)
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = cli("validate", "--strict", "--baseline", str(path), "--lang", "en")
    assert result.returncode == 0
    assert "1 baseline entr(y/ies) no longer occur" in result.stdout
    assert "<https://w3id.org/imvo-graph/id/convenant/gone>" in result.stdout


def assert_bad_input(result, *fragments):
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.mark.parametrize(
    "content, fragments",
    [
        (None, ["no such file"]),
        ('{"format": "imvo-graph validation baseline",\n "version": 1,\n "results": [,]}', ["line 3", "not JSON"]),
        ('{"results": []}', ["not a baseline file"]),
        ('{"format": "imvo-graph validation baseline", "version": 1, "results": [{"path": 3}]}', ["entry 1"]),
    ],
)
def test_bad_baseline_is_bad_input_and_nothing_is_written(cli, tmp_path, content, fragments):
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    out = tmp_path / "written.json"
    result = cli("validate", "--baseline", str(baseline), "--write-baseline", str(out))
    assert_bad_input(result, str(baseline), *fragments)
    assert not out.exists()


def test_other_bad_input_writes_no_baseline(cli, tmp_path):
    out = tmp_path / "written.json"
    assert_bad_input(cli("validate", str(NEW), str(NEW), "--write-baseline", str(out)), "given twice")
    assert_bad_input(cli("validate", "--format", "xml", "--write-baseline", str(out)), "invalid choice")
    assert_bad_input(cli("validate", "--write-baseline", str(tmp_path / "missing" / "b.json")))
    assert not out.exists() and not (tmp_path / "missing").exists()
