"""Dual criminality: is this conduct an offence in both states?

Extradition and mutual legal assistance usually need the conduct to be criminal in the
requesting and the requested state (seed 000 ¶15: definitions that differ between source
and destination states block cooperation). For every combination of a Protocol act, means
and purpose — and, for child victims, act and purpose alone — each state's offences in
force say *yes*, *no* or *unknown*; the pair is then both, one only, neither, or unknown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from itertools import product

from lawcmp.engine.criteria import closure_for
from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.law.snapshot import InForce, Snapshot, snapshot
from lawcmp.load.catalog import load_catalog
from lawcmp.model.rules import Catalog, Quantified
from lawcmp.model.statute import Corpus, Offence
from lawcmp.support.diagnostics import books_for

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True, slots=True)
class Conduct:
    act: str
    means: str | None  # None: a child victim, no means used
    purpose: str

    @property
    def child(self) -> bool:
        return self.means is None


CHILD_GROUPS = frozenset({"minors", "children-under-16", "children-under-14"})
OPEN_PURPOSE = "other-exploitation"  # "for sexual or other exploitation": an open list


def _has(values: tuple[str, ...] | None, term: str) -> str:
    if values is None:
        return UNKNOWN
    return YES if term in values else NO


def offence_covers(item: InForce, conduct: Conduct) -> str:
    """Does this offence reach the conduct? yes, no, or unknown (an element not stated)."""
    c = item.clause
    assert isinstance(c, Offence)
    if not conduct.child and c.victims is not None and set(c.victims) <= CHILD_GROUPS:
        return NO  # an offence against children only does not reach adult victims
    purpose = YES if c.purposes is not None and OPEN_PURPOSE in c.purposes else _has(c.purposes, conduct.purpose)
    if c.no_means:
        means = YES  # an offence that requires no means reaches any means, and none
    elif conduct.child:
        means = {"not-required": YES, "required": NO}.get(c.child_means or "", UNKNOWN)
    else:
        means = _has(c.means, conduct.means or "")
    checks = (_has(c.acts, conduct.act), means, purpose)
    if NO in checks:
        return NO
    return UNKNOWN if UNKNOWN in checks else YES


ANY_OFFENCE = Quantified("no", "offence")


def criminal(snap: Snapshot, conduct: Conduct, vocabulary: Vocabulary) -> tuple[str, tuple[str, ...]]:
    """Whether the conduct is an offence in the snapshot, and which provisions make it so.

    "No" needs more than every encoded offence failing: another offence the sources did not
    give may reach the conduct. It takes a negative fact about offences, or a book that says
    it encodes every offence (`complete offence`); otherwise the answer is unknown.
    """
    offences = [i for i in snap.law if isinstance(i.clause, Offence)]
    verdicts = [(offence_covers(i, conduct), i.origin) for i in offences]
    yes = tuple(sorted({o for v, o in verdicts if v == YES}))
    if yes:
        return YES, yes
    if any(v == UNKNOWN for v, _ in verdicts):
        return UNKNOWN, tuple(sorted({o for v, o in verdicts if v == UNKNOWN}))
    if any(getattr(a.clause, "kind", "") == "offence" for a in snap.absent):
        return NO, ()
    if verdicts and closure_for(snap.complete, ANY_OFFENCE, vocabulary) is not None:
        return NO, ()
    return UNKNOWN, ()


@dataclass(frozen=True)
class DualResult:
    a: str
    b: str
    day: dt.date
    rows: tuple[tuple[Conduct, str, str, tuple[str, ...], tuple[str, ...]], ...]

    @staticmethod
    def verdict(x: str, y: str, a: str, b: str) -> str:
        if x == YES and y == YES:
            return "both"
        if UNKNOWN in (x, y):
            return "unknown"
        if x == YES:
            return f"{a} only"
        if y == YES:
            return f"{b} only"
        return "neither"

    def summary(self) -> Counter[str]:
        return Counter(self.verdict(x, y, self.a, self.b) for _, x, y, _, _ in self.rows)


def dual_criminality(corpus: Corpus, a: str, b: str, as_of: dt.date, catalog: Catalog | None = None) -> DualResult:
    catalog = catalog or load_catalog()
    book_a, book_b = books_for(corpus, [a, b])
    snap_a, snap_b = snapshot(book_a, as_of), snapshot(book_b, as_of)
    sets = catalog.vocabulary.sets
    conducts = [Conduct(act, means, purpose) for act, means, purpose in
                product(sets["protocol-acts"], sets["protocol-means"], sets["protocol-purposes"])]
    conducts += [Conduct(act, None, purpose) for act, purpose in product(sets["protocol-acts"], sets["protocol-purposes"])]
    rows = []
    for conduct in conducts:
        x, px = criminal(snap_a, conduct, catalog.vocabulary)
        y, py = criminal(snap_b, conduct, catalog.vocabulary)
        rows.append((conduct, x, y, px, py))
    return DualResult(book_a.jurisdiction.code, book_b.jurisdiction.code, as_of, tuple(rows))


