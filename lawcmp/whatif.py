"""What would this draft change? Current against projected ratings, obligation by obligation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawcmp.catalog import Catalog, load_catalog
from lawcmp.docparts import books_for, gap_text, legend, rating_cell, run_meta
from lawcmp.document import RATING_SYMBOLS, Cell, Document, Section, Table
from lawcmp.engine import assess_book
from lawcmp.findings import Assessment, Finding
from lawcmp.i18n import label, t
from lawcmp.model import Bill, Corpus
from lawcmp.overlay import apply_bill

GAP = ("NC", "PC", "LC")


@dataclass(frozen=True)
class Change:
    obligation: str
    current: Finding
    projected: Finding

    @property
    def status(self) -> str:
        """closed, opened, narrowed, widened, left or unchanged."""
        cur, new = self.current.rating, self.projected.rating
        order = ["NC", "PC", "LC", "C"]
        if cur in GAP and new == "C":
            return "closed"
        if cur == "C" and new in GAP:
            return "opened"
        if cur in order and new in order and cur != new:
            return "narrowed" if order.index(new) > order.index(cur) else "widened"
        if new in GAP:
            return "left"
        if cur == "NI" and new != "NI":
            return "rated"  # the bill says something where the book says nothing
        if cur != new:
            return "changed"
        return "unchanged"

    def flipped(self) -> list[str]:
        out = []
        for a, b in zip(self.current.criteria, self.projected.criteria, strict=True):
            if a.grade != b.grade:
                out.append(f"{b.name}: {a.grade} → {b.grade}")
        return out


@dataclass(frozen=True)
class WhatIf:
    bill: Bill
    current: Assessment
    projected: Assessment
    changes: tuple[Change, ...]

    def by_status(self, status: str) -> list[Change]:
        return [c for c in self.changes if c.status == status]


def whatif(corpus: Corpus, code: str, bill: Bill, as_of: dt.date | None = None, catalog: Catalog | None = None) -> WhatIf:
    """Evaluate the book with and without the bill, at `as_of` (default: its effective date)."""
    catalog = catalog or load_catalog()
    book = books_for(corpus, [code])[0]
    assert bill.effective is not None
    day = max(as_of or bill.effective.day, bill.effective.day)
    current = assess_book(book, day, catalog, corpus.digest)
    projected = assess_book(apply_bill(book, bill), day, catalog, corpus.digest)
    changes = tuple(
        Change(a.obligation, a, b) for a, b in zip(current.findings, projected.findings, strict=True)
    )
    return WhatIf(bill, current, projected, changes)


STATUS_TEXT = {
    "closed": "gap closed", "opened": "gap opened", "narrowed": "gap narrowed", "widened": "gap widened",
    "left": "gap left", "rated": "newly rated", "changed": "changed", "unchanged": "",
}


def whatif_document(w: WhatIf, corpus: Corpus, lang: str = "en") -> Document:
    a = w.current
    rows = tuple(
        (Cell(text=c.obligation, bold=True, note=c.current.title), rating_cell(c.current, lang), rating_cell(c.projected, lang),
         Cell(text=STATUS_TEXT[c.status], mark="differs" if c.status not in ("unchanged", "left") else None),
         Cell(text="; ".join(c.flipped())))
        for c in w.changes
    )
    table = Table(name="whatif", headers=(label("obligation", lang), "current", "projected", "change", "criteria that flip"), rows=rows)
    bullets = []
    for status in ("closed", "narrowed", "opened", "widened", "rated"):
        for c in w.by_status(status):
            bullets.append(f"{STATUS_TEXT[status]}: {c.obligation} {c.current.label} → {c.projected.label}")
    left = w.by_status("left")
    summary = Section(
        heading="What the bill would change",
        paragraphs=(
            f"{w.bill.id} «{w.bill.title}», effective {w.bill.effective}, overlaid on {a.name} ({a.jurisdiction}) at {a.as_of.isoformat()}.",
            f"Gaps closed: {len(w.by_status('closed'))}; narrowed: {len(w.by_status('narrowed'))}; "
            f"opened: {len(w.by_status('opened'))}; widened: {len(w.by_status('widened'))}; left: {len(left)}.",
        ),
        bullets=tuple(bullets) or ("The bill changes no rating.",),
    )
    left_section = Section(
        heading="Gaps the bill leaves",
        bullets=tuple(f"{c.obligation} {RATING_SYMBOLS[c.projected.rating]} {c.projected.label} — {gap_text(c.projected, lang) or t('rating', c.projected.rating, lang)}" for c in left),
    )
    return Document(
        kind="whatif", lang=lang, title=f"What-if: {w.bill.title}", subtitle=f"{a.name} — {label('as_of', lang)} {a.as_of.isoformat()}",
        meta=run_meta(corpus, a.as_of, lang, [("bill", w.bill.id)]), legend=legend(lang),
        sections=(summary, Section(heading=label("rating", lang), tables=(table,)), left_section),
    )
