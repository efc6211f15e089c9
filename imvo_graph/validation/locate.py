"""Where each validation result is written: the file, line and column of the statement at fault.

* a result with a value: the statement ``focus path value`` (the position of the value; for an
  inverse path, of ``value path focus``);
* a result about a path without a value (sh:maxCount, sh:uniqueLang, ...): the first statement
  ``focus path ...``;
* otherwise (a missing value, a node shape): the first statement about the focus node.

The positions come from :mod:`imvo_graph.positions`, and only when the report has results: the
index is built on demand and keeps only the statements that mention a node the results name.
Files whose format gives no positions here (RDF/XML, JSON-LD, N3), or that the scanner could
not read exactly as the parser did, are named without a line: never a wrong one.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from ..positions import scan_file, term_key
from .report import Location, ValidationResult

SH_INVERSE_PATH = "http://www.w3.org/ns/shacl#inversePath"


class StatementIndex:
    """The statements of some files that mention one of a set of nodes, with their positions."""

    def __init__(self, files, keys: set, shipped: set | None = None, terms: set | None = None):
        self.keys = keys
        self.terms = terms or set()
        #: (subject key, predicate key) -> [(object key, location of the predicate, of the object)]
        self.by_subject_predicate: dict = defaultdict(list)
        #: node key -> location of its first statement as a subject (else as an object)
        self.first_as_subject: dict = {}
        self.first_as_object: dict = {}
        #: term key -> [(subject key, predicate key, object key, location)] of the statements
        #: using it as predicate or object (for undeclared terms)
        self.uses: dict = defaultdict(list)
        self.shipped = shipped or set()
        self.add(files)

    def add(self, files) -> None:
        """Index the statements of more files (a statement already seen keeps its first place)."""
        for path in files:
            self._add_file(Path(path), Path(path).resolve() in self.shipped)

    def _add_file(self, path: Path, shipped: bool) -> None:
        name = display_name(path)
        positions = scan_file(path, wanted={key[1] for key in self.keys | self.terms})
        if positions is not None:
            statements = positions.statements
            cache: dict = {}

            def at(offset):  # a Location per offset, made once
                location = cache.get(offset)
                if location is None:
                    line, column = positions.line_column(offset)
                    location = cache[offset] = Location(name, line, column, shipped)
                return location
        else:  # positions cannot be told: the statements, without lines
            statements = _parsed_statements(path)
            unknown = Location(name, None, None, shipped)

            def at(offset):
                return unknown

        keys, terms = self.keys, self.terms
        for s, p, o, s_off, p_off, o_off in statements:
            if s in keys:
                self.by_subject_predicate[(s, p)].append((o, at(p_off), at(o_off)))
                if s not in self.first_as_subject:
                    self.first_as_subject[s] = at(s_off)
            if o in keys and o not in self.first_as_object:
                self.first_as_object[o] = at(o_off)
            if p in terms:
                self.uses[p].append((s, p, o, at(p_off)))
            if o in terms:
                self.uses[o].append((s, p, o, at(o_off)))

    def about(self, node) -> Location | None:
        key = term_key(node)
        return self.first_as_subject.get(key) or self.first_as_object.get(key)

    def locate(self, result: ValidationResult, path_graph=None) -> Location | None:
        focus, value = term_key(result.focus_node), term_key(result.value) if result.value is not None else None
        path = result.path
        path_key = term_key(path) if path is not None else None
        predicate = path_key if path_key and path_key[0] == "I" else None
        if predicate is not None:
            candidates = self.by_subject_predicate.get((focus, predicate), [])
            if value is not None:
                for obj, _, obj_at in candidates:
                    if obj == value:
                        return obj_at
                if len(candidates) == 1:  # the one value (written otherwise, e.g. "01" for 1)
                    return candidates[0][2]
            elif candidates:
                return candidates[0][1]
        elif path is not None and value is not None and path_graph is not None:
            inverse = _inverse_predicate(path_graph, path)
            if inverse is not None:
                for obj, pred_at, _ in self.by_subject_predicate.get((value, inverse), []):
                    if obj == focus:
                        return pred_at
        return self.about(result.focus_node)


def _inverse_predicate(path_graph, path):
    from rdflib import URIRef

    inverse = path_graph.value(path, URIRef(SH_INVERSE_PATH))
    return term_key(inverse) if isinstance(inverse, URIRef) else None


def _parsed_statements(path: Path) -> list:
    """The statements of a file whose positions cannot be told, each with no offsets."""
    from ..loading import read_quads
    from ..terms import rdflib_term_converter

    convert = rdflib_term_converter()
    try:
        quads = read_quads(path)
    except Exception:  # noqa: BLE001 - it parsed for validation; if not now, nothing to say
        return []
    return [
        (term_key(convert(q.subject)), term_key(convert(q.predicate)), term_key(convert(q.object)), None, None, None)
        for q in quads
    ]


def display_name(path: Path) -> str:
    """The file as a person finds it: relative to the working folder when it is under it."""
    try:
        absolute = path.resolve()
        relative = absolute.relative_to(Path.cwd().resolve())
        return relative.as_posix()
    except (ValueError, OSError):
        return str(path) if not path.is_absolute() else os.fspath(path)


def result_keys(results) -> set:
    """The keys of the nodes the results name (focus nodes and values)."""
    keys = set()
    for r in results:
        for node in (r.focus_node, r.value):
            key = term_key(node) if node is not None else None
            if key is not None:
                keys.add(key)
    return keys


def locate_results(results: list, files, *, path_graph=None, shipped=None, index: StatementIndex | None = None) -> list:
    """The results, each with its :class:`Location` (None where the statement is in no file)."""
    if not results:
        return results
    if index is None:
        index = StatementIndex(files, result_keys(results), shipped)
    return [r if r.location is not None else replace(r, location=index.locate(r, path_graph)) for r in results]
