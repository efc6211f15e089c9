"""A cap on the connections the HTTP servers of ``serve`` (the endpoint's guard, the site) serve
at once: one thread a connection, and a connection beyond the cap is closed at once, so a client
that opens many and sends nothing cannot take every thread."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer


class CappedServer(ThreadingHTTPServer):
    """One thread a connection, at most ``slots`` at once; a connection beyond that is passed to
    :meth:`refuse` and closed."""

    daemon_threads = True
    slots: threading.BoundedSemaphore

    def refuse(self, request) -> None:
        """Called with a connection over the cap, before it is closed (default: nothing is sent)."""

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            self.refuse(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()
