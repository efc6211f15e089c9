"""A deadline for a client to send its whole request, for the HTTP servers of ``serve``.

A socket timeout bounds each read, not the request: a client sending one header line every few
seconds never hits it and holds its connection (and one of the server's capped slots) for ever.
:class:`DeadlineHandler` shuts the connection when the whole request has not come in
``request_timeout`` seconds after the client connected, which ends the read the handler is
blocked in.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler

#: Seconds a client has to send its whole request, headers and body.
REQUEST_TIMEOUT = 30.0


class DeadlineHandler(BaseHTTPRequestHandler):
    """A request handler whose client has :attr:`request_timeout` seconds to send its request;
    the handler calls :meth:`request_in` once it has read it (its answer is not limited)."""

    request_timeout = REQUEST_TIMEOUT

    def setup(self):
        super().setup()
        self._deadline = threading.Timer(self.request_timeout, self._too_slow)
        self._deadline.daemon = True
        self._deadline.start()

    def _too_slow(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def request_in(self) -> None:
        """The request is read: the deadline no longer applies."""
        self._deadline.cancel()

    def finish(self):
        self._deadline.cancel()
        super().finish()
