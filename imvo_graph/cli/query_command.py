"""``imvo-graph query``: run a stored query (or a query file) locally or on a SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, QueryError
from .options import positive_seconds

FORMATS = ("table", "csv", "tsv", "json", "markdown")  # imvo_graph.query.results.FORMATS


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run a stored query (or --file) on the graph or a SPARQL endpoint",
        description="Run a stored query by name, or the query in --file, on the shipped graph "
        "(ontology and data) or, with --endpoint, on a remote SPARQL 1.1 endpoint. Parameters "
        "are bound as RDF terms. json, csv and tsv follow the W3C SPARQL 1.1 Query Results "
        "formats. --graph and --timeout are for --endpoint only. An endpoint whose answer has other "
        "columns than the query selects is a failure. Exit 2: unknown query, bad parameter or "
        "syntax error; 3: endpoint failure.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the stored query (see `imvo-graph queries`)")
    parser.add_argument("--file", metavar="FILE", help="run the SPARQL query in FILE instead of a stored one")
    parser.add_argument("--describe", action="store_true", help="show the query's title, description and parameters")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value (repeatable); see --describe for the query's parameters",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the labels (default: nl)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 query endpoint instead of locally")
    parser.add_argument(
        "--graph", metavar="IRI", help="with --endpoint: read this named graph as the default graph (default-graph-uri)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        metavar="SECONDS",
        help="with --endpoint: seconds to wait for the answer, more than 0 (default: 30)",
    )
    parser.set_defaults(run=run)


def parse_params(pairs: list[str]) -> dict:
    """``["a=1", "b=x=y"]`` as ``{"a": "1", "b": "x=y"}``; QueryError for a pair without '='."""
    params: dict = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"--param {pair!r}: write it as NAME=VALUE")
        if name in params:
            raise QueryError(f"--param {name} is given twice")
        params[name] = value
    return params


def run(args: argparse.Namespace) -> int:
    from ..query import get_query, load_query_file, run_query

    if args.file and args.name:
        raise QueryError("give a stored query NAME or --file FILE, not both")
    if not args.file and not args.name:
        raise QueryError("give a stored query NAME (see `imvo-graph queries`) or --file FILE")
    if not args.endpoint:
        for option, value in (("--graph", args.graph), ("--timeout", args.timeout)):
            if value is not None:
                raise QueryError(f"{option} is for a remote --endpoint; a local query has no {option[2:]}")
    if args.graph is not None:
        from ..query.remote import check_graph_iri

        check_graph_iri(args.graph)
    stored = load_query_file(args.file) if args.file else get_query(args.name)
    lang = args.lang or "nl"
    if args.describe:
        sys.stdout.write(stored.describe(lang))
        return EXIT_OK
    params = parse_params(args.param)
    if args.lang is not None and "lang" in params and params["lang"] != args.lang:
        raise QueryError(f"--lang {args.lang} and --param lang={params['lang']} disagree")
    from ..query.remote import DEFAULT_TIMEOUT

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    result = run_query(stored, params, lang=lang, endpoint=args.endpoint, graph=args.graph, timeout=timeout)
    headings = {v: stored.column_label(v, lang) for v in result.variables}
    sys.stdout.write(result.serialize(args.format, headings=headings))
    return EXIT_OK
