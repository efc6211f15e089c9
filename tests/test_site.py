"""The static site: a page for every resource, links that resolve, nothing loaded from elsewhere,
provenance quoted and linked, and bad input refused with nothing half written."""

from __future__ import annotations

import html.parser
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from rdflib.compare import isomorphic

from imvo_graph.site.paths import page_path, resource_folder

LETTER = "https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644"
TEXTILE = "https://w3id.org/imvo-graph/id/convenant/textiel"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_VOID = {"rect", "circle", "line", "path", "stop"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class Page(html.parser.HTMLParser):
    """What a test needs of a page: links, ids, lang attributes, landmarks, headings, and the
    elements left open or closed twice (a well-formedness check)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.ids: list[str] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.html_lang = None
        self.scripts: list[str] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "html":
            self.html_lang = attrs.get("lang")
        for name in ("href", "src", "action"):
            if attrs.get(name) is not None:
                self.links.append((tag, attrs[name]))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in HEADINGS:
            self.headings.append(int(tag[1]))
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        if tag not in VOID and tag not in SVG_VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and tag not in SVG_VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID or tag in SVG_VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, Page]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


def test_every_typed_resource_has_a_page(site, shipped_store, pages):
    ids = {path: set(page.ids) for path, page in pages.items()}
    typed = [row[0].value for row in shipped_store.query(
        "SELECT DISTINCT ?x WHERE { ?x a ?c FILTER(isIRI(?x)) "
        "FILTER(!STRSTARTS(STR(?x), 'https://w3id.org/imvo-graph/def')) "
        # reified statements (statement-level provenance) are shown on their subject's page
        "FILTER NOT EXISTS { ?x a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> } }")]
    assert len(typed) > 250
    for iri in typed:
        for lang in ("nl", "en"):
            target = page_path(iri, lang, "nl")
            path, _, fragment = target.partition("#")
            assert (site / path).is_file(), f"no page for {iri}: {path}"
            if fragment:
                assert unquote(fragment) in ids[site / path], f"{iri}: no anchor #{fragment} on {path}"


def test_every_internal_link_resolves(site, pages):
    root = site.resolve()
    # no symbolic link in the site: where a link leads is then where its path leads, which
    # os.path.normpath tells without resolving each link on the file system (a link out of the
    # site through "..", where links may lie, leads out of it either way)
    assert not [p for p in site.rglob("*") if p.is_symlink()]
    inside_root = str(root) + os.sep
    by_name = {str(root / path.relative_to(site)): page for path, page in pages.items()}  # (pages by where they are)
    # where a link leads, by its folder and path: the same link from pages of one folder (the
    # style sheet, the scripts, the navigation) is looked up once, and every link is still
    # checked against that answer
    found: dict[tuple[str, str], tuple[str, bool, bool]] = {}
    checked = 0
    for path, page in pages.items():
        here = str(root / path.relative_to(site))
        folder = os.path.dirname(here)
        for tag, link in page.links:
            split = urlsplit(link)
            if split.scheme in ("http", "https", "mailto"):
                # a link for people, or the canonical URL; nothing is loaded from elsewhere
                assert tag == "a" or (tag == "link" and link.startswith("https://w3id.org/imvo-graph/")), f"{path}: <{tag}> loads {link}"
                continue
            if tag == "form":  # the served-only query form runs on the server (see test_site_serve)
                continue
            key = (folder, split.path) if split.path else (here, "")
            if key not in found:
                target = os.path.normpath(os.path.join(folder, unquote(split.path))) if split.path else here
                found[key] = (target, os.path.isfile(target), target.startswith(inside_root))
            target, is_file, inside = found[key]
            assert is_file, f"{path.relative_to(site)}: link {link} leads nowhere"
            assert inside, f"{path}: link {link} leaves the site"
            if split.fragment and target.endswith(".html"):
                assert unquote(split.fragment) in by_name[target].ids, f"{path.relative_to(site)}: no #{split.fragment} in {Path(target).relative_to(root)}"
            checked += 1
    assert checked > 10000


def test_nothing_is_loaded_from_elsewhere(site):
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|@import|url\()\s*=?\s*[\"']?(https?:)?//", text), path
            assert "cdn" not in text.lower() or path.suffix == ".html" and "cdn" not in re.sub(r"<[^>]*>", "", text).lower(), path
    css = (site / "static/site.css").read_text()
    assert "font-face" not in css and "url(" not in css


def test_pages_are_well_formed_with_language_landmarks_and_headings(pages, site):
    for path, page in pages.items():
        name = path.relative_to(site).as_posix()
        assert not page.problems, f"{name}: {page.problems[:3]}"
        assert not page.stack, f"{name}: left open {page.stack}"
        assert page.html_lang == ("en" if name.endswith(".en.html") else "nl"), name
        assert len(page.ids) == len(set(page.ids)), f"{name}: duplicate ids"
        tags = [t for t, _ in page.tags]
        assert tags.count("main") == 1 and tags.count("h1") == 1 and "nav" in tags and "header" in tags and "footer" in tags, name
        levels = page.headings
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"{name}: headings skip a level {levels}"


def test_covenant_page_links_its_motion_and_quotes_its_source_paragraph(site, pages, shipped_store):
    path = site / "id/convenant/textiel/index.html"
    page = pages[path]
    html = path.read_text(encoding="utf-8")
    assert "<h1>textielconvenant</h1>" in html
    hrefs = [link for _, link in page.links]
    # the paragraphs it cites, linked to their anchors on the letter's page and quoted
    cited = [r[0].value.rpartition("#")[2] for r in shipped_store.query(
        f"SELECT ?p WHERE {{ <{TEXTILE}> <http://purl.org/dc/terms/source> ?p }}")]
    assert "p09" in cited
    for anchor in cited:
        assert f"../../kamerbrief/minbuza-2017-1027644/index.html#{anchor}" in hrefs
        assert f'id="bron-{anchor}"' in html
    letter = (site / "id/kamerbrief/minbuza-2017-1027644/index.html").read_text(encoding="utf-8")
    p09 = re.search(r'<div class="paragraph" id="p09">.*?</div>', letter, re.S).group(0)
    quoted = re.search(r"<blockquote[^>]*><p>(.*?)</p>", p09, re.S).group(1)
    assert quoted[:60] in html
    assert "../../convenant/textiel/index.html" in p09  # the paragraph lists the covenant citing it
    # the other language, and the data files
    assert "index.en.html" in hrefs and "data.ttl" in hrefs and "data.jsonld" in hrefs


def test_motion_links_back_to_the_covenants_implementing_it(site, shipped_store):
    rows = shipped_store.query("SELECT ?c ?m WHERE { ?c <https://w3id.org/imvo-graph/def#implements> ?m }")
    pairs = [(r[0].value, r[1].value) for r in rows]
    assert pairs
    for covenant, motion in pairs:
        html = (site / resource_folder(motion) / "index.html").read_text(encoding="utf-8")
        link = os.path.relpath(site / resource_folder(covenant) / "index.html", site / resource_folder(motion))
        assert f'href="{link}"' in html, (motion, covenant)


def test_dates_are_shown_at_their_precision(site):
    banks = (site / "id/convenant/banken/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2016-12">december 2016</time>' in banks
    assert '<time datetime="2016-12">December 2016</time>' in (site / "id/convenant/banken/index.en.html").read_text(encoding="utf-8")
    letter = (site / "id/kamerbrief/minbuza-2017-1027644/index.en.html").read_text(encoding="utf-8")
    assert '<time datetime="2017-09-28">28 September 2017</time>' in letter


def test_embedded_json_ld_and_data_files_describe_the_resource(site, pages):
    folder = site / "id/convenant/textiel"
    embedded = pages[folder / "index.html"].scripts
    assert len(embedded) == 1
    from_page = rdflib.Graph().parse(data=embedded[0], format="json-ld")
    turtle = rdflib.Graph().parse(folder / "data.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(folder / "data.jsonld", format="json-ld")
    ntriples = rdflib.Graph().parse(folder / "data.nt", format="nt")
    assert isomorphic(from_page, turtle) and isomorphic(turtle, jsonld) and isomorphic(turtle, ntriples)
    textile = rdflib.URIRef(TEXTILE)
    assert (textile, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/imvo-graph/def#SectorCovenant")) in turtle
    assert any(o == textile for o in turtle.objects())  # the statements pointing to it too


def test_matrix_and_overviews(site, shipped_store):
    matrix = (site / "overzicht/matrix/index.html").read_text(encoding="utf-8")
    implemented = list(shipped_store.query(
        "PREFIX imvo: <https://w3id.org/imvo-graph/def#> SELECT DISTINCT ?c ?m WHERE { "
        "VALUES ?type { imvo:Covenant imvo:SectorCovenant } ?c a ?type ; imvo:implements ?m . ?m a imvo:Motion }"))
    assert implemented
    assert matrix.count("<td>ja</td>") == len(implemented)
    timeline = (site / "overzicht/tijdlijn/index.html").read_text(encoding="utf-8")
    assert timeline.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 1
    assert "Voorbij" in timeline and "Gepland" in timeline
    covenants = (site / "overzicht/convenanten/index.html").read_text(encoding="utf-8")
    assert "<svg" in covenants and "textielconvenant" in covenants


def test_each_stored_query_has_a_page_with_its_result(site):
    from imvo_graph.query import list_queries, run_query

    for stored in list_queries():
        html = (site / f"vragen/{stored.name}/index.html").read_text(encoding="utf-8")
        assert "<pre" in html and "SELECT" in html or "ASK" in html
        if all(not p.required for p in stored.params):
            result = run_query(stored, lang="nl")
            if not result.is_boolean:
                assert html.count("<tr>") == len(result.rows) + 1, stored.name


def test_search_index_lists_every_page_resource(site):
    index = json.loads((site / "static/search-index.json").read_text(encoding="utf-8"))
    entries = {e["iri"]: e for e in index["entries"]}
    assert entries[TEXTILE]["nl"] == "textielconvenant" and entries[TEXTILE]["en"] == "textile covenant"
    assert entries[TEXTILE]["path"] == "id/convenant/textiel"
    script = (site / "static/search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.IMVO_SEARCH = {")


def test_labels_are_escaped(tmp_path):
    from imvo_graph.site import build_site

    data = tmp_path / "evil.ttl"
    data.write_text(
        '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
        '<https://w3id.org/imvo-graph/id/convenant/x> a <https://w3id.org/imvo-graph/def#Covenant> ;\n'
        '  rdfs:label "<script>alert(1)</script>"@nl , "a </script><b>"@en .\n',
        encoding="utf-8",
    )
    files = build_site(data=[data])
    page = files["id/convenant/x/index.html"].decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "</script" not in embedded and json.loads(embedded)
    assert "<script>alert" not in files["static/search-index.js"].decode()


# -- the command: bad input is refused, nothing half written --------------------------------------

def test_site_refuses_an_existing_output_and_replaces_only_an_earlier_site(cli, tmp_path, site):
    import shutil

    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    result = cli("site", "--output", str(target))
    assert result.returncode == 2 and "already exists (use --force" in result.stderr and "Traceback" not in result.stderr
    result = cli("site", "--output", str(target), "--force")
    assert result.returncode == 2 and "not a previous imvo-graph site" in result.stderr
    assert (target / "mine.txt").read_text() == "keep me" and len(list(target.iterdir())) == 1
    earlier = tmp_path / "earlier"
    shutil.copytree(site, earlier)
    (earlier / "index.html").write_text("edited")
    result = cli("site", "--output", str(earlier), "--force")
    assert result.returncode == 2 and "index.html was changed" in result.stderr
    (earlier / "index.html").write_bytes((site / "index.html").read_bytes())
    result = cli("site", "--output", str(earlier), "--force", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert '<html lang="en">' in (earlier / "index.html").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("args, message", [
    (["--base-url", "ftp://example.org/"], "--base-url 'ftp://example.org/' is not an absolute http(s) URL"),
    (["--base-url", "not a url"], "is not an absolute http(s) URL"),
])
def test_site_refuses_a_bad_base_url(cli, tmp_path, args, message):
    result = cli("site", "--output", str(tmp_path / "out"), *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_site_refuses_an_unwritable_folder(cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = cli("site", "--output", str(locked / "out"))
        assert result.returncode == 2 and "not writable" in result.stderr and "Traceback" not in result.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_site_in_a_missing_folder_is_refused(cli, tmp_path):
    result = cli("site", "--output", str(tmp_path / "no" / "such" / "out"))
    assert result.returncode == 2 and "no such folder" in result.stderr


def test_site_under_a_file_is_refused(cli, tmp_path):
    (tmp_path / "file").write_text("x")
    result = cli("site", "--output", str(tmp_path / "file" / "out"))
    assert result.returncode == 2 and "is not a folder" in result.stderr and "Traceback" not in result.stderr


def test_ontology_page_is_self_contained_with_diagram_shapes_and_examples(site):
    page = (site / "def/index.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and "mermaid" not in page.lower()
    assert 'id="namespaces"' in page and 'id="term-index"' in page and 'href="ontology.ttl"' in page
    covenant = page[page.index('<section class="term" id="Covenant">'):]
    covenant = covenant[:covenant.index("</section>")]
    assert "A covenant has exactly one status (imvo:status) (one of: concluded, in force, expected)." in covenant
    # example instances link to their pages on the site
    assert re.search(r'<a href="\.\./id/convenant/[a-z-]+/index\.html">', covenant)


def test_a_code_list_page_lists_its_values(site, shipped_store):
    page = (site / "id/conceptschema/convenantstatus/index.en.html").read_text(encoding="utf-8")
    section = page[page.index('<h2 id="members">'):]
    section = section[:section.index("</section>")]
    values = [r[0].value for r in shipped_store.query(
        "SELECT ?c WHERE { ?c <http://www.w3.org/2004/02/skos/core#inScheme> <https://w3id.org/imvo-graph/id/conceptschema/convenantstatus> }")]
    assert f"({len(values)})" in section and len(values) == 3
    for iri in values:
        assert f'href="../../{iri.split("/id/", 1)[1]}/index.en.html"' in section


def test_statement_level_provenance_is_used_where_the_data_has_it(tmp_path):
    """A statement reified as an rdf:Statement with its own dct:source cites that paragraph;
    the resource's other statements cite the resource's dct:source."""
    from imvo_graph.resources import shipped_files
    from imvo_graph.site import build_site

    data = tmp_path / "reified.ttl"
    data.write_text("""
@prefix imvo: <https://w3id.org/imvo-graph/def#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix brief: <https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644#> .
<https://w3id.org/imvo-graph/id/convenant/proef> a imvo:Covenant ; rdfs:label "proefconvenant"@nl ;
    imvo:status <https://w3id.org/imvo-graph/id/convenantstatus/verwacht> ; dct:source brief:p07 .
[] a rdf:Statement ; rdf:subject <https://w3id.org/imvo-graph/id/convenant/proef> ; rdf:predicate imvo:status ;
   rdf:object <https://w3id.org/imvo-graph/id/convenantstatus/verwacht> ; dct:source brief:p12 .
""", encoding="utf-8")
    letter = [f for f in shipped_files("data") if f.name in ("letter.ttl", "letter-text.ttl")]
    files = build_site(data=[*letter, data])
    page = files["id/convenant/proef/index.html"].decode()

    def row(prop):
        return re.search(rf'<tr><th scope="row"><a [^>]*>{prop}</a></th>.*?</tr>', page, re.S).group(0)

    assert "#p12" in row("status") and "#p07" not in row("status")
    assert "#p07" in row("rdf:type") or "#p07" in page  # the resource's own source elsewhere
    assert 'id="bron-p12"' in page and 'id="bron-p07"' in page  # both paragraphs quoted
    letter_page = files["id/kamerbrief/minbuza-2017-1027644/index.html"].decode()
    p12 = re.search(r'<div class="paragraph" id="p12">.*?</div>', letter_page, re.S).group(0)
    assert "convenant/proef/index.html" in p12  # cited through the reified statement


def test_reifications_are_not_incoming_statements_and_the_data_files_carry_them_whole(tmp_path):
    """An rdf:Statement with an IRI (as data/statement-sources.ttl has them) is not listed as a
    statement pointing to its subject (its paragraph is shown next to the statement itself), and
    the resource's data files include the whole reification (a concise bounded description), not
    only its rdf:subject triple."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCTERMS, RDF

    from imvo_graph.resources import shipped_files
    from imvo_graph.site import build_site

    data = tmp_path / "reified.ttl"
    data.write_text("""
@prefix imvo: <https://w3id.org/imvo-graph/def#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix brief: <https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644#> .
<https://w3id.org/imvo-graph/id/convenant/proef> a imvo:Covenant ; rdfs:label "proefconvenant"@nl ;
    imvo:status <https://w3id.org/imvo-graph/id/convenantstatus/verwacht> ; dct:source brief:p07 , brief:p12 .
<https://w3id.org/imvo-graph/id/bewering/0123456789abcdef> a rdf:Statement ;
   rdf:subject <https://w3id.org/imvo-graph/id/convenant/proef> ; rdf:predicate imvo:status ;
   rdf:object <https://w3id.org/imvo-graph/id/convenantstatus/verwacht> ; dct:source brief:p12 .
""", encoding="utf-8")
    letter = [f for f in shipped_files("data") if f.name in ("letter.ttl", "letter-text.ttl")]
    files = build_site(data=[*letter, data])
    page = files["id/convenant/proef/index.html"].decode()
    body = page[page.index("<body"):]
    body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    assert "bewering" not in body
    assert not any(name.startswith("id/bewering/") for name in files)
    graph = Graph().parse(data=files["id/convenant/proef/data.ttl"].decode(), format="turtle")
    statement = URIRef("https://w3id.org/imvo-graph/id/bewering/0123456789abcdef")
    assert graph.value(statement, RDF.predicate) == URIRef("https://w3id.org/imvo-graph/def#status")
    assert graph.value(statement, DCTERMS.source) == URIRef("https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644#p12")


def test_every_page_parses_without_an_html5_parse_error(site):
    """html5lib's strict mode raises on every parse error of the WHATWG HTML parsing algorithm
    (the syntax part of validity; the structure is checked above, ARIA and more by axe)."""
    import html5lib

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 500
    for path in pages:
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(path.read_bytes())
        except html5lib.html5parser.ParseError as exc:
            pytest.fail(f"{path.relative_to(site)}: {exc} {parser.errors[:3]}")
    broken = html5lib.HTMLParser(strict=True)
    with pytest.raises(html5lib.html5parser.ParseError):  # the check can fail
        broken.parse(b"<!DOCTYPE html><html lang=nl><title>x</title><p></div>")


def test_text_in_the_other_language_is_marked(site):
    """WCAG 3.1.2: the English page of the (Dutch-first) ontology documentation marks its Dutch."""
    page = (site / "def/index.en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and '<div lang="nl">' in page
    letter = (site / "id/kamerbrief/minbuza-2017-1027644/index.en.html").read_text(encoding="utf-8")
    assert letter.count('<blockquote cite=') == letter.count('<blockquote cite="https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644#p') > 40
    assert all('lang="nl"' in q for q in re.findall(r"<blockquote [^>]*>", letter))
    matrix = (site / "overzicht/matrix/index.html").read_text(encoding="utf-8")
    assert matrix.count('<th scope="row">') >= 17  # every covenant, also those implementing no motion


def test_a_failure_while_writing_leaves_nothing(tmp_path, monkeypatch):
    """A disk that fills up half way (ENOSPC on the hundredth file): an OutputError naming the
    output, no folder, no temporary folder; an earlier site at the target stays as it was."""
    import errno

    from imvo_graph.errors import OutputError
    from imvo_graph.site import writer

    files = {f"id/x/{n}/index.html": b"<p>x</p>" for n in range(300)}
    real_open = open
    calls = {"n": 0}

    def failing_open(path, mode="r", *args, **kwargs):
        if "w" in mode:
            calls["n"] += 1
            if calls["n"] == 100:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(writer, "open", failing_open, raising=False)
    with pytest.raises(OutputError, match="out: cannot be written"):
        writer.write_files(tmp_path / "out", files)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    writer.write_files(tmp_path / "out", {"index.html": b"old"})
    calls["n"] = 0
    monkeypatch.setattr(writer, "open", failing_open, raising=False)
    with pytest.raises(OutputError):
        writer.write_files(tmp_path / "out", files, overwrite=True)
    assert (tmp_path / "out" / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_site_is_the_same_bytes_in_every_build(site, cli, tmp_path):
    """Another process, another hash seed: every file the same (no time stamps, no set order)."""
    result = cli("site", "--output", str(tmp_path / "again"), env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again" / "SITE-SHA256SUMS").read_bytes() == (site / "SITE-SHA256SUMS").read_bytes()
