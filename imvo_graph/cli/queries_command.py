"""``imvo-graph queries``: list the stored queries, name, title and parameters."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "queries",
        help="list the stored queries",
        description="List the stored queries with their titles and, under each, its parameters "
        "(NAME=DEFAULT, or NAME=? where the parameter is required; give them as --param NAME=VALUE; "
        "the language of the labels, a parameter of most queries, is --lang). "
        "`imvo-graph query NAME --describe` shows one query's description and what each parameter means.",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the titles (default: nl)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..query import list_queries

    queries = list_queries()
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        sys.stdout.write(f"{q.name.ljust(width)}  {q.title_in(args.lang)}\n")
        params = [p for p in q.params if p.name != "lang"]  # the language is --lang
        if params:
            listed = " ".join(f"{p.name}=?" if p.required else f"{p.name}={p.default}" for p in params)
            sys.stdout.write(f"{''.ljust(width)}  --param {listed}\n")
    return EXIT_OK
