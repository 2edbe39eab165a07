"""Fields whose terms are what a source names, not the whole list (`Field.open_list`).

An offence's acts are what its article says. The ancillary conduct punished comes from the
code's general part, article by article (attempt, complicity, the organizer): a source that
gives the attempt article says nothing of complicity, and Protocol art. 5(2) asks for each
(UNODC Legislative Guide on the Protocol). So `includes` over such a field is met by the
terms named and unknown, not failed, for the others (docs/rules.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.engine.evaluate import evaluate
from lawcmp.engine.sweep import rating_timeline
from lawcmp.lang.clauses import OPEN_LISTS
from lawcmp.load.corpus import load_text
from tests.helpers.shipped import CATALOG

TEXT = (Path(__file__).parent / "fixtures" / "attempt-only.law").read_text(encoding="utf-8")
OBLIGATIONS = ("crim.attempt", "crim.complicity", "crim.organizing")


def labels(text: str, day: str = "2008-06-01") -> dict[str, str]:
    a = evaluate(load_text(text, "XX.law"), "XX", day)
    return {o: a.finding(o).label for o in OBLIGATIONS}


def test_ancillary_conduct_is_an_open_list_and_acts_are_not() -> None:
    assert "ancillary" in OPEN_LISTS
    assert "acts" not in OPEN_LISTS


def test_the_attempt_article_alone_leaves_complicity_and_organizing_unknown() -> None:
    assert labels(TEXT) == {"crim.attempt": "C", "crim.complicity": "NI", "crim.organizing": "NI"}


def test_the_general_part_read_whole_answers_each() -> None:
    text = TEXT.replace("ancillary attempt", "ancillary attempt complicity organizing")
    assert labels(text) == {"crim.attempt": "C", "crim.complicity": "C", "crim.organizing": "C"}


def test_the_sweep_agrees_with_the_evaluator() -> None:
    files = load_text(TEXT, "XX.law")
    days = [dt.date(1999, 1, 1), dt.date(2008, 6, 1)]
    order = [o.id for o in CATALOG.obligations]
    swept = rating_timeline(files.books["XX"], days, CATALOG)
    for day, row in zip(days, swept, strict=True):
        plain = evaluate(files, "XX", day.isoformat())
        assert [row[order.index(o)] for o in OBLIGATIONS] == [plain.finding(o).label for o in OBLIGATIONS]
