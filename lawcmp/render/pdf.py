"""Documents as PDF (fpdf2): a report to print, file or send that looks the same everywhere.

A PDF is what a ministry files and what a reviewer annotates, so it must carry the whole
document — every table whole, the evidence behind its cells, the legend and the run
information — and read the same on any machine. The choices follow from that:

- DejaVu Sans, taken from matplotlib's own data (a dependency already) and embedded as a
  subset: Cyrillic prints without any font installed on the reader's or the writer's
  machine, and no font file is kept in this repository;
- tables laid out as the other writers lay them out: columns as wide as their text asks
  within the page, a header row repeated on every page, landscape pages for wide tables
  and, where even a landscape page cannot hold the columns (a timeline's dates), slices of
  columns that each repeat the first, as the terminal does;
- statute text stays inert: it is only ever written as text, never read as markup, and
  the only links are to sections of this document;
- the same document gives the same bytes: a fixed creation date (the as-of date, else a
  fixed epoch) and a file identifier that fpdf2 derives from the content, never the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import cast

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, TextEmphasis, WrapMode

from lawcmp.model.document import (
    RATING_COLOURS,
    Cell,
    Chart,
    Document,
    Section,
    Table,
    chart_value,
)
from lawcmp.render.html import heading_levels, text_colour, with_symbol
from lawcmp.render.ooxml import DIFFERS_FILL, HEADER_FILL, MISSING_COLOUR, document_time, xml_text
from lawcmp.support.i18n import label, section_words

LANGUAGES = {"en": "en-GB", "ru": "ru-RU"}
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
              "BI": "DejaVuSans-BoldOblique.ttf"}
MARGIN = 15.0  # mm, all round: A4 leaves 180 mm of text width in portrait, 267 mm in landscape
BODY, TABLE_TEXT, NARROW_TEXT, NOTE_TEXT = 10.0, 8.0, 7.0, 7.5  # font sizes, pt
HEADING_SIZES = (15.0, 12.5, 11.0)  # outline level 0, 1, 2 and deeper
PADDING = 1.2  # mm inside a cell, each side
MAX_MIN_WIDTH = 50.0  # mm: a column's longest word asks for no more than this (longer ones break)
MAX_NATURAL_WIDTH = 90.0  # mm: a column's longest line asks for no more than this (longer ones wrap)
MARKS = {"differs": "≠ "}
INK, GREY = "#1F2328", "#595959"


def font_dir() -> Path:
    """Where matplotlib keeps its DejaVu fonts, found without importing matplotlib (which
    would load numpy and its rc machinery only to tell a path)."""
    spec = find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the PDF writer takes its fonts from matplotlib, which is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def clean(text: str) -> str:
    """Text the font can draw: no control characters (statute text pasted from Word), tabs as spaces."""
    return xml_text(text).replace("\t", " ")


class _Pdf(FPDF):
    """A4 pages with the page number and its total in the footer, so a printed page can be put back in place."""

    def footer(self) -> None:
        self.set_y(-MARGIN + 4)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(GREY)
        self.cell(0, 4, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(INK)


# -- tables -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Grid:
    """A table ready to draw: its cells' texts (with note markers) and the notes they point to."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    texts: tuple[tuple[str, ...], ...]
    notes: dict[str, list[tuple[str, str]]]  # note -> the (row, column) places that cite it, numbered in order
    size: float


def _grid(table: Table) -> _Grid:
    """Cells padded to the widest row, each with its rating symbol, comparison mark and the
    number of its evidence note; one number per distinct note (a timeline repeats the same
    evidence date after date)."""
    n = max([1, len(table.headers), *(len(r) for r in table.rows)])
    headers = tuple(clean(h) for h in table.headers) + ("",) * (n - len(table.headers))
    notes: dict[str, list[tuple[str, str]]] = {}
    numbers: dict[str, int] = {}
    rows, texts = [], []
    for row in table.rows:
        cells = tuple(row) + (Cell(),) * (n - len(row))
        line = []
        for i, cell in enumerate(cells):
            text = MARKS.get(cell.mark or "", "") + with_symbol(clean(cell.text), cell.rating)
            if cell.note:
                notes.setdefault(cell.note, []).append(("" if i == 0 else clean(cells[0].text), headers[i]))
                text += f" [{numbers.setdefault(cell.note, len(numbers) + 1)}]"
            line.append(text)
        rows.append(cells)
        texts.append(tuple(line))
    return _Grid(headers, tuple(rows), tuple(texts), notes, NARROW_TEXT if table.wide else TABLE_TEXT)


def _measure(pdf: FPDF, grid: _Grid) -> tuple[list[float], list[float]]:
    """Each column's least width (its longest word, bold in the header) and natural width
    (its longest line), in mm and within bounds, padding included."""
    least, natural = [], []
    for i, header in enumerate(grid.headers):
        pdf.set_font(FAMILY, "B", grid.size)
        word = max((pdf.get_string_width(w) for w in header.split()), default=0.0)
        line = max((pdf.get_string_width(part) for part in header.splitlines()), default=0.0)
        pdf.set_font(FAMILY, "", grid.size)
        for row in grid.texts:
            for part in row[i].splitlines():
                line = max(line, pdf.get_string_width(part))
                word = max(word, max((pdf.get_string_width(w) for w in part.split()), default=0.0))
        least.append(min(word, MAX_MIN_WIDTH) + 2 * PADDING + 0.5)
        natural.append(max(min(line, MAX_NATURAL_WIDTH) + 2 * PADDING + 0.5, least[-1]))
    return least, natural


def _fit(least: Sequence[float], natural: Sequence[float], room: float) -> list[float]:
    """Widths that fill `room`: every column gets its least, and what is left goes to the
    columns in proportion to how much more their longest line wants."""
    if sum(natural) <= room:
        scale = room / sum(natural)
        return [w * scale for w in natural]
    spare = room - sum(least)
    wants = [n - m for m, n in zip(least, natural, strict=True)]
    total = sum(wants) or 1.0
    return [m + spare * w / total for m, w in zip(least, wants, strict=True)]


def _slices(least: Sequence[float], room: float) -> list[list[int]]:
    """The columns in slices that each fit `room` beside the first column, which every slice repeats."""
    if sum(least) <= room or len(least) < 3:
        return [list(range(len(least)))]
    slices: list[list[int]] = []
    for i in range(1, len(least)):
        if not slices or sum(least[j] for j in slices[-1]) + least[i] > room:
            slices.append([0])
        slices[-1].append(i)
    return slices


def _room(landscape: bool) -> float:
    return (297.0 if landscape else 210.0) - 2 * MARGIN


def _wants_landscape(pdf: FPDF, table: Table) -> bool:
    """Landscape for a table marked wide, or whose words do not fit a portrait page, or whose
    lines would wrap to more than twice their height there."""
    least, natural = _measure(pdf, _grid(table))
    return table.wide or sum(least) > _room(False) or sum(natural) > 2 * _room(False)


class _Writer:
    """Walks a document onto pages, keeping what the walk needs: the links to its sections."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.words = section_words("html", doc.lang)
        self.pdf = _Pdf(orientation="P", unit="mm", format="A4")
        self.links: dict[str, int] = {}
        pdf = self.pdf
        folder = font_dir()
        for style, name in FONT_FILES.items():
            pdf.add_font(FAMILY, style, str(folder / name))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, MARGIN + 4)
        pdf.alias_nb_pages()
        stamp = document_time(doc).replace(tzinfo=dt.UTC)  # never local time: the bytes must not depend on TZ
        pdf.set_creation_date(stamp)
        pdf.set_lang(LANGUAGES.get(doc.lang, doc.lang))
        pdf.set_title(clean(doc.title))
        pdf.set_subject(doc.kind)
        pdf.set_author("lawcmp")
        pdf.set_creator("lawcmp")
        pdf.set_producer("lawcmp")  # not fpdf2's name and version: an upgrade alone changes no byte of a report
        pdf.set_text_color(INK)

    # -- text ---------------------------------------------------------------------------------------

    def text(self, text: str, size: float = BODY, style: str = "", colour: str = INK, after: float = 1.5) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, style, size)
        pdf.set_text_color(colour)
        pdf.multi_cell(0, size * 0.5, clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(INK)
        pdf.ln(after)

    def bullet(self, text: str) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "", BODY)
        pdf.set_x(MARGIN + 2)
        pdf.cell(4, BODY * 0.5, "•")
        pdf.multi_cell(0, BODY * 0.5, clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)

    def heading(self, text: str, level: int, anchor: str | None = None) -> None:
        """A heading kept with what follows it, in the PDF's outline (bookmarks) at `level`."""
        pdf = self.pdf
        size = HEADING_SIZES[min(level, len(HEADING_SIZES) - 1)]
        if pdf.will_page_break(size * 0.5 + 20):
            pdf.add_page(same=True)
        pdf.ln(2)
        pdf.start_section(clean(text), level)
        if anchor is not None and anchor in self.links:
            pdf.set_link(self.links[anchor], y=pdf.y, page=pdf.page)
        self.text(text, size, "B", after=2)

    # -- tables -------------------------------------------------------------------------------------

    def table(self, table: Table, caption: str | None = None) -> None:
        """The table in as many slices of columns as the page needs, then the evidence behind its cells."""
        pdf = self.pdf
        grid = _grid(table)
        least, natural = _measure(pdf, grid)
        room = pdf.epw
        slices = _slices(least, room)
        for k, cols in enumerate(slices):
            title = f"{caption} ({k + 1}/{len(slices)})" if caption and len(slices) > 1 else caption
            if title:
                if pdf.will_page_break(25):
                    pdf.add_page(same=True)
                self.text(title, TABLE_TEXT + 1, "I", GREY, after=1)
            widths = _fit([least[i] for i in cols], [natural[i] for i in cols], room)
            self._draw(grid, cols, widths)
            pdf.ln(3)
        self._notes(grid.notes)

    def _draw(self, grid: _Grid, cols: Sequence[int], widths: Sequence[float]) -> None:
        pdf = self.pdf
        pdf.set_font(FAMILY, "", grid.size)
        header = FontFace(emphasis=TextEmphasis.B, color=INK, fill_color=f"#{HEADER_FILL}")
        with pdf.table(
            width=min(sum(widths), pdf.epw), col_widths=tuple(widths), align="LEFT", text_align="LEFT", v_align="TOP",
            line_height=grid.size * 0.45, padding=PADDING, headings_style=header, repeat_headings=1,
            borders_layout=TableBordersLayout.ALL, wrapmode=WrapMode.WORD, markdown=False,
        ) as drawn:
            head = drawn.row()
            for i in cols:
                head.cell(grid.headers[i])
            if not grid.rows:
                drawn.row().cell(self.words["no_rows"], colspan=len(cols))
            for cells, texts in zip(grid.rows, grid.texts, strict=True):
                for piece in self._pieces(texts, cols, widths, grid.size, cells):
                    row = drawn.row()
                    for i, text in zip(cols, piece, strict=True):
                        cell = cells[i]
                        href = cell.href[1:] if cell.href and cell.href.startswith("#") else None
                        row.cell(text, style=_style(cell), link=self.links.get(href) if href else None)

    def _pieces(self, texts: Sequence[str], cols: Sequence[int], widths: Sequence[float], size: float,
                cells: Sequence[Cell]) -> list[tuple[str, ...]]:
        """A row as one or more rows of the table: a cell too long for one page (a whole article
        of a statute) goes on in the rows below it, since a table row cannot break across pages."""
        pdf = self.pdf
        line = size * 0.45
        most = max(1, int(pdf.eph * 0.6 / line))  # lines a row may hold: room for the repeated header
        chunks: dict[int, list[str]] = {}
        for i, width in zip(cols, widths, strict=True):
            room = max(1.0, width - 2 * PADDING)
            pdf.set_font(FAMILY, "B" if cells[i].bold else "", size)
            if pdf.get_string_width(texts[i]) / room + texts[i].count("\n") <= most / 2:
                continue  # a quick bound: fpdf2's line breaking is slow, and most cells are short
            lines = cast(list[str], pdf.multi_cell(room, line, texts[i], dry_run=True, output="LINES"))
            if len(lines) > most:
                chunks[i] = ["\n".join(lines[k:k + most]) for k in range(0, len(lines), most)]
        if not chunks:
            return [tuple(texts[i] for i in cols)]
        count = max(len(c) for c in chunks.values())
        return [tuple(chunks[i][k] if i in chunks and k < len(chunks[i]) else (texts[i] if k == 0 and i not in chunks else "")
                      for i in cols) for k in range(count)]

    def _notes(self, notes: dict[str, list[tuple[str, str]]]) -> None:
        """The evidence behind a table's cells, numbered as the cells are marked, in small italic text."""
        if not notes:
            return
        pdf = self.pdf
        self.text(label("evidence", self.doc.lang), NOTE_TEXT, "B", after=0.5)
        for n, (note, places) in enumerate(notes.items(), start=1):
            pdf.set_font(FAMILY, "B", NOTE_TEXT)
            pdf.write(NOTE_TEXT * 0.45, f"[{n}] {clean(_places(places))}: ")
            pdf.set_font(FAMILY, "I", NOTE_TEXT)
            pdf.write(NOTE_TEXT * 0.45, clean(note))
            pdf.ln(NOTE_TEXT * 0.45 + 0.8)
        pdf.ln(2)

    def chart(self, chart: Chart) -> None:
        """A chart as the table of its values (one row per day), with the scale spelled out: the
        values are what a printed report is read for, and a table of them reads aloud too."""
        days, values = chart.table()
        rows = tuple((Cell(text=day.isoformat()), *(Cell(text=chart_value(v)) for v in on_day))
                     for day, *on_day in zip(days, *values, strict=True))
        headers = (label("as_of", self.doc.lang), *(s.name for s in chart.series))
        self.table(Table(name=chart.name, headers=headers, rows=rows), f"{chart.title} ({chart.scale()})")

    # -- the document -------------------------------------------------------------------------------

    def orient(self, landscape: bool) -> None:
        """A new page when the orientation changes: a section sits on pages of its own orientation,
        so a heading stays with its wide table."""
        pdf = self.pdf
        if pdf.page == 0 or (pdf.cur_orientation.value == "L") != landscape:
            pdf.add_page(orientation="L" if landscape else "P")

    def section(self, section: Section, level: int) -> None:
        self.orient(any(_wants_landscape(self.pdf, t) for t in section.tables))
        self.heading(section.heading, level, section.anchor)
        for text in section.paragraphs:
            self.text(text)
        for text in section.bullets:
            self.bullet(text)
        if section.bullets:
            self.pdf.ln(1.5)
        for table in section.tables:
            self.table(table, table.caption)
        for chart in section.charts:
            self.chart(chart)

    def end_matter(self) -> None:
        """The legend (each code in its colour) and how the report was made, on portrait pages."""
        doc = self.doc
        if doc.legend or doc.meta:
            self.orient(False)
        if doc.legend:
            self.heading(label("legend", doc.lang), 0)
            rows = tuple((Cell(text=code, rating=code if code in RATING_COLOURS else None), Cell(text=text))
                         for code, text in doc.legend)
            self._draw_plain(rows)
        if doc.meta:
            self.heading(self.words["run"], 0)
            self._draw_plain(tuple((Cell(text=key, bold=True), Cell(text=value)) for key, value in doc.meta))

    def _draw_plain(self, rows: tuple[tuple[Cell, ...], ...]) -> None:
        """A two-column table with no header row: the legend and the run information."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "", TABLE_TEXT)
        grid = _grid(Table(name="", headers=(), rows=rows))
        least, natural = _measure(pdf, grid)
        widths = _fit(least, [max(n, pdf.epw / 2) if i else n for i, n in enumerate(natural)], pdf.epw)
        with pdf.table(width=min(sum(widths), pdf.epw), col_widths=tuple(widths), align="LEFT", text_align="LEFT", v_align="TOP",
                       line_height=TABLE_TEXT * 0.45, padding=PADDING, first_row_as_headings=False,
                       wrapmode=WrapMode.WORD, markdown=False) as drawn:
            for cells, texts in zip(grid.rows, grid.texts, strict=True):
                row = drawn.row()
                for cell, text in zip(cells, texts, strict=True):
                    row.cell(text, style=_style(cell))
        pdf.ln(3)

    def write(self) -> bytes:
        doc, pdf = self.doc, self.pdf
        self.orient(bool(doc.sections) and any(_wants_landscape(pdf, t) for t in doc.sections[0].tables))
        # Links are made before any cell that points to one is drawn; each is placed at its heading.
        self.links = {s.anchor: pdf.add_link() for s in doc.sections if s.anchor}
        self.text(doc.title, 18, "B", after=1 if doc.subtitle else 4)
        if doc.subtitle:
            self.text(doc.subtitle, 12, "", GREY, after=4)
        # Outline levels that never skip one, from 0: the PDF's bookmarks nest as the headings do.
        levels = heading_levels(s.level for s in doc.sections)
        for section, level in zip(doc.sections, levels, strict=True):
            self.section(section, level - 2)
        self.end_matter()
        try:
            return bytes(pdf.output())
        finally:
            for font in pdf.fonts.values():  # fontTools reads the font files lazily and keeps them open
                ttfont = getattr(font, "ttfont", None)
                if ttfont is not None:
                    ttfont.close()


def _style(cell: Cell) -> FontFace:
    """A cell's look: its rating's fill with a text colour that reads on it, a comparison's
    fill, grey italic for a value that is missing, bold for a row head."""
    emphasis = TextEmphasis.B if cell.bold else TextEmphasis.NONE
    colour, fill = INK, None
    if cell.rating in RATING_COLOURS:
        fill = f"#{RATING_COLOURS[cell.rating]}"
        colour = f"#{text_colour(RATING_COLOURS[cell.rating], cell.rating)}"
    elif cell.mark == "differs":
        fill = f"#{DIFFERS_FILL}"
    if cell.mark == "missing":
        emphasis |= TextEmphasis.I
        colour = f"#{MISSING_COLOUR}"
    return FontFace(emphasis=emphasis, color=colour, fill_color=fill)


def _places(places: Sequence[tuple[str, str]]) -> str:
    """ "crim.acts · 2003-08-01, 2005-01-01": the cells sharing one note, grouped by row."""
    by_row: dict[str, list[str]] = {}
    for row, column in places:
        by_row.setdefault(row, []).append(column)
    return "; ".join(f"{row} · {', '.join(cols)}" if row else ", ".join(cols) for row, cols in by_row.items())


def to_pdf(doc: Document) -> bytes:
    """A PDF report: title, the sections in order, then the legend and the run information."""
    return _Writer(doc).write()
