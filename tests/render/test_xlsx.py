"""The XLSX writer: sheets a drafter can filter and sort, ratings as fills, evidence as comments,
statute text that never becomes a formula, and byte-identical output — checked by reopening the
workbook with openpyxl, not by looking at the writer's own objects."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from lawcmp.load.corpus import load_text
from lawcmp.model.document import (
    RATING_COLOURS,
    RATING_TEXT_COLOURS,
    Cell,
    Chart,
    Document,
    Point,
    Section,
    Series,
    Table,
)
from lawcmp.render import xlsx as xlsx_writer
from lawcmp.render.citations import cited_tables
from lawcmp.render.xlsx import DIFFERS_FILL, HEADER_FILL, MISSING_COLOUR, merged_tables, sheet_title, to_xlsx
from lawcmp.reports.standard import compare, gap_report, matrix, timeline
from tests.helpers import ROOT
from tests.helpers.determinism import Setting, digest, digests_elsewhere, time_zone
from tests.helpers.ooxml import SOFFICE, libreoffice_converts_to_pdf, zip_entries_are_fixed

MINIMAL = (ROOT / "tests" / "syntax" / "good" / "minimal.law").read_text(encoding="utf-8")
AS_OF = dt.date(2010, 1, 1)
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
FORMULAS = ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "=1+1", "\uff1dSUM(A1)", "-", "=")


def _doc() -> Document:
    """A small document with every feature the writer handles: ratings, notes, marks, a wide table, a chart."""
    findings = Table(
        name="findings",
        headers=("id", "Rating", "Text"),
        rows=(
            (Cell(text="crim.acts", bold=True), Cell(text="● C", rating="C", note="acts: all five"), Cell(text=FORMULAS[0])),
            (Cell(text="crim.means"), Cell(text="○ NC", rating="NC", note="means: none\nsource: CC 124"), Cell(text=FORMULAS[1])),
            (Cell(text="crim.purposes"), Cell(text="same", mark="same"), Cell(text=FORMULAS[2])),
            (Cell(text="crim.consent"), Cell(text="other", mark="differs", note="only here: x"), Cell(text=FORMULAS[3])),
            (Cell(text="crim.children"), Cell(text="No information", mark="missing"), Cell(text="\x0bline\x00two")),
        ),
        caption="Ratings by obligation",
    )
    wide = Table(name="matrix", headers=("Obligation", *(f"S{i}" for i in range(12))),
                 rows=((Cell(text="crim.acts"), *(Cell(text="◑ PC", rating="PC") for _ in range(12))),), wide=True)
    chart = Chart(name="pillars", title="Ratings over time", series=(
        Series(name="Criminalization", points=(Point(day=dt.date(2000, 1, 1), value=None), Point(day=AS_OF, value=2.5))),
        Series(name="Prevention", points=(Point(day=dt.date(2000, 1, 1), value=0.0), Point(day=AS_OF, value=1.0))),
    ))
    return Document(
        kind="report", title="Gap report: =Kyrgyz Republic", subtitle="As of 2010-01-01",
        meta=(("lawcmp", "0.1.0"), ("As of", AS_OF.isoformat()), ("corpus", "=cmd|' /C calc'!A0")),
        legend=(("C", "● C — Compliant"), ("NC", "○ NC — Non-compliant"), ("NI", "? NI — No information")),
        sections=(
            Section(heading="Executive summary", paragraphs=("+ a paragraph that looks like a formula",),
                    bullets=("-1 a bullet",), tables=(findings,)),
            Section(heading="Matrix", level=3, tables=(wide,), charts=(chart,)),
        ),
    )


@pytest.fixture(scope="module")
def book() -> Workbook:
    return load_workbook(io.BytesIO(to_xlsx(_doc())))


def _rgb(colour: str) -> str:
    return "00" + colour  # openpyxl reads a six-digit colour back with an alpha byte


# -- sheets ---------------------------------------------------------------------------------------------------


def test_sheets_in_document_order_with_summary_first_and_run_info_last(book: Workbook) -> None:
    assert book.sheetnames == ["Summary", "findings", "matrix", "pillars", "Run info"]


@pytest.mark.parametrize(("names", "expected"), [
    (["a/b:c*d?[e]\\f"], ["a-b-c-d--e--f"]),
    (["x" * 40], ["x" * 31]),
    (["Findings", "findings", "FINDINGS"], ["Findings", "findings (2)", "FINDINGS (3)"]),
    (["y" * 40, "y" * 40], ["y" * 31, "y" * 27 + " (2)"]),
    (["'quoted'", "", "History", "Summary"], ["quoted", "Sheet", "History-", "Summary (2)"]),
])
def test_sheet_titles_follow_excels_rules(names: list[str], expected: list[str]) -> None:
    taken = {"summary", "run info"}
    titles = [sheet_title(n, taken) for n in names]
    assert titles == expected
    assert all(len(t) <= 31 and not re.search(r"[\[\]:*?/\\]", t) for t in titles)


def test_header_row_is_bold_filled_frozen_and_filtered(book: Workbook) -> None:
    ws = book["findings"]
    assert [c.value for c in ws[1]] == ["id", "Rating", "Text"]
    assert all(c.font.bold and c.fill.fgColor.rgb == _rgb(HEADER_FILL) for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == "A1:C6"
    assert all(ws.column_dimensions[col].width >= 8 for col in "ABC")
    assert ws["C2"].alignment.wrap_text


def test_rating_cells_carry_the_rating_colours(book: Workbook) -> None:
    ws = book["findings"]
    c, nc = ws["B2"], ws["B3"]
    assert (c.value, c.fill.fill_type, c.fill.fgColor.rgb) == ("● C", "solid", _rgb(RATING_COLOURS["C"]))
    assert nc.fill.fgColor.rgb == _rgb(RATING_COLOURS["NC"])
    assert nc.font.color.rgb == _rgb(RATING_TEXT_COLOURS["NC"])
    assert all(cell.fill.fgColor.rgb == _rgb(RATING_COLOURS["PC"]) for cell in book["matrix"][2][1:])


def test_notes_become_comments_by_lawcmp(book: Workbook) -> None:
    ws = book["findings"]
    assert ws["B2"].comment.text == "acts: all five"
    assert ws["B3"].comment.text == "means: none\nsource: CC 124"
    assert ws["B5"].comment.text == "only here: x"
    assert {c.comment.author for c in (ws["B2"], ws["B3"], ws["B5"])} == {"lawcmp"}
    assert ws["A2"].comment is None and ws["B4"].comment is None


def test_comparison_marks(book: Workbook) -> None:
    ws = book["findings"]
    assert ws["B5"].fill.fgColor.rgb == _rgb(DIFFERS_FILL)
    assert ws["B4"].fill.fill_type is None  # "same" is not highlighted
    missing = ws["B6"].font
    assert missing.italic and missing.color.rgb == _rgb(MISSING_COLOUR)
    assert ws["A2"].font.bold


# -- statute text stays inert -------------------------------------------------------------------------------------


def test_formula_looking_text_is_stored_as_strings(book: Workbook) -> None:
    cells = [book["findings"].cell(row=r, column=3) for r in range(2, 6)]
    assert [c.value for c in cells] == list(FORMULAS[:4])
    assert all(c.data_type == "s" for c in cells)
    summary = [c.value for c in book["Summary"]["A"]]
    assert "Gap report: =Kyrgyz Republic" in summary and "+ a paragraph that looks like a formula" in summary
    assert book["Run info"]["B3"].value == "=cmd|' /C calc'!A0" and book["Run info"]["B3"].data_type == "s"


@pytest.mark.parametrize("text", FORMULAS)
def test_no_formula_reaches_the_file(text: str) -> None:
    doc = Document(kind="matrix", title=text, meta=((text, text),),
                   sections=(Section(heading=text, paragraphs=(text,), tables=(Table(name=text, headers=(text,), rows=((Cell(text=text),),)),)),))
    data = to_xlsx(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets)
    wb = load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value is not None)
    assert wb.worksheets[1]["A2"].value == text


def test_control_characters_from_word_are_cleaned(book: Workbook) -> None:
    assert book["findings"]["C6"].value == "\nlinetwo"


# -- charts, summary, run information ------------------------------------------------------------------------------


def test_chart_sheet_holds_the_series_and_a_line_chart(book: Workbook) -> None:
    ws = book["pillars"]
    assert [c.value for c in ws[1]] == ["As of", "Criminalization", "Prevention"]
    assert ws["A2"].value == dt.datetime(2000, 1, 1) and ws["A2"].number_format == "yyyy-mm-dd"
    assert (ws["B2"].value, ws["B3"].value, ws["C2"].value, ws["C3"].value) == (None, 2.5, 0.0, 1.0)
    data = to_xlsx(_doc())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        root = ElementTree.fromstring(z.read(charts[0]))
    line = root.find(".//c:lineChart", NS)
    assert line is not None and len(line.findall("c:ser", NS)) == 2
    scaling = root.find(".//c:valAx/c:scaling", NS)
    assert scaling is not None
    assert [float(scaling.find(f"c:{k}", NS).get("val")) for k in ("min", "max")] == [0.0, 3.0]
    texts = "".join(t.text or "" for t in root.iterfind(".//a:t", NS))
    assert "0 = NC · 1 = PC · 2 = LC · 3 = C" in texts
    assert [f.text for f in root.iterfind(".//c:cat//c:f", NS)] == ["'pillars'!$A$2:$A$3"] * 2


def test_summary_sheet_has_title_prose_and_links(book: Workbook) -> None:
    ws = book["Summary"]
    values = [c.value for c in ws["A"]]
    assert values[:2] == ["Gap report: =Kyrgyz Republic", "As of 2010-01-01"]
    assert ws["A1"].font.bold
    assert "• -1 a bullet" in values
    link = next(c for c in ws["A"] if c.value and c.value.startswith("→ findings"))
    assert link.value == "→ findings — Ratings by obligation"
    assert link.hyperlink.location == "'findings'!A1" and not link.hyperlink.target


def test_run_info_has_meta_and_a_coloured_legend(book: Workbook) -> None:
    ws = book["Run info"]
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(max_col=2)]
    assert rows[:3] == [("lawcmp", "0.1.0"), ("As of", "2010-01-01"), ("corpus", "=cmd|' /C calc'!A0")]
    assert rows[4] == ("Legend", None)
    assert rows[5:] == [("C", "● C — Compliant"), ("NC", "○ NC — Non-compliant"), ("NI", "? NI — No information")]
    for r in (6, 7, 8):
        code = ws.cell(row=r, column=1).value
        assert all(ws.cell(row=r, column=col).fill.fgColor.rgb == _rgb(RATING_COLOURS[code]) for col in (1, 2))
    assert ws["A7"].font.color.rgb == _rgb(RATING_TEXT_COLOURS["NC"])


def test_workbook_properties_are_fixed(book: Workbook) -> None:
    props = book.properties
    assert (props.creator, props.lastModifiedBy) == ("lawcmp", "lawcmp")
    assert props.created == props.modified == dt.datetime(2010, 1, 1)
    no_as_of = load_workbook(io.BytesIO(to_xlsx(Document(kind="x", title="t"))))
    assert no_as_of.properties.created == dt.datetime(2000, 1, 1)


# -- reports built by lawcmp.reports.standard ----------------------------------------------------------------------------------


def _reports() -> list[Document]:
    corpus = load_text(MINIMAL)
    return [
        gap_report(corpus, "KG", AS_OF),
        matrix(corpus, AS_OF),
        timeline(corpus, "KG", dt.date(2000, 1, 1), AS_OF),
        compare(corpus, ["KG", "KG"], AS_OF),
    ]


@pytest.mark.parametrize("doc", _reports(), ids=lambda d: d.kind)
def test_every_report_writes_a_workbook_with_its_tables(doc: Document) -> None:
    wb = load_workbook(io.BytesIO(to_xlsx(doc)))
    merged = merged_tables(doc)  # a family of tables (a report's criteria) is one sheet
    tables = [t for t in doc.tables() if t.name.partition("-")[0] not in merged] + list(merged.values())
    cited = len(cited_tables(doc))  # the provisions and sources the sections cite
    assert len(wb.sheetnames) == 2 + len(tables) + sum(len(s.charts) for s in doc.sections) + cited
    for table in tables[:5]:
        ws = next(ws for ws in wb.worksheets if ws.title.startswith(table.name[:25]))
        assert tuple(c.value or "" for c in ws[1]) == table.headers
        assert ws.max_row == max(1, 1 + len(table.rows)) or not table.rows
        rated = [(r, i) for r, row in enumerate(table.rows, start=2) for i, c in enumerate(row, start=1) if c.rating]
        for r, i in rated[:10]:
            rating = table.rows[r - 2][i - 1].rating
            assert rating is not None
            assert ws.cell(row=r, column=i).fill.fgColor.rgb == _rgb(RATING_COLOURS[rating])


# -- cells styled once per kind, then copied -------------------------------------------------------------------------

_CELL = st.builds(
    Cell, text=st.sampled_from(["", "x", "● C", "a\nb"]), rating=st.sampled_from([None, "C", "PC", "NI", "NA"]),
    note=st.sampled_from([None, "", "n1"]), mark=st.sampled_from([None, "differs", "missing", "same"]), bold=st.booleans(),
)


def _styled_one_by_one(c: object, cell: Cell) -> None:
    """What `_Styles.apply` does without copies: openpyxl styles every cell."""
    xlsx_writer._style_cell(c, cell)  # type: ignore[arg-type]
    if cell.note:
        c.comment = xlsx_writer._comment(cell.note)  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=8))
def test_copied_styles_give_the_workbook_openpyxl_writes(rows: list[list[Cell]]) -> None:
    table = Table(name="t", headers=("a", "b", "c", "d"), rows=tuple(tuple(r) for r in rows))
    doc = Document(kind="report", title="T", sections=(Section(heading="S", tables=(table,)),))
    copied = to_xlsx(doc)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(xlsx_writer._Styles, "apply", lambda self, c, cell: _styled_one_by_one(c, cell))
        assert copied == to_xlsx(doc)


def test_openpyxl_styles_one_cell_of_each_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = tuple((Cell(text=f"row {i}", bold=True), Cell(text="● C", rating="C", note=f"n {i}"), Cell(text="-", mark="differs"))
                 for i in range(20))
    styled: list[str] = []
    original = xlsx_writer._style_cell
    monkeypatch.setattr(xlsx_writer, "_style_cell", lambda c, cell: (styled.append(cell.text), original(c, cell))[1])
    book = load_workbook(io.BytesIO(to_xlsx(Document(kind="report", title="T", sections=(
        Section(heading="S", tables=(Table(name="t", headers=("a", "b", "c"), rows=rows),)),)))))
    assert styled == ["row 0", "● C", "-"]
    last = book["t"]["A21"], book["t"]["B21"], book["t"]["C21"]
    assert last[0].font.bold and last[1].fill.start_color.rgb.endswith(RATING_COLOURS["C"])
    assert last[1].comment.text == "n 19" and last[2].fill.start_color.rgb.endswith(DIFFERS_FILL)


# -- determinism ------------------------------------------------------------------------------------------------------


def test_two_renders_are_byte_identical() -> None:
    assert to_xlsx(_doc()) == to_xlsx(_doc())


def test_zip_entries_have_fixed_times_and_order() -> None:
    zip_entries_are_fixed(to_xlsx(_doc()))


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX-only")
def test_time_zone_does_not_change_the_bytes() -> None:
    doc = _reports()[2]
    with time_zone("UTC"):
        utc = to_xlsx(doc)
    with time_zone("Asia/Tashkent"):
        tashkent = to_xlsx(doc)
    assert utc == tashkent


def test_hash_seed_does_not_change_the_bytes(tmp_path: Path) -> None:
    digests = digests_elsewhere(to_xlsx, _doc(), tmp_path, (Setting("1", "C.UTF-8"), Setting("2", "en_US.UTF-8")))
    assert digests == {digest(to_xlsx(_doc()))}


# -- LibreOffice can open it --------------------------------------------------------------------------------------------


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; cannot check the file opens")
def test_libreoffice_converts_the_workbook_to_pdf(tmp_path: Path) -> None:
    libreoffice_converts_to_pdf(to_xlsx(_doc()), ".xlsx", tmp_path)
