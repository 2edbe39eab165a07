"""Documents as terminal text, Markdown and CSV (tabulate and the csv module)."""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence

from tabulate import tabulate

from lawcmp.model.document import Cell, Document, Table
from lawcmp.render.citations import cited_once
from lawcmp.support.safe import cell as safe_cell
from lawcmp.support.safe import md, plain

MARKS = {"differs": "≠ ", "missing": "", "same": ""}


def _cell_text(c: Cell) -> str:
    return (MARKS.get(c.mark or "", "") + c.text) if c.mark else c.text


WIDTH = 100  # a terminal's columns: text and tables are laid out to fit
_GAP = 2  # tabulate's "simple" format puts two spaces between columns
_WRAPPERS: dict[int, textwrap.TextWrapper] = {}


def _wrap(text: str, width: int) -> str:
    """A cell wrapped at `width` characters, blank lines dropped: what tabulate's
    `maxcolwidths` does, with one stdlib wrapper per width rather than a new one per cell (a
    gap report has 500 cells; this halves the time of a terminal report)."""
    if len(text) <= width and text.isprintable() and text == text.strip():
        return text  # what the wrapper would give back: most cells are short (and it is slow)
    wrapper = _WRAPPERS.get(width)
    if wrapper is None:
        wrapper = _WRAPPERS[width] = textwrap.TextWrapper(width=width, break_on_hyphens=False)
    return "\n".join(line for part in text.splitlines() if part.strip() for line in wrapper.wrap(part))


def _floor(header: str) -> int:
    """The least a column is narrowed to: 12, or its header and the two characters tabulate
    adds to it."""
    return max(12, len(header) + 2)


def _widths(headers: Sequence[str], rows: list[list[str]]) -> list[int]:
    """Column widths that fit the table in `WIDTH` columns where its columns allow: each
    column as wide as its longest line, the widest ones narrowed first, none below its floor."""
    n = len(headers)
    natural = [max([len(headers[i]) + 2] + [len(line) for r in rows for line in (r[i].splitlines() or [""])])
               for i in range(n)]
    budget = WIDTH - _GAP * (n - 1)
    widths = list(natural)
    floors = [_floor(h) for h in headers]
    while sum(widths) > budget:
        narrowable = [i for i in range(n) if widths[i] > floors[i]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] = max(floors[widest], widths[widest] - max(1, (sum(widths) - budget) // n))
    return widths


def _text_tables(table: Table) -> list[str]:
    """A table for the terminal, in `WIDTH` columns: cells wrapped; a table with more columns
    than fit (a timeline's dates) in slices of columns, each repeating the first."""
    rows = [[_cell_text(c) for c in r] for r in table.rows]
    n = len(table.headers)
    # The least each column can be narrowed to; the columns after the first go in slices
    # that fit beside it.
    least = [min(_floor(h), max([len(h) + 2] + [len(r[i]) for r in rows])) for i, h in enumerate(table.headers)]
    slices: list[list[int]] = []
    room = WIDTH - min(least[0], 30) if n else WIDTH
    for i in range(1, n):
        if not slices or sum(least[j] + _GAP for j in slices[-1][1:]) + least[i] + _GAP > room:
            slices.append([0])
        slices[-1].append(i)
    if not slices:
        slices = [list(range(n))]
    out = []
    for k, cols in enumerate(slices):
        headers = [table.headers[i] for i in cols]
        cut = [[r[i] for i in cols] for r in rows]
        widths = _widths(headers, cut)
        cut = [[_wrap(c, w) for c, w in zip(r, widths, strict=True)] for r in cut]
        if k:
            out.append("")
        out.append(tabulate(cut, headers=headers, tablefmt="simple", disable_numparse=True))
    return out


def _fill(text: str, indent: str = "", first: str = "") -> list[str]:
    """A paragraph or a bullet, wrapped to `WIDTH`."""
    head = first or indent
    if len(head) + len(text) <= WIDTH and text.isprintable() and text == text.strip() and text:
        return [head + text]  # what textwrap would give: one line
    return textwrap.wrap(text, width=WIDTH, initial_indent=first or indent, subsequent_indent=indent,
                         break_on_hyphens=False) or [first.rstrip()]


def _chart_text(doc: Document) -> list[str]:
    out = []
    for s in doc.sections:
        for chart in s.charts:
            out.append(chart.title)
            for series in chart.series:
                marks = "".join(
                    "·" if p.value is None else "▁▃▅█"[min(3, round(p.value))] for p in series.points
                )
                out.append(f"  {series.name:<28} {marks}")
    return out


def to_text(doc: Document) -> str:
    """The document for a terminal: each citation several sections share named once (`citations`)."""
    doc = cited_once(doc)
    out = [*_fill(doc.title + (f" — {doc.subtitle}" if doc.subtitle else "")), ""]
    for s in doc.sections:
        heading = _fill(s.heading)
        out.extend(heading)
        out.append("-" * min(max(len(line) for line in heading), 78))
        for p in s.paragraphs:
            out.extend(line for part in p.splitlines() for line in _fill(part))
        for b in s.bullets:
            out.extend(_fill(b, "    ", "  • "))
        for table in s.tables:
            out.extend(_text_tables(table))
        if s.charts:
            out.extend(_chart_text(Document(kind=doc.kind, title="", sections=(s,))))
        out.append("")
    if doc.legend:
        out.extend(_fill("  ".join(text for _, text in doc.legend)))
    return plain("\n".join(out).rstrip() + "\n")


def _md_table(table: Table) -> str:
    rows = [[md(_cell_text(c)) for c in r] for r in table.rows]
    return tabulate(rows, headers=[md(h) for h in table.headers], tablefmt="github", disable_numparse=True)


def to_markdown(doc: Document) -> str:
    out = [f"# {md(doc.title)}", ""]
    if doc.subtitle:
        out += [f"*{md(doc.subtitle)}*", ""]
    for s in doc.sections:
        out += [f"{'#' * min(6, s.level)} {md(s.heading)}", ""]
        out += [md(p) + "\n" for p in s.paragraphs]
        if s.bullets:
            out += [f"- {md(b)}" for b in s.bullets] + [""]
        for table in s.tables:
            out += [_md_table(table), ""]
        for line in _chart_text(Document(kind=doc.kind, title="", sections=(s,))) if s.charts else []:
            out.append(f"    {line}")
        if s.charts:
            out.append("")
    if doc.legend:
        out += ["**" + md(" · ".join(text for _, text in doc.legend)) + "**", ""]
    if doc.meta:
        out += [md(" · ".join(f"{k}: {v}" for k, v in doc.meta)), ""]
    return "\n".join(out).rstrip() + "\n"


def to_csv(doc: Document) -> str:
    """The document's main table, as a spreadsheet or `csvkit` reads one: a header row, then
    the rows; cells never formulas. The other tables: `csv_tables`."""
    table = doc.main_table()
    return table_csv(table) if table is not None else ""


def csv_tables(doc: Document) -> dict[str, str]:
    """Every table of the document as CSV, by name (the files `-o NAME.csv` writes beside the
    main one), and its methods and limitations as a table of one column, a paragraph a row.

    CSV is one table, and a table is what a program reading it expects: the methods are not
    put into the answer's file, where they would break every reader of it, but written
    beside it with the other tables, as `NAME.methods.csv` (docs/architecture.md).
    """
    out = {t.name: table_csv(t) for t in doc.tables()}
    for s in doc.sections:
        if s.anchor == "methods" and s.paragraphs:
            out.setdefault("methods", table_csv(Table(name="methods", headers=(s.heading,),
                                                      rows=tuple((Cell(text=p),) for p in s.paragraphs))))
    return out


def table_csv(table: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(h) for h in table.headers])
    for r in table.rows:
        w.writerow([safe_cell(_cell_text(c)) for c in r])
    return buf.getvalue()
