"""The user's own files on serve and publish (--data), and tables on a real terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest
from conftest import ROOT, serve_env, stop_serve

from imvo_graph.cli import main
from imvo_graph.endpoints import OxigraphServer, free_port
from imvo_graph.errors import EXIT_OK
from imvo_graph.query import run_sparql

EXTRA = ROOT / "tests" / "fixtures" / "cli" / "extra.ttl"
COCOA = "ASK { <https://w3id.org/imvo-graph/id/convenant/cacao> a <https://w3id.org/imvo-graph/def#SectorCovenant> }"


def test_serve_data_puts_the_files_next_to_the_shipped_graph(site):
    port = free_port()
    # (--site: the site of the run, not one built again at start; the endpoint is the point here)
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", "serve", "--port", str(port), "--data", str(EXTRA), "--site", str(site)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=serve_env(),
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"SPARQL endpoint http://127.0.0.1:{port}/query"), proc.stderr.read()
        url = f"http://127.0.0.1:{port}/query"
        assert run_sparql(COCOA, endpoint=url).boolean is True
        assert run_sparql("ASK { ?c a <https://w3id.org/imvo-graph/def#Motion> }", endpoint=url).boolean is True
    finally:
        stop_serve(proc)


def test_publish_data_uploads_the_files_with_the_shipped_graph(tmp_path, capsys):
    with OxigraphServer(tmp_path / "db", read_only=False) as server:
        assert main(["publish", "--endpoint", server.store_url]) == EXIT_OK
        shipped = int(capsys.readouterr().out.split("published ")[1].split()[0])
        assert main(["publish", "--endpoint", server.store_url, "--data", str(EXTRA)]) == EXIT_OK
        out = capsys.readouterr().out
        assert out.startswith(f"published {shipped + 6} triples")  # extra.ttl holds 6
        graph = "https://w3id.org/imvo-graph/graph"
        ask = COCOA.replace("ASK {", f"ASK {{ GRAPH <{graph}> {{").replace(" }", " } }")
        assert run_sparql(ask, endpoint=server.query_url).boolean is True


def _on_a_terminal(args: list[str], columns: int) -> str:
    """Run the tool with a pseudo-terminal as standard output, COLUMNS wide; what it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", *args], stdout=follower, stderr=subprocess.PIPE, cwd=ROOT,
        env={**os.environ, "COLUMNS": str(columns)},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.parametrize("args", [["query", "motions", "--lang", "en"], ["show", "conv:textiel"]])
def test_on_a_terminal_the_output_is_wrapped_to_its_width_and_not_when_piped(args):
    wrapped = _on_a_terminal(args, 72)
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    piped = subprocess.run([sys.executable, "-m", "imvo_graph", *args], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "COLUMNS": "72"})
    assert max(len(line) for line in piped.stdout.splitlines()) > 72  # full values when not on a terminal
    if args[0] == "show":  # wrapping only moves line breaks: the same words in the same order
        assert wrapped.split() == piped.stdout.split()
