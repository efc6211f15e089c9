"""Running a query on a remote SPARQL 1.1 endpoint with SPARQLWrapper.

Every way the endpoint can fail (refused, timed out, HTTP error, an answer that is not SPARQL
JSON results) becomes an :class:`~imvo_graph.errors.EndpointError` that names the endpoint
(exit code 3). The answer is read with pyoxigraph's W3C results parser, so its terms are the
same objects a local run gives.
"""

from __future__ import annotations

import socket
import urllib.parse
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import EndpointError, InputError
from ..options import check_timeout
from .results import QueryResult

if TYPE_CHECKING:  # pragma: no cover
    from SPARQLWrapper import SPARQLWrapper

DEFAULT_TIMEOUT = 30.0
USER_AGENT = f"imvo-graph/{__version__}"


def check_endpoint_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL; InputError otherwise (naming the URL with its
    password, if any, replaced by ***)."""
    from ..credentials import redact

    try:
        parts = urllib.parse.urlsplit(url or "")
        parts.port  # noqa: B018 - a bad port raises ValueError
    except ValueError:
        raise InputError(f"{redact(url)!r} is not a valid endpoint URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{redact(url or '')!r} is not an http:// or https:// endpoint URL")
    return url


def check_graph_iri(graph: str) -> str:
    """``graph`` if it is an absolute IRI (the check ``publish`` and ``query --graph`` share);
    InputError (exit 2) otherwise, before anything is sent."""
    from .terms import TermError, to_term

    try:
        to_term(graph, "iri")
    except TermError:
        raise InputError(f"graph={graph!r}: not an absolute IRI for the graph") from None
    return graph


def run_remote(
    text: str,
    form: str,
    endpoint: str,
    *,
    graph: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    variables: list[str] | None = None,
) -> QueryResult:
    """Send ``text`` (a SELECT or ASK query, parameters already bound) to ``endpoint``.

    ``graph``, if given, is sent as the protocol's ``default-graph-uri``: the query then reads
    that named graph as its default graph (for a graph uploaded with ``publish``).
    ``variables``, if given (the variables the query projects, known from the local parse):
    an answer with other columns is an EndpointError; the columns come in this order.
    InputError (exit 2) for a bad endpoint URL, graph IRI or timeout, before anything is sent.
    """
    from ..credentials import parse_endpoint

    check_endpoint_url(endpoint)
    timeout = check_timeout(timeout)
    if graph is not None:
        check_graph_iri(graph)
    target = parse_endpoint(endpoint)

    def fail(reason: str) -> EndpointError:
        return EndpointError(target.scrub(f"SPARQL endpoint {target.shown}: {reason}"))

    content_type, raw = _send(_request(target, text, form, timeout, graph), timeout, fail)
    if content_type and "json" not in content_type.lower():
        raise fail(f"the answer is {content_type.split(';')[0]}, not SPARQL JSON results")
    return _answer(raw, form, text, target.shown, variables, fail)


def _request(target, text: str, form: str, timeout: float, graph: str | None):
    """The SPARQLWrapper request: POST, SPARQL JSON results, the credentials, the graph."""
    from SPARQLWrapper import JSON, POST

    wrapper = _wrapper_type()(target.url, returnFormat=JSON, agent=USER_AGENT)
    for name, value in target.authorization().items():  # HTTP Basic, also with an empty password
        wrapper.addCustomHttpHeader(name, value)
    wrapper.setMethod(POST)
    wrapper.setQuery(text)
    wrapper.queryType = form  # known from the local parse; never guessed from the text
    wrapper.timeout = timeout  # type: ignore[assignment]  # (SPARQLWrapper says int; urlopen takes the float) setTimeout() would round it down to whole seconds
    if graph:
        wrapper.addDefaultGraph(graph)
    return wrapper


def _send(wrapper, timeout: float, fail) -> tuple[str, bytes]:
    """``(Content-Type, body)`` of the endpoint's answer; ``fail(reason)`` raised for an HTTP
    error, a connection that failed or timed out."""
    import urllib.error

    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    try:
        response = wrapper.query().response
        content_type = response.headers.get("Content-Type", "") if hasattr(response, "headers") else ""
        return content_type, response.read()
    except SPARQLWrapperException as exc:
        status = {
            "QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
            "URITooLong": 414, "EndPointInternalError": 500,
        }.get(type(exc).__name__)
        label = f"HTTP error {status}" if status else "HTTP error"
        raise fail(label + _excerpt(exc)) from None
    except urllib.error.HTTPError as exc:
        raise fail(f"HTTP error {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise fail(connection_reason(exc.reason, timeout)) from None
    except (TimeoutError, socket.timeout) as exc:
        raise fail(connection_reason(exc, timeout)) from None
    except OSError as exc:  # connection reset, remote disconnected, ...
        raise fail(connection_reason(exc, timeout)) from None
    except Exception as exc:  # http.client.HTTPException and anything else from the transport
        raise fail(f"the connection failed ({type(exc).__name__}: {exc})") from None


def _answer(raw: bytes, form: str, text: str, source: str, variables: list[str] | None, fail) -> QueryResult:
    """The result of SPARQL JSON results ``raw``; ``fail(reason)`` raised for an answer that is
    not valid, not of the query's form, or (given ``variables``) not of its columns."""
    import pyoxigraph as ox

    try:
        parsed = ox.parse_query_results(raw, ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            if form != "ASK":
                raise ValueError("a boolean answer to a SELECT query")
            return QueryResult(boolean=bool(parsed), query=text, source=source)
        if form == "ASK":
            raise ValueError("rows in answer to an ASK query")
        answered = [v.value for v in parsed.variables]
        terms = [tuple(solution[i] for i in range(len(answered))) for solution in parsed]
    except (SyntaxError, ValueError, OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "msg", None) or str(exc)
        raise fail(f"the answer is not valid SPARQL JSON results ({reason.splitlines()[0][:200]})") from None
    if variables is None:
        return QueryResult(variables=answered, terms=terms, query=text, source=source)
    if sorted(answered) != sorted(variables) or len(set(answered)) != len(answered):
        raise fail(
            f"the answer's columns ({_names(answered)}) are not the ones the query selects "
            f"({_names(variables)})"
        )
    order = [answered.index(name) for name in variables]  # the query's column order
    terms = [tuple(row[i] for i in order) for row in terms]
    return QueryResult(variables=list(variables), terms=terms, query=text, source=source)


def _wrapper_type() -> "type[SPARQLWrapper]":
    """SPARQLWrapper, with the ``Authorization`` header kept from redirects: urllib copies a
    request's headers to wherever a redirect points, another host perhaps. Its
    ``_createRequest`` is the one place it builds the request."""
    from SPARQLWrapper import SPARQLWrapper

    from ..credentials import unredirected

    class Wrapper(SPARQLWrapper):
        def _createRequest(self):
            return unredirected(super()._createRequest())

    return Wrapper


def _names(variables: list[str]) -> str:
    return ", ".join(f"?{v}" for v in variables) if variables else "none"


def _excerpt(exc) -> str:
    """The first line of the body of an HTTP error, if any, for the message."""
    text = str(exc)
    marker = "Response:\n"
    if marker in text:
        body = text.split(marker, 1)[1].strip()
        if body.startswith(("b'", 'b"')):
            try:
                import ast

                body = ast.literal_eval(body).decode("utf-8", "replace")
            except (ValueError, SyntaxError):
                pass
        first = " ".join(body.split())[:300]
        return f": {first}" if first else ""
    return ""


def connection_reason(reason, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(reason, socket.gaierror):
        return f"unknown host ({reason.strerror or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"the connection failed ({reason.strerror})"
    return f"the connection failed ({reason})"
