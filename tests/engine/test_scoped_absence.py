"""Negative facts narrowed by their fields, or stated of one instrument only (`within`)."""

from __future__ import annotations

from pathlib import Path

from lawcmp.engine.evaluate import evaluate
from lawcmp.lang.layout import format_text
from lawcmp.lang.syntax import parse_statute
from lawcmp.load.corpus import load_text
from tests.helpers.shipped import VOCAB

FIXTURE = Path(__file__).parent / "fixtures" / "absence-within.law"
TEXT = FIXTURE.read_text(encoding="utf-8")


def grades(text: str, obligation: str) -> dict[str, str]:
    f = evaluate(load_text(text, "XX.law"), "XX", "2008-06-01").finding(obligation)
    return {c.name: c.grade for c in f.criteria}


def test_an_absence_within_one_law_denies_nothing_in_the_code() -> None:
    # 000 ¶4: the 2008 law "does not address criminal aspects of TIP" — art. 135 of the
    # criminal code still did. The specific-offence test stays unknown, not "not met".
    only_within = TEXT[: TEXT.index("fact XX/no-offence-for-adults")]
    assert grades(only_within, "crim.specific")["specific"] == "no information"
    unscoped = only_within.replace("  no offence trafficking {\n    within XX/law-2008\n  }\n", "  no offence trafficking\n")
    assert grades(unscoped, "crim.specific")["specific"] == "not met"


def test_an_absence_narrowed_to_some_victims_answers_only_the_tests_about_them() -> None:
    g = grades(TEXT, "crim.specific")
    assert g["general"] == "not met"  # "not limited to children": answered by the narrowed absence
    assert g["specific"] == "no information"  # whether any trafficking offence exists: not answered


def test_within_is_for_negative_clauses_and_penalties_do_not_narrow() -> None:
    positive = TEXT.replace("  no offence trafficking {\n    within", "  practice offence trafficking {\n    within", 1)
    _, diags = parse_statute(positive, "XX.law", VOCAB)
    assert "FD02" in [d.code for d in diags]
    penalty = TEXT.replace("    victims any-person\n", "    penalty prison ..2 years\n")
    _, diags = parse_statute(penalty, "XX.law", VOCAB)
    assert [d.code for d in diags] == ["FD02"]


def test_it_is_laid_out_as_written() -> None:
    assert format_text(TEXT) == TEXT
