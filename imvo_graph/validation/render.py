"""Writing a validation report as text (for a person), JSON (for a program) or Turtle (RDF)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Literal, get_args

from ..options import check_choice
from ..rdf.labels import LANGUAGES, Language
from ..rdf.terms import term_text
from .report import SEVERITIES, ValidationReport, text_key

#: The forms of a validation report (:func:`render`), as a type for ``fmt``.
ReportFormat = Literal["text", "json", "turtle", "github", "gitlab", "junit", "sarif"]
FORMATS: tuple[str, ...] = get_args(ReportFormat)


def render(report: ValidationReport, fmt: ReportFormat = "text", lang: Language = "nl", *, strict: bool = False) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`), its labels and messages in ``lang``;
    ``strict``: warnings fail too (the CI formats mark them as failures). InputError naming
    ``fmt`` or ``lang`` for a value outside their choices."""
    check_choice("fmt", fmt, FORMATS, "report format")
    check_choice("lang", lang, LANGUAGES, "language")
    if fmt == "text":
        return render_text(report, lang)
    if fmt == "json":
        return render_json(report, lang)
    if fmt == "turtle":
        return report.to_graph().serialize(format="turtle")
    if fmt in ("github", "gitlab", "junit", "sarif"):
        from . import ci_formats

        return getattr(ci_formats, f"render_{fmt}")(report, lang, strict=strict)
    raise AssertionError(fmt)  # pragma: no cover - every format of FORMATS is written above


_HEADINGS = {
    "nl": {
        "conforms": "Conform: geen overtredingen.",
        "fails": "Niet conform.",
        "counts": "{v} overtreding(en), {w} waarschuwing(en), {i} melding(en) in {n} triples uit {f} bestand(en).",
        "Violation": "OVERTREDING",
        "Warning": "WAARSCHUWING",
        "Info": "MELDING",
        "value": "waarde",
        "path": "pad",
        "shape": "vorm",
        "no_line": "regel onbekend: {kind} geeft geen regelnummers",
        "no_file": "in geen bestand (afgeleid, of uit de ontologie)",
        "no_file_bnode": "regel onbekend: een blanco knoop zonder label",
        "shipped": "meegeleverd",
        "own": "{n} in uw bestanden, {m} in de meegeleverde gegevens.",
        "accepted": "{n} aanvaard door de baseline, {m} nieuw.",
        "accepted_tag": "aanvaard",
        "stale": "{n} baseline-regel(s) komen niet meer voor (verwijder ze uit de baseline):",
    },
    "en": {
        "conforms": "Conforms: no violations.",
        "fails": "Does not conform.",
        "counts": "{v} violation(s), {w} warning(s), {i} info(s) in {n} triples from {f} file(s).",
        "Violation": "VIOLATION",
        "Warning": "WARNING",
        "Info": "INFO",
        "value": "value",
        "path": "path",
        "shape": "shape",
        "no_line": "line unknown: {kind} gives no line numbers",
        "no_file": "in no file (inferred, or from the ontology)",
        "no_file_bnode": "line unknown: a blank node without a label",
        "shipped": "shipped",
        "own": "{n} in your files, {m} in the shipped data.",
        "accepted": "{n} accepted by the baseline, {m} new.",
        "accepted_tag": "accepted",
        "stale": "{n} baseline entr(y/ies) no longer occur (remove them from the baseline):",
    },
}


def render_text(report: ValidationReport, lang: str = "nl") -> str:
    """Results grouped by focus node, each node named by its label in ``lang``."""
    from pyoxigraph import BlankNode

    words = _HEADINGS.get(lang, _HEADINGS["en"])
    short = report.short
    by_focus = defaultdict(list)
    for result in report.results:
        by_focus[result.focus_node].append(result)

    # the text says what the exit code says: no violations (the Turtle and JSON sh:conforms
    # follow the specification: no result at all)
    lines = [words["fails"] if report.fails() else words["conforms"]]
    counts = {s: sum(1 for r in report.results if r.severity == s) for s in SEVERITIES}
    lines.append(
        words["counts"].format(
            v=counts["Violation"], w=counts["Warning"], i=counts["Info"], n=report.data_triples, f=len(report.files)
        )
    )
    shipped_too = _shipped_too(report)
    if shipped_too:
        own = sum(1 for r in report.results if not _in_shipped(r))
        lines.append(words["own"].format(n=own, m=len(report.results) - own))
    if any(r.accepted for r in report.results) or report.stale:
        accepted = sum(1 for r in report.results if r.accepted)
        lines.append(words["accepted"].format(n=accepted, m=len(report.results) - accepted))
    rank = {s: i for i, s in enumerate(SEVERITIES)}

    def order(n):
        # with the shipped data validated too, the user's own results come first
        return (all(_in_shipped(r) for r in by_focus[n]) if shipped_too else False,
                min(rank[r.severity_class] for r in by_focus[n]), term_text(n))

    for focus in sorted(by_focus, key=order):
        label = report.label(focus, lang)
        lines.append("")
        lines.append(f"{label}  ({short(focus)})" if label else short(focus))
        for result in sorted(by_focus[focus], key=lambda r: (rank[r.severity_class], term_text(r.path), term_text(r.value))):
            tag = f" ({words['accepted_tag']})" if result.accepted else ""
            lines.append(f"  {words[result.severity_class]}{tag}: {result.message(lang)}")
            details = [where(result.location, words, shipped_too, blank=isinstance(result.focus_node, BlankNode))]
            if result.path is not None:
                details.append(f"{words['path']} {short(result.path)}")
            if result.value is not None:
                details.append(f"{words['value']} {short(result.value)}")
            details.append(f"{words['shape']} {short(result.source_shape)}")
            lines.append("    " + "; ".join(details))
    if report.stale:
        lines.append("")
        lines.append(words["stale"].format(n=len(report.stale)))
        for item in report.stale:
            parts = [item.get("focusNode"), item.get("path"), item.get("sourceShape"), item.get("value")]
            lines.append("  " + " ".join(p for p in parts if p))
    return "\n".join(lines) + "\n"


def where(location, words=_HEADINGS["en"], mark_shipped: bool = False, blank: bool = False) -> str:
    """``file:line:column``, or the file and why there is no line, or where there is no file
    (``blank``: the focus node is a blank node, whose statements cannot be found by name)."""
    if location is None:
        return words["no_file_bnode"] if blank else words["no_file"]
    text = str(location)
    if location.line is None:
        text += f" ({words['no_line'].format(kind=format_name(location.file))})"
    if mark_shipped and location.shipped:
        text += f" [{words['shipped']}]"
    return text


def format_name(file: str) -> str:
    from pathlib import Path

    return {".jsonld": "JSON-LD", ".rdf": "RDF/XML", ".owl": "RDF/XML", ".xml": "RDF/XML", ".n3": "N3"}.get(
        Path(file).suffix.lower(), "the parser"
    )


def _in_shipped(result) -> bool:
    return result.location is not None and result.location.shipped


def _shipped_too(report) -> bool:
    """True when the shipped data was validated together with the user's own files."""
    return bool(report.own_files) and len(report.files) > len(report.own_files)


def location_json(location) -> dict | None:
    if location is None:
        return None
    return {"file": location.file, "line": location.line, "column": location.column, "shipped": location.shipped}


def render_json(report: ValidationReport, lang: str = "nl") -> str:
    """A JSON document: conforms, counts and one object per result (IRIs in full)."""
    def term(value):
        return None if value is None else term_text(value)

    document = {
        "conforms": report.conforms,
        "has_violations": report.has_violations,
        "stale": report.stale,
        "counts": {s.lower(): sum(1 for r in report.results if r.severity == s) for s in SEVERITIES},
        "triples": report.data_triples,
        "files": [str(f) for f in report.files],
        "results": [
            {
                "severity": r.severity,
                "focusNode": term(r.focus_node),
                "focusLabel": report.label(r.focus_node, lang),
                "path": term(r.path),
                "value": term(r.value),
                "sourceShape": term(r.source_shape),
                "constraintComponent": term(r.constraint_component),
                "message": r.message(lang),
                "messages": r.messages,
                "location": location_json(r.location),
                "accepted": r.accepted,
            }
            for r in sorted(report.results, key=text_key)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
