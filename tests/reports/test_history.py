"""The ratings-over-time document says what evaluating every date would say."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from lawcmp.engine.evaluate import assess_book
from lawcmp.load.catalog import load_catalog
from lawcmp.reports import standard as reports
from tests.reports.test_goldens import corpus

START, END = dt.date(2000, 1, 1), dt.date(2008, 12, 31)


def rows_by_plain_evaluation(changed_only: bool) -> list[tuple[str, ...]]:
    catalog = load_catalog()
    out = []
    for code, book in corpus().books.items():
        days = reports.timeline_points(book, START, END)
        labels = [[f.label for f in assess_book(book, d, catalog).findings] for d in days]
        for i, o in enumerate(catalog.obligations):
            moves = [f"{days[k].isoformat()} → {labels[k][i]}" for k in range(1, len(days)) if labels[k][i] != labels[k - 1][i]]
            if changed_only and not moves:
                continue
            out.append((code, o.id, labels[0][i], "; ".join(moves) or "—", labels[-1][i]))
    return out


def rows_of_the_document(changed_only: bool) -> list[tuple[str, ...]]:
    doc = reports.history(corpus(), START, END, None, changed_only)
    (table,) = doc.tables()
    assert table.headers[2:5:2] == (START.isoformat(), END.isoformat())

    def bare(text: str) -> str:
        """A rating cell without its symbol: `◑ PC?` → `PC?`."""
        return text.split(" ", 1)[1]

    def moves(text: str) -> str:
        if text == "—":
            return text
        return "; ".join(f"{day} → {bare(cell)}" for day, cell in (m.split(" → ") for m in text.split("; ")))

    return [(row[0].text, row[1].text, bare(row[2].text), moves(row[3].text), bare(row[4].text)) for row in table.rows]


def test_history_equals_evaluation_at_every_date() -> None:
    for changed_only in (False, True):
        assert rows_of_the_document(changed_only) == rows_by_plain_evaluation(changed_only)


def test_history_lists_changes_and_only_changes_when_asked() -> None:
    everything = rows_of_the_document(False)
    changed = rows_of_the_document(True)
    assert len(everything) == len(corpus().books) * len(load_catalog().obligations)
    assert changed and len(changed) < len(everything)
    assert all(row[3] != "—" for row in changed)


def test_the_rating_cells_are_coloured_by_their_rating() -> None:
    (table,) = reports.history(corpus(), START, END).tables()
    for row in table.rows:
        for cell in (row[2], row[4]):
            assert cell.rating is not None and cell.text.split(" ")[1].rstrip("?") == cell.rating


@given(st.lists(st.tuples(*[st.sampled_from(["C", "PC", "NC?"])] * 3), min_size=1, max_size=12))
def test_the_changes_are_each_obligations_own(labels: list[tuple[str, ...]]) -> None:
    days = [dt.date(2000, 1, 1) + dt.timedelta(days=k) for k in range(len(labels))]
    expected = [[(days[k], labels[k][i]) for k in range(1, len(days)) if labels[k][i] != labels[k - 1][i]] for i in range(3)]
    assert reports._changes(days, labels, 3) == expected
