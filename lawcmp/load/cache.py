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
`put_value`, encoded by their own modules with `lawcmp.support.codec`. The one entry not in
JSON is the built parser (`parser-*.lark`), saved by lark's own `cache` option in
lark's format, a pickle: the directory is to be trusted as `__pycache__` is.
`lawcmp cache` shows what is here; `lawcmp cache --clear` deletes it.

Location: $LAWCMP_CACHE, else $XDG_CACHE_HOME/lawcmp, else ~/.cache/lawcmp.
Set LAWCMP_CACHE=off to disable it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from pydantic import BaseModel, ValidationError

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.model.statute import FROZEN, StatuteFile
from lawcmp.support import collector
from lawcmp.support.diagnostics import Diagnostic
from lawcmp.support.store import code_digest, key_of, prune, read_entry, write_entry

# Corpus entries are whole corpora: keep the most recent few, not one per edit ever made.
CORPUS_ENTRIES_KEPT = 8
# File entries: one per version of every file ever read. The newest are kept up to
# this size (about 5,000 files of the size of the synthetic world's).
FILE_ENTRIES_BYTES = 256 * 1024 * 1024
# The modules whose code decides what a parsed and checked file is.
CODE_MODULES = (
    "model/statute.py", "lang/syntax.py", "lang/build.py", "lang/buildclauses.py", "lang/builderbase.py",
    "lang/clauses.py", "lang/vocabulary.py", "lang/rulebuild.py", "model/rules.py", "load/checks.py", "load/cache.py",
    "law/snapshot.py",
    "support/reading.py", "support/diagnostics.py",
)


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


def file_key(data_hash: bytes, path: str, vocabulary: Vocabulary) -> str:
    """The key of one file's entry, from the sha256 digest of its bytes."""
    return key_of((code_digest(CODE_MODULES).encode(), vocabulary.digest.encode(), path.encode(), data_hash))


def corpus_key(file_keys: Sequence[str]) -> str:
    h = hashlib.sha256(code_digest(CODE_MODULES).encode())
    for k in file_keys:
        h.update(k.encode())
    return h.hexdigest()


def get(key: str) -> tuple[Parsed, bytes] | None:
    """One file's (model, diagnostics) and the entry's JSON, or None (call it within `collector.paused`)."""
    raw = read_entry(key + ".json")
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
    raw = read_entry("corpus-" + key + ".json")
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


def dump(key: str, model: StatuteFile | None, diagnostics: Sequence[Diagnostic]) -> bytes:
    """A file's entry as JSON (what `put` writes and `put_corpus` joins)."""
    return Entry(key=key, model=model, diagnostics=tuple(diagnostics)).model_dump_json().encode()


def put(key: str, payload: bytes) -> None:
    write_entry(key + ".json", payload)


def put_corpus(keys: Sequence[str], entries: Sequence[bytes]) -> None:
    """Store a corpus entry from its files' entries (as `dump` returns them)."""
    key = corpus_key(keys)
    payload = b'{"key":"' + key.encode() + b'","files":[' + b",".join(entries) + b"]}"
    if write_entry("corpus-" + key + ".json", payload):
        prune("corpus-*.json", CORPUS_ENTRIES_KEPT)


def prune_files(limit: int | None = None) -> None:
    """Drop the oldest file entries beyond `limit` bytes in all (after new ones are written)."""
    prune("[0-9a-f]" * 64 + ".json", None, FILE_ENTRIES_BYTES if limit is None else limit)


