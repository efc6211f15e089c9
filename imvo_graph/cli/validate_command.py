"""``imvo-graph validate``: check data against the ontology and the SHACL shapes."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, EXIT_VIOLATIONS


def add_parser(subparsers) -> None:
    from ..validation.engines import ENGINES
    from ..validation.render import FORMATS

    parser = subparsers.add_parser(
        "validate",
        help="validate data against the ontology and shapes",
        description="Validate the shipped data, or the given files, against the ontology and the SHACL "
        "shapes. Exit 0: conforms (warnings are listed but do not fail unless --strict); "
        "1: violations; 2: bad input.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="RDF files to validate (default: the shipped data)")
    parser.add_argument(
        "--with-shipped",
        action="store_true",
        help="validate the files together with the shipped data, as one graph (your own results are listed first)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text); "
                        "github, gitlab, junit and sarif are for CI (see docs/ci.md)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of labels and messages")
    parser.add_argument(
        "--inference",
        choices=("none", "rdfs", "owlrl"),
        default="none",
        help="inference before validating (default: none; RDFS typing can hide violations)",
    )
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    parser.add_argument(
        "--shapes",
        action="extend",
        nargs="+",
        metavar="FILE",
        help="validate against these SHACL shapes only (as pyshacl -s), instead of the shipped shapes and ontology",
    )
    parser.add_argument(
        "--ontology",
        action="extend",
        nargs="+",
        metavar="FILE",
        help="mix these ontology files into the data (default: the shipped ontology, or none with --shapes)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="auto: the shapes compiled to SPARQL on Oxigraph when every shape can be, else pySHACL, with a line "
        "on stderr naming the shape and feature (default); fast: compiled only, exit 2 on a shape it cannot "
        "compile; pyshacl: pySHACL itself",
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="accepted results (written by --write-baseline): reported as accepted, they fail nothing; "
        "entries that no longer occur are reported as stale",
    )
    parser.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="write the results to FILE as a baseline to review and commit (replaces FILE)",
    )
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="keep the loaded (and inferred) graph in DIR and reuse it while the files are unchanged: "
        "faster loading, and no inference again",
    )
    parser.add_argument(
        "--threads",
        type=int,
        metavar="N",
        help="shapes the compiled engine runs at once (default: IMVO_GRAPH_THREADS, else the usable cores, at most 4)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..progress import Progress
    from ..validation import validate
    from ..validation.baseline import apply_baseline, check_baseline_output, read_baseline, write_baseline
    from ..validation.render import render

    # bad input is found before the slow work, and nothing is written then
    accepted = read_baseline(args.baseline) if args.baseline else None
    if args.write_baseline:
        check_baseline_output(args.write_baseline)
    with Progress("validate") as progress:
        report = validate(
            args.files or None,
            shapes=args.shapes,
            ontology=args.ontology,
            on_fallback=lambda reason: print(f"imvo-graph validate: running pySHACL: {reason}", file=sys.stderr),
            inference=args.inference,
            engine=args.engine,
            store=args.store,
            with_shipped=args.with_shipped,
            progress=progress.update if progress.enabled else None,
            threads=args.threads,
        )
    if accepted is not None:
        apply_baseline(report, accepted)
    if args.write_baseline:
        count = write_baseline(report, args.write_baseline)
        apply_baseline(report, read_baseline(args.write_baseline))  # what it now accepts
        print(f"imvo-graph validate: wrote {count} result(s) to the baseline {args.write_baseline}", file=sys.stderr)
    sys.stdout.write(render(report, args.format, args.lang, strict=args.strict))
    ok = not report.fails(args.strict)
    if not report.fails() and not ok:
        # no violations, yet exit 1: say it is --strict that fails the warnings (the text report
        # gets it as its last line; a JSON or Turtle report stays as it is, the line goes to stderr)
        line = strict_failure_line(report, args.lang)
        print(line, file=sys.stdout if args.format == "text" else sys.stderr)
    return EXIT_OK if ok else EXIT_VIOLATIONS


_STRICT = {
    "nl": ("Niet conform door --strict: {what} tellen als fout.", "{n} waarschuwing(en)", "{n} melding(en)", " en "),
    "en": ("Fails because of --strict: {what} count as failures.", "{n} warning(s)", "{n} info(s)", " and "),
}


def strict_failure_line(report, lang: str = "nl") -> str:
    """The line that says why a report without violations fails under --strict."""
    sentence, warnings, infos, conjunction = _STRICT.get(lang, _STRICT["en"])
    counts = {"Warning": 0, "Info": 0}
    for result in report.results:
        if result.severity in counts and not result.accepted:
            counts[result.severity] += 1
    parts = [warnings.format(n=counts["Warning"])] if counts["Warning"] else []
    if counts["Info"]:
        parts.append(infos.format(n=counts["Info"]))
    return sentence.format(what=conjunction.join(parts) or warnings.format(n=len(report.results)))
