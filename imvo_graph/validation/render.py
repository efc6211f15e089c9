"""Writing a validation report as text (for a person), JSON (for a program) or Turtle (RDF)."""

from __future__ import annotations

import json
from collections import defaultdict

from ..labels import short_name
from .report import SEVERITIES, ValidationReport

FORMATS = ("text", "json", "turtle")


def render(report: ValidationReport, fmt: str = "text", lang: str = "nl") -> str:
    if fmt == "text":
        return render_text(report, lang)
    if fmt == "json":
        return render_json(report, lang)
    if fmt == "turtle":
        return report.to_graph().serialize(format="turtle")
    raise ValueError(f"unknown report format {fmt!r}")


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
    },
}


def render_text(report: ValidationReport, lang: str = "nl") -> str:
    """Results grouped by focus node, each node named by its label in ``lang``."""
    words = _HEADINGS.get(lang, _HEADINGS["en"])
    graph = report.namespace_manager
    by_focus = defaultdict(list)
    for result in report.results:
        by_focus[result.focus_node].append(result)

    # the text says what the exit code says: no violations (the Turtle and JSON sh:conforms
    # follow the specification: no result at all)
    lines = [words["fails"] if report.has_violations else words["conforms"]]
    counts = {s: sum(1 for r in report.results if r.severity == s) for s in SEVERITIES}
    lines.append(
        words["counts"].format(
            v=counts["Violation"], w=counts["Warning"], i=counts["Info"], n=report.data_triples, f=len(report.files)
        )
    )
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    for focus in sorted(by_focus, key=lambda n: (min(rank[r.severity] for r in by_focus[n]), str(n))):
        label = report.label(focus, lang)
        lines.append("")
        lines.append(f"{label}  ({short_name(graph, focus)})" if label else short_name(graph, focus))
        for result in sorted(by_focus[focus], key=lambda r: (rank[r.severity], str(r.path), str(r.value))):
            lines.append(f"  {words[result.severity]}: {result.message(lang)}")
            details = []
            if result.path is not None:
                details.append(f"{words['path']} {short_name(graph, result.path)}")
            if result.value is not None:
                details.append(f"{words['value']} {short_name(graph, result.value)}")
            details.append(f"{words['shape']} {short_name(graph, result.source_shape)}")
            lines.append("    " + "; ".join(details))
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport, lang: str = "nl") -> str:
    """A JSON document: conforms, counts and one object per result (IRIs in full)."""
    def term(value):
        return None if value is None else str(value)

    document = {
        "conforms": report.conforms,
        "has_violations": report.has_violations,
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
            }
            for r in sorted(report.results, key=lambda r: tuple(str(x) for x in r.key()))
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
