"""Closest compliant precedents: for a gap, the provisions of other states that meet the
obligation, ranked by how many of its criteria they meet — a drafter's starting text."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawcmp.engine.judge import evaluate_obligation
from lawcmp.law.snapshot import snapshot
from lawcmp.model.findings import Assessment, Evidence
from lawcmp.model.rules import Catalog

if TYPE_CHECKING:
    from lawcmp.load.shelf import Shelf


@dataclass(frozen=True)
class Precedent:
    jurisdiction: str
    name: str
    rating: str
    met: int
    of: int
    evidence: tuple[Evidence, ...]

    def cites(self) -> str:
        """The provisions of its law that meet the criteria, each with its first source."""
        return "; ".join(
            f"{e.origin} ({e.since})" + (f" — {e.sources[0]}" if e.sources else "") for e in self.evidence if e.basis == "law"
        )

    def line(self) -> str:
        return f"{self.jurisdiction} {self.name}: {self.rating}, {self.met}/{self.of} criteria met — {self.cites()}"


# A precedent is a state whose law meets the obligation, or largely does: one rated PC or NC
# for it is no model to follow, however many of its criteria are met one by one.
PRECEDENT_RATINGS = frozenset({"C", "LC"})


def precedents_for(obligation: str, others: list[Assessment], limit: int = 3) -> list[Precedent]:
    found = []
    for a in others:
        f = a.finding(obligation)
        if f.rating not in PRECEDENT_RATINGS:
            continue
        met = [c for c in f.criteria if c.grade == "met"]
        law = tuple(e for c in met for e in c.evidence if e.basis == "law")
        if not law:
            continue
        found.append(Precedent(a.jurisdiction, a.name, f.label, len(met), len(f.criteria), tuple(dict.fromkeys(law))))
    found.sort(key=lambda p: (-p.met, p.met != p.of, p.jurisdiction))
    return found[:limit]


NEEDS_PRECEDENTS = frozenset({"NC", "PC", "LC"})  # the ratings a gap report lists precedents for


class Ranking:
    """Every state's precedents at one date, ranked once per obligation.

    `precedents_for` ranks the other states afresh on each call; the site asks for every
    state's gaps at every date, which made it quadratic in the number of states (on the
    world, 2,274 calls at 5.6 ms each for one date). The ranking is a total order (ties
    go by jurisdiction), so leaving out one state from the whole ranking gives what
    ranking the others would (tests/reports/test_precedents.py).
    """

    def __init__(self, assessments: Iterable[Assessment]) -> None:
        self._all = list(assessments)
        self._ranked: dict[str, list[Precedent]] = {}

    def for_state(self, obligation: str, code: str, limit: int = 3) -> list[Precedent]:
        """`precedents_for(obligation, <every assessment but code's>, limit)`."""
        ranked = self._ranked.get(obligation)
        if ranked is None:
            ranked = self._ranked[obligation] = precedents_for(obligation, self._all, limit=len(self._all))
        return list(itertools.islice((p for p in ranked if p.jurisdiction != code), limit))


def other_assessments(
    shelf: Shelf, code: str, day: dt.date, catalog: Catalog, obligations: Collection[str], jobs: int | None = None,
) -> list[Assessment]:
    """Every other state's findings at `day` for `obligations`: a gap report's own gaps.

    Evaluating just those is a third of the work of full assessments for a typical report
    (most of `report`'s evaluation time); tests/reports/test_precedents.py checks the
    report comes out the same as from full ones. For a large corpus the states are
    shared with forked workers (`lawcmp.support.parallel`), which read only their own states'
    books from the shelf and send back these few findings.
    """
    from lawcmp.support.parallel import map_books

    chosen = [o for o in catalog.obligations if o.id in obligations]
    codes = [c for c in shelf.codes if c != code]

    def assess(indices: Sequence[int]) -> list[Assessment]:
        out = []
        for i in indices:
            b = shelf.book(codes[i])
            snap = snapshot(b, day)
            j = b.jurisdiction
            findings = tuple(evaluate_obligation(o, snap, catalog.vocabulary) for o in chosen)
            out.append(Assessment(jurisdiction=j.code, name=j.name, titles=j.titles, as_of=day, findings=findings,
                                  corpus=shelf.digest))
        return out

    return map_books(assess, range(len(codes)), jobs=jobs, chunk=4, description="comparing")
