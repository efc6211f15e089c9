#!/usr/bin/env python3
"""Generate data/letter-text.ttl: the sections and paragraphs of the source letter.

Reads the source text of the Kamerbrief of 28 September 2017 (Minbuza 2017.1027644), in which
every paragraph starts with an anchor ``[pNN]`` and every section heading ends with a slug in
braces (``## Heading {slug}``), and writes one imvo:Section per heading and one imvo:Paragraph
per anchor, with the paragraph's exact Dutch text (markdown emphasis asterisks removed) as
rdf:value. Paragraphs before the first heading and after the last section's body (the closing
and signature, p41-p42) are part of the letter itself, not of a section.

The output is deterministic: the same source gives byte-identical Turtle.

Usage:
    python tools/build_letter_paragraphs.py [SOURCE.md] [OUTPUT.ttl]

Defaults: sources/kamerbrief-imvo-2017-09-28.md (the copy in the repository) and
data/letter-text.ttl (in the repository). Only the standard library is used.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "sources" / "kamerbrief-imvo-2017-09-28.md"
DEFAULT_OUTPUT = REPO / "data" / "letter-text.ttl"

LETTER = "https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644"

# The paragraphs after which the letter's sections end: the closing and the signature
# (p41 "Minister voor ...", p42 the name) belong to the letter, not to the last section.
CLOSING_ANCHORS = {"p41", "p42"}

# English renderings of the section headings (the Dutch heading is the source's own text).
HEADINGS_EN = {
    "voortgang-imvo-convenanten": "Progress of the IRBC covenants",
    "ser-evaluatie-imvo-convenanten": "SER evaluation of the IRBC covenants",
    "imvo-wetgeving-andere-landen": "IRBC legislation in other countries",
    "inspanningen-ncp-ten-aanzien-van-mkb": "Efforts of the NCP regarding SMEs",
    "inzet-in-colombia": "Efforts in Colombia",
    "cacao": "Cocoa",
    "palmolie": "Palm oil",
    "leefbaar-loon-binnen-inkoopbeleid": "Living wage in procurement policy",
    "inzet-op-andere-mineralen-dan-tin-tantaal-wolfraam-en-goud":
        "Efforts on minerals other than tin, tantalum, tungsten and gold",
}

HEADING_RE = re.compile(r"^##\s+(?P<title>.+?)\s+\{(?P<slug>[a-z0-9-]+)\}\s*$")
ANCHOR_RE = re.compile(r"^\[(?P<anchor>p\d{2})\]\s?(?P<rest>.*)$")
# **strong** and *emphasis*; the source uses no literal asterisks otherwise.
EMPHASIS_RE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*", re.DOTALL)


def strip_emphasis(text: str) -> str:
    """Remove markdown emphasis markers, keeping the emphasised words."""
    text = EMPHASIS_RE.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    if "*" in text:
        raise ValueError(f"unbalanced emphasis marker left in: {text!r}")
    return text


def turtle_string(text: str) -> str:
    """A Turtle double-quoted string literal for text (escapes \\, \", newline, tab, CR)."""
    out = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{out}"'


def parse(source: str):
    """Return (sections, paragraphs) in document order.

    sections:   list of dicts {slug, title, position}
    paragraphs: list of dicts {anchor, position, text, section (slug or None)}
    """
    body = source.split("\n---\n", 1)[1] if "\n---\n" in source else source
    sections: list[dict] = []
    paragraphs: list[dict] = []
    current_section: str | None = None
    current: dict | None = None

    def close_paragraph():
        nonlocal current
        if current is not None:
            current["text"] = strip_emphasis("\n".join(current["lines"]).strip())
            del current["lines"]
            paragraphs.append(current)
            current = None

    for line in body.splitlines():
        heading = HEADING_RE.match(line)
        anchor = ANCHOR_RE.match(line)
        if heading:
            close_paragraph()
            current_section = heading.group("slug")
            sections.append({
                "slug": current_section,
                "title": heading.group("title"),
                "position": len(sections) + 1,
            })
        elif anchor:
            close_paragraph()
            name = anchor.group("anchor")
            section = None if name in CLOSING_ANCHORS else current_section
            current = {"anchor": name, "position": int(name[1:]), "section": section,
                       "lines": [anchor.group("rest")]}
        elif line.strip() == "":
            close_paragraph()
        elif current is not None:
            current["lines"].append(line)
        else:
            raise ValueError(f"text outside any paragraph: {line!r}")
    close_paragraph()

    expected = [f"p{n:02d}" for n in range(1, len(paragraphs) + 1)]
    found = [p["anchor"] for p in paragraphs]
    if found != expected:
        raise ValueError(f"paragraph anchors are not consecutive from p01: {found}")
    for s in sections:
        if s["slug"] not in HEADINGS_EN:
            raise ValueError(f"no English heading for section {s['slug']!r}; add it to HEADINGS_EN")
    return sections, paragraphs


def render(sections, paragraphs, source_name: str) -> str:
    out: list[str] = []
    out.append("# GENERATED FILE - do not edit by hand.")
    out.append("# Generated by tools/build_letter_paragraphs.py from the source text")
    out.append(f"# {source_name}.")
    out.append("# Holds the sections (imvo:Section) and paragraphs (imvo:Paragraph) of the letter")
    out.append(f"# <{LETTER}>, each paragraph with its exact Dutch text")
    out.append("# (rdf:value, markdown emphasis removed). The letter's metadata is in data/letter.ttl.")
    out.append("")
    out.append("@prefix imvo:  <https://w3id.org/imvo-graph/def#> .")
    out.append("@prefix rdf:   <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .")
    out.append("@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .")
    out.append("@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .")
    out.append("@prefix dct:   <http://purl.org/dc/terms/> .")
    out.append("@prefix kb:    <https://w3id.org/imvo-graph/id/kamerbrief/> .")
    out.append(f"@prefix brief: <{LETTER}#> .")
    out.append("")
    out.append("#################################################################")
    out.append("# Sections")
    out.append("#################################################################")
    out.append("")
    for s in sections:
        out.append(f"brief:{s['slug']}")
        out.append("    a imvo:Section ;")
        out.append(f"    rdfs:label {turtle_string(s['title'])}@nl , {turtle_string(HEADINGS_EN[s['slug']])}@en ;")
        out.append("    dct:isPartOf kb:minbuza-2017-1027644 ;")
        out.append(f"    imvo:anchor {turtle_string(s['slug'])} ;")
        out.append(f'    imvo:position "{s["position"]}"^^xsd:positiveInteger .')
        out.append("")
    out.append("#################################################################")
    out.append("# Paragraphs")
    out.append("#################################################################")
    out.append("")
    for p in paragraphs:
        parent = f"brief:{p['section']}" if p["section"] else "kb:minbuza-2017-1027644"
        out.append(f"brief:{p['anchor']}")
        out.append("    a imvo:Paragraph ;")
        out.append(f'    rdfs:label "alinea {p["anchor"]}"@nl , "paragraph {p["anchor"]}"@en ;')
        out.append(f"    dct:isPartOf {parent} ;")
        out.append(f'    imvo:anchor "{p["anchor"]}" ;')
        out.append(f'    imvo:position "{p["position"]}"^^xsd:positiveInteger ;')
        out.append(f"    rdf:value {turtle_string(p['text'])}@nl .")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    import argparse
    import os
    import tempfile

    parser = argparse.ArgumentParser(description="Generate data/letter-text.ttl from the source letter.")
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv[1:])
    try:
        sections, paragraphs = parse(args.source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"build_letter_paragraphs: cannot read {args.source}: {exc}", file=sys.stderr)
        return 2
    text = render(sections, paragraphs, args.source.name)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # write next to the target, then rename: never a half-written data file
    fd, tmp = tempfile.mkstemp(dir=args.output.parent, prefix=".letter-text-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, args.output)
    print(f"wrote {args.output}: {len(sections)} sections, {len(paragraphs)} paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
