"""Aligned text tables for a terminal, wrapped to a width.

Columns are as wide as their widest cell. When the table is wider than the width asked for,
each column keeps its width up to an equal share of the width, and the rest of the width goes
to the columns that need more (:func:`fit_widths`); cells are then wrapped at spaces (a word
longer than its column is broken), so nothing is cut off. Rows that take more than one line are set apart by an empty
line.
"""

from __future__ import annotations

import textwrap

GAP = "  "
MIN_COLUMN = 8


def render_table(header: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """``header`` and ``rows`` (lists of single-line strings) as aligned text, each line ending
    in a newline; with ``width``, every line is at most that long where the columns allow it."""
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(header)]
    if width is not None:
        widths = fit_widths(widths, width - len(GAP) * (len(widths) - 1))
    head = _lines(header, widths)
    body = [_lines(row, widths) for row in rows]
    spaced = any(len(lines) > 1 for lines in body)
    out = head + [GAP.join("-" * w for w in widths)]
    for number, lines in enumerate(body):
        if spaced and number:
            out.append("")
        out += lines
    return "".join(line.rstrip() + "\n" for line in out)


def fit_widths(widths: list[int], room: int) -> list[int]:
    """Column widths whose sum is at most ``room`` (where :data:`MIN_COLUMN` a column allows):
    every column first gets its own width up to an equal share of the room, then what is left
    goes to the columns still too narrow, in proportion to what they lack."""
    if sum(widths) <= room or not widths:
        return list(widths)
    share = max(MIN_COLUMN, room // len(widths))
    fitted = [min(w, share) for w in widths]
    left = room - sum(fitted)
    lacking = [w - f for w, f in zip(widths, fitted)]
    total = sum(lacking)
    if left > 0 and total:
        extra = [left * n // total for n in lacking]
        # the characters lost to rounding down go to the columns that lack the most
        for i in sorted(range(len(widths)), key=lambda i: -lacking[i])[: left - sum(extra)]:
            extra[i] += 1
        fitted = [f + min(e, n) for f, e, n in zip(fitted, extra, lacking)]
    return fitted


def _lines(cells: list[str], widths: list[int]) -> list[str]:
    """One row as lines: each cell wrapped to its width, the cells side by side."""
    wrapped = [textwrap.wrap(c, w, break_on_hyphens=False) or [""] if len(c) > w else [c] for c, w in zip(cells, widths)]
    height = max((len(w) for w in wrapped), default=1)
    return [GAP.join((w[i] if i < len(w) else "").ljust(n) for w, n in zip(wrapped, widths)) for i in range(height)]
