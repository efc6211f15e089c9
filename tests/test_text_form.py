"""Terms as report texts and baselines write them (rdf.terms.text_form, PrefixTable.text_name):
the same text rdflib's namespace manager and ``n3()`` gave these outputs before, checked with
rdflib as the oracle on every term of the domain files and the test inputs and on generated
IRIs and literals that reach its edge cases."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from imvo_graph.rdf.convert import rdflib_term_converter
from imvo_graph.rdf.loading import read_quads
from imvo_graph.rdf.namespaces import PREFIXES, XSD, PrefixTable, split_name
from imvo_graph.rdf.terms import text_form
from imvo_graph.validation.report import to_oxigraph

# rdflib warns of the numbers and booleans it cannot read ("yes"^^xsd:decimal) as it reads and writes them
pytestmark = [pytest.mark.filterwarnings("ignore:Serializing weird numerical:UserWarning"),
              pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning")]

ROOT = Path(__file__).resolve().parent.parent
TABLE = PrefixTable(PREFIXES)


def _namespace_manager():
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.namespace_manager


def _rdflib_text(term, namespaces) -> str:
    """What the reports wrote before (rdf.labels.short_name with a namespace manager; ``n3()``
    without one, as the baseline did)."""
    if isinstance(term, URIRef):
        if namespaces is None:
            return term.n3()
        try:
            return namespaces.normalizeUri(term)
        except Exception:
            return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    return term.n3(namespaces) if namespaces is not None else term.n3()


def _file_terms() -> set:
    terms: set = set()
    for pattern in ("ontology/*.ttl", "data/*.ttl", "shapes/*.ttl", "tests/shapes/**/*.ttl", "tests/fixtures/**/*.ttl"):
        for path in sorted(ROOT.glob(pattern)):
            try:
                quads = read_quads(path)
            except Exception:  # the fixtures hold broken files on purpose
                continue
            for q in quads:
                terms.update((q.subject, q.predicate, q.object))
    return terms


_LOCAL_CHARACTERS = "aZ09_-.%()·é中/#:?=&~+!$'*,;@"
_LEXICAL = ["01", "1", "-0", "+5", " 5", "1.50", ".5", "5.", "1e3", "1E0", "INF", "-INF", "NaN", "inf", "Infinity",
            "true", "false", "0", "yes", "2019-13-01", "2019-01-01Z", "2019-01-01T10:00:00.000+01:00", "P1Y",
            "abc", "a\nb", 'a"b', "a\\b", "a\rb", '"""x\n', 'x\n"', "", "1_000", "  1.5  ", "0099"]
_DATATYPES = [XSD + name for name in ("string", "integer", "int", "decimal", "double", "float", "boolean", "date",
                                      "dateTime", "gYear", "anyURI", "positiveInteger", "unsignedInt", "duration")]
_DATATYPES += ["http://example.org/datatype", PREFIXES["rdf"] + "HTML"]


def _generated_terms() -> set:
    rnd = random.Random(11)
    terms: set = set()
    for namespace in [*PREFIXES.values(), "http://example.org/", "http://example.org/a#", "urn:x:"]:
        for _ in range(60):
            local = "".join(rnd.choice(_LOCAL_CHARACTERS) for _ in range(rnd.randint(0, 6)))
            try:
                terms.add(ox.NamedNode(namespace + local))
            except ValueError:  # not an IRI
                pass
    for lexical in _LEXICAL:
        terms.update(ox.Literal(lexical, datatype=ox.NamedNode(d)) for d in _DATATYPES)
        terms.add(ox.Literal(lexical, language="nl"))
    terms.update((ox.BlankNode("b0"), ox.BlankNode()))
    return terms


@pytest.fixture(scope="module")
def result_terms() -> list:
    """Terms as a validation result holds them: read by rdflib at the engines' boundary, so
    a literal has the lexical form rdflib gives it."""
    convert = rdflib_term_converter()
    return sorted({to_oxigraph(convert(t)) for t in _file_terms() | _generated_terms()}, key=str)


def test_report_texts_shorten_as_rdflibs_namespace_manager_did(result_terms):
    convert, namespaces = rdflib_term_converter(), _namespace_manager()
    assert len(result_terms) > 2000
    differences = [(t, text_form(t, TABLE), _rdflib_text(convert(t), namespaces)) for t in result_terms
                   if text_form(t, TABLE) != _rdflib_text(convert(t), namespaces)]
    assert differences == []


def test_baseline_keys_are_rdflibs_n3_form(result_terms):
    convert = rdflib_term_converter()
    differences = [(t, text_form(t), _rdflib_text(convert(t), None)) for t in result_terms
                   if text_form(t) != _rdflib_text(convert(t), None)]
    assert differences == []


@pytest.mark.parametrize(("iri", "text"), [
    ("https://w3id.org/imvo-graph/def#Commitment", "imvo:Commitment"),
    # the longer namespace wins
    ("https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644#p08", "brief:p08"),
    ("https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644", "kb:minbuza-2017-1027644"),
    # a local name may hold what Turtle would need escaped: the text reads as before
    ("https://w3id.org/imvo-graph/id/organisatie/a.b-c(d)%20e", "organisatie:a.b-c(d)%20e"),
    ("https://w3id.org/imvo-graph/id/organisatie/café.", "organisatie:café."),
    # the name starts at the first letter, digit or _ after the last other character
    ("https://w3id.org/imvo-graph/id/organisatie/-x", "<https://w3id.org/imvo-graph/id/organisatie/-x>"),
    ("https://w3id.org/imvo-graph/id/organisatie/", "<https://w3id.org/imvo-graph/id/organisatie/>"),
    ("https://w3id.org/imvo-graph/id/organisatie/a/b", "<https://w3id.org/imvo-graph/id/organisatie/a/b>"),
    ("http://example.org/x", "<http://example.org/x>"),
])
def test_text_names(iri, text):
    assert TABLE.text_name(iri) == text


def test_split_name():
    assert split_name("http://example.org/a#b-c") == ("http://example.org/a#", "b-c")
    assert split_name("http://example.org/a/") is None
    assert split_name("abc") is None


@pytest.mark.parametrize(("term", "text"), [
    (ox.Literal("a\nb", language="nl"), '"""a\nb"""@nl'),
    (ox.Literal('x"'), '"x\\""^^xsd:string'),
    (ox.Literal("inf", datatype=ox.NamedNode(XSD + "double")), '"INF"^^xsd:double'),
    (ox.Literal("nan", datatype=ox.NamedNode(XSD + "float")), '"NaN"^^xsd:float'),
    (ox.Literal("x", datatype=ox.NamedNode("http://example.org/dt")), '"x"^^<http://example.org/dt>'),
    (ox.BlankNode("b1"), "_:b1"),
])
def test_text_form_of_literals_and_blank_nodes(term, text):
    assert text_form(term, TABLE) == text
