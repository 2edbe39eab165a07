"""A content-hash cache of parsed and checked statute files.

The key is the hash of everything the result depends on — the file's bytes and path,
the grammar, the vocabulary and lawcmp's version — so an entry is never stale; the
value is JSON, loaded with pydantic's `validate_json` (about twenty times faster than
parsing the language; see ../shared/design/performance.md). A corrupted or unreadable
entry is ignored and rebuilt, never trusted. The directory is safe to delete.

Location: $LAWCMP_CACHE, else $XDG_CACHE_HOME/lawcmp, else ~/.cache/lawcmp.
Set LAWCMP_CACHE=off to disable it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from lawcmp.diagnostics import Diagnostic
from lawcmp.model import StatuteFile
from lawcmp.vocabulary import Vocabulary

SCHEMA = "lawcmp-cache-1"


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    model: StatuteFile | None
    diagnostics: tuple[Diagnostic, ...]


def directory() -> Path | None:
    setting = os.environ.get("LAWCMP_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lawcmp"


@cache
def _code_digest() -> str:
    from lawcmp import __version__
    from lawcmp.syntax import grammar_text

    here = Path(__file__).resolve().parent
    h = hashlib.sha256((SCHEMA + __version__ + grammar_text()).encode())
    for name in ("model.py", "build.py", "checks.py", "syntax.py", "snapshot.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()


def _key(data: bytes, path: str, vocabulary: Vocabulary) -> str:
    h = hashlib.sha256()
    for part in (_code_digest().encode(), vocabulary.digest.encode(), path.encode(), data):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def get(data: bytes, path: str, vocabulary: Vocabulary) -> tuple[StatuteFile | None, list[Diagnostic]] | None:
    root = directory()
    if root is None:
        return None
    entry_path = root / (_key(data, path, vocabulary) + ".json")
    try:
        raw = entry_path.read_bytes()
        entry = Entry.model_validate_json(raw)
    except (OSError, ValidationError, ValueError):
        return None
    return entry.model, list(entry.diagnostics)


def put(data: bytes, path: str, vocabulary: Vocabulary, model: StatuteFile | None, diagnostics: list[Diagnostic]) -> None:
    root = directory()
    if root is None:
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        payload = Entry(model=model, diagnostics=tuple(diagnostics)).model_dump_json().encode()
        fd, tmp = tempfile.mkstemp(dir=root, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, root / (_key(data, path, vocabulary) + ".json"))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a cache that cannot be written is only a slower run
