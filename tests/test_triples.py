"""rdf.triples.Triples: the triples the ontology's documentation reads (release page, site def/)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from imvo_graph.rdf.triples import Triples

PREFIXES = """@prefix imvo: <https://w3id.org/imvo-graph/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/> .
"""


def triples(text: str) -> Triples:
    return Triples(ox.parse((PREFIXES + text).encode(), ox.RdfFormat.TURTLE))


def test_patterns_and_labels():
    graph = triples('ex:a rdfs:label "b"@nl, "a"@nl, "x"@en ; ex:p ex:b . ex:c ex:p ex:b .')
    a, b = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b")
    assert graph.objects(a, "http://example.org/p") == [b]
    assert set(graph.subjects("http://example.org/p", b)) == {a, ox.NamedNode("http://example.org/c")}
    assert graph.labels(a, least=True) == {"nl": "a", "en": "x"}
    assert graph.labels(a, languages=("en",)) == {"en": "x"}
    assert graph.labels(ox.Literal("a")) == {}
    assert graph.objects(ox.Literal("a"), "http://example.org/p") == []
    assert len(graph) == 5


def test_list_items():
    graph = triples('ex:s ex:in ( "lit" ex:b ( ex:c ) ) . ex:e ex:in () .')
    node = graph.value(ox.NamedNode("http://example.org/s"), "http://example.org/in")
    items = graph.items(node)
    assert items[:2] == [ox.Literal("lit"), ox.NamedNode("http://example.org/b")]
    assert graph.items(items[2]) == [ox.NamedNode("http://example.org/c")]
    assert graph.items(graph.value(ox.NamedNode("http://example.org/e"), "http://example.org/in")) == []


def test_a_list_that_comes_back_to_a_cell_is_refused():
    graph = triples("_:l <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ex:a ; "
                    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:l .")
    (node,) = {s for s, _p, _o in graph}
    with pytest.raises(ValueError, match="recursive"):
        graph.items(node)


def test_terms_equal_but_for_case_keep_one_order_on_the_documentation_page():
    from imvo_graph.release.docs import ontology_html

    page = ontology_html(triples('imvo:a a owl:Class ; rdfs:label "klein"@nl . imvo:A a owl:Class ; rdfs:label "groot"@nl .'),
                         version="1")
    assert page.index('<section class="term" id="A">') < page.index('<section class="term" id="a">')
