"""Tests of the SHACL shapes in shapes/.

Every shape that can report a result has a bad example under tests/shapes/ that fails with the
expected focus node, result path, source shape and severity (and nothing else), and is exercised
by a good example that conforms without any result. The fixture format is described in
tests/shape_helpers.py (read_fixture). Validation: no inference, the ontology and code lists
mixed into the data graph; each fixture on the fast engine, and pySHACL on every fixture too,
in batches of fixtures validated together (test_pyshacl_on_every_fixture).
"""

from __future__ import annotations

import re

import pytest
import shape_helpers as h

FIXTURES = h.all_fixtures()

SH = h.SH
IMVO = h.PREFIXES["imvo"]
IMVOSH = h.PREFIXES["imvosh"]

#: Classes of reused vocabularies that node shapes may target (checked against the W3C ORG,
#: FOAF, SKOS and PROV-O specifications; these vocabularies are not loaded during validation).
REUSED_CLASSES = {
    "http://www.w3.org/ns/org#Organization",
    "http://www.w3.org/ns/org#FormalOrganization",
    "http://www.w3.org/ns/org#OrganizationalUnit",
    "http://www.w3.org/ns/org#Post",
    "http://www.w3.org/ns/org#Membership",
    "http://www.w3.org/ns/org#Role",
    "http://xmlns.com/foaf/0.1/Person",
    "http://xmlns.com/foaf/0.1/Group",
    "http://xmlns.com/foaf/0.1/Agent",
    "http://xmlns.com/foaf/0.1/Organization",
    "http://www.w3.org/2004/02/skos/core#Concept",
    "http://www.w3.org/2004/02/skos/core#ConceptScheme",
    "http://www.w3.org/ns/prov#Activity",
    "http://www.w3.org/ns/prov#Entity",
    # statement-level provenance: standard RDF reification (RDF 1.1 Semantics, section 5.1)
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
}

#: Parameters that make a shape a constraint of its own (it then needs messages and a severity).
CONSTRAINT_PARAMETERS = [
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive", "maxExclusive",
    "maxInclusive", "minLength", "maxLength", "pattern", "languageIn", "uniqueLang", "equals", "disjoint",
    "lessThan", "lessThanOrEquals", "not", "and", "or", "xone", "node", "qualifiedValueShape", "closed",
    "hasValue", "in", "sparql",
]

#: sh:in lists that are deliberately a part of a code list (all others must list the whole list).
PARTIAL_CODE_LISTS = {
    IMVOSH + "ParliamentaryMeetingShape-type": "a parliamentary meeting is an AO or a WGO only",
}


def curie(term) -> str:
    text = str(term)
    for prefix, namespace in h.PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def show(keys) -> str:
    return "\n".join("  " + " | ".join(curie(part) if part is not None else "-" for part in key) for key in sorted(keys, key=str))


# --------------------------------------------------------------------------------------------
# The fixtures
# --------------------------------------------------------------------------------------------

def test_there_are_fixtures():
    assert len([f for f in FIXTURES if f.conforms]) >= 10
    assert len([f for f in FIXTURES if not f.conforms]) >= 100


def test_context_conforms():
    """The context that every fixture is validated with has no result of its own."""
    results = h.validate(h.context_graph())
    assert not results, show(r.key() for r in results)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_fixture(fixture):
    graph = h.fixture_graph(fixture)
    results = h.validate(graph)
    got = {r.key() for r in results}
    if fixture.conforms:
        assert not results, f"{fixture.name} should conform but has:\n{show(got)}"
        mixed = graph + h.ontology_graph()
        for shape in fixture.exercises:
            assert h.focus_nodes(shape, mixed), f"{fixture.name} does not exercise {curie(shape)}: no focus node"
    else:
        expected = {e.key() for e in fixture.expectations}
        assert got == expected, (
            f"{fixture.name}\nexpected:\n{show(expected)}\ngot:\n{show(got)}"
        )
        for e in fixture.expectations:
            if e.value is not None:
                values = {r.value for r in results if r.key() == e.key()}
                assert e.value in values, f"{fixture.name}: expected sh:value {curie(e.value)}, got {[curie(v) for v in values]}"
    for r in results:
        assert r.message("nl") and r.message("en"), f"{fixture.name}: result of {curie(r.shape)} lacks a Dutch or English message: {r.messages}"


BATCHES = h.fixture_batches(FIXTURES)


def test_batches_hold_every_fixture_once():
    names = [f.name for batch in BATCHES for f in batch]
    assert sorted(names) == sorted(f.name for f in FIXTURES)
    # (each pySHACL run takes over half a second whatever the batch: a fixture that describes a
    # node of the context adds one; motions, papers and the parts of the context's letter are
    # renamed apart: shape_helpers.own_dossier and _own_anchor)
    assert len(BATCHES) <= 20, f"{len(BATCHES)} batches: see fixture_batches and TIED_NAMESPACES"


@pytest.mark.parametrize("batch", BATCHES, ids=lambda b: f"{b[0].name}+{len(b) - 1}")
def test_pyshacl_on_every_fixture(batch):
    """pySHACL, on the fixtures of a batch validated together, finds exactly the results the
    fixtures expect (the good ones none), with the expected values and messages in both
    languages; and the fast engine finds exactly pySHACL's results (blank nodes included)."""
    from rdflib import XSD, Graph, Literal

    graph = h.batch_graph(batch)
    graph += h.ontology_graph()
    fast = h.fast_results(graph, h.shapes_graph())
    results = h.pyshacl_results(graph, h.shapes_graph())

    def full(r):  # (a simple literal is an xsd:string: rdflib's parser leaves the datatype out)
        value = r.value
        if isinstance(value, Literal) and value.datatype is None and not value.language:
            value = Literal(str(value), datatype=XSD.string)
        return (r.focus, r.path, r.shape, r.severity, value)

    names = ", ".join(f.name for f in batch)
    assert sorted(map(full, fast), key=str) == sorted(map(full, results), key=str), f"fast engine vs pySHACL on {names}"
    got = {r.key() for r in results}
    expectations = [h.own_expectation(e) for f in batch for e in f.expectations]
    expected = {e.key() for e in expectations}
    assert got == expected, f"{names}\nexpected:\n{show(expected)}\ngot:\n{show(got)}"
    for e in expectations:
        if e.value is not None:
            values = {r.value for r in results if r.key() == e.key()}
            assert e.value in values, f"expected sh:value {curie(e.value)}, got {[curie(v) for v in values]}"
    for r in results:
        assert r.message("nl") and r.message("en"), f"result of {curie(r.shape)} lacks a Dutch or English message: {r.messages}"
    assert isinstance(graph, Graph)


def test_fixture_headers_name_existing_shapes():
    shapes = h.reporting_shapes()
    for fixture in FIXTURES:
        named = [e.shape for e in fixture.expectations] + list(fixture.exercises)
        for shape in named:
            assert shape in shapes, f"{fixture.name} names {curie(shape)}, which is not a shape that reports results"


# --------------------------------------------------------------------------------------------
# Coverage: every shape has a bad and a good example
# --------------------------------------------------------------------------------------------

def own_constraint_parameters(shape, shapes):
    from rdflib import URIRef

    return [p for p in CONSTRAINT_PARAMETERS if (shape, URIRef(SH + p), None) in shapes]


def test_every_shape_has_a_bad_example():
    from rdflib import URIRef

    shapes = h.shapes_graph()
    expected_shapes = {e.shape for f in FIXTURES for e in f.expectations}
    missing = []
    for shape in h.reporting_shapes():
        if shape in expected_shapes:
            continue
        if not own_constraint_parameters(shape, shapes):
            # a node shape that only groups property shapes: covered through them
            children = set(shapes.objects(shape, URIRef(SH + "property")))
            if children & expected_shapes:
                continue
        missing.append(curie(shape))
    assert not missing, "shapes without a bad example: " + ", ".join(sorted(missing))


#: Shapes whose SPARQL-based target selects only the nodes that break the rule (so that pySHACL
#: runs their SPARQL constraint for those alone, not once per statement): on a good example they
#: have no focus node by design. test_offender_targets_select_nothing_on_a_good_example checks
#: that the good example of their data has none, and their bad examples that they find one.
OFFENDER_TARGETED = {
    IMVOSH + "StatementProvenanceRule",
}


def test_every_shape_has_a_good_example():
    from rdflib import URIRef

    exercised = {s for f in FIXTURES if f.conforms for s in f.exercises}
    missing = sorted(curie(s) for s in h.reporting_shapes() - exercised - {URIRef(x) for x in OFFENDER_TARGETED})
    assert not missing, "shapes no good example exercises: " + ", ".join(missing)


def test_offender_targets_select_nothing_on_a_good_example():
    from rdflib import URIRef

    good = next(f for f in FIXTURES if f.name == "provenance/good-statements.ttl")
    mixed = h.fixture_graph(good) + h.ontology_graph()
    for shape in OFFENDER_TARGETED:
        assert not h.focus_nodes(URIRef(shape), mixed), curie(shape)
        assert any(e.shape == URIRef(shape) for f in FIXTURES if not f.conforms for e in f.expectations), curie(shape)


def test_every_sparql_constraint_has_a_bad_example():
    """Shapes with several SPARQL constraints: each constraint has its own bad example (told apart
    by the result path)."""
    from rdflib import URIRef

    shapes = h.shapes_graph()
    sparql = URIRef(SH + "sparql")
    select = URIRef(SH + "select")
    for shape in set(shapes.subjects(sparql, None)):
        paths = {e.path for f in FIXTURES for e in f.expectations if e.shape == shape}
        constraints = list(shapes.objects(shape, sparql))
        for constraint in constraints:
            text = str(shapes.value(constraint, select))
            declared = set(re.findall(r"\(([a-z]+:\w+) AS \?path\)", text))
            if declared:
                covered = {curie(p) for p in paths}
                assert declared & covered, f"{curie(shape)}: no bad example for its constraint on {declared}"
        assert paths or len(constraints) == 1


# --------------------------------------------------------------------------------------------
# The shapes themselves
# --------------------------------------------------------------------------------------------

def test_shapes_load_in_pyshacl():
    """All shapes files together parse and load in pySHACL, with and without SHACL-AF."""
    import pyshacl
    from rdflib import Graph

    for advanced in (True, False):
        conforms, _g, text = pyshacl.validate(Graph(), shacl_graph=h.shapes_graph(), advanced=advanced)
        assert conforms, text


def test_shape_iris_are_in_the_shapes_namespace():
    from rdflib import BNode

    for shape in h.reporting_shapes():
        assert not isinstance(shape, BNode), "every reporting shape has an IRI, so results name it"
        assert str(shape).startswith(IMVOSH), shape


def test_every_constraint_has_messages_in_dutch_and_english_and_a_severity():
    from rdflib import URIRef

    shapes = h.shapes_graph()
    message, severity = URIRef(SH + "message"), URIRef(SH + "severity")
    sparql = URIRef(SH + "sparql")
    for shape in h.reporting_shapes():
        params = own_constraint_parameters(shape, shapes)
        if not params:
            continue
        assert shapes.value(shape, severity) is not None, f"{curie(shape)} has no explicit sh:severity"
        holders = list(shapes.objects(shape, sparql)) if "sparql" in params else [shape]
        if "sparql" in params and len(params) > 1:
            holders.append(shape)
        for holder in holders:
            languages = {m.language for m in shapes.objects(holder, message)}
            assert {"nl", "en"} <= languages, f"{curie(shape)}: sh:message in {languages or 'no language'}"


def test_severities_are_honest():
    """Recommended things are warnings; the date rules of concluded covenants are warnings (the
    letter does not date every concluded covenant); an expected covenant with a date is wrong."""
    from rdflib import URIRef

    shapes = h.shapes_graph()
    severity = URIRef(SH + "severity")

    def sev(name):
        return str(shapes.value(URIRef(IMVOSH + name), severity)).rsplit("#", 1)[-1]

    assert sev("EnglishLabelShape") == "Warning"
    assert sev("EnglishPrefLabelShape") == "Warning"
    assert sev("CovenantConcludedSigningDateRule") == "Warning"
    assert sev("CovenantInForceDateRule") == "Warning"
    assert sev("CovenantExpectedRule") == "Violation"
    assert sev("PastDateNotAfterLetterRule") == "Violation"
    assert sev("UndefinedTermRule") == "Violation"
    assert sev("SourceRequiredRule-source") == "Violation"


def test_node_shape_target_classes_are_declared():
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF

    shapes, ontology = h.shapes_graph(), h.ontology_graph()
    declared = set(ontology.subjects(RDF.type, OWL.Class))
    for cls in set(shapes.objects(None, URIRef(SH + "targetClass"))):
        assert cls in declared or str(cls) in REUSED_CLASSES, f"target class {curie(cls)} is declared nowhere"


def test_every_labelled_class_is_named():
    """Every class a node shape targets (except SKOS, which uses skos:prefLabel) is a target of
    imvosh:NamedResourceShape, so it needs a Dutch label."""
    from rdflib import URIRef

    shapes = h.shapes_graph()
    target = URIRef(SH + "targetClass")
    named = set(shapes.objects(URIRef(IMVOSH + "NamedResourceShape"), target))
    for cls in set(shapes.objects(None, target)):
        if str(cls).startswith("http://www.w3.org/2004/02/skos/core#"):
            continue
        if str(cls) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement":
            continue  # a reified statement is provenance of another resource, not shown by name
        assert cls in named, f"{curie(cls)} is not a target of imvosh:NamedResourceShape"


def code_list_schemes():
    from rdflib.namespace import RDF, SKOS

    return set((h.ONTOLOGY_DIR / "code-lists.ttl").exists() and h.parse_files([h.ONTOLOGY_DIR / "code-lists.ttl"]).subjects(RDF.type, SKOS.ConceptScheme))


def test_code_list_sh_in_lists_are_complete():
    """An sh:in of code-list concepts lists the whole code list, so a concept added to
    ontology/code-lists.ttl cannot be forgotten here (except the deliberate subsets)."""
    from rdflib import URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import SKOS

    shapes = h.shapes_graph()
    code_lists = h.parse_files([h.ONTOLOGY_DIR / "code-lists.ttl"])
    checked = 0
    for shape, head in shapes.subject_objects(URIRef(SH + "in")):
        members = set(Collection(shapes, head))
        schemes = {s for m in members for s in code_lists.objects(m, SKOS.inScheme)}
        if not schemes:
            continue
        assert len(schemes) == 1, f"{curie(shape)} mixes code lists"
        scheme = schemes.pop()
        full = set(code_lists.subjects(SKOS.inScheme, scheme))
        unknown = members - full
        assert not unknown, f"{curie(shape)} lists concepts not in {scheme}: {sorted(map(str, unknown))}"
        if str(shape) not in PARTIAL_CODE_LISTS:
            assert members == full, f"{curie(shape)} misses {sorted(map(str, full - members))} of {scheme}"
        checked += 1
    assert checked >= 8


def test_provenance_exemption_lists_every_code_list():
    """imvosh:SourceRequiredRule exempts the code lists by name: they must be exactly the schemes
    of ontology/code-lists.ttl."""
    from rdflib import URIRef
    from rdflib.namespace import RDF, SKOS

    shapes = h.shapes_graph()
    rule = URIRef(IMVOSH + "SourceRequiredRule")
    target = shapes.value(rule, URIRef(SH + "target"))
    text = str(shapes.value(target, URIRef(SH + "select")))
    code_lists = h.parse_files([h.ONTOLOGY_DIR / "code-lists.ttl"])
    schemes = {str(s).rsplit("/", 1)[-1] for s in code_lists.subjects(RDF.type, SKOS.ConceptScheme)}
    in_lists = re.findall(r"IN \((cs:[^)]*)\)", text)
    assert len(in_lists) == 2
    for listed in in_lists:
        names = {t.strip()[3:] for t in listed.split(",")}
        assert names == schemes, f"exempted {sorted(names)}, code lists are {sorted(schemes)}"


# --------------------------------------------------------------------------------------------
# The undefined-term check on other graphs
# --------------------------------------------------------------------------------------------

def test_undefined_term_check_passes_on_the_shapes_themselves():
    """As the package does: the shapes files, as data, against vocabulary.ttl, with the ontology."""
    vocabulary = h.parse_files([h.SHAPES_DIR / "vocabulary.ttl"])
    results = h.validate(h.shapes_graph(), shapes=vocabulary)
    assert not results, show(r.key() for r in results)


def test_undefined_term_check_catches_a_typo_in_a_shape():
    from rdflib import URIRef

    shapes = h.shapes_graph()
    broken = h.parse_files(sorted(h.SHAPES_DIR.glob("*.ttl")))
    shape = URIRef(IMVOSH + "MotionShape-submitter")
    broken.remove((shape, URIRef(SH + "path"), None))
    broken.add((shape, URIRef(SH + "path"), URIRef(IMVO + "submiter")))
    vocabulary = h.parse_files([h.SHAPES_DIR / "vocabulary.ttl"])
    results = h.validate(broken, shapes=vocabulary)
    assert {(r.shape, r.value) for r in results} == {(URIRef(IMVOSH + "UndefinedTermRule"), URIRef(IMVO + "submiter"))}
    assert "submiter" in results[0].message("en") and "submiter" in results[0].message("nl")
    assert shapes is not broken


def test_undefined_term_check_works_with_pyshacl_defaults():
    """No SHACL-AF needed: pySHACL's default settings find the typo too."""
    import pyshacl
    from rdflib import Graph

    fixture = h.read_fixture(h.FIXTURES_DIR / "vocabulary" / "bad-undefined-property.ttl")
    data = h.fixture_graph(fixture) + h.ontology_graph()
    conforms, _results, text = pyshacl.validate(data, shacl_graph=h.parse_files([h.SHAPES_DIR / "vocabulary.ttl"]))
    assert not conforms
    assert "expectdIn" in text
    assert isinstance(data, Graph)


# --------------------------------------------------------------------------------------------
# The shapes and the shipped data
# --------------------------------------------------------------------------------------------

def data_classes():
    from rdflib.namespace import RDF

    files = sorted(h.DATA_DIR.glob("*.ttl"))
    if not files:
        return []
    return sorted({str(o) for o in h.data_graph().objects(None, RDF.type)})


DATA_CLASSES = data_classes()


@pytest.mark.parametrize("cls", DATA_CLASSES or ["(no data yet)"])
def test_every_class_used_in_the_data_has_a_node_shape(cls):
    from rdflib import URIRef

    if not DATA_CLASSES:
        pytest.skip("data/ is empty")
    targets = set(h.shapes_graph().objects(None, URIRef(SH + "targetClass")))
    assert URIRef(cls) in targets, f"no node shape has sh:targetClass {curie(cls)}"
