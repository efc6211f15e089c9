"""A guard in front of Oxigraph's server for ``serve``: what a reverse proxy would do.

Oxigraph's server runs on a private port of 127.0.0.1; clients talk to this guard, which
relays each request after these checks:

- ``SERVICE`` is refused (403): Oxigraph would send requests to any URL a query names (server-side
  request forgery, from a public endpoint to the machine's network);
- a query nested deeper than :data:`imvo_graph.limits.MAX_QUERY_DEPTH` is refused (400): it would
  crash the server's parser;
- a client has :data:`HEADER_TIMEOUT` seconds for each read and write of its connection (a
  client holding half-sent headers is dropped, not served for ever), a request body is at most
  :data:`MAX_BODY` bytes (413), and at most :data:`MAX_CONNECTIONS` connections are served at
  once (more get 503 at once, instead of queuing behind slow ones);
- only GET, POST, HEAD and OPTIONS are relayed (the endpoint is read-only).
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HEADER_TIMEOUT = 10.0
MAX_CONNECTIONS = 512
MAX_BODY = 1 << 20
_HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
    "transfer-encoding", "upgrade", "host", "content-length",
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 1024

    def __init__(self, address, handler, upstream: tuple[str, int], upstream_timeout: float, family):
        self.address_family = family
        self.upstream = upstream
        self.upstream_timeout = upstream_timeout
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class _Handler(BaseHTTPRequestHandler):
    timeout = HEADER_TIMEOUT  # every read and write of the client's socket
    server: _Server

    def log_message(self, format, *args):  # noqa: A002 - quiet, like Oxigraph's own server
        pass

    def do_GET(self):
        self._relay(None)

    def do_HEAD(self):
        self._relay(None)

    def do_OPTIONS(self):
        self._relay(None)

    def do_POST(self):
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return self._refuse(400, "a Content-Length that is not a number")
        if length > MAX_BODY:
            return self._refuse(413, f"a request body over {MAX_BODY} bytes")
        if length < 0:
            return self._refuse(400, "a negative Content-Length")
        self._relay(self.rfile.read(length))

    def _not_allowed(self):
        self._refuse(405, "this endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _refuse(self, status: int, reason: str) -> None:
        body = f"{reason}\n".encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _queries(self, body: bytes | None) -> list[str]:
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        texts = params.get("query", []) + params.get("update", [])
        if body:
            media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            text = body.decode("utf-8", "replace")
            if media in ("application/sparql-query", "application/sparql-update"):
                texts.append(text)
            elif media == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(text)
                texts += form.get("query", []) + form.get("update", [])
        return texts

    def _relay(self, body: bytes | None) -> None:
        from ..errors import QueryError
        from ..query.run import check_depth, uses_service

        for text in self._queries(body):
            try:
                check_depth(text)
            except QueryError as exc:
                return self._refuse(400, str(exc))
            if uses_service(text):
                return self._refuse(403, "SERVICE is not allowed on this endpoint (it would send requests to other hosts)")
        host, port = self.server.upstream
        upstream = http.client.HTTPConnection(host, port, timeout=self.server.upstream_timeout)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
        except (OSError, http.client.HTTPException):
            upstream.close()
            return self._refuse(502, "the SPARQL server does not answer")
        try:
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            length = response.getheader("Content-Length")
            if length is not None:
                self.send_header("Content-Length", length)
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command == "HEAD":
                return
            while True:
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # the client went away or is too slow: drop it
        finally:
            upstream.close()


class EndpointGuard:
    """The guard on ``host:port`` in front of an Oxigraph server on ``upstream`` (host, port)."""

    def __init__(self, upstream: tuple[str, int], *, host: str, port: int, upstream_timeout: float = 120.0):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._server = _Server((host, port), _Handler, upstream, upstream_timeout, family)
        self.host = host
        self.port = self._server.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> "EndpointGuard":
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()
