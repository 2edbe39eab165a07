"""A realistic synthetic world corpus: N jurisdictions × ~30 provisions × ~3 versions, with bills.

Deterministic for a given seed, drawn from the real vocabulary, and valid (it passes
`lawcmp check`), so benchmarks measure the real pipeline on realistic text.

    python -m benchmarks.generate --jurisdictions 200 --out /tmp/world
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import string
from pathlib import Path

from lawcmp.lang.layout import print_file
from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.model.statute import (
    Aggravation,
    Amend,
    Bill,
    Citation,
    Establishes,
    Fact,
    Instrument,
    Jurisdiction,
    Mandates,
    Offence,
    Penalizes,
    Penalty,
    Provides,
    Provision,
    Range,
    StatuteFile,
    TreatyEvent,
    Version,
    When,
)


def codes(n: int) -> list[str]:
    letters = string.ascii_uppercase
    return [a + b for a in letters for b in letters][:n]


def _pick(rnd: random.Random, group: tuple[str, ...], k: int) -> tuple[str, ...]:
    return tuple(rnd.sample(group, min(k, len(group))))


def jurisdiction_file(code: str, rnd: random.Random, provisions: int = 30, versions: int = 3) -> StatuteFile:
    v = load_vocabulary()
    g = v.in_group
    cite = Citation(document="synthetic-source.txt", para=str(rnd.randint(1, 40)), quote="a short quoted phrase")
    treaties = (TreatyEvent(treaty="tip-protocol", action="ratified", date=When(day=dt.date(2000 + rnd.randint(1, 15), 1, 1)), sources=(cite,)),)
    j = Jurisdiction(code=code, name=f"Synthetic State {code}", roles=_pick(rnd, g("jurisdiction-roles"), 2), treaties=treaties)
    instruments = (
        Instrument(id=f"{code}/CC", title="Criminal Code", kind="criminal-code", sources=(cite,)),
        Instrument(id=f"{code}/law", title="Law on combating trafficking in persons", kind="anti-tip-law", sources=(cite,)),
    )
    # The book's negative fact denies a shelter; no provision may provide one (NF01).
    measures = tuple(m for m in g("measures") if m != "shelter")
    provs = []
    for i in range(provisions):
        start = 2000 + rnd.randint(0, 5)
        years = sorted(rnd.sample(range(start, 2024), versions))
        vs = []
        for y in years:
            kind = rnd.random()
            if i < 3 or kind < 0.3:
                clause: object = Offence(
                    terms=(rnd.choice(("trafficking", "trafficking-in-minors", "involving-in-prostitution")),),
                    acts=_pick(rnd, g("acts"), rnd.randint(2, 6)), means=_pick(rnd, g("means"), rnd.randint(1, 8)),
                    purposes=_pick(rnd, g("purposes"), rnd.randint(1, 8)), victims=("any-person",),
                    child_means=rnd.choice(("required", "not-required")),
                    penalty=Penalty(prison=Range(low=float(rnd.randint(1, 5)), high=float(rnd.randint(5, 15))), kinds=("prison", "confiscation")),
                    aggravated=(Aggravation(circumstances=_pick(rnd, g("circumstances"), 3),
                                            penalty=Penalty(prison=Range(low=8.0, high=20.0), kinds=("prison",))),),
                )
            elif kind < 0.6:
                clause = Provides(terms=_pick(rnd, measures, 3), beneficiaries=("victims",),
                                  condition=("cooperation-with-investigation",) if rnd.random() < 0.3 else None)
            elif kind < 0.75:
                clause = Penalizes(terms=_pick(rnd, g("conduct"), 1), exemption=rnd.choice(g("exemption-statuses")))
            elif kind < 0.9:
                clause = Mandates(terms=_pick(rnd, g("activities"), 2))
            else:
                clause = Establishes(terms=_pick(rnd, g("bodies"), 1))
            vs.append(Version(start=When(day=dt.date(y, rnd.randint(1, 12), 1), precision="month"),
                              paraphrase=f"Synthetic article {i + 1}, as amended in {y}.", clauses=(clause,), sources=(cite,)))  # type: ignore[arg-type]
        instrument = instruments[0] if i % 2 == 0 else instruments[1]
        provs.append(Provision(id=f"{instrument.id}/{i + 1}", title=f"Article {i + 1}", versions=tuple(vs)))
    facts = (Fact(id=f"{code}/no-shelter", title="No shelter", start=When(day=dt.date(2005, 1, 1), precision="year"),
                  clauses=(Provides(terms=("shelter",), negative=True),), sources=(cite,)),)
    return StatuteFile(path=f"{code}.law", jurisdictions=(j,), instruments=instruments, provisions=tuple(provs), facts=facts)


def bill_file(code: str, rnd: random.Random) -> StatuteFile:
    cite = Citation(document="synthetic-draft.txt", quote="a draft bill")
    ops = (Amend(provision=f"{code}/CC/1", clauses=(Offence(terms=("trafficking",), victims=("any-person",),
                 penalty=Penalty(prison=Range(low=5.0, high=12.0), kinds=("prison",))),), sources=(cite,)),)
    bill = Bill(id=f"{code}/bill-1", title="Draft amendments", effective=When(day=dt.date(2025, 1, 1)), operations=ops, sources=(cite,))
    return StatuteFile(path=f"drafts/{code}-bill.law", bills=(bill,))


def generate(out: Path, jurisdictions: int = 200, provisions: int = 30, versions: int = 3, seed: int = 2000) -> list[Path]:
    rnd = random.Random(seed)
    (out / "drafts").mkdir(parents=True, exist_ok=True)
    written = []
    for code in codes(jurisdictions):
        path = out / f"{code}.law"
        path.write_text(print_file(jurisdiction_file(code, rnd, provisions, versions)), encoding="utf-8")
        written.append(path)
        if rnd.random() < 0.25:
            bill = out / "drafts" / f"{code}-bill.law"
            bill.write_text(print_file(bill_file(code, rnd)), encoding="utf-8")
            written.append(bill)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jurisdictions", type=int, default=200)
    ap.add_argument("--provisions", type=int, default=30)
    ap.add_argument("--versions", type=int, default=3)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    files = generate(args.out, args.jurisdictions, args.provisions, args.versions)
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} files, {size / 1e6:.1f} MB, to {args.out}")


if __name__ == "__main__":
    main()
