"""The fast OWL RL closure (on Oxigraph) is owlrl's ``OWLRL_Semantics`` closure, triple for triple.

Compared as tests/test_inference.py compares RDFS: owlrl runs on ``to_rdflib`` of the store, the
fast closure on the store itself; the sets of triples must be equal. Two explicit steps:

* owlrl's generalised triples with a literal subject (which a store cannot hold) are returned by
  the closure apart and added to its side of the comparison;
* owlrl's inconsistency reports (``[ a err:ErrorMessage ; err:error "..." ]``, blank nodes) are
  taken out of its graph and compared, as a set of messages, with the closure's messages; the
  closure's own error nodes are taken out likewise.
"""

from __future__ import annotations

import logging
import warnings

import pytest

ERR = "http://www.daml.org/2002/03/agents/agent-ont#"

TRICKY = """
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# properties: inverse, symmetric, transitive, sub/equivalent, chains, (inverse-)functional
ex:hasParent owl:inverseOf ex:hasChild ; rdfs:subPropertyOf ex:hasAncestor ;
    rdfs:domain ex:Person ; rdfs:range ex:Person .
ex:hasAncestor a owl:TransitiveProperty , owl:ObjectProperty .
ex:knows a owl:SymmetricProperty .
ex:hasUncle owl:propertyChainAxiom ( ex:hasParent ex:hasBrother ) .
ex:hasBrother rdfs:subPropertyOf ex:hasSibling .
ex:hasSibling owl:equivalentProperty ex:sibling .
ex:nationalId a owl:InverseFunctionalProperty , owl:DatatypeProperty .
ex:biologicalMother a owl:FunctionalProperty .
_:inv owl:inverseOf ex:knows .
ex:age a owl:DatatypeProperty ; rdfs:range xsd:integer .
ex:label2 rdfs:subPropertyOf rdfs:label .

# classes: equivalence, intersection/union, restrictions
ex:Person rdfs:subClassOf ex:Agent ; owl:equivalentClass ex:Human .
ex:Agent a owl:Class .
ex:Parent owl:equivalentClass [ owl:intersectionOf ( ex:Person [ a owl:Restriction ;
    owl:onProperty ex:hasChild ; owl:someValuesFrom ex:Person ] ) ] .
ex:Mammal owl:unionOf ( ex:Person ex:Dog ) .
ex:Dutch owl:equivalentClass [ a owl:Restriction ; owl:onProperty ex:country ; owl:hasValue ex:NL ] .
ex:Dutch rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:speaks ; owl:allValuesFrom ex:Language ] .
ex:Adult rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:age ; owl:someValuesFrom xsd:integer ] .
ex:Single rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:spouse ; owl:maxCardinality 1 ] .
ex:Color owl:oneOf ( ex:red ex:green ) .
ex:Cat owl:disjointWith ex:Dog .
ex:Dog a owl:Class .

# data
ex:anakin ex:hasChild ex:luke ; ex:hasBrother ex:owen ; ex:country ex:NL ; ex:age 45 .
ex:luke ex:hasParent ex:anakin ; ex:knows ex:han ; ex:label2 "Luke"@en ; ex:speaks ex:dutch .
ex:anakin ex:hasParent ex:shmi .
ex:han ex:nationalId "123" .
ex:solo ex:nationalId "123" .
ex:leia ex:biologicalMother ex:padme , ex:amidala .
ex:rex a ex:Dog , ex:Cat .
ex:bob a ex:Single ; ex:spouse ex:alice , ex:alicia .
ex:carl ex:age "old"^^xsd:integer , "7"^^xsd:byte , 2.5 , "2024-01-01"^^xsd:date ; ex:name "Carl" .
ex:pi ex:value "3.14"^^xsd:double , true .
ex:owen owl:differentFrom ex:beru .
ex:beru owl:sameAs ex:owen .
"""

# keys, all-different, disjointness of all kinds, negative assertions, cardinalities, scm-hv/svf/avf,
# sameAs between properties (and with a blank node: owlrl drops blank-node-predicate triples)
EXTRA = """
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Citizen owl:hasKey ( ex:bsn ex:born ) .
ex:a a ex:Citizen ; ex:bsn "1" ; ex:born "x" .
ex:b a ex:Citizen ; ex:bsn "1" .
ex:c a ex:Citizen ; ex:bsn "2" ; ex:born "y" .
[] a owl:AllDifferent ; owl:members ( ex:a ex:b ex:c ) .
[] a owl:AllDisjointClasses ; owl:members ( ex:A ex:B ex:C ) .
ex:m a ex:A , ex:C .
ex:p1 owl:propertyDisjointWith ex:p2 . ex:m ex:p1 ex:n ; ex:p2 ex:n .
ex:asym a owl:AsymmetricProperty . ex:m ex:asym ex:n . ex:n ex:asym ex:m .
ex:irr a owl:IrreflexiveProperty . ex:m ex:irr ex:m .
ex:NotA owl:complementOf ex:A . ex:m a ex:NotA .
[] a owl:NegativePropertyAssertion ; owl:sourceIndividual ex:m ; owl:assertionProperty ex:p1 ; owl:targetIndividual ex:n .
ex:zz a owl:Nothing .
ex:R1 owl:onProperty ex:q1 ; owl:hasValue ex:v . ex:R2 owl:onProperty ex:q2 ; owl:hasValue ex:v .
ex:q1 rdfs:subPropertyOf ex:q2 .
ex:S1 owl:onProperty ex:q1 ; owl:someValuesFrom ex:A . ex:S2 owl:onProperty ex:q1 ; owl:someValuesFrom ex:Sup .
ex:A rdfs:subClassOf ex:Sup .
ex:T1 owl:onProperty ex:q1 ; owl:allValuesFrom ex:A . ex:T2 owl:onProperty ex:q2 ; owl:allValuesFrom ex:A .
ex:Q owl:onProperty ex:q3 ; owl:onClass ex:A ; owl:maxQualifiedCardinality 1 .
ex:Z owl:onProperty ex:q4 ; owl:maxCardinality 0 .
ex:k a ex:Q , ex:Z ; ex:q3 ex:m , ex:m2 ; ex:q4 ex:m . ex:m2 a ex:A .
ex:likes owl:sameAs ex:loves . ex:m ex:likes ex:n .
_:bp owl:sameAs ex:likes .
ex:Big owl:intersectionOf ( ex:A ex:C ) .
ex:m ex:shortName "m"^^xsd:token ; ex:n2 "1"^^xsd:unsignedByte ; ex:w "AB"^^xsd:hexBinary .
ex:ud owl:sameAs "5"^^xsd:integer .
"""


def _compare(store):
    import owlrl
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from imvo_graph.inference import owlrl_closure_details
    from imvo_graph.rdf.convert import rdflib_term_converter
    from imvo_graph.rdf.loading import to_rdflib

    reference = to_rdflib(store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("rdflib").setLevel(logging.ERROR)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(reference)
    closure = owlrl_closure_details(store)
    convert = rdflib_term_converter()

    def split(graph_triples):
        nodes = {s for s, p, o in graph_triples if p == RDF.type and o == URIRef(ERR + "ErrorMessage")}
        messages = {str(o) for s, p, o in graph_triples if s in nodes and p == URIRef(ERR + "error")}
        return {t for t in graph_triples if t[0] not in nodes}, messages

    theirs, their_messages = split(set(reference))
    ours, our_messages = split(set(to_rdflib(store)))
    ours |= {tuple(convert(t) for t in triple) for triple in closure.literal_subject_triples}
    missing, extra = theirs - ours, ours - theirs
    assert not missing and not extra, f"missing {sorted(map(str, missing))[:10]}\nextra {sorted(map(str, extra))[:10]}"
    assert set(closure.error_messages) == their_messages == our_messages
    return closure


def _store(ttl: str):
    import pyoxigraph as ox

    store = ox.Store()
    store.load(ttl.encode(), format=ox.RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize("fixture", ["extra", "both"])
def test_more_rules_same_closure_and_errors_as_owlrl(fixture):
    closure = _compare(_store(EXTRA if fixture == "extra" else TRICKY + EXTRA))
    messages = " | ".join(closure.error_messages)
    for wording in ("'AllDifferent'", "disjoint properties", "asymmetric", "Irreflexive", "complementarity",
                    "Negative (object)", "'Nothing'", "maximum cardinality", "Disjoint classes http://example.org/A"):
        assert wording in messages


def test_tricky_ontology_same_closure_and_errors_as_owlrl():
    closure = _compare(_store(TRICKY))
    messages = set(closure.error_messages)
    assert any("Disjoint classes http://example.org/Cat and http://example.org/Dog" in m for m in messages)
    assert any("'sameAs' and 'differentFrom'" in m for m in messages)
    assert any("Lexical value of the literal 'old'" in m for m in messages)


def test_tricky_inferences():
    import pyoxigraph as ox

    from imvo_graph.inference import owlrl_closure

    store = _store(TRICKY)
    added, errors = owlrl_closure(store)
    assert added > 0 and errors
    ex = lambda n: ox.NamedNode("http://example.org/" + n)  # noqa: E731
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    same = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
    assert ox.Quad(ex("luke"), ex("hasUncle"), ex("owen")) in store  # chain
    assert ox.Quad(ex("luke"), ex("hasAncestor"), ex("shmi")) in store  # transitive
    assert ox.Quad(ex("han"), ex("knows"), ex("luke")) in store  # symmetric
    assert ox.Quad(ex("han"), same, ex("solo")) in store  # inverse functional
    assert ox.Quad(ex("padme"), same, ex("amidala")) in store  # functional
    assert ox.Quad(ex("anakin"), rdf_type, ex("Parent")) in store  # intersection + someValuesFrom
    assert ox.Quad(ex("anakin"), rdf_type, ex("Dutch")) in store  # hasValue
    assert ox.Quad(ex("dutch"), rdf_type, ex("Language")) not in store  # luke is not Dutch
    assert ox.Quad(ex("luke"), rdf_type, ex("Mammal")) in store  # union
    assert ox.Quad(ex("alice"), same, ex("alicia")) in store  # max cardinality 1


def test_shipped_graph_same_closure_as_owlrl():
    from imvo_graph.resources import load_shipped

    _compare(load_shipped())


def test_generated_graph_same_closure_as_owlrl():
    from imvo_graph.generate import generate
    from imvo_graph.rdf.loading import load_store
    from imvo_graph.resources import shipped_files

    store = load_store(shipped_files("ontology"))
    store.extend(generate(5000, seed=4, violations=0.02).quads)
    _compare(store)


def test_list_with_two_firsts_is_refused():
    from imvo_graph.inference import UnsupportedInference, owlrl_closure

    ttl = TRICKY + "\nex:Mammal owl:unionOf _:l . _:l rdf:first ex:Cat , ex:Dog .\n"
    with pytest.raises(UnsupportedInference):
        owlrl_closure(_store(ttl))


def test_infer_owlrl_is_the_fast_closure_with_owlrls_triples():
    import pyoxigraph as ox
    from owlrl_oracle import owlrl_closure_via_owlrl

    from imvo_graph.inference import infer

    ours, theirs = _store(TRICKY), ox.Store()
    theirs.extend(list(ours))  # the same blank nodes
    infer(ours, "owlrl")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("rdflib").setLevel(logging.ERROR)
        owlrl_closure_via_owlrl(theirs)

    def without_errors(store):
        nodes = {q.subject for q in store if str(q.object) == f"<{ERR}ErrorMessage>"}
        kept = {(q.subject, q.predicate, q.object) for q in store if q.subject not in nodes}
        messages = {q.object.value for q in store if q.subject in nodes and q.predicate.value == ERR + "error"}
        return kept, messages

    assert without_errors(ours) == without_errors(theirs)
