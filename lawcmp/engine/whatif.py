"""What would this draft change? Current against projected ratings, obligation by obligation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawcmp.engine.evaluate import assess_book
from lawcmp.law.overlay import apply_bill
from lawcmp.load.catalog import load_catalog
from lawcmp.model.document import RATING_SYMBOLS, Cell, Document, Section, Table
from lawcmp.model.findings import Assessment, Finding
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Bill, Corpus
from lawcmp.reports.docparts import books_for, gap_text, legend, rating_cell, run_meta
from lawcmp.support.i18n import label, section_words, t

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


def status_text(status: str, lang: str) -> str:
    """How a change of one obligation is named: "gap closed", "gap left", … ("" when unchanged)."""
    return "" if status == "unchanged" else section_words("drafting", lang)[f"status_{status}"]


def whatif_document(w: WhatIf, corpus: Corpus, lang: str = "en") -> Document:
    a = w.current
    words = section_words("drafting", lang)
    rows = tuple(
        (Cell(text=c.obligation, bold=True, note=c.current.title_in(lang)), rating_cell(c.current, lang),
         rating_cell(c.projected, lang),
         Cell(text=status_text(c.status, lang), mark="differs" if c.status not in ("unchanged", "left") else None),
         Cell(text="; ".join(c.flipped())))
        for c in w.changes
    )
    headers = (label("obligation", lang), words["current"], words["projected"], words["change"], words["flips"])
    table = Table(name="whatif", headers=headers, rows=rows)
    bullets = []
    for status in ("closed", "narrowed", "opened", "widened", "rated"):
        for c in w.by_status(status):
            bullets.append(f"{status_text(status, lang)}: {c.obligation} {c.current.label} → {c.projected.label}")
    left = w.by_status("left")
    counts = {s: len(w.by_status(s)) for s in ("closed", "narrowed", "opened", "widened", "left")}
    summary = Section(
        heading=words["whatif_heading"],
        paragraphs=(
            words["whatif_overlay"].format(bill=w.bill.id, title=w.bill.title, effective=w.bill.effective, name=a.name,
                                           code=a.jurisdiction, day=a.as_of.isoformat()),
            words["whatif_counts"].format(**counts),
        ),
        bullets=tuple(bullets) or (words["whatif_none"],),
    )
    left_section = Section(
        heading=words["whatif_left"],
        bullets=tuple(f"{c.obligation} {RATING_SYMBOLS[c.projected.rating]} {c.projected.label} — {gap_text(c.projected, lang) or t('rating', c.projected.rating, lang)}" for c in left),
    )
    return Document(
        kind="whatif", lang=lang, title=words["whatif_title"].format(title=w.bill.title),
        subtitle=f"{a.name} — {label('as_of', lang)} {a.as_of.isoformat()}",
        meta=run_meta(corpus, a.as_of, lang, [(words["bill"], w.bill.id)]), legend=legend(lang),
        sections=(summary, Section(heading=label("rating", lang), tables=(table,)), left_section),
    )
