"""`every K … where COND`: a universal over a list the sources may not give whole.

Kleene's "for all" reads the clauses encoded *and* those the sources did not give: a clause
that falls short bounds the answer, so its grade stands; where every clause encoded meets the
condition the answer is unknown, unless the book declares the list `complete`
(docs/rules.md, "Three-valued, graded evaluation"). Protocol 6(6) asks that the law offer
victims compensation; `prot.compensation`'s `all-victims` criterion asks that it is not
limited to citizens or lawful residents (UNODC Legislative Guide on the Protocol: foreign
victims are most of the victims of transnational trafficking).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.engine.evaluate import evaluate
from lawcmp.engine.grading import MET_RANK, MOSTLY_RANK, NI_RANK, NOT_RANK, PARTLY_RANK, every_open_ranks
from lawcmp.engine.sweep import rating_timeline
from lawcmp.lang.layout import format_text
from lawcmp.load.corpus import load_text
from tests.helpers.shipped import CATALOG

TEXT = (Path(__file__).parent / "fixtures" / "universal-list.law").read_text(encoding="utf-8")
CLOSURE = '  complete provides compensation state-compensation {\n    source "test" "the only compensation provisions of the law"\n  }\n'
OPEN = TEXT.replace(CLOSURE, "")
CITIZENS = TEXT.replace("      condition none\n", "      condition citizenship-required\n")
SECOND = (
    '\nprovision XX/law/10 "Compensation from a state fund" {\n  version 2001 {\n'
    '    provides compensation state-compensation {\n      beneficiaries victims\n    }\n'
    '    source "test" "a fund, its conditions not given"\n  }\n}\n'
)
DAY = "2008-06-01"


def grade(text: str) -> str:
    f = evaluate(load_text(text, "XX.law"), "XX", DAY).finding("prot.compensation")
    return next(c.grade for c in f.criteria if c.name == "all-victims")


def test_the_fixture_is_valid_and_laid_out_as_written() -> None:
    assert CLOSURE in TEXT
    assert format_text(TEXT) == TEXT


def test_over_a_complete_list_every_clause_meeting_it_is_met() -> None:
    assert grade(TEXT) == "met"


def test_over_an_open_list_every_clause_meeting_it_is_no_information() -> None:
    # Another compensation provision the sources did not give may be for citizens only.
    assert grade(OPEN) == "no information"


def test_a_clause_that_falls_short_answers_whether_or_not_the_list_is_complete() -> None:
    # Compensation for citizens only: the condition is stated, so the measure is partly met
    # (it exists), and no clause the sources did not give can undo that it falls short.
    assert grade(CITIZENS) == grade(CITIZENS.replace(CLOSURE, "")) == "partly met"


def test_a_clause_of_unknown_reach_takes_nothing_from_a_known_shortfall() -> None:
    # More law never makes an answer less known.
    assert grade(CITIZENS.replace(CLOSURE, "") + SECOND) == "partly met"
    assert grade(OPEN + SECOND) == "no information"


def test_over_a_complete_list_a_clause_of_unknown_reach_makes_it_unknown() -> None:
    # The book claims every clause is encoded; one whose condition is unknown leaves the
    # universal unknown, as `and` has it.
    assert grade(TEXT + SECOND) == "no information"


def test_the_open_universal_as_ranks() -> None:
    assert every_open_ranks([MET_RANK, MET_RANK]) == NI_RANK
    assert every_open_ranks([MET_RANK, NI_RANK]) == NI_RANK
    assert every_open_ranks([MET_RANK, MOSTLY_RANK, NI_RANK]) == MOSTLY_RANK
    assert every_open_ranks([PARTLY_RANK, MOSTLY_RANK, NI_RANK]) == PARTLY_RANK
    assert every_open_ranks([PARTLY_RANK, NOT_RANK]) == NOT_RANK


def test_the_sweep_agrees_with_the_evaluator() -> None:
    order = [o.id for o in CATALOG.obligations].index("prot.compensation")
    days = [dt.date(1999, 1, 1), dt.date(2000, 6, 1), dt.date(2001, 6, 1)]
    for text in (TEXT, OPEN, CITIZENS, TEXT + SECOND, OPEN + SECOND, CITIZENS.replace(CLOSURE, "") + SECOND):
        files = load_text(text, "XX.law")
        plain = [evaluate(files, "XX", d.isoformat()).finding("prot.compensation").label for d in days]
        assert [r[order] for r in rating_timeline(files.books["XX"], days, CATALOG)] == plain, text
