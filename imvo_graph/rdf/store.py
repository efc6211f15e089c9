"""Oxigraph stores for large graphs: fast loading, and a kept copy of the prepared graph.

``load_fast`` parses a file inside Oxigraph (``Store.load``: transactional, so nothing is added
when a file has a syntax error), about four times faster than building Python quads first
(benchmarks/code-choices.md).

:class:`LiteralStore` is a store that keeps every literal as written (:mod:`.literals`).

``open_graph(files, store_dir=...)`` gives an in-memory store holding the files. With a
directory, the loaded and inferred graph is kept there as N-Quads with what it was built from
(the SHA-256 of every input file's content, the inference, the tool's version); a later run with
the same inputs bulk-loads that file instead of loading the inputs and inferring again. Size and
modification time are not trusted: an edit can keep both.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal, cast, overload

from ..errors import InputError, RdfSyntaxError
from .literals import CANONICALISED, PRIVATE_DATATYPE, as_written, as_written_quad, stored, stored_quad
from .loading import _syntax_message, check_readable, file_digest, rdf_format, read_long_terms, read_quads
from .namespaces import XSD

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

    import pyoxigraph

_MARKERS = (
    b"decimal", b"Integer", b"integer", b"boolean", b"double", b"float", b"long", b"#int", b":int",
    b"short", b"byte", b"unsigned",
)


class LiteralStore:
    """An in-memory Oxigraph store that gives back every literal as written.

    The literals Oxigraph would rewrite (:data:`imvo_graph.rdf.literals.CANONICALISED`) are held
    in their stored form; every read here gives them as written: :meth:`quads_for_pattern`,
    iteration, ``in`` and the terms of :meth:`query`'s answers. No caller restores anything.

    SPARQL runs over the stored forms: a query that compares such a literal by value reads it
    with :func:`imvo_graph.rdf.literals.as_written_expression` and names one with
    :func:`imvo_graph.rdf.literals.sparql_term`. ``oxigraph`` is the store itself, for code that
    compiles such queries (the fast validation engine) or closes the graph under inference.
    """

    def __init__(self, oxigraph: "pyoxigraph.Store | None" = None):
        import pyoxigraph as ox

        self.oxigraph = ox.Store() if oxigraph is None else oxigraph

    def load(self, path: Path | str) -> None:
        """Parse one RDF file into the default graph (see :func:`load_fast`)."""
        load_fast(self.oxigraph, path, preserve_literals=True)

    def add(self, quad) -> None:
        self.oxigraph.add(stored_quad(quad))

    def extend(self, quads: Iterable) -> None:
        self.oxigraph.extend(stored_quad(q) for q in quads)

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> Iterator:
        """The quads matching the pattern (None: any), literals as written."""
        found = self.oxigraph.quads_for_pattern(subject, predicate, None if object is None else stored(object), graph_name)
        return (as_written_quad(q) for q in found)

    def __iter__(self) -> Iterator:
        return self.quads_for_pattern()

    def __len__(self) -> int:
        return len(self.oxigraph)

    def named_graphs(self) -> Iterator:
        return iter(self.oxigraph.named_graphs())

    def __contains__(self, quad) -> bool:
        return stored_quad(quad) in self.oxigraph

    def query(self, query: str, **options):
        """``pyoxigraph.Store.query`` over the stored forms, with every term of the answer as
        written: a boolean, solutions (``variables``, each solution indexed by position or
        variable, ``serialize`` as SPARQL JSON) or a list of triples."""
        import pyoxigraph as ox

        answer = self.oxigraph.query(query, **options)
        if isinstance(answer, ox.QueryBoolean):
            return answer
        if isinstance(answer, ox.QueryTriples):
            return [ox.Triple(t.subject, t.predicate, as_written(t.object)) for t in answer]
        return _Solutions(answer)

    def dump(self, output, format) -> None:
        """The stored forms as N-Quads (what a kept copy holds; :func:`open_graph` reads it back)."""
        self.oxigraph.dump(output, format=format)


class _Solutions:
    """The solutions of a SELECT query on a :class:`LiteralStore`, terms as written."""

    def __init__(self, solutions):
        self.variables = solutions.variables
        self._solutions = solutions

    def __iter__(self) -> Iterator:
        return (_Solution(s) for s in self._solutions)

    def serialize(self, format=None) -> bytes:
        """The solutions in the SPARQL Query Results JSON format (the only one asked for)."""
        import json

        import pyoxigraph as ox

        from .terms import term_json

        if format not in (None, ox.QueryResultsFormat.JSON):
            raise ValueError(f"solutions of a LiteralStore are written as SPARQL JSON, not {format}")
        names = [v.value for v in self.variables]
        rows = [{name: term_json(solution[i]) for i, name in enumerate(names) if solution[i] is not None}
                for solution in self]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}).encode("utf-8")


class _Solution:
    def __init__(self, solution):
        self._solution = solution

    def __getitem__(self, key):
        term = self._solution[key]
        return None if term is None else as_written(term)

    def __iter__(self) -> Iterator:
        """The terms in the order of the variables (None where unbound), as written."""
        return (None if term is None else as_written(term) for term in self._solution)


def _canonicalised_lines(data: bytes) -> bytes | None:
    """The lines of N-Triples/N-Quads ``data`` that may hold a literal of a :data:`CANONICALISED`
    datatype, or None when a datatype IRI escapes characters (``\\u``), which could spell such a
    datatype some other way. The datatypes are found by ``bytes.find`` of ``^^<`` and the XSD
    namespace, then the name up to ``>`` (0.06 s for 200 MB, a regular expression of the names
    0.11 s: benchmarks/code-choices.md)."""
    import re

    if re.search(rb"\^\^<[^>\n]*\\[uU]", data):
        return None  # a datatype IRI with an escape
    prefix = b"^^<" + XSD.encode()
    longest = max(map(len, _CANONICALISED_NAMES))
    out = []
    last_end = -1
    find = data.find
    at = find(prefix)
    while at != -1:
        name_start = at + len(prefix)
        name_end = find(b">", name_start, name_start + longest + 1)
        if name_end != -1 and at >= last_end and data[name_start:name_end] in _CANONICALISED_NAMES:
            start = data.rfind(b"\n", 0, at) + 1
            end = find(b"\n", name_end)
            last_end = len(data) if end == -1 else end
            out.append(data[start:last_end])
        at = find(prefix, name_start)
    return b"\n".join(out)


#: The local names of the :data:`CANONICALISED` datatypes in the XSD namespace.
_CANONICALISED_NAMES = frozenset(d[len(XSD):].encode() for d in CANONICALISED)


def _may_hold_canonicalised(path: Path) -> bool:
    import re

    with path.open("rb") as handle:
        data = handle.read()
    if any(marker in data for marker in _MARKERS):
        return True
    # Turtle's bare numbers and booleans (7, 1.0, 1e3, true) are typed literals too
    return path.suffix.lower() in (".ttl", ".trig", ".n3") and re.search(
        rb"[\s,;(\[](?:[+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?|true|false)[\s,;.)\]]", data
    ) is not None


def load_fast(store: "pyoxigraph.Store", path: Path | str, *, preserve_literals: bool = False) -> None:
    """Parse one RDF file into the default graph, with errors naming the file and line.

    Dataset files (TriG, N-Quads, JSON-LD): the union of their graphs, as
    :func:`imvo_graph.rdf.loading.load_rdflib` merges them for pySHACL.

    ``preserve_literals``: keep the literals Oxigraph would canonicalise as written (see
    :data:`CANONICALISED`). N-Triples are loaded by Oxigraph and only the lines that can hold
    such a literal (found by a scan of the bytes) are parsed again and put back as written;
    other files that may hold one are parsed once and added with those literals preserved.
    """
    import pyoxigraph as ox

    from ..limits import may_hold_rdf12

    path = Path(path)
    check_readable(path)
    fmt = rdf_format(path)
    base_iri = path.resolve().as_uri()
    try:
        if fmt == ox.RdfFormat.N_TRIPLES and _is_empty(store):
            _load_ntriples_while_scanning(store, path, base_iri, preserve_literals)
            return
        if may_hold_rdf12(path):
            read_quads(path)  # refuses RDF 1.2 triple terms and base directions, which the store would keep
        _load_fast(store, path, fmt, base_iri, preserve_literals)
    except MemoryError as exc:  # a term longer than Oxigraph's parsers take: rdflib reads it
        keep = stored if preserve_literals else (lambda o: o)
        dg = ox.DefaultGraph()
        store.extend(ox.Quad(q.subject, q.predicate, keep(q.object), dg) for q in read_long_terms(path, exc))


def _load_fast(store, path: Path, fmt, base_iri: str, preserve_literals: bool) -> None:
    import pyoxigraph as ox

    if fmt.supports_datasets:
        _load_parsed(store, path, fmt, base_iri, preserve_literals)
        return
    if not preserve_literals:
        _load_native(store, path, fmt, base_iri)
        return
    if fmt == ox.RdfFormat.N_TRIPLES:
        # One strict load by Oxigraph (transactional: nothing added on a syntax error), then the
        # few lines whose literals it canonicalised put back as written. (A lenient load, which
        # skips the IRI checks, beside a strict parse in a second thread took 1.5-1.65x the time
        # of one strict load at 1M triples on two shared cores.)
        affected = _canonicalised_triples(path, base_iri)
        if affected is not None:
            put_back = _PutBack(affected)
            _load_native(store, path, fmt, base_iri)
            put_back.apply(store)
            return
    if _may_hold_canonicalised(path):
        _load_parsed(store, path, fmt, base_iri, preserve_literals)
    else:
        _load_native(store, path, fmt, base_iri)


def _is_empty(store: "pyoxigraph.Store") -> bool:
    return next(iter(store), None) is None


def _load_ntriples_while_scanning(store: "pyoxigraph.Store", path: Path, base_iri: str, preserve_literals: bool) -> None:
    """An N-Triples file into an empty store, as :func:`_load_fast` with the RDF 1.2 check
    before it would, but Oxigraph's strict load (which releases the GIL) runs in a thread while
    this one scans the file's bytes: for the RDF 1.2 markers and for the lines whose literals
    Oxigraph canonicalises. The two scans took a fifth of the time of the load at 1M triples,
    now hidden behind it on a second core (benchmarks/code-choices.md). The errors are the same
    and in the same order (an RDF 1.2 statement, then a syntax error); the store is left empty
    when one is raised, and loaded again from parsed statements when the canonicalised lines
    cannot be put back after the load (see :func:`_canonicalised_triples`)."""
    import threading

    import pyoxigraph as ox

    fmt = ox.RdfFormat.N_TRIPLES
    failure: list[BaseException] = []

    def load() -> None:
        try:
            _load_native(store, path, fmt, base_iri)
        except BaseException as exc:  # raised in the calling thread, below
            failure.append(exc)

    thread = threading.Thread(target=load, name=f"loading {path.name}", daemon=True)
    thread.start()
    try:
        rdf12, affected = _scan_ntriples(path, base_iri, preserve_literals)
        put_back = None if affected is None else _PutBack(affected)  # (made while the load runs)
    finally:
        thread.join()
    try:
        if rdf12:
            read_quads(path)  # refuses RDF 1.2 triple terms and base directions, which the store would keep
        if failure:
            raise failure[0]
        if put_back is None:
            if _may_hold_canonicalised(path):
                store.clear()
                _load_parsed(store, path, fmt, base_iri, preserve_literals)
        else:
            put_back.apply(store)
    except BaseException:
        store.clear()
        raise


class _PutBack:
    """Replaces the canonicalised form of each triple (IRI subject, literal object) in a store's
    default graph by its preserved form (:func:`imvo_graph.rdf.literals.stored`). Made before the
    load ends (the text of the preserved triples is Python's work: 0.03-0.04 s for the 12,672 such
    triples at 1M triples); :meth:`apply` after it: a removal per triple (0.02 s for those, a
    ``DELETE DATA`` of them all 0.05-0.06 s) and one load of the preserved text (much faster than
    a call per quad)."""

    def __init__(self, triples: list):
        self.triples = triples
        # "07"^^<xsd:positiveInteger> -> "07"^^<urn:imvo-graph:datatype:xsd:positiveInteger>: the
        # datatype is the last IRI of the line, after the literal's closing quote
        written = (f"{q.subject} {q.predicate} {q.object} ." for q in triples)
        self.preserved = "\n".join(f"{line[:line.rindex('^^<') + 3]}{PRIVATE_DATATYPE}{line[line.rindex('^^<') + 3:]}"
                                   for line in written).encode()

    def apply(self, store) -> None:
        import pyoxigraph as ox

        if not self.triples:
            return
        for quad in self.triples:  # (the store matches the literal by its canonical form)
            store.remove(quad)
        store.load(self.preserved, format=ox.RdfFormat.N_TRIPLES)


#: The bytes read at a time by the scan for canonicalised literals.
SCAN_BLOCK = 1 << 23


def _line_blocks(path: Path) -> Iterator[bytes]:
    """The bytes of ``path`` in blocks of whole lines (:data:`SCAN_BLOCK` bytes and the rest of the
    line they end in; the last block may lack a final line break): the file is not held in memory."""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(SCAN_BLOCK), b""):
            if not block.endswith(b"\n"):
                block += handle.readline()  # (the rest of the line: one copy of the block)
            yield block


def _scan_ntriples(path: Path, base_iri: str, preserve_literals: bool) -> tuple[bool, list | None]:
    """The two scans of an N-Triples file done beside its load, in one read of the file (each
    read of the 1M-triple file costs 0.12 s of CPU): whether it may hold RDF 1.2
    (:func:`imvo_graph.limits.may_hold_rdf12`), and with ``preserve_literals`` its triples whose
    object Oxigraph would canonicalise (:func:`_canonicalised_triples`; else ``[]``)."""
    from ..limits import may_hold_rdf12, rdf12_markers

    markers = rdf12_markers(path)
    rdf12 = False
    found: list | None = [] if preserve_literals else None
    try:
        for block in _line_blocks(path):
            if not rdf12 and any(marker in block for marker in markers):
                rdf12 = True
            if found is not None:
                block_lines = _canonicalised_lines(block)
                if block_lines is None:  # cannot be put back: the rest is not scanned for it
                    return rdf12 or may_hold_rdf12(path), None
                if block_lines:
                    found.append(block_lines)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return rdf12, [] if found is None else _canonicalised_of(found, base_iri)


def _canonicalised_triples(path: Path, base_iri: str) -> list | None:
    """The triples of an N-Triples file whose object Oxigraph would canonicalise, or None when
    they cannot be put back after loading (blank node subjects: a second parse names them
    differently; IRIs with escapes; a syntax error, to be reported by the full parse)."""
    found = []
    for block in _line_blocks(path):
        block_lines = _canonicalised_lines(block)
        if block_lines is None:
            return None
        if block_lines:
            found.append(block_lines)
    return _canonicalised_of(found, base_iri)


def _canonicalised_of(found: list, base_iri: str) -> list | None:
    """The triples of the lines ``found`` by :func:`_canonicalised_lines` whose object Oxigraph
    would canonicalise, or None when they cannot be put back (see :func:`_canonicalised_triples`)."""
    import pyoxigraph as ox

    lines = b"\n".join(found)
    if not lines:
        return []
    try:
        quads = [
            q for q in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES, base_iri=base_iri)
            if type(q.object) is ox.Literal and q.object.datatype.value in CANONICALISED
        ]
    except SyntaxError:
        return None
    if any(type(q.subject) is not ox.NamedNode for q in quads):
        return None
    return quads


def _load_native(store, path: Path, fmt, base_iri: str) -> None:
    """``Store.load`` (transactional: nothing is added when the file has a syntax error)."""
    try:
        store.load(path=str(path), format=fmt, base_iri=base_iri)
    except SyntaxError as exc:
        raise RdfSyntaxError(path, _syntax_message(exc), exc.lineno, exc.offset) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read as {fmt}: {exc}") from None


def _load_parsed(store, path: Path, fmt, base_iri: str, preserve_literals: bool) -> None:
    """Every statement of the file, parsed once, into the default graph (one transaction:
    nothing is added when the file has a syntax error), literals preserved if asked."""
    import pyoxigraph as ox

    dg = ox.DefaultGraph()
    keep = stored if preserve_literals else (lambda o: o)
    quads = ox.parse(path=str(path), format=fmt, base_iri=base_iri)
    statements: Iterable
    if fmt.supports_datasets:  # every graph's statements into the default graph
        statements = (ox.Quad(q.subject, q.predicate, keep(q.object), dg) for q in quads)
    elif preserve_literals:
        # (triples: in the default graph already) only the statements whose literal the store
        # would rewrite are made again, in stored form: half the time of a new Quad for each
        literal, canonicalised = ox.Literal, CANONICALISED
        statements = (q if type(o := q.object) is not literal or o.datatype.value not in canonicalised
                      else ox.Quad(q.subject, q.predicate, stored(o), dg) for q in quads)
    else:
        statements = quads
    try:
        store.extend(statements)
    except SyntaxError as exc:
        raise RdfSyntaxError(path, _syntax_message(exc), exc.lineno, exc.offset) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read as {fmt}: {exc}") from None


#: Bumped when what a store holds for the same files changes (2: dataset files are merged into
#: the default graph; literals of blank nodes preserved; 4: the prepared graph as N-Quads, not
#: an on-disk Oxigraph store).
STORE_LAYOUT = 4


def _fingerprint(files: Iterable[Path], depends_on: Iterable[Path], extra: dict) -> str:
    """What a store was built from: every input by content (not size or time), and the tool."""
    import pyoxigraph as ox

    from .. import __version__

    def described(paths):
        return [[str(Path(f).resolve()), file_digest(f)] for f in paths]

    return json.dumps(
        {
            "files": described(files),
            "depends_on": described(depends_on),
            "tool": {"imvo-graph": __version__, "pyoxigraph": ox.__version__, "layout": STORE_LAYOUT},
            **extra,
        },
        sort_keys=True,
    )


#: What a --store directory holds: the prepared graph (loaded and inferred) as N-Quads, and what
#: it was built from. Reusing it is a bulk parse into an in-memory store: faster than loading the
#: files again (no literal rewriting in Python) and than inferring again. An on-disk RocksDB
#: store was slower than no store at all (every SPARQL query of the validation reads from disk).
GRAPH_FILE = "graph.nq"
META_FILE = "meta.json"


def _store_directory(store_dir: Path | str) -> Path:
    """``store_dir``, created if needed; InputError when it cannot be used."""
    directory = Path(store_dir)
    if directory.exists() and not directory.is_dir():
        raise InputError(f"store={str(directory)!r}: not a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"store={str(directory)!r}: cannot create the directory ({exc.strerror or exc})") from None
    return directory


@overload
def open_graph(files: list[Path], store_dir: Path | str | None = None, *, inference: str = "none",
               prepare: Callable | None = None, progress: Callable | None = None, preserve_literals: Literal[False] = False,
               depends_on: Iterable[Path] = (), counted: Iterable[int] | None = None,
               count_in_background: bool = False) -> tuple["pyoxigraph.Store", bool, list]: ...
@overload
def open_graph(files: list[Path], store_dir: Path | str | None = None, *, inference: str = "none",
               prepare: Callable | None = None, progress: Callable | None = None, preserve_literals: Literal[True],
               depends_on: Iterable[Path] = (), counted: Iterable[int] | None = None,
               count_in_background: bool = False) -> tuple[LiteralStore, bool, list]: ...


def open_graph(
    files: list[Path],
    store_dir: Path | str | None = None,
    *,
    inference: str = "none",
    prepare: Callable | None = None,
    progress: Callable | None = None,
    preserve_literals: bool = False,
    depends_on: Iterable[Path] = (),
    counted: Iterable[int] | None = None,
    count_in_background: bool = False,
) -> tuple["pyoxigraph.Store | LiteralStore", bool, list]:
    """An in-memory store with ``files`` in its default graph, whether it was reused from
    ``store_dir``, and the number of triples in the store after each file was loaded (before
    ``prepare``); with ``counted``, only after the files of those positions (None for the
    others: counting a large in-memory store takes ~0.1 s). ``preserve_literals``: the store is
    a :class:`LiteralStore`, every literal as written. ``count_in_background``: each counted
    entry is a :class:`concurrent.futures.Future` of the number instead, counted in a thread
    while the caller goes on (an in-memory store built here: see :func:`_count_later`; else done
    already).

    ``prepare(store)`` runs after loading (e.g. inference) on the Oxigraph store itself, and is
    part of what ``store_dir`` keeps (the prepared graph as N-Quads). It is reused only when every
    file of ``files`` and ``depends_on`` (e.g. the shapes) has the same content (SHA-256) as when
    it was built, with the same inference, options and version of the tool; otherwise it is
    built again.
    """
    store, reused, counts = _open_graph(files, store_dir, inference, prepare, progress, preserve_literals,
                                        depends_on, counted, count_in_background)
    if count_in_background:  # (counted already when kept or read back)
        counts = [_done(n) if isinstance(n, int) else n for n in counts]
    return (LiteralStore(store) if preserve_literals else store), reused, counts


def _open_graph(files, store_dir, inference, prepare, progress, preserve_literals, depends_on, counted, in_background):
    import pyoxigraph as ox

    counted = list(range(len(files))) if counted is None else list(counted)
    depends_on = [Path(f) for f in depends_on]
    for f in list(files) + depends_on:
        check_readable(Path(f))
    if store_dir is None:
        store = ox.Store()
        counts = _load_all(store, files, progress, preserve_literals, counted, in_background)
        if prepare:
            prepare(store)
        return store, False, counts
    created = not Path(store_dir).exists()
    directory = _store_directory(store_dir)
    try:
        return _fill_directory_store(directory, files, depends_on, inference, prepare, progress, preserve_literals, counted)
    except BaseException:
        if created:  # a store folder this run made: not left behind, empty or half-built
            import shutil

            shutil.rmtree(directory, ignore_errors=True)
        raise


def _fill_directory_store(directory: Path, files, depends_on, inference, prepare, progress, preserve_literals, counted):
    import pyoxigraph as ox

    fingerprint = _fingerprint(files, depends_on, {"inference": inference, "preserve": preserve_literals})
    graph_file, meta_file = directory / GRAPH_FILE, directory / META_FILE
    try:
        kept = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else None
    except (OSError, ValueError):
        kept = None
    if isinstance(kept, dict) and graph_file.is_file():
        counts = kept.pop("counts", [])
        if json.dumps(kept, sort_keys=True) == fingerprint and all(
                i < len(counts) and counts[i] is not None for i in counted):
            store = ox.Store()
            try:
                store.bulk_load(path=str(graph_file), format=ox.RdfFormat.N_QUADS)
                return store, True, counts
            except (OSError, SyntaxError, ValueError):
                pass  # a damaged cache: built again below
    store = ox.Store()
    counts = _load_all(store, files, progress, preserve_literals, counted)
    if prepare:
        prepare(store)
    record = json.dumps({**json.loads(fingerprint), "counts": counts}, sort_keys=True)
    try:
        meta_file.unlink(missing_ok=True)  # the old description goes first: never a stale pair
        partial = directory / (GRAPH_FILE + ".partial")
        store.dump(str(partial), format=ox.RdfFormat.N_QUADS)
        os.replace(partial, graph_file)
        partial_meta = directory / (META_FILE + ".partial")
        partial_meta.write_text(record, encoding="utf-8")
        os.replace(partial_meta, meta_file)
    except OSError as exc:
        raise InputError(f"store={str(directory)!r}: cannot write the store's files there ({exc.strerror or exc})") from None
    return store, False, counts


def _load_all(store, files, progress, preserve_literals=False, counted=None, in_background=False) -> list:
    counted = set(range(len(files)) if counted is None else counted)
    counts: list = []
    for i, f in enumerate(files):
        if progress:
            progress(i, len(files))
        load_fast(store, f, preserve_literals=preserve_literals)
        counts.append(None if i not in counted else _count_later(store) if in_background else len(store))
    if progress:
        progress(len(files), len(files))
    return counts


def _count_later(store: "pyoxigraph.Store") -> "Future[int]":
    """The number of triples in ``store`` (its default graph only: no named graph yet) as it is
    now, counted in a thread while this one goes on: a SPARQL COUNT over the snapshot of the
    store that the query takes when it is made, before this returns (later changes are not
    counted). Oxigraph evaluates the query without Python's GIL; ``len(store)`` holds it (0.17 s
    at 1M triples, benchmarks/code-choices.md). The query is made in the thread that reads it
    (pyoxigraph's solutions stay in their thread)."""
    import threading
    from concurrent.futures import Future

    future: Future = Future()
    snapshot_taken = threading.Event()

    def count() -> None:
        try:
            # Oxigraph computes an aggregate when the query is made (0.16 s at 1M triples, the
            # caller waiting), but a union's branches when they are read: the empty group's
            # solution first, then the count, over the snapshot taken when the query was made
            solutions = cast("pyoxigraph.QuerySolutions",
                             store.query("SELECT ?n WHERE { {} UNION { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } } }"))
            snapshot_taken.set()
            future.set_result(next(int(s[0].value) for s in solutions if s[0] is not None))
        except BaseException as exc:  # (given to the caller by future.result())
            future.set_exception(exc)
        finally:
            snapshot_taken.set()

    threading.Thread(target=count, name="counting triples", daemon=True).start()
    snapshot_taken.wait()
    return future


def _done(n: int) -> "Future[int]":
    from concurrent.futures import Future

    future: Future = Future()
    future.set_result(n)
    return future
