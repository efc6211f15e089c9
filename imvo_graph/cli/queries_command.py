"""``imvo-graph queries``: list the stored queries, name and title."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "queries",
        help="list the stored queries",
        description="List the stored queries with their titles. `imvo-graph query NAME --describe` "
        "shows one query's description and parameters.",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the titles (default: nl)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..query import list_queries

    queries = list_queries()
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        sys.stdout.write(f"{q.name.ljust(width)}  {q.title_in(args.lang)}\n")
    return EXIT_OK
