"""Workbooks as analysts use them: few sheets, each filtered, frozen and set up to print,
named in the reader's language, and opening on the document's answer."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache

from openpyxl import Workbook, load_workbook

from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_corpus
from lawcmp.model.statute import Corpus
from lawcmp.render.xlsx import to_xlsx
from lawcmp.reports.standard import gap_report, matrix

DAY = dt.date(2023, 1, 1)


@cache
def _corpus() -> Corpus:
    return load_corpus(only=["KG", "UZ"])


@cache
def _report(lang: str) -> Workbook:
    return load_workbook(io.BytesIO(to_xlsx(gap_report(_corpus(), "KG", DAY, lang, load_catalog()))))


def test_the_gap_report_is_a_few_sheets_with_every_criterion_on_one() -> None:
    book = _report("en")
    assert book.sheetnames == ["Summary", "pillars", "findings", "criteria", "evidence", "sources", "Run info"]
    criteria = book["criteria"]
    assert criteria["A1"].value == "id" and criteria["A2"].value == "crim.specific"
    ids = {row[0] for row in criteria.iter_rows(min_row=2, values_only=True)}
    assert len(ids) > 50  # an obligation's criteria are picked with the filter, not a tab


def test_evidence_and_sources_are_sheets_to_filter_by_finding_or_by_source() -> None:
    book = _report("en")
    sources = [row for row in book["sources"].iter_rows(min_row=2, values_only=True)]
    assert book["sources"]["A1"].value == "id" and book["sources"]["B1"].value == "Sources"
    tip = [o for o, s in sources if str(s).startswith("https://www.state.gov/reports/2022-trafficking-in-persons-report/")]
    assert len(set(tip)) > 10  # one row per finding and source: the filter on B gives every finding citing it
    assert book["evidence"]["B1"].value == "Provisions" and book["evidence"].max_row > 10


def test_a_russian_workbook_names_its_sheets_in_russian() -> None:
    book = _report("ru")
    assert book.sheetnames == ["Сводка", "направления", "выводы", "критерии", "доказательства", "источники", "О запуске"]
    assert book["критерии"]["A1"].value == "код"


def test_every_table_sheet_is_frozen_filtered_and_printable() -> None:
    book = _report("en")
    for name in ("pillars", "findings", "criteria", "evidence", "sources"):
        ws = book[name]
        assert ws.freeze_panes == "B2", name
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", name
        assert ws.print_title_rows == "$1:$1", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, name
        assert ws.page_setup.fitToHeight == 0, name
    assert book["findings"].page_setup.orientation == "landscape"
    for ws in book.worksheets:
        assert ws.oddHeader.center.text == "Gap report: Kyrgyz Republic", ws.title
        assert ws.oddFooter.left.text == "As of 2023-01-01" and ws.oddFooter.right.text == "&P / &N", ws.title


def test_a_workbook_opens_on_its_answer() -> None:
    assert _report("en").active.title == "findings"
    book = load_workbook(io.BytesIO(to_xlsx(matrix(_corpus(), DAY, None, "obligation", "en", load_catalog()))))
    assert book.active.title == "matrix"
    assert [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected] == ["matrix"]
