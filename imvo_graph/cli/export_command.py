"""``imvo-graph export``: the graph in any RDF format, reproducibly and atomically."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK
from .options import add_data_option

FORMAT_NAMES = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml")
PART_NAMES = ("ontology", "data", "shapes", "all")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export the ontology, data and shapes in an RDF format",
        description="Export a part of the shipped graph (or the given files) in an RDF format. The "
        "output is byte-for-byte reproducible: canonical blank-node labels, sorted statements, fixed "
        "prefixes; JSON-LD embeds the project's @context. With --output the file is written "
        "atomically (a temporary file, then a rename) and an existing file is refused unless --force; "
        "--force replaces only a regular file, never a folder, a symbolic link, a named pipe or a device.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="RDF files to export instead of the shipped graph")
    parser.add_argument("--part", choices=PART_NAMES, default="all", help="what to export (default: all, merged)")
    parser.add_argument(
        "--format",
        metavar="FORMAT",
        help="one of: " + ", ".join(FORMAT_NAMES) + " (or ttl, nt, nq, rdf); default with --output: "
        "from its suffix (.ttl, .nt, .nq, .trig, .jsonld, .rdf); a format that contradicts the suffix is refused",
    )
    add_data_option(parser, "with the shipped graph (in N-Quads and TriG: in the data part's graph)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--force", action="store_true", help="replace an existing output file (a regular file only)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..export import export_graph, get_format, write_export

    if args.format is not None:
        get_format(args.format)
    if args.files and args.part != "all":
        raise InputError("give either FILE arguments or --part, not both")
    if args.files and args.data:
        raise InputError("give either FILE arguments (exported instead of the shipped graph) or --data (exported with it), not both")
    files = args.files or None
    if args.output:
        path = write_export(args.output, args.part, args.format, files=files, data=args.data, overwrite=args.force)
        print(f"imvo-graph: wrote {path}", file=sys.stderr)
    else:
        if args.format is None:
            raise InputError("give --format (standard output has no suffix to take it from), or --output FILE")
        data = export_graph(args.part, args.format, files=files, data=args.data)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK
