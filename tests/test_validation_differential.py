"""Engine 'auto' gives exactly pySHACL's results (as a multiset of result keys) on shapes that
are not ours: DCAT-AP-NL 3.0 (the vendored SEMIC and Geonovum shapes) over the catalogue of a
real release and over a catalogue full of mistakes, and pySHACL's own SHACL-for-SHACL shapes
over the project's shapes. Both engines see the same parse (the same blank nodes)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from imvo_graph.rdf.loading import read_quads
from imvo_graph.rdf.terms import term_text
from imvo_graph.validation import validate_quads

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "release"


pytestmark = pytest.mark.usefixtures("quiet_libraries")


def same_as_pyshacl(data, shapes, expect_compiled: bool = True) -> Counter:
    fallbacks = []
    auto = validate_quads(data, shapes, on_fallback=fallbacks.append)
    reference = validate_quads(data, shapes, engine="pyshacl")
    got, want = Counter(r.key() for r in auto.results), Counter(r.key() for r in reference.results)
    assert got == want, (f"missing: {sorted(map(str, want - got))[:10]}\nunexpected: {sorted(map(str, got - want))[:10]}")
    if expect_compiled:
        assert auto.engine == "fast" and not fallbacks, fallbacks
    return want


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Path:
    """The catalogue of a real (small) release, as write_release builds it."""
    from imvo_graph.release import write_release

    target = tmp_path_factory.mktemp("release") / "r"
    write_release(target, data=[FIXTURES / "valid-data.ttl"], shapes=[FIXTURES / "shapes.ttl"], date="2024-01-01")
    return target / "catalog.ttl"


@pytest.fixture(scope="module")
def dcat_ap_shapes() -> list:
    from imvo_graph.release.catalog import vendored_shape_files

    return [q for f in vendored_shape_files() for q in read_quads(f)]


def test_dcat_ap_nl_on_the_release_catalogue(catalogue, dcat_ap_shapes):
    results = same_as_pyshacl(read_quads(catalogue), dcat_ap_shapes)
    assert not [k for k in results if k[5] == "Violation"]  # the release's catalogue conforms


MISTAKES = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .

ex:Broken a dcat:Catalog ;
    dct:title "no language" , "zweimaal"@nl , "tweemaal"@nl ;
    dct:issued "yesterday" , "2024-13-45"^^xsd:date ;
    dct:license "CC0" ;
    dct:publisher "a string, not an agent" ;
    dcat:dataset ex:BrokenSet , ex:Undescribed .
ex:BrokenSet a dcat:Dataset ;
    dct:title "set"@en ;
    dcat:theme "economy" ;
    dcat:keyword "kw"^^xsd:integer ;
    dct:modified "2024"^^xsd:gYear ;
    dcat:contactPoint ex:NotAKind ;
    dcat:distribution ex:BrokenDist , [ a dcat:Distribution ] .
ex:BrokenDist a dcat:Distribution ;
    dcat:byteSize "3" , "-5"^^xsd:nonNegativeInteger , "many"^^xsd:decimal ;
    dcat:mediaType "text/turtle" ;
    dct:format ex:NoFormat ;
    spdx:checksum [ a spdx:Checksum ; spdx:checksumValue 42 ; spdx:algorithm ex:Unknown ] ;
    dcat:accessURL "not an IRI" .
ex:Service a dcat:DataService ; dcat:endpointURL "http://x" ; dcat:servesDataset ex:Nothing .
"""


def test_dcat_ap_nl_on_a_catalogue_full_of_mistakes(catalogue, dcat_ap_shapes, tmp_path):
    import pyoxigraph as ox

    from imvo_graph.rdf.loading import read_quads as read

    mistakes = list(ox.parse(MISTAKES.encode(), format=ox.RdfFormat.TURTLE))
    # and the release catalogue with its publishers, contact point type and byte sizes broken
    good = read(catalogue)
    broken = [q for q in good if not (q.predicate.value in ("http://purl.org/dc/terms/publisher",)
                                       or q.object == ox.NamedNode("http://www.w3.org/2006/vcard#Kind"))]
    results = same_as_pyshacl(mistakes + broken, dcat_ap_shapes)
    violations = [k for k, n in results.items() if k[5] == "Violation"]
    assert len(violations) >= 20, violations
    components = {term_text(k[4]).rsplit("#", 1)[-1] for k in violations}
    assert {"MinCountConstraintComponent", "DatatypeConstraintComponent", "ClassConstraintComponent",
            "NodeKindConstraintComponent"} <= components, components


def test_shacl_for_shacl_over_the_project_shapes():
    """pySHACL's SHACL-for-SHACL shapes (shipped in the pyshacl package) over every shipped
    shapes file, with a broken shape added so that there is something to find."""
    import pyoxigraph as ox
    import pyshacl

    from imvo_graph.resources import shipped_files

    shacl_shacl = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    ours = [q for f in shipped_files("shapes") for q in read_quads(f)]
    broken = list(ox.parse(b"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:Bad a sh:NodeShape ; sh:targetClass "not an IRI" ; sh:minCount -1 ; sh:closed "yes" ;
            sh:property [ sh:path ex:p ; sh:path ex:q ; sh:datatype ex:a , ex:b ; sh:in "not a list" ] .
        """, format=ox.RdfFormat.TURTLE))
    # One validation of both: the broken shape shares no node with the project's shapes, and a
    # SHACL-for-SHACL result is about one shape's own nodes, so the project's shapes have a
    # result here exactly when they have one validated alone.
    found = same_as_pyshacl(ours + broken, read_quads(shacl_shacl))
    broken_nodes = {q.subject for q in broken}
    assert not {q.subject for q in ours} & broken_nodes
    ours_found = [k for k in found if k[0] not in broken_nodes]
    assert not ours_found, f"the project's shapes are well-formed SHACL: {ours_found[:5]}"
    assert len(found) >= 5, found


def test_the_shipped_shapes_run_fully_compiled():
    """No fallback on the project's own shapes: the default validation is the compiled one (the
    speed targets of benchmarks/RESULTS.md depend on it)."""
    from imvo_graph.validation import validate

    fallbacks = []
    report = validate(on_fallback=fallbacks.append)
    assert report.engine == "fast" and report.fallback is None and not fallbacks, fallbacks
