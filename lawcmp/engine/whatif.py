"""What would this draft change? Current against projected ratings, obligation by obligation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lawcmp.engine.evaluate import assess_book
from lawcmp.law.overlay import apply_bill
from lawcmp.load.catalog import load_catalog
from lawcmp.model.findings import Assessment, Finding
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Bill, Corpus
from lawcmp.support.diagnostics import books_for
from lawcmp.support.i18n import section_words

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

    def flips(self) -> list[tuple[str, str, str]]:
        """The criteria whose grade the bill changes: (criterion, grade now, grade projected)."""
        return [(b.name, a.grade, b.grade)
                for a, b in zip(self.current.criteria, self.projected.criteria, strict=True) if a.grade != b.grade]

    def flipped(self) -> list[str]:
        return [f"{name}: {old} → {new}" for name, old, new in self.flips()]


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


