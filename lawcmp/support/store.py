"""A content-hash store on disk: entries named by the hash of everything they depend on.

An entry's key is the hash of its inputs and of the code that made it, so an entry is
never stale; one that cannot be read, or whose header names another key or another
digest, is a miss and is rebuilt, never trusted. The directory is safe to delete. What
is stored here — statute files (`lawcmp.load.cache`), the catalog, the vocabulary, the
glossary, the built parser — is each kind's own business; this module knows only names,
bytes and JSON values.

Location: $LAWCMP_CACHE, else $XDG_CACHE_HOME/lawcmp, else ~/.cache/lawcmp.
Set LAWCMP_CACHE=off to disable it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from lawcmp.support.version import __version__

SCHEMA = "lawcmp-cache-2"
VALUE_ENTRIES_KEPT = 8  # of each kind: catalogs, vocabularies


def directory() -> Path | None:
    setting = os.environ.get("LAWCMP_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lawcmp"


# Read here rather than through lawcmp.lang.syntax, so that a warm run need not import lark.
_PACKAGE = Path(__file__).resolve().parent.parent
_GRAMMAR = _PACKAGE / "lang" / "grammar" / "lawcmp.lark"


@cache
def grammar_text() -> str:
    """The grammar, as `lawcmp.lang.syntax.grammar_text` reads it."""
    return _GRAMMAR.read_text(encoding="utf-8")


@cache
def code_digest(modules: tuple[str, ...]) -> str:
    """A digest of the grammar and of the code of `modules` (files of this package)."""
    h = hashlib.sha256((SCHEMA + __version__ + grammar_text()).encode())
    for name in modules:
        h.update((_PACKAGE / name).read_bytes())
    return h.hexdigest()


def key_of(parts: Sequence[bytes]) -> str:
    """A key from parts that are not delimited (each is prefixed by its length)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def read_entry(name: str) -> bytes | None:
    root = directory()
    if root is None:
        return None
    try:
        return (root / name).read_bytes()
    except OSError:
        return None


def get_value(kind: str, key: str) -> object | None:
    """The JSON value stored under (kind, key) by `put_value`, or None.

    For entries that are not statute files (the catalog, the vocabulary). Their codec
    checks shapes, not types, so the entry carries the digest of its value: a damaged
    byte anywhere makes a miss, not a wrong catalog.
    """
    raw = read_entry(f"{kind}-{key}.json")
    if raw is None:
        return None
    head, _, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if header != {"key": key, "sha256": hashlib.sha256(body).hexdigest()}:
            return None
        return json.loads(body)  # type: ignore[no-any-return]
    except (ValueError, RecursionError):
        return None


def put_value(kind: str, key: str, value: object) -> None:
    """Store a JSON value under (kind, key); the oldest entries of a kind are dropped."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    head = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    if write_entry(f"{kind}-{key}.json", head + b"\n" + body):
        prune(f"{kind}-*.json", VALUE_ENTRIES_KEPT)


def write_entry(name: str, payload: bytes) -> bool:
    root = directory()
    if root is None:
        return False
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=root, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, root / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False  # a cache that cannot be written is only a slower run
    return True


def prune(pattern: str, keep: int | None, max_bytes: int | None = None) -> None:
    """Keep the most recent entries matching `pattern`: `keep` of them, or `max_bytes` of them."""
    root = directory()
    if root is None:
        return
    try:
        found = []
        for p in root.glob(pattern):
            try:
                st = p.stat()
            except OSError:
                continue
            found.append((st.st_mtime, st.st_size, p))
        found.sort(reverse=True)
        total = 0
        for n, (_, size, p) in enumerate(found):
            total += size
            if (keep is not None and n >= keep) or (max_bytes is not None and total > max_bytes):
                p.unlink(missing_ok=True)
    except OSError:
        return


KINDS = ("file", "corpus", "books", "catalog", "vocabulary", "glossary", "parser", "unfinished")


VALUE_KINDS = ("books", "catalog", "vocabulary", "glossary")  # entries named KIND-KEY.json; statute files KEY.pickle, corpora corpus-KEY.pickle


def kind_of(name: str) -> str | None:
    """Which kind of entry lawcmp wrote under this name, or None for anything else."""
    if name.startswith(".tmp-"):
        return "unfinished"
    if name.endswith(".lark") and name.startswith("parser-"):
        return "parser"
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix not in ("json", "pickle"):
        return None
    kind, _, key = stem.rpartition("-")
    if suffix == "json" and kind in VALUE_KINDS and len(key) == 64:
        return kind
    # Statute files and corpora: pickles; the JSON of earlier versions still counts as
    # theirs, so that `lawcmp cache --clear` deletes it rather than leave it for good.
    if kind in ("", "corpus") and len(key) == 64 and all(c in "0123456789abcdef" for c in key):
        return kind or "file"
    return None


def summary() -> dict[str, tuple[int, int]]:
    """Entries by kind: (how many, bytes). Empty when the cache is off or was never written."""
    root = directory()
    out: dict[str, tuple[int, int]] = {}
    if root is None or not root.is_dir():
        return out
    for p in root.iterdir():
        kind = kind_of(p.name)
        if kind is None or not p.is_file():
            continue
        n, size = out.get(kind, (0, 0))
        out[kind] = (n + 1, size + p.stat().st_size)
    return {k: out[k] for k in KINDS if k in out}


def clear() -> int:
    """Delete every entry lawcmp wrote (nothing else in the directory); how many were deleted."""
    root = directory()
    if root is None or not root.is_dir():
        return 0
    gone = 0
    for p in root.iterdir():
        if kind_of(p.name) is not None and p.is_file():
            p.unlink(missing_ok=True)
            gone += 1
    return gone
