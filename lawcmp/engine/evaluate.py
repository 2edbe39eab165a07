"""Evaluation: criteria over a snapshot, graded and explained; obligations rated.

Grades are three-valued at heart — a field the statute file does not state is "no
information", never "no" — and graded where the test is coverage. The roll-up from
criteria to a rating is in `rate` and documented in docs/rules.md; every result carries
the evidence (provision versions or facts, with their sources) that decided it.
"""

from __future__ import annotations

import datetime as dt

from lawcmp.engine.incremental import book_evaluator
from lawcmp.law.readings import read_as, readings_of
from lawcmp.model.findings import (
    Assessment,
    ReadingRating,
)
from lawcmp.model.rules import (
    Catalog,
)
from lawcmp.model.statute import Corpus, StatuteBook

# -- roll-up -------------------------------------------------------------------------------------------


# -- the front door --------------------------------------------------------------------------------------


def as_date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def assess_book(book: StatuteBook, day: dt.date, catalog: Catalog, digest: str = "") -> Assessment:
    """The findings for one book at one date.

    Books are frozen, so the evaluator of a book is kept (a few, most recently used)
    and the next date only re-evaluates the criteria that what changed can affect: a
    timeline costs little more than its first date.
    """
    assessment = book_evaluator(book, catalog).assess(day, digest)
    others = readings_of(book)
    if not others:
        return assessment
    # Contested readings: the book as each disagreeing source reads it, rated alike; a
    # finding lists the readings that rate it otherwise, with their sources.
    alternatives = [(r, book_evaluator(read_as(book, r.name), catalog).findings(day)) for r in others]
    findings = []
    for n, f in enumerate(assessment.findings):
        differ = tuple(
            ReadingRating(name=r.name, title=r.title, rating=alt[n].rating, provisional=alt[n].provisional,
                          sources=tuple(str(c) for c in r.sources))
            for r, alt in alternatives if (alt[n].rating, alt[n].provisional) != (f.rating, f.provisional)
        )
        findings.append(f.model_copy(update={"readings": differ}) if differ else f)
    return assessment.model_copy(update={"findings": tuple(findings)})


def evaluate(corpus: Corpus, code: str, as_of: dt.date | str | None = None, catalog: Catalog | None = None) -> Assessment:
    """The findings for one jurisdiction at one date (default: today)."""
    from lawcmp.load.catalog import load_catalog
    from lawcmp.support.diagnostics import require_jurisdictions

    require_jurisdictions([code], list(corpus.books))
    return assess_book(corpus.books[code], as_date(as_of), catalog or load_catalog(), corpus.digest)
