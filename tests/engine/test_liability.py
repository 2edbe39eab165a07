"""`liability`: administrative or civil liability of legal persons, beside the criminal code.

UNTOC art. 10(2): "the liability of legal persons may be criminal, civil or administrative".
A code that holds only natural persons criminally liable has not answered the question; the
liability a code of administrative offences imposes on companies has.
"""

from __future__ import annotations

from pathlib import Path

from lawcmp.engine.evaluate import evaluate
from lawcmp.lang.layout import format_text
from lawcmp.load.corpus import load_text
from tests.helpers.shipped import diagnostic_codes

TEXT = (Path(__file__).parent / "fixtures" / "administrative-liability.law").read_text(encoding="utf-8")
CAO = TEXT[TEXT.index('instrument XX/CAO'):]
ONLY_CRIMINAL_CODE = TEXT[: TEXT.index('instrument XX/CAO')]
DENIED = ONLY_CRIMINAL_CODE + (
    'fact XX/no-company-liability "No other liability of legal persons" {\n  from 2011\n'
    '  no liability administrative-liability civil-liability {\n    subjects legal-persons\n  }\n  source "test" "no administrative or civil liability either"\n}\n'
)


def rating(text: str) -> str:
    return evaluate(load_text(text, "XX.law"), "XX", "2012-01-01").finding("crim.legal-persons").label


def test_administrative_liability_of_companies_meets_untoc_10() -> None:
    assert rating(TEXT) == "C"


def test_no_criminal_liability_alone_leaves_the_question_open() -> None:
    assert rating(ONLY_CRIMINAL_CODE) == "NI"


def test_a_source_that_denies_other_liability_makes_it_not_met() -> None:
    assert rating(DENIED) == "NC"


def test_liability_for_other_offences_only_does_not_answer_for_trafficking() -> None:
    # Over an open list: another liability clause the sources did not give may reach it.
    assert rating(TEXT.replace("offences trafficking", "offences involving-in-prostitution")) == "NI"


def test_the_kind_checks_its_fields_and_lays_out_as_written() -> None:
    assert diagnostic_codes(TEXT) == []
    assert diagnostic_codes(TEXT.replace("subjects legal-persons", "subjects legal-person")) == ["VO01"]
    assert diagnostic_codes(TEXT.replace("liability administrative-liability", "liability")) != []
    assert format_text(TEXT) == TEXT
    assert "liability" in CAO
