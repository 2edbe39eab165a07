"""What the server reads once, and the answers it gives from it: pure, with no HTTP in it.

A drafter types, and every pause re-checks the bill. Reading and checking the corpus
takes a quarter of a second; re-checking one bill against the corpus in memory and
rating one state with and without it takes a few milliseconds. So everything that does
not depend on the bill is read here once (`load_workspace`), and an edit costs only the
bill: `lsp.analysis.analyse` (the checks of `lawcmp check`, the same functions) and
`engine.whatif` over the one state the bill amends. The current ratings of a state on a
day do not depend on the bill either, and are kept (`Workspace.current`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.whatif import Change, WhatIf, status_text
from lawcmp.law.overlay import apply_bill
from lawcmp.lsp.analysis import Context, analyse, load_context
from lawcmp.model.document import Document
from lawcmp.model.findings import Assessment
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Bill, Corpus
from lawcmp.support.diagnostics import Diagnostic, LawcmpError
from lawcmp.support.i18n import t

MAX_BILL = 1_000_000  # bytes of bill text an edit may send; the statute language's own limits apply below it
UNTITLED = "untitled.law"


class NotFound(LookupError):
    """Something asked for by name (a state, a bill, a format) that the server does not have."""


@dataclass(frozen=True)
class Draft:
    """A bill file of the corpus, as it was on disk when the server started."""

    name: str
    path: Path
    text: str
    states: tuple[str, ...]


@dataclass
class Workspace:
    """The corpus, the catalog and the analysis context, read once; the current ratings, kept."""

    corpus: Corpus
    catalog: Catalog
    context: Context
    drafts: dict[str, Draft]
    folder: Path  # where a bill not read from disk is taken to live, so its diagnostics name a sensible path
    _current: dict[tuple[str, dt.date], Assessment] = field(default_factory=dict)

    @property
    def states(self) -> list[str]:
        return sorted(self.corpus.books)

    def state(self, code: str) -> str:
        """The state named by its ISO code or name, if the corpus has its book."""
        from lawcmp.support.countries import code_of

        found = code_of(code).upper()
        if found not in self.corpus.books:
            raise NotFound(f"no state `{code}` in the corpus (it has {', '.join(self.states)})")
        return found

    def current(self, code: str, day: dt.date) -> Assessment:
        key = (code, day)
        if key not in self._current:
            self._current[key] = assess_book(self.corpus.books[code], day, self.catalog, self.corpus.digest)
        return self._current[key]

    def default_day(self, code: str | None = None) -> dt.date:
        """The latest day the sources cover (of one state, or of all), as commands judge by default."""
        from lawcmp.law.coverage import latest_covered_day

        books = [self.corpus.books[code]] if code else list(self.corpus.books.values())
        return latest_covered_day(books, dt.date.today())

    def bill_path(self, name: str | None) -> Path:
        """A shipped bill's own path (so the analysis puts the edit in place of the file), else a name in its folder."""
        if name and name in self.drafts:
            return self.drafts[name].path
        stem = Path(name or UNTITLED).name
        return self.folder / (stem if stem.endswith(".law") else f"{stem}.law")


def load_workspace(corpus: Sequence[Path] | None = None) -> Workspace:
    """The corpus under `corpus` (default: the shipped `statutes/`), checked whole; raises on any error, as `lawcmp whatif` does."""
    from lawcmp.load.catalog import load_catalog
    from lawcmp.load.checks import is_bill_file
    from lawcmp.load.corpus import load_corpus
    from lawcmp.load.files import DEFAULT_STATUTES

    paths = list(corpus) if corpus else [DEFAULT_STATUTES]
    loaded = load_corpus(paths)
    context = load_context(paths)
    drafts: dict[str, Draft] = {}
    for shown, model in sorted(context.files.items()):
        if is_bill_file(model):
            where = context.locations[shown]
            drafts.setdefault(where.name, Draft(where.name, where, where.read_text(encoding="utf-8"),
                                                tuple(sorted({b.jurisdiction for b in model.bills}))))
    folder = next(iter(drafts.values())).path.parent if drafts else paths[0] / "drafts"
    return Workspace(loaded, load_catalog(), context, drafts, folder)


# -- a bill, checked and projected ------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """A bill's text as checked: its diagnostics, and the what-if when it has no error."""

    diagnostics: tuple[Diagnostic, ...]
    result: WhatIf | None = None


def check_bill(ws: Workspace, text: str, name: str | None = None, as_of: dt.date | None = None) -> Checked:
    """`text` checked as `lawcmp check` checks a bill file, then overlaid on its state's book as `lawcmp whatif` does.

    A text with an error gets no what-if: the projection of a bill that does not read
    as written would mislead more than it helps.
    """
    if len(text.encode("utf-8")) > MAX_BILL:
        raise ValueError(f"the bill is larger than {MAX_BILL // 1000} kB")
    path = ws.bill_path(name)
    analysis = analyse(text, path, ws.context)
    found = tuple(analysis.diagnostics)
    if any(d.severity == "error" for d in found) or analysis.model is None:
        return Checked(found)
    bills = analysis.model.bills
    if len(bills) != 1:
        return Checked((*found, Diagnostic(code="ID03", path=analysis.shown,
                                           message=f"expected one bill in the text, found {len(bills)}")))
    bill = bills[0]
    if bill.effective is None:
        return Checked((*found, Diagnostic(code="ID03", path=analysis.shown, span=bill.span,
                                           message="the bill has no `effective` date to project it at")))
    if bill.jurisdiction not in ws.corpus.books:
        return Checked((*found, Diagnostic(code="ID03", path=analysis.shown, span=bill.span,
                                           message=f"the bill amends `{bill.jurisdiction}`, which the corpus has no book of")))
    return Checked(found, project(ws, bill, as_of))


def project(ws: Workspace, bill: Bill, as_of: dt.date | None = None) -> WhatIf:
    """`engine.whatif.whatif` over the one state the bill amends, its current ratings kept from edit to edit."""
    assert bill.effective is not None
    code = bill.jurisdiction
    day = max(as_of or bill.effective.day, bill.effective.day)
    current = ws.current(code, day)
    projected = assess_book(apply_bill(ws.corpus.books[code], bill), day, ws.catalog, ws.corpus.digest)
    changes = tuple(Change(a.obligation, a, b) for a, b in zip(current.findings, projected.findings, strict=True))
    return WhatIf(bill, current, projected, changes)


def whatif_report(ws: Workspace, text: str, name: str | None, lang: str) -> Document:
    """The what-if report of a bill's text, as `lawcmp whatif` writes it; raises with the diagnostics when it has errors."""
    from lawcmp.reports.whatif import whatif_document

    checked = check_bill(ws, text, name)
    if checked.result is None:
        raise LawcmpError([d for d in checked.diagnostics if d.severity == "error"])
    return whatif_document(checked.result, ws.corpus, lang)


def gap_document(ws: Workspace, code: str, day: dt.date, lang: str) -> Document:
    from lawcmp.reports.standard import gap_report

    return gap_report(ws.corpus, code, day, lang, ws.catalog)


# -- as JSON, for the editor's script --------------------------------------------------------------------


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {"code": d.code, "severity": d.severity, "line": d.span.line, "column": d.span.column,
            "end_line": d.span.end_line, "end_column": d.span.end_column, "message": d.message, "hint": d.hint or ""}


def checked_json(checked: Checked, lang: str) -> dict[str, Any]:
    """What the editor shows: the diagnostics, and the what-if (None when the bill has an error)."""
    return {"diagnostics": [diagnostic_json(d) for d in checked.diagnostics],
            "whatif": None if checked.result is None else whatif_json(checked.result, lang)}


def whatif_json(w: WhatIf, lang: str) -> dict[str, Any]:
    a = w.current
    statuses = ("closed", "narrowed", "opened", "widened", "left")
    return {
        "bill": w.bill.id, "title": w.bill.titles.get(lang, w.bill.title), "state": a.jurisdiction,
        "name": a.name_in(lang), "as_of": a.as_of.isoformat(),
        "counts": {s: len(w.by_status(s)) for s in statuses},
        "changes": [_change_json(c, lang) for c in w.changes],
    }


def _change_json(c: Change, lang: str) -> dict[str, Any]:
    return {
        "obligation": c.obligation, "title": c.current.title_in(lang),
        "current": c.current.rating, "projected": c.projected.rating,
        "current_label": t("rating", c.current.rating, lang), "projected_label": t("rating", c.projected.rating, lang),
        "status": c.status, "status_text": status_text(c.status, lang),
        "flips": [f"{name}: {t('grade', old, lang)} → {t('grade', new, lang)}" for name, old, new in c.flips()],
    }

