"""The command's entry point: the parser of every command, and :func:`main`, which runs one and
maps its errors to exit codes (the one place that does)."""

from __future__ import annotations

import logging
import sys
import warnings

from .. import __version__
from ..dependencies import check_versions
from ..errors import EXIT_OK, ImvoGraphError, OutputError
from . import (
    completion_command,
    diff_command,
    export_command,
    generate_command,
    help_command,
    publish_command,
    queries_command,
    query_command,
    release_command,
    serve_command,
    show_command,
    site_command,
    validate_command,
)
from .output import GuardedOutput, StdoutError, discard_stdout
from .parser import Parser
from .signals import Terminated, terminate_like_interrupt

COMMANDS = (
    validate_command,
    export_command,
    queries_command,
    query_command,
    show_command,
    publish_command,
    serve_command,
    release_command,
    site_command,
    diff_command,
    generate_command,
    help_command,
    completion_command,
)


#: Command name -> its module (``validate_command`` adds the command ``validate``).
BY_NAME = {command.__name__.rsplit(".", 1)[1].removesuffix("_command"): command for command in COMMANDS}


def build_parser(command: str | None = None) -> Parser:
    """The parser of every command or, given the name of one, of that command only: enough to
    run it, and cheaper to build than all (some commands' options read their choices from the
    library: ``validate``'s import the validation package)."""
    parser = Parser(
        prog="imvo-graph",
        description="The IMVO knowledge graph: validate, query and export linked data on Dutch "
        "policy for international responsible business conduct.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS if command is None else (BY_NAME[command],):
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # a command line that starts with a command's name needs that command's parser only; any
    # other (no command, a mistyped one, an option first) gets every command's, to list them
    parser = build_parser(argv[0] if argv and argv[0] in BY_NAME else None)
    if not argv:  # `imvo-graph` alone: what it can do
        sys.stdout.write(parser.format_help())
        return EXIT_OK
    args, extras = parser.parse_known_args(argv)
    if extras:
        (parser.subcommand(args.command) or parser).unknown_options(extras)
    _quiet_libraries()
    original = sys.stdout
    if original is not None:
        sys.stdout = GuardedOutput(original)
    previous = terminate_like_interrupt()
    try:
        check_versions()
        code = args.run(args)
        sys.stdout.flush()  # a failure to write the last of the output is still this command's
        return code
    except ImvoGraphError as exc:
        from .flags import to_flags

        _error(to_flags(str(exc), parser.subcommand(args.command)))
        return exc.exit_code
    except Terminated as exc:
        _error(f"stopped by {exc.args[0]}", prefix="imvo-graph: ")
        return 128 + exc.signum
    except KeyboardInterrupt:
        _error("interrupted", prefix="imvo-graph: ")
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        discard_stdout(original)
        return 0
    except StdoutError as exc:
        discard_stdout(original)
        error = OutputError(f"cannot write the output: {exc.strerror}")
        _error(str(error))
        return error.exit_code
    finally:
        sys.stdout = original
        import signal

        for number, handler in previous.items():
            signal.signal(number, handler)


def _error(message: str, prefix: str = "imvo-graph: error: ") -> None:
    try:
        print(f"{prefix}{message}", file=sys.stderr)
    except OSError:  # standard error is gone too: the exit code says it
        pass


def _quiet_libraries() -> None:
    """Library warnings are not for the user of a command: the command reports what matters."""
    warnings.simplefilter("ignore")
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    for name in ("rdflib", "pyshacl", "owlrl", "SPARQLWrapper"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
