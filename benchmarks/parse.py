"""Front-end throughput on one synthetic world corpus, side by side (issue 2, point 11).

    python -m benchmarks.parse [--jurisdictions 200] [--repeat 3]

Prints, in one run on the same content:
  * parse + validate: lawcmp's LALR parser with the inline builder, producing validated
    pydantic models (no cache), with the default engine (lark-cython where installed)
    and with lark alone;
  * lark lex-only: lark's lexer alone over the same bytes (the yardstick);
  * json.loads + pydantic: the same models as JSON, decoded and validated;
  * validate_json: pydantic's TypeAdapter.validate_json on the same JSON (what the cache does).
Figures are MB of statute text per second (medians); the ratio is the target of issue 2.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import TypeAdapter

from benchmarks.generate import generate
from lawcmp.lang.syntax import count_tokens, default_engine, parse_statute
from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.model.statute import StatuteFile


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _paused(fn: Callable[[], object]) -> Callable[[], None]:
    """`fn` with the garbage collector off, as the cache loads (lawcmp.support.collector.paused)."""

    def run() -> None:
        gc.disable()
        try:
            fn()
        finally:
            gc.enable()

    return run


def pipelines(texts: list[tuple[str, str]]) -> tuple[dict[str, Callable[[], None]], bytes]:
    """The front ends compared on the same content — lark lex-only, lawcmp's parse +
    validate (default engine, and lark alone), json.loads + pydantic, validate_json — and
    that content as JSON."""
    vocab = load_vocabulary()
    models: list[StatuteFile] = []

    def parse_validate(engine: str) -> Callable[[], None]:
        def run() -> None:
            models.clear()
            for name, t in texts:
                model, diags = parse_statute(t, name, vocab, engine=engine)
                assert model is not None and not diags, diags[:3]
                models.append(model)

        return _paused(run)

    def lex_only() -> None:
        for _, t in texts:
            count_tokens(t)

    run_plain = parse_validate("lark")
    run_plain()
    plain = list(models)
    run_parse = parse_validate(default_engine())
    run_parse()
    assert models == plain, "the engines disagree"
    adapter = TypeAdapter(list[StatuteFile])
    as_json = adapter.dump_json(models)
    return {
        "lex": lex_only,
        "parse": run_parse,
        "parse_lark": run_plain,
        "json": _paused(lambda: adapter.validate_python(json.loads(as_json))),
        "vjson": _paused(lambda: adapter.validate_json(as_json)),
    }, as_json


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jurisdictions", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [p for p in generate(Path(tmp), args.jurisdictions) if p.parent.name != "drafts"]
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    mb = sum(len(t.encode()) for _, t in texts) / 1e6
    runs, as_json = pipelines(texts)
    t_lex, t_parse, t_lark, t_json, t_vjson = (
        _median(runs[k], args.repeat) for k in ("lex", "parse", "parse_lark", "json", "vjson")
    )
    print(f"corpus: {len(texts)} files, {mb:.2f} MB of statute text ({len(as_json) / 1e6:.2f} MB as JSON)")
    print(f"{'pipeline':<40}{'MB/s':>8}{'× lex-only':>12}")
    for name, t in (("lark lex-only", t_lex), (f"parse + validate (lawcmp, {default_engine()})", t_parse),
                    ("parse + validate (lawcmp, lark alone)", t_lark),
                    ("json.loads + pydantic", t_json), ("pydantic validate_json (cache)", t_vjson)):
        print(f"{name:<40}{mb / t:>8.2f}{t_lex / t:>12.2f}")
    print(f"target: parse + validate ≥ 0.5 × lex-only → {'met' if t_lex / t_parse >= 0.5 else 'MISSED'} ({t_lex / t_parse:.2f})")


if __name__ == "__main__":
    main()
