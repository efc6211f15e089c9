"""The zsh completion script that shtab writes from the parser (`imvo-graph completion zsh`),
loaded in a real interactive zsh as README.md says, completes as a user types: commands,
options, choices, stored query names, export formats and file names, with no error from zsh. (bash:
tests/test_cli_cases.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

COMPLETE = Path(__file__).with_name("zsh_complete.zsh")


@pytest.fixture(scope="module")
def zsh() -> str:
    pytest.importorskip("shtab")
    found = shutil.which("zsh")
    if found is None:
        reason = "zsh is not installed (Debian: apt-get install zsh; .ci/run installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the zsh completion test must run in CI: {reason}")
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def script(tmp_path_factory) -> Path:
    """`imvo-graph completion zsh`, installed as README.md says: a file _imvo-graph in a folder on $fpath."""
    folder = tmp_path_factory.mktemp("zfunc")
    done = subprocess.run([sys.executable, "-m", "imvo_graph", "completion", "zsh"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    (folder / "_imvo-graph").write_text(done.stdout)
    return folder / "_imvo-graph"


def complete(zsh: str, workdir: Path, setup: str, *lines: str) -> list[list[str]]:
    """The matches a real zsh offers for each line, typed and completed with TAB in ``workdir``."""
    (workdir / "setup.zsh").write_text(setup)
    out = workdir / "matches"
    done = subprocess.run([zsh, "-f", str(COMPLETE), str(workdir / "setup.zsh"), str(out), *lines],
                          capture_output=True, text=True, timeout=120, cwd=workdir,
                          env={**os.environ, "HOME": str(workdir)})
    assert done.returncode == 0, f"zsh did not complete every line: {done.stdout}{done.stderr}"
    errors = Path(f"{out}.err").read_text()
    assert errors == "", f"zsh reported: {errors}"
    blocks = out.read_text().split("--done--\n")
    assert len(blocks) == len(lines) + 1 and blocks[-1] == ""
    return [sorted(set(block.split())) for block in blocks[:-1]]


def test_zsh_completes_commands_options_choices_queries_and_files(zsh, script, tmp_path):
    from imvo_graph.cli import build_parser
    from imvo_graph.query import query_names

    (tmp_path / "my-data.ttl").write_text("")
    setup = f"fpath=({script.parent} $fpath)\nautoload -U compinit && compinit -u -D\n"
    commands, qu, options, formats, stored, languages, *files = complete(
        zsh, tmp_path, setup,
        "imvo-graph ", "imvo-graph qu", "imvo-graph query --fo", "imvo-graph show --format ",
        "imvo-graph query covenant-s", "imvo-graph validate --lang ",
        "imvo-graph validate my-", "imvo-graph show --data my-", "imvo-graph validate --shapes my-",
        "imvo-graph validate --baseline my-",
    )
    assert commands == sorted(build_parser().subcommand_choices())  # every command, nothing else
    assert qu == ["queries", "query"]
    assert options == ["--force", "--format"]
    assert formats == ["jsonld", "text", "turtle"]
    assert stored == [n for n in sorted(query_names()) if n.startswith("covenant-s")] == ["covenant-status"]
    assert languages == ["en", "nl"]
    assert files == [["my-data.ttl"]] * 4  # file arguments and options complete file names


def test_zsh_completes_with_the_script_evaluated(zsh, tmp_path):
    """The other way README.md gives: `eval "$(imvo-graph completion zsh)"` after compinit (the
    script registers itself when evaluated; `source <(...)` would run it as the completion
    function itself, outside a completion, which zsh refuses)."""
    generate = f"{sys.executable} -m imvo_graph completion zsh"
    setup = f'autoload -U compinit && compinit -u -D\neval "$({generate})"\n'
    assert complete(zsh, tmp_path, setup, "imvo-graph qu", "imvo-graph help qu", "imvo-graph export --format n") == [
        ["queries", "query"], ["queries", "query"], ["nq", "nquads", "nt", "ntriples"]]
