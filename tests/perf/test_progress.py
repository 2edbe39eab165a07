"""Progress bars: on stderr only, and only on a terminal."""

from __future__ import annotations

import io

import pytest

from lawcmp import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert not progress.enabled()
    assert list(progress.track(range(5), "counting")) == [0, 1, 2, 3, 4]
    with progress.bar("working", total=3) as advance:
        advance(3)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_a_bar_goes_to_stderr_never_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "REFRESH", 0.0)
    monkeypatch.delenv("LAWCMP_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.enabled()
    assert sum(progress.track(range(50), "counting")) == sum(range(50))
    assert "counting" in terminal.getvalue()
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
