"""Property-based round trips (hypothesis): random graphs, with blank nodes, lists, language
tags, datatypes and awkward characters, exported in every format and read back by Oxigraph
give the same graph (up to blank-node names), or the format's writer refuses with an
InputError (RDF/XML cannot hold control characters); never a wrong graph, never a crash.
A few dozen examples per format: seconds, not minutes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imvo_graph.errors import InputError
from imvo_graph.export import FORMATS, canonical_quads, serialize

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
IMVO = "https://w3id.org/imvo-graph/def#"

iris = st.sampled_from(
    [f"{IMVO}Convenant", f"{IMVO}sector", "http://example.org/a", "http://example.org/b#c",
     "https://w3id.org/imvo-graph/id/convenant/textiel", "http://example.org/with%20space", "urn:x:1"]
).map(ox.NamedNode)
predicates = st.sampled_from(
    [f"{RDF}type", "http://www.w3.org/2000/01/rdf-schema#label", f"{IMVO}sector", "http://example.org/p",
     "http://example.org/q-1", "http://purl.org/dc/terms/title"]
).map(ox.NamedNode)
blanks = st.integers(0, 5).map(lambda i: ox.BlankNode(f"n{i}"))
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
literals = st.one_of(
    text.map(ox.Literal),
    st.tuples(text, st.sampled_from(["nl", "en", "en-GB", "zh-Hant-TW"])).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.integers(-10**6, 10**6).map(lambda i: ox.Literal(str(i), datatype=ox.NamedNode(f"{XSD}integer"))),
    st.sampled_from(["01", "+7", "1.50", "true", "1", "2017-09-28", "1e3"]).flatmap(
        lambda v: st.sampled_from([f"{XSD}decimal", f"{XSD}string", f"{XSD}date", f"{XSD}boolean", "http://example.org/dt"]).map(
            lambda d: ox.Literal(v, datatype=ox.NamedNode(d)))
    ),
)
triples = st.tuples(st.one_of(iris, blanks), predicates, st.one_of(iris, blanks, literals))


@st.composite
def graphs(draw):
    quads = [ox.Quad(s, p, o) for s, p, o in draw(st.lists(triples, max_size=15))]
    for n in range(draw(st.integers(0, 2))):  # RDF lists, sometimes empty, sometimes nested
        items = draw(st.lists(st.one_of(iris, literals, blanks), max_size=4))
        head = ox.NamedNode(f"{RDF}nil")
        for i, item in reversed(list(enumerate(items))):
            node = ox.BlankNode(f"l{n}x{i}")
            quads += [ox.Quad(node, ox.NamedNode(f"{RDF}first"), item), ox.Quad(node, ox.NamedNode(f"{RDF}rest"), head)]
            head = node
        quads.append(ox.Quad(draw(iris), draw(predicates), head))
    return quads


def _graph(quads) -> set:
    return {q.triple for q in canonical_quads(ox.Quad(q.subject, q.predicate, q.object) for q in quads)}


@pytest.mark.parametrize("name", list(FORMATS))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=graphs())
def test_every_format_gives_back_the_graph_it_was_given(name, graph):
    try:
        data = serialize(graph, name)
    except InputError as exc:
        assert name == "rdfxml" and "control character" in str(exc)
        return
    fmt = ox.RdfFormat.from_extension(FORMATS[name].suffix[1:])
    back = list(ox.parse(data, format=fmt))
    assert _graph(back) == _graph(graph)
    assert serialize(back, name) == data  # and the same bytes again
