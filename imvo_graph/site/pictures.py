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
             past_label: str, planned_label: str, ident: str = "timeline") -> str:
    """Two lanes of dated events, ``[(sort key YYYY[-MM[-DD]], label)]`` each, on one time axis
    in years."""
    every = past + planned
    if not every:
        return _svg(400, 40, title, desc, [_text(10, 25, "—")], ident)

    def position(key: str) -> float:
        year = int(key[:4])
        month = int(key[5:7]) if len(key) >= 7 else 6
        day = int(key[8:10]) if len(key) >= 10 else 15
        return year + (month - 1) / 12 + (day - 1) / 365

    first = math.floor(min(position(k) for k, _ in every))
    last = math.floor(max(position(k) for k, _ in every)) + 1
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
        rows: list[float] = []  # the right end of the last label in each row
        placed = []
        for key, text in sorted(events):
            cx = x(key)
            short = text if len(text) <= 38 else text[:36] + "…"
            end = cx + 7 * len(short)
            for r, taken in enumerate(rows):
                if cx > taken + 8:
                    rows[r] = end
                    break
            else:
                rows.append(end)
                r = len(rows) - 1
            placed.append((cx, r, short, key))
        for cx, r, short, key in placed:
            ty = y + 16 + r * 20
            body.append(f'<circle cx="{cx:.1f}" cy="{ty - 4:.1f}" r="4" fill="{colour}"/>')
            if cx + 7 * len(short) + 8 > width - right:
                body.append(_text(cx - 7, ty, short, size=12, anchor="end"))
            else:
                body.append(_text(cx + 7, ty, short, size=12))
        y += 16 + 20 * max(len(rows), 1) + 16
    axis = y
    body.append(f'<line x1="{left}" y1="{axis}" x2="{width - right}" y2="{axis}" stroke="{LINE}"/>')
    for year in range(first, last + 1):
        px = left + (year - first) * span
        body.append(f'<line x1="{px:.1f}" y1="{axis - 4}" x2="{px:.1f}" y2="{axis + 4}" stroke="{LINE}"/>')
        body.append(_text(px, axis + 20, str(year), anchor="middle"))
    return _svg(width, axis + 30, title, desc, body, ident)


def class_diagram(classes: list[tuple[str, str]], subclass: list[tuple[str, str]],
                  relations: list[tuple[str, str, str]], *, title: str, desc: str, ident: str = "diagram") -> str:
    """Boxes for ``classes`` ``[(id, label)]``, arrows for ``subclass`` ``[(sub, super)]``
    (open triangle heads) and ``relations`` ``[(domain, label, range)]`` (named arrows), laid
    out on a circle so every arrow is a straight chord."""
    n = max(len(classes), 1)
    radius = 90 + 34 * n
    cx = cy = radius + 110
    size = 2 * cx
    where = {}
    for i, (ident_, _label) in enumerate(classes):
        angle = 2 * math.pi * i / n - math.pi / 2
        where[ident_] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    body = [
        '<defs>'
        f'<marker id="{ident}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{LINE}"/></marker>'
        f'<marker id="{ident}-super" viewBox="0 0 12 12" refX="12" refY="6" markerWidth="12" markerHeight="12" orient="auto-start-reverse">'
        f'<path d="M0,0 L12,6 L0,12 z" fill="#fff" stroke="{ACCENT}"/></marker>'
        '</defs>'
    ]

    def chord(a, b, shrink=50):
        (x1, y1), (x2, y2) = where[a], where[b]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        return (x1 + dx * shrink / length, y1 + dy * shrink / length, x2 - dx * shrink / length, y2 - dy * shrink / length)

    for sub, sup in subclass:
        if sub in where and sup in where and sub != sup:
            x1, y1, x2, y2 = chord(sub, sup)
            body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{ACCENT}" stroke-width="1.5" marker-end="url(#{ident}-super)"/>')
    seen_pairs: dict = {}
    for domain, label, range_ in relations:
        if domain not in where or range_ not in where:
            continue
        if domain == range_:
            x0, y0 = where[domain]
            body.append(f'<path d="M{x0 + 40:.1f},{y0 - 12:.1f} c40,-40 60,20 10,24" fill="none" stroke="{LINE}" marker-end="url(#{ident}-arrow)"/>')
            body.append(_text(x0 + 70, y0 - 20, label, size=11, fill=INK))
            continue
        x1, y1, x2, y2 = chord(domain, range_)
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{LINE}" marker-end="url(#{ident}-arrow)"/>')
        pair = tuple(sorted((domain, range_)))
        k = seen_pairs[pair] = seen_pairs.get(pair, -1) + 1
        t = 0.35 + 0.12 * (k % 3)
        mx, my = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t + 12 * (k // 3)
        body.append(f'<rect x="{mx - 3.2 * len(label) - 2:.1f}" y="{my - 10:.1f}" width="{6.4 * len(label) + 4:.1f}" height="14" fill="#fff" opacity="0.85"/>')
        body.append(_text(mx, my, label, size=11, anchor="middle"))
    for ident_, label in classes:
        x0, y0 = where[ident_]
        w = max(7.5 * len(label) + 16, 60)
        body.append(f'<rect x="{x0 - w / 2:.1f}" y="{y0 - 14:.1f}" width="{w:.1f}" height="28" rx="4" fill="#eef2f7" stroke="{ACCENT}"/>')
        body.append(_text(x0, y0 + 5, label, anchor="middle", weight="bold"))
    return _svg(size, size, title, desc, body, ident)
