"""benchmarks/run.py writes its report wholly from its own measurements, where it is told to."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

RUN = ROOT / "benchmarks" / "run.py"


def run(*args: str):
    return subprocess.run([sys.executable, str(RUN), *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_the_report_is_written_where_asked_from_the_run_alone(tmp_path):
    committed = (ROOT / "benchmarks" / "RESULTS.md").read_bytes()
    out = tmp_path / "r.md"
    common = ("--sizes", "10k", "--no-baseline", "--no-cli", "--data-dir", str(tmp_path / "data"), "--output", str(out))
    done = run("--workloads", "load", *common)
    assert done.returncode == 0, done.stderr
    report = out.read_text()
    assert report.startswith("# Benchmark results\n\nWritten by `python benchmarks/run.py --workloads load --sizes 10k")
    assert "| load | 10k | " in report and "| validate at 1m < 10 s | not run | — |" in report
    assert "N-Triples files of this run: 10k " in report
    assert (tmp_path / "r.json").exists()
    # --reuse: the earlier run's rows are marked and the run named under Notes
    done = run("--workloads", "queries", "--reuse", *common)
    assert done.returncode == 0, done.stderr
    report = out.read_text()
    load_row = next(line for line in report.splitlines() if line.startswith("| load | 10k |"))
    queries_row = next(line for line in report.splitlines() if line.startswith("| queries | 10k |"))
    assert "⁽a⁾" in load_row and "⁽a⁾" not in queries_row
    assert "- ⁽a⁾ From an earlier run, " in report and "`python benchmarks/run.py --workloads load " in report
    assert (ROOT / "benchmarks" / "RESULTS.md").read_bytes() == committed  # never the committed file


def test_bad_arguments_write_nothing(tmp_path):
    done = run("--sizes", "2m", "--output", str(tmp_path / "r.md"))
    assert done.returncode == 2 and "unknown size 2m" in done.stderr
    done = run("--sizes", "10k", "--output", str(tmp_path / "missing" / "r.md"))
    assert done.returncode == 2 and "needs an existing folder" in done.stderr
    assert list(tmp_path.iterdir()) == []
