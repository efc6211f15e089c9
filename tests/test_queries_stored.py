"""The stored queries in queries/: their headers, the fixed names and variables, and their answers.

Every stored query has an expected answer in tests/expected/queries/, written by hand from the
letter (see the README there): ``NAME.csv`` for the default run (Dutch labels), ``NAME@en.csv``
for ``--lang en``, and ``NAME.params`` (``name=value`` lines) for the parameters of every run.
Answers are compared as sets of rows of the W3C CSV results format.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imvo_graph.cli import main
from imvo_graph.query import get_query, list_queries, query_names, run_query
from imvo_graph.query.terms import PARAM_TYPES
from imvo_graph.resources import domain_dir

EXPECTED = Path(__file__).parent / "expected" / "queries"

#: The names and result variables other tools depend on (issue 4).
FIXED = {
    "covenant-motions": ["covenantLabel", "motionLabel", "kamerstuk"],
    "covenant-status": ["covenantLabel", "sectorLabel", "status", "date"],
    "motions": ["motionLabel", "kamerstuk", "submitters", "adopted", "addressedBy"],
    "commitments": ["commitmentLabel", "madeAt", "madeOn", "outcome"],
    "cited-documents": ["kamerstuk", "date", "title"],
    "planned-reports": ["reportLabel", "responsibleLabel", "due"],
}


def params_for(name: str) -> dict:
    """The parameters of the expected runs of a query (from NAME.params), else none."""
    path = EXPECTED / f"{name}.params"
    if not path.exists():
        return {}
    params = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, _, value = line.partition("=")
            params[key.strip()] = value.strip()
    return params


def expected_cases() -> list[tuple[str, str, Path]]:
    """(query name, language, expected file) for every expected-result file."""
    cases = []
    for path in sorted(EXPECTED.glob("*.csv")):
        name, _, lang = path.stem.partition("@")
        cases.append((name, lang or "nl", path))
    return cases


def csv_rows(text: str) -> tuple[list, set]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], {tuple(row) for row in rows[1:]}


def normalise_space(rows: set) -> set:
    return {tuple(" ".join(cell.split()) for cell in row) for row in rows}


@pytest.fixture(scope="module")
def stored():
    return {q.name: q for q in list_queries()}


# -- the catalogue -----------------------------------------------------------------------------


def test_at_least_fifteen_stored_queries(stored):
    assert len(stored) >= 15


def test_fixed_names_exist(stored):
    assert set(FIXED) <= set(stored)


@pytest.mark.parametrize("name", query_names())
def test_header_has_dutch_and_english_title_and_description(name):
    query = get_query(name)
    for field in (query.title, query.description):
        assert field.get("nl") and field.get("en"), f"{name}: needs 'Dutch / English'"
        assert field["nl"] != field["en"], f"{name}: the Dutch and English texts are the same"
    assert re.search(r"^# title: .+ / .+$", query.text, re.MULTILINE)
    for param in query.params:
        assert param.type in PARAM_TYPES
        assert param.meaning.get("nl") and param.meaning.get("en"), f"{name}: parameter {param.name} needs a meaning"


@pytest.mark.parametrize("name", query_names())
def test_every_result_column_has_a_dutch_and_an_english_heading(name):
    query = get_query(name)
    variables = run_query(name, params_for(name)).variables
    assert list(query.columns) == variables, f"{name}: one '# column:' line per selected variable, in order"
    for variable, heading in query.columns.items():
        assert heading.get("nl") and heading.get("en"), f"{name}: column {variable} needs 'Dutch / English'"


@pytest.mark.parametrize("name", query_names())
def test_every_parameter_is_used_and_every_used_parameter_declared(name):
    query = get_query(name)
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    for param in query.params:
        assert re.search(rf"[?$]{param.name}\b", body), f"{name}: parameter {param.name} is not used"
    if re.search(r"[?$]lang\b", body):
        assert query.param("lang") is not None, f"{name}: uses ?lang but does not declare it"


@pytest.mark.parametrize("name", query_names())
def test_every_stored_query_has_an_expected_answer(name):
    assert (EXPECTED / f"{name}.csv").exists(), f"write tests/expected/queries/{name}.csv by hand from the letter"


def test_every_expected_answer_belongs_to_a_stored_query():
    names = set(query_names())
    for name, _, path in expected_cases():
        assert name in names, f"{path.name} has no query {name}.rq"
    for path in EXPECTED.glob("*.params"):
        assert path.stem in names, f"{path.name} has no query"


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fixed_result_variables_in_order(name):
    result = run_query(name, params_for(name))
    assert result.variables == FIXED[name]


# -- the answers -------------------------------------------------------------------------------


@pytest.mark.parametrize("name, lang, path", expected_cases(), ids=[p.name for _, _, p in expected_cases()])
def test_answer_equals_the_hand_written_expectation(name, lang, path):
    result = run_query(name, params_for(name), lang=lang)
    got_header, got = csv_rows(result.serialize("csv"))
    want_header, want = csv_rows(path.read_text(encoding="utf-8"))
    assert got_header == want_header
    assert len(got) == len(result), f"{name}: the answer has duplicate rows"
    got, want = normalise_space(got), normalise_space(want)
    missing = sorted(want - got)
    unexpected = sorted(got - want)
    assert not missing and not unexpected, f"{name} ({lang}): missing {missing}; unexpected {unexpected}"


@pytest.mark.parametrize("name", query_names())
def test_language_parameter_changes_the_labels(name):
    query = get_query(name)
    if query.param("lang") is None:
        pytest.skip("no labels")
    nl = run_query(name, params_for(name), lang="nl")
    en = run_query(name, params_for(name), lang="en")
    assert nl.variables == en.variables
    assert nl.rows != en.rows
    # where both languages have rows, none of the English ones is empty in a label column
    for row in en.rows:
        for variable, value in zip(en.variables, row):
            if variable.endswith("Label") and variable not in ("responsibleLabel", "sectionLabel"):
                assert value, f"{name}: empty {variable} in English"


def test_counting_gives_the_letters_totals():
    rows = {(r["status"], r.get("expectedIn")): r["covenants"] for r in run_query("covenant-totals").to_dicts()}
    assert rows[("afgesloten", None)] + rows[("in werking", None)] == 5  # "op vijf gekomen"
    assert sum(rows.values()) == 16  # "het totale aantal op zestien"


# -- from the command line ---------------------------------------------------------------------


def test_queries_command_lists_names_and_titles(capsys):
    assert main(["queries", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if not line.startswith(" ")]
    assert len(lines) == len(query_names())
    assert any(line.startswith("covenant-status") and "Covenants and their status" in line for line in lines)
    # under each query that takes parameters (besides the language): their defaults, ? if required
    params = {line.split("  ")[0].strip(): next_line.strip() for line, next_line in zip(out.splitlines(), out.splitlines()[1:])
              if not line.startswith(" ") and next_line.startswith(" ")}
    assert params["reports-due"] == "--param year=2018"
    assert params["sources"] == "--param about=?"
    assert "covenant-status" not in params


def test_describe_a_stored_query(capsys):
    assert main(["query", "reports-due", "--describe"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reports-due: Rapportages verwacht in een jaar")
    assert "year (year, default 2018): het jaar" in out
    assert f"file: {domain_dir('queries') / 'reports-due.rq'}" in out


def test_a_stored_query_with_a_parameter_from_the_command_line(capsys):
    assert main(["query", "reports-due", "--param", "year=2020", "--format", "csv"]) == 0
    header, rows = csv_rows(capsys.readouterr().out)
    assert header == ["reportLabel", "due", "period"]
    assert {row[1] for row in rows} == {"2020"} and len(rows) == 2


def test_stored_query_cold_from_the_command_line_is_fast():
    """Each stored query, cold from the CLI on the shipped graph, well under a second (the
    limit here is generous because the test machine is shared; benchmarks/ measures it)."""
    slowest = 0.0
    for name in ("covenant-status", "motions", "timeline"):
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "imvo_graph", "query", name, "--format", "csv"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        slowest = max(slowest, time.perf_counter() - start)
        assert proc.returncode == 0, proc.stderr
    assert slowest < 3.0


# -- at scale: the same questions on generated graphs of many copies ---------------------------
#
# A portfolio graph (imvo_graph.generate) holds copies of the shipped data, so every stored query's
# answer grows linearly with the number of copies. Each store also holds the same few incomplete
# resources (a commitment and a request without meeting, a person whose post and membership name
# no organisation, a meeting without date or kind, ...): their rows must not depend on the size of
# the graph. A label OPTIONAL on a variable bound only in an earlier OPTIONAL breaks this (for an
# unbound variable it joins with every label in the graph, which is also what makes such a query
# quadratic in the size of the graph).

INCOMPLETE = """
@prefix imvo: <https://w3id.org/imvo-graph/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex:   <https://example.org/onvolledig/> .
@prefix cstatus: <https://w3id.org/imvo-graph/id/convenantstatus/> .
@prefix rstatus: <https://w3id.org/imvo-graph/id/rapportstatus/> .

ex:toezegging a imvo:Commitment ; rdfs:label "Onvolledig: toezegging zonder overleg"@nl .
ex:verzoek a imvo:ParliamentaryRequest ; rdfs:label "Onvolledig: verzoek zonder overleg"@nl .
ex:overleg a imvo:ParliamentaryMeeting ; rdfs:label "Onvolledig: overleg zonder datum"@nl .
ex:persoon a foaf:Person ; rdfs:label "Onvolledig: persoon zonder organisatie"@nl .
ex:functie a org:Post ; rdfs:label "Onvolledig: functie zonder organisatie"@nl ; org:heldBy ex:persoon .
ex:lidmaatschap a org:Membership ; org:member ex:persoon ; org:role ex:functie .
ex:convenant a imvo:SectorCovenant ; rdfs:label "Onvolledig: convenant zonder sector"@nl ;
    imvo:status cstatus:verwacht .
ex:rapport a imvo:Report ; rdfs:label "Onvolledig: rapport zonder termijn"@nl ; imvo:status rstatus:gepland .
"""
MARK = "Onvolledig:"
#: the number of copies of the shipped data in each generated graph (about 20k triples at most)
SIZES = (1, 3, 10)


@pytest.fixture(scope="module")
def generated_stores():
    """Stores of 1, 3 and 10 copies of the shipped data (seed 1), each with the ontology and the
    same incomplete resources."""
    import pyoxigraph as ox

    from imvo_graph.generate import generate, template_quads
    from imvo_graph.resources import shipped_files

    template = template_quads()
    per_copy = len(generate(2 * len(template), seed=1, template=template).quads) - len(template)
    shared = len(template) - per_copy
    stores = {}
    for copies in SIZES:
        graph = generate(shared + copies * per_copy, seed=1, template=template)
        assert graph.copies == copies
        store = ox.Store()
        store.extend(graph.quads)
        for path in shipped_files("ontology"):
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        store.load(INCOMPLETE.encode(), format=ox.RdfFormat.TURTLE)
        stores[copies] = store
    return stores


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", query_names())
def test_answers_on_generated_graphs_grow_linearly_and_keep_their_languages(generated_stores, name, lang):
    counts, incomplete = {}, {}
    for copies, store in generated_stores.items():
        result = run_query(name, params_for(name), lang=lang, store=store)
        for row in result.terms:
            for variable, term in zip(result.variables, row):
                language = getattr(term, "language", None)
                assert language in (None, lang, "nl"), f"{name}: {variable} in {language!r} asked for {lang!r}"
        counts[copies] = len(result)
        incomplete[copies] = sorted(
            repr(row) for row in result.rows if any(isinstance(v, str) and v.startswith(MARK) for v in row)
        )
    (a, b, c) = SIZES
    # rows = fixed + per copy * copies: the same growth from each size to the next
    assert (counts[b] - counts[a]) * (c - b) == (counts[c] - counts[b]) * (b - a), f"{name}: rows {counts}"
    assert incomplete[a] == incomplete[b] == incomplete[c], f"{name}: the incomplete resources' rows depend on the graph's size"


def test_incomplete_resources_are_answered(generated_stores):
    """The incomplete resources are seen by the queries they concern (so the test above checks them)."""
    store = generated_stores[SIZES[0]]
    for name, variable in (("commitments", "commitmentLabel"), ("people", "personLabel"), ("meetings", "meetingLabel"),
                           ("requests", "requestLabel"), ("covenant-status", "covenantLabel"),
                           ("planned-reports", "reportLabel")):
        values = run_query(name, params_for(name), store=store).column(variable)
        assert any(isinstance(v, str) and v.startswith(MARK) for v in values), f"{name}: no incomplete resource"


def test_sources_gives_no_paragraph_for_a_statement_that_no_paragraph_makes(generated_stores):
    """``sources`` lists a statement with the paragraphs that make it (docs/model.md): its
    reification's sources, else its resource's. A statement with neither (the incomplete resources
    here, the ontology's terms) is made by no paragraph and has no row; the query once paired it
    with every paragraph of the graph, so its rows grew with the graph."""
    for store in generated_stores.values():
        assert run_query("sources", {"about": MARK}, store=store).rows == []
    rows = run_query("sources", {"about": "sector"}).rows  # the property imvo:sector and the covenants
    labels = {row[0] for row in rows}
    assert "convenant metaalsector" in labels  # a resource of the data
    assert "sector" not in labels and "IMVO-sectorconvenant" not in labels  # the ontology's terms
