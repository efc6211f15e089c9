"""The last step of :func:`imvo_graph.validation.validate`: results that name the real fault
(:mod:`.explain`) and where each is written (:mod:`.locate`). Nothing is read when there is no
result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import explain
from .locate import StatementIndex, locate_results, result_keys
from .report import ValidationReport


def annotate(report: ValidationReport, *, data_files, ontology_files, shape_files, own_files, shipped_files) -> ValidationReport:
    """``report`` with its results explained and located; ``own_files``: the files the user gave."""
    from ..labels import short_name

    report.own_files = [str(f) for f in own_files]
    if not report.results:
        return report
    graph = report.namespace_manager

    def short(term) -> str:
        return short_name(graph, term)

    results = explain.value_only_when_bound(report.results, report.shapes_graph)
    terms = explain.undeclared_terms(results)
    files = _unique([*data_files, *ontology_files, *shape_files])
    shipped = {Path(f).resolve() for f in shipped_files}
    index = StatementIndex(files, result_keys(results) | terms, shipped, terms=terms)
    if terms:
        results = explain.expand_undeclared(results, index, explain.declared_terms(ontology_files), short)
    results = explain.explain_ill_typed(results, short)
    report.results = locate_results(results, files, path_graph=report.path_graph or report.shapes_graph, index=index)
    return report


def _unique(files) -> list[Path]:
    seen, out = set(), []
    for f in files:
        key = Path(f).resolve()
        if key not in seen:
            seen.add(key)
            out.append(Path(f))
    return out
