"""Validation reports for CI servers: GitHub Actions workflow commands, GitLab Code Quality, JUnit
XML and SARIF 2.1.0. Each result is placed at its :class:`~.report.Location`; the tests check
each format against its published schema (tests/schemas/).

Severities: a violation is an error everywhere; a warning is a warning (GitHub ``::warning``,
GitLab ``minor``, SARIF ``warning``), and with ``strict`` (``--strict``) a failure in JUnit too;
an info is a notice. A result accepted by a baseline fails nothing: a GitHub notice, GitLab
``info``, no JUnit failure, SARIF ``baselineState`` "unchanged" (the others "new").
"""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..rdf.namespaces import BASE
from ..rdf.terms import term_text
from .report import SEVERITIES, ValidationReport, text_key, to_oxigraph


def _short(report, term) -> str:
    return report.short(term) if term is not None else ""


def _sorted(report):
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(report.results, key=lambda r: (rank[r.severity_class], str(r.location or ""), text_key(r)))


def _text(report, result, lang: str) -> str:
    """The message, with the focus node (and path and value) a reader needs to find it."""
    focus = _short(report, result.focus_node)
    label = report.label(result.focus_node, lang)
    parts = [f"{label} ({focus})" if label else focus]
    if result.path is not None:
        parts.append(_short(report, result.path))
    if result.value is not None:
        parts.append(_short(report, result.value))
    return f"{result.message(lang)} [{' '.join(parts)}]"


# -- GitHub Actions workflow commands -------------------------------------------------------------

_GITHUB_LEVEL = {"Violation": "error", "Warning": "warning", "Info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: ValidationReport, lang: str = "nl", *, strict: bool = False) -> str:
    """One ``::error``/``::warning``/``::notice`` workflow command per result, with
    ``file``, ``line`` and ``col`` where they are known, and ``title`` the source shape."""
    lines = []
    for r in _sorted(report):
        level = "error" if strict and r.severity_class == "Warning" else _GITHUB_LEVEL[r.severity_class]
        if r.accepted:
            level = "notice"
        props = []
        if r.location is not None:
            props.append(f"file={_escape_property(r.location.file)}")
            if r.location.line is not None:
                props.append(f"line={r.location.line}")
                props.append(f"col={r.location.column}")
        props.append(f"title={_escape_property(_short(report, r.source_shape))}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(_text(report, r, lang))}")
    return "".join(line + "\n" for line in lines)


# -- GitLab Code Quality --------------------------------------------------------------------------

_GITLAB_SEVERITY = {"Violation": "major", "Warning": "minor", "Info": "info"}


def fingerprint(result) -> str:
    """A stable fingerprint of a result: its key (focus, path, value, shape, component,
    severity), not its line, so that moving a statement does not make it a new issue."""
    return hashlib.sha256("\x1f".join(text_key(result)).encode("utf-8")).hexdigest()


def render_gitlab(report: ValidationReport, lang: str = "nl", *, strict: bool = False) -> str:
    """GitLab's Code Quality report: a JSON array of issues with ``description``, ``check_name``,
    ``fingerprint``, ``severity`` and ``location.path`` / ``location.lines.begin``. GitLab needs a
    line: a result in a file whose format gives no line numbers is put at line 1 and its
    description says so; a result in no file is put on the first data file."""
    issues = []
    fallback = str(report.own_files[0]) if report.own_files else (str(report.files[0]) if report.files else ".")
    for r in _sorted(report):
        description = _text(report, r, lang)
        path, line = fallback, 1
        if r.location is not None:
            path = _relative(r.location.file)
            if r.location.line is not None:
                line = r.location.line
            else:
                description += " (line unknown)" if lang == "en" else " (regel onbekend)"
        else:
            description += " (in no file)" if lang == "en" else " (in geen bestand)"
        issues.append(
            {
                "description": description,
                "check_name": _short(report, r.source_shape),
                "fingerprint": fingerprint(r),
                "severity": "info" if r.accepted else
                "major" if strict and r.severity_class == "Warning" else _GITLAB_SEVERITY[r.severity_class],
                "location": {"path": path, "lines": {"begin": line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _relative(file: str) -> str:
    """GitLab wants a path relative to the project: a file outside the working folder (the
    shipped data of an installed imvo-graph) is given relative to it all the same."""
    import os

    return os.path.relpath(file) if os.path.isabs(file) else file


# -- JUnit XML ------------------------------------------------------------------------------------


def _shapes(report) -> list:
    """Every named shape of the shapes graph, and every shape a result names."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from ..rdf.namespaces import SH

    graph = report.shapes_graph
    shapes: set = set()
    if graph is not None:
        for kind in ("NodeShape", "PropertyShape"):
            shapes.update(to_oxigraph(s) for s in graph.subjects(RDF.type, URIRef(SH + kind)) if isinstance(s, URIRef))
    shapes.update(r.source_shape for r in report.results)
    return sorted(shapes, key=term_text)


def render_junit(report: ValidationReport, lang: str = "nl", *, strict: bool = False) -> str:
    """JUnit XML as Ant and Jenkins write it (the windyroad/Apache Ant JUnit XSD): one test
    suite, one test case per shape; a shape with violations (and warnings, with ``strict``)
    fails, its failure listing each result with its location; other results of the shape go
    to the suite's ``system-out``."""
    import datetime
    import socket
    import xml.etree.ElementTree as ET

    by_shape: dict = {}
    for r in _sorted(report):
        by_shape.setdefault(r.source_shape, []).append(r)
    failing = {"Violation", "Warning"} if strict else {"Violation"}
    timestamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    shapes = _shapes(report)
    suite = ET.Element(
        "testsuite",
        name="imvo-graph validate",
        timestamp=timestamp,
        hostname=socket.gethostname() or "localhost",
        tests=str(len(shapes)),
        failures="0",
        errors="0",
        time="0",
    )
    ET.SubElement(suite, "properties")
    failures = 0
    out: list = []
    for shape in shapes:
        name = _short(report, shape)
        case = ET.SubElement(suite, "testcase", name=name, classname="imvo-graph.shapes", time="0")
        results = by_shape.get(shape, [])
        failed = [r for r in results if r.severity_class in failing and not r.accepted]
        if failed:
            failures += 1
            lines = [f"{_where(r)}: {r.severity}: {_text(report, r, lang)}" for r in failed]
            failure = ET.SubElement(case, "failure", message=f"{len(failed)} result(s) of {name}", type=failed[0].severity)
            failure.text = "\n".join(lines)
        out.extend(f"{_where(r)}: {r.severity}: {_text(report, r, lang)}" for r in results if r not in failed)
    suite.set("failures", str(failures))
    ET.SubElement(suite, "system-out").text = "\n".join(out)
    ET.SubElement(suite, "system-err").text = ""
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def _where(result) -> str:
    return str(result.location) if result.location is not None else "(no file)"


# -- SARIF 2.1.0 ----------------------------------------------------------------------------------

_SARIF_LEVEL = {"Violation": "error", "Warning": "warning", "Info": "note"}


def render_sarif(report: ValidationReport, lang: str = "nl", *, strict: bool = False) -> str:
    """A SARIF 2.1.0 log: one run, one rule per source shape, one result per validation result
    with ``physicalLocation.artifactLocation.uri`` and, where known, ``region.startLine`` and
    ``startColumn`` (columns in Unicode code points, said in ``columnKind``)."""
    from pathlib import Path
    from urllib.parse import quote

    rules: list = []
    index: dict = {}
    for shape in sorted({r.source_shape for r in report.results}, key=term_text):
        index[shape] = len(rules)
        rule = {"id": _short(report, shape)}
        if term_text(shape).startswith(("http://", "https://")):
            rule["helpUri"] = term_text(shape)
        rules.append(rule)
    results = []
    baselined = any(r.accepted for r in report.results) or bool(report.stale)
    for r in _sorted(report):
        result = {
            "ruleId": _short(report, r.source_shape),
            "ruleIndex": index[r.source_shape],
            "level": "error" if strict and r.severity_class == "Warning" else _SARIF_LEVEL[r.severity_class],
            "message": {"text": _text(report, r, lang)},
            "partialFingerprints": {"imvoGraphResult/v1": fingerprint(r)},
            **({"baselineState": "unchanged" if r.accepted else "new"} if baselined else {}),
            "properties": {
                "focusNode": term_text(r.focus_node),
                "resultPath": None if r.path is None else term_text(r.path),
                "value": None if r.value is None else term_text(r.value),
                "sourceConstraintComponent": term_text(r.constraint_component),
                "severity": r.severity,
            },
        }
        if r.location is not None:
            file = Path(r.location.file)
            physical = {"artifactLocation": {"uri": file.as_uri() if file.is_absolute() else quote(file.as_posix())}}
            if r.location.line is not None:
                physical["region"] = {"startLine": r.location.line, "startColumn": r.location.column}
            result["locations"] = [{"physicalLocation": physical}]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "imvo-graph",
                        "version": __version__,
                        "informationUri": BASE,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
