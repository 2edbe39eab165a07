"""The DOCX writer: Word's own heading, list and table styles, shaded ratings, evidence notes
under each table, landscape pages for wide tables, statute text that never becomes a field or
a link, and byte-identical output — checked by reopening the file with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.run import Run
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

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
from lawcmp.render import docx as docx_writer
from lawcmp.render.docx import DIFFERS_FILL, HEADER_FILL, MISSING_COLOUR, NOTE_TEXT, TABLE_TEXT, fill_run, to_docx
from lawcmp.reports.standard import compare, gap_report, matrix, timeline
from tests.helpers import ROOT
from tests.helpers.determinism import Setting, digest, digests_elsewhere, time_zone
from tests.helpers.ooxml import SOFFICE, libreoffice_converts_to_pdf, zip_entries_are_fixed

MINIMAL = (ROOT / "tests" / "syntax" / "good" / "minimal.law").read_text(encoding="utf-8")
AS_OF = dt.date(2010, 1, 1)
HOSTILE = ('=HYPERLINK("http://x")', "{ HYPERLINK \"http://x\" }", "+1", "@SUM(A1)", "<w:fldSimple/>")


def _doc() -> Document:
    """A small document with every feature the writer handles: ratings, notes, marks, a wide table, a chart."""
    findings = Table(
        name="findings",
        headers=("id", "Rating", "Text"),
        rows=(
            (Cell(text="crim.acts", bold=True), Cell(text="● C", rating="C", note="acts: all five"), Cell(text=HOSTILE[0])),
            (Cell(text="crim.means"), Cell(text="○ NC", rating="NC", note="means: none\nsource: CC 124"), Cell(text=HOSTILE[1])),
            (Cell(text="crim.purposes"), Cell(text="other", mark="differs"), Cell(text=HOSTILE[4])),
            (Cell(text="crim.children"), Cell(text="No information", mark="missing", note="acts: all five"), Cell(text="a\x0bb\x00c")),
        ),
        caption="Ratings by obligation",
    )
    wide = Table(name="matrix", headers=("Obligation", *(f"State {i}" for i in range(12))),
                 rows=((Cell(text="crim.acts"), *(Cell(text="◑ PC", rating="PC") for _ in range(12))),), wide=True)
    chart = Chart(name="pillars", title="Ratings over time", series=(
        Series(name="Criminalization", points=(Point(day=dt.date(2000, 1, 1), value=None), Point(day=AS_OF, value=2.5))),
        Series(name="Prevention", points=(Point(day=dt.date(2000, 1, 1), value=0.0), Point(day=AS_OF, value=1.0))),
    ))
    return Document(
        kind="report", title="Gap report: Kyrgyz Republic", subtitle="As of 2010-01-01",
        meta=(("lawcmp", "0.1.0"), ("As of", AS_OF.isoformat()), ("corpus", "0123456789abcdef")),
        legend=(("C", "● C — Compliant"), ("NC", "○ NC — Non-compliant"), ("NI", "? NI — No information")),
        sections=(
            Section(heading="Executive summary", paragraphs=("A paragraph.",), bullets=("first gap", "second gap"),
                    tables=(findings,)),
            Section(heading="Matrix", level=3, tables=(wide,)),
            Section(heading="Timeline", charts=(chart,)),
        ),
    )


@pytest.fixture(scope="module")
def word() -> WordDocument:
    return docx.Document(io.BytesIO(to_docx(_doc())))


def _fill(cell: _Cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


def _table_with(word: WordDocument, first_header: str) -> WordTable:
    return next(t for t in word.tables if t.rows[0].cells[0].text == first_header)


# -- structure -----------------------------------------------------------------------------------------------------


def test_title_subtitle_and_headings_use_words_styles(word: WordDocument) -> None:
    styled = [(p.style.name, p.text) for p in word.paragraphs if p.style is not None and p.text]
    assert styled[:2] == [("Title", "Gap report: Kyrgyz Republic"), ("Subtitle", "As of 2010-01-01")]
    headings = [(name, text) for name, text in styled if name.startswith("Heading")]
    assert headings == [("Heading 1", "Executive summary"), ("Heading 2", "Matrix"), ("Heading 1", "Timeline"),
                        ("Heading 1", "Legend"), ("Heading 1", "Run information")]
    assert ("Normal", "A paragraph.") in styled
    assert [text for name, text in styled if name == "List Bullet"] == ["first gap", "second gap"]
    assert ("Caption", "Ratings by obligation") in styled


def test_table_header_is_shaded_bold_and_repeats(word: WordDocument) -> None:
    table = _table_with(word, "id")
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["id", "Rating", "Text"]
    assert all(_fill(c) == HEADER_FILL for c in header.cells)
    assert all(r.bold for c in header.cells for r in c.paragraphs[0].runs)
    assert header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.style is not None and table.style.name == "Table Grid"
    assert {p.style.name for r in table.rows for c in r.cells for p in c.paragraphs if p.style is not None} == {TABLE_TEXT}


def test_rating_cells_are_shaded_with_the_rating_colour(word: WordDocument) -> None:
    table = _table_with(word, "id")
    c, nc = table.rows[1].cells[1], table.rows[2].cells[1]
    assert (_fill(c), _fill(nc)) == (RATING_COLOURS["C"], RATING_COLOURS["NC"])
    assert c.paragraphs[0].runs[0].text == "● C"
    assert str(nc.paragraphs[0].runs[0].font.color.rgb) == RATING_TEXT_COLOURS["NC"]
    assert table.rows[1].cells[0].paragraphs[0].runs[0].bold


def test_comparison_marks(word: WordDocument) -> None:
    table = _table_with(word, "id")
    assert _fill(table.rows[3].cells[1]) == DIFFERS_FILL
    missing = table.rows[4].cells[1]
    assert _fill(missing) is None
    run = missing.paragraphs[0].runs[0]
    assert run.italic and str(run.font.color.rgb) == MISSING_COLOUR


def test_notes_are_numbered_in_cells_and_listed_under_the_table(word: WordDocument) -> None:
    table = _table_with(word, "id")
    markers = [r.text for r in table.rows[1].cells[1].paragraphs[0].runs if r.font.superscript]
    assert markers == [" [1]"]
    # the same evidence in two cells shares one number
    assert [r.text for r in table.rows[4].cells[1].paragraphs[0].runs if r.font.superscript] == [" [1]"]
    notes = [p.text for p in word.paragraphs if p.style is not None and p.style.name == NOTE_TEXT]
    assert notes == [
        "Evidence",
        "[1] crim.acts · Rating; crim.children · Rating: acts: all five",
        "[2] crim.means · Rating: means: none\nsource: CC 124",
    ]
    note_style = word.styles[NOTE_TEXT]
    assert note_style.font.italic and note_style.font.size is not None and note_style.font.size.pt == 8


def test_wide_table_sits_in_a_landscape_section(word: WordDocument) -> None:
    orientations = []
    for section in word.sections:
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        assert (section.page_width > section.page_height) == landscape
        tables = [t for t in section.iter_inner_content() if isinstance(t, WordTable)]
        orientations.append((landscape, [t.rows[0].cells[0].text for t in tables]))
    assert orientations == [(False, ["id"]), (True, ["Obligation"]), (False, ["As of", "C", "lawcmp"])]
    wide = _table_with(word, "Obligation")
    assert all(_fill(c) == RATING_COLOURS["PC"] for c in wide.rows[1].cells[1:])


def test_chart_becomes_a_table_of_its_values(word: WordDocument) -> None:
    table = _table_with(word, "As of")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["As of", "Criminalization", "Prevention"],
        ["2000-01-01", "—", "0.00"],
        ["2010-01-01", "2.50", "1.00"],
    ]
    assert any("0 = NC · 1 = PC · 2 = LC · 3 = C" in p.text for p in word.paragraphs)


def test_legend_and_run_information_come_last(word: WordDocument) -> None:
    legend, info = word.tables[-2], word.tables[-1]
    assert [[c.text for c in r.cells] for r in legend.rows] == [
        ["C", "● C — Compliant"], ["NC", "○ NC — Non-compliant"], ["NI", "? NI — No information"]]
    assert [_fill(r.cells[0]) for r in legend.rows] == [RATING_COLOURS[c] for c in ("C", "NC", "NI")]
    assert {p.style.name for t in (legend, info) for r in t.rows for c in r.cells for p in c.paragraphs
            if p.style is not None} == {TABLE_TEXT}
    assert [[c.text for c in r.cells] for r in info.rows] == [
        ["lawcmp", "0.1.0"], ["As of", "2010-01-01"], ["corpus", "0123456789abcdef"]]


def test_core_properties_are_fixed(word: WordDocument) -> None:
    props = word.core_properties
    assert (props.author, props.last_modified_by, props.revision) == ("lawcmp", "lawcmp", 1)
    stamp = dt.datetime(2010, 1, 1, tzinfo=dt.UTC)
    assert props.created == props.modified == props.last_printed == stamp
    bare = docx.Document(io.BytesIO(to_docx(Document(kind="x", title="t"))))
    assert bare.core_properties.created == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def test_no_thumbnail_of_another_document() -> None:
    with zipfile.ZipFile(io.BytesIO(to_docx(_doc()))) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]
        assert b"thumbnail" not in z.read("_rels/.rels")


# -- statute text stays inert ------------------------------------------------------------------------------------------


def test_hostile_text_is_plain_run_text(word: WordDocument) -> None:
    table = _table_with(word, "id")
    assert [r.cells[2].text for r in table.rows[1:4]] == [HOSTILE[0], HOSTILE[1], HOSTILE[4]]
    with zipfile.ZipFile(io.BytesIO(to_docx(_doc()))) as z:
        body = z.read("word/document.xml").decode()
    for element in ("w:fldSimple", "w:instrText", "w:fldChar", "w:hyperlink"):
        assert f"<{element}" not in body


def test_control_characters_from_word_are_cleaned(word: WordDocument) -> None:
    assert _table_with(word, "id").rows[4].cells[2].text == "a\nbc"


# -- reports built by lawcmp.reports.standard ---------------------------------------------------------------------------------


def _reports() -> list[Document]:
    corpus = load_text(MINIMAL)
    return [
        gap_report(corpus, "KG", AS_OF),
        matrix(corpus, AS_OF),
        timeline(corpus, "KG", dt.date(2000, 1, 1), AS_OF),
        compare(corpus, ["KG", "KG"], AS_OF, lang="ru"),
    ]


@pytest.mark.parametrize("doc", _reports(), ids=lambda d: d.kind)
def test_every_report_writes_a_document_with_its_tables(doc: Document) -> None:
    word = docx.Document(io.BytesIO(to_docx(doc)))
    assert word.paragraphs[0].text == doc.title and word.paragraphs[0].style.name == "Title"
    headers = [tuple(c.text for c in t.rows[0].cells) for t in word.tables]
    for table in doc.tables():
        assert table.headers in headers
    charts = sum(len(s.charts) for s in doc.sections)
    assert len(word.tables) == len(doc.tables()) + charts + bool(doc.legend) + bool(doc.meta)


# -- cells written once per kind, then copied ---------------------------------------------------------------------

_TEXT = st.text(st.sampled_from("ab Я\t\r\n"), max_size=12)
_CELL = st.builds(
    Cell, text=_TEXT, rating=st.sampled_from([None, "C", "PC", "NI", "NA"]), note=st.sampled_from([None, "", "n1", "n 2\nx"]),
    mark=st.sampled_from([None, "differs", "missing", "same"]), bold=st.booleans(),
)


@given(_TEXT)
def test_run_text_is_filled_as_python_docx_fills_it(text: str) -> None:
    ours, theirs = OxmlElement("w:r"), OxmlElement("w:r")
    fill_run(ours, text)
    Run(theirs, None).text = text  # type: ignore[arg-type]
    assert etree.tostring(ours) == etree.tostring(theirs)


def _without_copies(doc: Document, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The document as python-docx writes it cell by cell and note by note: no copies."""
    with monkeypatch.context() as m:
        m.setattr(docx_writer._Copies, "copy", lambda self, kind, texts: None)
        return to_docx(doc)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=8), st.booleans())
def test_copied_cells_and_notes_are_the_xml_python_docx_writes(rows: list[list[Cell]], wide: bool) -> None:
    table = Table(name="t", headers=("a", "b", "c", "d"), rows=tuple(tuple(r) for r in rows), wide=wide)
    doc = Document(kind="report", title="T", sections=(Section(heading="S", tables=(table,)),))
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert to_docx(doc) == _without_copies(doc, monkeypatch)


def test_python_docx_writes_one_cell_of_each_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = [Cell(text="● C", rating="C", note="n"), Cell(text="x", bold=True), Cell(text="No information", mark="missing")]
    rows = tuple((Cell(text=f"row {i}"), *(Cell(text=f"{k.text} {i}", rating=k.rating, note=k.note and f"{k.note} {i}",
                                                 mark=k.mark, bold=k.bold) for k in kinds)) for i in range(30))
    doc = Document(kind="report", title="T", sections=(Section(heading="S", tables=(Table(name="t", headers=("", "1", "2", "3"), rows=rows),)),))
    written: list[str] = []
    original = docx_writer._write_cell
    monkeypatch.setattr(docx_writer, "_write_cell", lambda target, cell, *a: (written.append(cell.text), original(target, cell, *a))[1])
    word = docx.Document(io.BytesIO(to_docx(doc)))
    assert written == ["row 0", "● C 0", "x 0", "No information 0"]
    grid = word.tables[0]
    assert [c.text for c in grid.rows[30].cells] == ["row 29", "● C 29 [30]", "x 29", "No information 29"]
    assert _fill(grid.rows[30].cells[1]) == RATING_COLOURS["C"]
    notes = [p.text for p in word.paragraphs if p.style.name == NOTE_TEXT]
    assert notes[-1] == "[30] row 29 · 1: n 29"


# -- determinism -------------------------------------------------------------------------------------------------------


def test_two_renders_are_byte_identical() -> None:
    assert to_docx(_doc()) == to_docx(_doc())


def test_zip_entries_have_fixed_times_and_order() -> None:
    zip_entries_are_fixed(to_docx(_doc()))


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX-only")
def test_time_zone_does_not_change_the_bytes() -> None:
    doc = _reports()[0]
    with time_zone("UTC"):
        utc = to_docx(doc)
    with time_zone("Asia/Tashkent"):
        tashkent = to_docx(doc)
    assert utc == tashkent


def test_hash_seed_and_locale_do_not_change_the_bytes(tmp_path: Path) -> None:
    digests = digests_elsewhere(to_docx, _doc(), tmp_path, (Setting("1", "C.UTF-8"), Setting("2", "ru_RU.UTF-8")))
    assert digests == {digest(to_docx(_doc()))}


# -- LibreOffice can open it ----------------------------------------------------------------------------------------------


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; cannot check the file opens")
def test_libreoffice_converts_the_document_to_pdf(tmp_path: Path) -> None:
    libreoffice_converts_to_pdf(to_docx(_doc()), ".docx", tmp_path)
