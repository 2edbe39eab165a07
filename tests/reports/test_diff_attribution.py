"""`lawcmp diff` credits each rating move to the events that moved it, not to every event of the day."""

from __future__ import annotations

import datetime as dt

from lawcmp import load_corpus
from lawcmp.load.catalog import load_catalog
from lawcmp.reports.diff import rating_moves


def test_each_move_names_only_the_events_its_finding_cites() -> None:
    # Kazakhstan, July 2003: art. 128 (recruitment, export and transit) and art. 133 (sale of
    # minors) changed the same day; the acts of trafficking moved because of art. 128 alone.
    moves = rating_moves(load_corpus().books["KZ"], dt.date(2003, 1, 1), dt.date(2004, 1, 1), load_catalog())
    acts = next(m for m in moves if m.obligation == "crim.acts" and m.day == dt.date(2003, 7, 1))
    assert any("KZ/CC/128" in e for e in acts.events)
    assert not any("KZ/CC/133" in e for e in acts.events)
    same_day = {e for m in moves if m.day == dt.date(2003, 7, 1) for e in m.events}
    assert any("KZ/CC/133" in e for e in same_day)
