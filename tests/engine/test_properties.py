"""Engine invariants over generated statute books (hypothesis)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from lawcmp.engine.evaluate import assess_book
from lawcmp.load.whole import assemble
from lawcmp.model.statute import (
    Aggravation,
    Offence,
    Penalty,
    Provision,
    Range,
    StatuteBook,
    StatuteFile,
    Version,
    When,
)
from tests.helpers.shipped import CATALOG
from tests.strategies import VOCAB, statute_files

ORDER = ["NC", "PC", "LC", "C"]
DAY = dt.date(2031, 1, 1)


def book_of(f: StatuteFile) -> StatuteBook:
    return assemble([f]).books["KG"]


def perfect_offence() -> Offence:
    sets = VOCAB.sets
    return Offence(
        terms=("trafficking",), acts=sets["protocol-acts"], means=sets["protocol-means"],
        purposes=(*sets["protocol-purposes"], "other-exploitation"), victims=("any-person",),
        child_means="not-required", consent="irrelevant", transnational="not-required", organized_group="not-required",
        ancillary=("attempt", "complicity", "organizing"),
        penalty=Penalty(prison=Range(low=8, high=15), kinds=("prison", "confiscation")),
        aggravated=(Aggravation(circumstances=VOCAB.in_group("circumstances"), penalty=Penalty(prison=Range(low=10, high=20), kinds=("prison",))),),
        legal_persons="liable",
    )


@given(statute_files())
def test_adding_a_satisfying_offence_never_lowers_a_rating(f: StatuteFile) -> None:
    before = assess_book(book_of(f), DAY, CATALOG)
    extra = Provision(id="KG/CC/9999", title="Trafficking in persons",
                      versions=(Version(start=When(day=dt.date(1990, 1, 1)), clauses=(perfect_offence(),)),))
    after = assess_book(book_of(f.model_copy(update={"provisions": (*f.provisions, extra)})), DAY, CATALOG)
    for b, a in zip(before.findings, after.findings, strict=True):
        if b.rating in ORDER and a.rating in ORDER:
            assert ORDER.index(a.rating) >= ORDER.index(b.rating), (b.obligation, b.rating, a.rating)


@given(statute_files(), st.randoms(use_true_random=False))
def test_evaluation_is_deterministic_and_independent_of_order(f: StatuteFile, rnd: random.Random) -> None:
    provisions = list(f.provisions)
    rnd.shuffle(provisions)
    shuffled = []
    for p in provisions:
        versions = tuple(v.model_copy(update={"clauses": tuple(rnd.sample(list(v.clauses), len(v.clauses)))}) for v in p.versions)
        shuffled.append(p.model_copy(update={"versions": versions}))
    one = assess_book(book_of(f), DAY, CATALOG)
    two = assess_book(book_of(f.model_copy(update={"provisions": tuple(shuffled)})), DAY, CATALOG)
    assert [(x.obligation, x.rating, x.provisional) for x in one.findings] == [
        (x.obligation, x.rating, x.provisional) for x in two.findings
    ]
    assert one == assess_book(book_of(f), DAY, CATALOG)


@given(statute_files())
def test_before_the_first_enactment_there_is_no_information(f: StatuteFile) -> None:
    early = dt.date(1980, 1, 1)
    a = assess_book(book_of(f), early, CATALOG)
    assert {x.rating for x in a.findings} <= {"NI", "N/A"}
