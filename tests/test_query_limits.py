"""A local query with --timeout is stopped past it (Oxigraph cannot stop a query in-process,
so a child process runs it), and gives the same answers as without."""

from __future__ import annotations

import os
import time

import pytest

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
