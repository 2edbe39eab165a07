"""Clause semantics the engine reads: a classification's class and amnesty, each from the latest
clause that states it; a negative fact's scope."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.engine.criteria import Evaluator
from lawcmp.lang.syntax import parse_statute
from lawcmp.law.snapshot import snapshot
from lawcmp.load.corpus import load_text
from lawcmp.model.statute import Offence
from tests.helpers.shipped import VOCAB

FIXTURE = Path(__file__).parent / "fixtures" / "amnesty-alone.law"


def fields_at(day: dt.date) -> tuple[object, object]:
    book = load_text(FIXTURE.read_text(encoding="utf-8"), FIXTURE.name).books["XX"]
    snap = snapshot(book, day)
    (offence,) = [i for i in snap.law if isinstance(i.clause, Offence)]
    ev = Evaluator(snap, VOCAB)
    return ev.field(offence, "class"), ev.field(offence, "amnesty")


def test_a_classification_of_amnesty_alone_keeps_the_class_and_changes_the_amnesty() -> None:
    # 001 ¶12: "Fewer Amnesty Possibilities" — "now, fewer TIP offenders are eligible to apply
    # for" amnesty; the cable says nothing of the class, which stays "non-dangerous".
    assert fields_at(dt.date(2005, 1, 1)) == ("non-dangerous", "eligible")
    assert fields_at(dt.date(2010, 1, 1)) == ("non-dangerous", "excluded")


def test_a_classification_needs_a_class_or_an_amnesty() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("      amnesty excluded\n", "")
    _, diags = parse_statute(text, "x.law", VOCAB)
    assert [(d.code, d.span.line if d.span else None) for d in diags] == [("FD02", 30)]
    assert parse_statute(FIXTURE.read_text(encoding="utf-8"), "x.law", VOCAB)[1] == []


# -- negative facts with a scope ------------------------------------------------------------------------

SCOPED = Path(__file__).parent / "fixtures" / "scoped-absence.law"


def grades(text: str, obligation: str) -> dict[str, str]:
    from lawcmp.engine.evaluate import evaluate

    corpus = load_text(text, SCOPED.name)
    return {c.name: c.grade for c in evaluate(corpus, "XX", "2006-06-01").finding(obligation).criteria}


def test_a_scoped_negative_fact_denies_only_what_it_is_about() -> None:
    # 003: "the Central Asian governments do not have comprehensive programs aimed at
    # repatriation and post-return rehabilitation" — of their own returning nationals.
    text = SCOPED.read_text(encoding="utf-8")
    assert grades(text, "rep.return")["return"] == "not met"  # nationals: denied
    assert grades(text, "rep.safe-return")["safe"] == "no information"  # foreign victims: silence
    unscoped = text.replace("  no provides repatriation-assistance {\n    beneficiaries returning-nationals\n  }\n",
                            "  no provides repatriation-assistance\n")
    assert unscoped != text
    assert grades(unscoped, "rep.return")["return"] == "not met"
    assert grades(unscoped, "rep.safe-return")["safe"] == "not met"


def test_a_negative_clause_takes_only_the_fields_that_narrow_it() -> None:
    text = SCOPED.read_text(encoding="utf-8").replace(
        "no provides repatriation-assistance {\n    beneficiaries returning-nationals", "no offence trafficking {\n    penalty prison ..2 years")
    _, diags = parse_statute(text, "x.law", VOCAB)
    assert [(d.code, d.span.line if d.span else None) for d in diags] == [("FD02", 9)]
