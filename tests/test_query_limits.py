"""A local query with --timeout is stopped past it (Oxigraph cannot stop a query in-process,
so a child process runs it), and gives the same answers as without."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from process_helpers import alive, children

from imvo_graph.errors import QueryError
from imvo_graph.query import run_query, run_sparql

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_runaway_local_query_is_stopped_at_the_time_limit():
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"ran longer than 0.5 s \(the time limit, timeout=0.5\)"):
        run_sparql(CARTESIAN, timeout=0.5)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("name", ["covenant-status", "motions"])
def test_the_time_limit_changes_no_answer(name):
    plain = run_query(name, lang="en")
    limited = run_query(name, lang="en", timeout=30)
    assert limited.variables == plain.variables and limited.terms == plain.terms


def test_ask_and_construct_under_a_time_limit():
    assert run_sparql("ASK { ?s a ?t }", timeout=30).boolean is True
    graph = run_sparql("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }", timeout=30)
    assert set(graph.triples) == set(run_sparql("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }").triples)


def test_the_cli_names_the_option(tmp_path, capsys):
    from imvo_graph.cli import main

    query = tmp_path / "q.rq"
    query.write_text(CARTESIAN)
    code = main(["query", "--file", str(query), "--timeout", "0.5"])
    err = capsys.readouterr().err
    assert code == 2 and "--timeout" in err and "Traceback" not in err



@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="Linux /proc and PR_SET_PDEATHSIG")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGKILL"])
def test_the_query_process_does_not_outlive_the_command(tmp_path, signame):
    """Stopped or killed while its query runs, ``query --timeout`` leaves no process counting
    (SIGTERM: it used to wait for the query for ever; SIGKILL: the query ran on, orphaned)."""
    from conftest import ROOT

    query = tmp_path / "q.rq"
    query.write_text(CARTESIAN)
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", "query", "--file", str(query), "--timeout", "600"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        (child,) = children(proc.pid)
        proc.send_signal(getattr(signal, signame))
        _out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if signame == "SIGTERM":
        assert proc.returncode == 128 + signal.SIGTERM and "stopped by SIGTERM" in err, err
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), "the query kept running"
