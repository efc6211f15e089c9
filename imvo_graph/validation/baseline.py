"""Accepted results: a baseline file lists results a project has reviewed and keeps.

A baseline is a small JSON file, sorted, one entry per result, keyed by what identifies a
result whatever its line: the focus node, the result path, the source shape, the constraint
component and the value, each written as in N-Triples (``<iri>``, ``"lexical"^^<datatype>``;
absent: null). The severity and message are there for the reviewer, not part of the key.
Results on blank nodes cannot be keyed across runs (their labels change) and never match.

:func:`apply_baseline` marks each result of a report that the baseline lists as accepted
(``ValidationResult.accepted``) and lists the entries that no longer occur
(``ValidationReport.stale``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..rdf.terms import text_form
from .report import ValidationReport

FORMAT_NAME = "imvo-graph validation baseline"
FORMAT_VERSION = 1
KEY_FIELDS = ("focusNode", "path", "sourceShape", "constraintComponent", "value")


def _n3(term) -> str | None:
    """A result's term as the baseline writes it: :func:`imvo_graph.rdf.terms.text_form` without
    prefixes, the N3 form the baselines written so far hold (so they keep matching)."""
    return None if term is None else text_form(term)


def entry(result) -> dict:
    """The baseline entry of a result: its key fields, then severity and message (English)."""
    return {
        "focusNode": _n3(result.focus_node),
        "path": _n3(result.path),
        "sourceShape": _n3(result.source_shape),
        "constraintComponent": _n3(result.constraint_component),
        "value": _n3(result.value),
        "severity": result.severity,
        "message": result.message("en"),
    }


def key_of(item: dict) -> tuple:
    return tuple(item.get(name) for name in KEY_FIELDS)


def baseline_text(report: ValidationReport) -> str:
    """The baseline of every result of ``report``, as the text of its file."""
    entries = sorted({key_of(e): e for e in map(entry, report.results)}.values(), key=lambda e: tuple(str(v) for v in key_of(e)))
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "results": entries}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def check_baseline_output(path: Path | str) -> Path:
    """Check early that a baseline can be written to ``path`` (an existing regular file is
    replaced: a baseline is meant to be written again)."""
    from ..export.atomic import check_output_file

    return check_output_file(path, overwrite=True)


def write_baseline(report: ValidationReport, path: Path | str) -> int:
    """Write the baseline of ``report`` to ``path`` atomically; the number of entries."""
    from ..export.atomic import write_atomic

    text = baseline_text(report)
    write_atomic(path, text.encode("utf-8"), overwrite=True)
    return len(json.loads(text)["results"])


def read_baseline(path: Path | str) -> list[dict]:
    """The entries of a baseline file. Raises InputError naming the file (and line) when it is
    missing, not JSON, or not a baseline."""
    from ..limits import check_regular_file

    path = Path(path)
    try:
        check_regular_file(path, "a baseline file")  # a FIFO would block, /dev/zero never end
    except InputError as exc:
        raise InputError(f"baseline {exc}") from None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"baseline {path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"baseline {path}, line {exc.lineno}, column {exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise InputError(f"baseline {path}: not a baseline file (expected \"format\": \"{FORMAT_NAME}\"; "
                         "write one with write_baseline)")
    if document.get("version") != FORMAT_VERSION:
        raise InputError(f"baseline {path}: unsupported version {document.get('version')!r} (expected {FORMAT_VERSION})")
    entries = document.get("results")
    if not isinstance(entries, list):
        raise InputError(f"baseline {path}: \"results\" must be a list")
    for number, item in enumerate(entries, 1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), (str, type(None))) for k in KEY_FIELDS) \
                or not item.get("focusNode") or not item.get("sourceShape"):
            raise InputError(f"baseline {path}: entry {number} is not a result (it needs focusNode, sourceShape and "
                             f"string or null {', '.join(KEY_FIELDS[1:])})")
    return entries


def apply_baseline(report: ValidationReport, entries: list[dict]) -> ValidationReport:
    """Mark the results the baseline lists as accepted; put the entries that no longer occur in
    ``report.stale``."""
    listed = {key_of(e): e for e in entries}
    seen = set()
    results = []
    for r in report.results:
        key = key_of(entry(r))
        if key in listed:
            seen.add(key)
            results.append(replace(r, accepted=True))
        else:
            results.append(r)
    report.results = results
    report.stale = [e for k, e in listed.items() if k not in seen]
    return report
