"""Atomic output: a file is either the old one or the complete new one, never half.

Output goes to a temporary file in the same directory, is flushed to disk, then renamed
over the target; an error or an interrupt (SIGINT, SIGTERM) removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType


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


def write_atomic(path: Path | str, data: bytes | str) -> None:
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with terminate_cleanly():
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
            os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, _Terminated):
            raise SystemExit(143) from None
        raise
