"""``imvo-graph diff OLD NEW``: what changed between two versions of the graph."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, EXIT_VIOLATIONS


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="show the changes between two versions of the graph",
        description="Compare two versions of the graph, each a file, a folder of RDF files or a release "
        "directory: added, removed and changed statements, grouped by resource with labels. Exit 0: "
        "equal; 1: different; 2: bad input. --format markdown gives a changelog.",
    )
    parser.add_argument("old", metavar="OLD", help="the old version: file, folder or release directory")
    parser.add_argument("new", metavar="NEW", help="the new version: file, folder or release directory")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format (default: text)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of labels and headings")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..diff import diff_graphs

    result = diff_graphs(args.old, args.new, lang=args.lang)
    sys.stdout.write(result.render(args.format, args.lang))
    return EXIT_OK if result.equal else EXIT_VIOLATIONS
