"""Running stored and ad-hoc queries, on the shipped graph or on a remote endpoint."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import QueryError
from ..options import check_choice
from ..rdf.labels import LANGUAGES, Language
from .binding import BindingError, bind, query_form, undeclared_prefixes
from .catalogue import StoredQuery, get_query, load_query_file, parse_query
from .remote import DEFAULT_TIMEOUT, run_remote
from .results import QueryResult

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

    from ..rdf.store import LiteralStore

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


def run_query(
    query: str | StoredQuery,
    params: dict | None = None,
    *,
    lang: Language | None = "nl",
    endpoint: str | None = None,
    graph: str | None = None,
    timeout: float | None = None,
    store: "pyoxigraph.Store | LiteralStore | None" = None,
    queries_dir: Path | str | None = None,
    data=(),
) -> QueryResult:
    """Run a stored query by name (or a :class:`StoredQuery`) and return its result.

    ``params`` maps parameter names to values (text, numbers, dates or pyoxigraph terms); each
    is checked against its declared type and bound as an RDF term. ``lang`` fills the query's
    ``lang`` parameter (labels in that language). Without ``endpoint`` the query runs on
    ``store``, by default the shipped graph (ontology and data); with ``endpoint`` it runs on
    that SPARQL 1.1 endpoint, reading named graph ``graph`` as its default graph if given; an
    answer whose columns are not the ones the query selects is an EndpointError (exit 3), and
    ``timeout`` (seconds, more than 0; default 30 for an endpoint, none locally) and ``graph``
    (an absolute IRI) are checked first. A local query past ``timeout`` is stopped: QueryError.
    ``data``: RDF files loaded with the shipped graph (or ``store``) for this query only; a
    file that does not parse is an RdfSyntaxError naming the file and line (exit 2).

    SELECT and ASK give rows or a boolean; CONSTRUCT and DESCRIBE (locally only) give a graph,
    :attr:`QueryResult.triples`. The project's prefixes (``imvo:``, ``conv:``, ...) are
    declared for the query where it uses them without its own PREFIX line. UPDATE is refused.

    >>> result = run_query("covenant-status", lang="en")          # doctest: +SKIP
    >>> result.variables, result.rows[:2], result.to_dataframe()  # doctest: +SKIP
    """
    if lang is not None:
        check_choice("lang", lang, LANGUAGES, "language")
    stored = query if isinstance(query, StoredQuery) else get_query(query, queries_dir)
    form, text = prepare(stored, params, lang)
    if endpoint is None and uses_service(text):
        raise QueryError(
            f"{stored.source}: SERVICE is not run on the local graph (a local query never leaves this "
            "process); run the query on an endpoint (endpoint=URL)"
        )
    data = [Path(p) for p in data or ()]
    if endpoint is not None:
        if data:
            raise QueryError("data files are loaded into the local graph; a query on an endpoint reads the endpoint's")
        if form in GRAPH_FORMS:
            raise QueryError(f"{stored.source}: a {form} query runs on the local graph only, not on an endpoint")
        variables = projected_variables(text) if form == "SELECT" else None
        return run_remote(
            text, form, endpoint, graph=graph, timeout=DEFAULT_TIMEOUT if timeout is None else timeout, variables=variables
        )
    if data:
        from ..rdf.loading import load_into
        from ..resources import load_with_shipped

        if store is None:
            store = load_with_shipped(data)
        else:
            import pyoxigraph as ox

            from ..rdf.store import LiteralStore

            copy: "pyoxigraph.Store | LiteralStore" = LiteralStore() if isinstance(store, LiteralStore) else ox.Store()
            copy.extend(store)
            for path in data:
                load_into(copy, path)
            store = copy
    return run_local(text, store if store is not None else _SHIPPED.store(), source=stored.source, timeout=timeout)



def run_sparql(text: str, params: dict | None = None, **options) -> QueryResult:
    """Run SPARQL text (with an optional header declaring parameters) like a stored query."""
    return run_query(parse_query(text, name="query"), params, **options)


def run_file(path: Path | str, params: dict | None = None, **options) -> QueryResult:
    """Run the query in a ``.rq`` file (with an optional header) like a stored query."""
    return run_query(load_query_file(path), params, **options)


def prepare(stored: StoredQuery, params: dict | None = None, lang: str | None = None) -> tuple[str, str]:
    """Check the query, bind its parameters: ``(form, text to run)``. QueryError (exit 2) for
    a syntax error, an unsupported query form or a bad parameter."""
    form = check_syntax(with_prefixes(stored.text), stored.source)
    bindings = stored.bindings(params, lang)
    try:
        text = bind(with_prefixes(stored.text), bindings)
    except BindingError as exc:
        raise QueryError(f"{stored.source}: cannot bind the parameters: {exc}") from None
    if bindings:
        check_syntax(text, stored.source)
    return form, text


def with_prefixes(text: str) -> str:
    """``text`` with a PREFIX declaration for each of the project's prefixes
    (:data:`imvo_graph.rdf.namespaces.PREFIXES`) that it uses without declaring; a prefix the query
    declares itself keeps its own IRI. The declarations go at the start of the first line, so
    the line numbers of later messages still match the file."""
    from ..rdf.namespaces import PREFIXES

    try:
        missing = [p for p in undeclared_prefixes(text) if p in PREFIXES]
    except BindingError:  # an unterminated string: the syntax check reports it
        return text
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in missing) + text


def check_syntax(text: str, source: str = "query") -> str:
    """Parse ``text`` (on an empty store, without evaluating it) and return its form: SELECT,
    ASK, CONSTRUCT or DESCRIBE. QueryError with line and column for a syntax error, and for a
    SPARQL UPDATE (this tool reads the graph, it never changes it)."""
    import pyoxigraph as ox

    check_depth(text, source)
    try:
        result = ox.Store().query(_service_as_graph(text))
    except SyntaxError as exc:
        if is_update(text):
            raise QueryError(
                f"{source}: this is a SPARQL UPDATE; imvo-graph only reads the graph (SELECT, ASK, "
                "CONSTRUCT, DESCRIBE): UPDATE is refused"
            ) from None
        raise QueryError(f"{source}: {_syntax_message(exc, text)}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{source}: the query cannot be run: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    if isinstance(result, ox.QuerySolutions):
        return "SELECT"
    return "DESCRIBE" if query_form(text) == "DESCRIBE" else "CONSTRUCT"


def is_update(text: str) -> bool:
    """Whether ``text`` parses as a SPARQL 1.1 Update request (rdflib's parser: it only parses,
    unlike running it on a scratch store, which could LOAD from the network)."""
    try:
        from rdflib.plugins.sparql.parser import parseUpdate
    except ImportError:  # pragma: no cover - rdflib is a dependency
        return False
    try:
        parseUpdate(text)
    except Exception:  # pyparsing.ParseException and friends
        return False
    return True


def check_depth(text: str, source: str = "query") -> None:
    """QueryError for a query nested deeper than Oxigraph's parser can take without crashing
    the process (:data:`imvo_graph.limits.MAX_QUERY_DEPTH` brackets, braces and parentheses)."""
    from ..limits import MAX_QUERY_DEPTH, query_depth

    if query_depth(text) > MAX_QUERY_DEPTH:
        raise QueryError(f"{source}: the query nests brackets, braces or parentheses deeper than {MAX_QUERY_DEPTH} levels (the limit)")


def _service_words(text: str) -> list[tuple[str, int]]:
    """``(word, offset)`` of each SERVICE keyword and the SILENT after it (strings, IRIs and
    comments skipped)."""
    from .binding import tokens

    found: list[tuple[str, int]] = []
    after_service = False
    try:
        for kind, value, offset in tokens(text):
            word = value.upper() if kind == "word" else None
            if word == "SERVICE" or (after_service and word == "SILENT"):
                found.append((value, offset))
            after_service = word == "SERVICE"
    except BindingError:
        pass  # a string that does not end: the parser reports it
    return found


def uses_service(text: str) -> bool:
    """Whether a query holds a SERVICE clause (a request to another endpoint)."""
    return bool(_service_words(text))


def _service_as_graph(text: str) -> str:
    """The query with ``SERVICE [SILENT]`` written as ``GRAPH`` (same grammar, same line and
    column of every other token), so that the local syntax check, which evaluates the query on
    an empty store, never sends a request."""
    for value, offset in reversed(_service_words(text)):
        replacement = "GRAPH" if value.upper() == "SERVICE" else ""
        text = text[:offset] + replacement.ljust(len(value)) + text[offset + len(value):]
    return text


def projected_variables(text: str) -> list[str]:
    """The variables a (syntactically valid) SELECT query projects, in order, from a local parse
    (evaluated on an empty store: nothing is read)."""
    import pyoxigraph as ox

    result = ox.Store().query(_service_as_graph(text))
    return [v.value for v in result.variables] if isinstance(result, ox.QuerySolutions) else []


def _syntax_message(exc: SyntaxError, text: str) -> str:
    """Line, column and reason of a syntax error. Oxigraph's parser reports the furthest point
    it reached (often the end of the query); rdflib's, asked only when there is an error,
    names the first token it could not read, which is usually where the mistake is."""
    message = (exc.msg or str(exc)).strip()
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    where = ""
    if m:
        where = f"line {m.group(1)}, column {m.group(2)}: "
        message = m.group(3)
    message = " ".join(message.split())
    if message.startswith("expected one of") and len(message) > 120:
        message = "unexpected text here"
    first = _first_unreadable_token(text)
    if first is not None:
        line, column, found = first
        where = f"line {line}, column {column}: "
        message = f"unexpected {found}" if found else message
    hint = ""
    try:
        missing = undeclared_prefixes(text)
    except BindingError:
        missing = []
    if missing:
        hint = f" (prefix {missing[0]}: is not declared; add PREFIX {missing[0]}: <...>)"
    return f"{where}SPARQL syntax error: {message}{hint}"


def _first_unreadable_token(text: str):
    """``(line, column, token)`` where rdflib's SPARQL parser stops, or None if it parses."""
    try:
        from rdflib.plugins.sparql.parser import parseQuery
    except ImportError:  # pragma: no cover - rdflib is a dependency
        return None
    try:
        parseQuery(text)
    except Exception as exc:  # pyparsing.ParseException and friends
        line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
        if not line or not column:
            return None
        found = re.search(r"found (.+?)\s+\(at char", str(exc))
        token = found.group(1) if found else ""
        if token == "end of text":
            token = "end of query"
        return line, column, token
    return None


def run_local(text: str, store: "pyoxigraph.Store | LiteralStore", source: str = "query", timeout: float | None = None) -> QueryResult:
    """Evaluate a (bound) SELECT, ASK, CONSTRUCT or DESCRIBE query on a pyoxigraph store;
    with ``timeout`` (seconds), in a child process that is killed past it (QueryError)."""
    import pyoxigraph as ox

    check_depth(text, source)
    if uses_service(text):
        raise QueryError(f"{source}: SERVICE is not run on the local graph (a local query never leaves this process)")
    if timeout is not None:
        from ..options import check_timeout

        return _run_with_timeout(text, store, source, check_timeout(timeout))
    try:
        result = store.query(text)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(boolean=bool(result), query=text)
        if isinstance(result, (ox.QueryTriples, list)):  # (a LiteralStore's triples: a list)
            return QueryResult(triples=list(result), query=text)
        variables = [v.value for v in result.variables]
        # a solution unpacks to its terms in the order of the variables (None where unbound):
        # a third faster than indexing it once per variable (13,621 rows of `sources` at 1M)
        terms = [tuple(solution) for solution in result]
    except SyntaxError as exc:
        raise QueryError(f"{source}: {_syntax_message(exc, text)}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{source}: the query failed: {exc}") from None
    return QueryResult(variables=variables, terms=terms, query=text)


def shipped_store() -> "pyoxigraph.Store":
    """The shipped graph (ontology and data) in a new store, the caller's to change."""
    from ..resources import load_shipped

    return load_shipped()


class _ShippedGraph:
    """The shipped graph for the queries :func:`run_query` runs on it, read once and read again
    when a file changes. The store never leaves this module: a query only reads it (UPDATE is
    refused), and :func:`shipped_store` loads a store of its own, so no call can change what a later
    query sees."""

    def __init__(self) -> None:
        self._key: tuple = ()
        self._store: "pyoxigraph.Store | None" = None

    def store(self) -> "pyoxigraph.Store":
        from ..rdf.loading import load_shipped_files
        from ..resources import shipped_files

        files = shipped_files()
        key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
        if self._store is None or key != self._key:
            self._store, self._key = load_shipped_files(files), key
        return self._store


_SHIPPED = _ShippedGraph()


def _run_with_timeout(text: str, store, source: str, timeout: float) -> QueryResult:
    """Oxigraph cannot stop a query it runs in this process; a forked child runs it (on a
    copy-on-write view of the store) and sends the result back in the W3C formats (SPARQL JSON
    results, or N-Triples for a graph). Past ``timeout`` the child is killed. Needs fork()."""
    import os
    import select
    import signal
    import time

    import pyoxigraph as ox

    from ..lifetime import die_with_parent_hook

    if not hasattr(os, "fork"):
        raise QueryError(f"{source}: a time limit for a local query needs fork(), which this system lacks")
    read_end, write_end = os.pipe()
    parent, die_with_parent = os.getpid(), die_with_parent_hook()
    # A stop signal between fork() and the try below would leave the child running, holding
    # the command's standard output and error open: they stay blocked until the parent is
    # inside the try, whose finally kills the child.
    stops = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, stops)
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            for stop in stops:  # the parent's handlers are not the child's
                signal.signal(stop, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            devnull = os.open(os.devnull, os.O_RDWR)  # the command's streams are not the child's
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            if die_with_parent is not None:
                die_with_parent()  # a parent killed with SIGKILL leaves no query running
            if os.getppid() != parent:  # it died before that
                os._exit(1)
            os.close(read_end)
            result = store.query(text)
            if isinstance(result, (ox.QueryTriples, list)):
                body = b"G" + (ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b"")
            else:
                body = b"R" + result.serialize(format=ox.QueryResultsFormat.JSON)
        except BaseException as exc:  # reported to the parent
            body, code = b"E" + (getattr(exc, "msg", None) or str(exc)).encode("utf-8", "replace"), 1
        try:
            view = memoryview(body)
            while view:
                view = view[os.write(write_end, view):]
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + timeout
    answered = False
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a stop signal now ends in the finally
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                raise QueryError(f"{source}: the query ran longer than {timeout:g} s (the time limit, timeout={timeout:g}) and was stopped")
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        answered = True
    finally:
        os.close(read_end)
        if not answered:  # past the limit, or interrupted (Ctrl-C, SIGTERM): the query stops too
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(pid, 0)
    body = b"".join(chunks)
    kind, payload = body[:1], body[1:]
    if kind == b"G":
        return QueryResult(triples=[q.triple for q in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)], query=text)
    if kind != b"R":
        message = payload.decode("utf-8", "replace") or "the query process ended without an answer"
        raise QueryError(f"{source}: the query failed: {message}")
    parsed = ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult(boolean=bool(parsed), query=text)
    variables = [v.value for v in parsed.variables]
    return QueryResult(variables=variables, terms=[tuple(s[i] for i in range(len(variables))) for s in parsed], query=text)
