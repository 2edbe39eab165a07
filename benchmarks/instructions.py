"""Where `lawcmp report UZ` spends its instructions, stage by stage, counted by callgrind.

    python -m benchmarks.instructions

Wall time on a shared machine drifts by half from one hour to the next; the number of
instructions a process executes does not (valgrind's callgrind counts them, whatever
else the machine is doing). Each stage below is a fresh process that does what the
one before it did and one thing more, the last being the command itself, so the
differences say what each part of the command costs. The cache is warm (filled by a
run before the counted ones), bytecode compiled, the hash seed fixed, and the date
fixed, so that two runs of the same code give the same counts. Run by hand; it takes
about three minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.world import FLOOR, lawcmp_command

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ["report", "UZ", "--as-of", "2009-12-31", "--format", "table"]

# What `lawcmp report` imports, as `lawcmp.__main__` imports it: with the collector paused.
_IMPORTS = """
import gc
from lawcmp.support import collector
gc.disable()
import lawcmp.cli.app, lawcmp.load.corpus, lawcmp.support.i18n, lawcmp.reports.standard, lawcmp.render.text, lawcmp.render.write
collector.freeze()
gc.enable()
"""
_CATALOG = """
import datetime as dt
from lawcmp.load.catalog import load_catalog
load_catalog()
"""
_CORPUS = """
from lawcmp.load.corpus import load_corpus
corpus = load_corpus(None)
"""
_REPORT = """
doc = lawcmp.reports.standard.gap_report(corpus, "UZ", dt.date(2009, 12, 31), "en")
"""
_RENDER = """
text = lawcmp.render.write.render(doc, "table")
"""

STAGES: tuple[tuple[str, str], ...] = (
    ("Python itself (`python -c pass`)", "pass"),
    ("typer and pydantic, one model validated once", FLOOR),
    ("the lawcmp modules `report` imports", _IMPORTS),
    ("the catalog, from the cache", _IMPORTS + _CATALOG),
    ("the corpus, from the cache", _IMPORTS + _CATALOG + _CORPUS),
    ("the gap report (with the other states' precedents)", _IMPORTS + _CATALOG + _CORPUS + _REPORT),
    ("its table rendered", _IMPORTS + _CATALOG + _CORPUS + _REPORT + _RENDER),
)


def count(command: list[str], env: dict[str, str]) -> int:
    """The instructions `command` executes, by callgrind."""
    with tempfile.TemporaryDirectory(prefix="lawcmp-callgrind-") as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
                       cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError("callgrind wrote no total")


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.stderr.write("benchmarks.instructions: valgrind is not installed\n")
        raise SystemExit(2)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lawcmp")], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix="lawcmp-cache-") as cache:
        env = {**os.environ, "LAWCMP_CACHE": cache, "LAWCMP_PROGRESS": "off", "PYTHONHASHSEED": "0"}
        subprocess.run([*lawcmp_command(), *COMMAND], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)  # fill it
        rows = [(name, count([sys.executable, "-c", code], env)) for name, code in STAGES]
        rows.append(("the whole command: typer's parsing, writing out", count([*lawcmp_command(), *COMMAND], env)))
    print(f"`lawcmp {' '.join(COMMAND)}`, instructions by callgrind (millions), each stage a new process:")
    print(f"  {'stage':<54}{'in all':>9}{'the stage':>11}")
    before = 0
    for name, total in rows:
        print(f"  {name:<54}{total / 1e6:9.1f}{(total - before) / 1e6:11.1f}")
        before = total


if __name__ == "__main__":
    main()
