"""``serve`` under abuse: a query that would run for ever is stopped by the server's timeout,
or, where Oxigraph cannot stop it (a COUNT over a cartesian product), by the guard, which kills
and restarts the server; a ``serve`` killed with SIGKILL takes its Oxigraph child with it and
leaves a temporary database that the next run removes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from process_helpers import alive, children

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform != "linux", reason="Linux process control")]

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_runaway_query_is_stopped_by_the_query_timeout():
    from imvo_graph.endpoints import serve_graph

    with serve_graph(query_timeout=1) as server:
        url = server.query_url + "?" + urllib.parse.urlencode({"query": CARTESIAN})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
        elapsed = time.monotonic() - started
    assert "cancelled" in body or "timeout" in body.lower()
    assert elapsed < 30


#: Oxigraph's --timeout-s does not stop this one: about 10^15 solutions counted in one step
CARTESIAN_4 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _get(url: str, query: str, timeout: float = 60) -> tuple[int, str]:
    request = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_a_query_the_server_cannot_stop_is_stopped_by_the_guard_and_its_process_replaced():
    from imvo_graph.endpoints import serve_graph

    with serve_graph(query_timeout=2) as server:
        waiting = threading.Thread(target=server.wait, daemon=True)  # what `serve` blocks in
        waiting.start()
        first = server.process.pid
        started = time.monotonic()
        status, body = _get(server.query_url, CARTESIAN_4)
        elapsed = time.monotonic() - started
        assert status == 503 and "query timeout" in body and "limit of 2 s" in body, body
        assert 2 <= elapsed < 2 + 3
        assert _gone_within(first, 3), "the runaway query's server still runs"
        status, body = _get(server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=10)
        assert status == 200 and f'"value":"{server.triples}"' in body.replace(" ", "")
        second = server.process.pid
        assert second != first and server.supervisor.restarts == 1
        before = _cpu_seconds(second)
        time.sleep(1)
        assert _cpu_seconds(second) - before < 0.5, "the new server is busy"
        assert waiting.is_alive(), "wait() returned when the server was replaced"

        # a client that gives up does not leave the query running either
        client = socket.create_connection((server.host, server.port))
        target = server.query_url.split(str(server.port), 1)[1] + "?" + urllib.parse.urlencode({"query": CARTESIAN_4})
        client.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(0.5)
        client.close()
        assert _gone_within(second, 2 + 3), "the abandoned query's server still runs"
        assert _get(server.query_url, "ASK { ?s ?p ?o }", timeout=10)[0] == 200
        assert server.supervisor.restarts == 2 and waiting.is_alive()



def test_serve_killed_with_sigkill_takes_its_server_along_and_the_next_run_cleans_up(tmp_path):
    from imvo_graph.endpoints.server import remove_stale_databases

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", "serve", "--port", "0", "--no-site"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert "SPARQL endpoint" in line, proc.stderr.read()
        (server,) = children(proc.pid)
        databases = list(tmp_path.glob("imvo-graph-serve-*"))
        assert len(databases) == 1
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while alive(server) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(server), "the Oxigraph server outlived serve"
    finally:
        if proc.poll() is None:
            proc.kill()
    assert remove_stale_databases(tmp_path) == databases
    assert not databases[0].exists()


def test_a_live_servers_database_is_not_removed(tmp_path):
    from imvo_graph.endpoints.server import remove_stale_databases

    live = tmp_path / "imvo-graph-serve-live"
    live.mkdir()
    (live / "owner.pid").write_text(f"{os.getpid()}\n")
    foreign = tmp_path / "imvo-graph-serve-foreign"
    foreign.mkdir()  # no owner file: not removed
    assert remove_stale_databases(tmp_path) == []
    assert live.exists() and foreign.exists()


def test_a_query_in_flight_when_the_server_is_replaced_is_answered_by_the_new_one():
    from imvo_graph.endpoints import serve_graph

    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a ?t }"  # a second or so
    with serve_graph(query_timeout=30) as server:
        first = server.process.pid
        answers = []
        asking = threading.Thread(target=lambda: answers.append(_get(server.query_url, query)))
        asking.start()
        time.sleep(0.3)  # the query is running
        server.supervisor.replace(server.supervisor.generation)
        asking.join(60)
        ((status, body),) = answers
        assert status == 200 and '"n":' in body.replace(" ", ""), body
        assert _gone_within(first, 1) and server.supervisor.restarts == 1


def test_the_site_folder_of_a_serve_killed_with_sigkill_is_removed_by_the_next_run(tmp_path):
    """``serve`` builds its site in an owned temporary folder, like its database (building a
    whole site takes seconds: the folder's life is what is tested here)."""
    from imvo_graph.endpoints.server import remove_stale_databases

    holder = (
        "import time\nfrom imvo_graph.endpoints.server import owned_temporary_directory\n"
        "with owned_temporary_directory('site') as folder:\n"
        "    (folder / 'site').mkdir()\n    print(folder, flush=True)\n    time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp_path)},
        stdout=subprocess.PIPE, text=True,
    )
    folder = Path(proc.stdout.readline().strip())
    assert folder.parent == tmp_path and folder.name.startswith("imvo-graph-serve-site-")
    assert remove_stale_databases(tmp_path) == []  # its owner runs
    proc.kill()
    proc.wait()
    assert remove_stale_databases(tmp_path) == [folder] and not folder.exists()


def test_a_literal_too_long_for_the_server_is_bad_input_not_a_server_failure(tmp_path):
    """validate, export and diff read literals over 16 MiB; Oxigraph's loader cannot."""
    import pyoxigraph as ox

    from imvo_graph.endpoints.server import load_location
    from imvo_graph.errors import InputError

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x" * (17 << 20))))
    with pytest.raises(InputError, match="longer than 16 MiB, more than Oxigraph's server can load"):
        load_location(tmp_path / "db", store, scratch=tmp_path)
    assert not (tmp_path / "graph.nt").exists()


def test_a_client_reading_slowly_is_not_taken_for_a_runaway_query(monkeypatch):
    """The time limit is the server's: an answer that takes long to reach a slow client is
    relayed whole, and the server is not restarted."""
    from imvo_graph.endpoints import guard, serve_graph

    plain_write = guard._Handler._write
    stalled = []

    def write(self, chunk):
        if not stalled:  # a client on a slow link: the first piece takes past the limit (1 + 1 s)
            stalled.append(chunk)
            time.sleep(2.5)
        plain_write(self, chunk)

    monkeypatch.setattr(guard._Handler, "_write", write)
    with serve_graph(query_timeout=1) as server:
        started = time.monotonic()
        status, body = _get(server.query_url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 2000", timeout=60)
        elapsed = time.monotonic() - started
        assert status == 200 and body.count('"s":') == 2000, body[-200:]
        assert elapsed > 2.5
        assert server.supervisor.restarts == 0
