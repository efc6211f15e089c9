"""A cold command start: what it builds and reads before the work (benchmarks/run.py times it
on the shipped graph, issue 6). Each shortcut here must give what the long way gives."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from imvo_graph.cli.main import BY_NAME, build_parser


def test_each_command_has_its_module_and_only_it_is_built_for_it():
    """``build_parser(name)`` builds the one command a command line starts with; its help (so
    its options, choices and defaults) is the one the whole parser holds."""
    full = build_parser()
    assert sorted(BY_NAME) == sorted(full.subcommand_names())
    for name in BY_NAME:
        one = build_parser(name)
        assert one.subcommand_names() == [name]
        assert one.subcommand(name).format_help() == full.subcommand(name).format_help()


@pytest.mark.parametrize(
    "args",
    [
        ["query", "--fromat", "csv"],  # a mistyped option: the command's parser names the closest
        ["query", "--format", "xml"],  # a choice that is not one
        ["query"],  # no query named
        ["query", "--help"],
        ["validate", "--engine", "slow"],
        ["help", "query"],  # help and completion build every command themselves
        ["qeury"],  # a mistyped command: every command's parser, to suggest one
        ["--version"],
    ],
)
def test_the_command_line_reads_as_with_every_command_built(args):
    """What the command writes and its exit code are those of the whole parser."""
    script = (
        "import contextlib, io, sys\n"
        "import importlib\n"
        "cli = importlib.import_module('imvo_graph.cli.main')\n"
        "if sys.argv[1] == 'all':\n"
        "    cli.BY_NAME = {}\n"  # no name is known: every command's parser, as before
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "    try:\n"
        "        code = cli.main(sys.argv[2:])\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        "print(repr((code, out.getvalue(), err.getvalue())))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script, how, *args], capture_output=True, text=True, cwd=ROOT, timeout=60)
        for how in ("one", "all")
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == 0, (runs[0].stdout, runs[0].stderr)
    assert runs[0].stdout.strip()  # something was said


def test_a_cold_query_reads_no_validation_nor_rdflib():
    """A stored query on the shipped graph needs the query machinery and Oxigraph: not the
    validation package (validate's options name its engines and formats), nor rdflib or pySHACL."""
    code, loaded, done = _cold_run(["query", "covenant-status", "--format", "csv"],
                                   ["imvo_graph.validation", "rdflib", "pyshacl", "owlrl"])
    assert (code, loaded) == (0, []), done.stderr
    assert done.stdout.startswith("covenantLabel,")


def test_the_shipped_graph_read_by_oxigraph_is_the_one_read_statement_by_statement():
    """``load_shipped`` lets Oxigraph read the shipped files straight into the store; the
    statements are those of the careful reader (``read_quads``: limits, file and line), the
    same graph up to the names of blank nodes."""
    import pyoxigraph as ox

    from imvo_graph.rdf.loading import load_store
    from imvo_graph.resources import load_shipped, shipped_files

    for parts in ((), ("ontology",), ("shapes",)):
        graphs = [ox.Dataset(load_shipped(*parts)), ox.Dataset(load_store(shipped_files(*parts)))]
        for graph in graphs:
            graph.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        assert graphs[0] == graphs[1], parts


def test_a_shipped_file_oxigraph_refuses_is_reported_with_its_line(tmp_path):
    from imvo_graph.errors import RdfSyntaxError
    from imvo_graph.rdf.loading import load_shipped_files, read_quads
    from imvo_graph.resources import shipped_files

    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e ] .\nex:f ex:g ex:h .\n", encoding="utf-8")
    with pytest.raises(RdfSyntaxError) as raised:
        load_shipped_files([*shipped_files("ontology"), broken])
    assert raised.value.path == broken and raised.value.line == 3
    with pytest.raises(RdfSyntaxError) as careful:
        read_quads(broken)
    assert str(raised.value) == str(careful.value)


def test_a_cold_validate_without_inference_reads_no_closure():
    """The closures (imvo_graph.inference.rdfs, .owl_rl) are imported by a run that asks for
    one; validation imports the package for infer(), which with 'none' does nothing."""
    code, loaded, done = _cold_run(["validate", "--format", "json"],
                                   ["imvo_graph.inference.rdfs", "imvo_graph.inference.owl_rl", "imvo_graph.inference"])
    assert (code, loaded) == (0, ["imvo_graph.inference"]), done.stderr


def _cold_run(args: list[str], modules: list[str]) -> tuple[int, list[str], subprocess.CompletedProcess]:
    """``main(args)`` in a new Python process: its exit code, which of ``modules`` it imported
    (sorted), and the process (its stdout is the command's)."""
    script = (
        "import sys, json\n"
        "from imvo_graph.cli import main\n"
        "code = main(json.loads(sys.argv[1]))\n"
        "print(json.dumps([code, sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)]), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, json.dumps(args), json.dumps(modules)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    return code, loaded, done
