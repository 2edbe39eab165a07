"""`complete`: a list the book declares encoded in full, and conflict tests over open lists.

A conflict test (`no offence of specific-offences where consent is relevant`) asks that no
clause of the law conflict. Kleene's logic over an open list answers it only for the clauses
encoded; the book's `complete` statement is what lets their silence speak for the law
(docs/rules.md, "Three-valued, graded evaluation").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.engine.dual import Conduct, criminal
from lawcmp.engine.evaluate import evaluate
from lawcmp.engine.sweep import rating_timeline
from lawcmp.lang.layout import format_text
from lawcmp.law.snapshot import change_points, snapshot
from lawcmp.load.corpus import load_text
from tests.helpers.shipped import CATALOG, VOCAB, diagnostic_codes

TEXT = (Path(__file__).parent / "fixtures" / "complete-list.law").read_text(encoding="utf-8")
CLOSURE = '  complete offence of specific-offences {\n    source "test" "the code\'s only trafficking article"\n  }\n'
OPEN = TEXT.replace(CLOSURE, "")
SECOND = TEXT + (
    '\nprovision XX/CC/133 "Trafficking in minors" {\n  version 2000 {\n    offence trafficking {\n'
    '      victims minors\n    }\n    source "test" "a second article, its consent rule unknown"\n  }\n}\n'
)


def grade(text: str, obligation: str = "crim.consent", criterion: str = "no-defence") -> str:
    f = evaluate(load_text(text, "XX.law"), "XX", "2008-06-01").finding(obligation)
    return next(c.grade for c in f.criteria if c.name == criterion)


def test_a_complete_list_answers_a_conflict_test() -> None:
    assert grade(TEXT) == "met"


def test_an_open_list_answers_it_only_for_the_clauses_encoded() -> None:
    assert "complete" not in OPEN
    assert grade(OPEN) == "no information"


def test_a_clause_of_unknown_reach_leaves_an_open_list_as_unknown_as_it_was() -> None:
    # More law never makes an answer less known: over the open list there was nothing to lose.
    assert grade(OPEN) == grade(SECOND.replace(CLOSURE, "")) == "no information"


def test_a_clause_in_conflict_answers_not_met_whether_or_not_the_list_is_complete() -> None:
    conflict = TEXT.replace("consent irrelevant", "consent relevant")
    assert grade(conflict) == grade(conflict.replace(CLOSURE, "")) == "not met"


def test_a_complete_list_must_name_a_set_of_the_vocabulary_and_cite_a_source() -> None:
    assert diagnostic_codes(TEXT) == []
    assert diagnostic_codes(TEXT.replace("of specific-offences", "of specific-offence")) == ["VO03"]
    assert diagnostic_codes(TEXT.replace("complete offence of specific-offences", "complete offence trafficing")) == ["VO01"]
    assert "SY" in "".join(diagnostic_codes(TEXT.replace('    source "test" "the code\'s only trafficking article"\n', "")))


def test_it_is_laid_out_as_written() -> None:
    assert format_text(TEXT) == TEXT


def test_dual_criminality_says_no_only_where_the_book_encodes_every_offence() -> None:
    # Protocol art. 3 conduct the one offence encoded does not reach (its means are unstated,
    # its purposes are not): "no" would claim the whole criminal code was read.
    conduct = Conduct(act="recruitment", means="deception", purpose="forced-labour")
    narrow = TEXT.replace("      consent irrelevant\n", "      means deception\n      purposes sexual-exploitation\n")
    every = narrow.replace("complete offence of specific-offences", "complete offence")

    def verdict(text: str) -> str:
        return criminal(snapshot(load_text(text, "XX.law").books["XX"], dt.date(2005, 1, 1)), conduct, VOCAB)[0]

    assert verdict(narrow) == "unknown"
    assert verdict(every) == "no"


def test_a_list_complete_from_a_date_answers_from_that_date_and_the_sweep_agrees() -> None:
    # A list may be complete only since a new code: before it, the sources did not give
    # every article. The sweep (timelines) and the evaluator answer alike on every day.
    dated = TEXT.replace("complete offence of specific-offences {", "complete offence of specific-offences from 2006-03 {")
    assert format_text(dated) == dated
    book = load_text(dated, "XX.law").books["XX"]
    assert dt.date(2006, 3, 1) in change_points(book)
    days = [dt.date(2005, 1, 1), dt.date(2006, 2, 28), dt.date(2006, 3, 1), dt.date(2010, 1, 1)]
    plain = [evaluate(load_text(dated, "XX.law"), "XX", d.isoformat()).finding("crim.consent") for d in days]
    assert [next(c.grade for c in f.criteria if c.name == "no-defence") for f in plain] == [
        "no information", "no information", "met", "met"]
    order = [o.id for o in CATALOG.obligations].index("crim.consent")
    assert [r[order] for r in rating_timeline(book, days, CATALOG)] == [f.label for f in plain] == ["C?", "C?", "C", "C"]
