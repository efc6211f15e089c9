"""The in-process command runner (tests/cli_runner.py) answers as a new process would, and
leaves the test process as it found it."""

from __future__ import annotations

import logging
import os
import sys
import warnings

import pytest
from cli_runner import run_in_process, run_subprocess


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("query", "--help"),
        ("query", "no-such-query"),
        ("validate", "--format", "yaml"),
        ("show", "conv:textiel", "--lang", "en"),
    ],
    ids=["version", "help", "unknown-query", "bad-option", "show"],
)
def test_the_same_exit_code_and_output_as_a_process(args):
    env = {"COLUMNS": "100"}
    here, there = run_in_process(*args, env=env), run_subprocess(*args, env=env)
    assert (here.returncode, here.stdout, here.stderr) == (there.returncode, there.stdout, there.stderr)


def test_the_process_state_is_put_back(tmp_path):
    import rdflib.term

    before = (
        os.getcwd(), dict(os.environ), list(warnings.filters), list(logging.getLogger().handlers),
        logging.getLogger("rdflib").level, sys.stdout, sys.stderr, sys.stdin, dict(rdflib.term._toPythonMapping),
    )
    result = run_in_process("validate", "--inference", "owlrl", "--format", "json", cwd=tmp_path, env={"IMVO_GRAPH_X": "1"})
    assert result.returncode == 0, result.stderr
    after = (
        os.getcwd(), dict(os.environ), list(warnings.filters), list(logging.getLogger().handlers),
        logging.getLogger("rdflib").level, sys.stdout, sys.stderr, sys.stdin, dict(rdflib.term._toPythonMapping),
    )
    assert after == before


def test_an_uncaught_exception_is_a_traceback_and_exit_1(monkeypatch):
    from imvo_graph.cli import queries_command

    def broken(args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries_command, "run", broken)
    result = run_in_process("queries")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "RuntimeError: a bug" in result.stderr


def test_start_up_variables_go_to_a_process():
    result = run_in_process("--version", env={"PYTHONHASHSEED": "1"})
    assert result.returncode == 0 and result.stdout.startswith("imvo-graph ")
