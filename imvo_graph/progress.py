"""A one-line progress display on standard error, only when it is a terminal.

Long work (loading a million triples, validating, inferring) reports its steps here; when
standard error is not interactive (a pipe, a file, CI) nothing is printed, so logs and
captured output stay clean.
"""

from __future__ import annotations

import sys
import time


class Progress:
    """``with Progress("validate") as p: p.update(done, total, "what")``."""

    def __init__(self, task: str, stream=None, enabled: bool | None = None):
        self.task = task
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.started = time.perf_counter()
        self._width = 0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def update(self, done: int, total: int | None = None, what: str = "") -> None:
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        if total:
            share = min(1.0, done / total) if total else 0.0
            bar = "#" * int(share * 20)
            text = f"{self.task}: [{bar:<20}] {done}/{total} {what} {elapsed:5.1f}s"
        else:
            text = f"{self.task}: {what} {elapsed:5.1f}s"
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
