"""Dereferencing: the site server's content negotiation on /id/... and /def, its query forms,
and what it refuses (in-process, on the session's site; no browser needed)."""

from __future__ import annotations

import http.client

import pytest
import rdflib

from imvo_graph.site.server import SiteServer, negotiate

TEXTILE = rdflib.URIRef("https://w3id.org/imvo-graph/id/convenant/textiel")


@pytest.fixture(scope="module")
def server(site):
    with SiteServer(site) as running:
        yield running


def request(server, path, method="GET", **headers):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("accept, document, media_type, rdf_format", [
    ("text/turtle", "data.ttl", "text/turtle; charset=utf-8", "turtle"),
    ("application/ld+json", "data.jsonld", "application/ld+json", "json-ld"),
    ("application/n-triples", "data.nt", "application/n-triples", "nt"),
    ("text/turtle;q=0.5, application/n-triples", "data.nt", "application/n-triples", "nt"),
])
def test_a_resource_uri_answers_303_to_its_description(server, accept, document, media_type, rdf_format):
    status, headers, _ = request(server, "/id/convenant/textiel", Accept=accept)
    assert status == 303 and headers["Location"] == f"/id/convenant/textiel/{document}" and "Accept" in headers["Vary"]
    status, headers, body = request(server, headers["Location"], Accept=accept)
    assert status == 200 and headers["Content-Type"] == media_type
    graph = rdflib.Graph().parse(data=body, format=rdf_format)
    assert (TEXTILE, rdflib.RDFS.label, rdflib.Literal("textile covenant", lang="en")) in graph


@pytest.mark.parametrize("headers, page", [
    ({"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"}, "index.html"),
    ({"Accept": "text/html", "Accept-Language": "en-GB,en;q=0.9"}, "index.en.html"),
    ({"Accept": "*/*"}, "index.html"),
    ({}, "index.html"),
])
def test_a_browser_is_sent_to_the_page_in_its_language(server, headers, page):
    status, answer, _ = request(server, "/id/convenant/textiel", **headers)
    assert status == 303 and answer["Location"] == f"/id/convenant/textiel/{page}"
    status, answer, body = request(server, answer["Location"])
    assert status == 200 and answer["Content-Type"] == "text/html; charset=utf-8" and b"<h1>" in body


def test_the_ontology_dereferences(server):
    status, headers, _ = request(server, "/def", Accept="text/turtle")
    assert status == 303 and headers["Location"] == "/def/ontology.ttl"
    status, headers, body = request(server, "/def/ontology.ttl")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/imvo-graph/def#Covenant"), rdflib.RDF.type, rdflib.OWL.Class) in graph
    status, headers, _ = request(server, "/def", Accept="text/html")
    assert status == 303 and headers["Location"] == "/def/index.html"


def test_a_paragraph_uri_is_the_letters_description(server):
    # the fragment never reaches the server: /id/kamerbrief/... describes the letter and its paragraphs
    status, headers, _ = request(server, "/id/kamerbrief/minbuza-2017-1027644", Accept="text/turtle")
    status, headers, body = request(server, headers["Location"])
    graph = rdflib.Graph().parse(data=body, format="turtle")
    p07 = rdflib.URIRef("https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644#p07")
    assert (p07, rdflib.RDF.value, None) in graph


def test_unacceptable_types_methods_and_paths_are_refused(server):
    status, headers, body = request(server, "/id/convenant/textiel", Accept="image/png")
    assert status == 406 and b"text/turtle" in body
    assert request(server, "/id/convenant/textiel", method="POST")[0] == 405
    assert request(server, "/../../etc/passwd")[0] == 404
    assert request(server, "/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    assert request(server, "/id/convenant/bestaat-niet", Accept="text/turtle")[0] == 404
    status, headers, _ = request(server, "/id/convenant/textiel/index.html")
    assert "default-src 'none'" in headers["Content-Security-Policy"] and headers["X-Content-Type-Options"] == "nosniff"


def test_the_query_form_is_shown_only_when_served_and_runs_the_query(server, site):
    assert b"hidden data-when-served" in (site / "vragen/covenants-of-sector/index.html").read_bytes()
    status, _, body = request(server, "/vragen/covenants-of-sector/index.html")
    assert status == 200 and b'<form class="run" method="get" action="run">' in body
    status, _, body = request(server, "/vragen/covenants-of-sector/run?lang=en&sector=textile")
    assert status == 200 and b"textile covenant" in body and b'<html lang="en">' in body
    status, _, body = request(server, "/vragen/reports-due/run?year=not-a-year")
    assert status == 400 and b'role="alert"' in body
    assert request(server, "/vragen/no-such-query/run")[0] == 404


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle", "text/turtle"),
    ("application/ld+json;q=0.9, text/turtle;q=0.8", "application/ld+json"),
    ("text/*", "text/html"),
    ("*/*;q=0.1, text/turtle", "text/turtle"),
    ("text/html;q=0, */*", "text/turtle"),
    ("image/png", None),
])
def test_negotiate(accept, expected):
    assert negotiate(accept, ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]) == expected


def test_the_w3id_rules_redirect_like_the_server():
    from conftest import ROOT

    from imvo_graph.site.server import ONTOLOGY_DOCUMENTS, RDF_DOCUMENTS

    rules = (ROOT / "docs" / "w3id" / ".htaccess").read_text(encoding="utf-8")
    for media, document in RDF_DOCUMENTS.items():
        condition = f"RewriteCond %{{HTTP_ACCEPT}} {media.replace('+', chr(92) + '+')}\n"
        assert condition + f"RewriteRule ^id/([^/]+)/([^/]+)$ https://imvo-graph.example.org/id/$1/$2/{document} [R=303,L]" in rules
        assert condition + f"RewriteRule ^def/?$ https://imvo-graph.example.org/def/{ONTOLOGY_DOCUMENTS[media]} [R=303,L]" in rules


def test_a_silent_client_is_dropped_and_connections_are_capped(site):
    import socket
    import time

    with SiteServer(site, client_timeout=1, max_clients=2) as small:
        silent = socket.create_connection(("127.0.0.1", small.port), timeout=5)
        other = socket.create_connection(("127.0.0.1", small.port), timeout=5)
        time.sleep(0.2)
        third = socket.create_connection(("127.0.0.1", small.port), timeout=5)
        assert third.recv(1) == b""  # over the cap: closed at once
        third.close()
        started = time.monotonic()
        assert silent.recv(1) == b"" and time.monotonic() - started < 4  # dropped after the timeout
        silent.close()
        other.close()
        time.sleep(0.2)
        assert request(small, "/index.html")[0] == 200  # the slots are free again


def test_a_client_trickling_its_request_is_dropped_at_the_request_deadline(site):
    import socket

    from process_helpers import trickle_until_closed

    with SiteServer(site, client_timeout=1, request_timeout=2, max_clients=2) as small:
        client = socket.create_connection(("127.0.0.1", small.port), timeout=5)
        closed = trickle_until_closed(client, b"GET /index.html HTTP/1.0\r\n")
        assert closed is not None and 1.5 < closed < 4, closed
        assert request(small, "/index.html")[0] == 200


def test_the_forms_read_the_data_the_site_shows(site, tmp_path):
    from imvo_graph.resources import shipped_files

    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix imvo: <https://w3id.org/imvo-graph/def#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/imvo-graph/id/convenant/proef> a imvo:SectorCovenant ; rdfs:label \"proefconvenant\"@nl ;\n"
        "  imvo:status <https://w3id.org/imvo-graph/id/convenantstatus/verwacht> .\n", encoding="utf-8")
    with SiteServer(site, data=[*shipped_files("data"), extra]) as served:  # no endpoint: runs in process
        status, _, body = request(served, "/vragen/covenant-status/run?lang=nl")
    assert status == 200 and b"proefconvenant" in body
