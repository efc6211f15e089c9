"""Publishing the shipped graph to a SPARQL 1.1 Graph Store Protocol endpoint.

The whole graph goes in one ``PUT {endpoint}?graph={IRI}`` request with an N-Triples body: the
protocol defines PUT as replacing the named graph, and a server that rejects the body (or a
connection that breaks) leaves the graph as it was; nothing is deleted before the upload. Then
a ``GET`` of the same graph counts the triples the server holds and compares them with what
was sent.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import EndpointError
from ..query.remote import connection_reason

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

#: DEFAULT_GRAPH (from namespaces, so that the CLI can show it without importing this module)
#: holds the published graph (ontology and data) unless told otherwise; the export's per-part
#: graphs are {base}/graph/{ontology,data,shapes}.
from ..rdf.namespaces import DEFAULT_GRAPH  # noqa: E402

DEFAULT_TIMEOUT = 60.0
_HEADERS = {"User-Agent": f"imvo-graph/{__version__}"}


@dataclass(frozen=True)
class PublishResult:
    endpoint: str
    graph: str
    sent: int  # triples sent
    on_server: int  # triples the server holds in the graph afterwards
    status: int  # HTTP status of the PUT


def graph_store_url(endpoint: str, graph: str) -> str:
    """``endpoint`` with the ``graph`` query parameter of the Graph Store Protocol."""
    parts = urllib.parse.urlsplit(endpoint)
    query = urllib.parse.urlencode({"graph": graph})
    query = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def graph_payload(store: "pyoxigraph.Store") -> tuple[bytes, int]:
    """The default graph of ``store`` as N-Triples, and its number of triples."""
    import pyoxigraph as ox

    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""  # (bytes: no output given)
    count = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return data, count


def publish(
    endpoint: str,
    graph: str = DEFAULT_GRAPH,
    *,
    store: "pyoxigraph.Store | None" = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> PublishResult:
    """Replace named graph ``graph`` on Graph Store Protocol endpoint ``endpoint`` (for Oxigraph:
    ``http://host:port/store``) with ``store``'s default graph, by default the shipped graph
    (ontology and data); then check the server's triple count. EndpointError (exit 3) naming
    the endpoint if the upload fails or the count differs."""
    import urllib.request

    from ..credentials import parse_endpoint
    from ..options import check_timeout
    from ..query.remote import check_endpoint_url, check_graph_iri

    check_endpoint_url(endpoint)
    check_graph_iri(graph)
    timeout = check_timeout(timeout)
    target = parse_endpoint(endpoint)
    if store is None:
        from ..resources import load_shipped

        store = load_shipped()
    body, sent = graph_payload(store)
    url = graph_store_url(target.url, graph)
    request = target.authorize(urllib.request.Request(
        url, data=body, method="PUT", headers={**_HEADERS, "Content-Type": "application/n-triples"},
    ))
    status, _, _ = _exchange(request, timeout, target, "the upload")
    on_server = count_triples(endpoint, graph, timeout=timeout)
    if on_server != sent:
        raise EndpointError(
            f"Graph Store endpoint {target.shown}: graph <{graph}> holds {on_server} triples after the "
            f"upload, but {sent} were sent"
        )
    return PublishResult(endpoint=target.shown, graph=graph, sent=sent, on_server=on_server, status=status)


def count_triples(endpoint: str, graph: str, *, timeout: float = DEFAULT_TIMEOUT) -> int:
    """How many triples the Graph Store endpoint holds in ``graph`` (GET and parse)."""
    import urllib.request

    import pyoxigraph as ox

    from ..credentials import parse_endpoint

    target = parse_endpoint(endpoint)
    endpoint = target.shown
    url = graph_store_url(target.url, graph)
    request = target.authorize(
        urllib.request.Request(url, method="GET", headers={**_HEADERS, "Accept": "application/n-triples"})
    )
    _, body, content_type = _exchange(request, timeout, target, "reading the graph back")
    media_type = (content_type or "application/n-triples").split(";")[0].strip()
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise EndpointError(f"Graph Store endpoint {endpoint}: the graph came back as {media_type}, not RDF")
    try:
        return sum(1 for _ in ox.parse(body, format=fmt))
    except (SyntaxError, ValueError, MemoryError) as exc:  # MemoryError: a term over 16 MiB
        reason = getattr(exc, "msg", None) or str(exc)
        raise EndpointError(f"Graph Store endpoint {endpoint}: the graph it returned does not parse ({reason})") from None


def _exchange(request, timeout: float, target, what: str) -> tuple[int, bytes, str]:
    """Send ``request``: the answer's status, body and Content-Type; EndpointError (``what``
    failed, credentials scrubbed from the message) on an HTTP error or a failed connection."""
    try:
        return _exchange_unscrubbed(request, timeout, target.shown, what)
    except EndpointError as exc:
        raise EndpointError(target.scrub(str(exc))) from None


def _exchange_unscrubbed(request, timeout: float, endpoint: str, what: str) -> tuple[int, bytes, str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"Graph Store endpoint {endpoint}: {what} failed: {_http_reason(exc)}") from None
    except urllib.error.URLError as exc:
        raise EndpointError(f"Graph Store endpoint {endpoint}: {connection_reason(exc.reason, timeout)}") from None
    except OSError as exc:
        raise EndpointError(f"Graph Store endpoint {endpoint}: {connection_reason(exc, timeout)}") from None
    except Exception as exc:  # http.client.HTTPException and the like
        raise EndpointError(f"Graph Store endpoint {endpoint}: the connection failed ({type(exc).__name__})") from None


def _http_reason(exc) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except Exception:  # the body may be gone
        body = ""
    body = " ".join(body.split())[:300]
    return f"HTTP {exc.code} {exc.reason}" + (f": {body}" if body else "")
