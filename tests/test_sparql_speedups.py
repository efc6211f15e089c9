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
