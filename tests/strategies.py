"""Hypothesis strategies: valid statute models drawn from the real vocabulary."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from lawcmp.model.statute import (
    Aggravation,
    Citation,
    Establishes,
    Fact,
    Instrument,
    Jurisdiction,
    Mandates,
    Offence,
    Penalizes,
    Penalty,
    Provides,
    Provision,
    Range,
    Repeal,
    StatuteFile,
    Version,
    When,
)
from tests.helpers.shipped import VOCAB


def terms(group: str, min_size: int = 1, max_size: int = 4) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(VOCAB.in_group(group)), min_size=min_size, max_size=max_size, unique=True).map(tuple)


text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u2028\u2029\ufeff"),
    min_size=1, max_size=40,
)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def whens(draw: st.DrawFn) -> When:
    day = draw(dates)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        day = day.replace(month=1, day=1)
    elif precision == "month":
        day = day.replace(day=1)
    return When(day=day, precision=precision)


citations = st.builds(
    Citation,
    document=text,
    para=st.none() | st.integers(1, 40).map(str),
    quote=st.none() | text,
)

years = st.integers(0, 30).map(float)


@st.composite
def penalties(draw: st.DrawFn) -> Penalty:
    low, high = sorted((draw(years), draw(years)))
    kinds = draw(terms("penalty-kinds", 0, 3))
    prison = draw(st.none() | st.just(Range(low=draw(st.none() | st.just(low)), high=draw(st.none() | st.just(high)))))
    if prison is not None and prison.low is None and prison.high is None:
        prison = None
    if prison is not None:
        kinds = ("prison", *tuple(k for k in kinds if k != "prison"))
    if not kinds:
        kinds = ("fine",) if "fine" in VOCAB.terms else (VOCAB.in_group("penalty-kinds")[0],)
    return Penalty(prison=prison if "prison" in kinds else None, kinds=kinds)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.none() | strategy


offences = st.builds(
    Offence,
    terms=terms("offences", 1, 1),
    acts=maybe(terms("acts")),
    means=maybe(terms("means")),
    purposes=maybe(terms("purposes")),
    victims=maybe(terms("victims")),
    child_means=maybe(st.sampled_from(["required", "not-required"])),
    consent=maybe(st.sampled_from(["irrelevant", "relevant"])),
    transnational=maybe(st.sampled_from(["required", "not-required"])),
    organized_group=maybe(st.sampled_from(["required", "not-required"])),
    ancillary=maybe(terms("ancillary")),
    penalty=maybe(penalties()),
    aggravated=st.lists(st.builds(Aggravation, circumstances=terms("circumstances"), penalty=maybe(penalties())), max_size=2).map(tuple),
    legal_persons=maybe(st.sampled_from(["liable", "not-liable"])),
).flatmap(lambda o: st.sampled_from([o, o.model_copy(update={"means": None, "no_means": True})]))  # `means none`
law_clauses = st.one_of(
    offences,
    st.builds(Penalizes, terms=terms("conduct", 1, 2), exemption=maybe(st.sampled_from(VOCAB.in_group("exemption-statuses")))),
    st.builds(Provides, terms=terms("measures"), beneficiaries=maybe(terms("beneficiaries")), condition=maybe(terms("conditions"))),
    st.builds(Establishes, terms=terms("bodies")),
    st.builds(Mandates, terms=terms("activities")),
)


@st.composite
def provisions(draw: st.DrawFn, code: str, instrument: str, n: int) -> Provision:
    starts = sorted(set(draw(st.lists(whens(), min_size=1, max_size=3))), key=lambda w: w.day)
    unique: list[When] = []
    for w in starts:
        if not unique or w.day > unique[-1].day:
            unique.append(w)
    versions = tuple(
        Version(
            start=w,
            text=draw(maybe(text)),
            paraphrase=draw(maybe(text)),
            clauses=tuple(draw(st.lists(law_clauses, max_size=3))),
            sources=tuple(draw(st.lists(citations, min_size=1, max_size=2))),
        )
        for w in unique
    )
    repeal = None
    if draw(st.booleans()):
        last = unique[-1].day
        repeal = Repeal(start=When(day=last + dt.timedelta(days=draw(st.integers(1, 2000)))),
                        sources=(draw(citations),))
    return Provision(id=f"{instrument}/{n}", title=draw(text), versions=versions, repeal=repeal)


@st.composite
def statute_files(draw: st.DrawFn) -> StatuteFile:
    code = "KG"
    jurisdiction = Jurisdiction(code=code, name=draw(text), roles=draw(terms("jurisdiction-roles", 0, 2)))
    instrument = Instrument(id=f"{code}/CC", title=draw(text), kind="criminal-code", sources=(draw(citations),))
    count = draw(st.integers(0, 4))
    provs = tuple(draw(provisions(code, instrument.id, i + 1)) for i in range(count))
    facts = tuple(
        Fact(
            id=f"{code}/fact-{i}", title=draw(text), start=draw(whens()),
            clauses=(Provides(terms=draw(terms("measures", 1, 2)), basis="practice"),),
            sources=(draw(citations),),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    return StatuteFile(path="KG.law", jurisdictions=(jurisdiction,), instruments=(instrument,), provisions=provs, facts=facts)
