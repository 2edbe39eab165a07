"""A few goldens of the shipped corpus and catalog: what a drafter reads, as it stands.

Unlike the fixture goldens (`test_goldens.py`), these change whenever the corpus or the
catalog does — on purpose: the diff of a corpus change shows what it does to the reports.
Regenerate with `pytest tests/reports --update-goldens` and review the diff.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from lawcmp.load.corpus import load_corpus
from lawcmp.render.write import render
from lawcmp.reports import standard as reports

GOLDENS = Path(__file__).parent / "goldens-shipped"
END_2009 = dt.date(2009, 12, 31)

CASES = {
    "report-UZ-2009.en.md": lambda: render(reports.gap_report(load_corpus(), "UZ", END_2009, "en"), "markdown"),
    "matrix-2009.ru.md": lambda: render(reports.matrix(load_corpus(), END_2009, None, "obligation", "ru"), "markdown"),
    "timeline-KG.en.csv": lambda: render(
        reports.timeline(load_corpus(only=["KG"]), "KG", dt.date(2000, 1, 1), END_2009, "en"), "csv"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_shipped_golden(name: str, golden: Callable[[Path, str | bytes], None]) -> None:
    golden(GOLDENS / name, CASES[name]())
