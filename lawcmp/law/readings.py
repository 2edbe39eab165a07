"""Contested readings: the statute book as each disagreeing source reads it.

Where the sources disagree on what a version said (Kazakhstan's art. 128 of 2003: "up to
one year" in the public text, "up to two years" in the seed speech, "up to four years" in a
minister's words), a version holds `reading` blocks. The book as a reading has it is the
book with those blocks' clauses amending their versions — every version that names the
reading, across the book — so each reading can be rated like the text itself.
"""

from __future__ import annotations

import weakref

from lawcmp.law.overlay import merged_clauses
from lawcmp.model.statute import Reading, StatuteBook


class _Read:
    """A book's readings and the book as each has it, worked out once per book."""

    def __init__(self, book: StatuteBook) -> None:
        self.book = weakref.ref(book)
        first: dict[str, Reading] = {}
        for p in book.provisions:
            for v in p.versions:
                for r in v.readings:
                    first.setdefault(r.name, r)
        self.readings = tuple(first[name] for name in sorted(first))
        self.variants: dict[str, StatuteBook] = {}


_READ: dict[int, _Read] = {}


def _read(book: StatuteBook) -> _Read:
    hit = _READ.get(id(book))
    if hit is None or hit.book() is not book:
        if len(_READ) > 64:
            _READ.clear()
        hit = _READ[id(book)] = _Read(book)
    return hit


def readings_of(book: StatuteBook) -> tuple[Reading, ...]:
    """The readings the book's versions hold, the first of each name, by name (asked at
    every date of a timeline, so worked out once per book)."""
    return _read(book).readings


def read_as(book: StatuteBook, name: str) -> StatuteBook:
    """The book as reading `name` has it (the same object each time, while the book lives)."""
    held = _read(book)
    variant = held.variants.get(name)
    if variant is None:
        provisions = []
        for p in book.provisions:
            if not any(r.name == name for v in p.versions for r in v.readings):
                provisions.append(p)
                continue
            versions = tuple(
                v.model_copy(update={"clauses": merged_clauses(v.clauses, r.clauses)})  # type: ignore[arg-type]
                if (r := next((r for r in v.readings if r.name == name), None)) is not None else v
                for v in p.versions
            )
            provisions.append(p.model_copy(update={"versions": versions}))
        variant = held.variants[name] = book.model_copy(update={"provisions": tuple(provisions)})
    return variant
