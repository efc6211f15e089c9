"""``imvo-graph serve``: a local read-only SPARQL endpoint with the graph loaded."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the graph on a local read-only SPARQL endpoint (Oxigraph)",
        description="Start Oxigraph's SPARQL server, read-only, with the shipped graph (ontology "
        "and data) in its default graph, on 127.0.0.1 unless --host says otherwise. Stop it with "
        "Ctrl-C. Needs the `oxigraph` package (pip install 'imvo-graph[server]').",
    )
    parser.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878; 0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..endpoints.server import serve_graph
    from ..errors import InputError

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port}: a port is a number from 0 to 65535")
    with serve_graph(host=args.host, port=args.port or None) as server:
        sys.stdout.write(
            f"SPARQL endpoint {server.query_url} (read-only, {server.triples} triples); "
            "press Ctrl-C to stop\n"
        )
        sys.stdout.flush()
        try:
            code = server.wait()
        except KeyboardInterrupt:
            sys.stdout.write("stopped\n")
            return EXIT_OK
    if code != 0:
        from ..endpoints.server import ServerError

        raise ServerError(f"the Oxigraph server stopped with exit code {code}")
    return EXIT_OK
