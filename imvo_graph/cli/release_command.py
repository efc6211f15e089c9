"""``imvo-graph release``: a release directory for open-data portals (DCAT-AP-NL 3.0)."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "release",
        help="write a release directory: every format, DCAT catalogue, VoID, checksums, docs",
        description="Write a release directory that an open-data portal can ingest as it is: the "
        "ontology, data and shapes, separately and merged, in Turtle, N-Triples, N-Quads, TriG, "
        "JSON-LD and RDF/XML; the JSON-LD context; catalog.ttl and catalog.jsonld (DCAT-AP-NL 3.0, "
        "checked against the vendored shapes); void.ttl; SHA256SUMS; HTML documentation of the "
        "ontology. The data is validated first: a graph with violations is refused (exit 1) unless "
        "--allow-invalid. The directory is built next to DIR and renamed into place: on any error "
        "nothing is left behind; an existing DIR is refused unless --force, and --force replaces "
        "only a previous release: a folder holding SHA256SUMS, catalog.ttl and nothing but the "
        "files SHA256SUMS lists, unchanged, and none of the input files. Anything else is "
        "refused (exit 2).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="data files to release (default: the shipped data)")
    parser.add_argument("--output", "-o", required=True, metavar="DIR", help="the release directory to create")
    parser.add_argument(
        "--dataset-version",
        metavar="VERSION",
        help="the version of the data in this release, apart from the software's: in the file names, "
        "the DCAT datasets and VoID (default: the package version); letters, digits and .-_+",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="where the files will be downloadable (default: https://w3id.org/imvo-graph/release/DATASET_VERSION/)",
    )
    parser.add_argument(
        "--endpoint-url",
        metavar="URL",
        help="the public SPARQL endpoint described as dcat:DataService (default: https://w3id.org/imvo-graph/sparql)",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="release date, dct:modified (default: SOURCE_DATE_EPOCH, else today)")
    parser.add_argument(
        "--issued", metavar="YYYY-MM-DD", help="first publication, dct:issued (default: --date; not after --date)"
    )
    parser.add_argument(
        "--contact-email",
        metavar="ADDRESS",
        help="an e-mail address for the catalogue's contact point (name@host, as HTML's type=email accepts)",
    )
    parser.add_argument(
        "--previous", metavar="DIR", help="an earlier release directory: write the changes since then to CHANGES.md (Dutch and English)"
    )
    parser.add_argument("--allow-invalid", action="store_true", help="release even when the data has violations")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing DIR that is a previous, unchanged release (only once the new one is complete)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        metavar="N",
        help="shapes the validation runs at once (default: IMVO_GRAPH_THREADS, else the usable cores, at most 4)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..release import write_release

    result = write_release(
        args.output,
        data=args.files or None,
        base_url=args.base_url,
        endpoint_url=args.endpoint_url,
        date=args.date,
        issued=args.issued,
        contact_email=args.contact_email,
        previous=args.previous,
        allow_invalid=args.allow_invalid,
        overwrite=args.force,
        dataset_version=args.dataset_version,
        threads=args.threads,
    )
    note = "" if result.conforms else f" (released with {result.violations} violation(s): --allow-invalid)"
    print(f"imvo-graph: wrote release {result.version} to {result.path}: {len(result.files)} files{note}", file=sys.stderr)
    return EXIT_OK
