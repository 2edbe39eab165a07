"""Documents as Word files (python-docx): an editable report a drafter can work in.

Headings, lists and tables use Word's own styles (plus three small paragraph styles of
ours for table text and evidence notes), so a drafter can restyle the whole report at
once and paste sections into a draft. Ratings are shaded cells whose text still carries
the rating symbol, so a black-and-white print loses nothing. Two promises shape the code:

- statute text stays inert: it is only ever written as run text, never as a field or a
  hyperlink, whatever it looks like;
- the same document gives the same bytes: fixed core properties and a zip rewritten with
  fixed timestamps, so reports can be diffed, cached and checked into a repository.
"""

from __future__ import annotations

import io
import re
from collections.abc import Hashable, Sequence
from typing import TypeVar

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section as PageSection
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from lawcmp.model.document import (
    RATING_COLOURS,
    RATING_TEXT_COLOURS,
    Cell,
    Chart,
    Document,
    Section,
    Table,
    chart_value,
)
from lawcmp.render.ooxml import DIFFERS_FILL, HEADER_FILL, MISSING_COLOUR, document_time, normalize_zip, xml_text
from lawcmp.render.template import on_template, table_style
from lawcmp.support import progress
from lawcmp.support.i18n import label, t

A4_SHORT, A4_LONG, MARGIN = Cm(21.0), Cm(29.7), Cm(2.0)
LANGUAGES = {"en": "en-GB", "ru": "ru-RU"}
TABLE_TEXT, NARROW_TEXT, NOTE_TEXT = "Table Text", "Table Text Narrow", "Evidence Note"
MIN_WEIGHT, MAX_WEIGHT, PADDING = 4, 40, 4  # a column's share of the width, in characters; padding for cell margins
PORTRAIT_CHARS = 110  # tables whose columns want more characters than this get landscape pages
NOTE_MARK = " [99]"  # room for the number of a cell's evidence note


clean = xml_text


# -- set-up -------------------------------------------------------------------------------------------------


def _properties(d: WordDocument, doc: Document) -> None:
    props = d.core_properties
    stamp = document_time(doc)
    props.author = props.last_modified_by = "lawcmp"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.title = clean(doc.title)
    props.subject = doc.kind
    props.language = LANGUAGES.get(doc.lang, doc.lang)
    props.comments = props.keywords = props.category = ""
    # The template's thumbnail shows a page that is not this document's.
    rels = d.part.package.rels
    for r_id in [r for r, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[r_id]


def _styles(d: WordDocument, lang: str, house: bool = False) -> None:
    """Body text in the report's language (for spelling), and the styles of table text and
    notes; on a ministry's template (`house`) its own fonts and sizes are left as they are."""
    normal = d.styles["Normal"]
    if not house:
        normal.font.size = Pt(10)
        normal.font.name = "Calibri"  # narrower than the template's Cambria: more fits in a table cell
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), LANGUAGES.get(lang, lang))
    normal.element.get_or_add_rPr().insert_element_before(lang_el, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    for name, size, italic in ((TABLE_TEXT, 9, False), (NARROW_TEXT, 7, False), (NOTE_TEXT, 8, True)):
        if house and name in d.styles:  # the template's own
            continue
        style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.italic = italic
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(2 if name == NOTE_TEXT else 0)


def _paragraph(d: WordDocument, text: str = "", style: str | None = None) -> Paragraph:
    """A paragraph of inert text in a named style.

    python-docx's own style argument compares the style with the default one by scanning
    the template's 270 styles on every call, which made a gap report take seconds; setting
    the style id directly costs one look-up by name.
    """
    p = d.add_paragraph()
    if style is not None:
        _apply(p, d.styles[style].style_id)
    if text:
        p.add_run(clean(text))
    return p


def _apply(paragraph: Paragraph, style_id: str) -> None:
    paragraph._p.get_or_add_pPr().style = style_id


def _page(section: PageSection, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def _orient(d: WordDocument, landscape: bool, house: bool = False) -> None:
    """Start a new page section when the orientation changes: wide tables get landscape pages
    (on a template, its own page turned, margins, headers and footers kept)."""
    if (d.sections[-1].orientation == WD_ORIENT.LANDSCAPE) != landscape:
        section = d.add_section(WD_SECTION.NEW_PAGE)
        if not house:
            _page(section, landscape)
            return
        width, height = section.page_width or A4_SHORT, section.page_height or A4_LONG
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        if (width > height) != landscape:
            section.page_width, section.page_height = height, width


def _text_width(d: WordDocument) -> Length:
    s = d.sections[-1]
    return Length((s.page_width or A4_SHORT) - (s.left_margin or MARGIN) - (s.right_margin or MARGIN))


# -- cells and tables -----------------------------------------------------------------------------------------


def shade(cell: _Cell, fill: str) -> None:
    """Fill a cell with a colour (w:shd), placed where the schema wants it among the cell's properties."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
    )


def _repeat_header(tr: CT_Row) -> None:
    """Mark the row as a header row, which Word repeats at the top of every page the table spans."""
    flag = OxmlElement("w:tblHeader")
    tr.get_or_add_trPr().append(flag)


def _keep_together(tr: CT_Row) -> None:
    """Keep a row on one page: a rating whose evidence note marker sits on the next page is hard to read."""
    tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


# -- copies ---------------------------------------------------------------------------------------------------

_R, _RPR, _XML_SPACE = qn("w:r"), qn("w:rPr"), qn("xml:space")
_TCW = f"{qn('w:tcPr')}/{qn('w:tcW')}"
_PIECES = re.compile(r"[\t\r\n]|[^\t\r\n]+")
E = TypeVar("E", bound=BaseOxmlElement)


def _clone(element: E) -> E:
    """A copy of an element and all it holds (lxml's copy is deep), without `copy.deepcopy`'s bookkeeping."""
    return element.__copy__()


# Copied rather than made: `OxmlElement` parses its tag's prefix on every call.
_TEXT, _TAB, _BR = OxmlElement("w:t"), OxmlElement("w:tab"), OxmlElement("w:br")


def fill_run(r: BaseOxmlElement, text: str) -> None:
    """Append `text` to a run as python-docx's `Run.text` writes it: text as w:t, a tab as
    w:tab, each carriage return or line feed as w:br (`_RunContentAppender`) — taken in
    pieces, where python-docx takes it character by character."""
    for piece in _PIECES.findall(text):
        if piece == "\t":
            r.append(_clone(_TAB))
        elif piece in "\r\n":
            r.append(_clone(_BR))
        else:
            t = _clone(_TEXT)
            t.text = piece
            if len(piece.strip()) < len(piece):  # as `CT_R.add_t`
                t.set(_XML_SPACE, "preserve")
            r.append(t)


class _Copies:
    """The first element of each kind written by python-docx; the others, copies of it with their own text.

    python-docx builds an element child by child, finding each child's place among its
    siblings, and reads run text character by character: 15 s for a world matrix, whose
    12,500 cells and as many evidence notes come in a handful of kinds (a rating, a bold
    row head, a note). A copy is the same XML with its runs refilled (`fill_run`).
    """

    def __init__(self) -> None:
        self._made: dict[Hashable, BaseOxmlElement] = {}

    def copy(self, kind: Hashable, texts: Sequence[str]) -> BaseOxmlElement | None:
        """A copy of the kind's element with `texts` in its runs, in order; None before one was kept."""
        template = self._made.get(kind)
        if template is None:
            return None
        element = _clone(template)
        for r, text in zip(list(element.iter(_R)), texts, strict=True):
            fill_run(r, text)
        return element

    def keep(self, kind: Hashable, element: BaseOxmlElement) -> None:
        """Remember `element`, just written by python-docx, as its kind's template (its runs emptied)."""
        template = _clone(element)
        for r in template.iter(_R):
            for child in [c for c in r if c.tag != _RPR]:
                r.remove(child)
        self._made[kind] = template


def _write_cell(target: _Cell, cell: Cell, style_id: str, marker: int | None) -> None:
    """The cell's text with its rating colours, comparison mark and the number of its evidence note."""
    paragraph = target.paragraphs[0]
    _apply(paragraph, style_id)
    run = paragraph.add_run(clean(cell.text))
    run.bold = cell.bold or None
    colour: str | None = None
    if cell.rating in RATING_COLOURS:
        shade(target, RATING_COLOURS[cell.rating])
        colour = RATING_TEXT_COLOURS.get(cell.rating)
    elif cell.mark == "differs":
        shade(target, DIFFERS_FILL)
    if cell.mark == "missing":
        run.italic = True
        colour = MISSING_COLOUR
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour)
    if marker is not None:
        ref = paragraph.add_run(_marker(marker))
        ref.font.superscript = True
        if colour is not None:
            ref.font.color.rgb = RGBColor.from_string(colour)


def _marker(number: int) -> str:
    return f" [{number}]"


def _cell_kind(cell: Cell, style_id: str, marker: int | None) -> Hashable:
    """What decides a cell's XML besides its texts (see `_write_cell`)."""
    return (style_id, cell.rating if cell.rating in RATING_COLOURS else None, cell.mark, bool(cell.bold), marker is not None)


def _weights(table: Table) -> list[int]:
    """Each column's share of the width, in characters: its longest line within bounds, but never less than
    its longest word (header words included), so words do not break mid-way unless the page is too narrow."""
    weights = []
    for i in range(_columns(table)):
        texts = [r[i].text + (NOTE_MARK if r[i].note else "") for r in table.rows if i < len(r)]
        texts.append(table.headers[i] if i < len(table.headers) else "")
        longest = max((len(line) for text in texts for line in text.splitlines()), default=0)
        word = max((len(w) for text in texts for w in text.split()), default=0)
        weights.append(PADDING + max(word, MIN_WEIGHT, min(MAX_WEIGHT, longest)))
    return weights


def _columns(table: Table) -> int:
    return max([1, len(table.headers), *(len(r) for r in table.rows)])


def _landscape(table: Table) -> bool:
    return table.wide or sum(_weights(table)) > PORTRAIT_CHARS


def _table(d: WordDocument, table: Table, lang: str, style: tuple[str, bool] = ("Table Grid", False)) -> None:
    """A table in `style` (`table_style`), its header row repeated on every page and shaded
    unless the style is a template's, then the evidence behind its cells."""
    if table.caption:
        _paragraph(d, table.caption, "Caption")
    grid = d.add_table(rows=1 + len(table.rows), cols=_columns(table))
    grid.style, house = style
    grid.autofit = False
    style_id = d.styles[NARROW_TEXT if table.wide else TABLE_TEXT].style_id
    header = grid.rows[0]
    _repeat_header(header._tr)
    for c, text in zip(header.cells, table.headers, strict=False):  # as many cells as the widest row
        if not house:
            shade(c, HEADER_FILL)
        _apply(c.paragraphs[0], style_id)
        c.paragraphs[0].add_run(clean(text)).bold = True
    # One number per distinct note: a timeline repeats the same evidence date after date.
    notes: dict[str, list[tuple[str, str]]] = {}
    numbers: dict[str, int] = {}
    copies = _Copies()
    rows = zip(table.rows, grid._tbl.tr_lst[1:], strict=True)
    for row, tr in progress.track(rows, f"writing {table.name}", len(table.rows)):  # a world history: 12,000 rows
        _keep_together(tr)
        for i, (cell, tc) in enumerate(zip(row, tr.tc_lst, strict=False)):  # a short row leaves cells empty
            marker = None
            if cell.note:
                notes.setdefault(cell.note, []).append(_note_place(table, row, i))
                marker = numbers.setdefault(cell.note, len(numbers) + 1)
            kind = _cell_kind(cell, style_id, marker)
            made = copies.copy(kind, (clean(cell.text),) if marker is None else (clean(cell.text), _marker(marker)))
            if made is None:
                _write_cell(_Cell(tc, grid), cell, style_id, marker)
                copies.keep(kind, tc)
            else:
                tr.replace(tc, made)
    _set_widths(grid, _weights(table), _text_width(d))
    _notes(d, notes, lang)


def _note_place(table: Table, row: Sequence[Cell], i: int) -> tuple[str, str]:
    """Where a note belongs, for a reader of the printed page: the row (its first cell) and the column."""
    column = table.headers[i] if i < len(table.headers) else ""
    return ("", column) if i == 0 else (row[0].text, column)


def _set_widths(grid: WordTable, weights: Sequence[int], total: Length) -> None:
    """Widths in proportion to the weights; Word reads the cells' widths, LibreOffice the grid's."""
    whole = sum(weights) or 1
    widths = [Length(int(total * weight / whole)) for weight in weights]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    # Row by row: a column's cells are found by walking the whole table. python-docx sizes
    # the first row's cells; a cell below that already has a width element takes the same
    # attributes (python-docx converts and sets them afresh for every cell: a world
    # history's 61,000 cells took 1.5 s).
    rows = grid._tbl.tr_lst
    sized: list[dict[str, str] | None] = []
    for tc, width in zip(rows[0].tc_lst if rows else (), widths, strict=True):
        tc.width = width
        tcw = tc.find(_TCW)
        sized.append(None if tcw is None else dict(tcw.attrib))
    for tr in rows[1:]:
        for tc, width, attributes in zip(tr.tc_lst, widths, sized, strict=True):
            tcw = tc.find(_TCW)
            if tcw is None or attributes is None or tcw.keys() != list(attributes):
                tc.width = width
            else:
                tcw.attrib.update(attributes)


def _notes(d: WordDocument, notes: dict[str, list[tuple[str, str]]], lang: str) -> None:
    """The evidence behind the table's cells, numbered as the cells are marked, in small italic text."""
    if not notes:
        return
    _paragraph(d, style=NOTE_TEXT).add_run(label("evidence", lang)).bold = True
    note_id = d.styles[NOTE_TEXT].style_id
    copies = _Copies()
    # Where `add_paragraph` puts a paragraph: before the body's section properties, found
    # here once; python-docx looks for them among all the body's paragraphs every time.
    end = d.element.body.sectPr
    for n, (note, places) in enumerate(notes.items(), start=1):
        texts = (f"[{n}] {clean(_places(places))}: ", clean(note))
        made = copies.copy(NOTE_TEXT, texts)
        if made is None:
            p = d.add_paragraph()
            _apply(p, note_id)
            p.add_run(texts[0]).bold = True
            p.add_run(texts[1])
            copies.keep(NOTE_TEXT, p._p)
        elif end is None:
            d.element.body.append(made)
        else:
            end.addprevious(made)


def _places(places: Sequence[tuple[str, str]]) -> str:
    """ "crim.acts · 2003-08-01, 2005-01-01": the cells sharing one note, grouped by row."""
    by_row: dict[str, list[str]] = {}
    for row, column in places:
        by_row.setdefault(row, []).append(column)
    return "; ".join(f"{row} · {', '.join(cols)}" if row else ", ".join(cols) for row, cols in by_row.items())


# -- sections -------------------------------------------------------------------------------------------------


def _chart(d: WordDocument, chart: Chart, lang: str) -> None:
    """A chart as the table of its values (one row per day), with the scale spelled out."""
    days, values = chart.table()
    rows = tuple(
        (Cell(text=day.isoformat()), *(Cell(text=chart_value(v)) for v in on_day)) for day, *on_day in zip(days, *values, strict=True)
    )
    _paragraph(d, f"{chart.title} ({chart.scale()})", "Caption")
    _table(d, Table(name=chart.name, headers=(label("as_of", lang), *(s.name for s in chart.series)), rows=rows), lang)


def _is_wide(section: Section) -> bool:
    return any(_landscape(t) for t in section.tables)


def _section(d: WordDocument, section: Section, lang: str, house: bool = False,
             style: tuple[str, bool] = ("Table Grid", False)) -> None:
    """A section on pages of its own orientation, so a heading stays with its wide table."""
    _orient(d, _is_wide(section), house)
    _paragraph(d, section.heading, f"Heading {max(1, min(9, section.level - 1))}")
    for text in section.paragraphs:
        _paragraph(d, text)
    for text in section.bullets:
        _paragraph(d, text, "List Bullet")
    for table in section.tables:
        _table(d, table, lang, style)
        _paragraph(d)  # Word joins two adjacent tables into one
    for chart in section.charts:
        _chart(d, chart, lang)


def _end_matter(d: WordDocument, doc: Document, style: str = "Table Grid") -> None:
    """The legend (each code in its colour) and how the report was made, in the report's table `style`."""
    style_id = d.styles[TABLE_TEXT].style_id
    if doc.legend:
        _paragraph(d, label("legend", doc.lang), "Heading 1")
        legend = d.add_table(rows=len(doc.legend), cols=2)
        legend.style = style
        for (code, text), row in zip(doc.legend, legend.rows, strict=True):
            _write_cell(row.cells[0], Cell(text=code, rating=code if code in RATING_COLOURS else None), style_id, None)
            _write_cell(row.cells[1], Cell(text=text), style_id, None)
        _set_widths(legend, (1, 6), _text_width(d))
    if doc.meta:
        _paragraph(d, t("html", "run", doc.lang), "Heading 1")
        info = d.add_table(rows=len(doc.meta), cols=2)
        info.style = style
        for (key, value), row in zip(doc.meta, info.rows, strict=True):
            _write_cell(row.cells[0], Cell(text=key, bold=True), style_id, None)
            _write_cell(row.cells[1], Cell(text=value), style_id, None)
        _set_widths(info, (1, 3), _text_width(d))


# -- document -------------------------------------------------------------------------------------------------


def to_docx(doc: Document, reference: bytes | None = None) -> bytes:
    """A Word report: title, the sections in order, then the legend and the run information;
    on `reference` (a .docx whose styles and pages to keep) when one is given."""
    house = reference is not None
    d = on_template(reference) if reference is not None else docx.Document()
    _properties(d, doc)
    _styles(d, doc.lang, house)
    if not house:
        _page(d.sections[0], bool(doc.sections) and _is_wide(doc.sections[0]))
    _paragraph(d, doc.title, "Title")
    if doc.subtitle:
        _paragraph(d, doc.subtitle, "Subtitle")
    style = table_style(d, house)
    for section in doc.sections:
        _section(d, section, doc.lang, house, style)
    _end_matter(d, doc, style[0])
    buf = io.BytesIO()
    d.save(buf)
    return normalize_zip(buf.getvalue())
