"""A corpus of bad inputs, each with the command it is given to, the exit code and a phrase of
the message expected, and the check that nothing was written (no output file, no store folder,
no temporary file left behind). The limits are those of :mod:`imvo_graph.limits`.

Cases that used to crash the process (SIGSEGV in a parser, memory exhausted) run in a
subprocess with a timeout, so that a regression fails the test instead of killing pytest; the
others run in-process through :func:`imvo_graph.cli.main`, which is much faster.
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from conftest import run_cli

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _rdfxml(body: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:e="http://e/">'
        f'<rdf:Description rdf:about="http://e/a">{body}</rdf:Description></rdf:RDF>'
    )


def _laughs() -> str:
    entities = "".join(
        f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10)
    )
    return _rdfxml("<e:q>&l9;</e:q>", f"<!DOCTYPE rdf:RDF [{entities}]>")


def _deep_jsonld(n: int = 5000) -> str:
    return '{"@id": "http://e/a", "http://e/p": ' + '{"http://e/p": ' * n + '"x"' + "}" * n + "}"


def _deep_rdfxml(n: int = 3000) -> str:
    return _rdfxml("<e:p><rdf:Description>" * n + "<e:q>x</e:q>" + "</rdf:Description></e:p>" * n)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _release_with_fifo(path: Path) -> None:
    path.mkdir()
    os.mkfifo(path / "imvo-graph-1.0-all.nt")


def _folder_with_device(path: Path) -> None:
    path.mkdir()
    (path / "good.nt").write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    (path / "zero.nt").symlink_to("/dev/zero")


SECRET_URL = "https://user:s3cret@host.example/sparql"


@dataclass
class Case:
    name: str
    file: str
    content: str | bytes | Callable[[Path], None]
    commands: tuple[tuple[str, ...], ...]
    phrase: str
    code: int = 2
    subprocess: bool = False  # used to crash or exhaust the process
    env: dict = field(default_factory=dict)
    hidden: str | None = None  # a secret the message must not show


READERS = (("validate", "{f}"), ("validate", "--store", "st", "{f}"), ("export", "--format", "turtle", "-o", "out.ttl", "{f}"), ("diff", "{f}", "{f}"))
NO_STORE = (("validate", "{f}"), ("export", "--format", "turtle", "-o", "out.ttl", "{f}"), ("diff", "{f}", "{f}"))

CASES = [
    Case("fifo", "in.nt", _fifo, READERS, "is a named pipe (FIFO); only regular files are read"),
    Case("dev-zero", "zero.nt", _device, READERS, "is a device; only regular files are read"),
    Case("bom-turtle", "bom.ttl", b'\xef\xbb\xbf<http://e/a> <http://e/p> "x" .\n', READERS, "byte order mark (BOM)"),
    Case("bom-jsonld", "bom.jsonld", b'\xef\xbb\xbf{"@id": "http://e/a", "http://e/p": "x"}', READERS, "byte order mark (BOM)"),
    Case("triple-term", "t.ttl", "@prefix e: <http://e/> .\ne:a e:p <<( e:b e:c e:d )>> .\n", READERS, "RDF 1.2 triple term"),
    Case("annotation", "a.ttl", "@prefix e: <http://e/> .\ne:a e:p e:b {| e:c e:d |} .\n", READERS, "RDF 1.2 triple term"),
    # a reifier alone (~) makes a triple term too, with none of the other markers
    Case("reifier", "r.ttl", "@prefix e: <http://e/> .\ne:a e:p e:b ~ e:r .\n", READERS, "RDF 1.2 triple term"),
    Case("direction", "d.nt", '<http://e/a> <http://e/p> "hello"@en--ltr .\n', READERS, "RDF 1.2 base direction"),
    Case("triple-term-nt", "t.nt", "<http://e/a> <http://e/p> <<( <http://e/b> <http://e/c> <http://e/d> )>> .\n", READERS,
         "RDF 1.2 triple term"),
    Case("direction-nq", "d.nq", '<http://e/a> <http://e/p> "hello"@en--rtl <http://e/g> .\n', READERS, "RDF 1.2 base direction"),
    Case("fifo-release", "in.ttl", _fifo, (("release", "-o", "rel", "{f}"),), "is a named pipe (FIFO)"),
    Case("fifo-in-previous-release", "prev", _release_with_fifo, (("release", "-o", "rel", "--previous", "{f}"),),
         "--previous 'prev' cannot be read: prev/imvo-graph-1.0-all.nt: is a named pipe (FIFO); only regular files are read"),
    Case("dev-zero-in-previous-folder", "prev", _folder_with_device, (("release", "-o", "rel", "--previous", "{f}"),),
         "--previous 'prev' cannot be read: prev/zero.nt: is a device; only regular files are read"),
    Case("dev-zero-in-a-folder-to-diff", "prev", _folder_with_device, (("diff", "{f}", "{f}"),),
         "prev/zero.nt: is a device; only regular files are read"),
    Case("credentials-in-endpoint-url", "unused.txt", "", (("release", "-o", "rel", "--endpoint-url", SECRET_URL),),
         "--endpoint-url 'https://***@host.example/sparql' holds a user name or password", hidden="s3cret"),
    Case("credentials-in-base-url", "unused.txt", "",
         (("release", "-o", "rel", "--base-url", SECRET_URL), ("site", "-o", "site", "--base-url", SECRET_URL)),
         "--base-url 'https://***@host.example/sparql' holds a user name or password", hidden="s3cret"),
    Case("credentials-in-a-bad-url", "unused.txt", "",
         (("release", "-o", "rel", "--endpoint-url", SECRET_URL + " x"),),
         "--endpoint-url 'https://***@host.example/sparql x' is not an absolute http(s) URL", hidden="s3cret"),
    Case("fifo-query-file", "q.rq", _fifo, (("query", "--file", "{f}"),), "q.rq: is a named pipe (FIFO); only regular files are read"),
    Case("dev-zero-query-file", "z.rq", _device, (("query", "--file", "{f}"),), "z.rq: is a device; only regular files are read"),
    Case("fifo-baseline", "b.json", _fifo, (("validate", "--baseline", "{f}"),), "baseline b.json: is a named pipe (FIFO)"),
    Case("dev-zero-baseline", "z.json", _device, (("validate", "--baseline", "{f}"),), "baseline z.json: is a device"),
    Case(
        "triple-term-release", "t.ttl", "@prefix e: <http://e/> .\ne:a e:p <<( e:b e:c e:d )>> .\n",
        (("release", "-o", "rel", "{f}"),), "RDF 1.2 triple term",
    ),
    Case(
        "direction-release", "d.nt", '<http://e/a> <http://e/p> "hello"@en--ltr .\n',
        (("release", "-o", "rel", "{f}"),), "RDF 1.2 base direction",
    ),
    Case("direction-turtle", "d.ttl", '<http://e/a> <http://e/p> "hello"@ar--rtl .\n', NO_STORE, "RDF 1.2 base direction"),
    Case("billion-laughs", "lol.rdf", _laughs(), READERS, "entities expand to more than 1048576 characters", subprocess=True),
    Case(
        "big-entity-many-times", "ent.rdf",
        _rdfxml("<e:q>" + "&x;" * 20000 + "</e:q>", '<!DOCTYPE rdf:RDF [<!ENTITY x "' + "a" * 100_000 + '">]>'),
        NO_STORE, "entities expand to more than", subprocess=True,
    ),
    Case("deep-rdfxml", "deep.rdf", _deep_rdfxml(), NO_STORE, "RDF/XML nested deeper than 1000 elements"),
    Case("deep-jsonld", "deep.jsonld", _deep_jsonld(), READERS, "JSON-LD nested deeper than 1000 levels", subprocess=True),
    Case("xxe", "xxe.rdf", _rdfxml("<e:q>&x;</e:q>", '<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>'), NO_STORE, "ENTITY"),
    Case("syntax-error", "bad.nt", "<http://e/a> <http://e/p> .\n", READERS, "bad.nt, line 1, column"),
    Case(
        "remote-context", "ctx.jsonld", '{"@context": "http://127.0.0.1:9/c.jsonld", "@id": "http://e/a", "p": "x"}',
        NO_STORE, "remote JSON-LD @context is not loaded",
    ),
    Case(
        "deep-sparql-groups", "deep.rq", "SELECT * WHERE { " + "{ " * 2500 + "?s ?p ?o" + " }" * 2500 + " }",
        (("query", "--file", "{f}"), ("query", "--file", "{f}", "--endpoint", "http://127.0.0.1:9/sparql")),
        "deeper than 200 levels", subprocess=True,
    ),
    Case(
        "deep-sparql-expression", "deep2.rq", "ASK { FILTER(" + "(" * 2500 + "1" + ")" * 2500 + ") }",
        (("query", "--file", "{f}"),), "deeper than 200 levels", subprocess=True,
    ),
    Case(
        "deep-sparql-in-shapes", "deep-shapes.ttl",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix e: <http://e/> .\ne:S a sh:NodeShape ; sh:targetNode e:a ; "
        'sh:sparql [ a sh:SPARQLConstraint ; sh:select """SELECT $this WHERE { ' + "{ " * 2500 + "$this ?p ?o" + " }" * 2500 + ' }""" ] .\n',
        (("validate", "--engine", "fast", "--shapes", "{f}"),),
        "the sh:select query of a blank node nests brackets, braces or parentheses deeper than 200 levels", subprocess=True,
    ),
    Case(
        "service-local", "svc.rq", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        (("query", "--file", "{f}"),), "SERVICE is not run on the local graph",
    ),
    Case(
        "update", "u.rq", "INSERT DATA { <http://e/a> <http://e/p> 1 }",
        (("query", "--file", "{f}"), ("query", "--file", "{f}", "--endpoint", "http://127.0.0.1:9/sparql")),
        "UPDATE is refused",
    ),
    Case("load", "l.rq", "LOAD <http://127.0.0.1:9/data.ttl>", (("query", "--file", "{f}"),), "UPDATE is refused"),
    Case(
        "json-ld-literal-over-16mib", "big.jsonld", lambda p: p.write_text('{"@id": "http://e/a", "http://e/p": "' + "x" * (17 << 20) + '"}'),
        (("validate", "{f}"),), "longer than 16 MiB",
    ),
]


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _run_in_process(args: list[str], capsys) -> tuple[int, str]:
    from imvo_graph.cli import main

    code = main(args)
    captured = capsys.readouterr()
    return code, captured.err


@pytest.mark.parametrize(
    "case, command",
    [pytest.param(c, cmd, id=f"{c.name}:{cmd[0]}{'-store' if 'st' in cmd else ''}{'-endpoint' if '--endpoint' in cmd else ''}") for c in CASES for cmd in c.commands],
)
def test_bad_input_is_refused_cleanly(case: Case, command, tmp_path, capsys, monkeypatch):
    path = tmp_path / case.file
    if callable(case.content):
        case.content(path)
    elif isinstance(case.content, bytes):
        path.write_bytes(case.content)
    else:
        path.write_text(case.content, encoding="utf-8")
    before = _tree(tmp_path)
    args = [a.format(f=case.file) for a in command]
    if case.subprocess:
        result = run_cli(*args, cwd=tmp_path, env=case.env, timeout=60)
        code, err = result.returncode, result.stderr
    else:
        monkeypatch.chdir(tmp_path)
        for key, value in case.env.items():
            monkeypatch.setenv(key, value)
        code, err = _run_in_process(args, capsys)
    assert code == case.code, err
    assert case.phrase in err
    assert case.hidden is None or case.hidden not in err, err
    assert "Traceback" not in err
    assert err.startswith("imvo-graph: error: "), err
    assert _tree(tmp_path) == before, "something was written"


def test_a_service_clause_sends_no_request_not_even_in_the_syntax_check(tmp_path, capsys, monkeypatch):
    """A local query with SERVICE never connects (it used to: twice, once in the syntax check)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections = []

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            connections.append(conn)
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    query = tmp_path / "q.rq"
    query.write_text(f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    monkeypatch.chdir(tmp_path)
    try:
        code, err = _run_in_process(["query", "--file", "q.rq"], capsys)
        from imvo_graph.query.run import check_syntax, projected_variables

        assert check_syntax(query.read_text()) == "SELECT"
        assert sorted(projected_variables(query.read_text())) == ["o", "p", "s"]
    finally:
        listener.close()
    assert code == 2 and "SERVICE" in err
    assert connections == []


_SERVICE_SHAPES = {
    # a SHACL-AF SPARQL target: pySHACL and the compiled engine both connected (the latter
    # with a ConnectionRefusedError traceback)
    "target": 'e:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select """SELECT ?this WHERE {{ '
              '{service} BIND(?s AS ?this) }}""" ] ; sh:property [ sh:path e:p ; sh:minCount 1 ] .',
    "rule": 'e:S a sh:NodeShape ; sh:targetNode e:a ; sh:rule [ a sh:SPARQLRule ; '
            'sh:construct """CONSTRUCT {{ $this e:q 1 }} WHERE {{ {service} }}""" ] .',
    "constraint": 'e:S a sh:NodeShape ; sh:targetNode e:a ; sh:sparql [ a sh:SPARQLConstraint ; '
                  'sh:select """SELECT $this WHERE {{ {service} }}""" ] .',
}


@pytest.mark.parametrize("kind, engine", [("target", "pyshacl"), ("target", "fast"), ("rule", "auto"), ("constraint", "auto")])
def test_a_service_clause_in_the_shapes_is_refused_before_any_engine_connects(kind, engine, tmp_path, capsys, monkeypatch):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.5)
    service = f"SERVICE <http://127.0.0.1:{listener.getsockname()[1]}/sparql> {{ ?s ?p ?o }}"
    (tmp_path / "shapes.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix e: <http://e/> .\n"
        + _SERVICE_SHAPES[kind].format(service=service) + "\n"
    )
    (tmp_path / "data.ttl").write_text("<http://e/a> <http://e/p> 1 .\n")
    monkeypatch.chdir(tmp_path)
    try:
        code, err = _run_in_process(["validate", "data.ttl", "--engine", engine, "--shapes", "shapes.ttl"], capsys)
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody came
    finally:
        listener.close()
    assert code == 2, err
    assert "shapes.ttl: the sh:" in err and "uses SERVICE" in err and "Traceback" not in err


def test_a_service_clause_keeps_line_and_column_of_a_later_syntax_error():
    from imvo_graph.errors import QueryError
    from imvo_graph.query.run import check_syntax

    with pytest.raises(QueryError, match="line 2"):
        check_syntax("SELECT * WHERE { SERVICE SILENT <http://x/> { ?s ?p ?o } \n ?s ?p }")


def test_namespace_entities_in_rdfxml_are_still_read(tmp_path, capsys, monkeypatch):
    """The entity limit refuses expansion attacks, not the usual OWL habit of naming namespaces."""
    path = tmp_path / "ok.rdf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY e "http://e/">]>'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:e="&e;"><rdf:Description rdf:about="&e;a"><e:q>x</e:q>'
        "</rdf:Description></rdf:RDF>"
    )
    monkeypatch.chdir(tmp_path)
    code, err = _run_in_process(["export", "--format", "ntriples", "ok.rdf"], capsys)
    assert code == 0, err


@pytest.fixture(scope="module")
def long_literal(tmp_path_factory) -> Path:
    """N-Triples with one literal of 17 MiB: over Oxigraph's 16 MiB buffer."""
    path = tmp_path_factory.mktemp("long") / "long.nt"
    path.write_text('<http://e/a> <http://e/p> "' + "x" * (17 << 20) + '" .\n')
    return path


def test_a_literal_over_16_mib_is_read(long_literal):
    import pyoxigraph as ox

    from imvo_graph.rdf.loading import read_quads
    from imvo_graph.rdf.store import load_fast

    (quad,) = read_quads(long_literal)
    assert len(quad.object.value) == 17 << 20
    store = ox.Store()
    load_fast(store, long_literal, preserve_literals=True)
    assert len(store) == 1


def test_a_literal_over_16_mib_is_exported_and_diffed(long_literal):
    import time

    from imvo_graph.diff import diff_graphs
    from imvo_graph.export import export_graph

    started = time.monotonic()
    data = export_graph(fmt="ntriples", files=[long_literal])
    assert data == long_literal.read_bytes()
    assert diff_graphs(long_literal, long_literal).equal
    assert time.monotonic() - started < 60


def test_past_the_literal_limit_the_message_names_file_limit_and_setting(long_literal, capsys, monkeypatch):
    monkeypatch.setenv("IMVO_GRAPH_MAX_LITERAL_MB", "16")
    code, err = _run_in_process(["validate", str(long_literal)], capsys)
    assert code == 2
    assert f"{long_literal}: holds a literal longer than 16 MiB" in err
    assert "IMVO_GRAPH_MAX_LITERAL_MB" in err


# ---------------------------------------------------------------------------------------------
# Export: blank-node structures that used to exhaust time, memory or the recursion limit


def _nested(n: int) -> str:
    return "<http://e/a> <http://e/p> " + "[ <http://e/p> " * n + '"x"' + " ]" * n + " .\n"


def _nested_lists(n: int) -> str:
    return "<http://e/a> <http://e/p> " + "( " * n + '"x"' + " )" * n + " .\n"


def _chain(n: int) -> str:
    return "".join(f"_:n{i} <http://e/p> _:n{i + 1} .\n" for i in range(n))


def _same_items(n: int) -> str:
    return "<http://e/a> <http://e/p> (" + ' "a"' * n + " ) .\n"


def _clique(n: int) -> str:
    return "".join(f"_:n{i} <http://e/p> _:n{j} .\n" for i in range(n) for j in range(n) if i != j)


SHAPES = {
    "nested-250": _nested(250),
    "nested-lists-250": _nested_lists(250),
    "chain-1000": _chain(1000),
    "list-of-1000-equal-items": _same_items(1000),
    "clique-12": _clique(12),
}


def _triples(quads) -> set:
    import pyoxigraph as ox

    from imvo_graph.export import canonical_quads

    return {q.triple for q in canonical_quads(ox.Quad(q.subject, q.predicate, q.object) for q in quads)}


@pytest.mark.parametrize("shape", SHAPES)
def test_hard_blank_node_structures_export_in_every_format_and_read_back(shape, tmp_path):
    import time

    import pyoxigraph as ox

    from imvo_graph.export import FORMATS, export_graph

    source = tmp_path / "in.ttl"
    source.write_text(SHAPES[shape])
    original = _triples(ox.parse(path=str(source)))
    started = time.monotonic()
    for name, spec in FORMATS.items():
        data = export_graph(fmt=name, files=[source])
        if name == "turtle":
            assert export_graph(fmt=name, files=[source]) == data, f"{name}: not the same bytes twice"
        fmt = ox.RdfFormat.from_extension(spec.suffix[1:])
        assert _triples(ox.parse(data, format=fmt)) == original, name
    assert time.monotonic() - started < 20


def test_blank_node_labels_are_the_same_in_another_process_and_hash_seed(tmp_path):
    source = tmp_path / "in.ttl"
    source.write_text(_clique(12) + _same_items(50))
    outputs = {
        run_cli("export", "--format", "nquads", str(source), env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")
    }
    assert len(outputs) == 1 and "_:b0 " in outputs.pop()


def test_labels_do_not_depend_on_the_order_or_labels_of_the_input():
    import random

    import pyoxigraph as ox

    from imvo_graph.export import canonical_quads, load_part_quads

    quads = load_part_quads("all") + list(ox.parse(_clique(8) + _chain(30), format=ox.RdfFormat.TURTLE))
    shuffled = list(quads)
    random.Random(7).shuffle(shuffled)
    renamed: dict = {}

    def fresh(term):
        return renamed.setdefault(term.value, ox.BlankNode()) if type(term) is ox.BlankNode else term

    shuffled = [ox.Quad(fresh(q.subject), q.predicate, fresh(q.object), q.graph_name) for q in shuffled]
    assert canonical_quads(shuffled) == canonical_quads(quads)


def test_past_the_work_limit_the_labelling_stops_with_a_message():
    import pyoxigraph as ox

    from imvo_graph.errors import InputError
    from imvo_graph.export.canonical import canonical_labels

    quads = list(ox.parse(_chain(100), format=ox.RdfFormat.TURTLE))
    with pytest.raises(InputError, match="cannot be labelled within 50 steps"):
        canonical_labels(quads, work_limit=50)


@pytest.mark.parametrize("term", ["triple", "direction"])
def test_rdf12_terms_handed_to_the_library_are_refused_by_every_writer_and_diff(term):
    """Not a TypeError, not a silently dropped direction: an InputError, in every format."""
    import pyoxigraph as ox

    from imvo_graph.diff import diff_graphs
    from imvo_graph.errors import InputError
    from imvo_graph.export import FORMATS, serialize

    a, p = ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p")
    obj = ox.Triple(a, p, a) if term == "triple" else ox.Literal("hello", language="en", direction=ox.BaseDirection.LTR)
    quads = [ox.Quad(a, p, obj)]
    phrase = "triple term" if term == "triple" else "base direction"
    for name in FORMATS:
        with pytest.raises(InputError, match=phrase):
            serialize(quads, name)
    with pytest.raises(InputError, match=phrase):
        diff_graphs([ox.Quad(a, p, ox.Literal("hello", language="en"))], quads)


@pytest.mark.parametrize(
    "value, fmt, expected",
    [
        ('STRLANGDIR("hello", "en", "ltr")', "json", '"xml:lang":"en","its:dir":"ltr"'),
        ('STRLANGDIR("hello", "ar", "rtl")', "tsv", '"hello"@ar--rtl'),
        ('<<( <http://e/a> <http://e/p> "o" )>>', "table", '<<( <http://e/a> <http://e/p> "o" )>>'),
        ('<<( <http://e/a> <http://e/p> "o" )>>', "tsv", '<<( <http://e/a> <http://e/p> "o" )>>'),
    ],
)
def test_rdf12_terms_a_query_makes_are_kept_in_its_results(value, fmt, expected, tmp_path, capsys):
    """A query can make RDF 1.2 terms the data cannot hold: the result formats that carry a
    language tag carry its direction too (SPARQL 1.2 results), and a triple term is one cell."""
    from imvo_graph.cli import main

    query = tmp_path / "q.rq"
    query.write_text(f"SELECT ?x WHERE {{ BIND({value} AS ?x) }}")
    assert main(["query", "--file", str(query), "--format", fmt]) == 0
    assert expected in capsys.readouterr().out
