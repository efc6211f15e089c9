"""A guard in front of Oxigraph's server for ``serve``: what a reverse proxy would do.

Oxigraph's server runs on a private port of 127.0.0.1; clients talk to this guard, which
relays each request after these checks:

- ``SERVICE`` is refused (403): Oxigraph would send requests to any URL a query names (server-side
  request forgery, from a public endpoint to the machine's network);
- a query nested deeper than :data:`imvo_graph.limits.MAX_QUERY_DEPTH` is refused (400): it would
  crash the server's parser;
- a client has :data:`HEADER_TIMEOUT` seconds for each read and write of its connection (a
  client holding half-sent headers is dropped, not served for ever) and
  :data:`~imvo_graph.request_deadline.REQUEST_TIMEOUT` seconds to send its whole request (one that trickles a byte at a
  time is dropped too), a request body is at most
  :data:`MAX_BODY` bytes (413), and at most :data:`MAX_CONNECTIONS` connections are served at
  once (more get 503 at once, instead of queuing behind slow ones);
- only GET, POST, HEAD and OPTIONS are relayed (the endpoint is read-only);
- a request may take the query time limit plus :data:`GRACE` seconds (not counting the time
  the client takes to read the answer: a slow download is not a runaway query): Oxigraph stops a query
  past its ``--timeout-s`` only between steps of the evaluation, and a COUNT over a cartesian
  product is never stopped (nor when its client gives up). Past the limit the client gets 503
  and the server is killed and restarted on the same database by the
  :class:`~imvo_graph.endpoints.supervisor.Supervisor`; requests that were in flight on it are
  sent again to the new one (once), as long as nothing of their answer was relayed yet.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from typing import TYPE_CHECKING

from ..capped_server import CappedServer
from ..request_deadline import REQUEST_TIMEOUT, DeadlineHandler

if TYPE_CHECKING:  # pragma: no cover
    from .supervisor import Supervisor

HEADER_TIMEOUT = 10.0
#: Seconds past the query time limit before the guard gives up on the server's own answer.
GRACE = 1.0
MAX_CONNECTIONS = 512
MAX_BODY = 1 << 20
_HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
    "transfer-encoding", "upgrade", "host", "content-length",
}


class _Server(CappedServer):
    block_on_close = False
    request_queue_size = 1024

    def __init__(self, address, handler, upstream: "Supervisor", query_timeout: float | None, family):
        self.address_family = family
        self.upstream = upstream
        self.query_timeout = query_timeout
        self.limit = None if query_timeout is None else query_timeout + GRACE
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, handler)

    def refuse(self, request) -> None:
        try:  # 503 at once, instead of queuing behind slow ones
            request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n")
        except OSError:
            pass


class _Handler(DeadlineHandler):
    timeout = HEADER_TIMEOUT  # every read and write of the client's socket
    request_timeout = REQUEST_TIMEOUT  # the whole request
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

    def _refuse(self, status: int, reason: str, *, retry: bool = False) -> None:
        body = f"{reason}\n".encode("utf-8")
        try:
            self.send_response(status)
            if retry:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            self.close_connection = True  # the client went away

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

        self.request_in()  # the query's time limit applies from here

        for text in self._queries(body):
            try:
                check_depth(text)
            except QueryError as exc:
                return self._refuse(400, str(exc))
            if uses_service(text):
                return self._refuse(403, "SERVICE is not allowed on this endpoint (it would send requests to other hosts)")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        for _attempt in range(2):
            if not self._exchange(body, headers):
                return
        self._refuse(503, "the SPARQL server was restarted while it answered; try again", retry=True)

    def _exchange(self, body: bytes | None, headers: dict[str, str]) -> bool:
        """Send the request to the server and relay its answer to the client; True if it must
        be sent again: the server was replaced under it before anything reached the client."""
        supervisor = self.server.upstream
        address = supervisor.address()
        if address is None:
            self._refuse(503, "the SPARQL server is not running", retry=True)
            return False
        host, port, generation = address
        limit = self.server.limit
        deadline = None if limit is None else time.monotonic() + limit
        upstream = http.client.HTTPConnection(host, port, timeout=limit)
        relaying = False  # whether the status line went to the client
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            sock = upstream.sock  # the response keeps reading from it after getresponse()
            response = upstream.getresponse()
            self._send_head(response)
            relaying = True
            while self.command != "HEAD":
                if deadline is not None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    sock.settimeout(remaining)
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                writing = time.monotonic()
                self._write(chunk)
                if deadline is not None:  # the limit is the server's time, not a slow client's
                    deadline += time.monotonic() - writing
        except TimeoutError:  # the server did not finish the answer in time
            supervisor.replace(generation)
            if relaying:
                self.close_connection = True  # the status went out: only closing can tell
            else:
                self._refuse(
                    503, f"query timeout: the query ran longer than this endpoint's limit of "
                    f"{self.server.query_timeout:g} s and was stopped"
                )
        except _ClientGone:
            self.close_connection = True  # the client went away or is too slow: drop it
        except (OSError, http.client.HTTPException):
            if relaying:
                self.close_connection = True
            elif supervisor.replaced(generation):
                return True
            else:
                self._refuse(502, "the SPARQL server does not answer")
        finally:
            upstream.close()
        return False

    def _send_head(self, response: http.client.HTTPResponse) -> None:
        """Relay the status line and headers of ``response`` to the client."""
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
        except OSError:
            raise _ClientGone from None

    def _write(self, chunk: bytes) -> None:
        try:
            self.wfile.write(chunk)
        except OSError:
            raise _ClientGone from None


class _ClientGone(Exception):
    """Writing to the client failed (it went away, or did not read for HEADER_TIMEOUT)."""


class EndpointGuard:
    """The guard on ``host:port`` in front of the Oxigraph server that ``upstream`` keeps running;
    a request may take ``query_timeout`` seconds (plus :data:`GRACE`; None: no limit)."""

    def __init__(self, upstream: "Supervisor", *, host: str, port: int, query_timeout: float | None = None):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._server = _Server((host, port), _Handler, upstream, query_timeout, family)
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
