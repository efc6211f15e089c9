"""Standard output while a command runs: a failed write is :class:`StdoutError`, not a
traceback; after one, what is still buffered goes to the null device."""

from __future__ import annotations

import os
import sys


class StdoutError(OSError):
    """Standard output cannot be written (not a closed pipe: that is BrokenPipeError)."""


class GuardedOutput:
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
        return GuardedOutput(self._stream.buffer)  # AttributeError when there is none

    def __getattr__(self, name):
        return getattr(self._stream, name)


def discard_stdout(stream) -> None:
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
