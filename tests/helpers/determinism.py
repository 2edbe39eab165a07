"""Run code in fresh processes under another hash seed, locale and time zone.

lawcmp promises byte-identical output for the same input. Within one process that is
easy to believe and hard to break: the hash seed is drawn when a process starts, and the
locale and time zone are read once. Only a child process started under other settings
shows that set order, locale-aware formatting or local time never reach the bytes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lawcmp.model.document import Document
from tests.helpers import ROOT


@dataclass(frozen=True)
class Setting:
    """What a child process runs under; a locale or zone of None keeps this process's."""

    seed: str
    locale: str | None = None
    zone: str | None = None

    def env(self, **extra: str) -> dict[str, str]:
        env = {**os.environ, "PYTHONHASHSEED": self.seed}
        if self.locale is not None:
            env["LC_ALL"] = env["LANG"] = self.locale
        if self.zone is not None:
            env["TZ"] = self.zone
        return {**env, **extra}


def run_python(args: Sequence[str], setting: Setting, timeout: float = 600, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """`python *args` in a fresh process under `setting`, from the repository root (so
    `tests.…` imports); a failing child fails the test with the end of its stderr."""
    r = subprocess.run([sys.executable, *args], cwd=ROOT, env=setting.env(**extra_env), capture_output=True, text=True,
                       timeout=timeout)
    assert r.returncode == 0, r.stderr[-3000:]
    return r


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests_elsewhere(writer: Callable[[Document], bytes], doc: Document, workdir: Path,
                      settings: Sequence[Setting]) -> set[str]:
    """The digest of `writer(doc)` made in one fresh process per setting.

    The document travels as JSON, so the child renders exactly what this process would,
    and `writer` is imported there by its module and name.
    """
    source = workdir / "doc.json"
    source.write_text(doc.model_dump_json(), encoding="utf-8")
    script = (
        "import hashlib, pathlib, sys; from lawcmp.model.document import Document;"
        f"from {writer.__module__} import {writer.__name__} as writer;"
        "data = pathlib.Path(sys.argv[1]).read_text(encoding='utf-8');"
        "print(hashlib.sha256(writer(Document.model_validate_json(data))).hexdigest())"
    )
    return {run_python(["-c", script, str(source)], s).stdout.strip() for s in settings}


@contextmanager
def time_zone(name: str) -> Iterator[None]:
    """This process in another time zone for a while: cheaper than a child, for code that reads the zone late."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def locales() -> tuple[str, str]:
    """Two locales that differ where it matters (Russian sorts and formats otherwise), or POSIX if Russian is missing."""
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().split()
    other = "ru_RU.UTF-8" if {"ru_ru.utf8", "ru_ru.utf-8"} & set(available) else "POSIX"
    return "C.UTF-8", other


def zones() -> tuple[str, str]:
    """UTC and a zone well east of it, where local midnight falls on the day before in UTC."""
    tashkent = "Asia/Tashkent" if Path("/usr/share/zoneinfo/Asia/Tashkent").exists() else "UZT-5"
    return "UTC", tashkent


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` by its relative POSIX path, to compare two outputs in one assertion."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
