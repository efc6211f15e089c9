"""Reading RDF files into an Oxigraph store, with errors that name the file and line.

Oxigraph (pyoxigraph) is the store under the whole API: it parses an order of magnitude faster
than rdflib and answers SPARQL 50-75x faster at scale. :func:`to_rdflib` gives an rdflib graph
for the libraries that need one (pySHACL, owlrl). The shipped files are loaded by
:func:`imvo_graph.resources.load_shipped`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, RdfSyntaxError

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from .store import LiteralStore

#: File suffixes we read, and the Oxigraph format name for each.
RDF_SUFFIXES = {
    ".ttl": "TURTLE",
    ".nt": "N_TRIPLES",
    ".nq": "N_QUADS",
    ".trig": "TRIG",
    ".rdf": "RDF_XML",
    ".owl": "RDF_XML",
    ".xml": "RDF_XML",
    ".jsonld": "JSON_LD",
    ".n3": "N3",
}

def rdf_format(path: Path):
    """The pyoxigraph RdfFormat for a file, from its suffix."""
    import pyoxigraph as ox

    name = RDF_SUFFIXES.get(path.suffix.lower())
    if name is None:
        known = ", ".join(sorted(RDF_SUFFIXES))
        raise InputError(f"{path}: unknown kind of RDF file (suffix {path.suffix or 'none'}); expected one of {known}")
    return getattr(ox.RdfFormat, name)


def check_readable(path: Path) -> None:
    """Raise InputError naming the file if it cannot be read as a file: missing, a folder, not
    a regular file (a FIFO or a device), unreadable, or past a limit of :mod:`imvo_graph.limits`
    (checked before any parser sees the file)."""
    from ..limits import check_input_file, check_regular_file

    check_regular_file(path)
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    name = RDF_SUFFIXES.get(path.suffix.lower())
    if name is not None:
        check_input_file(path, name)


def file_digest(path: Path | str) -> str:
    """The SHA-256 of a file's bytes (read in chunks)."""
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return digest.hexdigest()


def read_quads(path: Path | str, graph=None) -> list:
    """The statements of one RDF file exactly as written, as pyoxigraph quads.

    Triples go into ``graph`` (default: the default graph); quads of a dataset format keep
    their graph. Raises RdfSyntaxError (file, line, column) on a syntax error or invalid bytes,
    InputError on a missing, unreadable or unknown file, or one past a limit
    (:mod:`imvo_graph.limits`: RDF 1.2 triple terms and base directions are refused).
    """
    import pyoxigraph as ox

    from ..limits import check_statements

    path = Path(path)
    check_readable(path)
    fmt = rdf_format(path)
    from_oxigraph = True
    try:
        quads = list(ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise RdfSyntaxError(path, _syntax_message(exc), exc.lineno, exc.offset) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read as {fmt}: {exc}") from None
    except MemoryError as exc:
        quads, from_oxigraph = read_long_terms(path, exc), False
    check_statements(path, quads)
    # (Oxigraph's parser gives the statements of a format without graphs in the default graph)
    if graph is None and (fmt.supports_datasets or from_oxigraph):
        return quads
    target = ox.DefaultGraph() if graph is None else graph
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]


#: The formats rdflib reads again when a term is longer than Oxigraph's parsers take.
_LONG_TERM_FORMATS = {".nt": "turtle", ".nq": "trig", ".ttl": "turtle", ".trig": "trig"}  # N-Triples ⊂ Turtle, N-Quads ⊂ TriG: rdflib reads long lines of the first slowly


def read_long_terms(path: Path, exc: MemoryError) -> list:
    """The quads of a file holding a term longer than Oxigraph's parsers take (16 MiB), parsed
    by rdflib (N-Triples, N-Quads, Turtle, TriG), each literal at most
    :func:`imvo_graph.limits.max_literal_bytes` long. Re-raises ``exc`` if it is another
    MemoryError; InputError for other formats or a longer literal."""
    import pyoxigraph as ox
    import rdflib

    from ..limits import MAX_LITERAL_ENV, OXIGRAPH_TOKEN_LIMIT, max_literal_bytes, too_long_for_oxigraph
    from .convert import oxigraph_term_converter

    if not too_long_for_oxigraph(exc):
        raise exc
    mib = OXIGRAPH_TOKEN_LIMIT // (1024 * 1024)
    rdflib_format = _LONG_TERM_FORMATS.get(path.suffix.lower())
    if rdflib_format is None:
        raise InputError(
            f"{path}: holds a literal or IRI longer than {mib} MiB, the limit of the reader of this format; "
            "longer literals are read from N-Triples, N-Quads, Turtle or TriG"
        ) from None
    limit = max_literal_bytes()
    dataset = rdflib.Dataset()
    try:
        dataset.parse(str(path), format=rdflib_format, publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib's parsers raise many kinds of errors
        raise RdfSyntaxError(path, str(error).strip().splitlines()[0] if str(error).strip() else "syntax error") from None
    convert = oxigraph_term_converter()
    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if isinstance(o, rdflib.Literal) and len(o) > limit:
            raise InputError(
                f"{path}: holds a literal longer than {limit // (1024 * 1024)} MiB "
                f"(the limit; raise it with the environment variable {MAX_LITERAL_ENV})"
            )
        default = g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID
        graph_name = ox.DefaultGraph() if default else convert(g)
        quads.append(ox.Quad(convert(s), convert(p), convert(o), graph_name))
    return quads


def load_into(store: "pyoxigraph.Store | LiteralStore", path: Path | str) -> None:
    """Parse one RDF file into ``store``; nothing is added when parsing fails.

    Note that the Oxigraph store keeps typed literals by value, in canonical form:
    ``"7"^^xsd:positiveInteger`` comes back as ``"7"^^xsd:integer``, ``"1.50"`` as ``"1.5"``.
    That is right for querying; a :class:`imvo_graph.rdf.store.LiteralStore` keeps them as
    written, and :func:`read_quads` and :func:`load_rdflib` read them so.
    """
    store.extend(read_quads(path))


#: What a file whose JSON-LD @context is a URL gets (pyoxigraph says "no LoadDocumentCallback
#: has been set to load remote contexts"): contexts are never fetched from the network.
REMOTE_CONTEXT_MESSAGE = "remote JSON-LD @context is not loaded (no network access); embed the context in the file"


def _syntax_message(exc: SyntaxError) -> str:
    # pyoxigraph writes "Parser error between line 4 column 11 and ...: Unexpected end of file";
    # the file, line and column are reported separately, so keep only the reason.
    if "LoadDocumentCallback" in (exc.msg or str(exc)):
        return REMOTE_CONTEXT_MESSAGE
    message = re.sub(r"^Parser error (?:between|at) [^:]*:\s*", "", exc.msg or str(exc)).strip()
    return message[0].lower() + message[1:] if message else "syntax error"


def load_store(paths: Iterable[Path | str]) -> "pyoxigraph.Store":
    """A new in-memory Oxigraph store holding the triples of every file."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in paths:
        load_into(store, path)
    return store


def load_shipped_files(paths: Iterable[Path | str]) -> "pyoxigraph.Store":
    """A new in-memory Oxigraph store of the shipped files: like :func:`load_store`, but Oxigraph
    reads each file straight into the store, without a Python object per statement (the shipped
    graph in 20 ms instead of 67, which every cold ``query`` and ``show`` paid). For the
    project's own files only: the limits of :func:`read_quads` are not checked on this path (the
    tests read every shipped file with it). A file Oxigraph refuses is read again by
    :func:`load_into`, which reports it (file, line); ``Store.load`` is transactional, so the
    refused file left nothing behind."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in map(Path, paths):
        try:
            store.load(path=str(path), format=rdf_format(path), base_iri=path.resolve().as_uri())
        except (SyntaxError, OSError, ValueError, MemoryError):
            load_into(store, path)
    return store


def load_rdflib(paths: Iterable[Path | str]) -> "rdflib.Graph":
    """An rdflib graph of the files' triples exactly as written (parsed by pyoxigraph, no store)."""
    from .convert import rdflib_graph

    return rdflib_graph(q for path in paths for q in read_quads(path))


def to_rdflib(store: "pyoxigraph.Store", graph: "rdflib.Graph | None" = None) -> "rdflib.Graph":
    """Copy every triple of the store's default graph into an rdflib graph (a new one by default)."""
    import pyoxigraph as ox
    import rdflib

    from .convert import rdflib_term_converter

    target = rdflib.Graph() if graph is None else graph
    convert = rdflib_term_converter()
    target.addN(
        (convert(q.subject), convert(q.predicate), convert(q.object), target)
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    )
    return target
