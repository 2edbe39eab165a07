"""The fast paths give the results of the plain ones: snapshots from prepared intervals,
a book evaluated date after date (re-evaluating only what changed), the one-pass `rate`.
(The sweep of ratings over time is checked against the same references in test_sweep.py.)

The references here are the straightforward implementations the fast ones replaced.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.grading import NA, SCORES, rate
from lawcmp.engine.incremental import BookEvaluator
from lawcmp.engine.judge import evaluate_obligation
from lawcmp.law.snapshot import (
    NOT_LAW_YET,
    InForce,
    Snapshot,
    change_points,
    clause_keys,
    fact_end,
    snapshot,
    version_at,
)
from lawcmp.load.corpus import load_corpus
from lawcmp.load.whole import assemble
from lawcmp.model.findings import GRADE_ORDER
from lawcmp.model.statute import (
    Citation,
    Classification,
    Closure,
    Fact,
    Instrument,
    Jurisdiction,
    Offence,
    Provides,
    Provision,
    Repeal,
    StatuteBook,
    TreatyEvent,
    Version,
    When,
)
from tests.helpers.shipped import CATALOG
from tests.strategies import VOCAB, law_clauses, offences, statute_files, terms, whens

# -- the references --------------------------------------------------------------------------------


def reference_snapshot(book: StatuteBook, day: dt.date) -> Snapshot:
    """The snapshot as computed before it was prepared per book (lawcmp 0.1.0)."""
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
        end = fact_end(f)
        if not (f.start is not None and f.start.day <= day and end is not None and day <= end):
            continue
        for c in f.clauses:
            if c.negative and c.within:
                continue  # an absence stated of some instruments only denies nothing in the law
            if c.negative:
                if not set(clause_keys(c)) <= present:
                    absent.append(InForce(c, f.id, f.title, str(f.start), "absent", f.sources))
            elif c.basis == "practice":
                practice.append(InForce(c, f.id, f.title, str(f.start), "practice", f.sources))
    treaties = {}
    for event in sorted(book.jurisdiction.treaties, key=lambda e: e.date.day):
        if event.date.day <= day:
            treaties[event.treaty] = (event.action, str(event.date), event.sources)
    j = book.jurisdiction
    return Snapshot(
        code=j.code, name=j.name, day=day, roles=j.roles, law=tuple(law), practice=tuple(practice),
        absent=tuple(absent), treaties=treaties, classes={k: tuple(v) for k, v in classes.items()},
        complete=tuple(c for c in j.complete if c.start is None or c.start.day <= day),
    )


def reference_rate(results: list[tuple[bool, str]]) -> tuple[str, bool]:
    """`rate` as written before it became one pass."""
    applicable = [(core, g) for core, g in results if g != NA]
    if not applicable:
        return "N/A", False
    known = [(core, g) for core, g in applicable if g != "no information"]
    if not known:
        return "NI", False
    core_unknown = any(core for core, _ in applicable) and not any(core for core, _ in known)
    provisional = len(known) < len(applicable)
    weight = sum(2 if core else 1 for core, _ in known)
    score = sum((2 if core else 1) * SCORES[g] for core, g in known) / weight
    rating = "C" if score >= 1.0 else "LC" if score >= 0.75 else "PC" if score >= 0.4 else "NC"
    cap = "C"
    core_grades = [g for core, g in known if core]
    if any(g == "mostly met" for g in core_grades):
        cap = "LC"
    if any(g in ("partly met", "not met") for g in core_grades):
        cap = "PC"
    if core_grades and all(g == "not met" for g in core_grades):
        cap = "NC"
    if core_unknown:
        cap = "PC"
    order = ("NC", "PC", "LC", "C")
    if order.index(rating) > order.index(cap):
        rating = cap
    return rating, provisional


# -- books that stress the snapshot's rules ----------------------------------------------------------

cite = Citation(document="source.txt", quote="a phrase")


@st.composite
def tangled_books(draw: st.DrawFn) -> StatuteBook:
    """Instruments that share ids, are pending or repealed; versions out of order; facts that end."""
    ids = ("KG/CC", "KG/law")
    instruments = tuple(
        Instrument(
            id=draw(st.sampled_from(ids)), title="t", kind="criminal-code",
            status=draw(st.sampled_from(["in-force", "in-force", "pending", "not-yet-in-force"])),
            effective=draw(st.none() | whens()), repealed=draw(st.none() | whens()), sources=(cite,),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    provisions = []
    for n in range(draw(st.integers(0, 5))):
        pid = f"{draw(st.sampled_from(ids))}/{n + 1}"
        clauses = st.one_of(
            law_clauses,
            st.builds(Classification, terms=terms("classifications", 1, 1),
                      amnesty=st.none() | st.sampled_from(VOCAB.in_group("amnesty-statuses")),
                      applies_to=st.lists(st.sampled_from([f"{i}/{k}" for i in ids for k in range(1, 6)]), max_size=2).map(tuple)),
            offences.map(lambda c: c.model_copy(update={"basis": "draft"})),
        )
        versions = tuple(
            Version(start=draw(whens()), paraphrase=draw(st.none() | st.just("p")),
                    clauses=tuple(draw(st.lists(clauses, max_size=2))), sources=(cite,))
            for _ in range(draw(st.integers(1, 3)))
        )
        repeal = Repeal(start=draw(whens()), sources=(cite,)) if draw(st.booleans()) else None
        provisions.append(Provision(id=pid, title=f"Article {n + 1}", versions=versions, repeal=repeal))
    facts = []
    for n in range(draw(st.integers(0, 3))):
        fact_clauses = st.one_of(
            st.builds(Provides, terms=terms("measures", 1, 2), basis=st.just("practice")),
            st.builds(Provides, terms=terms("measures", 1, 2), negative=st.just(True)),
            offences.map(lambda c: c.model_copy(update={"basis": "practice"})),
        )
        start = draw(st.none() | whens())
        until = draw(st.none() | whens())
        facts.append(Fact(id=f"KG/fact-{n}", title="f", start=start, until=until,
                          clauses=tuple(draw(st.lists(fact_clauses, min_size=1, max_size=2))), sources=(cite,)))
    treaties = tuple(
        TreatyEvent(treaty=draw(st.sampled_from(VOCAB.in_group("treaties"))),
                    action=draw(st.sampled_from(VOCAB.in_group("treaty-actions"))), date=draw(whens()), sources=(cite,))
        for _ in range(draw(st.integers(0, 3)))
    )
    complete = tuple(
        Closure(kind=kind, set=draw(st.none() | st.sampled_from(sorted(VOCAB.sets))), start=draw(st.none() | whens()), sources=(cite,))
        for kind in draw(st.lists(st.sampled_from(["offence", "provides", "penalizes", "mandates"]), max_size=2))
    )
    jurisdiction = Jurisdiction(code="KG", name="Kyrgyzstan", roles=draw(terms("jurisdiction-roles", 0, 2)), treaties=treaties,
                                complete=complete)
    return StatuteBook(jurisdiction=jurisdiction, path="KG.law", instruments=instruments,
                       provisions=tuple(provisions), facts=tuple(facts))


@st.composite
def generated_books(draw: st.DrawFn) -> StatuteBook:
    """The book of a generated statute file (tests.strategies)."""
    return assemble([draw(statute_files())]).books["KG"]


def shuffled_days(book: StatuteBook, rnd: random.Random) -> list[dt.date]:
    """`days_of`, in an order of the random's choosing: an evaluator must not rely on order."""
    days = days_of(book)
    rnd.shuffle(days)
    return days


def days_of(book: StatuteBook) -> list[dt.date]:
    """Every change point, the day before each, and days long before and after."""
    days = {dt.date(1900, 1, 1), dt.date(2099, 12, 31)}
    for d in change_points(book):
        days.add(d)
        if d > dt.date.min:
            days.add(d - dt.timedelta(days=1))
    return sorted(days)


def shipped_books() -> list[StatuteBook]:
    return list(load_corpus(use_cache=False).books.values())


# -- snapshots ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("book", shipped_books(), ids=lambda b: b.jurisdiction.code)
def test_snapshot_equals_the_reference_on_the_shipped_books(book: StatuteBook) -> None:
    for day in days_of(book):
        assert snapshot(book, day) == reference_snapshot(book, day), day


@given(tangled_books())
def test_snapshot_equals_the_reference_on_tangled_books(book: StatuteBook) -> None:
    for day in days_of(book):
        assert snapshot(book, day) == reference_snapshot(book, day), day


def test_snapshots_of_one_book_share_their_items() -> None:
    book = shipped_books()[0]
    days = days_of(book)
    first = {id(i) for d in days for i in snapshot(book, d).law}
    again = {id(i) for d in days for i in snapshot(book, d).law}
    assert first == again


# -- evaluation date after date -------------------------------------------------------------------------


def plain(book: StatuteBook, day: dt.date) -> tuple[object, ...]:
    snap = snapshot(book, day)
    return tuple(evaluate_obligation(o, snap, CATALOG.vocabulary) for o in CATALOG.obligations)


@pytest.mark.parametrize("book", shipped_books(), ids=lambda b: b.jurisdiction.code)
def test_book_evaluator_equals_plain_evaluation_in_any_order(book: StatuteBook) -> None:
    days = days_of(book)
    expected = {d: plain(book, d) for d in days}
    forward = BookEvaluator(book, CATALOG)
    for d in days:
        assert forward.findings(d) == expected[d], d
    shuffled = days[:]
    random.Random(book.jurisdiction.code).shuffle(shuffled)
    backward = BookEvaluator(book, CATALOG)
    for d in shuffled:
        assert backward.findings(d) == expected[d], d
    for d in days[::3]:
        # The ratings other readings give are assess_book's addition (docs/language.md,
        # readings); the findings themselves are the plain evaluation's.
        assert tuple(f.model_copy(update={"readings": ()}) for f in assess_book(book, d, CATALOG).findings) == expected[d]


def labels(findings: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(f.label for f in findings)  # type: ignore[attr-defined]


def check_book_evaluator(book: StatuteBook, days: list[dt.date]) -> None:
    """Findings date after date, in the order given, equal plain evaluation's."""
    findings = BookEvaluator(book, CATALOG)
    for d in days:
        assert findings.findings(d) == plain(book, d), d


@given(tangled_books(), st.randoms(use_true_random=False))
def test_book_evaluator_equals_plain_evaluation_on_tangled_books(book: StatuteBook, rnd: random.Random) -> None:
    check_book_evaluator(book, days_of(book))
    check_book_evaluator(book, shuffled_days(book, rnd))


@given(generated_books(), st.randoms(use_true_random=False))
def test_book_evaluator_equals_plain_evaluation_on_generated_files(book: StatuteBook, rnd: random.Random) -> None:
    check_book_evaluator(book, shuffled_days(book, rnd))


def test_an_unchanged_finding_is_the_same_object() -> None:
    book = load_corpus(use_cache=False).books["UZ"]
    ev = BookEvaluator(book, CATALOG)
    days = change_points(book)
    before, after = ev.findings(days[-2]), ev.findings(days[-1])
    same = [a is b for a, b in zip(before, after, strict=True)]
    assert any(same), "a change point should leave most findings as they were"


def test_a_kept_evaluator_does_not_keep_its_book_alive() -> None:
    import gc
    import weakref

    book = shipped_books()[0].model_copy()
    assess_book(book, dt.date(2010, 1, 1), CATALOG)
    ref = weakref.ref(book)
    del book
    gc.collect()
    assert ref() is None


def test_a_new_offence_is_seen_at_its_start() -> None:
    base = load_corpus(use_cache=False).books["TM"]
    ev = BookEvaluator(base, CATALOG)
    day = dt.date(2030, 1, 1)
    offence = Offence(terms=("trafficking",), acts=VOCAB.sets["protocol-acts"])
    extra = Provision(id="TM/CC/999", title="New", versions=(Version(start=When(day=day), clauses=(offence,), sources=(cite,)),))
    grown = base.model_copy(update={"provisions": (*base.provisions, extra)})
    grown_ev = BookEvaluator(grown, CATALOG)
    for d in (day - dt.timedelta(days=1), day):
        assert grown_ev.findings(d) == plain(grown, d)
    assert ev.findings(day) == plain(base, day)


# -- the roll-up -------------------------------------------------------------------------------------------


def test_rate_equals_the_reference_on_every_short_sequence() -> None:
    options = [(core, g) for core in (True, False) for g in GRADE_ORDER]
    for n in range(5):
        for results in itertools.product(options, repeat=n):
            assert rate(list(results)) == reference_rate(list(results)), results  # type: ignore[arg-type]
