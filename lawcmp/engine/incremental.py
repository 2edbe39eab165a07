"""A book evaluated date after date, re-grading only the criteria whose inputs changed.

A timeline, or the world matrix, evaluates one book at every date on which its law
changes. From one such date to the next, usually one provision version starts: the
criteria that cannot see it keep their results. `BookEvaluator` keeps the criterion
results of the last date it evaluated and, for the next, re-evaluates only the criteria
whose reads (clause kind and terms, classifications, treaties) intersect what changed.
Unchanged results keep their very objects, so findings are shared, not rebuilt. The
evaluation itself is `judge.evaluate_obligation`'s: results are identical by
construction, which tests/perf/test_incremental.py checks at every change point.
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lawcmp.engine.criteria import Evaluator
from lawcmp.engine.describe import describe_test
from lawcmp.engine.grading import Result
from lawcmp.engine.judge import criterion_result, evidence_of, finding_of, not_applicable
from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.law.snapshot import InForce, Snapshot, snapshot
from lawcmp.model.findings import (
    Assessment,
    CriterionResult,
    Evidence,
    Finding,
    Recommendation,
)
from lawcmp.model.rules import (
    Catalog,
    Compare,
    CondAll,
    CondAny,
    CondNot,
    Covers,
    Criterion,
    Equals,
    Includes,
    Limited,
    Obligation,
    Party,
    Quantified,
    TestAll,
    TestAny,
    TestNot,
    Unconditional,
    Union,
    per_catalog,
)
from lawcmp.model.statute import StatuteBook


def cond_reads_classes(c: Any) -> bool:
    if isinstance(c, CondAll | CondAny):
        return any(cond_reads_classes(x) for x in c.items)
    if isinstance(c, CondNot):
        return cond_reads_classes(c.item)
    if isinstance(c, Unconditional):
        return False
    if isinstance(c, Covers | Includes | Equals | Compare):
        return c.field in ("class", "amnesty")
    return True  # unknown: assume the worst


def test_reads(t: Any, vocabulary: Vocabulary, kinds: list[tuple[str, frozenset[str] | None]], treaties: set[str]) -> bool:
    """Collect what a test reads from a snapshot; False if the test is of a kind not known here."""
    if isinstance(t, TestAll | TestAny | Limited):
        return all([test_reads(x, vocabulary, kinds, treaties) for x in t.items])
    if isinstance(t, TestNot):
        return test_reads(t.item, vocabulary, kinds, treaties)
    if isinstance(t, Quantified):
        # The same selection as Evaluator._select and Evaluator._absences.
        if t.set is not None:
            wanted: frozenset[str] | None = frozenset(vocabulary.sets.get(t.set, ()))
        elif t.terms:
            wanted = frozenset(t.terms)
        else:
            wanted = None
        kinds.append((t.kind, wanted))
        if t.where is not None and cond_reads_classes(t.where):
            kinds.append(("classification", None))
        return True
    if isinstance(t, Union):
        kinds.append((t.kind, None))
        return True
    if isinstance(t, Party):
        treaties.add(t.treaty)
        return True
    return False


class _MemoEvaluator(Evaluator):
    """An Evaluator that remembers per-clause condition results across dates.

    A condition on one clause (`where …`) depends on that clause alone — and on the
    classifications of its provision, for conditions on `class` or `amnesty`; snapshots
    of one book share their `InForce` items, so the result for (condition, item) is
    computed once per book. Selections are shared by the criteria of one date.
    """

    def __init__(self, snap: Snapshot, vocabulary: Vocabulary, memo: dict[int, dict[Any, tuple[Any, ...]]],
                 plan: _Plan) -> None:
        super().__init__(snap, vocabulary)
        self._memo = memo
        self._reads_classes = plan.reads_classes
        self._selectors = plan.selectors
        self._selected: dict[int, list[InForce]] = {}

    def _select(self, pool: Iterable[InForce], q: Quantified | Union) -> list[InForce]:
        selector = self._selectors.get(id(q))
        if selector is None or (pool is not self.snap.law and pool is not self.snap.practice):
            return super()._select(pool, q)
        key = 2 * selector + (pool is self.snap.practice)
        found = self._selected.get(key)
        if found is None:
            found = self._selected[key] = super()._select(pool, q)
        return found

    def _judge(self, q: Quantified, items: list[InForce]) -> list[tuple[Result, InForce]]:
        # Entries hold the item (and the classifications read), so the ids in their keys
        # cannot be reused while they exist; the catalog holds the condition.
        where = q.where
        memo = self._memo.get(id(where))
        if memo is None:
            memo = self._memo[id(where)] = {}
        if where is not None and id(where) in self._reads_classes:
            classes = self.snap.classes
            out = []
            for i in items:
                held = classes.get(i.origin, ())
                key = (id(i), *map(id, held))
                hit = memo.get(key)
                if hit is None:
                    hit = memo[key] = (self.cond(where, i), i, held)
                out.append(hit[:2])
            return out
        try:
            return [memo[id(i)] for i in items]
        except KeyError:
            for i in items:
                if id(i) not in memo:
                    memo[id(i)] = super()._judge(q, [i])[0]
            return [memo[id(i)] for i in items]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What each criterion of a catalog reads from a snapshot: worked out once per catalog."""

    criteria: tuple[tuple[int, Criterion], ...]  # (obligation index, criterion), in catalog order
    of: tuple[range, ...]  # obligation -> the indices of its criteria
    watch: dict[str, tuple[tuple[frozenset[str] | None, int], ...]]  # clause kind -> (terms read or all, criterion)
    treaties: dict[str, tuple[int, ...]]  # treaty -> criteria
    always: tuple[int, ...]  # criteria whose reads are not known: re-evaluated at every date
    reads_classes: frozenset[int]  # ids of the `where` conditions that read classifications
    tests: tuple[str, ...]  # describe_test of each criterion
    selectors: dict[int, int]  # id of each quantifier or union -> its selection (the same for the same kind and terms)


def _make_plan(catalog: Catalog) -> _Plan:
    criteria: list[tuple[int, Criterion]] = []
    of: list[range] = []
    watch: dict[str, list[tuple[frozenset[str] | None, int]]] = {}
    treaties: dict[str, list[int]] = {}
    always: list[int] = []
    reads_classes: set[int] = set()
    for oi, o in enumerate(catalog.obligations):
        first = len(criteria)
        for crit in o.criteria:
            ci = len(criteria)
            criteria.append((oi, crit))
            kinds: list[tuple[str, frozenset[str] | None]] = []
            read_treaties: set[str] = set()
            if not test_reads(crit.test, catalog.vocabulary, kinds, read_treaties):
                always.append(ci)
            for kind, wanted in kinds:
                watch.setdefault(kind, []).append((wanted, ci))
            for treaty in read_treaties:
                treaties.setdefault(treaty, []).append(ci)
            conds_reading_classes(crit.test, reads_classes)
        of.append(range(first, len(criteria)))
    selections: dict[tuple[Any, ...], int] = {}
    selectors: dict[int, int] = {}

    def number(t: Any) -> None:
        if isinstance(t, TestAll | TestAny | Limited):
            for x in t.items:
                number(x)
        elif isinstance(t, TestNot):
            number(t.item)
        elif isinstance(t, Quantified | Union):
            # As Evaluator._select reads them: kind, and the set or the terms of a quantifier.
            key = (t.kind, t.set, t.terms) if isinstance(t, Quantified) else (t.kind,)
            selectors[id(t)] = selections.setdefault(key, len(selections))

    for _, crit in criteria:
        number(crit.test)
    return _Plan(
        criteria=tuple(criteria), of=tuple(of), watch={k: tuple(v) for k, v in watch.items()},
        treaties={k: tuple(v) for k, v in treaties.items()}, always=tuple(always),
        reads_classes=frozenset(reads_classes), tests=tuple(describe_test(c.test) for _, c in criteria),
        selectors=selectors,
    )


_plan = per_catalog(_make_plan)


class BookEvaluator:
    """One statute book evaluated at many dates, re-evaluating only what changed.

    Each date's snapshot is compared with the last one's; the criteria whose reads it
    touches are evaluated again, and only the findings they belong to are rebuilt.
    (Ratings alone, over many dates, come faster from `lawcmp.engine.sweep`, which needs no
    snapshots at all.)
    """

    def __init__(self, book: StatuteBook, catalog: Catalog) -> None:
        # Weakly: a kept evaluator must not keep its book alive.
        self._book = weakref.ref(book)
        self.catalog = catalog
        self.vocabulary = catalog.vocabulary
        self._lock = threading.Lock()
        self._plan = plan = _plan(catalog)
        self._criteria = plan.criteria
        self._of = plan.of
        self._watch = plan.watch
        self._treaties = plan.treaties
        self._always = plan.always
        self._cond_memo: dict[int, dict[Any, tuple[Any, ...]]] = {}
        self._snap: Snapshot | None = None
        self._na: list[Result | None] = []  # per obligation; roles and code are the book's, fixed
        self._tests = plan.tests
        self._recommendations: list[dict[str, Recommendation]] = [{} for _ in catalog.obligations]
        self._evidence_memo: dict[int, tuple[InForce, Evidence]] = {}
        # The state at the last date evaluated: each criterion's result (and the Result it
        # came from), each obligation's finding. Only what differs from it is rebuilt.
        self._last: list[Result | None] = [None] * len(self._criteria)
        self._results: list[CriterionResult | None] = [None] * len(self._criteria)
        self._findings: list[Finding | None] = [None] * len(catalog.obligations)

    @property
    def book(self) -> StatuteBook:
        book = self._book()
        if book is None:
            raise ReferenceError("the statute book of this evaluator no longer exists")
        return book

    def _advance(self, day: dt.date) -> tuple[_MemoEvaluator, Iterable[int]]:
        """Move to `day`: an evaluator of its snapshot and the criteria to evaluate again."""
        snap = snapshot(self.book, day)
        if self._snap is None:
            self._na = [not_applicable(o, snap) for o in self.catalog.obligations]
            dirty: Iterable[int] = range(len(self._criteria))
        else:
            dirty = [ci for ci in self._changed(self._snap, snap) if self._na[self._criteria[ci][0]] is None]
        self._snap = snap
        return _MemoEvaluator(snap, self.vocabulary, self._cond_memo, self._plan), dirty

    def _changed(self, before: Snapshot, after: Snapshot) -> set[int]:
        """The criteria that can read something in which the two snapshots differ."""
        dirty: set[int] = set(self._always)
        watch = self._watch
        for old, new in ((before.law, after.law), (before.practice, after.practice), (before.absent, after.absent)):
            if len(old) == len(new) and all(map(operator.is_, old, new)):
                continue
            old_ids = {id(i) for i in old}
            new_ids = {id(i) for i in new}
            for item in (*(i for i in old if id(i) not in new_ids), *(i for i in new if id(i) not in old_ids)):
                clause = item.clause
                terms = clause.terms
                for wanted, ci in watch.get(getattr(clause, "kind", ""), ()):
                    if wanted is None or not terms or not wanted.isdisjoint(terms):
                        dirty.add(ci)
        for treaty, criteria in self._treaties.items():
            if before.treaties.get(treaty) != after.treaties.get(treaty):
                dirty.update(criteria)
        if before.complete != after.complete:  # a `complete` statement came to hold
            for closure in set(before.complete) ^ set(after.complete):
                dirty.update(ci for _, ci in watch.get(closure.kind, ()))
        return dirty


    def assess(self, day: dt.date, digest: str = "") -> Assessment:
        j = self.book.jurisdiction
        return Assessment(
            jurisdiction=j.code, name=j.name, titles=j.titles, as_of=day, findings=self.findings(day), corpus=digest,
        )

    def findings(self, day: dt.date) -> tuple[Finding, ...]:
        """The findings at `day`, in catalog order (the same as `evaluate_obligation`'s)."""
        with self._lock:
            ev, dirty = self._advance(day)
            touched: set[int] = set()
            for ci in dirty:
                oi, crit = self._criteria[ci]
                cr = self._criterion(ci, crit, self._na[oi] or ev.test(crit.test))
                if cr is not self._results[ci]:
                    self._results[ci] = cr
                    touched.add(oi)
            obligations = self.catalog.obligations
            for oi in touched:
                self._findings[oi] = self._finding(oi, obligations[oi])
            return tuple(self._findings)  # type: ignore[arg-type]

    def _criterion(self, ci: int, crit: Criterion, r: Result) -> CriterionResult:
        last = self._last[ci]
        # Holding the last Result holds its evidence items, so identity compares them truly.
        if (last is not None and last.grade == r.grade and last.why == r.why and len(last.evidence) == len(r.evidence)
                and all(map(operator.is_, last.evidence, r.evidence))):
            return self._results[ci]  # type: ignore[return-value]
        self._last[ci] = r
        return criterion_result(crit, r, self._evidence(r.evidence), self._tests[ci])

    def _evidence(self, items: tuple[InForce, ...]) -> tuple[Evidence, ...]:
        # As `evidence_of`, with each item's Evidence built once.
        seen: dict[tuple[str, str, str], Evidence] = {}
        memo = self._evidence_memo
        for i in items:
            key = (i.origin, i.since, i.basis)
            if key not in seen:
                hit = memo.get(id(i))
                if hit is None:
                    hit = memo[id(i)] = (i, evidence_of((i,))[0])
                seen[key] = hit[1]
        return tuple(seen.values())

    def _finding(self, oi: int, o: Obligation) -> Finding:
        return finding_of(o, [self._results[ci] for ci in self._of[oi]], self._recommendations[oi])  # type: ignore[misc]


def conds_reading_classes(t: Any, out: set[int]) -> None:
    """Ids of the `where` conditions that read classifications as well as the clause."""
    if isinstance(t, TestAll | TestAny | Limited):
        for x in t.items:
            conds_reading_classes(x, out)
    elif isinstance(t, TestNot):
        conds_reading_classes(t.item, out)
    elif isinstance(t, Quantified) and t.where is not None and cond_reads_classes(t.where):
        out.add(id(t.where))


_EVALUATORS_KEPT = 64


_EVALUATORS_LOCK = threading.Lock()


def book_evaluator(book: StatuteBook, catalog: Catalog) -> BookEvaluator:
    key = (id(book), id(catalog))
    with _EVALUATORS_LOCK:
        hit = _EVALUATORS.get(key)
        # The evaluator holds its catalog, so the catalog's id is its own while the entry exists.
        if hit is not None and hit[0]() is book and hit[1].catalog is catalog:
            _EVALUATORS.move_to_end(key)
            return hit[1]
        ev = BookEvaluator(book, catalog)

        def forget(ref: weakref.ref[StatuteBook], key: tuple[int, int] = key) -> None:
            # No lock: this may run from the garbage collector while the lock is held.
            entry = _EVALUATORS.get(key)
            if entry is not None and entry[0] is ref:
                _EVALUATORS.pop(key, None)

        _EVALUATORS[key] = (weakref.ref(book, forget), ev)
        while len(_EVALUATORS) > _EVALUATORS_KEPT:
            _EVALUATORS.popitem(last=False)
        return ev


_EVALUATORS: OrderedDict[tuple[int, int], tuple[weakref.ref[StatuteBook], BookEvaluator]] = OrderedDict()
