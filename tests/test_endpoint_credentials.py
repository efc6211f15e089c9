"""Credentials in endpoint URLs: used as HTTP Basic authentication and never shown.

A small local server checks the ``Authorization`` header; every message of ``query --endpoint``
and ``publish`` names the endpoint as ``user:***@host`` and never holds the password.
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

SECRET = "s3cr%40t"  # percent-encoded in the URL: the password is "s3cr@t"
PASSWORD = "s3cr@t"


class _Handler(BaseHTTPRequestHandler):
    graph = b""
    paths: list = []  # every request's path and query string, as received

    def log_message(self, *args):  # quiet
        pass

    def _authorised(self) -> bool:
        type(self).paths.append(self.path)
        expected = "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") == expected:
            return True
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="test"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def do_POST(self):  # a SPARQL query
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self._authorised():
            return
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "ok"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PUT(self):  # Graph Store Protocol upload
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self._authorised():
            return
        type(self).graph = body
        self.send_response(204)
        self.end_headers()

    def do_GET(self):
        if not self._authorised():
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", str(len(self.graph)))
        self.end_headers()
        self.wfile.write(self.graph)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _main(args, capsys):
    from imvo_graph.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_query_sends_the_urls_credentials_as_basic_authentication(server, capsys):
    url = f"http://alice:{SECRET}@127.0.0.1:{server}/sparql"
    from imvo_graph.query import run_sparql

    result = run_sparql("SELECT ?x WHERE { ?x ?p ?o }", endpoint=url)
    assert [[t.value for t in row] for row in result.terms] == [["ok"]]
    assert PASSWORD not in result.source and SECRET not in result.source
    assert result.source == f"http://alice:***@127.0.0.1:{server}/sparql"


@pytest.mark.parametrize("password", ["wrong", SECRET])
def test_query_errors_never_show_the_password(server, password, capsys, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x WHERE { ?x ?p ?o }")
    port = server if password == "wrong" else 9  # wrong password: 401; right one: refused
    url = f"http://alice:{password}@127.0.0.1:{port}/sparql"
    code, out, err = _main(["query", "--file", str(query), "--endpoint", url], capsys)
    assert code == 3, err
    assert f"alice:***@127.0.0.1:{port}" in err
    assert password not in err and PASSWORD not in err and "Traceback" not in err


def test_publish_uploads_with_the_credentials_and_names_the_endpoint_without_them(server, capsys):
    url = f"http://alice:{SECRET}@127.0.0.1:{server}/store"
    code, out, err = _main(["publish", "--endpoint", url], capsys)
    assert code == 0, err
    assert f"alice:***@127.0.0.1:{server}/store" in out
    assert SECRET not in out + err and PASSWORD not in out + err


@pytest.mark.parametrize("port_kind", ["refused", "unauthorised"])
def test_publish_errors_never_show_the_password(server, port_kind, capsys):
    port = 9 if port_kind == "refused" else server
    password = SECRET if port_kind == "refused" else "not-it"
    url = f"http://alice:{password}@127.0.0.1:{port}/store"
    code, out, err = _main(["publish", "--endpoint", url, "--timeout", "5"], capsys)
    assert code == 3, err
    assert f"alice:***@127.0.0.1:{port}" in err
    assert password not in err and PASSWORD not in err and "Traceback" not in err


def test_a_bad_endpoint_url_is_refused_without_showing_its_password(capsys):
    code, out, err = _main(["publish", "--endpoint", "ftp://alice:hunter2@host/store"], capsys)
    assert code == 2 and "hunter2" not in err and "alice:***@host" in err


def test_redact():
    from imvo_graph.credentials import parse_endpoint, redact

    endpoint = parse_endpoint(f"http://alice:{SECRET}@127.0.0.1/sparql")
    assert endpoint.password == PASSWORD
    assert PASSWORD not in repr(endpoint) and SECRET not in repr(endpoint)  # e.g. locals in a crash report

    assert redact("https://bob:pa%3Ass@example.org:8890/sparql?x=1") == "https://bob:***@example.org:8890/sparql?x=1"
    assert redact("https://example.org/sparql") == "https://example.org/sparql"


QUERY_SECRET = "tok%2Fen-42"  # percent-encoded in the URL: the token is "tok/en-42"


@pytest.mark.parametrize("command", ["query", "publish"])
def test_a_token_in_the_query_string_is_sent_but_never_shown(server, command, capsys, tmp_path):
    """A secret query-string parameter (access_token=...) goes to the endpoint as written; the
    URL that is shown has *** for its value, in output and in errors (401, refused)."""
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x WHERE { ?x ?p ?o }")
    args = {"query": ["query", "--file", str(query), "--endpoint"], "publish": ["publish", "--timeout", "5", "--endpoint"]}[command]
    path = "/sparql" if command == "query" else "/store"
    for password, port, expected in ((SECRET, server, 0), ("not-it", server, 3), (SECRET, 9, 3)):
        _Handler.paths.clear()
        url = f"http://alice:{password}@127.0.0.1:{port}{path}?access_token={QUERY_SECRET}&lang=nl"
        code, out, err = _main(args + [url], capsys)
        assert code == expected, err
        if expected or command == "publish":  # (a query's rows do not name the endpoint)
            assert f"alice:***@127.0.0.1:{port}{path}?access_token=***&lang=nl" in out + err
        for secret in (QUERY_SECRET, "tok/en-42", password, PASSWORD):
            assert secret not in out + err
        if port == server:
            assert _Handler.paths and all(f"access_token={QUERY_SECRET}" in p for p in _Handler.paths)


def test_which_query_parameters_are_secret():
    from imvo_graph.credentials import redact

    url = ("https://example.org/sparql?query=q&apiKey=A&client_secret=B&X-Amz-Signature=C&sig=D"
           "&sessionId=E&api%5Fkey=F&monkey=1&design=2&key&auth=")
    assert redact(url) == ("https://example.org/sparql?query=q&apiKey=***&client_secret=***&X-Amz-Signature=***"
                           "&sig=***&sessionId=***&api%5Fkey=***&monkey=1&design=2&key&auth=")


class _Elsewhere(BaseHTTPRequestHandler):
    """Another host: records the Authorization header of every request it gets."""

    seen: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).seen.append(self.headers.get("Authorization"))
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Redirecting(BaseHTTPRequestHandler):
    """An endpoint that accepts uploads and redirects every read and query elsewhere."""

    target = ""

    def log_message(self, *args):
        pass

    def _redirect(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(302)
        self.send_header("Location", self.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _redirect

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()


def _serving(handler):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.mark.parametrize("command", ["query", "publish"])
def test_the_credentials_are_not_sent_along_a_redirect_to_another_host(command, capsys, tmp_path):
    elsewhere = _serving(_Elsewhere)
    _Redirecting.target = f"http://localhost:{elsewhere.server_address[1]}/collect"
    _Elsewhere.seen = []
    redirecting = _serving(_Redirecting)
    url = f"http://alice:{SECRET}@127.0.0.1:{redirecting.server_address[1]}/" + ("sparql" if command == "query" else "store")
    try:
        if command == "query":
            query = tmp_path / "q.rq"
            query.write_text("SELECT ?x WHERE { ?x ?p ?o }")
            code, out, err = _main(["query", "--file", str(query), "--endpoint", url], capsys)
        else:
            code, out, err = _main(["publish", "--endpoint", url], capsys)
    finally:
        for httpd in (elsewhere, redirecting):
            httpd.shutdown()
            httpd.server_close()
    assert code == 3, err
    assert _Elsewhere.seen == [None], "the redirect was not followed, or carried the credentials"
    assert PASSWORD not in err and SECRET not in err


class _Echo(BaseHTTPRequestHandler):
    """A server whose error page shows the request's headers (some do)."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = f"bad request from {self.headers.get('Authorization')} ({PASSWORD})".encode()
        self.send_response(400)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_server_echoing_the_header_or_the_password_does_not_get_them_into_the_message(capsys, tmp_path):
    echo = _serving(_Echo)
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x WHERE { ?x ?p ?o }")
    url = f"http://alice:{SECRET}@127.0.0.1:{echo.server_address[1]}/sparql"
    try:
        code, out, err = _main(["query", "--file", str(query), "--endpoint", url], capsys)
    finally:
        echo.shutdown()
        echo.server_close()
    token = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    assert code == 3 and "HTTP error 400: bad request from Basic ***" in err, err
    assert token not in err and PASSWORD not in err and SECRET not in err


@pytest.mark.parametrize("command", ["query", "publish"])
def test_a_url_with_a_user_name_only_takes_the_password_from_the_environment(server, command, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("IMVO_GRAPH_ENDPOINT_PASSWORD", PASSWORD)
    if command == "query":
        query = tmp_path / "q.rq"
        query.write_text("SELECT ?x WHERE { ?x ?p ?o }")
        args = ["query", "--file", str(query), "--endpoint", f"http://alice@127.0.0.1:{server}/sparql"]
    else:
        args = ["publish", "--endpoint", f"http://alice@127.0.0.1:{server}/store"]
    code, out, err = _main(args, capsys)
    assert code == 0, err
    assert PASSWORD not in out + err
    if command == "publish":
        assert f"alice:***@127.0.0.1:{server}/store" in out


@pytest.mark.parametrize("command", ["query", "publish"])
def test_a_url_without_credentials_takes_its_hosts_netrc_entry(server, command, capsys, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine example.org login bob password other\nmachine 127.0.0.1 login alice password {PASSWORD}\n")
    monkeypatch.setenv("NETRC", str(netrc))
    if command == "query":
        query = tmp_path / "q.rq"
        query.write_text("SELECT ?x WHERE { ?x ?p ?o }")
        args = ["query", "--file", str(query), "--endpoint", f"http://127.0.0.1:{server}/sparql"]
    else:
        args = ["publish", "--endpoint", f"http://127.0.0.1:{server}/store"]
    code, out, err = _main(args, capsys)
    assert code == 0, err
    assert PASSWORD not in out + err


def test_a_netrc_default_entry_is_not_sent_and_a_wrong_password_is_not_shown(server, capsys, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    monkeypatch.setenv("NETRC", str(netrc))
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x WHERE { ?x ?p ?o }")
    args = ["query", "--file", str(query), "--endpoint", f"http://127.0.0.1:{server}/sparql"]
    netrc.write_text(f"default login alice password {PASSWORD}\n")  # for any host: not used
    code, out, err = _main(args, capsys)
    assert code == 3 and "HTTP error 401" in err, err
    netrc.write_text("machine 127.0.0.1 login alice password wrong-one\n")
    code, out, err = _main(args, capsys)
    assert code == 3 and "HTTP error 401" in err and "wrong-one" not in err, err


def test_a_netrc_file_that_does_not_parse_is_named_without_its_text(capsys, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login alice password {PASSWORD}\nmacdefx {PASSWORD}-typo\n")
    monkeypatch.setenv("NETRC", str(netrc))
    code, out, err = _main(["publish", "--endpoint", "http://127.0.0.1:9/store"], capsys)
    assert code == 2 and f"{netrc}, line 2: not a valid netrc file" in err, err
    assert PASSWORD not in err
