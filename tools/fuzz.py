"""Fuzz lawcmp for as long as you like: mutated statute, bill and rule files through
`lawcmp check` (and, when they check clean, the engine and the reports) and `lawcmp fmt`.

    python tools/fuzz.py --minutes 30 --seed 1

The edits and the promises are those of the test suite (`tests/hostile/mutations.py`);
this runs them at random, for longer, and with the pathological sizes more often. Each
failure is saved — the input, the edits that made it, and the traceback — in the output
directory, one per distinct place of failure, so that it can be replayed and turned into
a test. A run that takes more than its time budget is a failure too ("hang").
"""

from __future__ import annotations

import argparse
import hashlib
import random
import signal
import sys
import time
import traceback
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile.mutations import (  # noqa: E402  (the repository root is on the path only now)
    SEEDS,
    budget,
    check_files,
    files_for,
    format_bytes,
    mutate,
    random_edits,
)


class Hang(Exception):
    """The input took longer than its budget."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang()


def where(exc: BaseException) -> str:
    """The place of a failure: the exception's type and the innermost frame in lawcmp or the oracle."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/lawcmp/" in f.filename or "/tests/" in f.filename]
    last = frames[-1] if frames else None
    return f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno}" if last else type(exc).__name__


def save(out: Path, kind: str, seed_name: str, edits: list[tuple], data: bytes, exc: BaseException, suffix: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    case = out / f"{kind}-{digest}{suffix}"
    case.write_bytes(data)
    edits_shown = [tuple(a if not isinstance(a, bytes) or len(a) <= 80 else a[:80] + b"..." for a in e) for e in edits]
    report = (f"oracle: {kind}\nseed file: {seed_name}\nedits: {edits_shown!r}\nfailure: {where(exc)}\n\n"
              + "".join(traceback.format_exception(exc)))
    case.with_suffix(case.suffix + ".txt").write_text(report, encoding="utf-8")
    return case


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to run (default 5)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock; printed)")
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz-failures", help="where failing inputs are saved")
    parser.add_argument("--big", type=float, default=0.05, help="share of inputs with pathological sizes (default 0.05)")
    parser.add_argument("--deep", type=float, default=0.2, help="share of clean inputs also evaluated and reported on")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rnd = random.Random(seed)
    print(f"fuzzing for {args.minutes:g} min with --seed {seed}; failures go to {args.out}", flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    tried, failures, seen = 0, 0, set()
    deadline = time.monotonic() + args.minutes * 60
    next_report = time.monotonic() + 30
    while time.monotonic() < deadline:
        seed_file = rnd.choice(SEEDS)
        edits = random_edits(rnd, big=rnd.random() < args.big)
        data = mutate(seed_file.path.read_bytes(), edits)
        deep = rnd.random() < args.deep
        oracles = [("check", lambda d=data, s=seed_file, deep=deep: check_files(files_for(s, d), deep=deep)),
                   ("fmt", lambda d=data, s=seed_file: format_bytes(d, s.path.suffix))]
        for kind, oracle in oracles:
            signal.setitimer(signal.ITIMER_REAL, 2 * budget(len(data)) + 10)
            try:
                oracle()
            except Exception as exc:
                key = (kind, where(exc))
                if key not in seen:
                    seen.add(key)
                    failures += 1
                    case = save(args.out, kind, seed_file.name, edits, data, exc, seed_file.path.suffix)
                    print(f"FAILURE {failures}: {kind}: {where(exc)}: {str(exc)[:200]!r}\n  saved {case}", flush=True)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        tried += 1
        if time.monotonic() > next_report:
            print(f"  … {tried} inputs, {failures} distinct failures", flush=True)
            next_report += 30
    print(f"tried {tried} inputs (seed {seed}); {failures} distinct failures"
          + (f", saved in {args.out}" if failures else ""), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
