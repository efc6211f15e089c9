"""Where the subjects of an N-Triples or N-Quads file are written, gathered in one read that does
not depend on the validation's results, so that it can be done while the data loads
(:func:`imvo_graph.validation.validate` starts it in a thread beside the load, which releases the
GIL). :class:`~imvo_graph.positions.LineSearch` then finds the lines of the results' subjects
by a look-up instead of a search of every line (benchmarks/code-choices.md).

The file is cut into *segments* of whole lines: a run of lines that each start with the same
IRI written as itself (``<iri>`` in column 1: the subject of each), or the lines between such
runs (*other* lines: an indented line, a blank node subject, a comment, a blank line), which the
search reads when it needs them. Each segment keeps its start, its first line number and the
hash of its subject as written (a hash: the search checks the bytes at the start)."""

from __future__ import annotations

import os
import re
import stat
import threading
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import methodcaller
from pathlib import Path

#: A run of lines with the same IRI at the start of each.
_RUN = re.compile(rb"^(<[^>\n]*>)[^\n]*\n(?:\1[^\n]*\n)*", re.M)
#: The bytes read at a time.
BLOCK = 1 << 22
#: More other lines than this (e.g. a file of blank node subjects): no index; the search reads
#: every line that may be one of the results' subjects.
MAX_OTHER_LINES = 20_000


@dataclass
class LineIndex:
    """The segments of one file (see the module); ``size`` and ``mtime_ns`` of the file read."""

    path: Path
    size: int
    mtime_ns: int
    starts: array  # of each segment, in file order
    lines: array  # the line number of its first line
    hashes: array  # hash of its subject as written (0 for other lines)
    others: list  # the indices of the segments of other lines, in order

    def describes(self, path: Path, data: bytes) -> bool:
        """Whether the index was made of this file as it is now, ``data`` its bytes."""
        try:
            now = path.stat()
        except OSError:
            return False
        return now.st_size == self.size == len(data) and now.st_mtime_ns == self.mtime_ns

    def end(self, segment: int) -> int:
        return self.starts[segment + 1] if segment + 1 < len(self.starts) else self.size

    def ranges(self, segments) -> list:
        """(start, end) of each of ``segments``."""
        return [(self.starts[i], self.end(i)) for i in segments]

    def segments_of(self, needles: dict) -> list:
        """(needle, segment) for the segments whose subject may be written as one of
        ``needles`` (a dict: hash -> needle), in file order."""
        hashes = self.hashes
        found = compress(range(len(hashes)), map(needles.__contains__, hashes))
        return [(needles[hashes[i]], i) for i in found]

    def line_number(self, data: bytes, start: int) -> int:
        """The number of the line starting at byte ``start``."""
        i = bisect_right(self.starts, start) - 1
        return self.lines[i] + data.count(b"\n", self.starts[i], start)


def build(path: Path | str, stop: threading.Event | None = None) -> LineIndex | None:
    """The index of an N-Triples or N-Quads file, or None when it would not help or cannot be
    made: too many other lines, an unreadable file or one that is not a regular file (a named
    pipe), a file changed while read, ``stop`` set."""
    path = Path(path)
    starts, lines, hashes = array("q"), array("q"), array("q")
    others: list[int] = []
    other_lines = 0
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            return None  # (a pipe: its bytes are the load's)
        with path.open("rb") as handle:
            base, line, read = 0, 1, 0
            while True:
                if stop is not None and stop.is_set():
                    return None
                block = handle.read(BLOCK)
                if not block:
                    break
                if not block.endswith(b"\n"):
                    block += handle.readline()  # (the rest of the line: one copy of the block)
                read += len(block)
                if not block.endswith(b"\n"):
                    block += b"\n"  # (the last line, without a line break: not counted below)
                line, found_others = _add_block(block, base, line, starts, lines, hashes, others)
                other_lines += found_others
                if other_lines > MAX_OTHER_LINES:
                    return None
                base += len(block)
        after = os.stat(path)
    except (OSError, MemoryError):
        return None
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or read != after.st_size:
        return None
    return LineIndex(path, after.st_size, after.st_mtime_ns, starts, lines, hashes, others)


def _add_block(block: bytes, base: int, line: int, starts: array, lines: array, hashes: array, others: list):
    """The segments of ``block`` (whole lines, the last ending with a line break; ``base``: its
    offset in the file, ``line``: its first line's number) added; (the next line's number, the
    number of other lines). Done in C (maps over the matches) but for the other lines."""
    matches = list(_RUN.finditer(block))
    run_starts = list(map(re.Match.start, matches))
    run_ends = list(map(re.Match.end, matches))
    count = block.count
    if run_starts == [0, *run_ends[:-1]] and (not run_ends or run_ends[-1] == len(block)):
        # (runs only, the usual case)
        counts = list(map(count, repeat(b"\n"), run_starts, run_ends))
        starts.extend(map(base.__add__, run_starts))
        lines.extend(accumulate(counts[:-1], initial=line))
        hashes.extend(map(hash, map(methodcaller("group", 1), matches)))
        return line + sum(counts), 0

    def segment(start: int, line: int, key: int | None) -> None:  # key None: other lines
        if key is None:
            others.append(len(starts))
        starts.append(start)
        lines.append(line)
        hashes.append(0 if key is None else key)

    other_lines, at = 0, 0
    for m, start, end in zip(matches, run_starts, run_ends):
        if start > at:  # other lines before the run
            segment(base + at, line, None)
            n = count(b"\n", at, start)
            other_lines, line = other_lines + n, line + n
        segment(base + start, line, hash(m.group(1)))
        line += count(b"\n", start, end)
        at = end
    if at < len(block):
        segment(base + at, line, None)
        n = count(b"\n", at)
        other_lines, line = other_lines + n, line + n
    return line, other_lines


class Indexing:
    """The indexes of the N-Triples and N-Quads files among ``files``, built one after the other
    in a thread (started at once): :meth:`get` waits for a file's."""

    def __init__(self, files):
        self._files = [Path(f) for f in files if Path(f).suffix.lower() in (".nt", ".nq")]
        self._built: dict = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._build, name="indexing lines", daemon=True)
        if self._files:
            self._thread.start()

    def _build(self) -> None:
        for path in self._files:
            try:
                index = build(path, self._stop)
            except Exception:  # noqa: BLE001 - no index: the lines are searched, as without one
                index = None
            self._built[_key(path)] = index

    def get(self, path) -> LineIndex | None:
        """The index of ``path`` (None: not one of the files, or no index)."""
        if not self._files:
            return None
        self._thread.join()
        return self._built.get(_key(Path(path)))

    def stop(self) -> None:
        """No more indexes are built (those already built stay)."""
        self._stop.set()


def _key(path: Path) -> str:
    return os.path.abspath(path)
