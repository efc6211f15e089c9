"""The ``imvo-graph`` command: a thin layer over the library API.

Each command lives in its own module with ``add_parser(subparsers)`` and ``run(args) -> int``.
Errors a user can cause are :class:`~imvo_graph.errors.ImvoGraphError` subclasses; they are
mapped to exit codes here, in one place, and printed without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings

from .. import __version__
from ..errors import EXIT_BAD_INPUT, ImvoGraphError
from . import (
    diff_command,
    export_command,
    generate_command,
    publish_command,
    queries_command,
    query_command,
    release_command,
    serve_command,
    validate_command,
)

COMMANDS = (
    validate_command,
    export_command,
    queries_command,
    query_command,
    publish_command,
    serve_command,
    release_command,
    diff_command,
    generate_command,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imvo-graph",
        description="The IMVO knowledge graph: validate, query and export linked data on Dutch "
        "policy for international responsible business conduct.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _quiet_libraries()
    try:
        return args.run(args)
    except ImvoGraphError as exc:
        print(f"imvo-graph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("imvo-graph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


def _quiet_libraries() -> None:
    """Library warnings are not for the user of a command: the command reports what matters."""
    warnings.simplefilter("ignore")
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    for name in ("rdflib", "pyshacl", "owlrl", "SPARQLWrapper"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def run() -> None:  # pragma: no cover - the console-script entry point
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "build_parser", "EXIT_BAD_INPUT"]
