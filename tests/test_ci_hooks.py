"""The pre-commit hook definition and the CI snippets of docs/ci.md: they parse, use options the
tool has, and the hook's command does what docs/ci.md says on a changed file."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
CI_DOC = ROOT / "docs" / "ci.md"
FIXTURES = ROOT / "tests" / "fixtures" / "steward"
# pre-commit's manifest: required and known keys of a hook (pre-commit/clientlib.py MANIFEST_HOOK_DICT)
REQUIRED = {"id", "name", "entry", "language"}
KNOWN = REQUIRED | {"alias", "files", "exclude", "types", "types_or", "exclude_types", "additional_dependencies",
                    "args", "always_run", "fail_fast", "pass_filenames", "description", "language_version",
                    "log_file", "minimum_pre_commit_version", "require_serial", "stages", "verbose"}


def hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    (definition,) = hooks
    assert REQUIRED <= set(definition) <= KNOWN
    return definition


def run_entry(entry: str, *files) -> subprocess.CompletedProcess:
    """The hook's command as pre-commit runs it: entry, then the changed files."""
    argv = shlex.split(entry)
    assert argv[0] == "imvo-graph"
    return subprocess.run([sys.executable, "-m", "imvo_graph", *argv[1:], *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_hook_definition():
    definition = hook()
    assert definition["language"] == "python"  # pre-commit installs this repository's package
    pattern = re.compile(definition["files"])
    assert all(pattern.search(f"data/x{s}") for s in (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"))
    assert not pattern.search("README.md") and not pattern.search("x.ttl.bak")


def test_hook_entry_passes_a_good_file_and_fails_a_typo():
    entry = hook()["entry"]
    good = run_entry(entry, FIXTURES / "new-covenant.ttl")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run_entry(entry, FIXTURES / "typo-and-bad-date.ttl")
    assert bad.returncode == 1
    assert "tests/fixtures/steward/typo-and-bad-date.ttl:" in bad.stdout and "Did you mean imvo:signingDate" in bad.stdout


def yaml_blocks() -> list:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", CI_DOC.read_text(encoding="utf-8"), flags=re.S)]


def commands_in(value) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip().startswith("imvo-graph ")]
    if isinstance(value, list):
        return [c for item in value for c in commands_in(item)]
    if isinstance(value, dict):
        return [c for item in value.values() for c in commands_in(item)]
    return []


def test_ci_snippets_parse_and_use_real_options():
    from imvo_graph.cli import build_parser

    blocks = yaml_blocks()
    assert len(blocks) == 4  # GitHub Actions, GitLab CI, pre-commit for a data repository and here
    commands = [c for block in blocks for c in commands_in(block)]
    assert len(commands) >= 5
    parser = build_parser()
    for command in commands:
        argv = shlex.split(command.split(" > ")[0].split(" || ")[0])[1:]
        args = parser.parse_args(argv)  # an unknown option or choice would exit 2 here
        assert args.run.__module__.endswith("validate_command"), command
    # the pre-commit configuration names the hook this repository defines, with real options
    config = blocks[2]
    (used,) = config["repos"][0]["hooks"]
    assert used["id"] == hook()["id"]
    parser.parse_args(shlex.split(hook()["entry"])[1:] + used["args"] + ["data/x.ttl"])


@pytest.mark.parametrize("job", ["validate-rdf"])
def test_gitlab_job_publishes_the_reports_it_writes(job):
    gitlab = yaml_blocks()[1][job]
    reports = gitlab["artifacts"]["reports"]
    script = " ".join(gitlab["script"])
    assert f"> {reports['codequality']}" in script and "--format gitlab" in script
    assert f"> {reports['junit']}" in script and "--format junit" in script
