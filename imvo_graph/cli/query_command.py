"""``imvo-graph query``: run a stored query (or a query file) locally or on a SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..errors import EXIT_OK, QueryError
from .options import add_data_option, positive_seconds, terminal_width_option, width_for

if TYPE_CHECKING:  # pragma: no cover
    from ..rdf.labels import Language

TABLE_FORMATS = ("table", "csv", "tsv", "json", "markdown")  # imvo_graph.query.results.FORMATS
GRAPH_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml", "ttl", "nt", "nq", "rdf")
FORMATS = TABLE_FORMATS + GRAPH_FORMATS


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run a stored query (or --file) on the graph or a SPARQL endpoint",
        description="Run a stored query by name, or the query in --file, on the shipped graph "
        "(ontology and data) plus any data files given, or, with --endpoint, on a remote SPARQL "
        "1.1 endpoint. SELECT and ASK print a table (json, csv and tsv follow the W3C SPARQL 1.1 "
        "Query Results formats and keep the variable names; table and markdown head the columns "
        "in the --lang language); CONSTRUCT and DESCRIBE print a graph, in Turtle unless --format "
        "names another RDF format. The project's prefixes (imvo:, conv:, ...) are declared for a "
        "query that uses them without its own PREFIX line. UPDATE is refused. Parameters are "
        "bound as RDF terms. On a terminal a table is wrapped to its width. --graph is for "
        "--endpoint only; --timeout limits a local query too (no limit by default). Exit 2: unknown query, bad parameter, bad file or "
        "syntax error; 3: endpoint failure.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the stored query (see `imvo-graph queries`)")
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="RDF files loaded with the shipped graph (like --data)"
    )
    parser.add_argument("--file", metavar="FILE", help="run the SPARQL query in FILE instead of a stored one")
    add_data_option(parser)
    parser.add_argument("--describe", action="store_true", help="show the query's title, description and parameters")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value (repeatable); see --describe for the query's parameters",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the labels (default: nl)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        metavar="FORMAT",
        help=f"for SELECT and ASK one of {', '.join(TABLE_FORMATS)} (default: table); for CONSTRUCT and "
        "DESCRIBE one of turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld, rdfxml (rdf) (default: turtle)",
    )
    terminal_width_option(parser)
    parser.add_argument(
        "--output", "-o", metavar="FILE",
        help="write the answer to FILE (atomically) instead of standard output; without --format the suffix "
        "names the format (.csv, .tsv, .json, .md, .txt; for a graph .ttl, .nt, .nq, .trig, .jsonld, .rdf)",
    )
    parser.add_argument("--force", action="store_true", help="with --output: replace an existing file (a regular file only)")
    parser.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 query endpoint instead of locally")
    parser.add_argument(
        "--graph", metavar="IRI", help="with --endpoint: read this named graph as the default graph (default-graph-uri)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        metavar="SECONDS",
        help="seconds to wait for the answer, more than 0 (default: 30 with --endpoint; none for a local query, "
        "which is stopped past it: exit 2)",
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

    name, files = args.name, list(args.files)
    if args.file and name is not None:  # with --file every positional argument is a data file
        from pathlib import Path

        from ..rdf.loading import RDF_SUFFIXES

        if Path(name).suffix.lower() not in RDF_SUFFIXES:
            raise QueryError("give a stored query NAME or --file FILE, not both")
        name, files = None, [name, *files]
    if not args.file and not name:
        raise QueryError("give a stored query NAME (see `imvo-graph queries`) or --file FILE")
    data = [*files, *args.data]
    if not args.endpoint:
        if args.graph is not None:
            raise QueryError("--graph is for a remote --endpoint; a local query has no graph")
    elif data:
        raise QueryError("data files are loaded into the local graph; with --endpoint the query reads the endpoint's")
    if args.force and not args.output:
        raise QueryError("--force is for --output FILE")
    if args.graph is not None:
        from ..query.remote import check_graph_iri

        check_graph_iri(args.graph)
    stored = load_query_file(args.file) if args.file else get_query(name)
    lang: Language = args.lang or "nl"
    if args.describe:
        sys.stdout.write(stored.describe(lang))
        return EXIT_OK
    params = parse_params(args.param)
    if args.lang is not None and "lang" in params and params["lang"] != args.lang:
        raise QueryError(f"--lang {args.lang} and --param lang={params['lang']} disagree")
    if args.output:
        from ..export.atomic import check_output_file

        check_output_file(args.output, overwrite=args.force)  # before the query's work
    timeout = args.timeout  # None: 30 s for an endpoint, no limit locally
    store = None
    if data:
        from ..resources import load_with_shipped

        store = load_with_shipped(data)
    result = run_query(stored, params, lang=lang, endpoint=args.endpoint, graph=args.graph, timeout=timeout, store=store)
    content = render(result, stored, args, lang)
    if args.output:
        from ..export.atomic import write_atomic

        path = write_atomic(args.output, content, overwrite=args.force)
        print(f"imvo-graph: wrote {path}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(content)
    if not args.endpoint and not result.is_boolean and not result.is_graph and len(result) == 0:
        _explain_empty_answer(stored, params, store)
    return EXIT_OK


def _explain_empty_answer(stored, params: dict, store) -> None:
    """On standard error: the parameters that matched nothing, with values that would."""
    from ..query.hints import empty_answer_hints
    from ..query.run import shipped_store

    for hint in empty_answer_hints(stored, params, store if store is not None else shipped_store()):
        if hint.kind == "paragraph":
            first, last = hint.suggestions
            reason = f"no paragraph is numbered {hint.value!r}; the letter's paragraphs are {first} to {last}"
        elif hint.kind == "year":
            first, last = hint.suggestions
            reason = f"no date in the graph falls in {hint.value}; its dates run from {first} to {last}"
        else:
            close = f"; try {', '.join(repr(s) for s in hint.suggestions)}" if hint.suggestions else ""
            reason = f"no name (Dutch or English) contains {hint.value!r}{close}"
        sys.stdout.flush()
        print(f"imvo-graph: no rows: --param {hint.param}={hint.value}: {reason}", file=sys.stderr)


#: Result formats a file suffix stands for (graphs: the export formats' suffixes).
TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".srj": "json", ".md": "markdown", ".txt": "table"}


def output_format(result, args: argparse.Namespace) -> str | None:
    """--format, else the format the suffix of --output names (out.csv, out.ttl, ...); exit 2
    when both are given and disagree."""
    if not args.output:
        return args.format
    from pathlib import Path

    from ..export import format_of_suffix, get_format

    suffix = Path(args.output).suffix.lower()
    named: str | None
    if result.is_graph:
        by_suffix = format_of_suffix(args.output)
        named = by_suffix.name if by_suffix else None
        given = get_format(args.format).name if args.format in GRAPH_FORMATS else args.format
        if suffix in TABLE_SUFFIXES and given is None:
            raise QueryError(f"{args.output}: a CONSTRUCT or DESCRIBE query gives a graph; {suffix} is a suffix for a table")
    else:
        named = TABLE_SUFFIXES.get(suffix)
        given = args.format
        if format_of_suffix(args.output) is not None and given is None:
            raise QueryError(f"{args.output}: a SELECT or ASK query gives a table; {suffix} is a suffix for an RDF graph")
    if given is None:
        return named
    if named is not None and given != named:
        raise QueryError(f"--format {args.format} and the suffix {suffix} of {args.output} disagree; drop --format or change the suffix")
    return args.format


def render(result, stored, args: argparse.Namespace, lang: str) -> bytes:
    """The answer as bytes in the format asked for (checked against the query's form)."""
    fmt = output_format(result, args)
    if result.is_graph:
        if fmt in TABLE_FORMATS:
            raise QueryError(
                f"a CONSTRUCT or DESCRIBE query gives a graph, not a table: use --format turtle, ntriples, "
                f"nquads, trig, jsonld or rdfxml, not {fmt}"
            )
        return result.graph_bytes(fmt or "turtle")
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"a SELECT or ASK query gives a table: use --format {', '.join(TABLE_FORMATS)}, not {fmt}")
    fmt = fmt or "table"
    width = width_for(args) if fmt == "table" else None
    headings = {v: stored.column_label(v, lang) for v in result.variables}
    return result.serialize(fmt, headings=headings, width=width).encode("utf-8")
