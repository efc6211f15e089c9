"""The ``imvo-graph`` command: a thin layer over the library API.

Each command lives in its own module with ``add_parser(subparsers)`` and ``run(args) -> int``.
Errors a user can cause are :class:`~imvo_graph.errors.ImvoGraphError` subclasses; they are
mapped to exit codes here, in one place, and printed without a traceback.

Standard output is one of those places: while a command runs, ``sys.stdout`` (and its
``buffer``) turn a failed write (a full disk, ``> /dev/full``, an I/O error) into
:class:`StdoutError`, which :func:`main` reports as ``cannot write the output: REASON`` (exit 2,
like any output that cannot be written); a closed pipe (``| head``) ends the command quietly.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings

from .. import __version__
from ..dependencies import check_versions
from ..errors import EXIT_BAD_INPUT, EXIT_OK, ImvoGraphError, OutputError
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
from .parser import Parser

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


def build_parser() -> Parser:
    parser = Parser(
        prog="imvo-graph",
        description="The IMVO knowledge graph: validate, query and export linked data on Dutch "
        "policy for international responsible business conduct.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


class StdoutError(OSError):
    """Standard output cannot be written (not a closed pipe: that is BrokenPipeError)."""


class _GuardedOutput:
    """Standard output (text, or its binary ``buffer``) whose failed writes raise StdoutError.

    It sits above Python's own stream objects and only relabels their errors, so their
    buffering is untouched (an interruption between a write and its return repeats nothing).
    """

    def __init__(self, stream):
        self._stream = stream

    def _call(self, method, *args):
        try:
            return getattr(self._stream, method)(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror or str(exc)) from None

    def write(self, data):
        return self._call("write", data)

    def writelines(self, lines):
        return self._call("writelines", lines)

    def flush(self):
        return self._call("flush")

    @property
    def buffer(self):
        return _GuardedOutput(self._stream.buffer)  # AttributeError when there is none

    def __getattr__(self, name):
        return getattr(self._stream, name)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: raised where the program is, like Ctrl-C's KeyboardInterrupt, so
    that every clean-up that runs on Ctrl-C (temporary files and folders removed, nothing half
    written) runs on these signals too; the exit code is 128 + the signal's number."""

    def __init__(self, signum: int):
        import signal

        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _terminate_like_interrupt() -> dict:
    """Install the handlers that raise :class:`Terminated` (in the main thread only)."""
    import signal

    def handler(signum, frame):
        raise Terminated(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, handler)
        except ValueError:  # not the main thread
            break
    return previous


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # `imvo-graph` alone: what it can do
        sys.stdout.write(parser.format_help())
        return EXIT_OK
    args, extras = parser.parse_known_args(argv)
    if extras:
        (parser.subcommand(args.command) or parser).unknown_options(extras)
    _quiet_libraries()
    original = sys.stdout
    if original is not None:
        sys.stdout = _GuardedOutput(original)
    previous = _terminate_like_interrupt()
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
        _discard_stdout(original)
        return 0
    except StdoutError as exc:
        _discard_stdout(original)
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


def _discard_stdout(stream) -> None:
    """After a failed write to the process's standard output: point it at the null device, so
    that what is still buffered does not fail again, with a message, when Python exits."""
    out = sys.__stdout__
    if stream is None or out is None or stream is not out:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, out.fileno())
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass


def _quiet_libraries() -> None:
    """Library warnings are not for the user of a command: the command reports what matters."""
    warnings.simplefilter("ignore")
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    for name in ("rdflib", "pyshacl", "owlrl", "SPARQLWrapper"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "build_parser", "EXIT_BAD_INPUT"]
