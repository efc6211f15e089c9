"""A local SPARQL endpoint: Oxigraph's server (the ``oxigraph`` package) with the graph loaded.

:func:`serve_graph` is the library form of ``imvo-graph serve``: it writes the graph into a
fresh Oxigraph database in a temporary folder with ``oxigraph load``, starts
``oxigraph serve-read-only`` on 127.0.0.1 and a port of your choice (a free one by default),
waits until it answers, and stops it and removes the folder when the ``with`` block ends.
:class:`OxigraphServer` runs the binary on any database folder, read-only or read-write (the
tests use it for a real Graph Store Protocol endpoint).
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import EndpointError, InputError
from ..lifetime import die_with_parent_hook

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Seconds a query may run on ``serve``'s endpoint before Oxigraph gives up on it (its
#: ``--timeout-s``): an abandoned cartesian product must not keep the cores busy.
DEFAULT_QUERY_TIMEOUT = 60
_TEMP_PREFIX = "imvo-graph-serve-"
_OWNER_FILE = "owner.pid"


class ServerError(EndpointError):
    """The local Oxigraph server cannot be found, started or loaded (exit code 3)."""


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server program: next to this Python's executable (the venv's ``bin``),
    else on PATH. ServerError with the install hint if it is in neither place."""
    for folder in (Path(sys.executable).parent, Path(sys.executable).resolve().parent):
        for name in ("oxigraph", "oxigraph.exe"):
            candidate = folder / name
            if candidate.is_file():
                return candidate
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServerError(
        "the Oxigraph server program `oxigraph` is not installed; install it with "
        "pip install 'imvo-graph[server]'"
    )


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port that is free on ``host`` right now. InputError for a host that is not a valid
    name or address, or not an address of this machine (see :func:`check_bind`)."""
    return check_bind(host, 0)


def _bind_text(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def check_bind(host: str, port: int) -> int:
    """Bind a socket to ``host``:``port`` and let go of it at once, to learn whether a server can
    listen there; the port it got (a free one for port 0).

    InputError (exit 2) for a host that is not a valid host name or IP address, or that is not an
    address of this machine; ServerError (exit 3) for a port in use or another bind error.
    """
    if not isinstance(host, str) or not host or host != host.strip():
        raise InputError(f"host={host!r}: not a host name or IP address")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"host={host!r}: not a valid host name or IP address ({reason})") from None
    family, kind, proto, _, address = infos[0]
    where = _bind_text(host, port)
    with socket.socket(family, kind, proto) as sock:
        # SO_REUSEADDR: a port left in TIME_WAIT is free to serve on; a listening one is not
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if exc.errno == errno.EADDRINUSE:
                raise ServerError(f"cannot serve on {where}: the port is in use (choose another with port=N)") from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise InputError(
                    f"cannot serve on {where}: {host} is not an address of this machine ({reason}); "
                    "use 127.0.0.1, or an address of one of its network interfaces"
                ) from None
            if exc.errno == errno.EACCES:
                raise ServerError(f"cannot serve on {where}: permission denied ({reason}; ports below 1024 need privileges)") from None
            raise ServerError(f"cannot serve on {where}: {reason}") from None
        return sock.getsockname()[1]


def load_location(location: Path | str, store: "pyoxigraph.Store", *, scratch: Path | str | None = None) -> int:
    """Write the default graph of ``store`` into the Oxigraph database at ``location`` with
    ``oxigraph load`` (so the server reads its own storage format). Returns the triple count.
    InputError for a literal over 16 MiB, which ``oxigraph load`` cannot read.
    The graph is dumped for the loader into ``scratch`` (a folder; by default a temporary one)."""
    import pyoxigraph as ox

    location = Path(location)
    location.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        tmp = scratch if scratch is not None else stack.enter_context(tempfile.TemporaryDirectory(prefix="imvo-graph-load-"))
        dump = Path(tmp) / "graph.nt"
        stack.callback(dump.unlink, missing_ok=True)
        store.dump(str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        proc = subprocess.run(
            [str(oxigraph_binary()), "load", "--location", str(location), "--file", str(dump)],
            capture_output=True,
            text=True,
        )
    if proc.returncode != 0:
        reason = _last_line(proc.stderr)
        if "buffer maximal size" in reason:  # the input's fault, not the server's
            from ..limits import OXIGRAPH_TOKEN_LIMIT

            raise InputError(
                f"the graph holds a literal longer than {OXIGRAPH_TOKEN_LIMIT >> 20} MiB, more than Oxigraph's "
                "server can load (its parser's limit); validate, export and diff read such literals"
            )
        raise ServerError(f"oxigraph load into {location} failed: {reason}")
    return count


def _last_line(text: str) -> str:
    """The error line of a program's output (Oxigraph's "Error: ..." before its backtrace)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    if errors:
        return errors[0]
    return lines[-1] if lines else "no message"


@contextlib.contextmanager
def owned_temporary_directory(kind: str = ""):
    """A temporary folder of this ``serve`` run (its database, the site it builds), removed when
    the block ends; one that a killed run left is removed by :func:`remove_stale_databases`."""
    import os

    prefix = _TEMP_PREFIX + (f"{kind}-" if kind else "")
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        (Path(tmp) / _OWNER_FILE).write_text(f"{os.getpid()}\n")
        yield Path(tmp)


def remove_stale_databases(folder: Path | str | None = None) -> list[Path]:
    """Remove the temporary folders (:func:`owned_temporary_directory`: databases, sites) of
    ``serve`` runs whose process is gone (killed with SIGKILL, say: its server died with it, see
    :func:`~imvo_graph.lifetime.die_with_parent_hook`); the removed folders."""
    import os

    removed: list[Path] = []
    for candidate in Path(folder or tempfile.gettempdir()).glob(_TEMP_PREFIX + "*"):
        try:
            pid = int((candidate / _OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue  # not ours, or still being set up
        try:
            os.kill(pid, 0)
            continue  # its owner is alive
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # another user's live process
        shutil.rmtree(candidate, ignore_errors=True)
        removed.append(candidate)
    return removed


class OxigraphServer:
    """An ``oxigraph serve`` (or ``serve-read-only``) process on one database folder.

    Use as a context manager, or call :meth:`start` and :meth:`stop`. ``url`` is the server's
    base URL; ``query_url`` its SPARQL query endpoint, ``store_url`` its Graph Store Protocol
    endpoint and ``update_url`` its update endpoint (read-write only).
    """

    def __init__(
        self,
        location: Path | str,
        *,
        host: str = DEFAULT_HOST,
        port: int | None = None,
        read_only: bool = True,
        log: Path | str | None = None,
        query_timeout: float | None = None,
    ):
        self.location = Path(location)
        self.query_timeout = query_timeout
        self.host = host
        self.port = port or free_port(host)
        self.read_only = read_only
        self.log = Path(log) if log is not None else None
        self.process: subprocess.Popen | None = None
        self.triples: int | None = None  # how many triples were loaded, where known
        self._log_file: IO[bytes] | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    def start(self, wait: float = 20.0) -> "OxigraphServer":
        """Start the server and return once it accepts connections (ServerError if it exits
        or does not answer within ``wait`` seconds)."""
        command = "serve-read-only" if self.read_only else "serve"
        if self.read_only and not self.location.is_dir():
            raise ServerError(f"no Oxigraph database at {self.location} to serve")
        self.location.mkdir(parents=True, exist_ok=True)
        bind = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        args = [str(oxigraph_binary()), command, "--location", str(self.location), "--bind", bind]
        if self.query_timeout is not None:
            args += ["--timeout-s", str(max(1, round(self.query_timeout)))]
        err: IO[bytes] = self.log.open("ab") if self.log is not None else tempfile.TemporaryFile()
        self._log_file = err
        try:
            check_bind(self.host, self.port)
        except Exception:
            self._close_log()
            raise
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=err, stderr=err, preexec_fn=die_with_parent_hook()
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                reason = self._log_tail()
                self._close_log()
                self.process = None
                raise ServerError(f"the Oxigraph server on {bind} stopped at once: {reason}")
            if self._answers():
                return self
            time.sleep(0.05)
        self.stop()
        raise ServerError(f"the Oxigraph server on {bind} did not answer within {wait:g} s")

    def _answers(self) -> bool:
        """True once the server answers HTTP on its port (any status will do)."""
        import http.client

        connection = http.client.HTTPConnection(self.host, self.port, timeout=1)
        try:
            connection.request("GET", "/query?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
            connection.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    def _log_tail(self) -> str:
        if self._log_file is None:
            return "no message"
        try:
            self._log_file.flush()
            self._log_file.seek(0)
            return _last_line(self._log_file.read().decode("utf-8", "replace"))
        except (OSError, ValueError):
            return "no message"

    def _close_log(self) -> None:
        if self._log_file is not None:
            with contextlib.suppress(OSError):
                self._log_file.close()
            self._log_file = None

    def stop(self, wait: float = 10.0) -> None:
        """Stop the server process (terminate, then kill if it does not exit)."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=wait)
        self._close_log()

    def kill(self) -> None:
        """Stop the server at once (SIGKILL), whatever it is doing; for a read-only database
        nothing is lost."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        self._close_log()

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        proc = self.process
        return proc.wait() if proc is not None else 0

    def __enter__(self) -> "OxigraphServer":
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def serve_graph(
    store: "pyoxigraph.Store | None" = None,
    *,
    host: str = DEFAULT_HOST,
    port: int | None = None,
    read_only: bool = True,
    log: Path | str | None = None,
    query_timeout: float | None = DEFAULT_QUERY_TIMEOUT,
    guard: bool = True,
):
    """A running local SPARQL endpoint holding ``store``'s default graph (the shipped graph
    by default); yields the server (``.query_url`` is the endpoint). A query running longer
    than ``query_timeout`` seconds (None: no limit) is stopped by the server. With ``guard`` (the
    default, for a read-only endpoint) Oxigraph listens on a private port and clients reach it
    through an :class:`~imvo_graph.endpoints.guard.EndpointGuard` (SERVICE refused, slow clients
    dropped, connections capped, and a query the server fails to stop in time answered 503
    while the server is killed and restarted); yields a :class:`GuardedServer`, else the
    :class:`OxigraphServer`.
    Temporary databases left by ``serve`` processes that were killed are removed first."""
    check_bind(host, port or 0)  # a bad --host or a port in use, before the loading
    if store is None:
        from ..resources import load_shipped

        store = load_shipped()
    remove_stale_databases()
    guarded = guard and read_only
    with owned_temporary_directory() as tmp:
        location = tmp / "db"
        count = load_location(location, store, scratch=tmp)  # the dump, too, is removed if killed

        def make_server() -> OxigraphServer:
            server = OxigraphServer(
                location, host=DEFAULT_HOST if guarded else host, port=None if guarded else port,
                read_only=read_only, log=log, query_timeout=query_timeout,
            )
            server.triples = count
            return server

        if not guarded:
            with make_server() as server:
                yield server
            return
        from .guard import EndpointGuard
        from .supervisor import Supervisor

        supervisor = Supervisor(make_server).start()
        front = None
        try:
            try:
                front = EndpointGuard(supervisor, host=host, port=port or 0, query_timeout=query_timeout).start()
            except OSError as exc:
                raise ServerError(f"cannot listen on {_bind_text(host, port or 0)}: {exc.strerror or exc}") from None
            yield GuardedServer(supervisor, front)
        finally:
            if front is not None:
                front.stop()
            supervisor.stop()


class GuardedServer:
    """``serve``'s endpoint: an :class:`~imvo_graph.endpoints.guard.EndpointGuard` on the
    public address in front of an :class:`OxigraphServer` on a private port of 127.0.0.1, kept
    running (and replaced when a query overruns) by a
    :class:`~imvo_graph.endpoints.supervisor.Supervisor`."""

    def __init__(self, supervisor, guard):
        self.supervisor = supervisor
        self.guard = guard
        self.host = guard.host
        self.port = guard.port
        self.triples = supervisor.server.triples

    @property
    def server(self) -> OxigraphServer:
        """The Oxigraph server running now."""
        return self.supervisor.server

    @property
    def url(self) -> str:
        return self.guard.url

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def process(self):
        return self.server.process

    def wait(self) -> int:
        """Block until the Oxigraph server exits by itself (not when it is replaced); its exit
        code."""
        return self.supervisor.wait()
