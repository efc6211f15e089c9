"""Does `validate --store DIR` pay off? One run, the same file: no store against a reused store.

    python benchmarks/store_reuse.py --triples 100000 --inference none,owlrl --repeat 2

generates a graph of about --triples triples (imvo-graph generate, seed 1), builds the store
once per inference, then runs `imvo-graph validate FILE --format json` without a store and with
the reused store in turn, --repeat times each, and prints the best time of each and their ratio
(no store / reused: above 1 means the store pays off). Alternating the two keeps a shared
machine's load changes out of the ratio as far as one run can.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(*args: str) -> float:
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "imvo_graph", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"imvo-graph {' '.join(args)} failed: {completed.stderr.strip()}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--inference", default="none,owlrl", help="comma-separated: none, rdfs, owlrl")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "graph.nt"
        subprocess.run([sys.executable, "-m", "imvo_graph", "generate", "--triples", str(args.triples), "--seed", "1",
                        "--violations", "0.001", "--output", str(data)], check=True, capture_output=True)
        print("| inference | no store (s) | reused store (s) | build (s) | no store / reused |")
        print("|---|---|---|---|---|")
        for inference in args.inference.split(","):
            store = Path(work) / f"store-{inference}"
            common = ["validate", str(data), "--format", "json", "--inference", inference]
            build = _run(*common, "--store", str(store))
            plain, reused = [], []
            for _ in range(args.repeat):
                plain.append(_run(*common))
                reused.append(_run(*common, "--store", str(store)))
            print(f"| {inference} | {min(plain):.2f} | {min(reused):.2f} | {build:.2f} | {min(plain) / min(reused):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
