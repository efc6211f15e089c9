"""Release: the directory a portal ingests. Every file, a DCAT-AP-NL 3.0 catalogue with zero
violations whose checksums and sizes match the files, VoID counts, docs, versions, atomicity."""

from __future__ import annotations

import hashlib
import html.parser
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT

from imvo_graph import __version__
from imvo_graph.errors import InputError, InvalidGraphError, OutputError
from imvo_graph.export import FORMATS
from imvo_graph.release import RELEASE_PARTS, default_base_url, write_release
from imvo_graph.release.catalog import (
    DEFAULT_ENDPOINT,
    MINISTRY,
    Distribution,
    build_catalog,
    validate_catalog,
)

FIXTURES = ROOT / "tests" / "fixtures" / "release"
DATE = "2024-03-01"
OX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
PREFIXES = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX spdx: <http://spdx.org/rdf/terms#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """A release of the shipped graph (validated: the shipped data must conform)."""
    target = tmp_path_factory.mktemp("release") / "imvo-graph"
    result = write_release(target, date=DATE, issued="2024-01-15")
    return target, result


@pytest.fixture(scope="module")
def catalog(release):
    return rdflib.Graph().parse(release[0] / "catalog.ttl", format="turtle")


def small_release(target: Path, **options):
    """A fast release: tiny data and shapes, the shipped ontology."""
    options.setdefault("data", [FIXTURES / "valid-data.ttl"])
    options.setdefault("shapes", [FIXTURES / "shapes.ttl"])
    options.setdefault("date", DATE)
    return write_release(target, **options)


def sparql(graph: rdflib.Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIXES + query)]


_READ: dict[Path, frozenset] = {}


def triples(path: Path) -> frozenset:
    """The statements of a file of the module's release, read once (the files do not change;
    several checks compare the same .nt files), with the blank-node labels canonical_quads gives
    them (export.canonical.relabel over the statements each once, as canonical_quads does; as a
    set, so without its sorting)."""
    from imvo_graph.export.canonical import relabel

    if path not in _READ:
        quads = [ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=OX_FORMATS[path.suffix])]
        _READ[path] = frozenset(q.triple for q in relabel(dict.fromkeys(quads)))
    return _READ[path]


# ------------------------------------------------------------------------------------------
# contents


def test_release_holds_every_part_in_every_format_and_the_metadata(release):
    folder, result = release
    expected = {f"imvo-graph-{__version__}-{part}{spec.suffix}" for part in RELEASE_PARTS for spec in FORMATS.values()}
    expected |= {
        f"imvo-graph-{__version__}-context.jsonld",
        f"imvo-graph-{__version__}-ontology.html",
        "catalog.ttl",
        "catalog.jsonld",
        "void.ttl",
        "SHA256SUMS",
    }
    assert {p.name for p in folder.iterdir()} == expected
    assert set(result.files) == expected and result.files[-1] == "SHA256SUMS"
    assert result.conforms
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")], "no temporary folder is left"


def test_every_format_of_a_part_holds_the_same_graph(release):
    folder, _ = release
    for part in RELEASE_PARTS:
        reference = triples(folder / f"imvo-graph-{__version__}-{part}.nt")
        assert reference
        for spec in FORMATS.values():
            assert triples(folder / f"imvo-graph-{__version__}-{part}{spec.suffix}") == reference, (part, spec.name)
    merged = triples(folder / f"imvo-graph-{__version__}-all.nt")
    parts = [triples(folder / f"imvo-graph-{__version__}-{p}.nt") for p in ("ontology", "data", "shapes")]
    assert len(merged) == sum(len(p) for p in parts) - _shared(parts)


def _shared(parts) -> int:
    # statements that appear in two parts are one statement of the merged graph
    seen, duplicates = set(), 0
    for part in parts:
        duplicates += len(seen & part)
        seen |= part
    return duplicates


def test_sha256sums_lists_every_other_file_with_its_checksum(release):
    folder, _ = release
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == {p.name for p in folder.iterdir()} - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert lines == sorted(lines, key=lambda line: line.split("  ", 1)[1])


def test_the_context_file_is_the_shipped_one(release):
    from imvo_graph.export.context import context_path

    folder, _ = release
    assert (folder / f"imvo-graph-{__version__}-context.jsonld").read_bytes() == context_path().read_bytes()


# ------------------------------------------------------------------------------------------
# the catalogue


@pytest.mark.parametrize("name,fmt", [("catalog.ttl", "turtle"), ("catalog.jsonld", "json-ld")])
def test_catalog_conforms_to_dcat_ap_nl_with_zero_violations(release, name, fmt):
    graph = rdflib.Graph().parse(release[0] / name, format=fmt)
    report = validate_catalog(graph)
    assert report.violations == []
    assert report.conforms


def test_catalog_checks_can_fail():
    """The vendored shapes do catch a broken catalogue (so a pass above means something)."""
    from rdflib import URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDF

    item = Distribution("data", "x.ttl", "RDF_TURTLE", "text/turtle", "Turtle", 3, "00" * 32, "x", "x")
    graph = build_catalog([item], version="1.0.0", base_url="https://example.org/", endpoint_url=DEFAULT_ENDPOINT,
                          issued=DATE, modified=DATE)
    assert validate_catalog(graph).conforms
    dataset = URIRef("https://w3id.org/imvo-graph/id/dataset/imvo-graph-data")
    graph.remove((dataset, DCTERMS.publisher, None))
    graph.remove((URIRef("https://w3id.org/imvo-graph/id/contactpunt/imvo-graph"), RDF.type, None))
    graph.remove((None, DCAT.byteSize, None))
    graph.add((URIRef("https://w3id.org/imvo-graph/id/distributie/1.0.0/x.ttl"), DCAT.byteSize, rdflib.Literal("3")))
    report = validate_catalog(graph)
    paths = {str(path) for _focus, path, _message in report.violations}
    assert str(DCTERMS.publisher) in paths
    assert str(DCAT.contactPoint) in paths
    assert str(DCAT.byteSize) in paths


def test_every_checksum_and_byte_size_in_the_catalog_matches_its_file(release, catalog):
    folder, _ = release
    base = default_base_url()
    rows = sparql(catalog, """
        SELECT ?distribution ?url ?size ?checksum ?algorithm WHERE {
            ?distribution a dcat:Distribution ; dcat:downloadURL ?url ; dcat:accessURL ?url ;
                dcat:byteSize ?size ; spdx:checksum [ spdx:checksumValue ?checksum ; spdx:algorithm ?algorithm ] .
        }""")
    described = set()
    for _distribution, url, size, checksum, algorithm in rows:
        assert str(url).startswith(base)
        name = str(url)[len(base):]
        content = (folder / name).read_bytes()
        assert int(size) == len(content), name
        assert size.datatype == rdflib.XSD.nonNegativeInteger
        assert str(checksum) == hashlib.sha256(content).hexdigest(), name
        assert checksum.datatype == rdflib.XSD.hexBinary
        assert str(algorithm) == "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
        described.add(name)
    distributions = sparql(catalog, "SELECT ?d WHERE { ?d a dcat:Distribution }")
    assert len(rows) == len(distributions), "every distribution has one download URL, size and checksum"
    # every data file is a distribution; the catalogue, VoID and checksum list describe them
    assert described == {p.name for p in folder.iterdir()} - {"catalog.ttl", "catalog.jsonld", "void.ttl", "SHA256SUMS"}


def test_catalog_has_the_mandatory_items(catalog):
    datasets = [row[0] for row in sparql(catalog, "SELECT ?d WHERE { ?d a dcat:Dataset }")]
    assert len(datasets) == 4
    for dataset in datasets:
        for prop in ("dct:title", "dct:description"):
            langs = {row[0].language for row in sparql(catalog, f"SELECT ?v WHERE {{ <{dataset}> {prop} ?v }}")}
            assert langs == {"nl", "en"}, (dataset, prop)
        (row,) = sparql(catalog, f"""
            SELECT ?id ?publisher ?creator ?contact ?access ?version ?issued ?modified WHERE {{
                <{dataset}> dct:identifier ?id ; dct:publisher ?publisher ; dct:creator ?creator ;
                    dcat:contactPoint ?contact ; dct:accessRights ?access ; dcat:version ?version ;
                    dct:issued ?issued ; dct:modified ?modified .
                ?contact a vcard:Kind .
            }}""")
        _id, publisher, creator, _contact, access, version, issued, modified = row
        assert str(publisher) == str(creator) == MINISTRY
        assert str(access) == "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
        assert str(version) == __version__
        assert (str(issued), str(modified)) == ("2024-01-15", DATE)
        themes = sparql(catalog, f"SELECT ?t WHERE {{ <{dataset}> dcat:theme ?t }}")
        assert themes and all(str(t[0]).startswith("http://publications.europa.eu/resource/authority/data-theme/") for t in themes)
        languages = {str(r[0]) for r in sparql(catalog, f"SELECT ?l WHERE {{ <{dataset}> dct:language ?l }}")}
        assert languages == {"http://publications.europa.eu/resource/authority/language/NLD",
                             "http://publications.europa.eu/resource/authority/language/ENG"}
    missing = sparql(catalog, """
        SELECT ?d WHERE { ?d a dcat:Distribution .
            FILTER NOT EXISTS { ?d dct:license ?l ; dct:format ?f ; dcat:mediaType ?m ; dct:issued ?i ; dct:modified ?mo }
        }""")
    assert missing == []
    formats = {str(r[0]) for r in sparql(catalog, "SELECT DISTINCT ?f WHERE { ?d a dcat:Distribution ; dct:format ?f }")}
    assert all(f.startswith("http://publications.europa.eu/resource/authority/file-type/") for f in formats)
    names = {str(r[0]) for r in sparql(catalog, f"SELECT ?n WHERE {{ <{MINISTRY}> foaf:name ?n }}")}
    assert "Ministerie van Buitenlandse Zaken" in names


def test_the_sparql_endpoint_is_a_data_service(catalog):
    rows = sparql(catalog, """
        SELECT ?service ?endpoint ?served WHERE {
            ?catalog dcat:service ?service . ?service a dcat:DataService ; dcat:endpointURL ?endpoint ;
                dcat:servesDataset ?served ; dcat:endpointDescription ?description .
        }""")
    assert [(str(r[1]), str(r[2])) for r in rows] == [(DEFAULT_ENDPOINT, "https://w3id.org/imvo-graph/id/dataset/imvo-graph")]


# ------------------------------------------------------------------------------------------
# VoID, versions, documentation


def test_void_counts_match_the_released_graph(release):
    folder, _ = release
    void = rdflib.Graph().parse(folder / "void.ttl", format="turtle")
    merged = ox.Store()
    merged.extend(ox.parse(path=str(folder / f"imvo-graph-{__version__}-all.nt"), format=ox.RdfFormat.N_TRIPLES))
    all_iri = "https://w3id.org/imvo-graph/id/dataset/imvo-graph"
    (row,) = sparql(void, f"""SELECT ?t ?c ?p ?e WHERE {{ <{all_iri}> void:triples ?t ; void:classes ?c ;
        void:properties ?p ; void:entities ?e }}""")
    number = lambda q: int(next(iter(merged.query(q)))["n"].value)  # noqa: E731
    assert int(row[0]) == len(triples(folder / f"imvo-graph-{__version__}-all.nt"))
    assert int(row[1]) == number("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c FILTER isIRI(?c) }")
    assert int(row[2]) == number("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")
    assert int(row[3]) == number("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER isIRI(?s) }")
    partitions = sparql(void, f"SELECT ?c ?n WHERE {{ <{all_iri}> void:classPartition [ void:class ?c ; void:entities ?n ] }}")
    assert len(partitions) == int(row[1])
    for cls, n in partitions:
        assert int(n) == number(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{cls}> }}"), cls
    properties = sparql(void, f"SELECT ?p ?n WHERE {{ <{all_iri}> void:propertyPartition [ void:property ?p ; void:triples ?n ] }}")
    assert len(properties) == int(row[2])
    rdf_type = next(int(n) for p, n in properties if str(p) == str(rdflib.RDF.type))
    assert rdf_type == number("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }")
    subsets = {str(r[0]) for r in sparql(void, f"SELECT ?s WHERE {{ <{all_iri}> void:subset ?s }}")}
    assert subsets == {f"{all_iri}-{p}" for p in ("ontology", "data", "shapes")}


def test_version_is_in_the_ontology_the_catalog_and_the_file_names(release, catalog):
    folder, _ = release
    ontology = rdflib.Graph().parse(folder / f"imvo-graph-{__version__}-ontology.ttl", format="turtle")
    rows = sparql(ontology, "SELECT ?iri ?info WHERE { ?o a owl:Ontology ; owl:versionIRI ?iri ; owl:versionInfo ?info }")
    assert [(str(a), str(b)) for a, b in rows] == [(f"https://w3id.org/imvo-graph/def/{__version__}", __version__)]
    versions = {str(r[0]) for r in sparql(catalog, "SELECT ?v WHERE { ?d dcat:version ?v }")}
    assert versions == {__version__}
    assert all(__version__ in p.name for p in folder.iterdir() if p.name.startswith("imvo-graph-"))


def test_shipped_ontology_version_matches_the_package():
    from imvo_graph.resources import load_shipped

    store = load_shipped("ontology")
    rows = list(store.query("SELECT ?info WHERE { ?o a <http://www.w3.org/2002/07/owl#Ontology> ; "
                            "<http://www.w3.org/2002/07/owl#versionInfo> ?info }"))
    assert [r["info"].value for r in rows] == [__version__]


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.langs = set(), set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            if name == "lang":
                self.langs.add(value)


def test_documentation_has_every_class_and_property_in_dutch_and_english(release):
    folder, _ = release
    page = (folder / f"imvo-graph-{__version__}-ontology.html").read_text(encoding="utf-8")
    parser = _Ids()
    parser.feed(page)
    assert {"nl", "en"} <= parser.langs
    ontology = rdflib.Graph().parse(folder / f"imvo-graph-{__version__}-ontology.ttl", format="turtle")
    terms = sparql(ontology, """
        SELECT ?term ?nl ?en WHERE {
            VALUES ?type { owl:Class owl:ObjectProperty owl:DatatypeProperty }
            ?term a ?type ; rdfs:label ?nl , ?en .
            FILTER(STRSTARTS(STR(?term), "https://w3id.org/imvo-graph/def#") && LANG(?nl) = "nl" && LANG(?en) = "en")
        }""")
    assert len({t[0] for t in terms}) >= 30
    from html import escape

    for term, nl, en in terms:
        local = str(term).split("#", 1)[1]
        assert local in parser.ids, local
        assert escape(str(nl)) in page and escape(str(en)) in page, local
    # the diagram is drawn at build time: an inline SVG with every object property, no script
    assert "<script" not in page and "cdn" not in page.lower()
    svg = page[page.index("<svg"):page.index("</svg>")]
    properties = sparql(ontology, "SELECT ?p WHERE { ?p a owl:ObjectProperty FILTER(STRSTARTS(STR(?p), 'https://w3id.org/imvo-graph/def#')) }")
    assert len(properties) >= 15
    for (prop,) in properties:
        assert re.search(rf"[>, ]imvo:{str(prop).split('#', 1)[1]}[,<]", svg), prop
    assert ">imvo:SectorCovenant</text>" in svg and ">imvo:Covenant</text>" in svg
    # what pyLODE/Widoco pages have: namespaces, a term index, "in range of", the release's files
    assert 'id="namespaces"' in page and "<code>skos:</code>" in page and 'id="term-index"' in page
    assert "In het bereik van / In range of" in page
    linked = set(re.findall(r'<a href="([^"#:]+)">', page))
    assert f"imvo-graph-{__version__}-ontology.ttl" in linked and "catalog.ttl" in linked
    assert all((folder / name).is_file() for name in linked), linked


# ------------------------------------------------------------------------------------------
# options, determinism and bad input (small and fast releases)


def test_base_url_and_endpoint_url_options(tmp_path):
    target = tmp_path / "r"
    small_release(target, base_url="https://data.example.org/imvo/1", endpoint_url="https://sparql.example.org/imvo")
    catalog = rdflib.Graph().parse(target / "catalog.ttl", format="turtle")
    urls = {str(r[0]) for r in sparql(catalog, "SELECT ?u WHERE { ?d dcat:downloadURL ?u }")}
    assert urls and all(u.startswith("https://data.example.org/imvo/1/imvo-graph-") for u in urls)
    endpoints = {str(r[0]) for r in sparql(catalog, "SELECT ?u WHERE { ?s dcat:endpointURL ?u }")}
    assert endpoints == {"https://sparql.example.org/imvo"}
    assert validate_catalog(catalog).conforms


_RELEASE_SCRIPT = """
import sys
from pathlib import Path
from imvo_graph.release import write_release
f = Path(sys.argv[2])
write_release(sys.argv[1], data=[f / "valid-data.ttl"], shapes=[f / "shapes.ttl"])
"""


def test_a_release_is_byte_identical_across_processes(tmp_path):
    sums = []
    for seed in ("0", "31337"):
        target = tmp_path / f"r{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        done = subprocess.run([sys.executable, "-c", _RELEASE_SCRIPT, str(target), str(FIXTURES)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)
        assert done.returncode == 0, done.stderr
        sums.append((target / "SHA256SUMS").read_text())
    assert sums[0] == sums[1]
    assert "2023-11-14" in (tmp_path / "r0" / "catalog.ttl").read_text()  # SOURCE_DATE_EPOCH


def test_invalid_data_is_refused_and_nothing_is_written(tmp_path):
    target = tmp_path / "r"
    with pytest.raises(InvalidGraphError, match="1 violation"):
        small_release(target, data=[FIXTURES / "invalid-data.ttl"])
    assert list(tmp_path.iterdir()) == []
    result = small_release(target, data=[FIXTURES / "invalid-data.ttl"], allow_invalid=True)
    assert not result.conforms and (target / "catalog.ttl").exists()


def test_existing_output_is_refused_unless_forced(tmp_path):
    target = tmp_path / "r"
    small_release(target)
    before = (target / "SHA256SUMS").read_text()
    with pytest.raises(OutputError, match="already exists"):
        small_release(target, date="2024-04-01")
    assert (target / "SHA256SUMS").read_text() == before
    small_release(target, date="2024-04-01", overwrite=True)  # a previous release is replaced
    assert (target / "SHA256SUMS").read_text() != before
    assert "2024-04-01" in (target / "catalog.ttl").read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["r"]


def test_force_replaces_only_a_previous_unchanged_release(tmp_path):
    import shutil

    def refused(target, match):
        def snapshot():
            return {p.name: p.read_bytes() if p.is_file() else None for p in target.iterdir()}

        contents = snapshot()
        with pytest.raises(OutputError, match=match):
            small_release(target, overwrite=True)
        assert snapshot() == contents
        assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no leftovers

    home = tmp_path / "home" / "user"
    home.mkdir(parents=True)
    (home / "thesis.docx").write_text("years of work")
    refused(home, "is not a previous imvo-graph release")

    # one release, copied for each case (the same bytes as a release written there)
    built = tmp_path / "built" / "r"
    built.parent.mkdir()
    small_release(built)

    extra = tmp_path / "extra" / "r"
    shutil.copytree(built, extra)
    (extra / "notes.txt").write_text("mine")
    refused(extra, "it holds notes.txt, which is not a file of the release")

    edited = tmp_path / "edited" / "r"
    shutil.copytree(built, edited)
    with open(edited / "catalog.ttl", "a") as stream:
        stream.write("# my edit\n")
    refused(edited, "catalog.ttl was changed since the release")

    nested = tmp_path / "nested" / "r"
    shutil.copytree(built, nested)
    (nested / "sub").mkdir()
    refused(nested, "sub, which is not a file of the release")

    empty = tmp_path / "empty" / "r"
    empty.mkdir(parents=True)
    refused(empty, "it has no SHA256SUMS")

    link = tmp_path / "link"
    link.mkdir()
    shutil.copytree(built, link / "real")
    (link / "r").symlink_to(link / "real")
    with pytest.raises(OutputError, match="symbolic link"):
        small_release(link / "r", overwrite=True)
    assert (link / "r").is_symlink()


def test_force_never_replaces_a_folder_holding_an_input(tmp_path):
    import shutil

    # the QA case: a folder of data files released into itself
    data = tmp_path / "data5"
    data.mkdir()
    shutil.copy(FIXTURES / "valid-data.ttl", data / "valid-data.ttl")
    with pytest.raises(OutputError, match="holds the input"):
        small_release(data, data=[data / "valid-data.ttl"], overwrite=True)
    assert [p.name for p in data.iterdir()] == ["valid-data.ttl"]

    # a previous release that is itself an input (its data file, or --previous)
    old = tmp_path / "old"
    small_release(old)
    data_file = next(old.glob("imvo-graph-*-data.ttl"))
    with pytest.raises(OutputError, match="holds the input"):
        small_release(old, data=[data_file], overwrite=True)
    with pytest.raises(OutputError, match="holds the input"):
        small_release(old, previous=old, overwrite=True)
    assert data_file.exists()


def test_an_error_while_building_leaves_nothing(tmp_path, monkeypatch):
    import imvo_graph.release.void as void_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(void_module, "build_void", broken)
    with pytest.raises(RuntimeError):
        small_release(tmp_path / "r")
    assert list(tmp_path.iterdir()) == []


def test_bad_options_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="not an absolute http"):
        small_release(tmp_path / "r", base_url="ftp://example.org/")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        small_release(tmp_path / "r", date="1 March 2024")
    for date in ("2024-13-01", "2023-02-29", "2024-00-10"):
        with pytest.raises(InputError, match=r"date='.*' is not a valid date \(YYYY-MM-DD\)"):
            small_release(tmp_path / "r", date=date)
    with pytest.raises(InputError, match=r"issued='2024-02-30' is not a valid date \(YYYY-MM-DD\)"):
        small_release(tmp_path / "r", issued="2024-02-30")
    with pytest.raises(InputError, match="issued=2024-03-02 is after the release date 2024-03-01"):
        small_release(tmp_path / "r", issued="2024-03-02")
    for address in ("not an email", "x@y>z", "a b@example.org", "<a@example.org>", "a@", "@example.org", 'a"@b.org'):
        with pytest.raises(InputError, match="contact_email=.* is not an e-mail address"):
            small_release(tmp_path / "r", contact_email=address)
    with pytest.raises(OutputError, match="no such folder"):
        small_release(tmp_path / "missing" / "r")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["endpoint_url", "base_url"])
@pytest.mark.parametrize("url", ["https://user:s3cret@example.org/sparql", "https://user:s3cret%40x@example.org/",
                                 "https://token@example.org/"])
def test_a_url_with_credentials_is_not_published(option, url, tmp_path):
    # the catalogue and VoID are public: a password in a URL written there would be published
    with pytest.raises(InputError, match=f"{option}=.* holds a user name or password") as caught:
        small_release(tmp_path / "r", **{option: url})
    assert "s3cret" not in str(caught.value) and "token" not in str(caught.value)
    assert "https://***@example.org/" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_previous_files_that_are_not_regular_are_refused_before_the_validation(tmp_path, monkeypatch):
    import imvo_graph.release.write as write_module

    def no_validation(plan):
        raise AssertionError("validated before checking previous")

    monkeypatch.setattr(write_module, "_validate", no_validation)
    release_dir = tmp_path / "release"  # a previous release whose merged graph is a named pipe
    release_dir.mkdir()
    os.mkfifo(release_dir / "imvo-graph-1.0-all.nt")
    folder = tmp_path / "folder"  # a folder of RDF files, one of them a device
    folder.mkdir()
    (folder / "good.nt").write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    (folder / "zero.nt").symlink_to("/dev/zero")
    for previous, words in [(release_dir, "imvo-graph-1.0-all.nt: is a named pipe (FIFO)"), (folder, "zero.nt: is a device")]:
        with pytest.raises(InputError, match=re.escape(f"previous={str(previous)!r} cannot be read: {previous}/{words}")):
            small_release(tmp_path / "r", previous=previous)
    assert not (tmp_path / "r").exists()


def test_contact_email_is_a_safe_mailto_iri(tmp_path):
    target = tmp_path / "r"
    small_release(target, contact_email="imvo+data/team%1{x}?#&=@example.org")
    catalog = rdflib.Graph().parse(target / "catalog.ttl", format="turtle")
    (email,) = [str(r[0]) for r in sparql(catalog, "SELECT ?e WHERE { ?c vcard:hasEmail ?e }")]
    assert email == "mailto:imvo+data%2Fteam%251%7Bx%7D%3F%23%26%3D@example.org"
    assert validate_catalog(catalog).conforms


def test_cli_bad_dates_emails_and_force(cli, tmp_path):
    for args, message in [
        (("--contact-email", "not an email"), "--contact-email 'not an email' is not an e-mail address"),
        (("--contact-email", "x@y>z"), "--contact-email 'x@y>z' is not an e-mail address"),
        (("--date", "2024-13-01"), "--date '2024-13-01' is not a valid date (YYYY-MM-DD)"),
        (("--date", "2024-03-01", "--issued", "2024-04-01"), "--issued 2024-04-01 is after the release date 2024-03-01"),
    ]:
        result = cli("release", "-o", str(tmp_path / "r"), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []

    data = tmp_path / "data5"
    data.mkdir()
    (data / "invalid-data.ttl").write_bytes((FIXTURES / "invalid-data.ttl").read_bytes())
    result = cli("release", "-o", str(data), "--force", "--allow-invalid", str(data / "invalid-data.ttl"))
    assert result.returncode == 2 and "holds the input" in result.stderr, result.stderr
    assert [p.name for p in data.iterdir()] == ["invalid-data.ttl"]

    home = tmp_path / "home"
    home.mkdir()
    (home / "letter.odt").write_text("mine")
    result = cli("release", "-o", str(home), "--force")
    assert result.returncode == 2 and "is not a previous imvo-graph release" in result.stderr, result.stderr
    assert (home / "letter.odt").read_text() == "mine"


def test_cli_exit_codes(cli, tmp_path):
    existing = tmp_path / "existing"
    existing.mkdir()
    result = cli("release", "--output", str(existing))
    assert result.returncode == 2 and "already exists" in result.stderr and "Traceback" not in result.stderr

    result = cli("release", "--output", str(tmp_path / "no" / "r"))
    assert result.returncode == 2 and "no such folder" in result.stderr

    result = cli("release", "--output", str(tmp_path / "r"), "--endpoint-url", "not a url")
    assert result.returncode == 2 and "--endpoint-url" in result.stderr

    result = cli("release", "--output", str(tmp_path / "r"), str(FIXTURES / "invalid-data.ttl"))
    assert result.returncode == 1, result.stderr
    assert "does not conform" in result.stderr and "--allow-invalid" in result.stderr
    assert f"run `imvo-graph validate {FIXTURES / 'invalid-data.ttl'}` for the details" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]


def test_a_dataset_version_names_the_files_dcat_and_void_but_not_the_ontology(tmp_path):
    first = small_release(tmp_path / "r1", dataset_version="2017.1")
    assert first.version == "2017.1"
    names = sorted(first.files)
    assert "imvo-graph-2017.1-data.ttl" in names and not any(__version__ in n for n in names if n != "SHA256SUMS")
    catalog = rdflib.Graph().parse(tmp_path / "r1" / "catalog.ttl", format="turtle")
    assert {str(r[0]) for r in sparql(catalog, "SELECT ?v WHERE { ?d dcat:version ?v }")} == {"2017.1"}
    downloads = {str(r[0]) for r in sparql(catalog, "SELECT ?u WHERE { ?d dcat:downloadURL ?u }")}
    assert downloads and all(u.startswith("https://w3id.org/imvo-graph/release/2017.1/") for u in downloads)
    void = rdflib.Graph().parse(tmp_path / "r1" / "void.ttl", format="turtle")
    assert {str(r[0]) for r in sparql(void, "SELECT ?v WHERE { ?d a void:Dataset ; owl:versionInfo ?v }")} == {"2017.1"}
    # the ontology ships with the software: it keeps the package's version
    ontology = rdflib.Graph().parse(tmp_path / "r1" / "imvo-graph-2017.1-ontology.ttl", format="turtle")
    assert {str(r[0]) for r in sparql(ontology, "SELECT ?v WHERE { ?o a owl:Ontology ; owl:versionInfo ?v }")} == {__version__}


def test_changes_since_the_previous_release_are_in_dutch_and_english(tmp_path):
    small_release(tmp_path / "r1", dataset_version="1")
    data = tmp_path / "data.ttl"
    data.write_text((FIXTURES / "valid-data.ttl").read_text().replace("Testconvenant", "Proefconvenant"))
    small_release(tmp_path / "r2", data=[data], previous=tmp_path / "r1", dataset_version="2")
    changes = (tmp_path / "r2" / "CHANGES.md").read_text()
    dutch, english = changes.split("\n---\n")
    assert dutch.startswith("# Wijzigingen in release 2\n") and "Proefconvenant" in dutch
    assert english.strip().startswith("# Changes in release 2\n") and "Proefconvenant" in english


@pytest.mark.parametrize("version", ["", "1 0", "../x", "-1", "a/b", "x" * 65])
def test_a_bad_dataset_version_is_refused_before_anything_is_written(tmp_path, version):
    with pytest.raises(InputError, match="dataset version"):
        small_release(tmp_path / "r", dataset_version=version)
    assert not (tmp_path / "r").exists()


def test_documentation_says_the_shapes_of_each_class_in_words(release):
    folder, _ = release
    page = (folder / f"imvo-graph-{__version__}-ontology.html").read_text(encoding="utf-8")
    covenant = page[page.index('<section class="term" id="Covenant">'):]
    covenant = covenant[:covenant.index("</section>")]
    assert "Een convenant heeft precies één status (imvo:status) (een van: afgesloten, in werking, verwacht)." in covenant
    assert "A covenant has exactly one status (imvo:status) (one of: concluded, in force, expected)." in covenant
