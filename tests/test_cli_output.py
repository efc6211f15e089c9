"""What the commands write, and where they refuse to: standard output that fails, output files
that are not regular files, generate's --output, validate --strict's last line, remote JSON-LD
contexts. Every case runs the tool as a user does (a subprocess) and wants a message, not a
traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

DEV_FULL = Path("/dev/full")


def assert_clean_error(result, *fragments: str, code: int = 2) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("imvo-graph: error: "), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


# -- standard output ---------------------------------------------------------------------------


@pytest.mark.skipif(not DEV_FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "turtle", "--part", "ontology"),
        ("query", "motions"),
        ("queries",),  # a few hundred bytes: the error only shows when the output is flushed
        ("generate", "--triples", "100"),
    ],
)
def test_a_full_disk_on_standard_output_is_a_message_not_a_traceback(args):
    with open(DEV_FULL, "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "imvo_graph", *args], stdout=full, stderr=subprocess.PIPE, text=True,
            cwd=ROOT, timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "imvo-graph: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [("export", "--format", "ntriples"), ("queries",)])
def test_a_closed_pipe_ends_the_command_quietly(args):
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    assert proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""


# -- export --output: only a regular file is ever replaced --------------------------------------


def test_export_to_a_folder_says_so_at_once(cli, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for extra in ((), ("--force",)):
        result = cli("export", "--format", "turtle", "--part", "ontology", "-o", str(folder), *extra)
        assert_clean_error(result, f"{folder}: is a folder, not a file")
        assert "already exists" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_export_force_does_not_replace_a_fifo(cli, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli("export", "--format", "turtle", "--part", "ontology", "-o", str(fifo), "--force")
    assert_clean_error(result, "is not a regular file (a named pipe)")
    assert fifo.is_fifo()


def test_export_force_does_not_replace_a_symbolic_link_nor_write_through_it(cli, tmp_path):
    target = tmp_path / "target.ttl"
    target.write_text("mine")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    result = cli("export", "--format", "turtle", "--part", "ontology", "-o", str(link), "--force")
    assert_clean_error(result, "is a symbolic link")
    assert link.is_symlink() and target.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ttl", "target.ttl"]


def test_write_atomic_refuses_special_files_whatever_overwrite_says(tmp_path):
    from imvo_graph.errors import OutputError
    from imvo_graph.export.atomic import write_atomic

    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")  # dangling: still a link, still refused
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomic(link, b"x", overwrite=True)
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


# -- generate --output ----------------------------------------------------------------------------


def test_generate_output_errors_are_messages(cli, tmp_path):
    folder = tmp_path / "somedir"
    folder.mkdir()
    assert_clean_error(cli("generate", "--triples", "100", "--output", str(folder)), "is a folder, not a file")
    assert_clean_error(cli("generate", "--triples", "100", "--output", str(tmp_path / "x" / "out.nt")), "no such folder")
    assert_clean_error(cli("generate", "--triples", "100", "--output", str(tmp_path / "out.txt")),
                       "cannot tell the format from the suffix .txt", ".nt (N-Triples)", ".ttl (Turtle)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somedir"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_generate_into_proc_is_a_message(cli):
    assert_clean_error(cli("generate", "--triples", "100", "--output", "/proc/x/out.nt"), "/proc/x")
    result = cli("generate", "--triples", "100", "--output", "/proc/imvo-graph-out.nt")
    assert_clean_error(result, "/proc")


def test_generate_refuses_an_existing_file_unless_forced(cli, tmp_path):
    out = tmp_path / "g.ttl"
    out.write_text("mine")
    result = cli("generate", "--triples", "100", "--output", str(out))
    assert_clean_error(result, "already exists (use --force to replace it)")
    assert out.read_text() == "mine"
    assert not (tmp_path / "g.ttl.violations.json").exists()

    result = cli("generate", "--triples", "100", "--output", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("@prefix")  # Turtle, from the suffix
    assert json.loads((tmp_path / "g.ttl.violations.json").read_text())["planted"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl", "g.ttl.violations.json"]  # no temporary files

    # an existing plan is someone's file too
    other = tmp_path / "h.nt"
    (tmp_path / "h.nt.violations.json").write_text("mine")
    assert_clean_error(cli("generate", "--triples", "100", "--output", str(other)), "h.nt.violations.json: already exists")
    assert not other.exists()


# -- validate --strict ----------------------------------------------------------------------------


_WARNING_ONLY = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
# a concept scheme without an English label: a warning, not a violation
<https://w3id.org/imvo-graph/id/conceptschema/proef> a skos:ConceptScheme ;
    skos:prefLabel "proef"@nl ;
    dct:source <https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644#p07> .
"""


@pytest.fixture(scope="module")
def warning_files(tmp_path_factory):
    extra = tmp_path_factory.mktemp("strict") / "warning.ttl"
    extra.write_text(_WARNING_ONLY, encoding="utf-8")
    return [str(p) for p in sorted((ROOT / "data").glob("*.ttl"))] + [str(extra)]


@pytest.mark.parametrize(
    "lang, line",
    [("nl", "Niet conform door --strict: {n} waarschuwing(en) tellen als fout."),
     ("en", "Fails because of --strict: {n} warning(s) count as failures.")],
)
def test_strict_says_why_warnings_fail(cli, warning_files, lang, line):
    report = json.loads(cli("validate", "--format", "json", *warning_files).stdout)
    assert report["counts"]["violation"] == 0 and report["counts"]["warning"] >= 1
    result = cli("validate", "--strict", "--lang", lang, *warning_files)
    assert result.returncode == 1, result.stderr
    assert result.stdout.rstrip("\n").splitlines()[-1] == line.format(n=report["counts"]["warning"])
    # without --strict the same data passes, and nothing is said about --strict
    plain = cli("validate", "--lang", lang, *warning_files)
    assert plain.returncode == 0 and "--strict" not in plain.stdout


def test_strict_keeps_a_json_report_machine_readable(cli, warning_files):
    result = cli("validate", "--strict", "--format", "json", "--lang", "en", *warning_files)
    assert result.returncode == 1
    json.loads(result.stdout)  # the line goes to standard error
    assert result.stderr.startswith("Fails because of --strict: ")


# -- reading files --------------------------------------------------------------------------------


def test_a_remote_jsonld_context_is_explained(cli, tmp_path):
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://schema.org/", "@id": "http://example.org/a", "name": "x"}')
    for command in (("validate",), ("export", "--format", "turtle")):
        result = cli(*command, str(remote))
        assert_clean_error(
            result,
            f"{remote}: remote JSON-LD @context is not loaded (no network access); embed the context in the file",
        )
        assert "LoadDocumentCallback" not in result.stderr
