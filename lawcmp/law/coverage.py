"""How far the sources reach: the period a book's sources cover, and the dates beyond it.

A book's `covers` says for which period its sources speak. On a date after its end the
book still holds what the sources last said, but nobody has said it of that date: a
report on such a date says so, rather than passing the last rating off as today's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from lawcmp.model.statute import StatuteBook


def covered_until(book: StatuteBook) -> dt.date | None:
    """The last day the book's sources cover, or None where the book does not say."""
    covers = book.jurisdiction.covers
    return covers[1].day if covers is not None else None


def beyond_sources(book: StatuteBook, day: dt.date) -> bool:
    """Is `day` after the period the book's sources cover?"""
    end = covered_until(book)
    return end is not None and day > end


def latest_covered_day(books: Iterable[StatuteBook], today: dt.date) -> dt.date:
    """The default date of a report: the latest day every book's sources cover, and never
    after today (a book that does not state its period does not hold the date back)."""
    ends = [end for book in books if (end := covered_until(book)) is not None]
    return min([today, *ends])
