"""Golden files for every report × format × language, on a small fixture corpus.

Regenerate with `pytest tests/reports --update-goldens` and review the diff. Binary
formats (XLSX, DOCX) are golden too: their writers are deterministic to the byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from lawcmp import reports
from lawcmp.corpus import load_bill, load_corpus
from lawcmp.document import Document
from lawcmp.dual import dual_criminality, dual_document
from lawcmp.legdiff import diff_document
from lawcmp.model import Corpus
from lawcmp.render.write import FORMATS, SUFFIXES, render
from lawcmp.whatif import whatif, whatif_document

HERE = Path(__file__).parent
GOLDENS = HERE / "goldens"
DAY = dt.date(2006, 6, 1)


@cache
def corpus() -> Corpus:
    return load_corpus([HERE / "corpus"])


def documents(lang: str) -> dict[str, Callable[[], Document]]:
    c = corpus()
    return {
        "matrix": lambda: reports.matrix(c, DAY, None, "obligation", lang),
        "matrix-pillar": lambda: reports.matrix(c, DAY, None, "pillar", lang),
        "report": lambda: reports.gap_report(c, "XX", DAY, lang),
        "timeline": lambda: reports.timeline(c, "XX", dt.date(2000, 1, 1), dt.date(2008, 12, 31), lang),
        "compare": lambda: reports.compare(c, ["XX", "YY"], DAY, lang),
        "whatif": lambda: whatif_document(whatif(c, "XX", load_bill(HERE / "corpus" / "drafts" / "XX-bill.law", c, "XX")), c, lang),
        "diff": lambda: diff_document(c, "XX", dt.date(2004, 1, 1), dt.date(2006, 1, 1), lang),
        "dual-criminality": lambda: dual_document(dual_criminality(c, "XX", "YY", DAY), c, lang),
    }


CASES = [(name, fmt, lang) for lang in ("en", "ru") for name in documents("en") for fmt in FORMATS]


@pytest.mark.parametrize(("name", "fmt", "lang"), CASES, ids=lambda x: x)
def test_golden(name: str, fmt: str, lang: str, golden: Callable[[Path, str | bytes], None]) -> None:
    doc = documents(lang)[name]()
    out = render(doc, fmt)
    golden(GOLDENS / f"{name}.{lang}{SUFFIXES[fmt]}", out)
    assert render(documents(lang)[name](), fmt) == out, "output must be byte-identical across runs"
