"""A drafter's edit to the what-if on the page: how long `lawcmp serve` takes to answer.

    python -m benchmarks.serve [--edits 20]

Starts a real `lawcmp serve` on a free port over the shipped corpus, then POSTs the
shipped bill statutes/drafts/UZ-cc-amendments-2008.law to `/api/check` as the page's
script does, `--edits` times, each time edited differently (one act of the offence struck
in turn, and a word of the paraphrase changed, so no two texts are the same and the
projection moves). Each is timed from the request sent to its JSON — diagnostics and the
what-if of every obligation — read back whole: the HTTP round trip, the bill parsed and
checked as `lawcmp check` checks it, overlaid on Uzbekistan's book and rated. The first
request (which warms the server's current ratings of the state) is timed apart.
Prints the median, minimum and maximum (the target: a median of at most 0.5 s).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BILL = ROOT / "statutes" / "drafts" / "UZ-cc-amendments-2008.law"
ACTS = "acts recruitment transportation transfer harbouring receipt"
TARGET = 0.5


def versions(text: str, count: int) -> list[str]:
    acts = ACTS.split()[1:]
    out = []
    for n in range(count):
        struck = acts[n % len(acts)]
        edited = text.replace(ACTS, "acts " + " ".join(a for a in acts if a != struck))
        out.append(edited.replace("paraphrase \"Trafficking in persons", f"paraphrase \"Trafficking in persons (draft {n})"))
    return out


def post(url: str, text: str) -> dict[str, object]:
    body = json.dumps({"text": text, "name": BILL.name}).encode("utf-8")
    request = urllib.request.Request(f"{url}/api/check", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        answer: dict[str, object] = json.loads(r.read())
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "lawcmp", "serve", "--port", str(port)], cwd=ROOT, env={**os.environ})
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/report", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit("lawcmp serve did not start")
                time.sleep(0.05)
        ready = time.perf_counter() - started
        text = BILL.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        post(url, text)
        first = time.perf_counter() - t0
        latencies, moved = [], set()
        for version in versions(text, args.edits):
            t0 = time.perf_counter()
            answer = post(url, version)
            latencies.append(time.perf_counter() - t0)
            whatif = answer["whatif"]
            assert isinstance(whatif, dict), answer["diagnostics"]
            moved.add(next(c["projected"] for c in whatif["changes"] if c["obligation"] == "crim.acts"))
    finally:
        server.terminate()
        server.wait()
    median = statistics.median(latencies)
    print(f"server ready (corpus and catalog read): {ready:.2f} s")
    print(f"first edit (current ratings of UZ computed): {first * 1000:.1f} ms")
    print(f"edit -> what-if JSON, {len(latencies)} edits: median {median * 1000:.1f} ms "
          f"(min {min(latencies) * 1000:.1f}, max {max(latencies) * 1000:.1f}); projected crim.acts seen: {sorted(moved)}")
    print(f"target {TARGET * 1000:.0f} ms: {'met' if median <= TARGET else 'MISSED'}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
