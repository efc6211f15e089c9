"""``imvo-graph serve``: a local read-only SPARQL endpoint with the graph loaded."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from pathlib import Path

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
        help="serve the graph on a local read-only SPARQL endpoint (Oxigraph), and its site",
        description="Start Oxigraph's SPARQL server, read-only, with the shipped graph (ontology "
        "and data) in its default graph, on 127.0.0.1 unless --host says otherwise. Stop it with "
        "Ctrl-C, SIGTERM or SIGHUP: the server is stopped and its temporary database removed. "
        "Needs the `oxigraph` package (pip install 'imvo-graph[server]'). Next to it, on "
        "--site-port, the static site (imvo-graph site) with content negotiation: /id/... and "
        "/def answer 303 See Other to the page (text/html) or to the Turtle, JSON-LD or "
        "N-Triples document (text/turtle, application/ld+json, application/n-triples), and the "
        "stored queries' pages get a form that runs them on the endpoint.",
    )
    parser.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878; 0 picks a free one)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address of this machine to listen on (default: 127.0.0.1)"
    )
    add_data_option(parser, "with the shipped graph, into the endpoint's default graph")
    parser.add_argument(
        "--site-port", type=int, default=None,
        help="TCP port of the site (default: the port after --port, or a free one if that is taken; 0 picks a free one)",
    )
    parser.add_argument("--site", metavar="DIR", help="serve this site folder (written by imvo-graph site) instead of building one")
    parser.add_argument("--no-site", action="store_true", help="serve the SPARQL endpoint only")
    parser.add_argument(
        "--query-timeout", type=float, default=None, metavar="SECONDS",
        help="the endpoint stops a query that runs longer (default: 60; at least 1)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..endpoints.server import serve_graph
    from ..errors import InputError

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port}: a port is a number from 0 to 65535")
    if args.site_port is not None and not 0 <= args.site_port <= 65535:
        raise InputError(f"--site-port {args.site_port}: a port is a number from 0 to 65535")
    if args.query_timeout is not None and not args.query_timeout >= 1:
        raise InputError(f"--query-timeout {args.query_timeout:g}: give at least 1 second")
    if args.site is not None and not (Path(args.site) / "index.html").is_file():
        raise InputError(f"--site {args.site}: not a site folder (it has no index.html; write one with imvo-graph site)")
    with _stop_on_signals():
        try:
            store = None
            if args.data:
                from ..endpoints.server import check_bind
                from ..resources import load_with_shipped

                check_bind(args.host, args.port)  # a bad --host or a port in use, before the loading
                store = load_with_shipped(args.data)
            timeout = {} if args.query_timeout is None else {"query_timeout": args.query_timeout}
            with serve_graph(store, host=args.host, port=args.port or None, **timeout) as server:
                with _site(args, server.query_url) as site:
                    sys.stdout.write(
                        f"SPARQL endpoint {server.query_url} (read-only, {server.triples} triples); "
                        + (f"site {site.url} (content negotiation on /id/ and /def); " if site else "")
                        + "press Ctrl-C to stop\n"
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
def _site(args: argparse.Namespace, endpoint: str):
    """The site server for ``serve`` (None with --no-site): --site's folder, else a site built
    into a temporary folder that is removed when the server stops (or by the next ``serve``
    if this one is killed)."""
    if args.no_site:
        yield None
        return
    from ..endpoints.server import owned_temporary_directory
    from ..resources import shipped_files
    from ..site.server import SiteServer

    data = [*shipped_files("data"), *(args.data or [])]
    with contextlib.ExitStack() as stack:
        folder = args.site
        if folder is None:
            from ..site import write_site

            folder = stack.enter_context(owned_temporary_directory("site")) / "site"
            write_site(folder, data=data)
        port = args.site_port
        if port is None:  # the port after the endpoint's, unless it is taken
            from ..endpoints.server import ServerError, check_bind

            port = int(endpoint.rsplit(":", 1)[1].split("/")[0]) + 1
            try:
                check_bind(args.host, port if port <= 65535 else 0)
            except ServerError:
                port = 0
            port = port if port <= 65535 else 0
        with SiteServer(folder, host=args.host, port=port, endpoint=endpoint, data=data) as site:
            yield site


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
