"""Every fact traces to a paragraph of the letter that exists, and the letter's text is faithful."""

from __future__ import annotations

import re

import pytest
from conftest import LETTER, LETTER_SOURCE, select


def source_paragraph_anchors() -> list[str]:
    return re.findall(r"^\[(p\d\d)\]", LETTER_SOURCE.read_text(encoding="utf-8"), flags=re.M)


def test_the_graph_has_every_paragraph_of_the_letter(shipped_store):
    rows = select(shipped_store, "SELECT ?p ?a WHERE { ?p a imvo:Paragraph ; imvo:anchor ?a }")
    assert sorted(a for _, a in rows) == source_paragraph_anchors()
    assert all(p == f"{LETTER}#{a}" for p, a in rows)


def test_paragraph_text_is_the_source_text(shipped_store):
    text = LETTER_SOURCE.read_text(encoding="utf-8")
    rows = dict(select(shipped_store, "SELECT ?a ?v WHERE { ?p a imvo:Paragraph ; imvo:anchor ?a ; rdf:value ?v }"))
    for anchor in source_paragraph_anchors():
        match = re.search(rf"^\[{anchor}\] (.*?)(?=^\[p\d\d\]|^## |\Z)", text, flags=re.M | re.S)
        source = re.sub(r"\s+", " ", match.group(1).replace("*", "")).strip()
        assert re.sub(r"\s+", " ", rows[anchor]).strip() == source, anchor


@pytest.fixture(scope="module")
def data_store():
    """The data files alone, without the model, so that only data resources are checked."""
    from imvo_graph.rdf.loading import load_store
    from imvo_graph.resources import shipped_files

    store = load_store(shipped_files("data"))
    return store


def test_every_typed_resource_has_a_source_paragraph(data_store):
    """Every typed resource of the data, other than the letter's own parts, cites a paragraph."""
    rows = select(
        data_store,
        """
        SELECT DISTINCT ?s WHERE {
          ?s a ?type .
          FILTER NOT EXISTS { ?s a imvo:Paragraph } FILTER NOT EXISTS { ?s a imvo:Section }
          FILTER NOT EXISTS { ?s dct:source ?paragraph . ?paragraph a imvo:Paragraph }
        }
        """,
    )
    assert rows == []


def test_there_is_data_with_provenance(data_store):
    (count,) = select(data_store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t ; dct:source ?p . ?p a imvo:Paragraph }")[0]
    assert int(count) >= 100


def test_relationships_trace_to_a_paragraph(data_store):
    """Every link between two resources has a subject that cites a paragraph (docs/model.md)."""
    rows = select(
        data_store,
        """
        SELECT DISTINCT ?s ?p ?o WHERE {
          ?s ?p ?o . ?o a ?type .
          FILTER (?p NOT IN (rdf:type, dct:source, dct:isPartOf))
          FILTER NOT EXISTS { ?s a imvo:Paragraph } FILTER NOT EXISTS { ?s a imvo:Section }
          FILTER NOT EXISTS { ?s dct:source ?para . ?para a imvo:Paragraph }
        }
        """,
    )
    assert rows == []


def test_generated_letter_text_is_up_to_date(tmp_path):
    """data/letter-text.ttl is what tools/build_letter_paragraphs.py makes of the source today."""
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "letter-text.ttl"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_letter_paragraphs.py"), str(LETTER_SOURCE), str(out)],
        check=True, capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "data" / "letter-text.ttl").read_bytes()


# -- statement-level provenance (docs/model.md, "Provenance"; issue 14) --------------------------

#: The paragraphs that make each statement of data/: its reification's dct:source where it has
#: one, else the dct:source of its subject (which then has one paragraph). The letter's own
#: paragraphs and sections (the sources themselves), the rdf:Statement nodes and dct:source
#: (the provenance itself) are not statements that need a paragraph.
STATEMENT_PARAGRAPHS = """
    SELECT ?s ?p ?o ?paragraph WHERE {
      ?s ?p ?o .
      FILTER (?p != dct:source)
      FILTER NOT EXISTS { ?s a imvo:Paragraph } FILTER NOT EXISTS { ?s a imvo:Section }
      FILTER NOT EXISTS { ?s a rdf:Statement }
      OPTIONAL { ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dct:source ?statedIn }
      OPTIONAL { ?s dct:source ?resourceSource }
      BIND (COALESCE(?statedIn, ?resourceSource) AS ?paragraph)
    }
"""


def statement_paragraphs(store) -> dict:
    found: dict = {}
    for s, p, o, paragraph in select(store, STATEMENT_PARAGRAPHS):
        found.setdefault((s, p, o), set())
        if paragraph:
            found[(s, p, o)].add(paragraph.rpartition("#")[2])
    return found


def test_every_statement_has_a_paragraph(data_store):
    found = statement_paragraphs(data_store)
    assert len(found) > 1500  # (literals in two languages count once here: select() gives plain strings)
    assert [k for k, paragraphs in found.items() if not paragraphs] == []


def test_statements_of_resources_with_several_sources_are_reified(data_store):
    """The rule that makes the answer exact: no statement of a multi-source resource falls back
    to the resource's sources."""
    rows = select(
        data_store,
        """SELECT DISTINCT ?s ?p ?o WHERE {
             ?s dct:source ?a , ?b . FILTER (?a != ?b) FILTER NOT EXISTS { ?s a rdf:Statement }
             ?s ?p ?o . FILTER (?p != dct:source)
             FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }""",
    )
    assert rows == []


def test_every_reification_describes_a_statement_of_the_data_with_its_subjects_sources(data_store):
    missing = select(
        data_store,
        """SELECT ?st WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             FILTER NOT EXISTS { ?s ?p ?o } }""",
    )
    outside = select(
        data_store,
        """SELECT ?st ?x WHERE { ?st a rdf:Statement ; rdf:subject ?s ; dct:source ?x .
             FILTER NOT EXISTS { ?s dct:source ?x } }""",
    )
    unused = select(
        data_store,
        """SELECT ?s ?x WHERE { ?st a rdf:Statement ; rdf:subject ?s . ?s dct:source ?x .
             FILTER NOT EXISTS { ?st2 rdf:subject ?s ; dct:source ?x } }""",
    )
    assert (missing, outside, unused) == ([], [], [])
    (count,) = select(data_store, "SELECT (COUNT(?st) AS ?n) WHERE { ?st a rdf:Statement }")[0]
    assert int(count) >= 400


@pytest.mark.parametrize(
    "s, p, o, paragraphs",
    [
        # p07 gives the date; p14 says only "na ondertekening in juni"
        ("convenant/verantwoord-goud", "def#signingDate", '"2017-06-19"^^xsd:date', {"p07"}),
        ("convenant/verantwoord-goud", "def#status", "<ID>convenantstatus/afgesloten", {"p07", "p14"}),
        # p15 relates the metal and technology trajectories; p07 only lists both sectors
        ("convenant/metaal", "dct:relation", "<ID>convenant/technologische-industrie", {"p15"}),
        ("convenant/metaal", "def#expectedIn", '"2018"^^xsd:gYear', {"p07"}),
        ("convenant/steenkool", "def#implements", "<ID>motie/26485-227", {"p40"}),
        ("kamerbrief/minbuza-2017-1027644", "dct:references", "<ID>kamerstuk/26485-233", {"p18"}),
        ("kamerbrief/minbuza-2017-1027644", "dct:date", '"2017-09-28"^^xsd:date', {"p04"}),
        ("motie/26485-227", "def#submitter", "<ID>persoon/van-veldhoven", {"p38"}),
        ("verzoek/ao-2017-05-31-evaluatie-convenantenproces", "def#followUp", "<ID>rapport/ser-evaluatie-convenantenproces-2020", {"p17"}),
        ("verzoek/ao-2017-05-31-mkb-oeso-richtlijnen", "def#madeAt", "<ID>gebeurtenis/ao-imvo-2017-05-31", {"p06", "p23"}),
        # a resource with one source: its statements come from that paragraph
        ("rapport/eerste-jaarrapportage-verantwoord-goud", "def#due", '"2018"^^xsd:gYear', {"p14"}),
    ],
)
def test_which_paragraphs_state_a_statement(data_store, s, p, o, paragraphs):
    ids = "https://w3id.org/imvo-graph/id/"
    predicate = {"dct:relation": "<http://purl.org/dc/terms/relation>", "dct:references": "<http://purl.org/dc/terms/references>",
                 "dct:date": "<http://purl.org/dc/terms/date>"}.get(p, f"<https://w3id.org/imvo-graph/{p}>")
    obj = o.replace("<ID>", "<" + ids)
    if obj.startswith("<"):
        obj += ">"
    query = STATEMENT_PARAGRAPHS.replace("?s ?p ?o .", f"BIND(<{ids}{s}> AS ?s) BIND({predicate} AS ?p) BIND({obj} AS ?o) ?s ?p ?o .", 1)
    found = {paragraph.rpartition("#")[2] for *_, paragraph in select(data_store, query)}
    assert found == paragraphs


def test_a_statement_without_a_paragraph_is_found(data_store):
    """Both ways: a new statement of a multi-source resource, and a removed reification, are
    statements without a paragraph of their own for the query and for the shape."""
    import pyoxigraph as ox

    from imvo_graph.rdf.loading import load_store
    from imvo_graph.resources import shipped_files

    store = load_store(shipped_files("data"))
    gold = ox.NamedNode("https://w3id.org/imvo-graph/id/convenant/verantwoord-goud")
    store.add(ox.Quad(gold, ox.NamedNode("http://purl.org/dc/terms/description"), ox.Literal("nieuw", language="nl")))
    removed = select(store, f"""SELECT ?st WHERE {{ ?st rdf:subject <{gold.value}> ;
                                  rdf:predicate imvo:signingDate }}""")[0][0]
    for quad in list(store.quads_for_pattern(ox.NamedNode(removed), None, None)):
        store.remove(quad)
    rows = select(
        store,
        """SELECT DISTINCT ?p WHERE {
             ?s dct:source ?a , ?b . FILTER (?a != ?b) FILTER NOT EXISTS { ?s a rdf:Statement }
             ?s ?p ?o . FILTER (?p != dct:source)
             FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }""",
    )
    assert sorted(p for (p,) in rows) == ["http://purl.org/dc/terms/description", "https://w3id.org/imvo-graph/def#signingDate"]


def test_generated_statement_sources_are_up_to_date(tmp_path):
    """data/statement-sources.ttl is what tools/build_statement_sources.py makes of the
    annotation and the data today."""
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "statement-sources.ttl"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_statement_sources.py"),
         str(ROOT / "sources" / "statement-paragraphs.tsv"), str(out)],
        check=True, capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "data" / "statement-sources.ttl").read_bytes()


def test_the_tool_refuses_an_incomplete_or_wrong_annotation(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    annotation = (ROOT / "sources" / "statement-paragraphs.tsv").read_text(encoding="utf-8")
    cases = {
        # a statement of the gold covenant (p07, p14) without an annotation
        "missing": (annotation.replace("conv:verantwoord-goud\timvo:signingDate\t*\tp07\n", ""), "no annotation for"),
        # p09 is no source of the gold covenant
        "outside": (annotation.replace("conv:verantwoord-goud\timvo:signingDate\t*\tp07\n",
                                       "conv:verantwoord-goud\timvo:signingDate\t*\tp09\n"), "p09 not among the sources"),
        "stale": (annotation + "conv:verantwoord-goud\timvo:due\t*\tp14\n", "matches no statement"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / f"{name}.tsv"
        path.write_text(text, encoding="utf-8")
        out = tmp_path / f"{name}.ttl"
        done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_statement_sources.py"), str(path), str(out)],
                              capture_output=True, text=True)
        assert done.returncode == 1 and message in done.stderr, (name, done.stderr)
        assert not out.exists()
