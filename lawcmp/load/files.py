"""Files: finding statute and rule files on disk, and reading and parsing them.

Parsed files are cached by content hash (see `lawcmp.load.cache`), so a second run reads
JSON instead of parsing; a large set is parsed in worker processes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.load import cache
from lawcmp.load.checks import check_file
from lawcmp.model.statute import StatuteFile
from lawcmp.support import collector, store
from lawcmp.support.diagnostics import Diagnostic
from lawcmp.support.parallel import available_cpus
from lawcmp.support.paths import CHECKOUT, RULES, STATUTES
from lawcmp.support.reading import decode

DEFAULT_STATUTES = STATUTES


DEFAULT_RULES = RULES


SUFFIXES = (".law", ".rules")


MAX_FILES = 10_000


def default_sources() -> Path | None:
    """Where the seed documents are, for checking quotes: $LAWCMP_SOURCES or ../shared/seeds."""
    env = os.environ.get("LAWCMP_SOURCES")
    if env:
        return Path(env)
    guess = CHECKOUT.parent / "shared" / "seeds"
    return guess if guess.is_dir() else None


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(x for x in p.rglob("*") if x.suffix in SUFFIXES and x.is_file()))
        elif p.is_file():
            found.append(p)
        else:
            problems.append(Diagnostic(code="IN01", message="no such file or directory", path=str(p)))
    if len(found) > MAX_FILES:
        problems.append(Diagnostic(code="IN07", message=f"{len(found)} files; the limit is {MAX_FILES}", path=str(paths[0])))
        found = found[:MAX_FILES]
    return found, problems


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path relative to the working directory (`cwd`, resolved) when it lies inside it."""
    try:
        return str(path.resolve().relative_to(cwd or Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class ReadFile:
    """One file as read: its bytes, and its model and diagnostics, cached or parsed now."""

    path: Path
    shown: str  # as diagnostics name it (`display_path`)
    data: bytes | None  # None: it could not be read, and the diagnostics say why
    data_hash: bytes  # sha256 of `data`
    model: StatuteFile | None
    diagnostics: list[Diagnostic]
    cached: bool


def parse_files(paths: Iterable[Path], vocabulary: Vocabulary, *, use_cache: bool = True) -> list[ReadFile]:
    """Each statute or bill file with its parse and `check_file` diagnostics, in order:
    from the cache where these bytes were read before, the rest parsed (in workers when
    there are many) and cached."""
    cwd = Path.cwd().resolve()
    out: list[ReadFile | None] = []
    read: list[tuple[str, bytes, bytes]] = []  # (shown path, bytes, sha256 of the bytes)
    slots: list[tuple[Path, str]] = []
    for path in paths:
        shown = display_path(path, cwd)
        try:
            data = path.read_bytes()
        except OSError as exc:
            out.append(ReadFile(path, shown, None, b"", None,
                                [Diagnostic(code="IN01", message=f"cannot read: {exc.strerror}", path=shown)], False))
            continue
        out.append(None)
        slots.append((path, shown))
        read.append((shown, data, hashlib.sha256(data).digest()))
    done = iter([
        ReadFile(path, shown, data, data_hash, model, diags, cached)
        for (path, shown), (_, data, data_hash), (model, diags, cached)
        in zip(slots, read, _parse_all(read, vocabulary, use_cache), strict=True)
    ])
    return [f if f is not None else next(done) for f in out]  # the unreadable in their places


def read_files(
    paths: Iterable[Path], vocabulary: Vocabulary, *, use_cache: bool = True, keep_text: bool = False
) -> Loaded:
    out = Loaded()
    for f in parse_files(paths, vocabulary, use_cache=use_cache):
        out.diagnostics.extend(f.diagnostics)
        if f.data is None:
            continue
        out.hashes.append((f.shown, f.data_hash))
        if keep_text:
            text = f.data.decode("utf-8", errors="replace") if f.cached else decode(f.data, f.shown)[0]
            if text is not None:
                out.texts[f.shown] = text
        if f.model is not None:
            out.files.append(f.model)
    out.digest = corpus_digest(out.hashes, vocabulary)
    return out


def corpus_digest(hashes: Sequence[tuple[str, bytes]], vocabulary: Vocabulary) -> str:
    """What a report cites as its corpus: the grammar, the vocabulary, and every file read (path and bytes)."""
    digest = hashlib.sha256()
    digest.update(store.grammar_text().encode())
    digest.update(vocabulary.digest.encode())
    for shown, data_hash in hashes:
        digest.update(shown.encode() + b"\0" + data_hash)
    return digest.hexdigest()


# Cold parsing goes to worker processes above these sizes: below them, one process is done
# before a pool pays for itself (about 40 ms to fork, and results shipped back as JSON).
PARALLEL_FILES = 40


PARALLEL_BYTES = 2_000_000


_CHUNK = 8  # files per task: enough to amortise the round trip, small enough to balance


def _parse_all(
    read: list[tuple[str, bytes, bytes]], vocabulary: Vocabulary, use_cache: bool
) -> list[tuple[StatuteFile | None, list[Diagnostic], bool]]:
    """(model, diagnostics, from the cache?) per file, in order: cached where possible, parsed otherwise."""
    keys = [cache.file_key(h, shown, vocabulary) for shown, _, h in read] if use_cache else [""] * len(read)
    whole = use_cache and len(read) > 1
    if whole:
        hit = cache.get_corpus(keys)
        if hit is not None:
            return [(model, diags, True) for model, diags in hit]
    results: list[tuple[StatuteFile | None, list[Diagnostic], bool] | None] = [None] * len(read)
    entries: list[bytes | None] = [None] * len(read)
    if use_cache:
        with collector.paused():
            for i, key in enumerate(keys):
                found = cache.get(key)
                if found is not None:
                    (model, diags), entries[i] = found
                    results[i] = (model, diags, True)
    missing = [i for i, r in enumerate(results) if r is None]
    todo = [(keys[i], read[i][0], read[i][1]) for i in missing]
    for i, (model, diags, entry) in zip(missing, _parse_many(todo, vocabulary), strict=True):
        results[i] = (model, diags, False)
        if use_cache:
            entry = entry or cache.dump(keys[i], model, diags)
            cache.put(keys[i], entry)
            entries[i] = entry
    if whole and missing:
        cache.put_corpus(keys, entries)  # type: ignore[arg-type]
    if use_cache and missing:
        cache.prune_files()
    return results  # type: ignore[return-value]


def parse_one(path: str, data: bytes, vocabulary: Vocabulary) -> tuple[StatuteFile | None, list[Diagnostic]]:
    # lawcmp.lang.syntax, and lark with it, is loaded only when something is parsed:
    # a warm run serves every file from the cache.
    from lawcmp.lang.syntax import parse_statute

    text, diags = decode(data, path)
    model = None
    if text is not None:
        model, more = parse_statute(text, path, vocabulary)
        diags = diags + more
        if model is not None:
            diags = diags + check_file(model)
    return model, diags


def _parse_many(
    todo: list[tuple[str, str, bytes]], vocabulary: Vocabulary
) -> list[tuple[StatuteFile | None, list[Diagnostic], bytes | None]]:
    """Parse and check files: in worker processes when there are many, in order either way."""
    from lawcmp.support import progress

    size = sum(len(data) for _, _, data in todo)
    workers = min(available_cpus(), -(-len(todo) // _CHUNK))
    if workers > 1 and (len(todo) > PARALLEL_FILES or size > PARALLEL_BYTES):
        return _parse_parallel(todo, vocabulary, workers)
    out: list[tuple[StatuteFile | None, list[Diagnostic], bytes | None]] = []
    # The collector stays on while parsing: recovering from syntax errors leaves garbage
    # cycles (exceptions, their frames, the text) that only it can free.
    with progress.bar("parsing", total=len(todo)) as advance:
        for _key, path, data in todo:
            out.append((*parse_one(path, data, vocabulary), None))
            advance(1)
    return out


_WORKER_VOCABULARY: Vocabulary | None = None


def _init_worker(vocabulary: Vocabulary) -> None:
    import gc

    global _WORKER_VOCABULARY
    _WORKER_VOCABULARY = vocabulary
    # A forked worker starts with its parent's heap and collector state: let it collect
    # what parsing leaves, but never scan (and so copy) the pages it shares with the parent.
    collector.freeze()
    gc.enable()


def _parse_chunk(chunk: list[tuple[str, str, bytes]]) -> list[bytes]:
    """In a worker: each file's cache entry, as JSON (pydantic reads it back fastest)."""
    assert _WORKER_VOCABULARY is not None
    out = []
    for key, path, data in chunk:
        model, diags = parse_one(path, data, _WORKER_VOCABULARY)
        out.append(cache.dump(key, model, diags))
    return out


def _parse_parallel(
    todo: list[tuple[str, str, bytes]], vocabulary: Vocabulary, workers: int
) -> list[tuple[StatuteFile | None, list[Diagnostic], bytes | None]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from lawcmp.lang.syntax import parse_statute
    from lawcmp.support import progress

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    if context is not None:
        parse_statute("", "<warm-up>", vocabulary)  # build the parser once, here; forked workers inherit it
    chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    out: list[tuple[StatuteFile | None, list[Diagnostic], bytes | None]] = []
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(vocabulary,)) as pool, \
            progress.bar("parsing", total=len(todo)) as advance, collector.paused():
        for chunk, entries in zip(chunks, pool.map(_parse_chunk, chunks), strict=True):
            for entry in entries:
                parsed = cache.load(entry)
                assert parsed is not None  # written by a worker of this process, just now
                out.append((*parsed, entry))
            advance(len(chunk))
    return out


@dataclass
class Loaded:
    """The outcome of reading some files: what parsed, what was wrong, and the texts."""

    files: list[StatuteFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    digest: str = ""
    hashes: list[tuple[str, bytes]] = field(default_factory=list)  # (shown path, sha256 of its bytes) of every file read
