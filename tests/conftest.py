"""Shared fixtures: the shipped graph, and running the command-line tool as a user does."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LETTER_SOURCE = ROOT / "sources" / "kamerbrief-imvo-2017-09-28.md"
LETTER = "https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644"


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120) -> CliResult:
    """Run ``python -m imvo_graph ARGS`` in a subprocess, as a user would run the command."""
    completed = subprocess.run(
        [sys.executable, "-m", "imvo_graph", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture(scope="session")
def cli():
    return run_cli


@pytest.fixture(scope="session")
def shipped_store():
    """The shipped graph (ontology, code lists and data) in an Oxigraph store."""
    from imvo_graph.loading import load_shipped

    return load_shipped()


@pytest.fixture(scope="session")
def shipped_rdflib(shipped_store):
    from imvo_graph.loading import to_rdflib

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
    """The static site of the shipped graph, built once per session (test_site*.py)."""
    from imvo_graph.site import write_site

    folder = tmp_path_factory.mktemp("site") / "public"
    write_site(folder)
    return folder
