"""The PDF writer: the whole document as text a reader (pdftotext) finds, Cyrillic included;
tables whose header row repeats on every page, landscape pages and slices of columns for wide
ones, rows too long for a page carried on below; the language and a fixed date in the
metadata, links only within the document, and byte-identical output."""

from __future__ import annotations

import datetime as dt
import os
import pty
import re
import shutil
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest

from lawcmp.load.corpus import load_corpus
from lawcmp.model.document import Cell, Chart, Document, Point, Section, Series, Table
from lawcmp.render.pdf import FONT_FILES, font_dir, to_pdf
from lawcmp.reports import standard as reports
from tests.helpers import ROOT
from tests.helpers.determinism import Setting, digest, digests_elsewhere, time_zone

END_2009 = dt.date(2009, 12, 31)
PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
DATES = tuple(f"2001-{m:02d}-01" for m in range(1, 13)) + tuple(f"2002-{m:02d}-01" for m in range(1, 13))


@cache
def shipped(name: str) -> Document:
    """The gap report of Uzbekistan in English and Russian, and the matrix: documents of the shipped corpus."""
    corpus = load_corpus()
    return {
        "report.en": lambda: reports.gap_report(corpus, "UZ", END_2009, "en"),
        "report.ru": lambda: reports.gap_report(corpus, "UZ", END_2009, "ru"),
        "matrix.en": lambda: reports.matrix(corpus, END_2009),
    }[name]()


@cache
def rendered(name: str) -> bytes:
    return to_pdf(shipped(name))


def pages(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    assert PDFTOTEXT is not None
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def flat(text: str) -> str:
    """Text with every run of white space one space: lines wrap wherever the page ends them."""
    return " ".join(text.split())


def _doc() -> Document:
    """A small document with what the writer handles: notes, marks, hostile text, a wide table, a chart."""
    findings = Table(
        name="findings", headers=("id", "Rating", "Text"), caption="Ratings by obligation",
        rows=(
            (Cell(text="crim.acts", bold=True, href="#matrix"), Cell(text="● C", rating="C", note="acts: all five"),
             Cell(text="<b>bold?</b> **md** =HYPERLINK(\"http://x\")")),
            (Cell(text="crim.means"), Cell(text="○ NC", rating="NC", note="means: none"), Cell(text="a\x0bb\x00c")),
            (Cell(text="crim.purposes"), Cell(text="other", mark="differs"), Cell(text="")),
            (Cell(text="crim.children"), Cell(text="No information", mark="missing", note="acts: all five")),
        ),
    )
    wide = Table(name="matrix", headers=("Obligation", *(f"State {i}" for i in range(12))), wide=True,
                 rows=((Cell(text="crim.acts"), *(Cell(text="◑ PC", rating="PC") for _ in range(12))),))
    chart = Chart(name="pillars", title="Ratings over time", series=(
        Series(name="Criminalization", points=(Point(day=dt.date(2000, 1, 1), value=None),
                                               Point(day=dt.date(2010, 1, 1), value=2.5))),
    ))
    return Document(
        kind="report", title="Gap report: Kyrgyz Republic", subtitle="As of 2010-01-01", lang="en",
        meta=(("lawcmp", "0.1.0"), ("As of", "2010-01-01")),
        legend=(("C", "● C — Compliant"), ("NC", "○ NC — Non-compliant")),
        sections=(
            Section(heading="Executive summary", paragraphs=("A paragraph.",), bullets=("first gap", "second gap"),
                    tables=(findings,)),
            Section(heading="Matrix", level=3, anchor="matrix", tables=(wide,)),
            Section(heading="Timeline", charts=(chart,)),
        ),
    )


def _one_table(table: Table) -> Document:
    return Document(kind="report", title="T", sections=(Section(heading="S", tables=(table,)),))


def _page_sizes(data: bytes, tmp_path: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points, as pdfinfo reads them."""
    path = tmp_path / "sizes.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"^Page +\d+ size: +([\d.]+) x ([\d.]+) pts", out, re.M)]


# -- the shipped corpus ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.en", "report.ru", "matrix.en"])
def test_a_pdf_file_in_the_documents_language(name: str) -> None:
    data = rendered(name)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    lang = {"en": b"en-GB", "ru": b"ru-RU"}[shipped(name).lang]
    assert b"/Lang (" + lang + b")" in data
    assert b"/CreationDate (D:20091231000000Z)" in data  # the as-of date, never the clock
    assert b"DejaVuSans" in data  # the font is embedded: no reader needs it installed


@needs_pdftotext
@pytest.mark.parametrize("name", ["report.en", "report.ru"])
def test_the_gap_reports_text_is_in_the_pdf(name: str, tmp_path: Path) -> None:
    doc = shipped(name)
    text = pages(rendered(name), tmp_path)
    whole = flat("\n".join(text))
    assert flat(text[0]).startswith(flat(doc.title))
    assert "Uzbekistan" in doc.title if doc.lang == "en" else "Узбекистан" in doc.title
    headings = [s.heading for s in doc.sections]
    cyrillic = [h for h in headings if re.search(r"[А-Яа-яЁё]{4}", h)]
    assert bool(cyrillic) == (doc.lang == "ru")
    for heading in headings:
        assert flat(heading) in whole, heading
    assert "crim.acts" in whole and "prev.policies" in whole
    assert re.search(r"[●◕◑○] (C|LC|PC|NC)\b", whole)  # ratings, with their symbols
    assert len(text) > 1


@needs_pdftotext
def test_the_matrix_has_every_state_and_obligation(tmp_path: Path) -> None:
    doc = shipped("matrix.en")
    table = doc.main_table()
    assert table is not None and len(table.headers) > 5
    whole = flat("\n".join(pages(rendered("matrix.en"), tmp_path)))
    for header in table.headers:
        assert flat(header) in whole
    for row in table.rows:
        assert row[0].text in whole


def test_the_same_document_gives_the_same_bytes() -> None:
    assert to_pdf(shipped("report.en")) == rendered("report.en")
    assert to_pdf(_doc()) == to_pdf(_doc())
    assert to_pdf(_doc()) != to_pdf(_doc().model_copy(update={"title": "Another"}))


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX-only")
def test_time_zone_does_not_change_the_bytes() -> None:
    with time_zone("UTC"):
        utc = to_pdf(_doc())
    with time_zone("Asia/Tashkent"):
        tashkent = to_pdf(_doc())
    assert utc == tashkent


def test_hash_seed_and_locale_do_not_change_the_bytes(tmp_path: Path) -> None:
    settings = (Setting("1", "C.UTF-8", "UTC"), Setting("2", "ru_RU.UTF-8", "Asia/Tashkent"))
    assert digests_elsewhere(to_pdf, _doc(), tmp_path, settings) == {digest(to_pdf(_doc()))}


# -- what a document holds ------------------------------------------------------------------------------------------


@needs_pdftotext
def test_every_part_of_a_document_is_written(tmp_path: Path) -> None:
    text = pages(to_pdf(_doc()), tmp_path)
    whole = flat("\n".join(text))
    for part in ("Gap report: Kyrgyz Republic", "As of 2010-01-01", "Executive summary", "A paragraph.",
                 "• first gap", "• second gap", "Ratings by obligation", "Matrix", "State 11", "Timeline",
                 "Legend", "● C — Compliant", "Run information", "0.1.0"):
        assert part in whole, part
    # rating symbols, comparison marks and numbered evidence under the table
    assert "● C [1]" in whole and "○ NC [2]" in whole and "≠ other" in whole and "No information [1]" in whole
    assert "[1] crim.acts · Rating; crim.children · Rating: acts: all five" in whole
    assert "[2] crim.means · Rating: means: none" in whole
    # the chart as the table of its values, with its scale
    assert "Ratings over time (0 = NC · 1 = PC · 2 = LC · 3 = C)" in whole
    assert "2000-01-01 —" in whole and "2010-01-01 2.50" in whole
    # page numbers in the footer, out of the total
    assert [re.sub(r"\s", "", p).endswith(f"{n}/{len(text)}") for n, p in enumerate(text, start=1)] == [True] * len(text)


@needs_pdftotext
def test_statute_text_stays_text_and_links_stay_inside(tmp_path: Path) -> None:
    data = to_pdf(_doc())
    whole = flat("\n".join(pages(data, tmp_path)))
    assert '<b>bold?</b> **md** =HYPERLINK("http://x")' in whole
    assert "abc" in whole.replace(" ", "")  # Word's control characters dropped, the text kept
    assert b"/URI" not in data  # no link leaves the document
    assert data.count(b"/Subtype /Link") == 1  # crim.acts links to the matrix section


def test_the_outline_nests_as_the_headings_do() -> None:
    data = to_pdf(_doc())
    assert data.count(b"/Type /Outlines") == 1
    assert len(re.findall(rb"/Title \((?:Executive summary|Matrix|Timeline|Legend|Run information)\)", data)) == 5


@needs_pdftotext
def test_a_wide_table_gets_landscape_pages(tmp_path: Path) -> None:
    sizes = _page_sizes(to_pdf(_doc()), tmp_path)
    portrait, landscape = (595.28, 841.89), (841.89, 595.28)
    assert sizes == [portrait, landscape, portrait]  # the wide table's section, then back for the chart


@needs_pdftotext
def test_a_long_table_repeats_its_header_row_on_every_page(tmp_path: Path) -> None:
    rows = tuple((Cell(text=f"obligation-{i:03d}"), Cell(text="● C", rating="C")) for i in range(150))
    text = pages(to_pdf(_one_table(Table(name="t", headers=("Obligation heading", "Rating heading"), rows=rows))),
                 tmp_path)
    assert len(text) >= 3
    assert all("Obligation heading" in p and "Rating heading" in p for p in text)
    assert all(f"obligation-{i:03d}" in "".join(text) for i in range(150))


@needs_pdftotext
def test_columns_that_do_not_fit_a_page_come_in_slices_that_repeat_the_first(tmp_path: Path) -> None:
    rows = ((Cell(text="crim.acts"), *(Cell(text=f"● C {d}", rating="C") for d in DATES)),)
    table = Table(name="t", headers=("Obligation", *DATES), rows=rows, caption="Ratings at each date")
    data = to_pdf(_one_table(table))
    whole = flat("\n".join(pages(data, tmp_path)))
    slices = whole.count("Obligation")
    assert slices >= 2 and whole.count("crim.acts") == slices
    assert f"Ratings at each date (1/{slices})" in whole and f"Ratings at each date ({slices}/{slices})" in whole
    squeezed = whole.replace(" ", "")  # a narrow column wraps a cell wherever it must
    for day in DATES:
        assert f"●C{day}" in squeezed
    assert all(w > h for w, h in _page_sizes(data, tmp_path))


@needs_pdftotext
def test_a_cell_longer_than_a_page_goes_on_in_the_rows_below(tmp_path: Path) -> None:
    article = " ".join(f"w{i}" for i in range(4000))
    data = to_pdf(_one_table(Table(name="t", headers=("Provision", "Text"), rows=((Cell(text="CC 124"), Cell(text=article)),))))
    text = pages(data, tmp_path)
    assert len(text) > 2
    assert flat("".join(text)).split().count("w3999") == 1
    assert all(f"w{i}" in flat("\n".join(text)).split() for i in range(0, 4000, 97))


@needs_pdftotext
def test_an_empty_table_says_so(tmp_path: Path) -> None:
    text = pages(to_pdf(_one_table(Table(name="t", headers=("a", "b"), rows=()))), tmp_path)
    assert "No rows." in text[0]


def test_the_fonts_come_from_matplotlib() -> None:
    folder = font_dir()
    assert folder.parts[-4:] == ("matplotlib", "mpl-data", "fonts", "ttf")
    assert all((folder / name).is_file() for name in FONT_FILES.values())
    tracked = subprocess.run(["git", "ls-files", "*.ttf", "*.otf"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked == ""


# -- the command line ------------------------------------------------------------------------------------------------


def _lawcmp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lawcmp", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONHASHSEED": "0"})


def test_report_writes_a_pdf_file(tmp_path: Path) -> None:
    """What the library renders, byte for byte (tests/cli/test_cli.py: `-o r.pdf` alone chooses pdf)."""
    out = tmp_path / "uz.pdf"
    r = _lawcmp("report", "UZ", "--as-of", "2009-12-31", "--format", "pdf", "-o", str(out))
    assert (r.returncode, r.stderr) == (0, f"wrote {out}\n")
    assert out.read_bytes() == rendered("report.en")


def test_pdf_is_not_written_to_a_terminal() -> None:
    controller, terminal = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "lawcmp", "report", "UZ", "--format", "pdf"], cwd=ROOT,
                           stdout=terminal, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(terminal)
        os.close(controller)
    assert (r.returncode, r.stderr) == (2, "lawcmp: pdf is a binary format: give --output FILE.pdf\n")


def test_fpdf_is_imported_only_for_a_pdf() -> None:
    probe = ("import sys; from lawcmp.render.write import render; from lawcmp.model.document import Document; "
             "render(Document(kind='x', title='t'), '{fmt}'); print('fpdf' in sys.modules)")
    for fmt, loaded in (("table", "False"), ("docx", "False"), ("pdf", "True")):
        r = subprocess.run([sys.executable, "-c", probe.format(fmt=fmt)], cwd=ROOT, capture_output=True, text=True, check=True)
        assert r.stdout.strip() == loaded, fmt


def test_the_workshop_pack_can_be_printed(tmp_path: Path) -> None:
    r = _lawcmp("workshop", "--as-of", "2009-12-31", "--formats", "pdf", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    written = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert written == ["answer-key.pdf", "exercises.pdf", "handout.pdf", "summaries.pdf", "tables.pdf"]
    assert all((tmp_path / name).read_bytes().startswith(b"%PDF-") for name in written)
