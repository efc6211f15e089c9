"""A :class:`~imvo_graph.lookup.describe.Description` as text for a terminal."""

from __future__ import annotations

import textwrap

from .resolve import curie

HEADINGS = {
    "nl": {"type": "type", "labels": "labels", "out": "uitspraken", "in": "verwezen door", "sources": "bronnen in de brief", "none": "(geen)"},
    "en": {"type": "type", "labels": "labels", "out": "statements", "in": "referred to by", "sources": "sources in the letter", "none": "(none)"},
}


def render_text(about, width: int | None = None) -> str:
    """Title, types, labels, statements both ways and the letter's paragraphs, one block each;
    with ``width``, long lines are wrapped (indented under their start)."""
    words = HEADINGS.get(about.lang, HEADINGS["en"])
    lines = [f"{about.label or curie(about.iri)}  {curie(about.iri)}", f"  <{about.iri}>", ""]
    types = [_named(iri, label) for iri, label in about.types]
    lines.append(f"{words['type']}: {', '.join(types) if types else words['none']}")
    labels = [f"{text} ({lang or '-'})" for lang, texts in sorted(about.labels.items()) for text in texts]
    lines.append(f"{words['labels']}: {'; '.join(labels) if labels else words['none']}")
    for key, statements in (("out", about.outgoing), ("in", about.incoming)):
        lines += ["", f"{words[key]} ({len(statements)}):"]
        for s in statements:
            stated = f"  [{', '.join(s.sources)}]" if s.sources else ""
            lines.append(f"  {_named(s.predicate.value, s.predicate_label)}  {_term(s.other, s.other_label)}{stated}")
    lines += ["", f"{words['sources']} ({len(about.paragraphs)}):"]
    for p in about.paragraphs:
        where = f" ({p.section})" if p.section else ""
        lines.append(f"  {p.anchor}{where}: “{p.quote}”")
    if width:
        lines = [wrapped for line in lines for wrapped in _wrap(line, width)]
    return "\n".join(lines) + "\n"


def _named(iri: str, label: str | None) -> str:
    short = curie(iri)
    return f"{label} ({short})" if label else short


def _term(term, label: str | None) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return _named(term.value, label)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        text = " ".join(term.value.split())
        if term.language:
            return f"\"{text}\"@{term.language}"
        if term.datatype.value.endswith("#string"):
            return f"\"{text}\""
        return f"\"{text}\"^^{curie(term.datatype.value)}"
    return str(term)


def _wrap(line: str, width: int) -> list[str]:
    if len(line) <= width:
        return [line]
    indent = " " * (len(line) - len(line.lstrip()) + 4)
    return textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False) or [line]
