"""A cold `lawcmp report UZ` against the least a command on its libraries can cost.

    python -m benchmarks.startup [--runs 9] [--state UZ]

The target (docs/performance.md): a new process running `lawcmp report UZ --format table`
takes at most 2 × a new process that only imports typer, pydantic and lark. The two are
run in turn, so that both see the machine in the same mood, after lawcmp is compiled (as
`pip install` leaves it) and one run has filled the cache; the medians and their ratio
are printed. On a shared machine the floor moves most:
read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from benchmarks.world import ROOT, compile_package, lawcmp_command

FLOOR = "import typer, pydantic, lark"
TARGET = 2.0


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--state", default="UZ")
    args = parser.parse_args()
    report = [*lawcmp_command(), "report", args.state, "--format", "table"]
    floor = [sys.executable, "-c", FLOOR]
    compile_package()  # as an installed lawcmp is
    timed(report)  # the cache filled
    reports, floors = [], []
    for _ in range(args.runs):
        reports.append(timed(report))
        floors.append(timed(floor))
    r, f = statistics.median(reports), statistics.median(floors)
    verdict = "met" if r <= TARGET * f else "MISSED"
    print(f"lawcmp report {args.state}: {r:.3f} s; floor ({FLOOR}): {f:.3f} s; "
          f"ratio {r / f:.2f} × (target ≤ {TARGET:g} ×): {verdict}")


if __name__ == "__main__":
    main()
