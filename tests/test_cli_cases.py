"""Every command-line case of tests/cli_cases.py against its expected file, exactly."""

from __future__ import annotations

import pytest
from cli_cases import CASES, EXPECTED, expected_path, run_case


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_command_output_is_the_expected_one(case):
    path = expected_path(case)
    assert path.exists(), f"no {path.name}: write it with `python tests/cli_cases.py {case.name}` and review it"
    assert run_case(case) == path.read_text(encoding="utf-8")


def test_every_expected_file_has_a_case():
    names = {c.name for c in CASES}
    assert len(names) == len(CASES), "two cases with one name"
    stray = sorted(p.stem for p in EXPECTED.glob("*.txt") if p.stem not in names)
    assert not stray, f"expected files without a case: {stray}"


def test_the_bash_completion_script_completes_commands_options_and_choices(tmp_path):
    """The script shtab writes from the parser, sourced in bash, completes as a user types."""
    import shutil
    import subprocess
    import sys

    pytest.importorskip("shtab")
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    script = tmp_path / "imvo-graph.bash"
    done = subprocess.run([sys.executable, "-m", "imvo_graph", "completion", "bash"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    script.write_text(done.stdout)

    def complete(*words: str) -> list[str]:
        line = " ".join(words)
        program = (
            f"source {script}; COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}; "
            f"COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}; _shtab_imvo_graph imvo-graph {words[-1]!r} {words[-2]!r}; "
            'printf "%s\\n" "${COMPREPLY[@]}"'
        )
        out = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return sorted(out.stdout.split())

    assert complete("imvo-graph", "qu") == ["queries", "query"]
    assert complete("imvo-graph", "query", "--fo") == ["--force", "--format"]
    assert complete("imvo-graph", "show", "--format", "") == ["jsonld", "text", "turtle"]
    assert complete("imvo-graph", "query", "covenant-s") == ["covenant-status"]  # the stored queries
    assert complete("imvo-graph", "help", "qu") == ["queries", "query"]  # the commands
    assert complete("imvo-graph", "export", "--format", "n") == ["nq", "nquads", "nt", "ntriples"]  # short names too


def test_completion_names_its_shells(cli):
    result = cli("completion", "fish")
    assert result.returncode == 2 and "invalid choice: 'fish'" in result.stderr
