"""The suite's indexed SPARQL MINUS (tests/sparql_speedups.py) gives exactly rdflib's solutions."""

from __future__ import annotations

import random

import pytest
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import evalutils
from rdflib.plugins.sparql.sparql import FrozenBindings, FrozenDict, QueryContext
from sparql_speedups import indexed_minus

VARIABLES = [Variable(n) for n in "abcde"]
VALUES = [
    URIRef("http://e/x"), URIRef("http://e/y"), BNode("x"), Literal("x"), Literal("x", lang="en"),
    Literal("x", lang="EN"), Literal("x", lang="nl"), Literal("1", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
    Literal("01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")), Literal("1"), 1,
]


def _solutions(rng, n, make):
    out = []
    for _ in range(n):
        domain = rng.sample(VARIABLES, rng.randint(0, 4))
        out.append(make({v: rng.choice(VALUES) for v in domain}))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_same_solutions_in_the_same_order_as_rdflib(seed):
    rng = random.Random(seed)
    ctx = QueryContext(initBindings={Variable("e"): rng.choice(VALUES)} if seed % 2 else {})
    make = (lambda d: FrozenBindings(ctx, d)) if seed % 3 else FrozenDict
    a = _solutions(rng, rng.randint(0, 60), make)
    b = set(_solutions(rng, rng.randint(0, 60), make))
    expected = list(evalutils._minus(a, b))
    assert list(indexed_minus(a, b)) == expected
    if seed == 0:
        assert 0 < len(expected) < len(a), "the case should keep some solutions and remove others"


def test_a_query_with_minus_has_rdflibs_answer():
    graph = Graph()
    graph.parse(
        data="""@prefix e: <http://e/> .
        e:a e:p 1, 2, "x"@en ; e:q e:b .  e:b e:p 2 ; e:q e:a .  e:c e:p "x"@EN ; e:r e:c .
        e:s1 e:subject e:a ; e:predicate e:p .  e:s2 e:subject e:c ; e:predicate e:q .""",
        format="turtle",
    )
    query = """PREFIX e: <http://e/>
        SELECT ?this ?path ?value WHERE { ?this ?path ?value
            MINUS { ?s e:subject ?this ; e:predicate ?path }
            MINUS { ?value e:q ?this }
            MINUS { ?nothing e:never ?shared } }"""
    from rdflib.plugins.sparql import evaluate

    patched = sorted(graph.query(query), key=str)
    installed = evaluate._minus
    evaluate._minus = evalutils._minus
    try:
        original = sorted(graph.query(query), key=str)
    finally:
        evaluate._minus = installed
    assert patched == original and original


FILTER_QUERIES = [
    # a filter's value: true, false, a type error (an IRI, an unbound variable, a plain string
    # compared with a number) and an error inside && and ||, in FILTER, OPTIONAL, MINUS, EXISTS
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER (isIRI(?o) && STRSTARTS(STR(?o), "http://e/a")) }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER (?o > 1 || ?o = "x"@en) }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER (?o) }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER (?nowhere) }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER (STR(?o)) }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER (true) }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER ("") }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER (0) }',
    'SELECT ?s ?o ?x WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?x FILTER (?x != ?o) } }',
    'SELECT ?s ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { ?o ?q ?r FILTER (LANG(?r) = "en") } }',
    'SELECT ?s ?o WHERE { ?s ?p ?o MINUS { ?s ?q ?o FILTER (isLiteral(?o)) } }',
]


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_a_filter_has_rdflibs_value(query):
    """filter_value (installed by conftest.py) gives each filter, left join and EXISTS rdflib's
    own value: the same solutions in the same order as with rdflib's _ebv."""
    import sparql_speedups
    from rdflib.plugins.sparql import evaluate

    assert evaluate._ebv is evalutils._ebv is sparql_speedups.filter_value, "conftest installs filter_value"
    graph = Graph()
    graph.parse(data="""@prefix e: <http://e/> .
        e:a e:p 1, 2, 0, "x"@en, "", true, false, e:ab ; e:q e:b, "y"@en .  e:b e:p e:a ; e:q 2 .""", format="turtle")
    patched = [tuple(row) for row in graph.query(query)]
    evaluate._ebv = evalutils._ebv = sparql_speedups._RDFLIB_EBV
    try:
        original = [tuple(row) for row in graph.query(query)]
    finally:
        evaluate._ebv = evalutils._ebv = sparql_speedups.filter_value
    assert patched == original
