"""The fast RDFS closure (on Oxigraph) is owlrl's closure, triple for triple.

owlrl also derives generalised triples with a literal subject ("x" rdf:type rdfs:Resource);
a store cannot hold those, so the closure returns them separately and the comparison adds them.
"""

from __future__ import annotations

import logging
import warnings

import pytest

TRICKY = """
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:hasParent rdfs:subPropertyOf ex:hasAncestor .
ex:hasAncestor rdfs:subPropertyOf ex:related ; rdfs:domain ex:Person ; rdfs:range ex:Person .
ex:age rdfs:range xsd:integer ; rdfs:domain ex:Agent .
ex:name rdfs:range rdfs:Literal .
ex:Person rdfs:subClassOf ex:Agent .
ex:Agent rdfs:subClassOf ex:Thing .
ex:Thing a rdfs:Class .
ex:Kind a rdfs:Class .
ex:Number a rdfs:Datatype .
ex:item a rdfs:ContainerMembershipProperty .
ex:isA rdfs:subPropertyOf rdfs:subClassOf .
ex:Robot ex:isA ex:Agent .
ex:r2d2 a ex:Robot ; ex:name "R2"@en , "R2"@nl , "R2" ; ex:age 40 , "40.0"^^xsd:decimal .
ex:luke ex:hasParent ex:anakin ; ex:name "Luke" ; ex:age "19"^^xsd:integer .
ex:leia ex:hasParent ex:anakin ; ex:item _:box .
_:box ex:name "box"@en .
_:SchemaClass rdfs:subClassOf ex:Thing .
ex:c3po a _:SchemaClass .
"""


def _compare(store, literal_equality: bool):
    import owlrl
    from pyshacl.inference import CustomRDFSSemantics

    from imvo_graph.inference import rdfs_closure
    from imvo_graph.rdf.loading import to_rdflib
    from imvo_graph.validation.fast import term_converter

    reference = to_rdflib(store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("rdflib").setLevel(logging.ERROR)
        semantics = owlrl.RDFS_Semantics if literal_equality else CustomRDFSSemantics
        owlrl.DeductiveClosure(semantics).expand(reference)
    closure = rdfs_closure(store, literal_equality=literal_equality, keep_literal_objects=True)
    convert = term_converter()
    ours = set(to_rdflib(store)) | {tuple(convert(t) for t in triple) for triple in closure.literal_types()}
    theirs = set(reference)
    missing, extra = theirs - ours, ours - theirs
    assert not missing and not extra, f"missing {sorted(map(str, missing))[:10]}\nextra {sorted(map(str, extra))[:10]}"
    assert closure.added > 0
    return closure


def _store(ttl: str):
    import pyoxigraph as ox

    store = ox.Store()
    store.load(ttl.encode(), format=ox.RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize("literal_equality", [True, False], ids=["owlrl-rdfs", "pyshacl-rdfs"])
def test_tricky_schema_same_closure_as_owlrl(literal_equality):
    _compare(_store(TRICKY), literal_equality)


@pytest.mark.parametrize("literal_equality", [True, False], ids=["owlrl-rdfs", "pyshacl-rdfs"])
def test_shipped_graph_same_closure_as_owlrl(literal_equality):
    from imvo_graph.rdf.loading import load_store
    from imvo_graph.resources import shipped_files

    files = shipped_files("ontology", "data")
    _compare(load_store(files), literal_equality)


def test_generated_graph_same_closure_as_owlrl():
    from imvo_graph.generate import generate
    from imvo_graph.rdf.loading import load_store
    from imvo_graph.resources import shipped_files

    store = load_store(shipped_files("ontology"))
    store.extend(generate(4000, seed=4, violations=0.02).quads)
    _compare(store, literal_equality=False)


def test_subclass_typing_is_inferred():
    import pyoxigraph as ox

    from imvo_graph.inference import rdfs_closure

    store = _store(TRICKY)
    rdfs_closure(store)
    ex = "http://example.org/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert ox.Quad(ox.NamedNode(ex + "luke"), rdf_type, ox.NamedNode(ex + "Thing")) in store
    assert ox.Quad(ox.NamedNode(ex + "r2d2"), rdf_type, ox.NamedNode(ex + "Thing")) in store
    assert ox.Quad(ox.NamedNode(ex + "luke"), ox.NamedNode(ex + "related"), ox.NamedNode(ex + "anakin")) in store
