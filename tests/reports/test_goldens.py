"""Golden files for every report × format × language, on a small fixture corpus and catalog.

The goldens read `corpus/` and `catalog/` beside this file, never the shipped ones, so
that adding an obligation or a statute version changes none of them; a few goldens of the
shipped corpus itself are in `test_shipped.py`. Regenerate with `pytest tests/reports
--update-goldens` and review the diff. Binary formats (XLSX, DOCX) are golden too: their
writers are deterministic to the byte.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from lawcmp.engine.dual import dual_criminality
from lawcmp.engine.whatif import whatif
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_bill, load_corpus
from lawcmp.model.document import Document
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Corpus
from lawcmp.render.write import FORMATS, SUFFIXES, render
from lawcmp.reports import standard as reports
from lawcmp.reports.diff import diff_document
from lawcmp.reports.dual import dual_document
from lawcmp.reports.whatif import whatif_document

HERE = Path(__file__).parent
GOLDENS = HERE / "goldens"
DAY = dt.date(2006, 6, 1)


@cache
def corpus() -> Corpus:
    return load_corpus([HERE / "corpus"])


@cache
def catalog() -> Catalog:
    return load_catalog(HERE / "catalog")


def documents(lang: str) -> dict[str, Callable[[], Document]]:
    c, k = corpus(), catalog()
    bill = HERE / "corpus" / "drafts" / "XX-bill.law"
    return {
        "matrix": lambda: reports.matrix(c, DAY, None, "obligation", lang, catalog=k),
        "matrix-pillar": lambda: reports.matrix(c, DAY, None, "pillar", lang, catalog=k),
        "report": lambda: reports.gap_report(c, "XX", DAY, lang, catalog=k),
        "timeline": lambda: reports.timeline(c, "XX", dt.date(2000, 1, 1), dt.date(2008, 12, 31), lang, catalog=k),
        "history": lambda: reports.history(c, dt.date(2000, 1, 1), dt.date(2008, 12, 31), None, False, lang, catalog=k),
        "compare": lambda: reports.compare(c, ["XX", "YY"], DAY, lang, catalog=k),
        "whatif": lambda: whatif_document(whatif(c, "XX", load_bill(bill, c, "XX"), catalog=k), c, lang),
        "diff": lambda: diff_document(c, "XX", dt.date(2004, 1, 1), dt.date(2006, 1, 1), lang, catalog=k),
        "dual-criminality": lambda: dual_document(dual_criminality(c, "XX", "YY", DAY, catalog=k), c, lang),
    }


CASES = [(name, fmt, lang) for lang in ("en", "ru") for name in documents("en") for fmt in FORMATS]


@pytest.mark.parametrize(("name", "fmt", "lang"), CASES, ids=lambda x: x)
def test_golden(name: str, fmt: str, lang: str, golden: Callable[[Path, str | bytes], None]) -> None:
    doc = documents(lang)[name]()
    out = render(doc, fmt)
    golden(GOLDENS / f"{name}.{lang}{SUFFIXES[fmt]}", out)
    assert render(documents(lang)[name](), fmt) == out, "output must be byte-identical across runs"


def _words(doc: Document) -> set[str]:
    """A document's own words: its headings and its tables' headers, less data (codes, ids, dates)."""
    found = {s.heading for s in doc.sections} | {h for s in doc.sections for t in s.tables for h in t.headers}
    return {w for w in found if w != "id" and not re.fullmatch(r"[A-Z0-9/().:\- ]*", w)}


@pytest.mark.parametrize("name", list(documents("en")))
def test_a_russian_document_has_no_english_heading_or_header(name: str) -> None:
    english, russian = documents("en")[name](), documents("ru")[name]()
    assert _words(english) and not _words(english) & _words(russian)
    assert english.title != russian.title


def test_every_glossary_entry_has_both_languages_and_the_same_placeholders() -> None:
    import tomllib

    from lawcmp.support.i18n import GLOSSARY

    def entries(node: dict[str, object], path: str = "") -> list[tuple[str, dict[str, str]]]:
        # An entry is a table of strings, whatever languages it has: one with English only counts.
        if node and all(isinstance(v, str) for v in node.values()):
            return [(path, node)]  # type: ignore[list-item]
        return [e for k, v in node.items() if isinstance(v, dict) for e in entries(v, f"{path}.{k}")]

    found = entries(tomllib.loads(GLOSSARY.read_text(encoding="utf-8")))
    assert len(found) > 150
    for path, entry in found:
        assert set(entry) == {"en", "ru"} and entry["en"] and entry["ru"], path
        slots = [set(re.findall(r"(?<!\{)\{(\w+)\}(?!\})", entry[lang])) for lang in ("en", "ru")]
        assert slots[0] == slots[1], path
