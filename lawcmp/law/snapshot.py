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
import weakref
from dataclasses import dataclass

from lawcmp.model.statute import Citation, ClauseBase, Closure, Fact, Provision, StatuteBook, Version


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
    complete: tuple[Closure, ...] = ()  # the lists the book says it encodes in full


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


# Ordinals bounding the days an item is in force: [lo, hi).
_NEVER_ENDS = dt.date.max.toordinal() + 1


def version_spans(provision: Provision, first: int = 0, last: int = _NEVER_ENDS) -> list[tuple[int, int, Version]]:
    """Each version of `provision` with the days it is current, `[lo, hi)` as ordinals, within
    `[first, last)`: `version_at`'s rule as intervals, the provision's repeal included.

    A version is current only once every earlier one has started (`version_at` stops at the
    first version that starts later), until the next one starts; versions that are never
    current are left out.
    """
    if provision.repeal is not None:
        last = min(last, provision.repeal.start.day.toordinal())
    versions = provision.versions
    out = []
    reached = 0
    for k, v in enumerate(versions):
        reached = max(reached, v.start.day.toordinal())
        lo = max(reached, first)
        hi = min(versions[k + 1].start.day.toordinal() if k + 1 < len(versions) else _NEVER_ENDS, last)
        if lo < hi:
            out.append((lo, hi, v))
    return out


@dataclass(frozen=True, slots=True)
class Prepared:
    """A book's clauses with the days each is in force, worked out once per book.

    A timeline takes hundreds of snapshots of one book; re-deriving which version of
    each provision is current, day after day, was most of their cost. Items are built
    once here, so consecutive snapshots share their `InForce` objects and the engine
    can see what changed between two dates by identity.
    """

    law: tuple[tuple[int, int, InForce], ...]  # in provision, then clause order
    keys: tuple[tuple[tuple[str, str], ...], ...]  # clause_keys of each law item
    classes: tuple[tuple[int, int, InForce, tuple[str, ...]], ...]  # classification items and their targets
    practice: tuple[tuple[int, int, InForce], ...]
    absent: tuple[tuple[int, int, InForce, frozenset[tuple[str, str]]], ...]
    treaties: tuple[tuple[int, str, tuple[str, str, tuple[Citation, ...]]], ...]  # by date


def _prepare(book: StatuteBook) -> Prepared:
    # The same rules as `version_at`, `fact_end` and the instrument tests, as intervals.
    never = {i.id for i in book.instruments if i.status in NOT_LAW_YET}
    effective: dict[str, int] = {}
    for i in book.instruments:
        if i.effective is not None:
            effective[i.id] = max(effective.get(i.id, 0), i.effective.day.toordinal())
    repealed = {i.id: i.repealed.day.toordinal() for i in book.instruments if i.repealed is not None}
    law: list[tuple[int, int, InForce]] = []
    keys: list[tuple[tuple[str, str], ...]] = []
    classes: list[tuple[int, int, InForce, tuple[str, ...]]] = []
    for p in book.provisions:
        instrument = p.instrument
        if instrument in never:
            continue
        for lo, hi, v in version_spans(p, effective.get(instrument, 0), repealed.get(instrument, _NEVER_ENDS)):
            excerpt = v.text or v.paraphrase
            since = str(v.start)
            for c in v.clauses:
                if c.basis != "law" or c.negative:
                    continue
                item = InForce(c, p.id, p.title, since, "law", v.sources, excerpt)
                law.append((lo, hi, item))
                keys.append(clause_keys(c))
                if getattr(c, "kind", "") == "classification":
                    classes.append((lo, hi, item, tuple(getattr(c, "applies_to", ()) or (p.id,))))
    practice: list[tuple[int, int, InForce]] = []
    absent: list[tuple[int, int, InForce, frozenset[tuple[str, str]]]] = []
    for f in book.facts:
        end = fact_end(f)
        if f.start is None or end is None:
            continue
        lo, hi = f.start.day.toordinal(), end.toordinal() + 1
        since = str(f.start)
        for c in f.clauses:
            if c.negative and c.within:
                continue  # stated of some instruments only: it denies nothing in the law as a whole
            if c.negative:
                absent.append((lo, hi, InForce(c, f.id, f.title, since, "absent", f.sources), frozenset(clause_keys(c))))
            elif c.basis == "practice":
                practice.append((lo, hi, InForce(c, f.id, f.title, since, "practice", f.sources)))
    treaties = tuple(
        (e.date.day.toordinal(), e.treaty, (e.action, e.when, e.sources))
        for e in sorted(book.jurisdiction.treaties, key=lambda e: e.date.day)
    )
    return Prepared(tuple(law), tuple(keys), tuple(classes), tuple(practice), tuple(absent), treaties)


_PREPARED: dict[int, tuple[weakref.ref[StatuteBook], Prepared]] = {}


def prepared_items(book: StatuteBook) -> Prepared:
    """The book's prepared items, kept while the book lives (books are frozen)."""
    key = id(book)
    entry = _PREPARED.get(key)
    if entry is not None and entry[0]() is book:
        return entry[1]
    prepared = _prepare(book)

    def forget(ref: weakref.ref[StatuteBook], key: int = key) -> None:
        if _PREPARED.get(key, (None,))[0] is ref:
            del _PREPARED[key]

    _PREPARED[key] = (weakref.ref(book, forget), prepared)
    return prepared


def snapshot(book: StatuteBook, day: dt.date) -> Snapshot:
    prepared = prepared_items(book)
    d = day.toordinal()
    law = tuple(item for lo, hi, item in prepared.law if lo <= d < hi)
    classes: dict[str, list[InForce]] = {}
    for lo, hi, item, targets in prepared.classes:
        if lo <= d < hi:
            for target in targets:
                classes.setdefault(target, []).append(item)
    practice = tuple(item for lo, hi, item in prepared.practice if lo <= d < hi)
    absent: list[InForce] = []
    present: set[tuple[str, str]] | None = None
    for lo, hi, item, denied in prepared.absent:
        if lo <= d < hi:
            if present is None:
                present = {k for (lo2, hi2, _), ks in zip(prepared.law, prepared.keys, strict=True) if lo2 <= d < hi2 for k in ks}
            # An absence ends when the law comes to provide the thing.
            if not denied <= present:
                absent.append(item)
    treaties: dict[str, tuple[str, str, tuple[Citation, ...]]] = {}
    for when, treaty, event in prepared.treaties:
        if when > d:
            break
        treaties[treaty] = event
    j = book.jurisdiction
    return Snapshot(
        code=j.code,
        name=j.name,
        day=day,
        roles=j.roles,
        law=law,
        practice=practice,
        absent=tuple(absent),
        treaties=treaties,
        classes={k: tuple(v) for k, v in classes.items()},
        complete=tuple(c for c in j.complete if c.start is None or c.start.day <= day),
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
    days.update(c.start.day for c in book.jurisdiction.complete if c.start is not None)
    return tuple(sorted(days))
