"""Contested readings: where the sources disagree, every reading is rated and shown.

Kazakhstan's art. 128 of 2003 is the case in the corpus: the article's text gives up to one
year, the seed speech (003) "up to two years of imprisonment", a minister "up to four years".
"""

from __future__ import annotations

from pathlib import Path

from lawcmp.engine.evaluate import evaluate
from lawcmp.lang.layout import format_text
from lawcmp.load.corpus import load_text
from lawcmp.reports.docparts import rating_cell
from tests.helpers.shipped import diagnostic_codes

FIXTURE = Path(__file__).parent / "fixtures" / "contested-penalty.law"
TEXT = FIXTURE.read_text(encoding="utf-8")


def test_each_reading_is_rated_and_the_range_shown_with_its_source() -> None:
    f = evaluate(load_text(TEXT, "XX.law"), "XX", "2004-01-01").finding("crim.serious")
    assert f.rating in ("NC", "PC")  # the text: three years, under UNTOC's four
    (other,) = f.readings
    assert other.name == "minister" and other.rating in ("LC", "C")
    assert other.sources == ("minister “sentences of up to five years”",)
    assert f.rating_range == f"{f.rating}–{other.rating}"
    for lang, words in (("en", "depending on the reading"), ("ru", "в зависимости от прочтения")):
        cell = rating_cell(f, lang)
        assert f"({f.rating}–{other.rating}, {words})" in cell.text
        assert "sentences of up to five years" in (cell.note or "")


def test_where_the_readings_agree_nothing_is_added() -> None:
    f = evaluate(load_text(TEXT, "XX.law"), "XX", "2004-01-01").finding("crim.specific")
    assert f.readings == () and f.rating_range is None


def test_it_is_laid_out_as_written_and_checked() -> None:
    assert format_text(TEXT) == TEXT
    twice = TEXT.replace("    source \"text\"", "    reading minister \"again\" {\n      source \"x\" \"y\"\n    }\n    source \"text\"")
    assert diagnostic_codes(twice) == ["FD04"]
    assert diagnostic_codes(TEXT.replace('      source "minister" "sentences of up to five years"\n', "")) == ["SR01"]
