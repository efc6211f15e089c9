"""Shared fixtures: the shipped graph, and running the command-line tool as a user does."""

from __future__ import annotations

import gc
import subprocess
from pathlib import Path

import pytest
import sparql_speedups
from cli_runner import CliResult, run_in_process, run_subprocess  # noqa: F401 (CliResult: for the tests)

ROOT = Path(__file__).resolve().parent.parent
LETTER_SOURCE = ROOT / "sources" / "kamerbrief-imvo-2017-09-28.md"
LETTER = "https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644"


def _parse_each_sparql_text_once() -> None:
    """pySHACL hands rdflib the text of a SPARQL query each time it runs one (for every shape in
    every validation) and rdflib parses it again: a third of a pySHACL run on a small graph.
    The tests run pySHACL many times on the same shapes, so here each text (with its base and
    namespaces) is parsed once into rdflib's prepared query, which rdflib documents for reuse,
    and evaluated as before. Results are unchanged; only the repeated parsing goes."""
    from functools import lru_cache

    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    @lru_cache(maxsize=4096)
    def prepared(text, base, namespaces):
        return translateQuery(parseQuery(text), base, dict(namespaces))

    original = processor.SPARQLProcessor.query

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            # (only the namespaces whose prefix the text uses can change the prepared query)
            used = tuple(sorted((k, v) for k, v in (initNs or {}).items() if f"{k}:" in strOrQuery))
            strOrQuery = prepared(strOrQuery, base, used)
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query


_parse_each_sparql_text_once()
sparql_speedups.install()  # MINUS with an index: the same solutions (tests/sparql_speedups.py)

# The garbage collector's thresholds raised for the test processes: the tests build many large
# rdflib graphs (pySHACL, owlrl and round-trip references), and with the default thresholds
# (700, 10, 10) the collector walks the young objects of a graph under construction again and
# again. With these it runs about a hundred times less often and still frees every cycle; a test
# that needs garbage gone at once (an on-disk store to reopen) calls gc.collect() itself.
# Measured on test_export.py + test_hostile_inputs.py: 41.7 -> 35.3 s CPU; test_shapes.py,
# test_export.py, test_release.py and test_hostile_inputs.py: 116.6 -> 92.9 s CPU (the heap
# 30-130 MB larger at its peak). The package itself keeps Python's defaults.
gc.set_threshold(100_000, 50, 100)


#: The test files that take longest, longest first (measured: each file's time in its process in
#: a whole parallel run, its CPU and its waits on servers and child processes; last measured
#: after the suite's CPU cuts of 2026-12-03). They run first, so that at the end of a
#: parallel run (``make test``: pytest-xdist, the tests of a file in one process,
#: ``--no-loadscope-reorder``) the processes finish short files together instead of one process
#: running a long file alone. The others (each under about 5 s) follow in name order.
LONGEST_FIRST = (
    "test_validation_api.py",
    "test_site.py",
    "test_site_browser.py",
    "test_shapes.py",
    "test_hostile_inputs.py",
    "test_release.py",
    "test_faults.py",
    "test_serve_hardening.py",
    "test_export.py",
    "test_endpoint_remote.py",
    "test_generate.py",
    "test_inference_owlrl.py",
    "test_serve_guard.py",
    "test_fast_validation_inputs.py",
    "test_cli_validate.py",
    "test_endpoint_credentials.py",
    "test_validate_steward.py",
    "test_validation_differential.py",
    "test_fast_validation_shipped.py",
    "test_benchmarks_run.py",
    "test_inference.py",
    "test_site_server.py",
    "test_cli_cases.py",
)


def pytest_collection_modifyitems(items):
    """The files of LONGEST_FIRST first, in its order; the tests of a file in their order."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    position = {id(item): i for i, item in enumerate(items)}
    items.sort(key=lambda item: (rank.get(item.path.name, len(rank)), position[id(item)]))


#: ``python -m imvo_graph ARGS`` in a subprocess (tests/cli_runner.py)
run_cli = run_subprocess


def serve_env() -> dict:
    """The environment of a ``serve`` process that :func:`stop_serve` stops: with Python's fault
    handler on, so that one which does not stop writes every thread's stack to its stderr."""
    import os

    return {**os.environ, "PYTHONFAULTHANDLER": "1"}


def stop_serve(proc: subprocess.Popen) -> None:
    """Stop an ``imvo-graph serve`` process as a user does (Ctrl-C). One that hangs gets SIGABRT
    (started with :func:`serve_env`, it writes where each thread is to its stderr, which the
    test's failure shows), then SIGKILL."""
    import signal

    proc.send_signal(signal.SIGINT)
    for last_resort in (signal.SIGABRT, signal.SIGKILL):
        try:
            proc.wait(timeout=30)
            return
        except subprocess.TimeoutExpired:
            proc.send_signal(last_resort)
    proc.wait()


@pytest.fixture
def quiet_libraries():
    """rdflib's and pySHACL's logs and warnings silenced for one test (their own business, e.g.
    rdflib logging every ill-typed literal of the W3C suite's datatype tests)."""
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
    logging.disable(logging.NOTSET)


@pytest.fixture(scope="session")
def cli():
    """``cli(*args, cwd=, env=)``: the command run in this process (:func:`cli_runner.run_in_process`),
    returning the exit code, standard output and standard error as a subprocess would."""
    return run_in_process


@pytest.fixture(scope="session")
def cli_process():
    """``cli_process(*args, cwd=, env=)``: the command run in a new process, for what only a
    process shows (signals, exit at interpreter shutdown, the hash seed, the entry point)."""
    return run_subprocess


@pytest.fixture(scope="session")
def shipped_store():
    """The shipped graph (ontology, code lists and data) in an Oxigraph store."""
    from imvo_graph.resources import load_shipped

    return load_shipped()


@pytest.fixture(scope="session")
def report_of():
    """``validate(data, **options)``, computed once per test process for the same arguments:
    pySHACL takes seconds on the shipped graph, and several tests read the same report. The
    reports are shared: a test must not change one. (``make test`` runs the tests of one file
    in one process, ``--dist loadfile``: keep the tests that share a report in one file.)"""
    from imvo_graph.validation import validate

    cache: dict = {}

    def report(data=None, **options):
        key = (
            None if data is None else tuple(str(p) for p in data),
            tuple(sorted((k, tuple(map(str, v)) if isinstance(v, list) else v) for k, v in options.items())),
        )
        if key not in cache:
            cache[key] = validate(data, **options)
        return cache[key]

    return report


@pytest.fixture(scope="session")
def submitter_files(tmp_path_factory):
    """The shipped data files, with the Amhaouch motion submitted by the SER (an organisation):
    one sh:class violation (imvo:submitter must be a foaf:Person)."""
    folder = tmp_path_factory.mktemp("submitter")
    bad = folder / "motions.ttl"
    text = (ROOT / "data" / "motions.ttl").read_text(encoding="utf-8")
    bad.write_text(
        text + "\nmotie:34725-XVII-7 imvo:submitter <https://w3id.org/imvo-graph/id/organisatie/ser> .\n",
        encoding="utf-8",
    )
    return [p for p in sorted((ROOT / "data").glob("*.ttl")) if p.name != "motions.ttl"] + [bad]


@pytest.fixture(scope="session")
def shipped_rdflib(shipped_store):
    from imvo_graph.rdf.loading import to_rdflib

    return to_rdflib(shipped_store)


def select(store, query: str) -> list[tuple]:
    """Rows of a SELECT query on a pyoxigraph store, as tuples of plain Python strings."""
    prefixes = """
        PREFIX imvo: <https://w3id.org/imvo-graph/def#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
    """
    solutions = store.query(prefixes + query)
    variables = solutions.variables
    return [tuple(None if s[v] is None else s[v].value for v in variables) for s in solutions]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The static site of the shipped graph, built once per run (test_site*.py): in a parallel
    run (pytest-xdist) the first process to ask builds it in the run's shared temporary folder,
    under a lock, and the others read the same folder. Tests read the site; none changes it."""
    import fcntl
    import os

    from imvo_graph.site import write_site

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp("site") / "public"
        write_site(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent / "shared-site"
    folder = shared / "public"
    shared.mkdir(exist_ok=True)
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            write_site(folder)
            (shared / "built").touch()
    return folder
