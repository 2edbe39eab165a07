"""Atomic output: a file is either the old one or the complete new one, never half.

Output goes to a temporary file in the same directory, is flushed to disk, then renamed
over the target. SIGINT and SIGTERM are held back while that happens and act the moment
it is done, so an interrupt leaves the old file or the new one, and no temporary file;
an error removes the temporary file. `write_files` does the same for several files at
once: all are written before any is renamed, so a set of files that belong together (a
workshop pack: exercises and their answer key) is never half old, half new.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType

_HELD = frozenset({signal.SIGINT, signal.SIGTERM})


class _Terminated(BaseException):
    """SIGTERM, raised where the program is so that cleanup runs."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated()


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into an exception for the duration, so `finally` blocks run."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (in this thread) for the duration; they act right after.

    Held, not handled: a signal between creating a temporary file and recording its name,
    or during the cleanup, would otherwise leave the file behind.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stage(target: Path, payload: bytes) -> str:
    """`payload` in a temporary file beside `target`, on disk, with the permissions `target` has or would get."""
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
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
    with _signals_held():
        try:
            for path, data in files.items():
                target = Path(path)
                payload = data.encode("utf-8") if isinstance(data, str) else data
                staged.append((_stage(target, payload), target))
            for tmp, target in staged:
                os.replace(tmp, target)
        except BaseException:
            for tmp, _ in staged:
                with contextlib.suppress(OSError):  # gone already once renamed
                    os.unlink(tmp)
            raise


def write_atomic(path: Path | str, data: bytes | str) -> None:
    write_files({Path(path): data})
