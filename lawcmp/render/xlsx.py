"""Documents as Excel workbooks (openpyxl): one sheet per table, ratings as fills, evidence as comments.

The workbook is what a drafter filters, sorts and annotates, so every table gets its own
sheet with a frozen, filtered header row. Two promises shape the code:

- statute text stays inert: every text cell is stored as a string, never a formula, even
  when it starts with "=", "+", "-" or "@" (no quote prefix: that is CSV's defence);
- the same document gives the same bytes: fixed workbook properties and a zip rewritten
  with fixed timestamps, so reports can be diffed, cached and checked into a repository.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.chart import LineChart, Reference
from openpyxl.comments import Comment
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from lawcmp.model.document import RATING_COLOURS, RATING_TEXT_COLOURS, Cell, Chart, Document, Section, Table
from lawcmp.render.citations import cited_tables
from lawcmp.render.ooxml import DIFFERS_FILL, HEADER_FILL, MISSING_COLOUR, document_time, normalize_zip, xml_text
from lawcmp.support import progress
from lawcmp.support.i18n import label, section_words

MAX_CELL = 32767  # Excel's limit on the characters in one cell
MIN_WIDTH, MAX_WIDTH, MAX_WIDE, MAX_HEADER_WIDTH = 8, 60, 30, 24  # column widths, in characters
PAGE_WIDTH = 80  # the widest column that prints on an A4 portrait page
PORTRAIT_WIDTH = 100  # wider sheets print landscape; every sheet prints one page wide
SUMMARY, RUN_INFO = "Summary", "Run info"

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WRAP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")


# -- text -------------------------------------------------------------------------------------------------


def clean(value: str) -> str:
    """Text XML can hold and one Excel cell can take; statute text is pasted from Word."""
    text = xml_text(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def put_text(ws: Worksheet, row: int, column: int, value: str) -> XlCell:
    """Write `value` as a string cell: openpyxl would turn "=…" into a formula, so the type is set explicitly."""
    c = ws.cell(row=row, column=column)
    text = clean(value)
    if text:  # an empty cell stays empty rather than an empty inline string
        c.value = text
        c.data_type = "s"
    return c


def sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, no edge apostrophes, ≤ 31 characters, unique ignoring case."""
    base = _SHEET_FORBIDDEN.sub("-", clean(name).replace("\n", " ")).strip().strip("'") or "Sheet"
    if base.casefold() == "history":  # reserved by Excel for change tracking
        base += "-"
    title, n = base[:31].rstrip("'"), 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)].rstrip("'") + suffix, n + 1
    taken.add(title.casefold())
    return title


def sheet_name(name: str, lang: str) -> str:
    """The name a reader of `lang` sees on the tab of a table's sheet: from the glossary's
    `[sheet]`, as a table's own name is an id that CSV file names and HTML anchors keep."""
    words = section_words("sheet", lang)
    if name in words:
        return words[name]
    head, _, rest = name.partition("-")
    return f"{words[head]} {rest}" if rest and head in words and lang != "en" else name


def _sheet_link(title: str) -> str:
    return "'" + title.replace("'", "''") + "'!A1"


# -- styles -------------------------------------------------------------------------------------------------


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


class _Styles:
    """Each kind of cell styled once through openpyxl, its style copied to the rest.

    openpyxl files a style assigned to a cell by hashing its font, fill and alignment
    objects field by field and looking them up among the workbook's: about 100 µs a
    cell, 1.9 s of the 5.5 s a world matrix (12,500 cells) took to write. A table has a
    handful of kinds of cell (a rating, a difference, bold text); a cell's style array
    holds only indices into the workbook's fonts, fills and alignments, and copying it is
    what openpyxl's own sheet copier does.
    """

    def __init__(self) -> None:
        self._kinds: dict[tuple[str | None, str | None, bool], StyleArray] = {}

    def apply(self, c: XlCell, cell: Cell) -> None:
        """Colour a rating, mark a comparison difference, and attach the evidence as a comment."""
        kind = (cell.rating if cell.rating in RATING_COLOURS else None, cell.mark, cell.bold)
        style = self._kinds.get(kind)
        if style is None:
            _style_cell(c, cell)
            self._kinds[kind] = copy(c._style)
        else:
            c._style = copy(style)
        if cell.note:
            c.comment = _comment(cell.note)


def _style_cell(c: XlCell, cell: Cell) -> None:
    """A table cell's wrapping, rating colours and comparison marks (its evidence is `_Styles.apply`'s)."""
    colour: str | None = None
    c.alignment = _WRAP
    if cell.rating in RATING_COLOURS:
        c.fill = _fill(RATING_COLOURS[cell.rating])
        colour = RATING_TEXT_COLOURS.get(cell.rating)
        c.alignment = _WRAP_CENTRE
    elif cell.mark == "differs":
        c.fill = _fill(DIFFERS_FILL)
    missing = cell.mark == "missing"
    if missing:
        colour = MISSING_COLOUR
    if cell.bold or missing or colour:
        c.font = Font(bold=cell.bold, italic=missing, color=colour)


def _comment(note: str) -> Comment:
    """A comment box sized to its text, so the evidence is readable without resizing it."""
    text = clean(note)
    lines = sum(1 + len(line) // 60 for line in text.splitlines() or [""])
    return Comment(text, "lawcmp", height=min(400, 20 + 14 * lines), width=360)


def _widths(ws: Worksheet, columns: Sequence[Sequence[str]], headers: Sequence[str], cap: int = MAX_WIDTH) -> None:
    """Columns as wide as their longest line, within bounds; long headers wrap instead of widening."""
    for i in range(max(len(headers), len(columns))):
        header = headers[i] if i < len(headers) else ""
        texts = columns[i] if i < len(columns) else ()
        longest = max((len(line) for text in texts for line in text.splitlines()), default=0)
        width = max(longest, min(len(header), MAX_HEADER_WIDTH)) + 2
        ws.column_dimensions[get_column_letter(i + 1)].width = max(MIN_WIDTH, min(cap, width))


def _fit_rows(ws: Worksheet) -> None:
    """Heights for rows whose text wraps: LibreOffice and Excel keep the default height of a row otherwise."""
    per_line_of: dict[int, int] = {}  # column -> characters per line, worked out once a column
    for row in ws.iter_rows():
        lines = 1
        for c in row:
            if isinstance(c.value, str) and c.value:
                per_line = per_line_of.get(c.column)
                if per_line is None:
                    width = ws.column_dimensions[c.column_letter].width or MIN_WIDTH
                    # Most letters are narrower than the "0" widths count.
                    per_line = per_line_of[c.column] = max(1, int(width * 1.15) - 2)
                lines = max(lines, sum(max(1, -(-len(line) // per_line)) for line in c.value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(409, 15 * lines)  # 409 pt: Excel's tallest row


def _page(ws: Worksheet, landscape: bool, fit_width: bool) -> None:
    """Print setup: the header row on every page; narrow sheets shrunk to one page wide."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


# -- sheets -------------------------------------------------------------------------------------------------


def _header_row(ws: Worksheet, headers: Sequence[str]) -> None:
    for col, header in enumerate(headers, start=1):
        c = put_text(ws, 1, col, header)
        c.font = Font(bold=True)
        c.fill = _fill(HEADER_FILL)
        c.alignment = _WRAP


def _table_sheet(ws: Worksheet, table: Table) -> None:
    """A table with a frozen, filtered header row and first column, ready for sorting and printing."""
    _header_row(ws, table.headers)
    columns: list[list[str]] = [[] for _ in range(max([1, len(table.headers), *(len(r) for r in table.rows)]))]
    styles = _Styles()
    rows = enumerate(table.rows, start=2)
    for r, row in progress.track(rows, f"writing {table.name}", len(table.rows)):  # a world history: 12,000 rows
        for col, cell in enumerate(row, start=1):
            styles.apply(put_text(ws, r, col, cell.text), cell)
            columns[col - 1].append(cell.text)
    _widths(ws, columns, table.headers, MAX_WIDE if table.wide else MAX_WIDTH)
    _fit_rows(ws)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{1 + len(table.rows)}"
    ws.print_title_rows = "1:1"
    total = sum(ws.column_dimensions[get_column_letter(i + 1)].width for i in range(len(columns)))
    _page(ws, landscape=table.wide or total > PORTRAIT_WIDTH, fit_width=True)


def _chart_sheet(ws: Worksheet, chart: Chart, lang: str) -> None:
    """The series as data, one row per day, with a native line chart of them below."""
    days, values = chart.table()
    headers = [label("as_of", lang), *(s.name for s in chart.series)]
    _header_row(ws, headers)
    for r, (day, *on_day) in enumerate(zip(days, *values, strict=True), start=2):
        ws.cell(row=r, column=1, value=day).number_format = "yyyy-mm-dd"
        for col, value in enumerate(on_day, start=2):
            if isinstance(value, float | int):  # no information or no point: an empty cell, a gap in the line
                ws.cell(row=r, column=col, value=value).number_format = "0.00"
    _widths(ws, [["0000-00-00"]], headers)
    _fit_rows(ws)
    ws.freeze_panes = "B2"
    put_text(ws, len(days) + 3, 1, chart.scale()).font = Font(italic=True)
    if days and chart.series:
        ws.add_chart(_line_chart(ws, chart, len(days)), f"A{len(days) + 5}")
    _page(ws, landscape=False, fit_width=True)


def _line_chart(ws: Worksheet, chart: Chart, n_days: int) -> LineChart:
    """A line per series over the data in `ws`; the y axis runs over the rating scale, NC (0) to C (3).

    Excel number formats allow only two conditions, too few to print four rating codes on
    the axis, so the axis title spells the scale out.
    """
    lc = LineChart()
    lc.title = clean(chart.title)
    lc.width, lc.height = 24, 12
    lc.display_blanks = "gap"
    lc.legend.position = "b"
    lc.add_data(Reference(ws, min_col=2, max_col=1 + len(chart.series), min_row=1, max_row=1 + n_days),
                titles_from_data=True)
    lc.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + n_days))
    for series in lc.series:  # a marker shows a value whose neighbours are gaps
        series.marker.symbol = "circle"
        series.smooth = False
    lc.y_axis.scaling.min, lc.y_axis.scaling.max = 0, max(1, len(chart.y_labels) - 1)
    lc.y_axis.majorUnit = 1
    lc.y_axis.number_format = "0"
    lc.y_axis.title = chart.scale()
    lc.x_axis.number_format = "yyyy-mm-dd"
    lc.x_axis.delete = lc.y_axis.delete = False  # openpyxl ≥ 3.1 hides axes unless told otherwise
    return lc


def _summary_sheet(ws: Worksheet, doc: Document, sheets: Sequence[Sequence[str]]) -> None:
    """The document's prose, with a link to the sheet of each of its tables and charts."""
    ws.column_dimensions["A"].width = PAGE_WIDTH
    rows: list[tuple[str, Font | None, str | None]] = [(doc.title, Font(bold=True, size=14), None)]
    if doc.subtitle:
        rows.append((doc.subtitle, Font(italic=True), None))
    for section, titles in zip(doc.sections, sheets, strict=True):
        rows.append(("", None, None))
        rows.extend(_section_rows(section, titles))
    for r, (text, font, link) in enumerate(rows, start=1):
        c = put_text(ws, r, 1, text)
        c.alignment = _WRAP
        if font is not None:
            c.font = font
        if link is not None:
            c.hyperlink = Hyperlink(ref=c.coordinate, location=_sheet_link(link))
    _fit_rows(ws)
    _page(ws, landscape=False, fit_width=True)


def _section_rows(section: Section, titles: Sequence[str]) -> Iterable[tuple[str, Font | None, str | None]]:
    yield section.heading, Font(bold=True, size=13 if section.level <= 2 else 11), None
    for paragraph in section.paragraphs:
        yield paragraph, None, None
    for bullet in section.bullets:
        yield f"• {bullet}", None, None
    captions = [t.caption for t in section.tables] + [c.title for c in section.charts]
    for title, caption in zip(titles, captions, strict=True):
        yield f"→ {title}" + (f" — {caption}" if caption else ""), Font(color="0563C1", underline="single"), title


def _run_info_sheet(ws: Worksheet, doc: Document) -> None:
    """How the report was made (version, as-of, corpus digest) and what the colours mean."""
    for r, (key, value) in enumerate(doc.meta, start=1):
        put_text(ws, r, 1, key).font = Font(bold=True)
        put_text(ws, r, 2, value)
    if doc.legend:
        top = len(doc.meta) + 2 if doc.meta else 1
        put_text(ws, top, 1, label("legend", doc.lang)).font = Font(bold=True)
        for r, (code, text) in enumerate(doc.legend, start=top + 1):
            for col, value in ((1, code), (2, text)):
                c = put_text(ws, r, col, value)
                if code in RATING_COLOURS:
                    c.fill = _fill(RATING_COLOURS[code])
                    c.font = Font(color=RATING_TEXT_COLOURS.get(code))
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = PAGE_WIDTH - 20
    _fit_rows(ws)
    _page(ws, landscape=False, fit_width=True)


# -- workbook -----------------------------------------------------------------------------------------------


def _properties(doc: Document) -> DocumentProperties:
    stamp = document_time(doc)
    return DocumentProperties(creator="lawcmp", lastModifiedBy="lawcmp", created=stamp, modified=stamp,
                              title=clean(doc.title), subject=doc.kind, language=doc.lang)


def merged_tables(doc: Document) -> dict[str, Table]:
    """The tables an analyst filters as one: those named `FAMILY-ID` with the same headers
    (a gap report's criteria, one table per obligation) become one table `FAMILY`, its
    first column the id, so one autofilter picks an obligation instead of sixty tabs."""
    families: dict[str, list[tuple[str, Table]]] = {}
    for section in doc.sections:
        for table in section.tables:
            family, _, ident = table.name.partition("-")
            if ident and "." in ident:  # `criteria-crim.acts`: an obligation's id after the family
                families.setdefault(family, []).append((ident, table))
    merged = {}
    for family, members in families.items():
        headers = {t.headers for _, t in members}
        if len(members) > 1 and len(headers) == 1:
            rows = tuple((Cell(text=ident), *row) for ident, t in members for row in t.rows)
            merged[family] = Table(name=family, headers=(label("id", doc.lang), *members[0][1].headers), rows=rows,
                                   wide=any(t.wide for _, t in members))
    return merged


def _head_and_foot(ws: Worksheet, doc: Document) -> None:
    """Each printed page says what it is: the title at its head, the date judged and the page at its foot."""
    ws.oddHeader.center.text = clean(doc.title).replace("&", "&&")
    ws.oddFooter.left.text = clean(doc.subtitle or "").replace("&", "&&")
    ws.oddFooter.right.text = "&P / &N"


def to_xlsx(doc: Document) -> bytes:
    """A workbook: "Summary", one sheet per table and per chart in document order (tables of
    one family on one sheet, `merged_tables`), the provisions and sources the sections cite
    (`citations.cited_tables`), then "Run info"; it opens on the main table's sheet."""
    wb = Workbook()
    wb.properties = _properties(doc)
    summary = wb.active
    assert summary is not None
    summary.title, run_info = sheet_name(SUMMARY, doc.lang), sheet_name(RUN_INFO, doc.lang)
    taken = {summary.title.casefold(), run_info.casefold()}
    merged, written = merged_tables(doc), {}
    main = doc.main_table()
    sheets: list[list[str]] = []
    for section in doc.sections:
        titles = []
        for table in section.tables:
            family = table.name.partition("-")[0]
            if family in merged and table.name != family:
                if family not in written:
                    ws = wb.create_sheet(sheet_title(sheet_name(family, doc.lang), taken))
                    _table_sheet(ws, merged[family])
                    written[family] = ws.title
                titles.append(written[family])
                continue
            ws = wb.create_sheet(sheet_title(sheet_name(table.name, doc.lang), taken))
            _table_sheet(ws, table)
            titles.append(ws.title)
            if table is main:
                wb.active = ws
        for chart in section.charts:
            ws = wb.create_sheet(sheet_title(sheet_name(chart.name, doc.lang), taken))
            _chart_sheet(ws, chart, doc.lang)
            titles.append(ws.title)
        sheets.append(titles)
    _summary_sheet(summary, doc, sheets)
    for table in cited_tables(doc):
        _table_sheet(wb.create_sheet(sheet_title(sheet_name(table.name, doc.lang), taken)), table)
    _run_info_sheet(wb.create_sheet(run_info), doc)
    for ws in wb.worksheets:
        _head_and_foot(ws, doc)
        ws.sheet_view.tabSelected = ws is wb.active
    buf = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the modification time with the clock.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalize_zip(buf.getvalue())
