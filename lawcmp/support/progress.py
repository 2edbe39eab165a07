"""Progress bars on stderr for work that takes a while (parsing a large corpus, timelines).

Quiet unless stderr is a terminal (and LAWCMP_PROGRESS is not `off`); never on stdout,
which carries results. A bar appears only once the work has run for `DELAY` seconds,
so quick runs print nothing and do not pay for importing rich (about 150 ms); it is
redrawn by the caller's own updates, never by a background thread, so the process can
fork workers while a bar is up.

    with progress.bar("parsing", total=len(files)) as advance:
        for f in files:
            ...
            advance(1)
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

DELAY = 0.5  # seconds of work before a bar is worth showing
REFRESH = 0.1  # seconds between redraws

T = TypeVar("T")


def enabled() -> bool:
    if os.environ.get("LAWCMP_PROGRESS", "").lower() in ("off", "0", "no"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Bar:
    def __init__(self, description: str, total: int | None) -> None:
        self.description = description
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.drawn = 0.0
        self.progress: Any = None
        self.task: Any = None

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.drawn < REFRESH:
            return
        if self.progress is None:
            if now - self.started < DELAY:
                return
            self._start()
        self.progress.update(self.task, completed=self.done)
        self.progress.refresh()
        self.drawn = now

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(file=sys.stderr), transient=True, auto_refresh=False,
        )
        self.progress.start()
        self.task = self.progress.add_task(self.description, total=self.total, completed=self.done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


@contextmanager
def bar(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A function to call with the amount of work done; a bar on stderr if it lasts."""
    if not enabled():
        yield nothing
        return
    b = _Bar(description, total)
    try:
        yield b.advance
    finally:
        b.close()


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """The items, with a bar that advances as each is taken."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with bar(description, total) as advance:
        for item in items:
            yield item
            advance(1)


def nothing(n: int = 1) -> None:
    """What `bar` yields when no bar is shown: progress noted nowhere."""
    return None
