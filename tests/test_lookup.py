"""imvo_graph.lookup on the shipped graph: finding a resource and describing it."""

from __future__ import annotations

import pytest
from conftest import select

from imvo_graph.lookup import AmbiguousResource, UnknownResource, describe_resource, find_resource
from imvo_graph.lookup.describe import quote
from imvo_graph.lookup.resolve import curie, expand

TEXTIEL = "https://w3id.org/imvo-graph/id/convenant/textiel"


@pytest.mark.parametrize(
    "name",
    [TEXTIEL, f"<{TEXTIEL}>", "conv:textiel", "textielconvenant", "Textile Covenant", "  TEXTILE   covenant "],
)
def test_an_iri_a_curie_and_a_label_in_either_language_find_the_resource(shipped_store, name):
    assert find_resource(shipped_store, name).value == TEXTIEL


def test_a_label_of_two_resources_is_ambiguous_and_names_both(shipped_store):
    with pytest.raises(AmbiguousResource) as info:
        find_resource(shipped_store, "Goud")
    assert {iri.rsplit("/", 2)[-2] for iri, _ in info.value.matches} == {"grondstof", "sector"}
    assert info.value.exit_code == 2


@pytest.mark.parametrize("name, closest", [("conv:textil", TEXTIEL), ("textiel convenant", TEXTIEL)])
def test_an_unknown_resource_lists_the_closest(shipped_store, name, closest):
    with pytest.raises(UnknownResource) as info:
        find_resource(shipped_store, name)
    assert info.value.matches[0][0] == closest


def test_an_iri_the_graph_does_not_mention_is_unknown(shipped_store):
    with pytest.raises(UnknownResource, match="says nothing about"):
        find_resource(shipped_store, "https://example.org/nothing")


def test_the_description_has_both_directions_labels_and_the_paragraphs(shipped_store):
    about = describe_resource(shipped_store, find_resource(shipped_store, "conv:textiel"), lang="en")
    assert about.label == "textile covenant"
    assert [label for _, label in about.types] == ["IRBC sector covenant"]
    sector = next(s for s in about.outgoing if s.predicate.value.endswith("#sector"))
    assert (sector.predicate_label, sector.other_label) == ("sector", "textiles")
    assert {s.other.value.rsplit("/", 1)[-1] for s in about.incoming} >= {"rapportage-eerste-jaar-textielconvenant"}
    sources = select(shipped_store, f"""SELECT ?anchor WHERE {{ <{TEXTIEL}> dct:source ?p . ?p a imvo:Paragraph ;
                                          imvo:anchor ?anchor ; imvo:position ?n }} ORDER BY ?n""")
    assert [p.anchor for p in about.paragraphs] == [a for (a,) in sources] and "p09" in [a for (a,) in sources]
    p09 = next(p for p in about.paragraphs if p.anchor == "p09")
    assert p09.quote == "Het textielconvenant vierde onlangs zijn eerste verjaardag."  # the sentence naming it
    # the RDF output: both directions, and every reification of a statement about it whole
    statements = {t.subject for t in about.triples if t.predicate.value.endswith("#subject")}
    statements |= {t.subject for t in about.triples if t.predicate.value.endswith("#object")}
    assert statements, "the textile covenant's statements are reified in the shipped data"
    whole = [t for t in about.triples if t.subject in statements]
    assert len(about.triples) == len(about.outgoing) + len(about.incoming) + len(whole)
    for statement in statements:
        in_store = {(q.predicate, q.object) for q in shipped_store.quads_for_pattern(statement, None, None)}
        assert {(t.predicate, t.object) for t in whole if t.subject == statement} == in_store
        assert {p.value.rsplit("#", 1)[-1] for p, _ in in_store} >= {"type", "subject", "predicate", "object"}


def test_a_quote_is_the_sentence_that_names_the_resource_cut_at_a_word():
    text = "Eerst iets anders. Dan het goudconvenant, dat " + "heel lang doorgaat " * 20 + "tot hier."
    assert quote(text, ["goudconvenant"], length=60) == "Dan het goudconvenant, dat heel lang doorgaat heel lang…"
    assert quote("Een zin. Nog een.", ["niets"]) == "Een zin."


def test_curies_use_the_project_prefixes():
    assert curie(TEXTIEL) == "conv:textiel"
    assert expand("conv:textiel") == TEXTIEL
    assert curie("https://example.org/x") == "<https://example.org/x>"
    assert expand("plain words") is None


def test_a_statement_reified_with_its_source_carries_the_paragraphs_and_is_not_listed_as_a_reference(tmp_path):
    from imvo_graph.rdf.loading import load_store

    graph = tmp_path / "g.ttl"
    graph.write_text("""
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix imvo: <https://w3id.org/imvo-graph/def#> .
        @prefix ex: <https://example.org/> .
        ex:c imvo:status ex:done ; dct:source ex:p1 , ex:p2 .
        ex:p1 a imvo:Paragraph ; imvo:anchor "p01" ; imvo:position 1 ; rdf:value "Een. Twee." .
        ex:p2 a imvo:Paragraph ; imvo:anchor "p02" ; imvo:position 2 ; rdf:value "Drie." .
        ex:s a rdf:Statement ; rdf:subject ex:c ; rdf:predicate imvo:status ; rdf:object ex:done ; dct:source ex:p2 .
    """)
    store = load_store([graph])
    about = describe_resource(store, "https://example.org/c")
    status = next(s for s in about.outgoing if s.predicate.value.endswith("#status"))
    assert status.sources == ("p02",)
    assert about.incoming == []  # the rdf:Statement is provenance, not a reference
    # but it is in the RDF output, whole, with its source
    reification = {(t.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1], t.object.value)
                   for t in about.triples if t.subject.value == "https://example.org/s"}
    assert reification == {("type", "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"),
                           ("subject", "https://example.org/c"), ("predicate", "https://w3id.org/imvo-graph/def#status"),
                           ("object", "https://example.org/done"), ("source", "https://example.org/p2")}
    import pyoxigraph as ox

    written = {q.triple for q in ox.parse(about.graph_bytes("turtle"), format=ox.RdfFormat.TURTLE)}
    assert written == set(about.triples)  # the turtle output holds it too
    assert "[p02]" in about.text()


@pytest.mark.parametrize("order", [("nl", "en"), ("en", "nl")])
@pytest.mark.parametrize("lang, expected", [("nl", "textielconvenant"), ("en", "textile covenant")])
def test_the_closest_iris_are_named_in_the_chosen_language_whatever_the_store_order(order, lang, expected):
    import pyoxigraph as ox

    label = {"nl": "textielconvenant", "en": "textile covenant"}
    store = ox.Store()
    for tag in order:  # the same labels added in either order
        store.add(ox.Quad(ox.NamedNode(TEXTIEL), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(label[tag], language=tag)))
    with pytest.raises(UnknownResource) as info:
        find_resource(store, "conv:textil", lang=lang)
    assert info.value.matches == [(TEXTIEL, expected)]
    assert f"closest: {expected} (conv:textiel)" in str(info.value)
