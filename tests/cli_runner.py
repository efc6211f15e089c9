"""Running the ``imvo-graph`` command in a test: in this process (fast) or in a new one.

:func:`run_in_process` calls :func:`imvo_graph.cli.main` with the arguments, as
``python -m imvo_graph`` does, and returns what a subprocess would: the exit code, standard
output and standard error (decoded as ``subprocess.run(text=True)`` decodes them). A Python
start and the imports cost about half a second of CPU per command; the suite runs a few
hundred commands.

What a new process would start afresh is set up and put back around the call: the working
folder, the environment variables given, ``sys.stdin`` (empty), ``sys.stdout`` (with a binary
``buffer``, not a terminal) and ``sys.stderr``, the warning filters, the logging configuration
:func:`imvo_graph.cli.main` changes, rdflib's literal converters (owlrl replaces some), the
garbage collector's switch and the signal handlers. ``SystemExit`` (argparse's errors,
``--help``) gives its code, and any other exception is printed as Python prints it (a
traceback on standard error, exit code 1), so a test that wants no traceback fails on one.

:func:`run_subprocess` starts ``python -m imvo_graph``: for what only a process shows (exit
codes of signals, the hash seed, the entry point, output at interpreter exit, a crash that
must not take pytest with it). :func:`run_in_process` hands a call over to it when it is given
an environment variable that Python reads only at start-up (``PYTHONHASHSEED``, ...).
"""

from __future__ import annotations

import gc
import io
import logging
import os
import signal
import subprocess
import sys
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: the loggers imvo_graph.cli.main sets to CRITICAL (and the root logger it configures)
_LOGGERS = ("", "rdflib", "pyshacl", "owlrl", "SPARQLWrapper")
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_subprocess(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120) -> CliResult:
    """Run ``python -m imvo_graph ARGS`` in a subprocess, as a user would run the command."""
    completed = subprocess.run(
        [sys.executable, "-m", "imvo_graph", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def run_in_process(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120, unset: tuple = ()
) -> CliResult:
    """``imvo_graph.cli.main(ARGS)`` in this process, as if ``python -m imvo_graph ARGS`` ran in
    ``cwd`` (default: the checkout) with ``env`` added to the environment and the variables in
    ``unset`` removed. ``timeout`` is accepted for the same calls as :func:`run_subprocess`
    (pytest's own timeout, if any, applies)."""
    env = dict(env or {})
    if any(name.startswith("PYTHON") for name in env):  # read by Python at start-up only
        return run_subprocess(*args, cwd=cwd, env=env, timeout=timeout)
    from imvo_graph.cli import main

    stdin, stdout, stderr = _stream(), _stream(), _stream()
    saved = _ProcessState(env, unset)
    try:
        os.chdir(cwd or ROOT)
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        with warnings.catch_warnings():
            _fresh_warnings_and_logging()
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, a usage error
                code = _exit_code(exc, stderr)
            except BaseException:  # noqa: BLE001 (what Python does with an uncaught exception)
                traceback.print_exc(file=stderr)
                code = 1
        stdout.flush()
        stderr.flush()
    finally:
        saved.restore()
    return CliResult(code, _text(stdout), _text(stderr))


def _fresh_warnings_and_logging() -> None:
    """Warnings and log records as in a new process: Python's default filters, shown on (this
    call's) standard error; a root logger without handlers (pytest's own are put back)."""
    warnings.resetwarnings()
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.filterwarnings("ignore", category=category)
    warnings.showwarning = _show_warning
    root = logging.getLogger()
    root.handlers[:] = []
    root.setLevel(logging.WARNING)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def _stream() -> io.TextIOWrapper:
    """A text stream over bytes, as a pipe is: UTF-8, not a terminal, with a ``buffer``."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    """The bytes written, decoded as ``subprocess.run(text=True)`` does (universal newlines)."""
    data = stream.buffer.getvalue()
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def _exit_code(exc: SystemExit, stderr) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=stderr)
    return 1


class _ProcessState:
    """What a command may change in the process, saved, to be put back by :meth:`restore`."""

    def __init__(self, env: dict, unset: tuple):
        import rdflib.term

        self.cwd = os.getcwd()
        self.streams = (sys.stdin, sys.stdout, sys.stderr)
        self.environ = dict(os.environ)
        self.loggers = {name: _logger_state(logging.getLogger(name)) for name in _LOGGERS}
        self.gc = gc.isenabled()
        self.signals = {number: signal.getsignal(number) for number in _SIGNALS}
        self.to_python = dict(rdflib.term._toPythonMapping)
        self.python_to_xsd = list(rdflib.term._GenericPythonToXSDRules)
        self.specific_python_to_xsd = list(rdflib.term._SpecificPythonToXSDRules)
        for name in unset:
            os.environ.pop(name, None)
        os.environ.update({k: str(v) for k, v in env.items()})

    def restore(self) -> None:
        import rdflib.term

        sys.stdin, sys.stdout, sys.stderr = self.streams
        os.chdir(self.cwd)
        os.environ.clear()
        os.environ.update(self.environ)
        for name, state in self.loggers.items():
            logger = logging.getLogger(name)
            logger.handlers[:], logger.level, logger.disabled = state
        (gc.enable if self.gc else gc.disable)()
        for number, handler in self.signals.items():
            if signal.getsignal(number) is not handler and handler is not None:
                signal.signal(number, handler)
        rdflib.term._toPythonMapping.clear()
        rdflib.term._toPythonMapping.update(self.to_python)
        rdflib.term._GenericPythonToXSDRules[:] = self.python_to_xsd
        rdflib.term._SpecificPythonToXSDRules[:] = self.specific_python_to_xsd


def _logger_state(logger: logging.Logger) -> tuple:
    return list(logger.handlers), logger.level, logger.disabled
