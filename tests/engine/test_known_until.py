"""`version known-until DATE`: a state of the law the sources know only up to a date.

Seed 003: "until August 2003, the Kyrgyz Criminal Code prohibited the purchase or sale of
children and the recruitment of people for sexual or other types of exploitation". The
sources say until when, not since when: the version holds from its code's entry into force,
not from the latest date the sources happen to give.
"""

from __future__ import annotations

from pathlib import Path

from lawcmp.engine.evaluate import evaluate
from lawcmp.lang.layout import format_text, print_file, same_meaning
from lawcmp.lang.syntax import parse_statute
from lawcmp.load.corpus import load_text
from tests.helpers.shipped import VOCAB, diagnostic_codes

FIXTURE = Path(__file__).parent / "fixtures" / "known-until.law"
TEXT = FIXTURE.read_text(encoding="utf-8")


def test_it_holds_from_the_instrument_entry_into_force() -> None:
    model, diags = parse_statute(TEXT, "XX.law", VOCAB)
    assert diags == [] and model is not None
    first = model.provisions[0].versions[0]
    assert str(first.start) == "1998-01-01" and str(first.known_until) == "2003-08"


def test_the_law_before_the_date_is_judged_not_unknown() -> None:
    # Kyrgyzstan 2002 (seed 003): recruitment for exploitation, a related offence: PC.
    corpus = load_text(TEXT, "XX.law")
    assert evaluate(corpus, "XX", "2002-12-31").finding("crim.specific").rating.startswith("PC")
    assert evaluate(corpus, "XX", "1997-12-31").finding("crim.specific").rating == "NI"


def test_it_is_laid_out_and_read_back_the_same() -> None:
    model, _ = parse_statute(TEXT, "XX.law", VOCAB)
    assert model is not None
    assert "  version known-until 2003-08 {\n" in print_file(model)
    assert format_text(TEXT) == TEXT
    again, _ = parse_statute(print_file(model), "XX.law", VOCAB)
    assert again is not None and same_meaning(model, again)


def test_without_a_dated_instrument_it_has_no_start() -> None:
    assert diagnostic_codes(TEXT.replace("  effective 1998-01-01\n", "")) == ["DT06"]
    assert diagnostic_codes(TEXT.replace("effective 1998-01-01", "effective 2004-01-01")) == ["DT06"]
