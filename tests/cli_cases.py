"""Expected-output cases for the command line, one expected file per case (as CASE-utils checks
its commands): the command, its exit code, standard output, standard error and the files it
wrote, compared exactly with ``tests/expected/cli/NAME.txt``.

Each case runs the command (``imvo_graph.cli.main(ARGS)`` in this process, which returns what
``python -m imvo_graph ARGS`` would: tests/cli_runner.py) in a fresh temporary folder holding a copy of
``tests/fixtures/cli/``, so the files a case names are relative paths and the files it writes
land there; the folder's path is written ``{tmp}`` in the expected text, and the checkout's
``{root}``. ``COLUMNS`` is fixed,
and standard output is not a terminal (tables are not wrapped unless the case says --width).
argparse's usage block before an error message is left out (it lists every option, wrapped as
the running Python version wraps it); long outputs may keep only the lines holding a text.

To (re)write the expected files after a deliberate change of output::

    .venv/bin/python tests/cli_cases.py                # every case
    .venv/bin/python tests/cli_cases.py show-iri ...   # some cases

then read ``git diff tests/expected/cli/`` line by line before committing: the expected files
are what a person checked, not what the tool happened to print.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cli_runner import run_in_process

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "cli"
EXPECTED = ROOT / "tests" / "expected" / "cli"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple
    #: files the case writes whose content is part of the expected text (others: listed only)
    show: tuple = field(default=())
    #: keep only the lines of standard output that contain this text (for long outputs)
    grep: str | None = None


CASES = [
    # 1. --data: the user's own files with the shipped graph
    Case("query-data", ("query", "covenant-status", "--data", "extra.ttl", "--lang", "en", "--format", "csv")),
    Case("query-positional-file", ("query", "covenants-of-sector", "extra.ttl", "--param", "sector=cocoa", "--lang", "en")),
    Case("query-data-broken", ("query", "motions", "--data", "broken.ttl")),
    Case("query-data-missing", ("query", "motions", "--data", "nowhere.ttl")),
    Case("export-data", ("export", "--part", "data", "--format", "nq", "--data", "extra.ttl"), grep="convenant/cacao>"),
    Case("export-data-broken", ("export", "--data", "broken.ttl", "-o", "all.ttl")),
    Case("serve-data-broken", ("serve", "--port", "0", "--data", "broken.ttl")),
    Case("publish-data-broken", ("publish", "--endpoint", "http://127.0.0.1:9/store", "--data", "broken.ttl")),
    # 2. show: one resource
    Case("show-iri", ("show", "https://w3id.org/imvo-graph/id/sector/textiel", "--lang", "en")),
    Case("show-curie", ("show", "conv:textiel", "--width", "100")),
    Case("show-label", ("show", "Textile Covenant", "--lang", "en", "--format", "turtle")),
    Case("show-label-jsonld", ("show", "cocoa covenant", "--data", "extra.ttl", "--format", "jsonld")),
    Case("show-ambiguous", ("show", "goud")),
    Case("show-unknown-curie", ("show", "conv:textil")),
    Case("show-unknown-label", ("show", "textil convenant")),
    Case("show-data-broken", ("show", "conv:textiel", "--data", "broken.ttl")),
    # 3. query --file: every read-only form
    Case("query-construct", ("query", "--file", "construct.rq")),
    Case("query-construct-jsonld", ("query", "--file", "construct.rq", "--format", "jsonld")),
    Case("query-construct-as-csv", ("query", "--file", "construct.rq", "--format", "csv")),
    Case("query-describe", ("query", "--file", "describe.rq", "extra.ttl", "--format", "nt")),
    Case("query-update-refused", ("query", "--file", "update.rq")),
    Case("query-own-prefix-wins", ("query", "--file", "own-prefix.rq")),
    Case("query-select-as-turtle", ("query", "motions", "--format", "turtle")),
    # 4. tables for people
    Case("query-table-80", ("query", "motions", "--lang", "en", "--width", "80")),
    Case("query-table-nl", ("query", "covenant-totals")),
    Case("query-markdown-headings", ("query", "covenant-totals", "--lang", "en", "--format", "markdown")),
    Case("query-csv-keeps-variables", ("query", "covenant-totals", "--format", "csv")),
    Case("query-output-file", ("query", "covenant-totals", "--format", "csv", "-o", "totals.csv"), show=("totals.csv",)),
    Case("query-output-by-suffix", ("query", "--file", "construct.rq", "-o", "motions.nt"), show=("motions.nt",)),
    Case("query-output-suffix-conflict", ("query", "covenant-totals", "--format", "json", "-o", "totals.csv")),
    Case("query-output-table-as-rdf", ("query", "covenant-totals", "-o", "totals.ttl")),
    Case("query-output-exists", ("query", "covenant-totals", "-o", "extra.ttl")),
    Case("query-force-without-output", ("query", "motions", "--force")),
    Case("query-output-no-folder", ("query", "motions", "-o", "nowhere/motions.csv")),
    Case("query-width-too-small", ("query", "motions", "--width", "5")),
    # 5. parameters that meet users halfway
    Case("param-label-other-language", ("query", "covenants-of-sector", "--param", "sector=TEXTIEL", "--lang", "en")),
    Case("param-anchor-number", ("query", "paragraph", "--param", "anchor=9", "--format", "csv")),
    Case("param-anchor-short", ("query", "paragraph", "--param", "anchor=p9", "--format", "csv")),
    Case("param-anchor-unknown", ("query", "paragraph", "--param", "anchor=99")),
    Case("param-name-unknown", ("query", "covenants-of-sector", "--param", "sector=txtiel")),
    Case("param-year-unknown", ("query", "reports-due", "--param", "year=2031")),
    Case("queries-with-parameters", ("queries", "--lang", "en")),
    Case("query-describe-header", ("query", "covenants-of-sector", "--describe", "--lang", "en")),
    # 6. argument handling
    Case("alone-prints-help", (), grep="    show "),
    Case("help", ("help",), grep="    query "),
    Case("help-command", ("help", "export"), grep="Export a part"),
    Case("help-unknown", ("help", "qurey")),
    Case("mistyped-command", ("qurey", "motions")),
    Case("mistyped-option", ("query", "motions", "--lnag", "en")),
    Case("abbreviated-option-refused", ("query", "motions", "--form", "csv")),
    Case("mistyped-choice", ("query", "motions", "--lang", "nll")),
    Case("mistyped-query-name", ("query", "motiosn")),
    # 7. export: the format from the suffix
    Case("export-by-suffix", ("export", "--part", "ontology", "-o", "ontology.nt")),
    Case("export-short-name", ("export", "--part", "ontology", "--format", "ttl", "-o", "ontology.ttl")),
    Case("export-suffix-conflict", ("export", "--part", "ontology", "--format", "turtle", "-o", "ontology.nt")),
    Case("export-unknown-suffix", ("export", "--part", "ontology", "-o", "ontology.txt")),
    Case("export-no-format", ("export", "--part", "ontology")),
    # 8. a release with a dataset version
    Case("release-dataset-version", ("release", "-o", "rel", "--dataset-version", "2017.1", "--date", "2024-01-01")),
    Case("release-bad-dataset-version", ("release", "-o", "rel", "--dataset-version", "1 0")),
]

DESCRIBE_QUERY = "DESCRIBE conv:cacao\n"


def run_case(case: Case) -> str:
    """Run one case and return its text as the expected file holds it."""
    with tempfile.TemporaryDirectory(prefix="imvo-cli-case-") as tmp:
        work = Path(tmp) / "work"
        shutil.copytree(FIXTURES, work)
        (work / "describe.rq").write_text(DESCRIBE_QUERY, encoding="utf-8")
        before = {p.name for p in work.iterdir()}
        done = run_in_process(*case.args, cwd=work, env={"COLUMNS": "100"}, unset=("IMVO_GRAPH_DEBUG",))
        written = sorted(
            str(p.relative_to(work)) for top in work.iterdir() if top.name not in before
            for p in ([top] if top.is_file() else [top, *top.rglob("*")])
        )
        parts = [f"$ imvo-graph {' '.join(_quote(a) for a in case.args)}", f"exit: {done.returncode}"]
        stdout = done.stdout.rstrip("\n")
        if case.grep is not None:
            lines = [line for line in stdout.splitlines() if case.grep in line]
            stdout = "\n".join([f"(the {len(lines)} lines with {case.grep!r})", *lines])
        parts += ["--- stdout", stdout, "--- stderr", _without_usage(done.stderr.rstrip("\n"))]
        parts += ["--- files written", *written]
        for name in case.show:
            parts += [f"--- {name}", (work / name).read_text(encoding="utf-8").rstrip("\n")]
        text = "\n".join(parts) + "\n"
        return text.replace(str(work), "{tmp}").replace(str(ROOT), "{root}")


def _without_usage(stderr: str) -> str:
    """argparse's error output less its usage block (which lists every option of the command,
    wrapped the way the Python version running it wraps): what a case checks is the message."""
    lines = stderr.splitlines()
    if not lines or not lines[0].startswith("usage:"):
        return stderr
    rest = lines[next((i for i, line in enumerate(lines) if line.startswith("imvo-graph")), len(lines)):]
    return "\n".join(["(usage lines left out)", *rest])


def _quote(arg: str) -> str:
    return arg if arg and all(c.isalnum() or c in "-_=./:@" for c in arg) else repr(arg)


def expected_path(case: Case) -> Path:
    return EXPECTED / f"{case.name}.txt"


def regenerate(names: list[str]) -> int:
    chosen = [c for c in CASES if not names or c.name in names]
    unknown = set(names) - {c.name for c in CASES}
    if unknown:
        print(f"no such case: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for case in chosen:
        expected_path(case).write_text(run_case(case), encoding="utf-8")
        print(f"wrote {expected_path(case).relative_to(ROOT)}")
    print("now read `git diff tests/expected/cli/` before committing", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(regenerate(sys.argv[1:]))
