"""benchmarks/run.py writes its report wholly from its own measurements, where it is told to,
and checks every target of the project from them."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from conftest import ROOT

RUN = ROOT / "benchmarks" / "run.py"


def run(*args: str):
    return subprocess.run([sys.executable, str(RUN), *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def bench():
    spec = importlib.util.spec_from_file_location("benchmarks_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def line(report: str, start: str) -> str:
    return next(row for row in report.splitlines() if row.startswith(start))


def test_a_smoke_run_writes_the_whole_report_where_asked(tmp_path):
    """A real run at the smoke size (seconds): every section of the report, from this run alone."""
    committed = (ROOT / "benchmarks" / "RESULTS.md").read_bytes()
    out = tmp_path / "r.md"
    common = ("--sizes", "1k", "--repeats", "2", "--data-dir", str(tmp_path / "data"), "--output", str(out))
    done = run("--workloads", "load", "--cli-queries", "covenant-status", "--serve-clients", "4",
               "--serve-queries", "2", *common)
    assert done.returncode == 0, done.stderr
    report = out.read_text()
    assert report.startswith("# Benchmark results\n\nWritten by `python benchmarks/run.py --workloads load ")
    # the variance, from the repeated reference runs of this run
    variance = line(report, "- A plain Oxigraph load of the 1k file, 2 times spread over that size's workloads: ")
    assert re.search(r"workloads: \d+\.\d\d, \d+\.\d\d s; spread \(max − min\) / median \d+%\.$", variance)
    assert line(report, "- The same load of the shipped graph's files in a new process (the cold reference), 2 times")
    # the reference is the load row (ratio 1), the baseline beside it
    assert re.fullmatch(r"\| load \| 1k \| \d+\.\d\d s \(median of 2: \d+\.\d\d–\d+\.\d\d\) \| \d+ MB \| 1\.00x \| "
                        r"\d+\.\d\d s \| \d+ MB \| \d+\.\dx \|", line(report, "| load | 1k |"))
    # targets: each checked or said not run, never silently left out
    assert re.search(r"^\*\*\d+ of 3 targets checked in this run are met", report, re.M)
    assert "| validate at 1m < 10 s | not run | — | — | — |" in report
    assert "| validate at 1m < 3x the plain load of the same file | not run | — | — | — |" in report
    assert re.fullmatch(r"\| shipped graph, cold CLI: query covenant-status < 0\.3 s \| \d+\.\d\d s \| \d+\.\d\dx \| — \| "
                        r"(yes|\*\*no\*\*) \|", line(report, "| shipped graph, cold CLI: query covenant-status"))
    assert re.fullmatch(r"\| serve: 4 clients at once, 2 queries each, no errors \| 0 errors of 8; p99 \d+ ms \| — \| "
                        r"\d+ MB \| yes \|", line(report, "| serve: 4 clients"))
    assert re.search(r"\*\*0 errors of 8; median \d+ ms, p99 \d+ ms\*\*", report)
    assert re.search(r"N-Triples files of this run: 1k \d+\.\d MB, [\d,]+ triples\)", report)
    assert (tmp_path / "r.json").exists()
    # --reuse: the earlier run's rows are marked and the run named under Notes
    done = run("--workloads", "queries", "--reuse", "--no-baseline", "--no-cli", "--no-serve", *common)
    assert done.returncode == 0, done.stderr
    report = out.read_text()
    load_row = line(report, "| load | 1k |")
    queries_row = line(report, "| queries | 1k |")
    assert load_row.split("|")[6].endswith(" s ⁽a⁾ ")  # the baseline cell: the first run's
    assert "⁽a⁾" not in load_row.split("|")[3] and "⁽a⁾" not in queries_row  # the reference: run again
    assert "- ⁽a⁾ From an earlier run, " in report and "`python benchmarks/run.py --workloads load " in report
    assert (ROOT / "benchmarks" / "RESULTS.md").read_bytes() == committed  # never the committed file


RUN_RECORD = {"started": "s", "finished": "f", "command": "c", "load_before": "1", "load_after": "2", "wall_seconds": 60}


def _result(seconds, reference, peak=100.0, **detail):
    return {"seconds": seconds, "peak_mb": peak, "reference_seconds": reference, "detail": detail, "run": RUN_RECORD}


def test_every_target_is_checked_met_or_missed():
    run_py = bench()
    results = {
        ("load", "10k", "ours"): _result(0.02, 0.02),
        ("load", "1m", "ours"): {**_result(2.5, 2.5, 900), "repeats": [2.5, 2.4, 3.1]},
        ("queries", "1m", "ours"): _result(3.0, 2.5, slowest="sources", slowest_seconds=0.6, per_query={"sources": 0.6}),
        ("validate", "10k", "ours"): _result(0.2, 0.02),
        ("validate", "1m", "ours"): _result(9.0, 2.5, peak=1100),
        ("rdfs", "1m", "ours"): {"error": ["MemoryError"], "run": RUN_RECORD},
    }
    cli = [{"what": "validate", "system": "ours", "seconds": 0.4, "ok": True, "reference_seconds": 0.2},
           {"what": "query sources", "system": "ours", "seconds": 0.2, "ok": False, "reference_seconds": 0.2},
           {"what": "reference", "system": "reference", "seconds": 0.2, "ok": True, "repeats": [0.2, 0.3]}]
    serve = {"seconds": 3.0, "peak_mb": 80.0, "detail": {"clients": 200, "per_client": 5, "requests": 1000, "errors": 2,
             "error_kinds": ["503"], "median_ms": 100.0, "p99_ms": 900.0, "max_ms": 1200.0}}
    mach = {"cpu": "x", "cores": 2, "memory_gb": 1, "os": "o", "python": "3", "versions": {}}
    report = run_py.render(results, ["10k", "1m"], ["load", "queries", "validate", "rdfs"], cli, mach, RUN_RECORD, serve)
    assert "| load at 1m < 3 s | 2.50 s | 1.00x | 900 MB | yes |" in report
    assert "| each stored query at 1m < 0.5 s | 0.60 s (sources) | 0.24x | 100 MB | **no** |" in report
    assert "| validate at 1m < 10 s | 9.00 s | 3.60x | 1100 MB | yes |" in report
    assert "| validate at 1m < 3x the plain load of the same file | 9.00 s | 3.60x | 1100 MB | **no** |" in report
    assert "| validate at 1m peak < 1024 MB | 1100 MB | — | 1100 MB | **no** |" in report
    assert "| rdfs at 1m < 10 s | failed: error | — | — | **no** |" in report
    assert "| load: time per triple at 1m ≤ 1x that at 10k (at most linear) | 1.25x | — | — | **no** |" in report
    assert "| validate: time per triple at 1m ≤ 1x that at 10k (at most linear) | 0.45x | — | — | yes |" in report
    assert "| queries: time per triple at 1m ≤ 1x that at 10k (at most linear) | not run | — | — | — |" in report
    assert "| rdfs: time per triple at 1m ≤ 1x that at 10k (at most linear) | not measured: a run failed |" in report
    assert "| shipped graph, cold CLI: validate < 0.5 s | 0.40 s | 2.00x | — | yes |" in report
    assert "| shipped graph, cold CLI: query sources < 0.3 s | 0.20 s (failed) | 1.00x | — | **no** |" in report
    assert "| serve: 200 clients at once, 5 queries each, no errors | 2 errors of 1000; p99 900 ms | — | 80 MB | **no** |" in report
    assert "**4 of 11 targets checked in this run are met; missed: 7** (2 not run)." in report
    assert "spread (max − min) / median 28%." in report  # (3.1 - 2.4) / 2.5
    assert "can be off by up to about 50% through the machine alone" in report  # (0.3 - 0.2) / 0.2
    assert "⁽" not in report  # every row from this one run


def test_a_baseline_is_not_run_where_it_cannot_finish():
    run_py = bench()
    timed_out = {"timeout": 200.0}
    assert run_py.skip_baseline("validate", "100k", 100_000, 200.0, {"validate": ("10k", timed_out)}) == {
        "size": "10k", "predicted": False}
    fast = {"seconds": 3.0, "process_seconds": 5.0, "triples": 10_000}
    assert run_py.skip_baseline("rdfs", "100k", 100_000, 200.0, {"rdfs": ("10k", fast)}) is None  # 5 s x 10 x 0.5 = 25 s
    slow = {"seconds": 50.0, "process_seconds": 60.0, "triples": 10_000}  # 60 s x 10 x 0.5 = 300 s > 200 s
    assert run_py.skip_baseline("rdfs", "100k", 100_000, 200.0, {"rdfs": ("10k", slow)}) == {
        "size": "10k", "predicted": True, "seconds": 60.0, "estimate": 300.0}
    # the prediction goes by the files' triples, not the sizes' names: 5,000 -> 10,000 is twice
    one_copy = {"seconds": 50.0, "process_seconds": 60.0, "triples": 5_000}  # 60 s x 2 x 0.5 = 60 s
    assert run_py.skip_baseline("rdfs", "10k", 10_000, 200.0, {"rdfs": ("1k", one_copy)}) is None
    skipped = {"timeout": 200.0, "skipped": {"size": "10k", "predicted": True, "seconds": 60.0, "estimate": 300.0}}
    assert run_py.skip_baseline("rdfs", "1m", 1_000_000, 200.0, {"rdfs": ("100k", skipped)}) == {
        "size": "10k", "predicted": True}
    assert run_py.skip_baseline("owlrl", "10k", 10_000, 200.0, {}) is None


def test_bad_arguments_write_nothing(tmp_path):
    done = run("--sizes", "2m", "--output", str(tmp_path / "r.md"))
    assert done.returncode == 2 and "unknown size 2m" in done.stderr
    done = run("--sizes", "10k", "--output", str(tmp_path / "missing" / "r.md"))
    assert done.returncode == 2 and "needs an existing folder" in done.stderr
    done = run("--sizes", "1k", "--repeats", "0", "--output", str(tmp_path / "r.md"))
    assert done.returncode == 2 and "--repeats, --serve-clients and --serve-queries must be at least 1" in done.stderr
    done = run("--sizes", "1k", "--cli-queries", "nosuch", "--output", str(tmp_path / "r.md"))
    assert done.returncode == 2 and "--cli-queries: unknown stored query nosuch" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_workload_s_peak_memory_is_its_own_not_the_driver_s(tmp_path):
    """ru_maxrss carries over fork and exec: after the driver had grown, every workload it
    started reported the driver's peak. The peak is now the workload process's own."""
    run_py = bench()
    data = tmp_path / "one.nt"
    data.write_text("<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n")
    ballast = bytearray(400 * 1024 * 1024)  # the driver holding 400 MB, as after generating the 1M graph
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so resident
    result = run_py.run_child(["--child", "load", "ours", str(data)], 60)
    del ballast
    assert result["detail"]["triples"] == 1
    assert 0 < result["peak_mb"] < 200  # a Python process with pyoxigraph and one triple
