"""``imvo-graph serve``: a local read-only SPARQL endpoint with the graph loaded."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys

from ..errors import EXIT_OK
from .options import add_data_option

#: Signals that stop the server like Ctrl-C does: the server process is stopped, its temporary
#: database removed, and the command says "stopped" and exits 0.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class _Stop(Exception):
    """A stop signal (SIGTERM, SIGHUP) arrived."""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the graph on a local read-only SPARQL endpoint (Oxigraph)",
        description="Start Oxigraph's SPARQL server, read-only, with the shipped graph (ontology "
        "and data) in its default graph, on 127.0.0.1 unless --host says otherwise. Stop it with "
        "Ctrl-C, SIGTERM or SIGHUP: the server is stopped and its temporary database removed. "
        "Needs the `oxigraph` package (pip install 'imvo-graph[server]').",
    )
    parser.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878; 0 picks a free one)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address of this machine to listen on (default: 127.0.0.1)"
    )
    add_data_option(parser, "with the shipped graph, into the endpoint's default graph")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..endpoints.server import serve_graph
    from ..errors import InputError

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port}: a port is a number from 0 to 65535")
    with _stop_on_signals():
        try:
            store = None
            if args.data:
                from ..endpoints.server import check_bind
                from ..loading import load_with_shipped

                check_bind(args.host, args.port)  # a bad --host or a port in use, before the loading
                store = load_with_shipped(args.data)
            with serve_graph(store, host=args.host, port=args.port or None) as server:
                sys.stdout.write(
                    f"SPARQL endpoint {server.query_url} (read-only, {server.triples} triples); "
                    "press Ctrl-C to stop\n"
                )
                sys.stdout.flush()
                code = server.wait()
        except (KeyboardInterrupt, _Stop):
            with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
                sys.stdout.write("stopped\n")
                sys.stdout.flush()
            return EXIT_OK
    if code != 0:
        from ..endpoints.server import ServerError

        raise ServerError(f"the Oxigraph server stopped with exit code {code}")
    return EXIT_OK


@contextlib.contextmanager
def _stop_on_signals():
    """While the block runs, SIGTERM and SIGHUP raise _Stop (once: a second signal during the
    clean-up is ignored, so the clean-up finishes); the previous handlers are restored after."""

    def stop(signum, frame):
        for other in STOP_SIGNALS:
            signal.signal(other, signal.SIG_IGN)
        raise _Stop(signal.Signals(signum).name)

    try:
        previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    except ValueError:  # not the main thread: leave the signals alone
        previous = {}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
