"""The CI report formats, each checked against its published schema (tests/schemas/README.md)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import xmlschema
from conftest import ROOT

SCHEMAS = ROOT / "tests" / "schemas"
TYPOS = "tests/fixtures/steward/typo-and-bad-date.ttl"


def line_of(text: str) -> int:
    return next(i for i, line in enumerate((ROOT / TYPOS).read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def outputs(cli):
    """Each CI format of one run with two violations in the user's file and the shipped warnings."""
    results = {}
    for fmt in ("github", "gitlab", "junit", "sarif"):
        result = cli("validate", "--with-shipped", TYPOS, "--format", fmt, "--lang", "en")
        assert result.returncode == 1, result.stderr
        results[fmt] = result.stdout
    return results


def test_github_workflow_commands(outputs):
    lines = outputs["github"].splitlines()
    pattern = re.compile(r"^::(error|warning|notice) (?:file=[^,:]+(?:,line=\d+,col=\d+)?,)?title=[^,:]+::.+$")
    assert lines and all(pattern.match(line) for line in lines), lines
    typo = f"::error file={TYPOS},line={line_of('imvo:signingdate')},col=5,title=imvosh%3AUndefinedTermRule::"
    assert any(line.startswith(typo) for line in lines)
    assert sum(line.startswith("::error ") for line in lines) == 2
    assert any(line.startswith("::warning file=data/") for line in lines)


def test_gitlab_code_quality_against_its_documented_fields(outputs):
    issues = json.loads(outputs["gitlab"])
    jsonschema.validate(issues, json.loads((SCHEMAS / "gitlab-code-quality.schema.json").read_text()))
    typo = next(i for i in issues if "imvo:signingdate" in i["description"])
    assert typo["location"] == {"path": TYPOS, "lines": {"begin": line_of("imvo:signingdate")}}
    assert typo["severity"] == "major"
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_schema_rejects_what_gitlab_rejects():
    schema = json.loads((SCHEMAS / "gitlab-code-quality.schema.json").read_text())
    bad = [{"description": "x", "check_name": "c", "fingerprint": "f", "severity": "error", "location": {"path": "a", "lines": {"begin": 1}}}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_junit_against_the_ant_junit_xsd(outputs):
    schema = xmlschema.XMLSchema(str(SCHEMAS / "JUnit.xsd"))
    schema.validate(outputs["junit"])
    suite = schema.to_dict(outputs["junit"])
    cases = suite["testcase"]
    failed = {c["@name"]: c["failure"] for c in cases if "failure" in c}
    assert set(failed) == {"imvosh:UndefinedTermRule", "imvosh:DateValuedShape-signingDate"}
    assert f"{TYPOS}:{line_of('imvo:signingdate')}:5" in failed["imvosh:UndefinedTermRule"]["$"]
    assert suite["@failures"] == 2 and suite["@tests"] == len(cases) > 100  # one case per shape


def test_junit_strict_fails_the_warning_shapes_too(cli):
    result = cli("validate", "--format", "junit", "--strict")
    suite = xmlschema.XMLSchema(str(SCHEMAS / "JUnit.xsd")).to_dict(result.stdout)
    assert suite["@failures"] > 0 and result.returncode == 1


def test_sarif_against_the_sarif_2_1_0_schema(outputs):
    log = json.loads(outputs["sarif"])
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    typo = next(r for r in results if r["ruleId"] == "imvosh:UndefinedTermRule")
    physical = typo["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == TYPOS
    assert physical["region"] == {"startLine": line_of("imvo:signingdate"), "startColumn": 5}
    assert typo["level"] == "error"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_sarif_schema_is_really_checked():
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate({"version": "2.1.0", "runs": [{"results": []}]})  # no tool


def test_unknown_format_is_bad_input(cli):
    result = cli("validate", "--format", "xml")
    assert result.returncode == 2 and "invalid choice" in result.stderr and result.stdout == ""


def test_a_file_without_line_numbers_in_every_format(cli, tmp_path):
    """JSON-LD gives no positions: SARIF names the file with no region, GitLab puts the issue
    at line 1 and says the line is unknown, GitHub names the file only; all still valid."""
    from rdflib import Graph

    path = tmp_path / "typos.jsonld"
    path.write_text(Graph().parse(ROOT / TYPOS).serialize(format="json-ld"), encoding="utf-8")
    sarif = json.loads(cli("validate", "--with-shipped", str(path), "--format", "sarif", "--lang", "en").stdout)
    jsonschema.Draft4Validator(json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text())).validate(sarif)
    mine = [r for r in sarif["runs"][0]["results"]
            if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("typos.jsonld")]
    assert mine and all("region" not in r["locations"][0]["physicalLocation"] for r in mine)
    gitlab = json.loads(cli("validate", "--with-shipped", str(path), "--format", "gitlab", "--lang", "en", cwd=tmp_path).stdout)
    jsonschema.validate(gitlab, json.loads((SCHEMAS / "gitlab-code-quality.schema.json").read_text()))
    mine = [i for i in gitlab if i["location"]["path"] == "typos.jsonld"]
    assert mine and all(i["location"]["lines"]["begin"] == 1 and "(line unknown)" in i["description"] for i in mine)
    github = cli("validate", "--with-shipped", str(path), "--format", "github", "--lang", "en", cwd=tmp_path).stdout
    assert any(line.startswith("::error file=typos.jsonld,title=") for line in github.splitlines())


def test_accepted_results_fail_no_ci_format(cli):
    junit = cli("validate", "--format", "junit", "--strict", "--baseline", "validation-baseline.json")
    assert junit.returncode == 0
    assert xmlschema.XMLSchema(str(SCHEMAS / "JUnit.xsd")).to_dict(junit.stdout)["@failures"] == 0
    sarif = json.loads(cli("validate", "--format", "sarif", "--baseline", "validation-baseline.json").stdout)
    assert {r["baselineState"] for r in sarif["runs"][0]["results"]} == {"unchanged"}
    gitlab = json.loads(cli("validate", "--format", "gitlab", "--baseline", "validation-baseline.json").stdout)
    assert {i["severity"] for i in gitlab} == {"info"}
    github = cli("validate", "--format", "github", "--baseline", "validation-baseline.json").stdout.splitlines()
    assert github and all(line.startswith("::notice ") for line in github)
