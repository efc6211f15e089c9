"""Benchmarks: this project (Oxigraph, the fast SHACL engine, the fast RDFS closure) against the
plain rdflib + pySHACL + owlrl baseline, side by side, at 10k, 100k and 1M triples.

    python benchmarks/run.py                       # all sizes; report in a scratch file (printed)
    python benchmarks/run.py --sizes 10k,100k      # only some sizes
    python benchmarks/run.py --limit 300           # baseline time limit per workload (seconds)
    python benchmarks/run.py --no-baseline         # this project only
    python benchmarks/run.py --output my-results.md

The report is written wholly by this script from the measurements of the run (and, with
``--reuse``, of the earlier runs whose raw results it reads, each row marked with the run it
comes from): methods, machine, tables, targets, growth and notes, nothing added by hand. The
committed ``benchmarks/RESULTS.md`` is the output of one command, given in its first lines::

    python benchmarks/run.py --sizes 10k,100k,1m --limit 200 \
        --output benchmarks/RESULTS.md --json benchmarks/results.json

It takes about an hour on a 2-core machine (the baseline at 1M hits the time limit); run it on a
quiet machine and commit both files as they come out.

Every workload runs in its own Python process, which reports its wall time (of the work itself,
after imports) and its peak resident memory (``ru_maxrss``, the whole process: interpreter,
libraries and data). The baseline gets a time limit per workload; a run that hits it is shown
as "> limit". Graphs come from ``imvo-graph generate`` (seed 1, 0.1% planted violations).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
#: Values for the stored queries' required parameters (a realistic question each).
REQUIRED_PARAMS = {"sector": "textiel", "about": "textiel"}


def _params(stored) -> dict:
    params = {}
    for param in getattr(stored, "params", []) or []:
        name = getattr(param, "name", None)
        if name in REQUIRED_PARAMS and getattr(param, "default", None) is None:
            params[name] = REQUIRED_PARAMS[name]
    return params
WORKLOADS = ("load", "queries", "validate", "rdfs", "owlrl")
TARGETS = {
    ("load", "1m"): 3.0,
    ("queries", "1m"): 0.5,  # each stored query
    ("validate", "1m"): 10.0,
    ("rdfs", "1m"): 10.0,
}
MEMORY_TARGETS = {("validate", "1m"): 1024.0}


# ----------------------------------------------------------------------------------------------
# The workloads, run in a child process
# ----------------------------------------------------------------------------------------------

def _quiet():
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)


def _ours_store(path: str):
    import pyoxigraph as ox

    from imvo_graph.loading import shipped_files

    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.N_TRIPLES)
    for f in shipped_files("ontology"):
        store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    return store


def _baseline_graph(path: str):
    import rdflib

    from imvo_graph.loading import shipped_files

    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    for f in shipped_files("ontology"):
        graph.parse(str(f), format="turtle")
    return graph


def child(workload: str, system: str, path: str) -> dict:
    _quiet()
    detail: dict = {}
    if workload == "load":
        if system == "ours":
            import pyoxigraph as ox

            start = time.perf_counter()
            store = ox.Store()
            store.load(path=path, format=ox.RdfFormat.N_TRIPLES)
            seconds = time.perf_counter() - start
            detail["triples"] = len(store)
        else:
            import rdflib

            start = time.perf_counter()
            graph = rdflib.Graph()
            graph.parse(path, format="nt")
            seconds = time.perf_counter() - start
            detail["triples"] = len(graph)
    elif workload == "queries":
        from imvo_graph.query.catalogue import list_queries
        from imvo_graph.query.run import prepare, run_query

        per_query = {}
        if system == "ours":
            store = _ours_store(path)
            for stored in list_queries():
                start = time.perf_counter()
                result = run_query(stored, _params(stored), store=store)
                per_query[stored.name] = (time.perf_counter() - start, len(result.rows))
        else:
            graph = _baseline_graph(path)
            failed = []
            for stored in list_queries():
                _form, text = prepare(stored, _params(stored), "nl")
                start = time.perf_counter()
                try:
                    rows = list(graph.query(text))
                except Exception as exc:  # rdflib cannot run every stored query (e.g. ORDER BY on unbound values)
                    failed.append(f"{stored.name}: {type(exc).__name__}")
                    continue
                per_query[stored.name] = (time.perf_counter() - start, len(rows))
            detail["failed"] = failed
        seconds = sum(t for t, _ in per_query.values())
        slowest = max(per_query.items(), key=lambda kv: kv[1][0]) if per_query else ("-", (0, 0))
        detail["queries"] = len(per_query)
        detail["slowest"] = slowest[0]
        detail["slowest_seconds"] = slowest[1][0]
        detail["per_query"] = {k: round(v[0], 4) for k, v in per_query.items()}
    elif workload == "validate":
        from imvo_graph.validation import validate

        start = time.perf_counter()
        report = validate([path], engine="fast" if system == "ours" else "pyshacl")
        seconds = time.perf_counter() - start
        detail["results"] = len(report.results)
        detail["violations"] = len(report.violations)
    elif workload == "rdfs":
        if system == "ours":
            from imvo_graph.inference import rdfs_closure

            store = _ours_store(path)
            before = len(store)
            start = time.perf_counter()
            rdfs_closure(store)
            seconds = time.perf_counter() - start
            detail["added"] = len(store) - before
        else:
            import owlrl

            graph = _baseline_graph(path)
            before = len(graph)
            start = time.perf_counter()
            owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(graph)
            seconds = time.perf_counter() - start
            detail["added"] = len(graph) - before
    elif workload == "owlrl":
        if system == "ours":
            from imvo_graph.inference import owlrl_closure

            store = _ours_store(path)
            before = len(store)
            start = time.perf_counter()
            _added, errors = owlrl_closure(store)
            seconds = time.perf_counter() - start
            detail["added"] = len(store) - before
            detail["errors"] = len(errors)
        else:
            import owlrl

            graph = _baseline_graph(path)
            before = len(graph)
            start = time.perf_counter()
            owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
            seconds = time.perf_counter() - start
            detail["added"] = len(graph) - before
    else:
        raise SystemExit(f"unknown workload {workload}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"seconds": seconds, "peak_mb": peak_mb, "detail": detail}


# ----------------------------------------------------------------------------------------------
# The driver
# ----------------------------------------------------------------------------------------------

def run_child(workload: str, system: str, path: Path, limit: float | None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", workload, system, str(path)]
    wall = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"timeout": limit}
    if done.returncode != 0:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:] or ["failed"]}
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["process_seconds"] = time.perf_counter() - wall
    return out


def load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every system
        return "?"


def cold_cli(limit: float) -> list[dict]:
    """The shipped graph, cold from the command line: validate, and every stored query."""
    from imvo_graph.query.catalogue import list_queries

    exe = [sys.executable, "-m", "imvo_graph"]
    rows = []

    def timed(args, label, system):
        start = time.perf_counter()
        try:
            done = subprocess.run(exe + args, capture_output=True, timeout=limit, cwd=str(ROOT))
            ok = done.returncode in (0, 1)
        except subprocess.TimeoutExpired:
            ok = False
        rows.append({"what": label, "system": system, "seconds": time.perf_counter() - start, "ok": ok})

    for _ in range(2):  # the first run also warms the file cache; keep the second
        rows.clear()
        timed(["validate"], "validate", "ours")
        timed(["validate", "--engine", "pyshacl"], "validate", "baseline")
        for stored in list_queries():
            extra = [a for k, v in _params(stored).items() for a in ("--param", f"{k}={v}")]
            timed(["query", stored.name, *extra], f"query {stored.name}", "ours")
    return rows


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for name in ("pyoxigraph", "rdflib", "pyshacl", "owlrl"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # pragma: no cover
            versions[name] = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
    }


def fmt_seconds(r: dict | None) -> str:
    if r is None:
        return "—"
    if "timeout" in r:
        return f"> {r['timeout']:.0f} s"
    if "error" in r:
        return "error"
    return f"{r['seconds']:.2f} s"


def fmt_mb(r: dict | None) -> str:
    if r is None or "seconds" not in r:
        return "—"
    return f"{r['peak_mb']:.0f} MB"


def ratio(ours: dict | None, base: dict | None) -> str:
    if not ours or "seconds" not in ours or not base:
        return "—"
    if "timeout" in base:
        return f"> {base['timeout'] / max(ours['seconds'], 1e-9):.0f}x"
    if "seconds" not in base:
        return "—"
    return f"{base['seconds'] / max(ours['seconds'], 1e-9):.1f}x"


SCRATCH = Path(tempfile.gettempdir()) / "imvo-graph-benchmark"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated: " + ", ".join(WORKLOADS))
    parser.add_argument("--limit", type=float, default=600.0, help="baseline time limit per workload, seconds")
    parser.add_argument("--no-baseline", action="store_true", help="run this project only")
    parser.add_argument("--no-cli", action="store_true", help="skip the cold command-line runs on the shipped graph")
    parser.add_argument("--data-dir", help="where generated graphs are kept (default: a temporary folder)")
    parser.add_argument(
        "--output", default=str(SCRATCH / "RESULTS.md"),
        help=f"the Markdown report to write (default: {SCRATCH / 'RESULTS.md'}, a scratch file; "
        "give benchmarks/RESULTS.md to replace the committed one)",
    )
    parser.add_argument(
        "--json", help="the raw results, read back by --reuse (default: beside --output, with the suffix .json)"
    )
    parser.add_argument(
        "--reuse", action="store_true",
        help="start from the raw results of an earlier run (--json) and re-run only the --workloads given; "
        "the report marks every row with the run it comes from",
    )
    parser.add_argument("--child", nargs=3, metavar=("WORKLOAD", "SYSTEM", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0

    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in SIZES:
            parser.error(f"unknown size {s}; choose from {', '.join(SIZES)}")
    workloads = [w.strip() for w in args.workloads.split(",") if w.strip()]
    for w in workloads:
        if w not in WORKLOADS:
            parser.error(f"unknown workload {w}; choose from {', '.join(WORKLOADS)}")
    output = Path(args.output)
    if output == SCRATCH / "RESULTS.md":
        SCRATCH.mkdir(parents=True, exist_ok=True)
    json_path = Path(args.json) if args.json else output.with_suffix(".json")
    for path in (output, json_path):
        if path.is_dir() or not path.parent.is_dir():
            parser.error(f"{path}: needs an existing folder and must not be a folder itself")
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="imvo-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    run = {
        "started": _dt.datetime.now().isoformat(timespec="seconds"),
        "command": shlex.join(["python", "benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)]),
        "load_before": load_average(),
    }

    from imvo_graph.generate import generate, write

    results: dict = {}
    report_workloads = list(workloads)
    if args.reuse:
        if not json_path.exists():
            parser.error(f"--reuse: no raw results at {json_path}")
        for key, value in json.loads(json_path.read_text()).items():
            w, sz, system = key.split("|")
            results[(w, sz, system)] = value
            if w not in report_workloads:
                report_workloads.append(w)
        report_workloads = [w for w in WORKLOADS if w in report_workloads]
    for size in sizes:
        path = data_dir / f"imvo-{size}.nt"
        if not path.exists():
            print(f"generating {size} ...", file=sys.stderr, flush=True)
            write(generate(SIZES[size], seed=1, violations=0.001), path)
        run.setdefault("graphs", {})[size] = path.stat().st_size
        for workload in workloads:
            for system in ("ours", "baseline"):
                if system == "baseline" and args.no_baseline:
                    continue
                print(f"{size:>5} {workload:<9} {system:<8} ...", end=" ", file=sys.stderr, flush=True)
                limit = args.limit if system == "baseline" else None
                r = run_child(workload, system, path, limit)
                r["run"] = run
                r["limit"] = limit
                results[(workload, size, system)] = r
                print(fmt_seconds(r), fmt_mb(r), file=sys.stderr, flush=True)

    cli_rows = [] if args.no_cli else cold_cli(args.limit)
    run["load_after"] = load_average()
    run["finished"] = _dt.datetime.now().isoformat(timespec="seconds")
    json_path.write_text(json.dumps({"|".join(k): v for k, v in results.items()}, indent=1), encoding="utf-8")
    report = render(results, sizes, report_workloads, cli_rows, machine(), run)
    print(report)
    output.write_text(report, encoding="utf-8")
    print(f"written to {output} (raw results: {json_path})", file=sys.stderr)
    return 0


def _runs(results: dict, this_run: dict) -> dict:
    """Each distinct run the results come from -> its mark ('' for this run, else a letter)."""
    marks: dict = {}
    for r in results.values():
        run = r.get("run") or {"started": "?", "command": "an earlier version of this script (no record of the run)"}
        key = (run.get("started"), run.get("command"))
        if key not in marks and key != (this_run["started"], this_run["command"]):
            marks[key] = "abcdefghijklmnopqrstuvwxyz"[len(marks) % 26]
    return marks


def _mark(r: dict | None, marks: dict) -> str:
    if not r:
        return ""
    run = r.get("run") or {"started": "?", "command": "an earlier version of this script (no record of the run)"}
    letter = marks.get((run.get("started"), run.get("command")), "")
    return f" ⁽{letter}⁾" if letter else ""


def render(results, sizes, workloads, cli_rows, mach, run) -> str:
    """The whole report, from the results alone: nothing in it is written by hand."""
    marks = _runs(results, run)
    lines = ["# Benchmark results", ""]
    lines.append(f"Written by `{run['command']}`, run from {run['started']} to {run['finished']}, "
                 "on the machine below; every number here was measured by that command")
    lines.append("(rows marked with a letter come from the earlier runs listed under Notes, read back with `--reuse`).")
    lines.append("To measure again: `python benchmarks/run.py --help`.")
    lines.append("")
    lines.append("## Machine")
    lines.append("")
    lines.append(f"- CPU: {mach['cpu']} ({mach['cores']} cores available)")
    lines.append(f"- Memory: {mach['memory_gb']} GB; {mach['os']}; Python {mach['python']}")
    lines.append("- Libraries: " + ", ".join(f"{k} {v}" for k, v in mach["versions"].items()))
    lines.append(f"- Load average (1, 5, 15 min) when the run started: {run['load_before']}; when it ended: "
                 f"{run['load_after']}. Other work on the machine slows single runs; compare rows of one run.")
    lines.append("")
    lines.append("## Workloads at scale")
    lines.append("")
    lines.append("Each cell is one run in its own process: wall time of the work (after the imports), peak resident")
    lines.append("memory of the whole process (`ru_maxrss`: interpreter, libraries and data). *Ours*: Oxigraph")
    lines.append("(pyoxigraph) store, the fast SHACL engine, the fast RDFS and OWL RL closures. *Baseline*: rdflib,")
    lines.append("pySHACL, owlrl. `load`: parse the generated N-Triples file. `queries`: every stored query in turn on")
    lines.append("the loaded graph (data + ontology; loading not timed), total and slowest. `validate`: `validate(FILE)`")
    lines.append("end to end (read the files, mix in the ontology, validate against all shapes, the shapes' own")
    lines.append("vocabulary check); the baseline is `validate(FILE, engine=\"pyshacl\")`. `rdfs`: the RDFS closure")
    lines.append("(owlrl's `RDFS_Semantics` for the baseline; loading not timed). `owlrl`: the OWL 2 RL closure")
    lines.append("(owlrl's `OWLRL_Semantics`; ours: `imvo_graph.inference.owlrl_closure`; loading not timed).")
    lines.append("The graphs come from `imvo-graph generate` (seed 1, 0.1% planted violations): copies of the shipped")
    lines.append("data, so they carry the letter's paragraph texts once per copy (N-Triples files of this run: "
                 + (", ".join(f"{size} {n / 1e6:.1f} MB" for size, n in run.get("graphs", {}).items()) or "none") + ").")
    lines.append("The baseline gets a time limit per workload; `> N s` is a run stopped at the limit.")
    lines.append("")
    lines.append("| workload | size | ours | ours peak | baseline | baseline peak | speed-up |")
    lines.append("|---|---|---|---|---|---|---|")
    for workload in workloads:
        for size in sizes:
            ours = results.get((workload, size, "ours"))
            base = results.get((workload, size, "baseline"))
            cell = fmt_seconds(ours)
            if workload == "queries" and ours and "seconds" in ours:
                cell += f" (slowest {ours['detail']['slowest_seconds']:.3f} s: {ours['detail']['slowest']})"
            cell += _mark(ours, marks)
            bcell = fmt_seconds(base)
            if workload == "queries" and base and "seconds" in base:
                bcell += f" (slowest {base['detail']['slowest_seconds']:.3f} s"
                failed = base["detail"].get("failed") or []
                bcell += f"; {len(failed)} failed in rdflib: {', '.join(failed)})" if failed else ")"
            bcell += _mark(base, marks)
            lines.append(f"| {workload} | {size} | {cell} | {fmt_mb(ours)} | {bcell} | {fmt_mb(base)} | {ratio(ours, base)} |")
    lines.append("")
    lines.append("## Targets")
    lines.append("")
    lines.append("| target | measured | met |")
    lines.append("|---|---|---|")
    for (workload, size), limit in TARGETS.items():
        r = results.get((workload, size, "ours"))
        if not r or "seconds" not in r:
            lines.append(f"| {workload} at {size} < {limit:g} s | not run | — |")
            continue
        value = r["detail"]["slowest_seconds"] if workload == "queries" else r["seconds"]
        what = "each stored query" if workload == "queries" else workload
        slowest = f" ({r['detail']['slowest']})" if workload == "queries" else ""
        lines.append(f"| {what} at {size} < {limit:g} s | {value:.2f} s{slowest}{_mark(r, marks)} | "
                     f"{'yes' if value < limit else '**no**'} |")
    for (workload, size), limit in MEMORY_TARGETS.items():
        r = results.get((workload, size, "ours"))
        if r and "seconds" in r:
            lines.append(f"| {workload} at {size} peak < {limit:.0f} MB | {r['peak_mb']:.0f} MB{_mark(r, marks)} | "
                         f"{'yes' if r['peak_mb'] < limit else '**no**'} |")
    for row in cli_rows:
        if row["system"] != "ours":
            continue
        limit = 0.5 if row["what"] == "validate" else 0.3
        lines.append(f"| shipped graph, cold CLI: {row['what']} < {limit} s | {row['seconds']:.2f} s | "
                     f"{'yes' if row['ok'] and row['seconds'] < limit else '**no**'} |")
    lines.append("")
    lines.append("## Growth")
    lines.append("")
    lines.append("Time per triple relative to the smallest size run (1.0 = linear; above 1, worse than linear):")
    lines.append("")
    lines.append("| workload | " + " | ".join(sizes) + " |")
    lines.append("|---|" + "---|" * len(sizes))
    for workload in workloads:
        cells = []
        first = None
        for size in sizes:
            r = results.get((workload, size, "ours"))
            if not r or "seconds" not in r:
                cells.append("—")
                continue
            per = r["seconds"] / SIZES[size]
            first = first or per
            cells.append(f"{per / first:.2f}")
        lines.append(f"| {workload} | " + " | ".join(cells) + " |")
    lines.append("")
    lines += _notes(results, sizes, workloads, cli_rows, marks)
    return "\n".join(lines) + "\n"


def _notes(results, sizes, workloads, cli_rows, marks) -> list[str]:
    """Notes that follow from the results: earlier runs, cold CLI runs, failures, stopped runs,
    the slowest stored queries at the largest size."""
    notes = []
    for (started, command), letter in marks.items():
        notes.append(f"- ⁽{letter}⁾ From an earlier run, {started}: `{command}` (read back with `--reuse`).")
    if cli_rows:
        base = [r for r in cli_rows if r["system"] == "baseline"]
        notes.append("- Cold command-line runs on the shipped graph: each command run twice in a new process "
                     "(the first also warms the file cache), the second timed, imports included.")
        if base:
            notes.append(f"  Cold `imvo-graph validate --engine pyshacl` on the shipped graph: {base[0]['seconds']:.2f} s.")
    for (workload, size, system), r in sorted(results.items()):
        if workload not in workloads or size not in sizes:
            continue
        if "error" in r:
            notes.append(f"- `{workload}` at {size} ({system}) failed: {' '.join(r['error'])}")
        failed = (r.get("detail") or {}).get("failed") or []
        if failed:
            notes.append(f"- rdflib could not run {len(failed)} stored quer{'y' if len(failed) == 1 else 'ies'} at {size} "
                         f"({', '.join(failed)}); the baseline total leaves {'it' if len(failed) == 1 else 'them'} out.")
    largest = next((size for size in reversed(sizes) if "seconds" in results.get(("queries", size, "ours"), {})), None)
    if largest:
        per = results[("queries", largest, "ours")]["detail"].get("per_query") or {}
        slow = sorted(per.items(), key=lambda kv: -kv[1])[:5]
        if slow:
            notes.append(f"- The slowest stored queries at {largest} (ours): "
                         + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in slow) + ".")
    if not notes:
        return []
    return ["## Notes", "", *notes, ""]


if __name__ == "__main__":
    sys.exit(main())
