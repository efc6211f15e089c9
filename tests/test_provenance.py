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
    from imvo_graph.loading import load_store, shipped_files

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
