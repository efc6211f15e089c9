"""Option types shared by the commands (argparse ``type=`` functions: a bad value is a usage
error, exit 2, with the option named)."""

from __future__ import annotations

import argparse


def positive_seconds(text: str) -> float:
    """A timeout in seconds: a finite number greater than 0 (:func:`imvo_graph.options.seconds`)."""
    from ..options import seconds

    try:
        value = seconds(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds greater than 0")
    return value


def add_data_option(parser, where: str = "with the shipped graph") -> None:
    """``--data FILE`` (repeatable): an RDF file loaded {where}; a file that is missing or does
    not parse is exit 2 with the file and line."""
    parser.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="FILE",
        help=f"an RDF file (.ttl, .nt, .nq, .trig, .jsonld, .rdf) loaded {where}; repeatable",
    )


def terminal_width(text: str) -> int:
    """A width in characters for wrapping output: a whole number of at least 20."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of characters: {text!r}") from None
    if value < 20:
        raise argparse.ArgumentTypeError(f"{text}: give at least 20 characters")
    return value


def terminal_width_option(parser) -> None:
    parser.add_argument(
        "--width",
        type=terminal_width,
        metavar="COLUMNS",
        help="wrap the text to this many characters (default: the terminal's width on a terminal, else no wrapping)",
    )


def width_for(args) -> int | None:
    """``--width``, else the terminal's width when standard output is a terminal (and there is
    no --output), else None: text piped or redirected is never wrapped."""
    import shutil
    import sys

    if args.width is not None:
        return args.width
    if getattr(args, "output", None) or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns
