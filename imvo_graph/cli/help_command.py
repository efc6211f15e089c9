"""``imvo-graph help [COMMAND]``: the help of the tool, or of one command."""

from __future__ import annotations

import argparse
import sys

from ..errors import EXIT_OK, InputError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "help",
        help="show the help of the tool or of one command",
        description="Show the help of imvo-graph, or of COMMAND (the same as `imvo-graph COMMAND --help`).",
    )
    parser.add_argument("topic", nargs="?", metavar="COMMAND", help="the command to explain")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import build_parser
    from .parser import did_you_mean

    root = build_parser()
    if args.topic is None:
        sys.stdout.write(root.format_help())
        return EXIT_OK
    sub = root.subcommand(args.topic)
    if sub is None:
        hint = did_you_mean(args.topic, root.subcommand_names()) or "; `imvo-graph help` lists them"
        raise InputError(f"no command {args.topic!r}{hint}")
    sys.stdout.write(sub.format_help())
    return EXIT_OK
