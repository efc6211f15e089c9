"""The synthetic graph generator: size, determinism, proportions, and its planted violations."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from fast_validation_support import assert_same

from imvo_graph.rdf.terms import term_text

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture(scope="module")
def template():
    from imvo_graph.generate import template_quads

    quads = template_quads()
    if not quads:
        pytest.skip("no shipped data yet")
    return quads


@pytest.fixture(scope="module")
def shapes_graph():
    from fast_validation_support import quads_of

    from imvo_graph.resources import shipped_files
    from imvo_graph.validation.fast import rdflib_graph

    files = shipped_files("shapes")
    if not files:
        pytest.skip("no shipped shapes yet")
    return rdflib_graph(quads_of(files))


def _data(quads):
    from fast_validation_support import quads_of

    from imvo_graph.resources import shipped_files

    return list(quads) + quads_of(shipped_files("ontology"))


def _store(quads):
    from imvo_graph.validation.fast import store_of

    return store_of(_data(quads))


def _keys(quads):
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def test_size_is_whole_copies_close_to_the_request(template):
    from imvo_graph.generate import generate

    g = generate(len(template) * 4, seed=1, template=template)
    assert g.copies == 4
    assert abs(g.triples - len(template) * 4) < len(template)
    assert generate(10, template=template).triples == len(template)  # at least the shipped data


def test_deterministic_by_seed(template):
    from imvo_graph.generate import generate

    a = generate(len(template) * 3, seed=5, violations=0.05, template=template)
    b = generate(len(template) * 3, seed=5, violations=0.05, template=template)
    c = generate(len(template) * 3, seed=6, violations=0.05, template=template)
    assert _keys(a.quads) == _keys(b.quads) and a.planted == b.planted
    assert a.planted != c.planted


def test_copy_zero_is_the_shipped_data_and_classes_keep_their_proportions(template):
    from imvo_graph.generate import generate

    g = generate(len(template) * 3, seed=0, template=template)
    assert _keys(template) <= _keys(g.quads)
    shipped = Counter(str(q.object) for q in template if str(q.predicate) == f"<{RDF_TYPE}>")
    generated = Counter(str(q.object) for q in g.quads if str(q.predicate) == f"<{RDF_TYPE}>")
    shared = {"<http://www.w3.org/2004/02/skos/core#Concept>", "<http://www.w3.org/2004/02/skos/core#ConceptScheme>"}
    for cls, n in shipped.items():
        if cls in shared:
            assert generated[cls] == n  # concept schemes are shared, not copied
        else:
            assert generated[cls] >= n * 3 - n  # every copy has its own covenants, motions, ...
            assert generated[cls] <= n * 3


def test_papers_are_renumbered_consistently(template):
    from imvo_graph.generate import generate

    g = generate(len(template) * 2, seed=0, template=template)
    numbers = {str(q.subject): q.object.value for q in g.quads if q.predicate.value.endswith("#kamerstukNumber")}
    for subject, number in numbers.items():
        if "/id/motie/" in subject or "/id/kamerstuk/" in subject:
            assert subject.rstrip(">").endswith("/" + number)


def test_cli_writes_graph_and_plan(tmp_path):
    from imvo_graph.cli import main
    from imvo_graph.rdf.loading import load_store

    out = tmp_path / "g.nt"
    assert main(["generate", "--triples", "3000", "--seed", "2", "--violations", "0.02", "--output", str(out)]) == 0
    plan = json.loads((tmp_path / "g.nt.violations.json").read_text())
    assert plan["seed"] == 2 and plan["triples"] == len(load_store([out]))
    assert plan["planted"], "a rate of 2% plants at least one violation"


def test_cli_rejects_a_bad_rate(capsys):
    from imvo_graph.cli import main

    with pytest.raises(SystemExit) as info:
        main(["generate", "--triples", "100", "--violations", "2"])
    assert info.value.code == 2


def _canonical(term) -> str:
    """A result term with the copy number taken out, to compare with the shipped data's results."""
    text = term_text(term)
    text = re.sub(r" \[g\d+\]", "", text)
    text = re.sub(r"-g\d+(?=$|#)", "", text)
    text = re.sub(r"(/(?:motie|kamerstuk)/[^#]*-)(\d+)$", lambda m: m.group(1) + str(int(m.group(2)) % 1000), text)
    return text


def _canonical_key(result):
    focus, path, value = (_canonical(part) if part is not None else None for part in result.key()[:3])
    if path is not None and path.endswith(("#subNumber", "#kamerstukNumber")) and value is not None:
        value = re.sub(r"(\d+)$", lambda m: str(int(m.group(1)) % 1000), value)
    return (focus, path, value) + tuple(term_text(p) for p in result.key()[3:])


def test_the_validator_finds_exactly_the_planted_violations(template, shapes_graph):
    """Every planted violation is reported, and nothing else beyond the shipped data's own results."""
    from imvo_graph.generate import generate
    from imvo_graph.validation.fast import validate_store

    # (stores made for these validations: scratch, as validate() makes them)
    baseline = {_canonical_key(r) for r in validate_store(_store(template), shapes_graph, scratch=True)}
    g = generate(len(template) * 3, seed=11, violations=0.03, template=template)
    results = validate_store(_store(g.quads), shapes_graph, scratch=True)
    assert len(g.planted) >= 3
    for planted in g.planted:
        hits = [r for r in results if term_text(r.focus_node) == planted.focus and r.severity == "Violation"
                and (planted.path is None or term_text(r.path) == planted.path or r.path is None)]
        assert hits, f"planted violation not reported: {planted}"
    planted_foci = {p.focus for p in g.planted}
    touched = planted_foci | {p.value for p in g.planted if p.value}
    unexplained = [
        r for r in results
        if term_text(r.focus_node) not in touched
        and term_text(r.value) not in touched
        and _canonical_key(r) not in baseline
    ]
    assert not unexplained, "\n".join(map(str, unexplained[:10]))


def test_generated_graph_with_violations_same_results_as_pyshacl(template, shapes_graph):
    from imvo_graph.generate import generate

    g = generate(len(template) * 2, seed=3, violations=0.03, template=template)
    assert_same(_data(g.quads), shapes_graph)
