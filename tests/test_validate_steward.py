"""Validation for data stewards: a new file with the shipped graph, where each result is written,
and results that name the real fault (issue 12)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from pyoxigraph import NamedNode
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from imvo_graph.errors import InputError
from imvo_graph.validation import validate

FIXTURES = ROOT / "tests" / "fixtures" / "steward"
NEW = FIXTURES / "new-covenant.ttl"
TYPOS = FIXTURES / "typo-and-bad-date.ttl"
CONV = "https://w3id.org/imvo-graph/id/convenant/"
IMVO = "https://w3id.org/imvo-graph/def#"
SH = Namespace("http://www.w3.org/ns/shacl#")


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_new_covenant_conforms_with_the_shipped_data_and_not_alone():
    alone = validate([NEW])
    assert alone.has_violations  # the paragraph and the sector are in the shipped data
    together = validate([NEW], with_shipped=True)
    assert not together.has_violations, [(str(r.focus_node), r.message("en")) for r in together.violations]
    # the shipped warnings are still reported, each located in a shipped file
    assert together.warnings
    assert all(r.location.shipped and r.location.file.startswith("data/") for r in together.results)
    assert together.own_files == [str(NEW)]


def test_cli_with_shipped_conforms(cli):
    result = cli("validate", "--with-shipped", str(NEW), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["counts"]["violation"] == 0
    assert str(NEW) in report["files"] and len(report["files"]) > 1


def test_typo_is_reported_on_the_resource_that_uses_it_with_a_suggestion():
    report = validate([TYPOS], with_shipped=True)
    undeclared = [r for r in report.violations if r.value == NamedNode(IMVO + "signingdate")]
    assert len(undeclared) == 1
    (result,) = undeclared
    assert result.focus_node == NamedNode(CONV + "test-typo")
    assert result.path == NamedNode(IMVO + "signingdate")
    assert "imvo:signingDate" in result.message("en") and "Did you mean" in result.message("en")
    assert "Bedoelde u imvo:signingDate" in result.message("nl")
    assert (result.location.file, result.location.line, result.location.column) == (
        "tests/fixtures/steward/typo-and-bad-date.ttl", line_of(TYPOS, "imvo:signingdate"), 5)
    # no result left on the ontology resource
    assert NamedNode("https://w3id.org/imvo-graph/def") not in {r.focus_node for r in report.results}


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_a_typo_used_only_on_anonymous_blank_nodes_is_reported_at_each_use(tmp_path, engine):
    # an anonymous blank node has no name to report as the focus node: each use is still a
    # result, on the rule's own focus node (the ontology), at the statement that uses it
    data = tmp_path / "blank.ttl"
    data.write_text(
        "@prefix imvo: <https://w3id.org/imvo-graph/def#> .\n"
        "@prefix ex: <https://example.org/> .\n"
        "[] ex:p imvo:blankObject .\n"
        "[ imvo:blankPredicate 1 ] .\n",
        encoding="utf-8",
    )
    report = validate([data], engine=engine)
    found = {(r.value, r.path, r.location.line, r.location.column) for r in report.violations
             if r.value in (NamedNode(IMVO + "blankObject"), NamedNode(IMVO + "blankPredicate"))}
    assert found == {(NamedNode(IMVO + "blankObject"), NamedNode("https://example.org/p"), 3, 9),
                     (NamedNode(IMVO + "blankPredicate"), NamedNode(IMVO + "blankPredicate"), 4, 3)}
    assert {r.focus_node for r in report.violations if r.value == NamedNode(IMVO + "blankObject")} == {
        NamedNode("https://w3id.org/imvo-graph/def")}


def test_invalid_date_is_reported_as_such_and_only_so():
    report = validate([TYPOS], with_shipped=True)
    about = [r for r in report.results if r.focus_node == NamedNode(CONV + "test-bad-date")]
    assert [r.message("en") for r in about] == ['"2019-13-01" is not a valid xsd:date (value of imvo:signingDate).']
    (result,) = about
    assert result.constraint_component == NamedNode(SH.DatatypeConstraintComponent)
    line = line_of(TYPOS, '"2019-13-01"')
    text = TYPOS.read_text(encoding="utf-8").splitlines()[line - 1]
    assert (result.location.line, result.location.column) == (line, text.index('"2019-13-01"') + 1)


def test_missing_value_points_at_the_first_statement_and_sparql_value_only_when_bound(tmp_path):
    # a concluded covenant without a signing date: a SPARQL rule that binds no ?value
    text = NEW.read_text(encoding="utf-8").replace('    imvo:signingDate "2017-06-19"^^xsd:date ;\n', "")
    path = tmp_path / "no-date.ttl"
    path.write_text(text, encoding="utf-8")
    report = validate([path], with_shipped=True)
    (result,) = [r for r in report.results if r.focus_node == NamedNode(CONV + "test-textiel-2")]
    assert result.value is None
    assert result.location.line == line_of(path, "conv:test-textiel-2") and result.location.column == 1
    assert not result.location.shipped


def test_text_report_shows_file_line_column_and_own_results_first(cli):
    result = cli("validate", "--with-shipped", str(TYPOS), "--lang", "en")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    location = f"tests/fixtures/steward/typo-and-bad-date.ttl:{line_of(TYPOS, 'imvo:signingdate')}:5"
    assert any(line.strip().startswith(location) for line in lines), result.stdout
    first_shipped = next(i for i, line in enumerate(lines) if "[shipped]" in line)
    last_own = max(i for i, line in enumerate(lines) if "typo-and-bad-date.ttl:" in line)
    assert last_own < first_shipped
    assert "in your files" in result.stdout


def test_turtle_report_stays_a_shacl_report_with_our_location_property(cli):
    result = cli("validate", "--with-shipped", str(TYPOS), "--format", "turtle")
    graph = Graph().parse(data=result.stdout, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms).toPython() is False
    rep = Namespace("https://w3id.org/imvo-graph/def/report#")
    lines = {
        (str(graph.value(place, rep.file)), graph.value(place, rep.line).toPython())
        for node in graph.objects(report, SH.result)
        for place in graph.objects(node, rep.location)
    }
    assert ("tests/fixtures/steward/typo-and-bad-date.ttl", line_of(TYPOS, "imvo:signingdate")) in lines


def test_json_location(cli):
    report = json.loads(cli("validate", "--with-shipped", str(TYPOS), "--format", "json").stdout)
    typo = next(r for r in report["results"] if r["value"] == IMVO + "signingdate")
    assert typo["location"] == {"file": "tests/fixtures/steward/typo-and-bad-date.ttl",
                                "line": line_of(TYPOS, "imvo:signingdate"), "column": 5, "shipped": False}


def test_a_format_without_positions_names_the_file_without_a_line(tmp_path, cli):
    # the same covenant as JSON-LD: the file is named, with no line (never a wrong one)
    graph = Graph().parse(TYPOS)
    path = tmp_path / "typos.jsonld"
    path.write_text(graph.serialize(format="json-ld"), encoding="utf-8")
    report = validate([path], with_shipped=True)
    (result,) = [r for r in report.results if r.focus_node == NamedNode(CONV + "test-bad-date")]
    assert result.location.file.endswith("typos.jsonld") and result.location.line is None
    text = cli("validate", "--with-shipped", str(path), "--lang", "en").stdout
    assert "typos.jsonld (line unknown: JSON-LD gives no line numbers)" in text


@pytest.mark.parametrize("twice", [[NEW, NEW], [NEW, ROOT / "tests" / "fixtures" / ".." / "fixtures" / "steward" / "new-covenant.ttl"]])
def test_a_file_given_twice_is_bad_input(twice):
    with pytest.raises(InputError, match="given twice"):
        validate(twice)


def test_a_shipped_file_with_the_shipped_data_is_bad_input(cli):
    result = cli("validate", "--with-shipped", str(ROOT / "data" / "motions.ttl"))
    assert result.returncode == 2 and "shipped data file" in result.stderr and result.stdout == ""


def test_no_location_index_without_results(monkeypatch):
    import imvo_graph.validation.locate as locate

    def fail(*args, **kwargs):
        raise AssertionError("the index was built for a report without results")

    monkeypatch.setattr(locate.StatementIndex, "__init__", fail)
    assert validate([NEW], with_shipped=True, shapes=[ROOT / "shapes" / "motions.ttl"]).results == []


@pytest.mark.parametrize("suffix", [".nt", ".nq"])
def test_n_triples_results_are_located_by_line_and_column(tmp_path, suffix):
    # the faulty file as N-Triples / N-Quads, whose lines are found by a search of the bytes
    # (imvo_graph.positions.LineSearch), not by reading the whole file as RDF again
    import pyoxigraph as ox

    from imvo_graph.rdf.loading import read_quads

    path = tmp_path / f"typos{suffix}"
    fmt = ox.RdfFormat.N_TRIPLES if suffix == ".nt" else ox.RdfFormat.N_QUADS
    quads = read_quads(TYPOS)
    text = ox.serialize(quads, format=fmt).decode("utf-8")
    path.write_text("# the steward's file\n\n" + text.replace("\n", "\n  ", 3), encoding="utf-8")
    report = validate([path], with_shipped=True)
    own = [r for r in report.results if not r.location.shipped]
    assert own and all(r.location.file.endswith(path.name) and r.location.line for r in own)
    lines = path.read_text(encoding="utf-8").splitlines()
    (date,) = [r for r in own if r.focus_node == NamedNode(CONV + "test-bad-date")]
    assert lines[date.location.line - 1][date.location.column - 1:].startswith('"2019-13-01"')
    (typo,) = [r for r in own if r.value == NamedNode(IMVO + "signingdate")]
    assert lines[typo.location.line - 1][typo.location.column - 1:].startswith(f"<{IMVO}signingdate>")
    # every result on a line that holds its focus node
    assert all(f"<{r.focus_node.value}>" in lines[r.location.line - 1] for r in own if isinstance(r.focus_node, NamedNode))
