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
from tests.strategies import VOCAB, provisions, statute_files

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


@given(statute_files(), provisions("KG", "KG/CC", 9998))
def test_more_law_never_makes_a_known_rating_unknown(f: StatuteFile, extra: Provision) -> None:
    # "More law never makes an answer less known": whatever a new provision says, and however
    # little of it the sources give, a rating that was known stays known, for every obligation.
    # Over a list the book does not declare complete, conflict tests (`no`) and universals
    # (`every`) never answer "met" from the clauses alone, so a clause of unknown reach has
    # nothing to take away (docs/rules.md).
    before = assess_book(book_of(f), DAY, CATALOG)
    after = assess_book(book_of(f.model_copy(update={"provisions": (*f.provisions, extra)})), DAY, CATALOG)
    for b, a in zip(before.findings, after.findings, strict=True):
        if b.rating in ORDER:
            assert a.rating != "NI", (b.obligation, b.rating, extra)


@given(statute_files(), st.sampled_from(sorted(VOCAB.sets["related-offences"])), st.data())
def test_a_related_offence_never_lowers_a_rating_and_never_earns_more_than_partial(
    f: StatuteFile, kind: str, data: st.DataObject,
) -> None:
    # The doctrine of criminalization (docs/rules.md): a related offence adds at most partial
    # compliance, and takes nothing away from what the specific offences give.
    offence = Offence(
        terms=(kind,),
        acts=data.draw(st.none() | st.sampled_from([VOCAB.sets["protocol-acts"][:1], VOCAB.sets["protocol-acts"]])),
        purposes=data.draw(st.none() | st.just(("sexual-exploitation",))),
        victims=data.draw(st.none() | st.just(("any-person",)) | st.just(("minors",))),
        penalty=data.draw(st.none() | st.just(Penalty(prison=Range(low=1, high=10), kinds=("prison",)))),
    )
    extra = Provision(id="KG/CC/9997", title="A related offence",
                      versions=(Version(start=When(day=dt.date(1990, 1, 1)), clauses=(offence,)),))
    before = assess_book(book_of(f), DAY, CATALOG)
    after = assess_book(book_of(f.model_copy(update={"provisions": (*f.provisions, extra)})), DAY, CATALOG)
    for b, a in zip(before.findings, after.findings, strict=True):
        if b.pillar != "criminalization" or b.obligation == "crim.forced-marriage":
            continue
        if b.rating in ORDER and not b.provisional:
            # (A provisional rating rests on missing information, which the new offence may
            # supply, for better or worse.)
            assert a.rating in ORDER and ORDER.index(a.rating) >= ORDER.index(b.rating), (b.obligation, b.rating, a.rating)
        elif a.rating in ORDER and b.rating not in ORDER:
            assert a.rating in ("NC", "PC"), (b.obligation, a.rating)
