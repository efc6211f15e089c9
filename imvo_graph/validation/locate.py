"""Where each validation result is written: the file, line and column of the statement at fault.

* a result with a value: the statement ``focus path value`` (the position of the value; for an
  inverse path, of ``value path focus``);
* a result about a path without a value (sh:maxCount, sh:uniqueLang, ...): the first statement
  ``focus path ...``;
* otherwise (a missing value, a node shape): the first statement about the focus node.

The positions come from :mod:`imvo_graph.positions`, and only when the report has results: the
index is built on demand and keeps only the statements that mention a node the results name.
N-Triples and N-Quads files (the large ones) are not read as RDF again: the lines of those nodes
are found by a search of the bytes (:class:`~imvo_graph.positions.LineSearch`), each read only when
a result asks for its subject and predicate, and the first statement with a node as its object only
when a result asks for it.
Files whose format gives no positions here (RDF/XML, JSON-LD, N3), or that the scanner could
not read exactly as the parser did, are named without a line: never a wrong one.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from ..positions import LineSearch, can_search, scan_file, term_key
from ..rdf.namespaces import SH
from .report import Location, ValidationResult, to_rdflib

SH_INVERSE_PATH = SH + "inversePath"


class StatementIndex:
    """The statements of some files that mention one of a set of nodes, with their positions."""

    def __init__(self, files, keys: set, shipped: set | None = None, terms: set | None = None, line_indexes=None,
                 opened=None):
        """``line_indexes``: where the N-Triples and N-Quads files' subjects are written, gathered
        before (:class:`~imvo_graph.line_index.Indexing`), or None; ``opened``: absolute path ->
        the future :meth:`~imvo_graph.positions.LineSearch.open` of the files opened before."""
        self.keys = keys
        self.line_indexes = line_indexes
        self._opened = opened or {}
        self.terms = terms or set()
        #: per file, in order: (subject key, predicate key) -> [(object key, location of the
        #: predicate, of the object)], or a :class:`_SubjectLines` that reads them when asked
        self._about: list = []
        self._statements_about: dict = {}  # (subject key, predicate key) -> those of all files
        #: node key -> location of its first statement as a subject
        self.first_as_subject: dict = {}
        #: term key -> [(subject key, predicate key, object key, location)] of the statements
        #: using it as predicate or object (for undeclared terms)
        self.uses: dict = defaultdict(list)
        self.shipped = shipped or set()
        #: per file, in order: node key -> location of its first statement as an object, or a
        #: function that finds it (N-Triples, N-Quads: searched for only when asked)
        self._as_object: list = []
        self._first_as_object: dict = {}
        #: the IRIs of the results' nodes and of the terms, when all are IRIs (else False)
        self._iri_subjects_and_terms: tuple[set, set] | bool | None = None
        self.add(files)

    def add(self, files) -> None:
        """Index the statements of more files (a statement already seen keeps its first place)."""
        self._statements_about = {}
        for path in files:
            self._add_file(Path(path), Path(path).resolve() in self.shipped)

    def _add_file(self, path: Path, shipped: bool) -> None:
        name = display_name(path)
        opened = self._opened.get(os.path.abspath(path))
        if opened is not None:
            search = opened.result()
        else:
            search = LineSearch.open(path, self.line_indexes.get(path) if self.line_indexes is not None else None)
        if search is not None:
            try:
                self._add_searched(search, name, shipped)
                return
            except ValueError:  # a line the search cannot read alone: the file is read whole
                pass
        if not self._may_hold_subjects_or_terms(path):
            # no statement about a node of the results, nor one using a term: the file is read
            # (scanned) only if a result needs the first statement with a node as its object
            self._as_object.append(_LazyObjects(self, path, name, shipped))
            return
        statements, at = self._statements(path, name, shipped)
        keys, terms = self.keys, self.terms
        as_object: dict = {}
        about: dict = defaultdict(list)
        self._about.append(about)
        for s, p, o, s_off, p_off, o_off in statements:
            if s in keys:
                self._add_subject_statement(about, s, p, o, at(s_off), at(p_off), at(o_off))
            if o in keys and o not in as_object:
                as_object[o] = at(o_off)
            if p in terms:
                self.uses[p].append((s, p, o, at(p_off)))
            if o in terms:
                self.uses[o].append((s, p, o, at(o_off)))
        self._as_object.append(as_object)

    def _statements(self, path: Path, name: str, shipped: bool) -> tuple:
        """The statements of a file read whole (:func:`~imvo_graph.positions.scan_file`, else
        the parser's without positions) and the function from an offset to its Location."""
        positions = scan_file(path, wanted={key[1] for key in self.keys | self.terms})
        if positions is not None:
            cache: dict = {}

            def at(offset):  # a Location per offset, made once
                location = cache.get(offset)
                if location is None:
                    line, column = positions.line_column(offset)
                    location = cache[offset] = Location(name, line, column, shipped)
                return location

            return positions.statements, at
        unknown = Location(name, None, None, shipped)  # positions cannot be told: no lines
        return _parsed_statements(path), lambda offset: unknown

    def _may_hold_subjects_or_terms(self, path: Path) -> bool:
        """False only when Oxigraph's parse of the file (in Rust: a fraction of the scan's time)
        has no statement whose subject is a node of the results or that uses one of the terms
        as its predicate or object; True when that cannot be told (a blank node among them,
        whose label a parser may give otherwise; a file that does not parse here)."""
        import pyoxigraph as ox

        from ..rdf.loading import rdf_format

        if self._iri_subjects_and_terms is None:  # (the same for every file: made once)
            if any(key[0] != "I" for key in self.terms) or any(key[0] == "B" for key in self.keys):
                self._iri_subjects_and_terms = False
            else:
                self._iri_subjects_and_terms = ({key[1] for key in self.keys if key[0] == "I"},
                                                {key[1] for key in self.terms})
        if not isinstance(self._iri_subjects_and_terms, tuple):
            return True
        subjects, terms = self._iri_subjects_and_terms
        try:
            for q in ox.parse(path=str(path), format=rdf_format(path), base_iri=path.resolve().as_uri()):
                if q.subject.value in subjects or q.predicate.value in terms or q.object.value in terms:
                    return True
        except Exception:  # noqa: BLE001 - read whole below, as before
            return True
        return False

    def _add_subject_statement(self, about: dict, s, p, o, s_at, p_at, o_at) -> None:
        about[(s, p)].append((o, p_at, o_at))
        if s not in self.first_as_subject:
            self.first_as_subject[s] = s_at

    def statements_about(self, subject, predicate) -> list:
        """[(object key, location of the predicate, of the object)] of the statements with this
        subject and predicate (keys), in the files in order."""
        key = (subject, predicate)
        found = self._statements_about.get(key)
        if found is None:
            found = []
            for i, about in enumerate(self._about):
                if isinstance(about, _SubjectLines):
                    try:
                        found += about.statements(subject, predicate)
                        continue
                    except ValueError:  # a line the search cannot read alone: the file is read whole
                        about = self._about[i] = about.read_whole(self)
                found += about.get(key, ())
            self._statements_about[key] = found
        return found

    def _add_searched(self, search: LineSearch, name: str, shipped: bool) -> None:
        """An N-Triples or N-Quads file: only the lines of the nodes and terms are read."""

        def at(position):
            return Location(name, position[0], position[1], shipped)

        subject_lines = search.subject_lines(self.keys)
        uses = search.using(self.terms) if self.terms else []
        # the statements themselves are read when a result asks (:meth:`statements_about`); where
        # each node is first a subject is told by the start of its first line
        for s, starts in sorted(subject_lines.items(), key=lambda item: item[1][0]):
            if s not in self.first_as_subject:
                self.first_as_subject[s] = at(search.subject_position(starts[0]))
        self._about.append(_SubjectLines(search, subject_lines, at, name, shipped))
        terms = self.terms
        for s, p, o, _s_at, p_at, o_at in uses:
            if p in terms:
                self.uses[p].append((s, p, o, at(p_at)))
            if o in terms:
                self.uses[o].append((s, p, o, at(o_at)))

        found: dict = {}

        def first_as_object(key):
            if key not in self.keys:
                return None
            if key not in found:  # every node not yet placed, in one search
                wanted = {k for k in self.keys if k not in self.first_as_subject and k not in found} | {key}
                searchable = {k for k in wanted if can_search(k)}
                try:
                    statements, unsearched = search.first_with_objects(searchable), wanted - searchable
                except ValueError:  # a line the search cannot read alone
                    statements, unsearched = {}, wanted
                for k in wanted:
                    found[k] = at(statements[k][5]) if k in statements else None
                if unsearched:  # (e.g. a literal of escapable characters only): the file read whole
                    positions = scan_file(search.path, wanted={k[1] for k in unsearched})
                    for statement in positions.statements if positions is not None else ():
                        if statement[2] in unsearched and found[statement[2]] is None:
                            found[statement[2]] = Location(name, *positions.line_column(statement[5]), shipped)
            return found[key]

        self._as_object.append(first_as_object)

    def first_as_object(self, key) -> Location | None:
        """The location of the first statement with ``key`` as its object, in the files in order."""
        if key in self._first_as_object:
            return self._first_as_object[key]
        found = None
        for source in self._as_object:
            found = source(key) if callable(source) else source.get(key)
            if found is not None:
                break
        if found is not None:  # (not found: a file added later may have it)
            self._first_as_object[key] = found
        return found

    def about(self, node) -> Location | None:
        key = _key(node)
        return self.first_as_subject.get(key) or self.first_as_object(key)

    def locate(self, result: ValidationResult, path_graph=None) -> Location | None:
        focus, value = _key(result.focus_node), _key(result.value) if result.value is not None else None
        path = to_rdflib(result.path)
        path_key = term_key(path) if path is not None else None
        predicate = path_key if path_key and path_key[0] == "I" else None
        if predicate is not None:
            candidates = self.statements_about(focus, predicate)
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
                for obj, pred_at, _ in self.statements_about(value, inverse):
                    if obj == focus:
                        return pred_at
        return self.about(result.focus_node)


class _SubjectLines:
    """The statements about the nodes of the results in one N-Triples or N-Quads file
    (:meth:`~imvo_graph.positions.LineSearch.subject_lines`): a line is read when a result asks
    for the statements with its subject and predicate, and only if it holds that predicate."""

    def __init__(self, search: LineSearch, lines: dict, at, name: str, shipped: bool):
        self.search, self.lines, self.at, self.name, self.shipped = search, lines, at, name, shipped

    def statements(self, subject, predicate) -> list:
        """[(object key, location of the predicate, of the object)], in file order. ValueError
        when a line cannot be read alone."""
        starts = self.lines.get(subject)
        if not starts:
            return []
        search, at, found = self.search, self.at, []
        for start in starts:
            if not search.may_hold(start, predicate):
                continue
            s, p, o, _s_at, p_at, o_at = search.statement(start)
            if s == subject and p == predicate:
                found.append((o, at(p_at), at(o_at)))
        return found

    def read_whole(self, index: "StatementIndex") -> dict:
        """The statements about the nodes of the results, from the file read whole."""
        statements, at = index._statements(self.search.path, self.name, self.shipped)
        about: dict = defaultdict(list)
        for s, p, o, _s_off, p_off, o_off in statements:
            if s in index.keys:
                about[(s, p)].append((o, at(p_off), at(o_off)))
        return about


class _LazyObjects:
    """The first statement with each node of the results as its object in one file that holds
    no statement about them: the file is read (scanned) when a result first asks."""

    def __init__(self, index: StatementIndex, path: Path, name: str, shipped: bool):
        self.index, self.path, self.name, self.shipped = index, path, name, shipped
        self.found: dict | None = None

    def __call__(self, key) -> Location | None:
        if self.found is None:
            statements, at = self.index._statements(self.path, self.name, self.shipped)
            keys, found = self.index.keys, {}
            for _s, _p, o, _s_off, _p_off, o_off in statements:
                if o in keys and o not in found:
                    found[o] = at(o_off)
            self.found = found
        return self.found.get(key)


def _key(term) -> tuple | None:
    """The :func:`~imvo_graph.positions.term_key` of a result's pyoxigraph term."""
    return term_key(to_rdflib(term))


def _inverse_predicate(path_graph, path):
    from rdflib import URIRef

    inverse = path_graph.value(path, URIRef(SH_INVERSE_PATH))
    return term_key(inverse) if isinstance(inverse, URIRef) else None


def _parsed_statements(path: Path) -> list:
    """The statements of a file whose positions cannot be told, each with no offsets."""
    from ..rdf.convert import rdflib_term_converter
    from ..rdf.loading import read_quads

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
            key = _key(node) if node is not None else None
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
