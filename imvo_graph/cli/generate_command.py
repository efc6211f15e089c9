"""``imvo-graph generate``: a synthetic IMVO graph of a given size, with planted violations."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "generate",
        help="generate a synthetic graph of a given size (for benchmarks and tests)",
        description="Generate a portfolio graph of about N triples: copies of the shipped data with "
        "renamed resources, deterministic by seed, optionally with planted violations of the shapes. "
        "With --output FILE the plan of planted violations is written to FILE.violations.json. "
        "N-Triples for .nt (and standard output), Turtle for .ttl; another suffix is refused. Both "
        "files are written atomically; existing ones are refused unless --force.",
    )
    parser.add_argument("--triples", type=_positive_int, required=True, metavar="N", help="about how many triples")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default: 0)")
    parser.add_argument(
        "--violations", type=_rate, default=0.0, metavar="RATE",
        help="fraction of the resources that get one planted violation (0..1, default 0)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="where to write the graph, .nt or .ttl (default: standard output, N-Triples)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing FILE and FILE.violations.json")
    parser.set_defaults(run=run)


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def run(args: argparse.Namespace) -> int:
    from ..generate import check_output, generate, manifest_path, write
    from ..progress import Progress

    if args.output:
        check_output(args.output, overwrite=args.force)  # before the work
    with Progress("generate") as progress:
        progress.update(0, 1, "building the graph")
        graph = generate(args.triples, seed=args.seed, violations=args.violations)
        progress.update(1, 2, "writing")
        write(graph, args.output, stream=sys.stdout, overwrite=args.force)
    if args.output:
        print(
            f"{graph.triples} triples ({graph.copies} copies of the shipped data, seed {graph.seed}) written to "
            f"{args.output}; {len(graph.planted)} planted violation(s) listed in {manifest_path(args.output)}",
            file=sys.stderr,
        )
    return 0
