"""Keeping ``serve``'s Oxigraph server running, and replacing it when a query overruns.

Oxigraph stops a query past its ``--timeout-s`` only between steps of the evaluation: an
aggregate over a cartesian product (``SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f .
?g ?h ?i . ?j ?k ?l }``) is never stopped, and a client that gives up leaves it running on a
core. There is no way to cancel one query from outside, so the
:class:`~imvo_graph.endpoints.guard.EndpointGuard` asks a :class:`Supervisor` to replace the
server: the process is killed (SIGKILL: the database is read-only, nothing is lost) and a new
one started on the same database, on a fresh private port. Queries in flight on the old
process are sent again by the guard.

The restarts happen on the supervisor's own thread, which lives as long as the supervisor:
on Linux the server gets SIGKILL when the *thread* that started it ends
(``PR_SET_PDEATHSIG``), so a request's short-lived thread must not start it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .server import OxigraphServer

#: Seconds a request waits for a server being replaced before it gets 503.
RESTART_WAIT = 30.0


class Supervisor:
    """One running :class:`~imvo_graph.endpoints.server.OxigraphServer`, made by ``make_server``
    (a new, not yet started server each time), replaced on :meth:`replace`.

    ``generation`` counts the servers started; a request notes the generation it was sent to
    (:meth:`address`), so that several requests overrunning on the same server replace it once.
    """

    def __init__(self, make_server: Callable[[], "OxigraphServer"]):
        self._make = make_server
        self._cond = threading.Condition()
        self._server: "OxigraphServer | None" = None
        self.generation = 0
        self.restarts = 0
        self._wanted: int | None = None  # the generation to replace
        self._failure: Exception | None = None  # a replacement that did not start
        self._stopping = False
        self._thread: threading.Thread | None = None

    @property
    def server(self) -> "OxigraphServer":
        with self._cond:
            assert self._server is not None, "the supervisor is not started"
            return self._server

    def start(self) -> "Supervisor":
        """Start the first server (in the calling thread: a ServerError is raised here) and the
        thread that replaces it."""
        server = self._make()
        server.start()
        with self._cond:
            self._server = server
            self.generation = 1
        self._thread = threading.Thread(target=self._run, name="oxigraph-supervisor", daemon=True)
        self._thread.start()
        return self

    def address(self, wait: float = RESTART_WAIT) -> tuple[str, int, int] | None:
        """``(host, port, generation)`` of the running server; while it is being replaced, waits
        up to ``wait`` seconds for the new one. None if there is none (stopped, or the
        replacement failed)."""
        with self._cond:
            self._cond.wait_for(lambda: self._wanted is None or self._stopping, timeout=wait)
            if self._wanted is not None or self._stopping or self._failure is not None or self._server is None:
                return None
            return self._server.host, self._server.port, self.generation

    def replace(self, generation: int) -> None:
        """Ask for the server of ``generation`` to be killed and replaced (returns at once;
        nothing happens if it was replaced already)."""
        with self._cond:
            if generation == self.generation and self._wanted is None and not self._stopping:
                self._wanted = generation
                self._cond.notify_all()

    def replaced(self, generation: int) -> bool:
        """Whether the server of ``generation`` was replaced, or is being replaced."""
        with self._cond:
            return generation != self.generation or self._wanted == generation

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._wanted is not None or self._stopping)
                if self._stopping:
                    return
                old = self._server
            if old is not None:
                old.kill()  # at once: this is what frees the core
            new = self._make()
            try:
                new.start()
            except Exception as exc:  # noqa: BLE001 - kept, and reported by wait()
                with self._cond:
                    self._failure = exc
                    self._wanted = None
                    self._cond.notify_all()
                return
            with self._cond:
                if self._stopping:  # stopped while the new one was starting
                    new.stop()
                    self._cond.notify_all()
                    return
                self._server = new
                self.generation += 1
                self.restarts += 1
                self._wanted = None
                self._cond.notify_all()

    def wait(self) -> int:
        """Block until the server exits by itself (not when it is replaced); its exit code. A
        replacement that could not be started is raised (a ServerError)."""
        while True:
            with self._cond:
                server, generation = self._server, self.generation
            code = server.wait() if server is not None else 0
            with self._cond:
                self._cond.wait_for(lambda: self._wanted is None or self._stopping)
                if self._failure is not None:
                    raise self._failure
                if self._stopping or self.generation == generation:
                    return code

    def stop(self) -> None:
        """Stop the server and the supervising thread."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            server = self._server
        if self._thread is not None:
            self._thread.join(timeout=30)
        with self._cond:
            server = self._server or server
        if server is not None:
            server.stop()
