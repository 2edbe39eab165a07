"""Closest compliant precedents: for a gap, the provisions of other states that meet the
obligation, ranked by how many of its criteria they meet — a drafter's starting text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawcmp import progress
from lawcmp.catalog import Catalog
from lawcmp.engine import assess_book
from lawcmp.findings import Assessment, Evidence
from lawcmp.model import Corpus


@dataclass(frozen=True)
class Precedent:
    jurisdiction: str
    name: str
    rating: str
    met: int
    of: int
    evidence: tuple[Evidence, ...]

    def line(self) -> str:
        cites = "; ".join(
            f"{e.origin} ({e.since})" + (f" — {e.sources[0]}" if e.sources else "") for e in self.evidence if e.basis == "law"
        )
        return f"{self.jurisdiction} {self.name}: {self.rating}, {self.met}/{self.of} criteria met — {cites}"


def precedents_for(obligation: str, others: list[Assessment], limit: int = 3) -> list[Precedent]:
    found = []
    for a in others:
        f = a.finding(obligation)
        met = [c for c in f.criteria if c.grade == "met"]
        law = tuple(e for c in met for e in c.evidence if e.basis == "law")
        if not law:
            continue
        found.append(Precedent(a.jurisdiction, a.name, f.label, len(met), len(f.criteria), tuple(dict.fromkeys(law))))
    found.sort(key=lambda p: (-p.met, p.met != p.of, p.jurisdiction))
    return found[:limit]


def other_assessments(corpus: Corpus, code: str, day: dt.date, catalog: Catalog) -> list[Assessment]:
    others = [b for c, b in corpus.books.items() if c != code]
    return [assess_book(b, day, catalog, corpus.digest) for b in progress.track(others, "comparing")]
