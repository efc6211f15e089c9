"""Serving the site next to the SPARQL endpoint, with content negotiation on the resources' URIs.

``GET /id/{type}/{slug}`` and ``GET /def`` answer ``303 See Other`` to a document about the
resource, chosen by the ``Accept`` header (the Dutch URI strategy: the URI names the thing, a
different URL the document that describes it):

=================================  =========================================================
``text/html`` (and browsers)       ``/id/{type}/{slug}/index.html`` (``index.en.html`` when
                                   ``Accept-Language`` prefers English, or ``?lang=en``)
``text/turtle``                    ``/id/{type}/{slug}/data.ttl``
``application/ld+json``            ``/id/{type}/{slug}/data.jsonld``
``application/n-triples``          ``/id/{type}/{slug}/data.nt``
=================================  =========================================================

For ``/def`` the data documents are ``/def/ontology.{ttl,jsonld,nt}``. No acceptable type:
``406`` listing the types there are. Every other path is a file of the site. A query page's
form (``/vragen/{name}/run?...``) runs the stored query on the SPARQL endpoint and answers with
the page and its result. The server listens on one address, answers GET and HEAD only, drops a
client that sends nothing for :data:`CLIENT_TIMEOUT` seconds, never serves a path outside the
site folder, and sends a Content-Security-Policy that allows nothing from elsewhere.
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..capped_server import CappedServer
from ..errors import ImvoGraphError
from ..request_deadline import REQUEST_TIMEOUT, DeadlineHandler

CLIENT_TIMEOUT = 20  # seconds a client may take to send its request
MAX_CLIENTS = 64  # connections served at once
RDF_DOCUMENTS = {
    "text/turtle": "data.ttl",
    "application/ld+json": "data.jsonld",
    "application/n-triples": "data.nt",
}
ONTOLOGY_DOCUMENTS = {"text/turtle": "ontology.ttl", "application/ld+json": "ontology.jsonld", "application/n-triples": "ontology.nt"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json", ".jsonld": "application/ld+json", ".ttl": "text/turtle; charset=utf-8",
    ".nt": "application/n-triples", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
SERVED_MARKER = b" hidden data-when-served"


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values, best first (stable)."""
    ranges = []
    for position, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(f[2:])))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, q) for media, q, _ in ranges]


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers (exact types before wildcards, ties to the
    order of ``offered``), or None if it accepts none of them."""
    best, best_score = None, (0.0, -1)
    for index, media in enumerate(offered):
        kind = media.split("/")[0]
        q, specificity = None, -1
        for range_, weight in parse_accept(accept):
            level = 2 if range_ == media else 1 if range_ == f"{kind}/*" else 0 if range_ == "*/*" else -1
            if level > specificity:
                q, specificity = weight, level
        if q is None or q <= 0:
            continue
        score = (q, -index)
        if best is None or score > best_score:
            best, best_score = media, score
    return best


def preferred_language(header: str | None, query_lang: str | None, default: str) -> str:
    if query_lang in ("nl", "en"):
        return query_lang
    for range_, q in parse_accept(header):
        tag = range_.split("-")[0]
        if q > 0 and tag in ("nl", "en"):
            return tag
    return default


class SiteServer:
    """The site in ``folder`` on ``host``:``port`` in a background thread (use as a context
    manager, or :meth:`start` and :meth:`stop`). ``endpoint``: the SPARQL endpoint the query
    forms run on (None: the forms run on the shipped graph in this process)."""

    def __init__(self, folder: Path | str, *, host: str = "127.0.0.1", port: int = 0, endpoint: str | None = None,
                 default_lang: str | None = None, client_timeout: float = CLIENT_TIMEOUT,
                 max_clients: int = MAX_CLIENTS, data: list | None = None,
                 request_timeout: float = REQUEST_TIMEOUT):
        self.data = data  # the data files the site shows (default: the shipped data), for the forms' labels
        self.client_timeout, self.max_clients = client_timeout, max_clients
        self.request_timeout = request_timeout  # for the whole request (client_timeout: each read)
        self.folder = Path(folder).resolve()
        self.host, self.port, self.endpoint = host, port, endpoint
        self.default_lang = default_lang or _site_language(self.folder)
        self.httpd: http.server.ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None
        self._builder = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> "SiteServer":
        from ..endpoints.server import ServerError, check_bind

        check_bind(self.host, self.port)
        server = self

        class Handler(_Handler):
            site = server
            timeout = server.client_timeout
            request_timeout = server.request_timeout

        try:
            self.httpd = _Server((self.host, self.port), Handler)
            self.httpd.slots = threading.BoundedSemaphore(self.max_clients)
        except OSError as exc:
            raise ServerError(f"cannot serve the site on {self.host}:{self.port}: {exc.strerror or exc}") from None
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="imvo-graph-site", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        httpd, self.httpd = self.httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def builder(self):
        """A page builder for the query forms (made once, on the first form)."""
        with self._lock:
            if self._builder is None:
                from ..export import read_quads
                from ..rdf.loading import load_store
                from ..resources import shipped_files
                from .build import SiteBuilder
                from .model import SiteGraph

                files = [*shipped_files("ontology"), *(shipped_files("data") if self.data is None else self.data)]
                graph = SiteGraph.from_quads(read_quads(files))
                self._builder = SiteBuilder(graph, default_lang=self.default_lang, store=load_store(files))
            return self._builder


class _Server(CappedServer):
    """The site's server: at most ``slots`` connections at once (set by :meth:`SiteServer.start`)."""

    allow_reuse_address = True


class _Handler(DeadlineHandler):
    site: SiteServer
    timeout = float(CLIENT_TIMEOUT)  # each read and write
    server_version = "imvo-graph"
    sys_version = ""

    def log_message(self, format, *args):  # quiet: the endpoint's output is what users read
        pass

    def parse_request(self):
        ok = super().parse_request()
        self.request_in()  # a GET or HEAD has no body: the request is in
        return ok

    def do_HEAD(self):
        self.handle_get(head=True)

    def do_GET(self):
        self.handle_get(head=False)

    def do_POST(self):
        self.send_plain(405, "only GET and HEAD", {"Allow": "GET, HEAD"})

    do_PUT = do_DELETE = do_PATCH = do_POST

    # -- answers -----------------------------------------------------------------------------
    def send_plain(self, status: int, text: str, headers: dict | None = None, head: bool = False) -> None:
        body = (text + "\n").encode("utf-8")
        self.send_response(status)
        for name, value in {**SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def send_body(self, status: int, body: bytes, media_type: str, head: bool, headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in {**SECURITY_HEADERS, "Content-Type": media_type, "Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def redirect(self, location: str, head: bool, vary: str = "Accept") -> None:
        self.send_plain(303, f"See {location}", {"Location": location, "Vary": vary}, head)

    def handle_get(self, head: bool) -> None:
        split = urlsplit(self.path)
        raw = unquote(split.path)
        segments = [s for s in raw.split("/") if s]
        if any(s in (".", "..") or "\\" in s or "\x00" in s for s in segments):
            return self.send_plain(404, "not found", head=head)
        folder = self.site.folder
        relative = "/".join(segments)
        query = parse_qs(split.query)
        if len(segments) == 3 and segments[0] == "vragen" and segments[2] == "run":
            return self.run_query(segments[1], query, head)
        if segments[:1] in (["id"], ["def"]) and (folder / relative / "index.html").is_file() and not raw.endswith("/"):
            return self.negotiate(relative, query, head)
        path = (folder / relative).resolve() if relative else folder
        if folder not in (path, *path.parents):
            return self.send_plain(404, "not found", head=head)
        if path.is_dir():
            if not raw.endswith("/"):
                return self.redirect(quote("/" + relative + "/"), head, vary="Accept")
            path = path / "index.html"
        if not path.is_file():
            return self.send_plain(404, f"not found: /{relative}", head=head)
        body = path.read_bytes()
        if segments[:1] == ["vragen"]:
            body = body.replace(SERVED_MARKER, b"")
        self.send_body(200, body, MEDIA_TYPES.get(path.suffix, "application/octet-stream"), head)

    def negotiate(self, relative: str, query: dict, head: bool) -> None:
        documents = ONTOLOGY_DOCUMENTS if relative == "def" else RDF_DOCUMENTS
        offered = ["text/html", *documents, "application/xhtml+xml"]
        chosen = negotiate(self.headers.get("Accept"), offered)
        if chosen is None:
            text = "none of the accepted media types is available; choose one of " + ", ".join(offered[:-1])
            return self.send_plain(406, text, {"Vary": "Accept"}, head)
        base = "/" + quote(relative) + "/"
        if chosen in HTML_TYPES:
            lang = preferred_language(self.headers.get("Accept-Language"), (query.get("lang") or [None])[0], self.site.default_lang)
            name = "index.html" if lang == self.site.default_lang else f"index.{lang}.html"
            return self.redirect(base + name, head, vary="Accept, Accept-Language")
        self.redirect(base + documents[chosen], head)

    def run_query(self, name: str, query: dict, head: bool) -> None:
        from ..query import get_query
        from .build import Page
        from .render import render

        try:
            stored = get_query(name)
        except ImvoGraphError:
            return self.send_plain(404, f"no stored query {name!r}", head=head)
        lang = (query.pop("lang", None) or [self.site.default_lang])[0]
        lang = lang if lang in ("nl", "en") else self.site.default_lang
        values = {key: items[-1] for key, items in query.items() if items and items[-1] != "" and stored.param(key)}
        builder = self.site.builder()
        folder = f"vragen/{name}"
        page = Page(builder.lang_page(folder, lang), lang)
        from .queries import query_context

        ctx = query_context(builder, page, stored, values, endpoint=self.site.endpoint)
        # this page lives at /vragen/{name}/run: its links are relative to that folder too
        body = render("query.html", ctx).encode("utf-8").replace(SERVED_MARKER, b"")
        status = 400 if ctx["result"] and ctx["result"].get("error") else 200
        self.send_body(status, body, MEDIA_TYPES[".html"], head)


def _site_language(folder: Path) -> str:
    try:
        start = (folder / "index.html").read_text(encoding="utf-8")[:200]
    except OSError:
        return "nl"
    return "en" if '<html lang="en">' in start else "nl"
