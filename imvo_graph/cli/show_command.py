"""``imvo-graph show RESOURCE``: what the graph says about one resource."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK
from .options import add_data_option, terminal_width_option, width_for

FORMATS = ("text", "turtle", "jsonld")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="show what the graph says about one resource",
        description="Show one resource of the shipped graph (plus any --data files): its type, its "
        "labels, every statement about it in both directions with the labels of what it links to, "
        "and the paragraphs of the letter it comes from, with a short quote. RESOURCE is a full "
        "IRI, a CURIE with the project's prefixes (conv:textiel) or a label in Dutch or English "
        "(case does not matter). --format turtle or jsonld gives the statements as RDF. Exit 2: "
        "an unknown or ambiguous RESOURCE (the closest matches are listed) or a bad file.",
    )
    parser.add_argument("resource", metavar="RESOURCE", help="an IRI, a CURIE such as conv:textiel, or a label")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the labels and headings (default: nl)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    add_data_option(parser)
    terminal_width_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..lookup import describe_resource, find_resource
    from ..query.run import shipped_store
    from ..resources import load_with_shipped

    store = load_with_shipped(args.data) if args.data else shipped_store()
    about = describe_resource(store, find_resource(store, args.resource, lang=args.lang), lang=args.lang)
    if args.format == "text":
        sys.stdout.write(about.text(width_for(args)))
    else:
        sys.stdout.buffer.write(about.graph_bytes(args.format))
    return EXIT_OK
