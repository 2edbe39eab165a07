"""A format-neutral report document: what every writer (text, Markdown, CSV, XLSX, DOCX,
HTML, PDF) renders.

Reports (matrix, gap report, timeline, comparison, what-if) are built once, in the
reader's language, as a `Document`; each output format is written once, from any
document. So adding a report needs no new writer, and adding a format needs no new
report. Cell text is plain text from the statute files: writers must keep it inert
(see `lawcmp.support.safe`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from lawcmp.model.statute import FROZEN

# Ratings: a colour for screens and a symbol that survives black-and-white printing.
RATING_COLOURS: dict[str, str] = {
    "C": "1A9850",
    "LC": "91CF60",
    "PC": "FEE08B",
    "NC": "D73027",
    "N/A": "BDBDBD",
    "NI": "F2F2F2",
}
RATING_SYMBOLS: dict[str, str] = {"C": "●", "LC": "◕", "PC": "◑", "NC": "○", "N/A": "–", "NI": "?"}
RATING_TEXT_COLOURS: dict[str, str] = {"NC": "FFFFFF", "C": "000000"}  # WCAG AA contrast on each fill

Mark = Literal["same", "differs", "missing"]


class _Frozen(BaseModel):
    model_config = FROZEN


class Cell(_Frozen):
    text: str = ""
    rating: str | None = None  # C, LC, PC, NC, N/A, NI — colours the cell
    note: str | None = None  # evidence: an XLSX comment, an HTML title, a DOCX footnote-like line
    href: str | None = None  # an internal anchor ("#finding-crim.acts") only, never a URL from input
    mark: Mark | None = None  # comparison: is this value the same in every column?
    bold: bool = False


class Table(_Frozen):
    name: str  # a short name: XLSX sheet title, CSV file stem, HTML id
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str | None = None
    wide: bool = False  # many columns: landscape in DOCX


class Point(_Frozen):
    day: dt.date
    value: float | None  # None: no information


class Series(_Frozen):
    name: str
    points: tuple[Point, ...]


class Chart(_Frozen):
    """A step chart of ratings over time (y: 0 = NC … 3 = C).

    Every format that cannot draw it shows it as a table — a row per day, a column per
    series — and every format that draws it gives that table beside it (accessibility);
    `table` and `scale` are that table and its legend, for all of them.
    """

    name: str
    title: str
    series: tuple[Series, ...]
    y_labels: tuple[str, ...] = ("NC", "PC", "LC", "C")

    def table(self) -> tuple[list[dt.date], list[list[float | str | None]]]:
        """The days any series has a point on, and per series its value on each: a number,
        None for no information, "" where the series has no point that day."""
        days = sorted({p.day for s in self.series for p in s.points})
        rows = []
        for s in self.series:
            by_day: dict[dt.date, float | None] = {p.day: p.value for p in s.points}
            rows.append([by_day.get(d, "") for d in days])
        return days, rows

    def scale(self) -> str:
        """The y axis spelled out: `0 = NC · 1 = PC · 2 = LC · 3 = C`."""
        return " · ".join(f"{i} = {name}" for i, name in enumerate(self.y_labels))


def chart_value(value: float | str | None) -> str:
    """A value of `Chart.table` as text: two decimals, "—" for no information, "" for no point."""
    if value is None:
        return "—"
    return value if isinstance(value, str) else f"{value:.2f}"


class Section(_Frozen):
    heading: str
    level: int = 2
    anchor: str | None = None
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


class Document(_Frozen):
    kind: str  # matrix, report, timeline, compare, whatif, diff, dual-criminality
    title: str
    lang: str = "en"
    subtitle: str | None = None
    meta: tuple[tuple[str, str], ...] = ()  # run information: version, as-of, corpus hash
    sections: tuple[Section, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()  # (rating code, label)
    main: str = ""  # the name of the table that is the document's answer (default: its first)

    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    def main_table(self) -> Table | None:
        """The table a one-table format (CSV) writes: `main`, or the first."""
        tables = self.tables()
        return next((t for t in tables if t.name == self.main), tables[0] if tables else None)
