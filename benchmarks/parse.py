"""Front-end throughput on one synthetic world corpus, side by side (issue 2, point 11).

    python -m benchmarks.parse [--jurisdictions 200] [--repeat 3]

Prints, in one run on the same content:
  * parse + validate: lawcmp's LALR parser with the inline builder, producing validated
    pydantic models (no cache);
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
from lawcmp.model import StatuteFile
from lawcmp.syntax import count_tokens, parse_statute
from lawcmp.vocabulary import load_vocabulary


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jurisdictions", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    vocab = load_vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [p for p in generate(Path(tmp), args.jurisdictions) if p.parent.name != "drafts"]
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    mb = sum(len(t.encode()) for _, t in texts) / 1e6
    def lex_only() -> None:
        for _, t in texts:
            count_tokens(t)

    models: list[StatuteFile] = []

    def parse_validate() -> None:
        models.clear()
        gc.disable()
        try:
            for name, t in texts:
                model, diags = parse_statute(t, name, vocab)
                assert model is not None and not diags, diags[:3]
                models.append(model)
        finally:
            gc.enable()

    parse_validate()
    adapter = TypeAdapter(list[StatuteFile])
    as_json = adapter.dump_json(models)
    as_obj = json.loads(as_json)

    def json_pydantic() -> None:
        gc.disable()
        try:
            adapter.validate_python(json.loads(as_json))
        finally:
            gc.enable()

    def validate_json() -> None:
        gc.disable()
        try:
            adapter.validate_json(as_json)
        finally:
            gc.enable()

    del as_obj
    t_lex = _median(lex_only, args.repeat)
    t_parse = _median(parse_validate, args.repeat)
    t_json = _median(json_pydantic, args.repeat)
    t_vjson = _median(validate_json, args.repeat)
    print(f"corpus: {len(texts)} files, {mb:.2f} MB of statute text ({len(as_json) / 1e6:.2f} MB as JSON)")
    print(f"{'pipeline':<34}{'MB/s':>8}{'× lex-only':>12}")
    for name, t in (("lark lex-only", t_lex), ("parse + validate (lawcmp)", t_parse),
                    ("json.loads + pydantic", t_json), ("pydantic validate_json (cache)", t_vjson)):
        print(f"{name:<34}{mb / t:>8.2f}{t_lex / t:>12.2f}")
    print(f"target: parse + validate ≥ 0.5 × lex-only → {'met' if t_lex / t_parse >= 0.5 else 'MISSED'} ({t_lex / t_parse:.2f})")


if __name__ == "__main__":
    main()
