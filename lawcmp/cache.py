"""A content-hash cache of parsed and checked input: statute files, the catalog, the parser.

The key is the hash of everything the result depends on — the file's bytes and path,
the grammar, the vocabulary and the code that parses and checks — so an entry is never
stale; the value is JSON, loaded with pydantic's `validate_json` (about twenty times
faster than parsing the language; see ../shared/design/performance.md). Each entry
repeats its key, and one that cannot be read, does not validate or names another key is
ignored and rebuilt, never trusted. The directory is safe to delete.

Two kinds of entry for statute files: one per file, and one per set of files (a
corpus), which holds the entries of all its files, so that a warm run reads and
validates a single document. Measured on the synthetic world (253 files, 12.6 MB of
JSON; docs/performance.md): `validate_json` on one document is faster than
`json.loads` + `validate_python`, and pausing the garbage collector during the batch
is worth more than either.

A third, small entry per set of files that loaded without an error (`books-*.json`) names
the file entry of each jurisdiction's book, so that a command about one state reads that
file's entry alone (`corpus.load_corpus(only=...)`).

Other values (the obligation catalog, the vocabulary, the glossary) are stored by kind with
`put_value`, encoded by their own modules with `lawcmp.codec`. The one entry not in
JSON is the built parser (`parser-*.lark`), saved by lark's own `cache` option in
lark's format, a pickle: the directory is to be trusted as `__pycache__` is.
`lawcmp cache` shows what is here; `lawcmp cache --clear` deletes it.

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

from pydantic import BaseModel, ValidationError

from lawcmp import collector
from lawcmp.diagnostics import Diagnostic
from lawcmp.model import FROZEN, StatuteFile
from lawcmp.vocabulary import Vocabulary

SCHEMA = "lawcmp-cache-2"
# Corpus entries are whole corpora: keep the most recent few, not one per edit ever made.
CORPUS_ENTRIES_KEPT = 8
VALUE_ENTRIES_KEPT = 8  # of each kind: catalogs, vocabularies
# File entries: one per version of every file ever read. The newest are kept up to
# this size (about 5,000 files of the size of the synthetic world's).
FILE_ENTRIES_BYTES = 256 * 1024 * 1024
# The modules whose code decides what a parsed and checked file is.
_CODE = ("model.py", "build.py", "checks.py", "syntax.py", "reading.py", "snapshot.py", "diagnostics.py", "vocabulary.py", "cache.py")


class Entry(BaseModel):
    model_config = FROZEN

    key: str
    model: StatuteFile | None
    diagnostics: tuple[Diagnostic, ...]


class CorpusEntry(BaseModel):
    model_config = FROZEN

    key: str
    files: tuple[Entry, ...]


Parsed = tuple[StatuteFile | None, list[Diagnostic]]


def directory() -> Path | None:
    setting = os.environ.get("LAWCMP_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lawcmp"


# Read here rather than through lawcmp.syntax, so that a warm run need not import lark.
_GRAMMAR = Path(__file__).resolve().parent / "grammar" / "lawcmp.lark"


@cache
def grammar_text() -> str:
    """The grammar, as `lawcmp.syntax.grammar_text` reads it."""
    return _GRAMMAR.read_text(encoding="utf-8")


@cache
def code_digest(modules: tuple[str, ...] = _CODE) -> str:
    """A digest of the grammar and of the code of `modules` (files of this package)."""
    from lawcmp import __version__

    here = Path(__file__).resolve().parent
    h = hashlib.sha256((SCHEMA + __version__ + grammar_text()).encode())
    for name in modules:
        h.update((here / name).read_bytes())
    return h.hexdigest()


def key_of(parts: Sequence[bytes]) -> str:
    """A key from parts that are not delimited (each is prefixed by its length)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def file_key(data_hash: bytes, path: str, vocabulary: Vocabulary) -> str:
    """The key of one file's entry, from the sha256 digest of its bytes."""
    return key_of((code_digest().encode(), vocabulary.digest.encode(), path.encode(), data_hash))


def corpus_key(file_keys: Sequence[str]) -> str:
    h = hashlib.sha256(code_digest().encode())
    for k in file_keys:
        h.update(k.encode())
    return h.hexdigest()


def _read(name: str) -> bytes | None:
    root = directory()
    if root is None:
        return None
    try:
        return (root / name).read_bytes()
    except OSError:
        return None


def get(key: str) -> tuple[Parsed, bytes] | None:
    """One file's (model, diagnostics) and the entry's JSON, or None (call it within `collector.paused`)."""
    raw = _read(key + ".json")
    if raw is None:
        return None
    try:
        entry = Entry.model_validate_json(raw)
    except (ValidationError, ValueError):
        return None
    if entry.key != key:
        return None
    return (entry.model, list(entry.diagnostics)), raw


def get_corpus(keys: Sequence[str]) -> list[Parsed] | None:
    """Every file's (model, diagnostics), in order, from the one entry of this set of files."""
    key = corpus_key(keys)
    raw = _read("corpus-" + key + ".json")
    if raw is None:
        return None
    try:
        with collector.paused():
            entry = CorpusEntry.model_validate_json(raw)
    except (ValidationError, ValueError):
        return None
    if entry.key != key or [f.key for f in entry.files] != list(keys):
        return None
    return [(f.model, list(f.diagnostics)) for f in entry.files]


def get_value(kind: str, key: str) -> object | None:
    """The JSON value stored under (kind, key) by `put_value`, or None.

    For entries that are not statute files (the catalog, the vocabulary). Their codec
    checks shapes, not types, so the entry carries the digest of its value: a damaged
    byte anywhere makes a miss, not a wrong catalog.
    """
    raw = _read(f"{kind}-{key}.json")
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
    if _write(f"{kind}-{key}.json", head + b"\n" + body):
        _prune(f"{kind}-*.json", VALUE_ENTRIES_KEPT)


def dump(key: str, model: StatuteFile | None, diagnostics: Sequence[Diagnostic]) -> bytes:
    """A file's entry as JSON (what `put` writes and `put_corpus` joins)."""
    return Entry(key=key, model=model, diagnostics=tuple(diagnostics)).model_dump_json().encode()


def put(key: str, payload: bytes) -> None:
    _write(key + ".json", payload)


def put_corpus(keys: Sequence[str], entries: Sequence[bytes]) -> None:
    """Store a corpus entry from its files' entries (as `dump` returns them)."""
    key = corpus_key(keys)
    payload = b'{"key":"' + key.encode() + b'","files":[' + b",".join(entries) + b"]}"
    if _write("corpus-" + key + ".json", payload):
        _prune("corpus-*.json", CORPUS_ENTRIES_KEPT)


def _write(name: str, payload: bytes) -> bool:
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


def prune_files(limit: int | None = None) -> None:
    """Drop the oldest file entries beyond `limit` bytes in all (after new ones are written)."""
    _prune("[0-9a-f]" * 64 + ".json", None, FILE_ENTRIES_BYTES if limit is None else limit)


def _prune(pattern: str, keep: int | None, max_bytes: int | None = None) -> None:
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
VALUE_KINDS = ("corpus", "books", "catalog", "vocabulary", "glossary")  # entries named KIND-KEY.json


def _kind(name: str) -> str | None:
    """Which kind of entry lawcmp wrote under this name, or None for anything else."""
    if name.startswith(".tmp-"):
        return "unfinished"
    if name.endswith(".lark") and name.startswith("parser-"):
        return "parser"
    if not name.endswith(".json"):
        return None
    stem = name[: -len(".json")]
    kind, _, key = stem.rpartition("-")
    if kind in VALUE_KINDS and len(key) == 64:
        return kind
    if not kind and len(stem) == 64 and all(c in "0123456789abcdef" for c in stem):
        return "file"
    return None


def summary() -> dict[str, tuple[int, int]]:
    """Entries by kind: (how many, bytes). Empty when the cache is off or was never written."""
    root = directory()
    out: dict[str, tuple[int, int]] = {}
    if root is None or not root.is_dir():
        return out
    for p in root.iterdir():
        kind = _kind(p.name)
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
        if _kind(p.name) is not None and p.is_file():
            p.unlink(missing_ok=True)
            gone += 1
    return gone

