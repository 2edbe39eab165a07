"""Draft bills as overlays: effects, diagnostics, and the algebra of bills (hypothesis)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.whatif import whatif
from lawcmp.lang.layout import print_file, same_meaning
from lawcmp.lang.syntax import parse_statute
from lawcmp.law.overlay import apply_bill, inverse
from lawcmp.law.snapshot import snapshot
from lawcmp.load.checks import check_bills
from lawcmp.load.corpus import load_text
from lawcmp.load.whole import assemble
from lawcmp.model.statute import Amend, Bill, Insert, RepealOp, StatuteBook, StatuteFile, When
from lawcmp.support.diagnostics import LawcmpError
from tests.helpers.shipped import CATALOG, VOCAB
from tests.strategies import law_clauses, statute_files

HERE = Path(__file__).parent


def parse(name: str) -> StatuteFile:
    model, diags = parse_statute((HERE / name).read_text(encoding="utf-8"), name, VOCAB)
    assert model is not None and not diags, diags
    return model


def corpus():  # type: ignore[no-untyped-def]
    return load_text((HERE / "book.law").read_text(encoding="utf-8"), "book.law")


def test_whatif_closes_the_gaps_the_bill_addresses() -> None:
    bill = parse("bill-good.law").bills[0]
    w = whatif(corpus(), "XX", bill)
    status = {c.obligation: c.status for c in w.changes}
    assert status["crim.specific"] in ("closed", "narrowed")
    assert status["crim.acts"] in ("closed", "rated")
    assert status["prot.non-punishment"] in ("closed", "narrowed")
    assert all(c.status == "unchanged" for c in w.changes if c.obligation.startswith("rep."))
    flips = next(c for c in w.changes if c.obligation == "crim.acts").flipped()
    assert any(f.startswith("acts:") for f in flips)


def test_bill_mistakes_are_diagnostics_not_crashes() -> None:
    files = [assemble_file(), parse("bill-bad.law")]
    codes = sorted(d.code for d in check_bills(files))
    assert codes == ["BL01", "BL01", "BL03"]
    with pytest.raises(LawcmpError) as err:
        apply_bill(corpus().books["XX"], files[1].bills[0])
    assert {d.code for d in err.value.diagnostics} == {"BL01", "BL03"}


def assemble_file() -> StatuteFile:
    return parse("book.law")


def test_repealing_a_repealed_provision_is_a_diagnostic() -> None:
    book = corpus().books["XX"]
    first = Bill(id="XX/b1", title="r", effective=When(day=dt.date(2005, 1, 1)), operations=(RepealOp(provision="XX/CC/330"),))
    second = Bill(id="XX/b2", title="r", effective=When(day=dt.date(2006, 1, 1)), operations=(RepealOp(provision="XX/CC/330"),))
    with pytest.raises(LawcmpError) as err:
        apply_bill(apply_bill(book, first), second)
    assert [d.code for d in err.value.diagnostics] == ["BL02"]


def law_of(book: StatuteBook, day: dt.date) -> list[tuple[str, str]]:
    return sorted((i.origin, i.clause.model_dump_json(exclude={"span"})) for i in snapshot(book, day).law)


def book_of(f: StatuteFile) -> StatuteBook:
    return assemble([f]).books["KG"]


EFFECTIVE = dt.date(2031, 6, 1)


@st.composite
def bills_for(draw: st.DrawFn, f: StatuteFile) -> Bill:
    ops: list[Amend | Insert | RepealOp] = []
    ids = [p.id for p in f.provisions if p.repeal is None]
    for pid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)) if ids else []:
        ops.append(Amend(provision=pid, clauses=tuple(draw(st.lists(law_clauses, max_size=2)))))
    for n in range(draw(st.integers(0, 2))):
        ops.append(Insert(provision=f"KG/CC/new-{n}", title="New", clauses=tuple(draw(st.lists(law_clauses, max_size=2)))))
    return Bill(id="KG/bill", title="A bill", effective=When(day=EFFECTIVE), operations=tuple(ops))


@given(statute_files())
def test_an_empty_bill_changes_nothing(f: StatuteFile) -> None:
    book = book_of(f)
    empty = Bill(id="KG/empty", title="Empty", effective=When(day=EFFECTIVE))
    assert apply_bill(book, empty) == book


@given(st.data())
def test_a_bill_then_its_inverse_restores_the_book(data: st.DataObject) -> None:
    f = data.draw(statute_files())
    bill = data.draw(bills_for(f))
    book = book_of(f)
    later = EFFECTIVE + dt.timedelta(days=30)
    undone = apply_bill(apply_bill(book, bill), inverse(book, bill, later))
    assert law_of(undone, later) == law_of(book, later)


@given(st.data())
def test_projected_ratings_equal_the_ratings_of_the_book_written_in(data: st.DataObject) -> None:
    f = data.draw(statute_files())
    bill = data.draw(bills_for(f))
    projected = apply_bill(book_of(f), bill)
    written = StatuteFile(path="KG.law", jurisdictions=(projected.jurisdiction,), instruments=projected.instruments,
                          provisions=projected.provisions, facts=projected.facts)
    reparsed, _ = parse_statute(print_file(written), "KG.law", VOCAB)
    assert reparsed is not None and same_meaning(reparsed.provisions, written.provisions)
    day = EFFECTIVE + dt.timedelta(days=1)
    a = assess_book(projected, day, CATALOG)
    b = assess_book(book_of(reparsed), day, CATALOG)
    assert [(x.obligation, x.rating) for x in a.findings] == [(x.obligation, x.rating) for x in b.findings]
