"""A timeline's chart and events, made from the sweep's labels as the site makes them,
say what the findings at every change say."""

from __future__ import annotations

import datetime as dt

from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.sweep import rating_timeline
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_corpus
from lawcmp.model.rules import PILLARS
from lawcmp.reports import standard as reports

SCORE = {"NC": 0, "PC": 1, "LC": 2, "C": 3}


def test_chart_and_events_from_the_sweep_say_what_the_findings_say() -> None:
    catalog, shipped = load_catalog(), load_corpus()
    start, end = dt.date(2000, 1, 1), dt.date(2009, 12, 31)
    moved = 0
    for code, book in shipped.books.items():
        days = reports.timeline_points(book, start, end)
        chart, events = reports.timeline_summary(book, days, rating_timeline(book, days, catalog), catalog, "en")
        findings = [assess_book(book, d, catalog).findings for d in days]
        for pillar, series in zip(PILLARS, chart.series, strict=True):
            for day, point, at in zip(days, series.points, findings, strict=True):
                scores = [SCORE[f.rating] for f in at if f.pillar == pillar and f.rating in SCORE]
                assert point.day == day
                assert point.value == (sum(scores) / len(scores) if scores else None), (code, pillar, day)
        expected = []
        for day, before, now in zip(days[1:], findings, findings[1:], strict=False):
            changes = [f"{f.obligation}: {b.label} → {f.label}" for b, f in zip(before, now, strict=True) if b.label != f.label]
            if changes:
                expected.append((day.isoformat(), "; ".join(changes)))
        assert [(row[0].text, row[2].text) for row in events.rows] == expected, code
        assert all(row[1].text for row in events.rows)  # each move names the events behind it
        moved += len(expected)
        doc = reports.timeline(shipped, code, start, end, "en", catalog)
        assert [c for s in doc.sections for c in s.charts] == [chart]  # the report draws the same
    assert moved > 10  # the shipped law moves ratings: the comparison is not of empty tables


LAPSING = """jurisdiction XX "Testland" {
}

fact XX/no-shelter-2005 "No shelter for victims" {
  from 2005
  no provides shelter
  source "fixture" "there was no shelter"
}
"""


def test_a_day_on_which_only_a_source_period_ends_is_named_so_and_not_as_a_reform() -> None:
    """Issue: ratings moved on dates when no law changed, and timelines showed it like a reform ("—")."""
    from lawcmp.load.corpus import load_text
    from lawcmp.reports.docparts import events_on

    book = load_text(LAPSING, "XX.law").books["XX"]
    [event] = events_on(book, dt.date(2007, 1, 1))
    assert event.startswith("source period ends: XX/no-shelter-2005") and "no change in the law" in event
    assert events_on(book, dt.date(2006, 12, 31)) == []
    [ru] = events_on(book, dt.date(2007, 1, 1), "ru")
    assert ru.startswith("истёк период источника")
