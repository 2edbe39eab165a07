"""Ratings over time: one pass over a book's events, grading only what they touch.

A matrix over time — every state, every obligation, every date on which a rating can
change — shows ratings, not findings. Taking a snapshot per date and diffing it with
the last one (`engine.BookEvaluator`) costs a few hundred microseconds per date, most
of it bookkeeping; at world scale that is seconds. Here a book's prepared intervals
(`snapshot`) become events — a clause coming into or going out of force, a negative
fact starting or ending, a treaty event — applied in date order to a live state: for
each selection a quantifier reads, the clauses in force now. An event marks the
quantifiers whose selection it touches; a date asked for grades just those, as small
integers, over per-clause condition results worked out once per book; criteria and
ratings above them follow. The cost grows with the number of legislative events, not
with the number of dates asked about.

The semantics are the engine's, restated as grades only: `Sweep._quantified`, `_union`
and the treaty test in `_grade_leaf` mirror `Evaluator.quantified`, `union` and `party`
(which also build the explanation and the evidence); `compile_cond` mirrors
`Evaluator.cond`, reading fields with `Evaluator.field` itself; ratings come from
`engine.rate`. tests/perf/test_sweep.py checks the labels against
plain evaluation at every change point and the day before it, on the shipped books
and on generated and tangled ones, dates in order and shuffled.

>>> import datetime as dt
>>> from lawcmp.load.catalog import load_catalog
>>> from lawcmp.load.corpus import load_corpus
>>> catalog = load_catalog()
>>> book = load_corpus().books["TM"]
>>> i = [o.id for o in catalog.obligations].index("crim.forced-marriage")
>>> [row[i] for row in rating_timeline(book, [dt.date(2005, 1, 1), dt.date(2009, 12, 31)], catalog)]
['NI', 'C']
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from lawcmp.engine.criteria import PARTY_ACTIONS, Evaluator, closure_for
from lawcmp.engine.grading import GRADE_NAMES, all_ranks, coverage_rank, every_open_ranks, rate
from lawcmp.engine.grading import MET_RANK as MET
from lawcmp.engine.grading import NA_RANK as NA
from lawcmp.engine.grading import NI_RANK as NI
from lawcmp.engine.grading import NOT_RANK as NOT
from lawcmp.engine.grading import PARTLY_RANK as PARTLY
from lawcmp.engine.judge import not_applicable
from lawcmp.engine.sweepplan import grade_tree, plan_of
from lawcmp.lang.clauses import narrowed
from lawcmp.law.snapshot import InForce, Snapshot, clause_keys, prepared_items
from lawcmp.model.findings import rating_label
from lawcmp.model.rules import (
    Catalog,
    Quantified,
    Union,
)
from lawcmp.model.statute import StatuteBook

if TYPE_CHECKING:
    from lawcmp.load.shelf import Shelf


# -- what a catalog's tests read -------------------------------------------------------------------


# -- the sweep -----------------------------------------------------------------------------------------

_ENTER, _LEAVE = 1, -1
_UNGRADED = -9
# Events of `complete` statements that come to hold on a date: item ids below this one.
_CLOSURE = -(10**9)


class Sweep:
    """One book's ratings, moved forward through its events to each date asked for.

    The state is the book as it stands on the last date reached; it only moves forward,
    so dates are asked for in ascending order (`rating_timeline` sorts them).
    """

    def __init__(self, book: StatuteBook, catalog: Catalog) -> None:
        plan = self._plan = plan_of(catalog)
        prepared = prepared_items(book)
        j = book.jurisdiction
        # Conditions on a clause are graded through the engine's Evaluator (its `field`);
        # all it reads of a snapshot is the classifications, kept live here.
        self._classes: dict[str, tuple[InForce, ...]] = {}
        stub = Snapshot(code=j.code, name=j.name, day=dt.date.min, roles=j.roles, law=(), practice=(), absent=(),
                        treaties={}, classes=self._classes)
        self._evaluator = Evaluator(stub, catalog.vocabulary)
        # Lists the book's `complete` statements close (`Evaluator.quantified`): per leaf, the
        # statements that close it; those without a date hold from the start.
        self._closed_by = [
            frozenset(k for k, c in enumerate(j.complete) if closure_for((c,), leaf.test, catalog.vocabulary) is not None)
            if isinstance(leaf.test, Quantified) else frozenset()
            for leaf in plan.leaves
        ]
        self._closures_on = {k for k, c in enumerate(j.complete) if c.start is None}
        # `some` leaves that Kleene's logic reads over an open list unless a statement closes
        # it: all but offences (`Evaluator._open`).
        self._some_open_world = [
            isinstance(leaf.test, Quantified) and leaf.test.quantifier == "some" and leaf.test.kind != "offence"
            for leaf in plan.leaves
        ]
        self._closure_leaves = [[li for li, ks in enumerate(self._closed_by) if k in ks] for k in range(len(j.complete))]
        na = [not_applicable(o, stub) is not None for o in catalog.obligations]
        self._na = [na[oi] for oi, _ in plan.criteria]

        # Every clause gets an index — law, then practice, then negative facts — and two
        # events: it comes into force, it goes out of force. Treaty events are -1, -2, ….
        items: list[InForce] = []
        events: list[tuple[int, int, int, int]] = []  # (day, order, item, enter or leave)
        law_keys: list[tuple[tuple[str, str], ...]] = []  # the keys of each law clause

        def add(lo: int, hi: int, item: InForce) -> bool:
            if lo >= hi:
                return False  # never in force (a fact that ends before it starts)
            events.append((lo, len(events), len(items), _ENTER))
            events.append((hi, len(events), len(items), _LEAVE))
            items.append(item)
            return True

        for (lo, hi, item), keys in zip(prepared.law, prepared.keys, strict=True):
            if add(lo, hi, item):
                law_keys.append(keys)
        self._nlaw = len(items)
        for lo, hi, item in prepared.practice:
            add(lo, hi, item)
        self._nitems = len(items)
        self._absent: list[tuple[int, frozenset[tuple[str, str]]]] = []  # (item, the keys it denies)
        for lo, hi, item, denied in prepared.absent:
            if add(lo, hi, item):
                self._absent.append((len(items) - 1, denied))
        self._treaty_events = [(treaty, event[0]) for _, treaty, event in prepared.treaties]
        for k, (when, _, _) in enumerate(prepared.treaties):
            events.append((when, len(events), -1 - k, _ENTER))
        for k, c in enumerate(j.complete):
            if c.start is not None:
                events.append((c.start.day.toordinal(), len(events), _CLOSURE - k, _ENTER))
        events.sort()
        self._events = events
        self._event_days = [e[0] for e in events]
        self._next = 0  # the first event not yet applied
        self._items = items
        self._keys = [clause_keys(i.clause) for i in items]
        self._narrowed = [narrowed(i.clause) for i in items]  # absences that answer only conditions
        self._law_keys = law_keys
        index = {id(item): k for k, item in enumerate(items)}
        self._targets = {index[id(item)]: targets for _lo, _hi, item, targets in prepared.classes}
        # The selections each clause belongs to (as Evaluator._select chooses).
        self._selections: list[tuple[int, ...]] = []
        for item in items[: self._nitems]:
            terms = item.clause.terms
            self._selections.append(tuple(
                s for s, wanted in plan.selectors.get(getattr(item.clause, "kind", ""), ())
                if wanted is None or not wanted.isdisjoint(terms)
            ))

        # The live state: per selection, the clauses in force (dicts keep them in order).
        nsel = len(plan.columns)
        self._law_on: list[dict[int, None]] = [{} for _ in range(nsel)]
        self._practice_on: list[dict[int, None]] = [{} for _ in range(nsel)]
        self._present: dict[tuple[str, str], int] = {}  # keys of the law in force, counted
        self._absent_span: set[int] = set()  # negative facts whose dates cover the day
        self._absent_on: set[int] = set()  # ... and that the law in force does not contradict
        self._class_on: dict[int, None] = {}
        self._treaties: dict[str, str] = {}  # treaty -> the action in force
        self._memo: list[dict[Any, int]] = [{} for _ in plan.conds]  # per condition: clause -> grade
        # Per selection: clause -> the grades of the selection's `columns` on it.
        self._vectors: list[dict[int, tuple[int, ...]]] = [{} for _ in range(nsel)]
        # Grades start as none at all, so the first date grades everything and every
        # obligation's label follows from it (one with no criteria is `rate([])`'s).
        self._leaf_grades = [_UNGRADED] * len(plan.leaves)
        self._grades = [_UNGRADED] * len(plan.criteria)
        self._labels = [_label(())] * len(plan.of)
        self._column_grades: list[list[int]] = [[_UNGRADED] * len(c) for c in plan.columns]  # leaf_grades, per selection
        self._dirty: set[int] = set(range(len(plan.leaves)))  # leaves to grade again
        self._dirty_selections: set[int] = set(range(nsel))  # selections whose clauses in force changed

    # -- moving forward ------------------------------------------------------------------------------

    def ratings(self, day: dt.date) -> tuple[str, ...]:
        """Each obligation's rating label at `day` (`PC`, or `PC?` when provisional), in catalog order."""
        self._advance(day.toordinal())
        plan = self._plan
        leaf_grades, grades = self._leaf_grades, self._grades
        criteria: set[int] = set()
        column_grades = self._column_grades
        grouped, selections = plan.grouped, self._dirty_selections
        # A quantifier marked by itself (a negative fact moved) is graded with its columns.
        selections.update(plan.leaves[li].selector for li in self._dirty if grouped[li])
        for sel in selections:
            new = self._grade_columns(sel)
            if new != column_grades[sel]:
                for li, old, grade in zip(plan.columns[sel], column_grades[sel], new, strict=True):
                    if grade != old:
                        leaf_grades[li] = grade
                        criteria.add(plan.leaves[li].criterion)
                column_grades[sel] = new
            self._dirty.update(plan.singles[sel])
        for li in self._dirty:
            leaf = plan.leaves[li]
            if grouped[li]:
                continue  # graded with its selection
            grade = self._grade_leaf(li)
            if grade != leaf_grades[li]:
                leaf_grades[li] = grade
                criteria.add(leaf.criterion)
        self._dirty = set()
        self._dirty_selections = set()
        touched: set[int] = set()
        for ci in criteria:
            grade = NA if self._na[ci] else grade_tree(plan.trees[ci], leaf_grades)
            if grade != grades[ci]:
                grades[ci] = grade
                touched.add(plan.criteria[ci][0])
        for oi in touched:
            self._labels[oi] = _label(tuple((plan.criteria[ci][1], grades[ci]) for ci in plan.of[oi]))
        return tuple(self._labels)

    def _advance(self, d: int) -> None:
        events, stop = self._events, bisect.bisect_right(self._event_days, d)
        if stop < self._next:
            raise ValueError("a Sweep only moves forward: ask for dates in ascending order")
        plan = self._plan
        dirty, selections = self._dirty, self._dirty_selections
        nlaw, nitems = self._nlaw, self._nitems
        absences_moved = False
        classes_moved: set[str] = set()
        for _, _, item, how in events[self._next: stop]:
            if item <= _CLOSURE:  # a `complete` statement comes to hold
                self._closures_on.add(_CLOSURE - item)
                dirty.update(self._closure_leaves[_CLOSURE - item])
                continue
            if item < 0:
                treaty, action = self._treaty_events[-1 - item]
                if self._treaties.get(treaty) != action:
                    self._treaties[treaty] = action
                    dirty.update(plan.by_treaty.get(treaty, ()))
                continue
            absences_moved = absences_moved or item < nlaw or item >= nitems
            if item >= nitems:
                (self._absent_span.add if how == _ENTER else self._absent_span.discard)(item)
                continue
            pool = self._law_on if item < nlaw else self._practice_on
            for s in self._selections[item]:
                if how == _ENTER:
                    pool[s][item] = None
                else:
                    del pool[s][item]
            selections.update(self._selections[item])
            if item < nlaw:
                present = self._present
                for key in self._law_keys[item]:
                    present[key] = present.get(key, 0) + how
                targets = self._targets.get(item)
                if targets is not None:
                    if how == _ENTER:
                        self._class_on[item] = None
                    else:
                        del self._class_on[item]
                    classes_moved.update(targets)
        self._next = stop
        if classes_moved:
            on = sorted(self._class_on)  # in the book's order, as the snapshot lists them
            for target in classes_moved:
                held = tuple(self._items[i] for i in on if target in self._targets[i])
                if held:
                    self._classes[target] = held
                else:
                    self._classes.pop(target, None)
            dirty.update(plan.class_readers)
        if absences_moved and self._absent:
            # A negative fact ends when the law comes to provide the thing (as `snapshot`).
            present = self._present
            now = {a for a, denied in self._absent
                   if a in self._absent_span and not all(present.get(k, 0) > 0 for k in denied)}
            for a in now ^ self._absent_on:
                for kind, _ in self._keys[a]:
                    dirty.update(plan.by_kind.get(kind, ()))
            self._absent_on = now

    # -- grading -------------------------------------------------------------------------------------

    def _clause_grades(self, c: int, items: Iterable[int]) -> list[int]:
        """The grades of condition `c` on clauses: once per book, or per classification state."""
        memo = self._memo[c]
        if self._plan.cond_reads_classes[c]:
            classes, every = self._classes, self._items
            keys: list[Any] = [(i, *map(id, classes.get(every[i].origin, ()))) for i in items]
        else:
            grades = [memo.get(i, _UNGRADED) for i in items]
            if _UNGRADED not in grades:
                return grades
            keys = list(items)
        cond, ev, every = self._plan.conds[c], self._evaluator, self._items
        for key in keys:
            if key not in memo:
                memo[key] = cond(ev, every[key if isinstance(key, int) else key[0]])
        return [memo[k] for k in keys]

    def _closed(self, li: int) -> bool:
        """Whether a `complete` statement in force closes the list leaf `li` reads."""
        return not self._closures_on.isdisjoint(self._closed_by[li])

    def _open_some(self, li: int) -> bool:
        """`Evaluator._open`: a `some` leaf over a list neither a statement nor a negative fact closes."""
        return self._some_open_world[li] and not self._closed(li) and not self._absence(li)

    def _absence(self, li: int) -> bool:
        """Whether a negative fact in force denies what the leaf looks for (`Evaluator._absences`)."""
        if not self._absent_on:
            return False
        leaf = self._plan.leaves[li]
        kind, wanted = leaf.test.kind, leaf.absent_terms  # type: ignore[union-attr]
        for a in sorted(self._absent_on):
            # A negative fact scoped to some beneficiaries denies nothing to a test about others.
            if any(k == kind and (wanted is None or t in wanted or not t) for k, t in self._keys[a]) and (
                (leaf.cond < 0 and not self._narrowed[a]) or (leaf.cond >= 0 and self._clause_grades(leaf.cond, (a,))[0] != NOT)
            ):
                return True
        return False

    def _grade_columns(self, sel: int) -> list[int]:
        """The grades of the quantifiers that read selection `sel` and grade together.

        Each clause's grades under all those quantifiers' conditions are one tuple,
        worked out once per book; the clauses in force, transposed, give each quantifier
        its grades in one step — and `some` over law alone is the best of them.
        """
        plan = self._plan
        leaves, quantifiers = plan.columns[sel], plan.quantifiers[sel]
        if not leaves:
            return []
        law, practice = self._law_on[sel], self._practice_on[sel]
        n = len(leaves)
        lcols = list(zip(*self._vectors_of(sel, law), strict=True)) if law else [()] * n
        quantified = self._quantified
        if law and not practice:
            out = list(map(max, lcols))
            for k in plan.not_some[sel]:
                out[k] = quantified(leaves[k], quantifiers[k], lcols[k], ())
            for k, li in enumerate(leaves):
                if out[k] == NOT and self._open_some(li):
                    out[k] = NI  # Kleene over an open list (`Evaluator._open`)
            return out
        pcols = list(zip(*self._vectors_of(sel, practice), strict=True)) if practice else [()] * n
        return [quantified(li, q, lg, pg) for li, q, lg, pg in zip(leaves, quantifiers, lcols, pcols, strict=True)]

    def _vectors_of(self, sel: int, items: dict[int, None]) -> list[tuple[int, ...]]:
        vectors = self._vectors[sel]
        out = [vectors.get(i) for i in items]
        if None in out:
            graded, ev, every = self._plan.column_conds[sel], self._evaluator, self._items
            for i in items:
                if i not in vectors:
                    item = every[i]
                    vectors[i] = tuple(MET if g is None else g(ev, item) for g in graded)
            out = [vectors[i] for i in items]
        return out  # type: ignore[return-value]

    def _grade_leaf(self, li: int) -> int:
        leaf = self._plan.leaves[li]
        q = leaf.test
        if isinstance(q, Quantified):
            law, practice, c = self._law_on[leaf.selector], self._practice_on[leaf.selector], leaf.cond
            lg = [MET] * len(law) if c < 0 else self._clause_grades(c, law)
            pg = [MET] * len(practice) if c < 0 else self._clause_grades(c, practice)
            return self._quantified(li, q.quantifier, lg, pg)
        if isinstance(q, Union):
            return self._union(li, q, self._law_on[leaf.selector], self._practice_on[leaf.selector])
        action = self._treaties.get(q.treaty)
        if action is None:
            return NI
        return MET if action in PARTY_ACTIONS else PARTLY if action == "signed" else NOT

    def _quantified(self, li: int, quantifier: str, lg: Sequence[int], pg: Sequence[int]) -> int:
        """`Evaluator.quantified`, graded only: `lg` and `pg` grade the law and practice selected."""
        if quantifier == "some":
            in_practice = MET in pg
            if lg:
                best = max(lg)
                # Practice never earns more than partly met.
                if in_practice and best < PARTLY:
                    return PARTLY
                if best == NOT and self._open_some(li):
                    return NI  # Kleene over an open list (`Evaluator._open`)
                return best
            if in_practice:
                return PARTLY
            return NOT if self._absence(li) else NI
        if quantifier == "every":
            if lg:
                return all_ranks(lg) if self._closed(li) else every_open_ranks(lg)
            return NOT if self._absence(li) else NI
        if any(g >= PARTLY for g in lg):
            return NOT
        if any(g >= PARTLY for g in pg):
            return PARTLY  # a conflict that exists only in practice
        if NI in lg:
            return NI
        if lg:
            return MET if self._closed(li) else NI  # Kleene over an open list
        return MET if self._absence(li) else NI

    def _union(self, li: int, u: Union, law: dict[int, None], practice: dict[int, None]) -> int:
        """`Evaluator.union`, graded only."""
        members = self._evaluator.vocabulary.sets.get(u.coverage.set, ())
        mode, count = u.coverage.mode, u.coverage.count
        items = self._items
        if law:
            r = coverage_rank((t for i in law for t in items[i].clause.terms), members, mode, count)
            if r != MET and practice:
                both = coverage_rank((t for i in (*law, *practice) for t in items[i].clause.terms), members, mode, count)
                if both > r and r < PARTLY:
                    return PARTLY
            return r
        if practice and coverage_rank((t for i in practice for t in items[i].clause.terms), members, mode, count) != NOT:
            return PARTLY
        return NOT if self._absence(li) else NI


_LABELS: dict[tuple[tuple[bool, int], ...], str] = {}


def _label(results: tuple[tuple[bool, int], ...]) -> str:
    """`engine.rate` as a label, remembered: obligations have few criteria and grades."""
    label = _LABELS.get(results)
    if label is None:
        rating, provisional = rate([(core, GRADE_NAMES[g]) for core, g in results])  # type: ignore[misc]
        label = _LABELS[results] = rating_label(rating, provisional)
    return label


def rating_timeline(book: StatuteBook, days: Iterable[dt.date], catalog: Catalog) -> list[tuple[str, ...]]:
    """The book's rating labels at each of `days` (in the order given), each in catalog order."""
    days = list(days)
    sweep = Sweep(book, catalog)
    at = {d: sweep.ratings(d) for d in sorted(set(days))}
    return [at[d] for d in days]


# -- many books ---------------------------------------------------------------------------------------

CHUNK = 4  # books taken at a time


def rating_timelines(
    shelf: Shelf, codes: Sequence[str], days_of: Callable[[StatuteBook], Sequence[dt.date]], catalog: Catalog,
    jobs: int | None = None,
) -> list[tuple[list[dt.date], list[tuple[str, ...]]]]:
    """Each book's days (`days_of(book)`) and its `rating_timeline` at them, in the order
    of `codes` — in `jobs` processes where it pays.

    Books are independent, so a world matrix is shared between this process and
    `jobs - 1` forked workers (default: one process per available CPU; `lawcmp.support.parallel`),
    and each process reads from the shelf only the books it rates: the loading is
    shared too. Where the books are few, everything runs here.
    """
    from lawcmp.support.parallel import map_books

    def rated(code: str) -> tuple[list[dt.date], list[tuple[str, ...]]]:
        book = shelf.book(code)
        days = list(days_of(book))
        return days, rating_timeline(book, days, catalog)

    # Small chunks, largest books first: the last ones taken fill the gaps.
    order = sorted(range(len(codes)), key=lambda i: -shelf.size(codes[i]))
    return map_books(lambda indices: [rated(codes[i]) for i in indices], order, jobs=jobs, chunk=CHUNK,
                     description="evaluating")
