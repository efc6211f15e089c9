"""``imvo-graph validate``: check data against the ontology and the SHACL shapes."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, EXIT_VIOLATIONS


def add_parser(subparsers) -> None:
    from ..validation.render import FORMATS

    parser = subparsers.add_parser(
        "validate",
        help="validate data against the ontology and shapes",
        description="Validate the shipped data, or the given files, against the ontology and the SHACL "
        "shapes. Exit 0: conforms (warnings are listed but do not fail unless --strict); "
        "1: violations; 2: bad input.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="RDF files to validate (default: the shipped data)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of labels and messages")
    parser.add_argument(
        "--inference",
        choices=("none", "rdfs", "owlrl"),
        default="none",
        help="inference before validating (default: none; RDFS typing can hide violations)",
    )
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    parser.add_argument(
        "--engine",
        choices=("fast", "pyshacl"),
        default="fast",
        help="fast: the shapes compiled to SPARQL on Oxigraph, pySHACL's results (default); pyshacl: pySHACL itself",
    )
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="keep the loaded graph in an on-disk Oxigraph store in DIR, reused while the files are unchanged",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..validation import validate
    from ..validation.render import render

    from ..progress import Progress

    with Progress("validate") as progress:
        report = validate(
            args.files or None,
            inference=args.inference,
            engine=args.engine,
            store=args.store,
            progress=progress.update if progress.enabled else None,
        )
    sys.stdout.write(render(report, args.format, args.lang))
    ok = report.conforms_strictly() if args.strict else report.conforms
    return EXIT_OK if ok else EXIT_VIOLATIONS
