"""Export: every format round-trips, the bytes are reproducible, writes are atomic, bad input fails cleanly."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pyoxigraph as ox
import pytest
from conftest import ROOT

from imvo_graph.errors import InputError, OutputError
from imvo_graph.export import FORMATS, PARTS, export_graph, load_part_quads, serialize, write_export

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}
EX = "http://example.org/"


def triples_of(quads) -> set:
    """The canonical triples of quads (graph names dropped): each once, with the blank-node labels
    canonical_quads gives them (export.canonical.relabel), as a set (so without its sorting)."""
    from imvo_graph.export.canonical import relabel

    return {q.triple for q in relabel(dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object) for q in quads))}


def rdflib_graph(data: bytes, fmt: str):
    """Parse with rdflib (a second, independent parser); plain literals normalised to xsd:string."""
    import rdflib
    from rdflib import XSD, Literal

    if FORMATS[fmt].dataset:
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
        triples = [(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))]
    else:
        triples = list(rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt]))
    graph = rdflib.Graph()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype is None and o.language is None:
            o = Literal(str(o), datatype=XSD.string)
        graph.add((s, p, o))
    return graph


@pytest.fixture(scope="module")
def shipped_quads():
    return {part: load_part_quads(part) for part in PARTS}


@pytest.fixture(scope="module")
def shipped_triples(shipped_quads):
    """triples_of each part, computed once (each part is compared with six exports)."""
    return {part: triples_of(quads) for part, quads in shipped_quads.items()}


@pytest.fixture(scope="module")
def exports(shipped_quads):
    return {(part, fmt): serialize(shipped_quads[part], fmt) for part in PARTS for fmt in FORMATS}


# ------------------------------------------------------------------------------------------
# round trips


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("part", PARTS)
def test_round_trip_oxigraph(part, fmt, shipped_triples, exports):
    data = exports[(part, fmt)]
    back = list(ox.parse(data, format=OX_FORMATS[fmt]))
    assert back, "an export parses back to something"
    assert triples_of(back) == shipped_triples[part]


def canonical_triples(graph) -> set:
    """An rdflib graph's triples with RDFC-1.0 canonical blank-node labels (W3C RDF Dataset
    Canonicalization, Oxigraph's implementation): two graphs are isomorphic exactly when these
    sets are equal (what rdflib.compare.isomorphic tells, at a fraction of its cost)."""
    from imvo_graph.rdf.convert import oxigraph_term_converter

    convert = oxigraph_term_converter()
    dataset = ox.Dataset(ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in graph)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {q.triple for q in dataset}


@pytest.fixture(scope="module")
def rdflib_reference(shipped_quads, shipped_triples):
    """The shipped statements themselves (not an export), as rdflib holds them, canonicalised."""
    import rdflib

    from imvo_graph.rdf.convert import rdflib_term_converter

    convert = rdflib_term_converter()
    reference = rdflib.Graph()
    for q in shipped_quads["all"]:
        reference.add((convert(q.subject), convert(q.predicate), convert(q.object)))
    assert len(reference) == len(shipped_triples["all"])
    return canonical_triples(reference)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_rdflib_isomorphic(fmt, exports, rdflib_reference):
    """rdflib (a second, independent parser) reads each export as a graph isomorphic to the
    shipped statements."""
    back = rdflib_graph(exports[("all", fmt)], fmt)
    assert len(back) == len(rdflib_reference)
    assert canonical_triples(back) == rdflib_reference


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_dataset_formats_keep_each_part_in_its_named_graph(fmt, exports):
    back = list(ox.parse(exports[("all", fmt)], format=OX_FORMATS[fmt]))
    graphs = {q.graph_name.value for q in back}
    assert graphs == {f"https://w3id.org/imvo-graph/graph/{p}" for p in ("ontology", "data", "shapes")}


def tricky_quads() -> list:
    """Escapes, odd IRIs, nested and cyclic blank nodes, lists, named graphs."""
    n = ox.NamedNode
    b1, b2, b3, c1, c2, head, mid = (ox.BlankNode() for _ in range(7))
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    g = ox.NamedNode(EX + "graph")
    items = [
        (n(EX + "s"), n(EX + "text"), ox.Literal('quote " backslash \\ newline\n tab\t cr\r é ∑ 😀')),
        (n(EX + "s"), n(EX + "text"), ox.Literal("<tag> & ]]>", language="en-GB")),
        (n(EX + "s"), n(EX + "n"), ox.Literal("007", datatype=n(xsd + "integer"))),
        (n(EX + "s"), n(EX + "n"), ox.Literal("7", datatype=n(xsd + "integer"))),
        (n(EX + "s"), n(EX + "n"), ox.Literal("1.50", datatype=n(xsd + "decimal"))),
        (n(EX + "s"), n(EX + "flag"), ox.Literal("true", datatype=n(xsd + "boolean"))),
        (n(EX + "s"), n(EX + "when"), ox.Literal("2017-09", datatype=n(xsd + "gYearMonth"))),
        (n(EX + "s"), n(EX + "odd"), ox.Literal("x", datatype=n(EX + "dt#with%20escape"))),
        (n(EX + "weird/iri#with.dot."), n(EX + "p-1"), n("urn:isbn:0451450523")),
        (n(EX + "s"), n(EX + "nested"), b1),
        (b1, n(EX + "inner"), b2),
        (b2, n(EX + "label"), ox.Literal("deep", language="nl")),
        (n(EX + "s"), n(EX + "empty"), b3),
        (c1, n(EX + "next"), c2),  # a cycle of blank nodes, each referenced once
        (c2, n(EX + "next"), c1),
        (n(EX + "s"), n(EX + "list"), head),
        (head, n(rdf + "first"), ox.Literal("one")),
        (head, n(rdf + "rest"), mid),
        (mid, n(rdf + "first"), n(EX + "two")),
        (mid, n(rdf + "rest"), n(rdf + "nil")),
        (n(EX + "s"), n(rdf + "type"), n(EX + "Thing")),
        (n("https://w3id.org/imvo-graph/id/sector/textiel"), n("https://w3id.org/imvo-graph/def#sector"), n(EX + "o")),
    ]
    quads = [ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in items]
    quads.append(ox.Quad(n(EX + "s"), n(EX + "in-graph"), ox.Literal("g"), g))
    return quads


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_of_a_tricky_graph(fmt):
    quads = tricky_quads()
    data = serialize(quads, fmt)
    back = list(ox.parse(data, format=OX_FORMATS[fmt]))
    assert triples_of(back) == triples_of(quads)
    if FORMATS[fmt].dataset:
        assert {q.graph_name for q in back} == {ox.DefaultGraph(), ox.NamedNode(EX + "graph")}
    from rdflib.compare import isomorphic

    assert isomorphic(rdflib_graph(data, fmt), rdflib_graph(serialize(quads, "ntriples"), "ntriples"))


def test_turtle_reads_naturally():
    text = serialize(tricky_quads(), "turtle").decode()
    assert "( \"one\" <http://example.org/two> )" in text  # an RDF list
    assert "[]" in text  # an empty blank node used once
    # bare numbers: Turtle keeps their lexical form, so "007" and "1.50" read back as they are
    assert "<http://example.org/n> 007 , 1.50 , 7 ;" in text


def test_rdfxml_refuses_what_xml_cannot_hold():
    quads = [ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("bell \x07"), ox.DefaultGraph())]
    with pytest.raises(InputError, match="control character"):
        serialize(quads, "rdfxml")
    assert b"\\u0007" in serialize(quads, "ntriples")


# ------------------------------------------------------------------------------------------
# determinism


def test_same_bytes_whatever_the_input_order_and_blank_node_labels():
    quads = tricky_quads()
    reference = {fmt: serialize(quads, fmt) for fmt in FORMATS}
    shuffled = quads[:]
    random.Random(7).shuffle(shuffled)
    relabel: dict = {}

    def fresh(term):
        if isinstance(term, ox.BlankNode):
            return relabel.setdefault(term.value, ox.BlankNode())
        return term

    renamed = [ox.Quad(fresh(q.subject), q.predicate, fresh(q.object), q.graph_name) for q in shuffled]
    for fmt in FORMATS:
        assert serialize(renamed, fmt) == reference[fmt], fmt


_HASH_SCRIPT = """
import hashlib, sys
from imvo_graph.export import FORMATS, PARTS, export_graph
for part in ("shapes", "all"):
    for fmt in FORMATS:
        print(part, fmt, hashlib.sha256(export_graph(part, fmt)).hexdigest())
"""


def test_same_bytes_across_processes_with_different_hash_seeds(exports):
    """A process with another hash seed than this one (whose exports the module fixture made)
    writes the same bytes."""
    import hashlib

    seed = "4242" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", _HASH_SCRIPT], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    here = "".join(f"{part} {fmt} {hashlib.sha256(exports[(part, fmt)]).hexdigest()}\n"
                   for part in ("shapes", "all") for fmt in FORMATS)
    assert done.stdout == here
    assert len(here.splitlines()) == 2 * len(FORMATS)


def test_cli_export_to_stdout_matches_the_library(cli, exports):
    result = subprocess.run(
        [sys.executable, "-m", "imvo_graph", "export", "--part", "data", "--format", "jsonld"],
        capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "99"}, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == exports[("data", "jsonld")]


# ------------------------------------------------------------------------------------------
# JSON-LD and its context


def test_jsonld_embeds_the_shipped_context_and_uses_language_maps(exports):
    from imvo_graph.export.context import shipped_context

    document = json.loads(exports[("all", "jsonld")])
    assert document["@context"] == shipped_context()["@context"]
    nodes = {node["@id"]: node for node in document["@graph"]}
    covenant = nodes["imvo:Covenant"]
    assert covenant["label"] == {"en": "covenant", "nl": "convenant"}
    assert covenant["@type"] == "owl:Class"
    assert set(covenant["comment"]) == {"nl", "en"}


def test_shipped_context_is_built_from_the_ontology():
    from imvo_graph.export.context import build_context, context_path, context_text

    assert context_path().read_text(encoding="utf-8") == context_text(build_context()), (
        "ontology/imvo-context.jsonld is out of date: run `python -m imvo_graph.export.context --write`"
    )


def test_context_terms_follow_the_ontology():
    from imvo_graph.export.context import shipped_context

    context = shipped_context()["@context"]
    assert context["label"] == {"@id": "rdfs:label", "@container": "@language"}
    assert context["status"] == {"@id": "imvo:status", "@type": "@id"}  # an object property
    # the term imvo:sector wins over the instance prefix sector: (left out of the context only)
    assert context["sector"] == {"@id": "imvo:sector", "@type": "@id"}
    for name, definition in context.items():
        if isinstance(definition, str) and not definition.endswith(("/", "#")):
            assert ":" in definition, name


# ------------------------------------------------------------------------------------------
# writing files: atomic, no clobbering, clear errors


def test_write_export_writes_and_refuses_to_overwrite(tmp_path, exports):
    target = tmp_path / "graph.ttl"
    write_export(target, "ontology")
    assert target.read_bytes() == exports[("ontology", "turtle")]
    target.write_text("keep me")
    with pytest.raises(OutputError, match="already exists"):
        write_export(target, "ontology")
    assert target.read_text() == "keep me"
    write_export(target, "ontology", overwrite=True)
    assert target.read_bytes() == exports[("ontology", "turtle")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "graph.nt"
    target.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_export(target, "ontology", overwrite=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_bad_input_file_creates_no_output(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    target = tmp_path / "out.ttl"
    with pytest.raises(InputError, match="line 2"):
        write_export(target, files=[bad])
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.ttl"]


def test_unknown_format_and_part_are_input_errors():
    with pytest.raises(InputError, match="fmt='yaml': unknown export format; choose one of turtle \\(ttl\\),"):
        export_graph("all", "yaml")
    with pytest.raises(InputError, match="part='everything': unknown part; choose one of ontology, data, shapes, all"):
        export_graph("everything", "turtle")


def test_cli_bad_input(cli, tmp_path):
    result = cli("export", "--format", "yaml")
    assert result.returncode == 2
    assert "--format 'yaml': unknown export format" in result.stderr and "Traceback" not in result.stderr

    result = cli("export", "--format", "turtle", "--output", str(tmp_path / "missing" / "out.ttl"))
    assert result.returncode == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.stderr

    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("export", "--format", "turtle", "--output", str(blocker / "out.ttl"))
    assert result.returncode == 2 and "is not a folder" in result.stderr

    result = cli("export", "--format", "turtle", "--output", str(blocker))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert blocker.read_text() == "x"

    result = cli("export", "--format", "ntriples", "--output", str(blocker), "--force", "--part", "ontology")
    assert result.returncode == 0, result.stderr
    assert blocker.read_bytes() == export_graph("ontology", "ntriples")


# ------------------------------------------------------------------------------------------
# exactness: what the files say, not what a store makes of it


def test_export_keeps_literals_exactly_as_the_files_write_them():
    """pyoxigraph's Store normalises typed literals ("1"^^xsd:positiveInteger -> xsd:integer);
    an export must not: it is compared here with a plain parse of every shipped file."""
    from imvo_graph.rdf.loading import rdf_format
    from imvo_graph.resources import shipped_files

    for part in ("ontology", "data", "shapes"):
        direct = []
        for number, path in enumerate(shipped_files(part)):
            for q in ox.parse(path=str(path), format=rdf_format(path)):
                relabel = lambda t, n=number: ox.BlankNode(f"f{n}{t.value}") if isinstance(t, ox.BlankNode) else t  # noqa: E731
                direct.append(ox.Quad(relabel(q.subject), q.predicate, relabel(q.object)))
        exported = list(ox.parse(export_graph(part, "ntriples"), format=ox.RdfFormat.N_TRIPLES))
        assert triples_of(exported) == triples_of(direct), part


def test_rdflib_input_keeps_datatypes():
    import rdflib
    from rdflib import XSD, Literal, URIRef

    graph = rdflib.Graph()
    graph.add((URIRef(EX + "s"), URIRef(EX + "size"), Literal("5", datatype=XSD.nonNegativeInteger)))
    graph.add((URIRef(EX + "s"), URIRef(EX + "size"), Literal("1.50", datatype=XSD.decimal)))
    text = serialize(graph, "ntriples").decode()
    assert '"5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>' in text
    assert '"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    assert '"5"^^xsd:nonNegativeInteger' in serialize(graph, "turtle").decode()


def test_exporting_files_keeps_their_named_graphs(tmp_path):
    source = tmp_path / "in.trig"
    source.write_text(
        "@prefix ex: <http://example.org/> .\n"
        "ex:a ex:p ex:b .\n"
        "ex:g { ex:a ex:p [ ex:q 1 ] }\n"
    )
    nquads = export_graph(files=[source], fmt="nquads").decode()
    assert "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n" in nquads
    assert nquads.count("<http://example.org/g> .") == 2
    trig = export_graph(files=[source], fmt="trig")
    back = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    assert {q.graph_name for q in back} == {ox.DefaultGraph(), ox.NamedNode("http://example.org/g")}
