"""``imvo-graph site``: a static website of the graph (a page per resource, Dutch and English)."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "site",
        help="write a static website: a page per resource, the letter, overviews, queries, ontology",
        description="Write a static website of the graph that works from the file system and from "
        "any web server, nothing loaded from elsewhere: a page per resource at a path derived from "
        "its URI (id/convenant/textiel/index.html) in Dutch and English, with every statement both "
        "ways and the paragraph of the letter it comes from; the letter paragraph by paragraph; "
        "index pages per class and code list; overviews of the covenants, a covenant x motion "
        "matrix and a timeline; the stored queries with their results; the ontology's "
        "documentation; a search page. The folder is built next to DIR and renamed into place: "
        "on any error nothing is left. An existing DIR is refused unless --force, and --force "
        "replaces only an unchanged earlier site (a folder whose SITE-SHA256SUMS lists every file).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="data files (default: the shipped data)")
    parser.add_argument("--output", "-o", required=True, metavar="DIR", help="the folder to create")
    parser.add_argument("--base-url", metavar="URL", help="where the site is published, for canonical links (default: https://w3id.org/imvo-graph/)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of index.html (default: nl; the other is index.LANG.html)")
    parser.add_argument("--force", action="store_true", help="replace an existing DIR that is an unchanged earlier site")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..site import write_site

    result = write_site(args.output, data=args.files or None, base_url=args.base_url, lang=args.lang, overwrite=args.force)
    print(f"imvo-graph: wrote the site to {result.path}: {result.pages} pages, {len(result.files)} files", file=sys.stderr)
    return EXIT_OK
