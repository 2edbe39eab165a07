"""Atomic output: a file is either the old one or the complete new one, never half.

Output goes to a temporary file in the same directory, is flushed to disk, then renamed
over the target. SIGINT and SIGTERM are held back while that happens; one that comes
meanwhile cancels the rename, removes the temporary file and then acts, so an interrupted
run leaves the old file and no temporary file. An error removes the temporary file too.
`write_files` does the same for several files at once: all are written before any is
renamed, so files that belong together (a workshop pack: exercises and their answer key)
are never half old, half new.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_HELD = (signal.SIGINT, signal.SIGTERM)


class Terminated(BaseException):
    """A signal noted while output was written (see `lawcmp.site.build`): stop, and keep the old output.

    A `BaseException`, like `KeyboardInterrupt`, so that no `except Exception` between the
    write and the caller turns an interrupted run into a finished one.
    """


class DeferredSignals:
    """SIGINT and SIGTERM noted, not acted on, while files are written; then acted on as they would have been.

    Python runs signal handlers in the main thread whichever thread the signal reached
    (numpy's threads, for one), so a handler that only takes note keeps the write whole;
    blocking the signal would not, as another thread could still receive it. Outside the
    main thread handlers cannot be changed: there the main thread's own handling decides.
    """

    def __init__(self) -> None:
        self.caught: list[int] = []
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> DeferredSignals:
        try:
            for s in _HELD:
                if signal.getsignal(s) != signal.SIG_IGN:  # what the process ignores stays ignored
                    self.previous[s] = signal.signal(s, lambda signum, frame: self.caught.append(signum))
        except ValueError:  # not the main thread
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()

    def restore(self) -> None:
        """The handlers back as they were (also in a forked worker, which is not to defer)."""
        for s, handler in self.previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)

    def act(self) -> None:
        """Do what the first signal noted would have done: call its handler, or die of it."""
        for s in self.caught[:1]:
            handler = self.previous.get(s)
            if callable(handler):
                handler(s, None)  # KeyboardInterrupt, or the caller's own (site: SystemExit)
            else:
                os.kill(os.getpid(), s)
            raise InterruptedError("interrupted: nothing was written")


def _stage(target: Path, payload: bytes) -> str:
    """`payload` in a temporary file beside `target`, on disk, with the permissions `target` has or would get."""
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:  # said of the file asked for, not of a temporary name nobody chose
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_files(files: Mapping[Path, bytes | str]) -> None:
    """Write every file or none: all are staged beside their targets, then renamed into place."""
    staged: list[tuple[str, Path]] = []

    def discard() -> None:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):  # gone already once renamed
                os.unlink(tmp)

    with DeferredSignals() as signals:
        try:
            for path, data in files.items():
                target = Path(path)
                payload = data.encode("utf-8") if isinstance(data, str) else data
                staged.append((_stage(target, payload), target))
                if signals.caught:
                    break
            if not signals.caught:
                for tmp, target in staged:
                    os.replace(tmp, target)
        except BaseException:
            discard()
            raise
        if signals.caught:
            discard()
    signals.act()


def write_atomic(path: Path | str, data: bytes | str) -> None:
    write_files({Path(path): data})
