"""The statute book of one jurisdiction as it stood on one date.

A snapshot keeps law, practice and absence apart: `law` holds the clauses of the
provision versions in force (drafts excluded, repealed provisions gone), `practice`
the clauses of practice facts in force, `absent` the negative facts in force. The
engine never sees a clause without knowing which of the three it is.

`change_points` lists every date on which a snapshot can differ from the day before:
evaluating once per interval between them is what keeps timelines cheap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawcmp.model import Citation, ClauseBase, Fact, Provision, StatuteBook, Version


@dataclass(frozen=True, slots=True)
class InForce:
    """A clause in force, with what it rests on: the evidence a finding cites."""

    clause: ClauseBase
    origin: str  # a provision id, or a fact id
    title: str
    since: str  # the version's (or fact's) date as written
    basis: str  # law, practice or absent
    sources: tuple[Citation, ...]
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    code: str
    name: str
    day: dt.date
    roles: tuple[str, ...]
    law: tuple[InForce, ...]
    practice: tuple[InForce, ...]
    absent: tuple[InForce, ...]
    treaties: dict[str, tuple[str, str, tuple[Citation, ...]]]  # treaty -> (action, date, sources)
    classes: dict[str, tuple[InForce, ...]]  # provision id -> classification clauses in force


# Instrument statuses whose provisions are not (yet) law.
NOT_LAW_YET = frozenset({"pending", "not-yet-in-force"})


def clause_keys(clause: ClauseBase) -> tuple[tuple[str, str], ...]:
    """What a clause is about: (kind, head term) pairs, used to match absences."""
    kind = getattr(clause, "kind", "")
    return tuple((kind, t) for t in clause.terms) or ((kind, ""),)


def version_at(provision: Provision, day: dt.date) -> Version | None:
    if provision.repeal is not None and provision.repeal.start.day <= day:
        return None
    current = None
    for v in provision.versions:
        if v.start.day <= day:
            current = v
        else:
            break
    return current


def fact_end(fact: Fact) -> dt.date | None:
    """The last day a fact holds: its `until`, or else the end of the year after its date.

    A source that says "there was no shelter in 2005" speaks for its time, not for ever:
    without an explicit `until`, lawcmp takes it to describe the situation until the end
    of the following year, and says "no information" after that.
    """
    if fact.until is not None:
        return fact.until.last_day
    if fact.start is None:
        return None
    return dt.date(fact.start.day.year + 1, 12, 31)


def _fact_holds(fact: Fact, day: dt.date) -> bool:
    end = fact_end(fact)
    return fact.start is not None and fact.start.day <= day and end is not None and day <= end


def snapshot(book: StatuteBook, day: dt.date) -> Snapshot:
    drafts = {
        i.id for i in book.instruments
        if i.status in NOT_LAW_YET or (i.effective is not None and i.effective.day > day)
    }
    repealed = {i.id: i.repealed.day for i in book.instruments if i.repealed is not None}
    law: list[InForce] = []
    classes: dict[str, list[InForce]] = {}
    for p in book.provisions:
        if p.instrument in drafts or (p.instrument in repealed and repealed[p.instrument] <= day):
            continue
        v = version_at(p, day)
        if v is None:
            continue
        excerpt = v.text or v.paraphrase
        for c in v.clauses:
            if c.basis != "law" or c.negative:
                continue
            item = InForce(c, p.id, p.title, str(v.start), "law", v.sources, excerpt)
            law.append(item)
            if getattr(c, "kind", "") == "classification":
                for target in getattr(c, "applies_to", ()) or (p.id,):
                    classes.setdefault(target, []).append(item)
    present = {k for item in law for k in clause_keys(item.clause)}
    practice: list[InForce] = []
    absent: list[InForce] = []
    for f in book.facts:
        if not _fact_holds(f, day):
            continue
        for c in f.clauses:
            item = InForce(c, f.id, f.title, str(f.start), "practice", f.sources)
            if c.negative:
                # An absence ends when the law comes to provide the thing.
                if not set(clause_keys(c)) <= present:
                    absent.append(InForce(c, f.id, f.title, str(f.start), "absent", f.sources))
            elif c.basis == "practice":
                practice.append(item)
    treaties: dict[str, tuple[str, str, tuple[Citation, ...]]] = {}
    for event in sorted(book.jurisdiction.treaties, key=lambda e: e.date.day):
        if event.date.day <= day:
            treaties[event.treaty] = (event.action, str(event.date), event.sources)
    j = book.jurisdiction
    return Snapshot(
        code=j.code,
        name=j.name,
        day=day,
        roles=j.roles,
        law=tuple(law),
        practice=tuple(practice),
        absent=tuple(absent),
        treaties=treaties,
        classes={k: tuple(v) for k, v in classes.items()},
    )


def change_points(book: StatuteBook) -> tuple[dt.date, ...]:
    """Every date from which the book's snapshot may differ from the day before."""
    days: set[dt.date] = set()
    for p in book.provisions:
        days.update(v.start.day for v in p.versions)
        if p.repeal is not None:
            days.add(p.repeal.start.day)
    for i in book.instruments:
        if i.repealed is not None:
            days.add(i.repealed.day)
    for f in book.facts:
        if f.start is not None:
            days.add(f.start.day)
        end = fact_end(f)
        if end is not None:
            days.add(end + dt.timedelta(days=1))
    days.update(e.date.day for e in book.jurisdiction.treaties)
    return tuple(sorted(days))
