"""Remote execution, publish and serve against a real Oxigraph server on 127.0.0.1.

Servers are started on free ports by the tests and stopped by them; the failure cases use small
stand-in HTTP servers on 127.0.0.1. Nothing else touches the network.
"""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import serve_env, stop_serve
from process_helpers import alive, children
from test_queries_machinery import NASTY_VALUES
from test_queries_stored import params_for

from imvo_graph.cli import main
from imvo_graph.endpoints import OxigraphServer, free_port, graph_store, publish, serve_graph
from imvo_graph.endpoints.graph_store import count_triples
from imvo_graph.errors import EXIT_ENDPOINT, EXIT_OK, EndpointError, InputError
from imvo_graph.query import query_names, run_query
from imvo_graph.rdf.loading import load_store

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "query"
QUERIES = FIXTURES / "queries"


@pytest.fixture(scope="module")
def store():
    return load_store([FIXTURES / "graph.ttl"])


@pytest.fixture(scope="module")
def endpoint(store):
    """A read-only Oxigraph server holding the fixture graph; yields its query URL."""
    with serve_graph(store) as server:
        yield server.query_url


@pytest.fixture(scope="module")
def shipped_endpoint():
    """A read-only Oxigraph server holding the shipped graph (ontology and data)."""
    with serve_graph() as server:
        yield server.query_url


@pytest.fixture()
def writable(tmp_path):
    """A read-write Oxigraph server (Graph Store Protocol at .store_url)."""
    with OxigraphServer(tmp_path / "db", read_only=False) as server:
        yield server


def both(name, params=None, *, store, endpoint, **kw):
    local = run_query(name, params, store=store, queries_dir=QUERIES, **kw)
    remote = run_query(name, params, endpoint=endpoint, queries_dir=QUERIES, **kw)
    return local, remote


# -- the same answers remotely -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_remote_answer_equals_local_in_every_format(store, endpoint, lang):
    local, remote = both("covenants", store=store, endpoint=endpoint, lang=lang)
    assert remote.source == endpoint
    assert remote.variables == local.variables
    assert remote.terms == local.terms  # the query orders its rows
    for fmt in ("table", "csv", "tsv", "json", "markdown"):
        assert remote.serialize(fmt) == local.serialize(fmt), fmt


def test_remote_ask(store, endpoint):
    local, remote = both("signed-after", {"after": "2017-07-01"}, store=store, endpoint=endpoint)
    assert local.boolean is False and remote.boolean is False
    local, remote = both("signed-after", store=store, endpoint=endpoint)
    assert local.boolean is True and remote.boolean is True


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_a_parameter_value_cannot_change_the_query_remotely(store, endpoint, value):
    local, remote = both("echo", {"value": value}, store=store, endpoint=endpoint)
    assert remote.terms == local.terms
    assert remote.terms[0][0] == ox.Literal(value)
    assert int(remote.terms[0][1].value) == len(store)


@pytest.mark.parametrize("value", ['"} UNION { ?s ?p ?o } #', "x\") } UNION { ?c ?p ?o } #", "} UNION {"])
def test_an_injected_union_finds_nothing_remotely(store, endpoint, value):
    local, remote = both("by-sector", {"sector": value}, store=store, endpoint=endpoint)
    assert len(local) == len(remote) == 0


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", query_names())
def test_every_stored_query_answers_the_same_on_the_server(shipped_endpoint, name, lang):
    local = run_query(name, params_for(name), lang=lang)
    remote = run_query(name, params_for(name), lang=lang, endpoint=shipped_endpoint)
    assert remote.variables == local.variables
    assert remote.row_set() == local.row_set()
    assert len(remote) == len(local)


def test_stored_queries_on_a_published_named_graph(writable):
    result = publish(writable.store_url)
    assert result.sent == result.on_server
    for name in ("covenant-status", "motions", "planned-reports"):
        local = run_query(name, params_for(name))
        remote = run_query(name, params_for(name), endpoint=writable.query_url, graph=result.graph)
        assert remote.row_set() == local.row_set() and len(local) > 0


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_cli_remote_output_equals_local_output(capsys, shipped_endpoint, fmt):
    path = str(QUERIES / "by-sector.rq")
    args = ["query", "--file", path, "--param", "sector=gold", "--format", fmt, "--lang", "en"]
    assert main(args) == EXIT_OK
    local_out = capsys.readouterr().out
    assert main(args + ["--endpoint", shipped_endpoint]) == EXIT_OK
    assert capsys.readouterr().out == local_out
    assert "gold" in local_out


def test_cli_syntax_error_is_found_before_contacting_the_endpoint(tmp_path, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    # port 9 (discard) is never contacted: the syntax error is reported first, exit 2
    assert main(["query", "--file", str(bad), "--endpoint", "http://127.0.0.1:9/query"]) == 2
    assert "SPARQL syntax error" in capsys.readouterr().err


# -- failures of the endpoint: exit 3, a message naming it, no traceback ----------------------


class _StandIn(http.server.BaseHTTPRequestHandler):
    """Answers by path: /html 200 text/html, /garbage 200 broken JSON, /wrongshape 200 JSON
    that is not a result set, /busy 503, /boom 500, /slow sleeps, /onlyx a result set with the
    one column ?x, /reordered the columns of covenants.rq in another order, anything else 404."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(3)
        replies = {
            "/html": (200, "text/html", b"<html><body>Welcome</body></html>"),
            "/garbage": (200, "application/sparql-results+json", b'{"head": {"vars": ["x"]}, "results": '),
            "/wrongshape": (200, "application/sparql-results+json", b'{"hello": "world"}'),
            "/busy": (503, "text/plain", b"try later"),
            "/boom": (500, "text/plain", b"internal failure"),
            "/slow": (200, "application/sparql-results+json", b'{"head":{"vars":[]},"results":{"bindings":[]}}'),
            "/onlyx": (200, "application/sparql-results+json",
                       b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"1"}}]}}'),
            "/reordered": (200, "application/sparql-results+json",
                           b'{"head":{"vars":["date","covenantLabel","status"]},"results":{"bindings":[{'
                           b'"date":{"type":"literal","value":"2017"},"covenantLabel":{"type":"literal","value":"C"},'
                           b'"status":{"type":"literal","value":"S"}}]}}'),
        }
        status, ctype, body = replies.get(path, (404, "text/plain", b"no such endpoint"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def stand_in():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}/query"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/html", "text/html, not SPARQL JSON results"),
        ("/garbage", "not valid SPARQL JSON results"),
        ("/wrongshape", "not valid SPARQL JSON results"),
        ("/busy", "HTTP error 503"),
        ("/boom", "HTTP error 500: internal failure"),
        ("/missing", "HTTP error 404: no such endpoint"),
    ],
)
def test_endpoint_failures_exit_3(capsys, stand_in, path, message):
    url = stand_in + path
    code = main(["query", "--file", str(QUERIES / "covenants.rq"), "--endpoint", url])
    err = capsys.readouterr().err
    assert code == EXIT_ENDPOINT
    assert f"SPARQL endpoint {url}: " in err and message in err
    assert "Traceback" not in err


def test_an_answer_with_other_columns_than_the_query_selects_exits_3(capsys, stand_in):
    url = stand_in + "/onlyx"
    code = main(["query", "--file", str(QUERIES / "covenants.rq"), "--endpoint", url])
    err = capsys.readouterr().err
    assert code == EXIT_ENDPOINT and "Traceback" not in err
    assert f"SPARQL endpoint {url}: the answer's columns (?x) are not the ones the query selects " \
           "(?covenantLabel, ?status, ?date)" in err
    with pytest.raises(EndpointError, match="columns"):  # a stored query, by name
        run_query("covenants", endpoint=url, queries_dir=QUERIES)


def test_an_answer_with_the_columns_in_another_order_is_read_in_the_query_order(stand_in):
    result = run_query("covenants", endpoint=stand_in + "/reordered", queries_dir=QUERIES)
    assert result.variables == ["covenantLabel", "status", "date"]
    assert [t.value for t in result.terms[0]] == ["C", "S", "2017"]


def test_refused_connection_exits_3(capsys):
    url = _closed_port_url()
    assert main(["query", "--file", str(QUERIES / "covenants.rq"), "--endpoint", url]) == EXIT_ENDPOINT
    err = capsys.readouterr().err
    assert url in err and "connection refused" in err


def test_timeout_exits_3(capsys, stand_in):
    url = stand_in + "/slow"
    start = time.monotonic()
    code = main(["query", "--file", str(QUERIES / "covenants.rq"), "--endpoint", url, "--timeout", "0.5"])
    assert time.monotonic() - start < 2.5
    err = capsys.readouterr().err
    assert code == EXIT_ENDPOINT and url in err and "timed out" in err


def test_a_server_that_accepts_and_says_nothing_times_out():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        with pytest.raises(EndpointError, match="timed out"):
            run_query("covenants", endpoint=url, queries_dir=QUERIES, timeout=0.5)


def test_remote_failure_from_a_subprocess_has_no_traceback():
    url = _closed_port_url()
    proc = subprocess.run(
        [sys.executable, "-m", "imvo_graph", "query", "--file", str(QUERIES / "covenants.rq"), "--endpoint", url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == EXIT_ENDPOINT
    assert proc.stderr.startswith("imvo-graph: error: SPARQL endpoint") and "Traceback" not in proc.stderr


# -- publish -----------------------------------------------------------------------------------


def test_publish_replaces_the_graph_and_checks_the_count(store, writable):
    graph = "https://w3id.org/imvo-graph/graph/test"
    first = publish(writable.store_url, graph, store=store)
    assert first.sent == first.on_server == len(store)
    # publishing again replaces rather than adds
    second = publish(writable.store_url, graph, store=store)
    assert second.on_server == len(store)
    # and queries can read the named graph as their default graph
    local = run_query("covenants", store=store, queries_dir=QUERIES)
    remote = run_query("covenants", endpoint=writable.query_url, graph=graph, queries_dir=QUERIES)
    assert remote.terms == local.terms
    # without the graph, the server's (empty) default graph answers
    assert len(run_query("covenants", endpoint=writable.query_url, queries_dir=QUERIES)) == 0


def test_a_failed_upload_leaves_the_previous_graph_intact(store, writable, monkeypatch):
    graph = "https://w3id.org/imvo-graph/graph/test"
    publish(writable.store_url, graph, store=store)
    good_body, _ = graph_store.graph_payload(store)

    def broken_payload(_store):
        # a large valid prefix, then a line that does not parse: the server must reject it all
        extra = b"".join(b"<http://e/s%d> <http://e/p> \"new\" .\n" % i for i in range(5000))
        return good_body + extra + b"<http://e/broken <http://e/p> .\n", len(store) + 5001

    monkeypatch.setattr(graph_store, "graph_payload", broken_payload)
    with pytest.raises(EndpointError, match=r"the upload failed: HTTP 400"):
        publish(writable.store_url, graph, store=store)
    assert count_triples(writable.store_url, graph) == len(store)
    remote = run_query("covenants", endpoint=writable.query_url, graph=graph, queries_dir=QUERIES)
    assert len(remote) == 3


class _ShortGraphStore(http.server.BaseHTTPRequestHandler):
    """Accepts any PUT, then returns a one-triple graph: the count check must catch it."""

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204)
        self.end_headers()

    def do_GET(self):
        body = b'<http://e/s> <http://e/p> "o" .\n'
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_publish_notices_a_wrong_triple_count(store):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ShortGraphStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        with pytest.raises(EndpointError, match=f"holds 1 triples after the upload, but {len(store)} were sent"):
            publish(url, store=store)
    finally:
        server.shutdown()
        server.server_close()


def test_publish_cli_refused_and_bad_graph(capsys):
    url = f"http://127.0.0.1:{free_port()}/store"
    assert main(["publish", "--endpoint", url]) == EXIT_ENDPOINT
    err = capsys.readouterr().err
    assert url in err and "connection refused" in err
    assert main(["publish", "--endpoint", url, "--graph", "not an iri"]) == 2
    assert "not an absolute IRI" in capsys.readouterr().err


def test_publish_cli_shipped_graph(capsys, writable):
    assert main(["publish", "--endpoint", writable.store_url]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("published ") and "https://w3id.org/imvo-graph/graph" in out


def test_publish_rejects_a_read_only_server(store, endpoint):
    store_url = endpoint.rsplit("/", 1)[0] + "/store"
    with pytest.raises(EndpointError, match="the upload failed: HTTP"):
        publish(store_url, store=store)


def test_bad_endpoint_url_is_input_error(store):
    with pytest.raises(InputError, match="not an http"):
        publish("ftp://example.org/store", store=store)


# -- serve -------------------------------------------------------------------------------------


def test_serve_command_starts_a_read_only_endpoint_and_stops_on_ctrl_c(store):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=serve_env(),
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"SPARQL endpoint http://127.0.0.1:{port}/query (read-only, ")
        url = f"http://127.0.0.1:{port}/query"
        result = run_query("covenants", endpoint=url, queries_dir=QUERIES)
        assert result.variables == ["covenantLabel", "status", "date"]
        # the shipped graph is loaded, and the endpoint refuses writes
        with pytest.raises(EndpointError):
            publish(f"http://127.0.0.1:{port}/store", store=store)
    finally:
        stop_serve(proc)
    assert proc.returncode == 0, proc.stderr.read()
    # the oxigraph child process went with it
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to find the server process")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_serve_stops_the_server_and_removes_its_database_on_sigterm_and_sighup(signum, site):
    port = free_port()
    # (the site of the run, as built by `imvo-graph site`: serve would build the same one first,
    # which test_serve_command_starts_a_read_only_endpoint_and_stops_on_ctrl_c lets it do)
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", "serve", "--port", str(port), "--site", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"SPARQL endpoint http://127.0.0.1:{port}/query"), proc.stderr.read()
        (child,) = children(proc.pid)
        command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        assert b"serve-read-only" in command
        location = Path(command[command.index(b"--location") + 1].decode())
        assert location.is_dir()
        proc.send_signal(signum)  # to the parent only, as a service manager or `kill` does
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, proc.stderr.read()
    assert proc.stdout.read() == "stopped\n"
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child), "the oxigraph server is still running"
    assert not location.exists() and not location.parent.exists(), "the temporary database was left behind"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


@pytest.mark.parametrize(
    "host, message",
    [
        ("203.0.113.5", "203.0.113.5 is not an address of this machine"),  # TEST-NET-3, never local
        ("bad host", "--host 'bad host': not a valid host name or IP address"),
    ],
)
def test_serve_reports_the_real_bind_error(host, message):
    proc = subprocess.run(
        [sys.executable, "-m", "imvo_graph", "serve", "--host", host, "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "in use" not in proc.stderr and "Traceback" not in proc.stderr


def test_serve_on_a_busy_port_exits_3():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "imvo_graph", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == EXIT_ENDPOINT, proc.stderr
    assert "Traceback" not in proc.stderr and str(port) in proc.stderr


def test_server_binary_is_found():
    from imvo_graph.endpoints import oxigraph_binary

    assert os.access(oxigraph_binary(), os.X_OK)
