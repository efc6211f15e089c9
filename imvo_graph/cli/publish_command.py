"""``imvo-graph publish``: replace a named graph on a Graph Store Protocol endpoint."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK
from .options import add_data_option, positive_seconds


def add_parser(subparsers) -> None:
    from ..rdf.namespaces import DEFAULT_GRAPH

    parser = subparsers.add_parser(
        "publish",
        help="upload the graph to a SPARQL 1.1 Graph Store endpoint",
        description="Replace a named graph on a SPARQL 1.1 Graph Store Protocol endpoint (for "
        "Oxigraph: http://HOST:PORT/store) with the shipped graph (ontology and data) in one PUT "
        "request, then check the number of triples on the server. A failed upload leaves the "
        "server's previous graph intact. Exit 3: endpoint failure.",
    )
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol endpoint")
    parser.add_argument("--graph", default=DEFAULT_GRAPH, metavar="IRI", help=f"the named graph (default: {DEFAULT_GRAPH})")
    parser.add_argument(
        "--timeout", type=positive_seconds, default=60.0, metavar="SECONDS", help="seconds to wait, more than 0 (default: 60)"
    )
    add_data_option(parser, "with the shipped graph and uploaded with it")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..endpoints.graph_store import publish

    store = None
    if args.data:
        from ..query.remote import check_endpoint_url, check_graph_iri
        from ..resources import load_with_shipped

        check_endpoint_url(args.endpoint)  # a bad URL or graph IRI, before the loading
        check_graph_iri(args.graph)

        store = load_with_shipped(args.data)
    result = publish(args.endpoint, args.graph, store=store, timeout=args.timeout)
    sys.stdout.write(
        f"published {result.sent} triples to graph <{result.graph}> at {result.endpoint} "
        f"(HTTP {result.status}); the server holds {result.on_server} triples in it\n"
    )
    return EXIT_OK
