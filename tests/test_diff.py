"""diff: changes between two versions, grouped by resource with labels; exit 0 / 1 / 2."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT

from imvo_graph.diff import diff_graphs
from imvo_graph.errors import InputError, RdfSyntaxError

OLD = """
@prefix imvo: <https://w3id.org/imvo-graph/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix conv: <https://w3id.org/imvo-graph/id/convenant/> .
@prefix cstatus: <https://w3id.org/imvo-graph/id/convenantstatus/> .
@prefix ex: <http://example.org/> .

conv:goud a imvo:Covenant ;
    rdfs:label "Convenant verantwoord goud"@nl , "Responsible gold covenant"@en ;
    imvo:status cstatus:verwacht ;
    ex:note [ ex:text "oud" ] .

conv:weg a imvo:Covenant ;
    rdfs:label "Verdwenen convenant"@nl .

conv:stil a imvo:Covenant ;
    rdfs:label "Onveranderd"@nl ;
    ex:list ( 1 2 3 ) .
"""

NEW = """
@prefix imvo: <https://w3id.org/imvo-graph/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix conv: <https://w3id.org/imvo-graph/id/convenant/> .
@prefix cstatus: <https://w3id.org/imvo-graph/id/convenantstatus/> .
@prefix ex: <http://example.org/> .

conv:goud a imvo:Covenant ;
    rdfs:label "Convenant verantwoord goud"@nl , "Responsible gold covenant"@en ;
    imvo:status cstatus:afgesloten ;
    imvo:signingDate "2017-06-20"^^xsd:date ;
    ex:note [ ex:text "nieuw" ] .

conv:nieuw a imvo:Covenant ;
    rdfs:label "Nieuw convenant"@nl , "New covenant"@en .

conv:stil a imvo:Covenant ;
    rdfs:label "Onveranderd"@nl ;
    ex:list ( 1 2 3 ) .
"""

GOUD = "https://w3id.org/imvo-graph/id/convenant/goud"


@pytest.fixture
def versions(tmp_path):
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_changes_are_grouped_by_resource_with_labels(versions):
    d = diff_graphs(*versions)
    assert not d.equal
    by_status = {(c.status, c.resource.value): c for c in d.resources}
    assert set(by_status) == {
        ("added", "https://w3id.org/imvo-graph/id/convenant/nieuw"),
        ("changed", GOUD),
        ("removed", "https://w3id.org/imvo-graph/id/convenant/weg"),
    }
    goud = by_status[("changed", GOUD)]
    assert goud.label == "Convenant verantwoord goud"
    # a replaced value is one change, old -> new
    status = [(p.value, [o.value for o in old], [o.value for o in new]) for _s, p, old, new in goud.changed]
    assert ("https://w3id.org/imvo-graph/def#status",
            ["https://w3id.org/imvo-graph/id/convenantstatus/verwacht"],
            ["https://w3id.org/imvo-graph/id/convenantstatus/afgesloten"]) in status
    about_goud = [(p.value, o.value) for s, p, o in goud.added if s.value == GOUD]
    assert about_goud == [("https://w3id.org/imvo-graph/def#signingDate", "2017-06-20")]
    # the blank node's statements are listed under the resource that refers to it
    texts = {o.value for _s, _p, o in goud.added + goud.removed if o.__class__.__name__ == "Literal"}
    texts |= {o.value for *_sp, old, new in goud.changed for o in old + new if o.__class__.__name__ == "Literal"}
    assert {"oud", "nieuw"} <= texts
    assert by_status[("removed", "https://w3id.org/imvo-graph/id/convenant/weg")].label == "Verdwenen convenant"
    assert diff_graphs(*versions, lang="en").resources[0].label == "New covenant"


def test_same_graph_in_other_words_is_equal(tmp_path, versions):
    from imvo_graph.export import export_graph

    old, _new = versions
    for fmt, suffix in (("jsonld", ".jsonld"), ("rdfxml", ".rdf"), ("ntriples", ".nt")):
        other = tmp_path / f"other{suffix}"
        other.write_bytes(export_graph(files=[old], fmt=fmt))
        assert diff_graphs(old, other).equal, fmt


def test_the_shipped_data_folder_equals_its_own_export(tmp_path):
    from imvo_graph.export import export_graph

    exported = tmp_path / "data.trig"
    exported.write_bytes(export_graph("data", "trig"))
    d = diff_graphs(ROOT / "data", exported)
    assert d.equal and d.render("text", "en") == "No differences.\n"


def test_release_directories_compare_by_their_merged_graph(tmp_path):
    from imvo_graph.release import write_release

    fixtures = ROOT / "tests" / "fixtures" / "release"
    data = tmp_path / "data.ttl"
    shutil.copy(fixtures / "valid-data.ttl", data)
    write_release(tmp_path / "r1", data=[data], shapes=[fixtures / "shapes.ttl"], date="2024-01-01")
    data.write_text(data.read_text().replace("Testconvenant", "Proefconvenant"))
    write_release(tmp_path / "r2", data=[data], shapes=[fixtures / "shapes.ttl"], date="2024-02-01")
    d = diff_graphs(tmp_path / "r1", tmp_path / "r2")
    assert [(c.status, c.label) for c in d.resources] == [("changed", "Proefconvenant")]
    assert diff_graphs(tmp_path / "r1", tmp_path / "r1").equal
    # a release can carry its changelog
    write_release(tmp_path / "r3", data=[data], shapes=[fixtures / "shapes.ttl"], date="2024-02-01", previous=tmp_path / "r1")
    changes = (tmp_path / "r3" / "CHANGES.md").read_text(encoding="utf-8")
    assert changes.startswith("# Wijzigingen") and "Proefconvenant" in changes and "Testconvenant" in changes
    assert "CHANGES.md" in (tmp_path / "r3" / "SHA256SUMS").read_text()


def test_renderings(versions):
    d = diff_graphs(*versions)
    text = d.render("text", "nl")
    assert text.startswith("3 resource(s) gewijzigd: 1 toegevoegd, 1 verwijderd, 1 veranderd")
    assert '~ conv:goud  "Convenant verantwoord goud"' in text
    assert "~ imvo:status  cstatus:verwacht  ->  cstatus:afgesloten" in text
    markdown = d.render("markdown", "en")
    assert markdown.startswith("# Changes\n")
    assert "## Added (1)" in markdown and "## Changed (1)" in markdown and "## Removed (1)" in markdown
    assert "### [New covenant](<https://w3id.org/imvo-graph/id/convenant/nieuw>) `conv:nieuw`" in markdown
    document = json.loads(d.render("json"))
    assert document["equal"] is False
    assert document["counts"]["resourcesChanged"] == 1
    assert {r["status"] for r in document["resources"]} == {"added", "changed", "removed"}
    # every IRI written the same way: the plain full IRI; literals as objects
    changed = next(r for r in document["resources"] if r["status"] == "changed")
    assert changed["resource"] == "https://w3id.org/imvo-graph/id/convenant/goud"
    status = next(c for c in changed["changed"] if c["predicate"].endswith("#status"))
    assert status == {
        "subject": "https://w3id.org/imvo-graph/id/convenant/goud",
        "predicate": "https://w3id.org/imvo-graph/def#status",
        "old": ["https://w3id.org/imvo-graph/id/convenantstatus/verwacht"],
        "new": ["https://w3id.org/imvo-graph/id/convenantstatus/afgesloten"],
    }
    added = next(r for r in document["resources"] if r["status"] == "added")
    assert {"value": "New covenant", "language": "en"} in [s["object"] for s in added["added"]]
    assert "<" not in json.dumps(document)
    assert d.render("text") == diff_graphs(*versions).render("text")  # stable output
    with pytest.raises(InputError):
        d.render("yaml")


def test_bad_input(tmp_path, versions):
    old, _ = versions
    with pytest.raises(InputError, match="no such file"):
        diff_graphs(old, tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ex:d .\n")
    with pytest.raises(RdfSyntaxError) as info:
        diff_graphs(old, broken)
    assert info.value.line == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="without RDF files"):
        diff_graphs(old, empty)


def test_cli_exit_codes(cli, versions, tmp_path):
    old, new = versions
    same = cli("diff", str(old), str(old))
    assert same.returncode == 0 and same.stdout == "Geen verschillen.\n"
    different = cli("diff", str(old), str(new), "--format", "markdown", "--lang", "en")
    assert different.returncode == 1 and different.stdout.startswith("# Changes")
    missing = cli("diff", str(old), str(tmp_path / "missing.ttl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr and "Traceback" not in missing.stderr
    unknown = cli("diff", str(old), str(new), "--format", "yaml")
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr


def test_a_changed_text_is_paired_with_its_new_text_in_the_same_language(tmp_path):
    head = '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<http://example.org/x> rdfs:label '
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    old.write_text(head + '"oud"@nl , "old"@en , "same"@fr .\n')
    new.write_text(head + '"nieuw"@nl , "new"@en , "same"@fr .\n')
    (change,) = diff_graphs(old, new).resources
    pairs = [([o.value for o in before], [o.value for o in after]) for _s, _p, before, after in change.changed]
    assert pairs == [(["old"], ["new"]), (["oud"], ["nieuw"])]
    assert change.added == change.removed == []
