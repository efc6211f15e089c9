"""The last step of :func:`imvo_graph.validation.validate`: results that name the real fault
(:mod:`.explain`) and where each is written (:mod:`.locate`). Nothing is read when there is no
result."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from ..positions import LineSearch
from . import explain
from .locate import StatementIndex, locate_results, result_keys
from .report import ValidationReport


def annotate(report: ValidationReport, *, data_files, ontology_files, shape_files, own_files, shipped_files,
             line_indexes=None) -> ValidationReport:
    """``report`` with its results explained and located; ``own_files``: the files the user gave;
    ``line_indexes``: the data files' :class:`~imvo_graph.line_index.Indexing`, if started."""
    try:
        return _annotate(report, data_files, ontology_files, shape_files, own_files, shipped_files, line_indexes)
    finally:
        if line_indexes is not None:
            line_indexes.stop()


def _annotate(report, data_files, ontology_files, shape_files, own_files, shipped_files, line_indexes):
    report.own_files = [str(f) for f in own_files]
    if not report.results:
        return report
    short = report.short
    data = _unique(data_files)
    with ThreadPoolExecutor(1, thread_name_prefix="reading data") as pool:
        # the N-Triples and N-Quads data files read in a thread (a read releases the GIL) while
        # this one works out the results' nodes and the messages about undeclared terms
        # (benchmarks/code-choices.md)
        opened = {os.path.abspath(p): pool.submit(LineSearch.open, p, None if line_indexes is None else line_indexes.get(p))
                  for p in data if p.suffix.lower() in (".nt", ".nq")}
        results = explain.value_only_when_bound(report.results, report.shapes_graph)
        terms = explain.undeclared_terms(results)
        in_data = {d.resolve() for d in data}
        model = [f for f in _unique([*ontology_files, *shape_files]) if f.resolve() not in in_data]
        shipped = {Path(f).resolve() for f in shipped_files}
        keys = result_keys(results) | terms
        messages = explain.undeclared_messages(results, explain.declared_terms(ontology_files), short) if terms else {}
        # the data first; the ontology and shapes only when a result needs them (an undeclared
        # term may be used in the shapes; a result may be about a shape or a class)
        index = StatementIndex(data, keys, shipped, terms=terms, line_indexes=line_indexes, opened=opened)
    if terms:
        index.add(model)
        model = []
        results = explain.expand_undeclared(results, index, messages)
    results = explain.explain_ill_typed(results, short)
    path_graph = report.path_graph or report.shapes_graph
    results = locate_results(results, data, path_graph=path_graph, index=index)
    if model and any(r.location is None for r in results):
        index.add(model)
        results = [replace(r, location=index.locate(r, path_graph)) if r.location is None else r for r in results]
    report.results = results
    return report


def _unique(files) -> list[Path]:
    seen, out = set(), []
    for f in files:
        key = Path(f).resolve()
        if key not in seen:
            seen.add(key)
            out.append(Path(f))
    return out
