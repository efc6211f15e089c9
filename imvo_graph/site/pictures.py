"""Pictures drawn at build time as inline SVG: no script is needed to see them.

Each picture is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` (its text
alternative); the page also gives the same facts as a list or table, for screen readers and
for copying. Colours keep 4.5:1 contrast against white for text and 3:1 for shapes.
"""

from __future__ import annotations

import math
from html import escape

ACCENT = "#154273"
PLANNED = "#8a4b00"
INK = "#1b1b1b"
LINE = "#6b6b6b"


def _text(x, y, text, *, size=13, anchor="start", fill=INK, weight="normal", lang=None, extra="") -> str:
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'font-weight="{weight}"{lang_attr}{extra}>{escape(text)}</text>')


def _svg(width, height, title, desc, body, ident) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" aria-labelledby="{ident}-title {ident}-desc" '
            f'font-family="system-ui, sans-serif">'
            f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
            + "".join(body) + "</svg>")


def bar_chart(bars: list[tuple[str, int]], *, title: str, desc: str, ident: str = "bars") -> str:
    """Horizontal bars: ``[(label, count)]``."""
    row, left, width = 30, 230, 640
    top = 10
    height = top + row * len(bars) + 10
    biggest = max((n for _, n in bars), default=1) or 1
    body = []
    for i, (label, count) in enumerate(bars):
        y = top + i * row
        length = (width - left - 60) * count / biggest
        body.append(_text(left - 8, y + 18, label, anchor="end"))
        body.append(f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" fill="{ACCENT}"/>')
        body.append(_text(left + length + 6, y + 18, str(count), weight="bold"))
    return _svg(width, height, title, desc, body, ident)


def timeline(past: list[tuple[str, str]], planned: list[tuple[str, str]], *, title: str, desc: str,
             past_label: str, planned_label: str, ident: str = "timeline",
             marker: tuple[str, str] | None = None) -> str:
    """Two lanes of dated events, ``[(sort key YYYY[-MM[-DD]], label)]`` each, on one time axis
    in years: a day is a dot, a month or a year (the precision the letter gives) a bar over the
    whole period. ``marker``: ``(date, label)`` of a dashed line (the letter's date)."""
    every = past + planned
    if not every:
        return _svg(400, 40, title, desc, [_text(10, 25, "—")], ident)

    def position(key: str) -> float:
        year = int(key[:4])
        month = int(key[5:7]) if len(key) >= 7 else 1
        day = int(key[8:10]) if len(key) >= 10 else 1
        return year + (month - 1) / 12 + (day - 1) / 365

    def period_end(key: str) -> float:
        """Where the date's period ends: a year and a month are spans, not points."""
        if len(key) == 4:
            return position(key) + 1
        if len(key) == 7:
            return position(key) + 1 / 12
        return position(key)

    first = math.floor(min(position(k) for k, _ in every))
    last = math.floor(max(period_end(k) for k, _ in every) - 1e-9) + 1
    left, right, width = 20, 20, 980
    span = (width - left - right) / max(last - first, 1)

    def x(key: str) -> float:
        return left + (position(key) - first) * span

    body = []
    lanes = [(past, past_label, ACCENT, 40), (planned, planned_label, PLANNED, 0)]
    y = 30
    for events, label, colour, _ in lanes:
        body.append(_text(left, y, label, weight="bold", fill=colour))
        y += 14
        rows: list[list[tuple[float, float]]] = []  # the spans taken in each row
        placed = []
        for key, text in sorted(events):
            bar_start = x(key)
            cx = left + (period_end(key) - first) * span  # the label follows the period
            short = text if len(text) <= 38 else text[:36] + "…"
            extent = 7 * len(short) + 10
            right_aligned = cx + extent > width - right
            start, end = (min(bar_start, cx - extent) - 5, cx + 5) if right_aligned else (bar_start - 5, cx + extent)
            for r, spans in enumerate(rows):  # noqa: B007  (r is the row found, used after the loop)
                if all(end < a or start > b for a, b in spans):
                    spans.append((start, end))
                    break
            else:
                rows.append([(start, end)])
                r = len(rows) - 1
            placed.append((cx, r, short, right_aligned, bar_start))
        for cx, r, short, right_aligned, bar_start in placed:
            ty = y + 16 + r * 20
            if cx - bar_start > 1:  # a month or a year: a bar over the whole period
                body.append(f'<rect x="{bar_start:.1f}" y="{ty - 8:.1f}" width="{cx - bar_start:.1f}" height="8" rx="3" fill="{colour}"/>')
            else:
                body.append(f'<circle cx="{cx:.1f}" cy="{ty - 4:.1f}" r="4" fill="{colour}"/>')
            if right_aligned:
                body.append(_text(min(cx, bar_start) - 7, ty, short, size=12, anchor="end"))
            else:
                body.append(_text(cx + 7, ty, short, size=12))
        y += 16 + 20 * max(len(rows), 1) + 16
    axis = y
    if marker is not None:
        mx = x(marker[0])
        body.append(f'<line x1="{mx:.1f}" y1="36" x2="{mx:.1f}" y2="{axis}" stroke="{INK}" stroke-dasharray="4 3"/>')
        body.append(_text(mx, axis - 6, marker[1], size=12, anchor="middle", weight="bold"))
    body.append(f'<line x1="{left}" y1="{axis}" x2="{width - right}" y2="{axis}" stroke="{LINE}"/>')
    for year in range(first, last + 1):
        px = left + (year - first) * span
        body.append(f'<line x1="{px:.1f}" y1="{axis - 4}" x2="{px:.1f}" y2="{axis + 4}" stroke="{LINE}"/>')
        body.append(_text(px, axis + 20, str(year), anchor="middle"))
    return _svg(width, axis + 30, title, desc, body, ident)


def class_diagram(classes: list[tuple[str, str]], subclass: list[tuple[str, str]],
                  relations: list[tuple[str, str, str]], *, title: str, desc: str, ident: str = "diagram") -> str:
    """Boxes for ``classes`` ``[(id, label)]``, arrows for ``subclass`` ``[(sub, super)]``
    (open triangle heads) and ``relations`` ``[(domain, label, range)]`` (named arrows), in
    layers from top to bottom (see :func:`_layers`): most arrows point down to the next row."""
    plan = _DiagramPlan(classes, subclass, relations)
    body = [
        '<defs>'
        f'<marker id="{ident}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{LINE}"/></marker>'
        f'<marker id="{ident}-super" viewBox="0 0 12 12" refX="12" refY="6" markerWidth="12" markerHeight="12" orient="auto-start-reverse">'
        f'<path d="M0,0 L12,6 L0,12 z" fill="#fff" stroke="{ACCENT}"/></marker>'
        '</defs>'
    ]
    where, widths = plan.where, plan.widths
    for sub, sup in sorted(set(subclass)):
        if sub in where and sup in where and sub != sup:
            x1, y1, x2, y2 = plan.ends(sub, sup)
            body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{ACCENT}" stroke-width="1.5" marker-end="url(#{ident}-super)"/>')
    labels_drawn = plan.relation_arrows(relations, body, ident)
    for text, (left, top, right, bottom) in labels_drawn:  # labels over every line, so no line hides one
        body.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" height="15" fill="#fff" opacity="0.9"/>')
        body.append(_text((left + right) / 2, bottom - 0.5, text, size=11, anchor="middle"))
    for c, label in classes:
        x0, y0 = where[c]
        w = widths[c]
        body.append(f'<rect x="{x0 - w / 2:.1f}" y="{y0 - 14:.1f}" width="{w:.1f}" height="28" rx="4" fill="#eef2f7" stroke="{ACCENT}"/>')
        body.append(_text(x0, y0 + 5, label, anchor="middle", weight="bold"))
    return _svg(int(plan.width), int(plan.height), title, desc, body, ident)


class _DiagramPlan:
    """Where the class diagram's boxes go (rows of :func:`_layers`, centred), where its lines
    leave them, and where labels fit."""

    def __init__(self, classes: list[tuple[str, str]], subclass: list[tuple[str, str]],
                 relations: list[tuple[str, str, str]]) -> None:
        labels = dict(classes)
        self.widths = widths = {c: max(8.2 * len(label) + 18, 60) for c, label in classes}
        edges = [(a, b) for a, b in subclass if a in labels and b in labels and a != b]
        edges += [(a, c) for a, _, c in relations if a in labels and c in labels and a != c]
        rows = _layers(list(labels), edges)
        row_height, gap = 130, 46
        self.width = max(sum(widths[c] for c in row) + gap * (len(row) + 1) for row in rows) if rows else 200
        self.where: dict = {}
        for r, row in enumerate(rows):
            x = (self.width - (sum(widths[c] for c in row) + gap * (len(row) - 1))) / 2
            for c in row:
                self.where[c] = (x + widths[c] / 2, 50 + r * row_height)
                x += widths[c] + gap
        self.height = 50 + max(len(rows) - 1, 0) * row_height + 40
        where = self.where
        self.taken = [(where[c][0] - widths[c] / 2, where[c][1] - 15, where[c][0] + widths[c] / 2, where[c][1] + 15)
                      for c in where]

    def border(self, a, b):
        """Where the line from a's centre to b's centre leaves a's box."""
        (x1, y1), (x2, y2) = self.where[a], self.where[b]
        dx, dy = x2 - x1, y2 - y1
        half_w, half_h = self.widths[a] / 2 + 3, 17
        scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        return x1 + dx * scale, y1 + dy * scale

    def ends(self, a, b):
        x1, y1 = self.border(a, b)
        x2, y2 = self.border(b, a)
        return x1, y1, x2, y2

    def free(self, box) -> bool:
        return not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in self.taken)

    def place(self, candidates, text):
        """The first spot for a label that overlaps no box and no other label (else the first)."""
        w = 6.1 * len(text) + 6
        boxes = [(x - w / 2, y - 11, x + w / 2, y + 4) for x, y in candidates]
        chosen = next((b for b in boxes if self.free(b)), boxes[0])
        self.taken.append(chosen)
        return chosen

    def relation_arrows(self, relations: list[tuple[str, str, str]], body: list[str], ident: str) -> list:
        """A named arrow per (domain, range) pair (a loop for a class to itself); the labels, with
        their boxes, to draw over every line."""
        where, widths = self.where, self.widths
        by_pair: dict = {}
        for domain, label, range_ in relations:
            if domain in where and range_ in where:
                by_pair.setdefault((domain, range_), []).append(label)
        labels_drawn = []
        for (domain, range_), names in sorted(by_pair.items()):
            text = ", ".join(sorted(set(names)))
            if domain == range_:
                x0, y0 = where[domain]
                right = x0 + widths[domain] / 2
                body.append(f'<path d="M{right:.1f},{y0 - 8:.1f} c36,-30 36,30 2,16" fill="none" stroke="{LINE}" marker-end="url(#{ident}-arrow)"/>')
                w = 6.1 * len(text) + 6
                labels_drawn.append((text, self.place([(right + 4 + w / 2, y0 - 22), (right + 4 + w / 2, y0 + 30), (x0, y0 - 24)], text)))
                continue
            x1, y1, x2, y2 = self.ends(domain, range_)
            body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{LINE}" marker-end="url(#{ident}-arrow)"/>')
            spots = [(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t + 4) for t in (0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85)]
            labels_drawn.append((text, self.place(spots, text)))
        return labels_drawn


def _layers(nodes: list[str], edges: list[tuple[str, str]], max_row: int = 7) -> list[list[str]]:
    """Rows of nodes for a top-down drawing: each edge's target below its source where the
    links allow (cycles broken depth-first, rows by longest path, a row wider than ``max_row``
    split), each row ordered by the mean position of its neighbours (a few sweeps both ways,
    so that arrows cross less). Deterministic: ties go by name."""
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        if b not in succ[a]:
            succ[a].append(b)
    # depth-first: an edge back to a node on the current path is reversed (breaks cycles)
    state: dict[str, int] = {}
    forward: dict[str, set] = {n: set() for n in nodes}

    def visit(n):
        state[n] = 1
        for m in sorted(succ[n]):
            if state.get(m) == 1:
                forward[m].add(n)
            else:
                forward[n].add(m)
                if m not in state:
                    visit(m)
        state[n] = 2

    for n in sorted(nodes, key=lambda n: (-len(succ[n]), n)):
        if n not in state:
            visit(n)
    depth: dict[str, int] = {}

    def level(n, trail=()):
        if n in depth:
            return depth[n]
        parents = [p for p in nodes if n in forward[p] and p not in trail]
        depth[n] = 1 + max((level(p, trail + (n,)) for p in parents), default=-1)
        return depth[n]

    for n in sorted(nodes):
        level(n)
    rows: list[list[str]] = []
    for r in range(max(depth.values(), default=-1) + 1):
        members = sorted(n for n in nodes if depth[n] == r)
        for i in range(0, len(members), max_row):
            rows.append(members[i:i + max_row])
    neighbours: dict[str, set] = {n: set() for n in nodes}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    for sweep in range(8):
        order = rows if sweep % 2 == 0 else rows[::-1]
        position = {n: i / max(len(row), 1) for row in rows for i, n in enumerate(row)}
        for row in order:
            def centre(n, position=position):
                # sorted and rounded: the same order in every process (no set order, no float noise)
                near = sorted(position[m] for m in neighbours[n])
                return (round(sum(near) / len(near), 9) if near else position[n], n)

            row.sort(key=centre)
            for i, n in enumerate(row):
                position[n] = i / max(len(row), 1)
    return rows
