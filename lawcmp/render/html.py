"""Documents as one self-contained HTML page: inline CSS, inline SVG charts, no script.

Reports are mailed around and opened offline, printed, and read with screen readers, so
the page carries everything it needs and works without JavaScript. Everything from the
statute files reaches the template as plain strings and is escaped by jinja2's
autoescape; the only markup not built by the template is the chart SVG, which matplotlib
escapes itself. Links come only from `Cell.href`, and only as anchors into this page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup

from lawcmp.model.document import (
    RATING_COLOURS,
    RATING_SYMBOLS,
    RATING_TEXT_COLOURS,
    Cell,
    Chart,
    Document,
    Section,
    Table,
    chart_value,
)
from lawcmp.support.i18n import label, section_words

ANCHOR = re.compile(r"#[A-Za-z0-9._-]+\Z")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._]+")
MARKS = {"differs": "≠ "}
DARK_TEXT = "1F2328"
MIN_CONTRAST = 4.5  # WCAG 2 AA for normal-size text

# -- the view the template renders ----------------------------------------------------------------------


@dataclass(frozen=True)
class CellView:
    text: str
    header: bool = False
    bold: bool = False
    classes: str = ""
    style: str = ""
    title: str | None = None
    href: str | None = None
    note: int | None = None  # the number of the cell's footnote in its table


@dataclass(frozen=True)
class TableView:
    id: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[CellView, ...], ...]
    notes: tuple[tuple[int, str], ...] = ()
    wide: bool = False


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    svg: Markup
    data: TableView


@dataclass(frozen=True)
class SectionView:
    id: str
    level: int
    heading: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]
    tables: tuple[TableView, ...]
    charts: tuple[ChartView, ...]


@dataclass(frozen=True)
class LegendItem:
    code: str
    text: str
    style: str


@dataclass
class _Ids:
    """Unique element ids: the document's own anchors first, then generated ones.

    No id given out contains "--": ids derived from a table's or chart's id
    (`table-x--caption`, `chart-x--3`) add a "--" suffix, so they never meet another.
    """

    taken: set[str] = field(default_factory=set)

    def claim(self, wanted: str | None, fallback: str) -> str:
        if wanted and ANCHOR.match("#" + wanted) and "--" not in wanted:
            base = wanted
        else:
            base = _ID_UNSAFE.sub("-", fallback).strip("-") or "x"
        new, n = base, 1
        while new in self.taken:
            n += 1
            new = f"{base}-{n}"
        self.taken.add(new)
        return new


# -- entry point --------------------------------------------------------------------------------------------


def to_html(doc: Document) -> str:
    """The document as a standalone HTML5 page."""
    words = section_words("html", doc.lang)
    ids = _Ids({"main", "contents", "legend", "run"})
    # Every id is given out before any cell is rendered, so a link to any part of the
    # page is known to have a target wherever the link sits.
    section_ids = [ids.claim(s.anchor, f"section-{i + 1}") for i, s in enumerate(doc.sections)]
    table_ids = [[ids.claim(None, f"table-{t.name}") for t in s.tables] for s in doc.sections]
    chart_ids = [[ids.claim(None, f"chart-{c.name}") for c in s.charts] for s in doc.sections]
    anchors = frozenset(ids.taken)
    levels = heading_levels(s.level for s in doc.sections)
    sections = tuple(
        SectionView(
            sid, level, s.heading, s.paragraphs, s.bullets,
            tables=tuple(_table(t, tid, _caption(s, t), anchors) for t, tid in zip(s.tables, tids, strict=True)),
            charts=tuple(_chart(c, cid, words) for c, cid in zip(s.charts, cids, strict=True)),
        )
        for s, sid, level, tids, cids in zip(doc.sections, section_ids, levels, table_ids, chart_ids, strict=True)
    )
    return _template().render(
        doc=doc, words=words, sections=sections,
        contents=tuple(s for s in sections if s.level == 2),
        legend=tuple(LegendItem(code, text, rating_style(code)) for code, text in doc.legend),
        legend_heading=label("legend", doc.lang),
    )


@cache
def _template() -> Template:
    env = Environment(
        loader=PackageLoader("lawcmp", "templates"),
        autoescape=select_autoescape(("html", "html.j2"), default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    return env.get_template("report.html.j2")


# -- sections, tables, charts ---------------------------------------------------------------------------------


def heading_levels(levels: Iterable[int]) -> list[int]:
    """Levels h2…h6 that never skip one: the title is the page's only h1."""
    out, previous = [], 1
    for level in levels:
        previous = max(2, min(level, previous + 1, 6))
        out.append(previous)
    return out


def _caption(s: Section, t: Table) -> str:
    """Every table gets a caption; without its own, the section names it."""
    if t.caption:
        return t.caption
    return s.heading if len(s.tables) == 1 else f"{s.heading} — {t.name}"


def _table(t: Table, tid: str, caption: str, anchors: frozenset[str]) -> TableView:
    notes: dict[str, int] = {}  # note text -> number; a note shared by many cells is printed once
    rows = tuple(
        tuple(_cell(c, header=j == 0, notes=notes, anchors=anchors) for j, c in enumerate(row))
        for row in t.rows
    )
    return TableView(tid, caption, t.headers, rows, tuple((n, text) for text, n in notes.items()), t.wide)


def _cell(c: Cell, header: bool, notes: dict[str, int], anchors: frozenset[str]) -> CellView:
    classes = []
    if c.rating in RATING_COLOURS:
        classes.append("rating")
    if c.mark:
        classes.append(f"mark-{c.mark}")
    if is_token(c.text):
        classes.append("token")
    number = notes.setdefault(c.note, len(notes) + 1) if c.note else None
    return CellView(
        text=MARKS.get(c.mark or "", "") + with_symbol(c.text, c.rating),
        header=header, bold=c.bold, classes=" ".join(classes), style=rating_style(c.rating),
        title=c.note, href=safe_href(c.href, anchors), note=number,
    )


def with_symbol(text: str, rating: str | None) -> str:
    """Cell text with its rating's symbol, so that colour is never the only sign of a
    rating (black-and-white print, colour blindness); most cells already carry it."""
    symbol = RATING_SYMBOLS.get(rating or "")
    if symbol is None or rating not in RATING_COLOURS or symbol in text:
        return text
    return f"{symbol} {text}"


def is_token(text: str) -> bool:
    """Ids, dates and codes ("crim.no-transnational-element", "2003-08-01") read badly
    when a narrow column breaks them at a hyphen; they are kept on one line."""
    return 0 < len(text) <= 40 and not any(ch.isspace() for ch in text)


def _chart(c: Chart, cid: str, words: Mapping[str, str]) -> ChartView:
    from lawcmp.render.chart import chart_svg, describe

    days, values = c.table()
    rows = tuple(
        (CellView(s.name, header=True), *(CellView(chart_value(v)) for v in row))
        for s, row in zip(c.series, values, strict=True)
    )
    data = TableView(f"{cid}--data", f"{words['chart_data']}: {c.title}", ("", *(d.isoformat() for d in days)), rows)
    return ChartView(cid, c.title, Markup(chart_svg(c, cid, describe(c, words["chart_alt"]))), data)


# -- links and colours --------------------------------------------------------------------------------------


def safe_href(href: str | None, anchors: frozenset[str] | set[str]) -> str | None:
    """An anchor into this page, or nothing: never a URL, never a dangling link."""
    if href is None or not ANCHOR.match(href):
        return None
    return href if href[1:] in anchors else None


def rating_style(rating: str | None) -> str:
    """Background and a text colour that reads on it (symbols carry the meaning too)."""
    background = RATING_COLOURS.get(rating or "")
    if background is None:
        return ""
    return f"background-color:#{background};color:#{text_colour(background, rating or '')}"


def text_colour(background: str, rating: str) -> str:
    """RATING_TEXT_COLOURS where it reaches WCAG AA contrast on the background, else the
    first of ink, black and white that does (white on the green of C reaches only 3.7:1)."""
    candidates = (RATING_TEXT_COLOURS.get(rating, DARK_TEXT), DARK_TEXT, "000000", "FFFFFF")
    for fg in candidates:
        if contrast(fg, background) >= MIN_CONTRAST:
            return fg
    return max(candidates, key=lambda fg: contrast(fg, background))


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two hex colours (1 … 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
