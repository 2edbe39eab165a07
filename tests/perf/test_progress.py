"""Progress bars: on stderr only, and only on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lawcmp.support import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """stderr as a terminal, with bars shown at once (in the test's body: pytest sets its
    own stderr again between a fixture and the test)."""
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "REFRESH", 0.0)
    monkeypatch.delenv("LAWCMP_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    return screen


def test_quiet_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert not progress.enabled()
    assert list(progress.track(range(5), "counting")) == [0, 1, 2, 3, 4]
    with progress.bar("working", total=3) as advance:
        advance(3)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_a_bar_goes_to_stderr_never_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    screen = terminal(monkeypatch)
    assert progress.enabled()
    assert sum(progress.track(range(50), "counting")) == sum(range(50))
    assert "counting" in screen.getvalue()
    assert capsys.readouterr().out == ""


def test_a_quick_task_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    with progress.bar("quick", total=2) as advance:
        advance(2)
    assert terminal.getvalue() == ""


def test_lawcmp_progress_off_silences_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", Terminal())
    monkeypatch.setenv("LAWCMP_PROGRESS", "off")
    assert not progress.enabled()


def test_long_reports_show_a_bar_and_the_same_output(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from lawcmp.load.corpus import load_corpus
    from lawcmp.render.text import to_text
    from lawcmp.reports.standard import gap_report, history, matrix, timeline
    from lawcmp.site.build import render_site

    corpus = load_corpus()
    day = dt.date(2009, 12, 31)
    screen = terminal(monkeypatch)
    with_bars = [
        to_text(matrix(corpus, day)),
        to_text(timeline(corpus, "KG", dt.date(2003, 1, 1), day)),
        to_text(gap_report(corpus, "UZ", day)),
        to_text(history(corpus, dt.date(2000, 1, 1), day)),
    ]
    site = render_site(corpus, dates=[day])
    shown = screen.getvalue()
    for task in ("evaluating", "comparing", "writing pages"):
        assert task in shown
    progress_off = pytest.MonkeyPatch()
    progress_off.setenv("LAWCMP_PROGRESS", "off")
    try:
        assert with_bars == [
            to_text(matrix(corpus, day)),
            to_text(timeline(corpus, "KG", dt.date(2003, 1, 1), day)),
            to_text(gap_report(corpus, "UZ", day)),
            to_text(history(corpus, dt.date(2000, 1, 1), day)),
        ]
        assert render_site(corpus, dates=[day]) == site
    finally:
        progress_off.undo()
    assert screen.getvalue() == shown  # nothing more once they are off


def test_a_site_build_says_what_it_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import datetime as dt

    from lawcmp.load.corpus import load_corpus
    from lawcmp.site.build import build_site

    screen = terminal(monkeypatch)
    build_site(load_corpus(), tmp_path / "site", dates=[dt.date(2009, 12, 31)])
    shown = screen.getvalue()
    for task in ("evaluating", "writing each state's pages", "writing the matrices"):
        assert task in shown


def test_a_long_table_in_word_or_excel_says_it_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    from lawcmp.model.document import Cell, Document, Section, Table
    from lawcmp.render.write import render

    rows = tuple((Cell(text=f"row {i}"), Cell(text="● C", rating="C", note=f"n {i}")) for i in range(40))
    doc = Document(kind="history", title="T", sections=(Section(heading="S", tables=(Table(name="history", headers=("a", "b"), rows=rows),)),))
    quiet = {fmt: render(doc, fmt) for fmt in ("docx", "xlsx")}
    screen = terminal(monkeypatch)
    for fmt in ("docx", "xlsx"):
        assert render(doc, fmt) == quiet[fmt]
        assert "writing history" in screen.getvalue()
        screen.seek(0)
        screen.truncate()
