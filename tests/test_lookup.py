"""imvo_graph.lookup on the shipped graph: finding a resource and describing it."""

from __future__ import annotations

import pytest

from imvo_graph.lookup import AmbiguousResource, UnknownResource, describe_resource, find_resource
from imvo_graph.lookup.describe import quote
from imvo_graph.lookup.resolve import curie, expand

from conftest import select

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
    assert len(about.triples) == len(about.outgoing) + len(about.incoming)


def test_a_quote_is_the_sentence_that_names_the_resource_cut_at_a_word():
    text = "Eerst iets anders. Dan het goudconvenant, dat " + "heel lang doorgaat " * 20 + "tot hier."
    assert quote(text, ["goudconvenant"], length=60) == "Dan het goudconvenant, dat heel lang doorgaat heel lang…"
    assert quote("Een zin. Nog een.", ["niets"]) == "Een zin."


def test_curies_use_the_project_prefixes():
    assert curie(TEXTIEL) == "conv:textiel"
    assert expand("conv:textiel") == TEXTIEL
    assert curie("https://example.org/x") == "<https://example.org/x>"
    assert expand("plain words") is None
