"""Documents as terminal text, Markdown and CSV (tabulate and the csv module)."""

from __future__ import annotations

import csv
import io
import textwrap

from tabulate import tabulate

from lawcmp.model.document import Cell, Document, Table
from lawcmp.support.safe import cell as safe_cell
from lawcmp.support.safe import md, plain

MARKS = {"differs": "≠ ", "missing": "", "same": ""}


def _cell_text(c: Cell) -> str:
    return (MARKS.get(c.mark or "", "") + c.text) if c.mark else c.text


_WRAPPER = textwrap.TextWrapper(width=60)


def _wrap(text: str) -> str:
    """A cell wrapped at 60 characters, blank lines dropped: what tabulate's `maxcolwidths`
    does, with one stdlib wrapper for every cell rather than a new one per cell (a gap
    report has 500 cells; this halves the time of a terminal report)."""
    return "\n".join(line for part in text.splitlines() if part.strip() for line in _WRAPPER.wrap(part))


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
    out = [doc.title + (f" — {doc.subtitle}" if doc.subtitle else ""), ""]
    for s in doc.sections:
        out.append(s.heading)
        out.append("-" * min(len(s.heading), 78))
        out.extend(s.paragraphs)
        out.extend(f"  • {b}" for b in s.bullets)
        for table in s.tables:
            rows = [[_cell_text(r[0]), *(_wrap(_cell_text(c)) for c in r[1:])] for r in table.rows]
            out.append(tabulate(rows, headers=table.headers, tablefmt="simple", disable_numparse=True))
        if s.charts:
            out.extend(_chart_text(Document(kind=doc.kind, title="", sections=(s,))))
        out.append("")
    if doc.legend:
        out.append("  ".join(text for _, text in doc.legend))
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
    """Every table of the document as CSV, by name (the files `-o NAME.csv` writes beside the main one)."""
    return {t.name: table_csv(t) for t in doc.tables()}


def table_csv(table: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(h) for h in table.headers])
    for r in table.rows:
        w.writerow([safe_cell(_cell_text(c)) for c in r])
    return buf.getvalue()
