"""Diagnostics as you type: how long `lawcmp lsp` takes to answer an edit, against lark's lexer.

    python -m benchmarks.lsp [--edits 50] [--lines 600]

Starts a real `lawcmp lsp` and opens the first 600 lines of statutes/KG.law in it (whole
items: the jurisdiction, its instruments, provisions and facts, and their comments). Then
makes one-character edits, each inside a different title, text or paraphrase string (the
file stays valid, as it mostly is while a drafter types), and times each from the change
notification sent to its diagnostics received — the server's whole path: the message
read, the document parsed, checked, its quotes verified, its cross-file checks run, the
diagnostics written back. In the same run, lark's lexer alone over the same text
(`lawcmp.lang.syntax.count_tokens`, the benchmarks' yardstick), and the server's work
(`lawcmp.lsp.analysis.analyse`) in this process. Prints the medians and the ratio
(the target: edit-to-diagnostics at most 3 × lexing).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable

from lawcmp.lang.syntax import count_tokens, default_engine
from lawcmp.load.files import default_sources
from lawcmp.lsp.analysis import analyse, load_context
from tests.helpers.lspclient import ROOT, LspClient

SOURCE = ROOT / "statutes" / "KG.law"
EDITABLE = re.compile(r'^\s*(?:title|text|paraphrase|provision \S+|instrument \S+|fact \S+) "')


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def edits(text: str, count: int) -> list[str]:
    """`count` versions of `text`, each one character away from the one before, in a string's words
    (a string at a time, down the file and round again)."""
    lines = text.split("\n")
    where = [i for i, line in enumerate(lines) if EDITABLE.match(line)]
    if not where:
        sys.exit("no string to edit in the file")
    out = []
    for n in range(count):
        i = where[n % len(where)]
        line = lines[i]
        column = line.index('"') + 2 + n // len(where)  # the second letter inside the string, then the third, …
        lines[i] = line[:column] + ("x" if line[column] != "x" else "y") + line[column + 1:]
        out.append("\n".join(lines))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--lines", type=int, default=600)
    args = parser.parse_args()

    text = "".join(SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)[: args.lines])
    versions = edits(text, args.edits)
    client = LspClient()
    try:
        client.initialize()
        uri = client.open(SOURCE, text)
        opened = client.diagnostics(uri, timeout=120)
        latencies = []
        for version, changed in enumerate(versions, start=2):
            seen = len(client.notifications)
            sent = time.perf_counter()
            client.change(uri, changed, version)
            found = client.wait_for(lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                                    and m["params"].get("version") == v, seen)
            latencies.append((found["received"] - sent) * 1000)
            time.sleep(0.02)  # a typist's pause, so one edit's work never queues behind the last
    finally:
        client.close()

    lex = _median_ms(lambda: count_tokens(text), 30)
    context = load_context(sources=default_sources())
    work = _median_ms(lambda: analyse(versions[-1], SOURCE, context), 30)
    latency = statistics.median(latencies)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"file: first {args.lines} lines of {SOURCE.relative_to(ROOT)} ({len(text):,} characters, "
          f"{count_tokens(text):,} tokens); diagnostics on open: {len(opened)}")
    print(f"parser engine: {default_engine()}; CPUs: {os.cpu_count()}; load average (1 min): {load:.2f}")
    print(f"lark lex only (count_tokens), median of 30:       {lex:7.2f} ms")
    print(f"analyse() in process (parse, checks, quotes), 30: {work:7.2f} ms")
    print(f"edit -> diagnostics via lawcmp lsp, median of {len(latencies)}: {latency:7.2f} ms "
          f"(min {min(latencies):.2f}, max {max(latencies):.2f})")
    ratio = latency / lex
    print(f"ratio edit-to-diagnostics / lex: {ratio:.2f} x (target <= 3 x: {'met' if ratio <= 3 else 'NOT met'})")


if __name__ == "__main__":
    main()
