"""A content-hash cache of parsed and checked input: statute files, the catalog, the parser.

The key is the hash of everything the result depends on — the file's bytes and path,
the grammar, the vocabulary and the code that parses and checks (the model classes
included) — so an entry is never stale. A statute file's value is its frozen model and
diagnostics, pickled: unpickling a pydantic model sets its fields without validating
them, so a process that only reads the cache never builds pydantic's validator for the
statute model, which cost a cold command about 40 ms — more than reading the entry
(docs/performance.md). What is stored was built, validated and checked by this code under
this key; each entry repeats its key, and one that cannot be read, has another shape or
names another key is ignored and rebuilt, never trusted.

Two kinds of entry for statute files: one per file (`KEY.pickle`), and one per set of files
(a corpus, `corpus-KEY.pickle`), which holds the entries of all its files, so that a warm
run reads a single document. Pausing the garbage collector while a batch is read is worth
more than the format.

A third, small entry per set of files that loaded without an error (`books-*.json`) names
the file entry of each jurisdiction's book, so that a command about one state reads that
file's entry alone (`corpus.load_corpus(only=...)`).

Other values (the obligation catalog, the vocabulary, the glossary) are stored by kind with
`put_value`, encoded by their own modules with `lawcmp.support.codec`, in JSON. The built
parser (`parser-*.lark`) is saved by lark's own `cache` option in lark's format, a pickle:
like the statute entries, the directory is to be trusted as `__pycache__` is.
`lawcmp cache` shows what is here; `lawcmp cache --clear` deletes it.

Location: $LAWCMP_CACHE, else $XDG_CACHE_HOME/lawcmp, else ~/.cache/lawcmp.
Set LAWCMP_CACHE=off to disable it.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.model.statute import StatuteFile
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


Parsed = tuple[StatuteFile | None, list[Diagnostic]]


def file_key(data_hash: bytes, path: str, vocabulary: Vocabulary) -> str:
    """The key of one file's entry, from the sha256 digest of its bytes."""
    return key_of((code_digest(CODE_MODULES).encode(), vocabulary.digest.encode(), path.encode(), data_hash))


def corpus_key(file_keys: Sequence[str]) -> str:
    h = hashlib.sha256(code_digest(CODE_MODULES).encode())
    for k in file_keys:
        h.update(k.encode())
    return h.hexdigest()


def load(payload: bytes, key: str | None = None) -> Parsed | None:
    """A file's (model, diagnostics) from its entry, or None if it is not one (of `key`)."""
    try:
        with collector.paused():
            stored = pickle.loads(payload)  # our own entries (module docstring)
    except Exception:  # a damaged entry may fail in any way: it is rebuilt, never trusted
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3):
        return None
    stored_key, model, diagnostics = stored
    if (key is not None and stored_key != key) or not (model is None or isinstance(model, StatuteFile)):
        return None
    if not (isinstance(diagnostics, tuple) and all(isinstance(d, Diagnostic) for d in diagnostics)):
        return None
    return model, list(diagnostics)


def get(key: str) -> tuple[Parsed, bytes] | None:
    """One file's (model, diagnostics) and its entry, or None."""
    raw = read_entry(key + ".pickle")
    if raw is None:
        return None
    parsed = load(raw, key)
    return None if parsed is None else (parsed, raw)


def get_corpus(keys: Sequence[str]) -> list[Parsed] | None:
    """Every file's (model, diagnostics), in order, from the one entry of this set of files."""
    key = corpus_key(keys)
    raw = read_entry("corpus-" + key + ".pickle")
    if raw is None:
        return None
    try:
        stored_key, entries = pickle.loads(raw)  # our own entries (module docstring)
    except Exception:  # rebuilt, never trusted
        return None
    if stored_key != key or not isinstance(entries, tuple) or len(entries) != len(keys):
        return None
    out = []
    for k, entry in zip(keys, entries, strict=True):
        parsed = load(entry, k) if isinstance(entry, bytes) else None
        if parsed is None:
            return None
        out.append(parsed)
    return out


def dump(key: str, model: StatuteFile | None, diagnostics: Sequence[Diagnostic]) -> bytes:
    """A file's entry (what `put` writes and `put_corpus` joins)."""
    return pickle.dumps((key, model, tuple(diagnostics)), protocol=pickle.HIGHEST_PROTOCOL)


def put(key: str, payload: bytes) -> None:
    write_entry(key + ".pickle", payload)


def put_corpus(keys: Sequence[str], entries: Sequence[bytes]) -> None:
    """Store a corpus entry from its files' entries (as `dump` returns them)."""
    key = corpus_key(keys)
    payload = pickle.dumps((key, tuple(entries)), protocol=pickle.HIGHEST_PROTOCOL)
    if write_entry("corpus-" + key + ".pickle", payload):
        prune("corpus-*.pickle", CORPUS_ENTRIES_KEPT)


def prune_files(limit: int | None = None) -> None:
    """Drop the oldest file entries beyond `limit` bytes in all (after new ones are written)."""
    prune("[0-9a-f]" * 64 + ".pickle", None, FILE_ENTRIES_BYTES if limit is None else limit)


