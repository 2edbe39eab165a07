"""Treaty status the sources state without a date, or as an absence (seed 003, c. 2006)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.engine.criteria import Evaluator
from lawcmp.lang.layout import format_text
from lawcmp.law.snapshot import snapshot
from lawcmp.load.corpus import load_text
from lawcmp.model.rules import Party
from tests.helpers.shipped import VOCAB

FIXTURE = Path(__file__).parent / "fixtures" / "treaty-status.law"
TEXT = FIXTURE.read_text(encoding="utf-8")


def party(treaty: str, day: dt.date) -> tuple[str, str]:
    book = load_text(TEXT, "XX.law").books["XX"]
    r = Evaluator(snapshot(book, day), VOCAB).test(Party(treaty))
    return r.grade, r.why


def test_a_stated_non_party_is_not_met_and_silence_is_no_information() -> None:
    # "The Kazakhstan parliament is reportedly preparing to ratify the Protocol."
    assert party("tip-protocol", dt.date(2006, 6, 1))[0] == "not met"
    assert party("tip-protocol", dt.date(2005, 6, 1))[0] == "no information"


def test_a_ratification_known_only_by_a_date_counts_from_it_and_says_so() -> None:
    # "to date, the Kyrgyz Republic, Tajikistan and Turkmenistan have ratified the Protocol"
    grade, why = party("untoc", dt.date(2006, 6, 1))
    assert grade == "met" and "on or before 2006" in why
    assert party("untoc", dt.date(2005, 12, 31))[0] == "no information"


def test_it_is_laid_out_as_written() -> None:
    assert format_text(TEXT) == TEXT
