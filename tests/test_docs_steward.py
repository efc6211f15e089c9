"""docs/adding-data.md works as written: its example file is the fixture, and its commands give
what it says."""

from __future__ import annotations

import json
import re

from conftest import ROOT
from rdflib import Graph
from rdflib.compare import isomorphic

GUIDE = ROOT / "docs" / "adding-data.md"
FIXTURE = ROOT / "tests" / "fixtures" / "steward" / "new-covenant.ttl"


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)


def test_the_guides_example_file_is_the_tested_fixture():
    example = code_blocks("turtle")[0]
    assert isomorphic(Graph().parse(data=example, format="turtle"), Graph().parse(FIXTURE))


def test_the_guides_commands(cli, tmp_path):
    my = tmp_path / "my-covenant.ttl"
    my.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    commands = [line for block in code_blocks("sh") for line in block.splitlines() if line.startswith("imvo-graph ")]
    assert len(commands) >= 5
    outputs = {}
    for command in commands:
        args = command.split("#")[0].split()[1:]
        args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', " ".join(args))]
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        outputs[command] = result.stdout
    validate = next(out for cmd, out in outputs.items() if cmd.startswith("imvo-graph validate --with-shipped my-covenant.ttl --lang en"))
    assert validate.startswith("Conforms: no violations.")
    assert (tmp_path / "validation-baseline.json").exists()
    status = next(out for cmd, out in outputs.items() if "covenant-status" in cmd)
    assert "second textile covenant (example)" in status and "2017-06-19" in status
    sources = next(out for cmd, out in outputs.items() if " sources " in cmd)
    assert "p07" in sources


def test_json_location_as_documented(cli, tmp_path):
    bad = tmp_path / "my-covenant.ttl"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace("imvo:signingDate", "imvo:signingdate"), encoding="utf-8")
    report = json.loads(cli("validate", "--with-shipped", "my-covenant.ttl", "--format", "json", cwd=tmp_path).stdout)
    located = [r["location"] for r in report["results"] if r["location"] and r["location"]["file"] == "my-covenant.ttl"]
    assert located and set(located[0]) == {"file", "line", "column", "shipped"}
