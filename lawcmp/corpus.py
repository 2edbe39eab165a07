"""Loading: files on disk to a checked `Corpus`, every problem of every file at once.

`check_paths` returns diagnostics (for `lawcmp check`); `load_corpus` returns the
corpus or raises `LawcmpError` with all of them. Parsed files are cached by content
hash (see `lawcmp.cache`), so a second run reads JSON instead of parsing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lawcmp import cache, collector
from lawcmp.checks import SourceLibrary, check_citations, check_corpus, check_file, is_bill_file
from lawcmp.diagnostics import Diagnostic, LawcmpError
from lawcmp.model import Bill, Corpus, StatuteBook, StatuteFile
from lawcmp.parallel import available_cpus
from lawcmp.paths import CHECKOUT, RULES, STATUTES
from lawcmp.reading import decode
from lawcmp.vocabulary import Vocabulary, load_vocabulary

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


@dataclass
class Loaded:
    """The outcome of reading some files: what parsed, what was wrong, and the texts."""

    files: list[StatuteFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    digest: str = ""
    hashes: list[tuple[str, bytes]] = field(default_factory=list)  # (shown path, sha256 of its bytes) of every file read


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
    digest.update(cache.grammar_text().encode())
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
    # lawcmp.syntax, and lark with it, is loaded only when something is parsed:
    # a warm run serves every file from the cache.
    from lawcmp.syntax import parse_statute

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
    from lawcmp import progress

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

    from lawcmp import progress
    from lawcmp.syntax import parse_statute

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    if context is not None:
        parse_statute("", "<warm-up>", vocabulary)  # build the parser once, here; forked workers inherit it
    chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    out: list[tuple[StatuteFile | None, list[Diagnostic], bytes | None]] = []
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(vocabulary,)) as pool, \
            progress.bar("parsing", total=len(todo)) as advance, collector.paused():
        for chunk, entries in zip(chunks, pool.map(_parse_chunk, chunks), strict=True):
            for entry in entries:
                e = cache.Entry.model_validate_json(entry)
                out.append((e.model, list(e.diagnostics), entry))
            advance(len(chunk))
    return out


def check_paths(
    paths: Sequence[Path] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    sources: Path | None = None,
    use_cache: bool = True,
) -> Loaded:
    """Read, parse and check files; the diagnostics come back, nothing is raised."""
    from lawcmp.catalog import read_rule_files

    try:
        vocabulary = vocabulary or load_vocabulary()
    except LawcmpError as exc:
        return Loaded(diagnostics=list(exc.diagnostics))
    found, problems = discover(list(paths) if paths else [DEFAULT_STATUTES, DEFAULT_RULES])
    laws = [p for p in found if p.suffix != ".rules"]
    rules = [p for p in found if p.suffix == ".rules"]
    loaded = read_files(laws, vocabulary, use_cache=use_cache, keep_text=True)
    _, rule_problems, rule_texts = read_rule_files(rules, vocabulary)
    loaded.texts.update(rule_texts)
    loaded.diagnostics = problems + loaded.diagnostics + rule_problems + check_corpus(loaded.files)
    if sources is not None and sources.is_dir():
        library = SourceLibrary(sources)
        for f in loaded.files:
            loaded.diagnostics.extend(check_citations(f, library))
    loaded.diagnostics.sort(key=Diagnostic.sort_key)
    return loaded


def assemble(files: Iterable[StatuteFile], digest: str = "") -> Corpus:
    """The corpus of these files: one book per jurisdiction, the bills beside them.

    Its parts are validated models already, so the book and the corpus are put together
    with `model_construct`: validating them again would check nothing new and would build
    a validator for the whole tree of models, twice, in every process.
    """
    books: dict[str, StatuteBook] = {}
    bills: list[Bill] = []
    names: list[str] = []
    for f in files:
        names.append(f.path)
        bills.extend(f.bills)
        if is_bill_file(f) or len(f.jurisdictions) != 1:
            continue
        j = f.jurisdictions[0]
        books[j.code] = StatuteBook.model_construct(
            jurisdiction=j, path=f.path, instruments=f.instruments, provisions=f.provisions, facts=f.facts
        )
    return Corpus.model_construct(books=dict(sorted(books.items())), bills=tuple(bills), files=tuple(names), digest=digest)


def load_corpus(
    paths: Sequence[Path | str] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    use_cache: bool = True,
    only: Sequence[str] | None = None,
) -> Corpus:
    """The corpus under `paths` (default: the shipped `statutes/`); raises on any error.

    With `only` (jurisdiction codes, any case), the corpus holds those books alone and
    no bills — what a command about one or two states reads. It is checked as the whole
    corpus is, and cites the same digest, but where the cache knows that these very files
    load clean, only the files of those books are read from it (`Shelf`): on the
    synthetic world, 0.5 s less for every such command (docs/performance.md).
    """
    vocabulary = vocabulary or load_vocabulary()
    found, problems = discover([Path(p) for p in paths] if paths else [DEFAULT_STATUTES])
    wanted = sorted({c.upper() for c in only}) if only is not None else None
    if wanted is None:
        return load_whole(found, problems, vocabulary, use_cache)
    from lawcmp.shelf import Shelf, vouched  # not imported by a command that reads every book

    if use_cache and not problems:
        shelf = vouched(found, vocabulary)
        if shelf is not None and set(wanted) <= set(shelf.codes):
            return shelf.corpus(wanted)
    return Shelf.of(load_whole(found, problems, vocabulary, use_cache)).corpus(wanted)


def load_whole(found: list[Path], problems: list[Diagnostic], vocabulary: Vocabulary, use_cache: bool) -> Corpus:
    """Every file read and checked, alone and together: the corpus, or every error raised."""
    loaded = read_files(found, vocabulary, use_cache=use_cache)
    errors = problems + [d for d in loaded.diagnostics if d.severity == "error"]
    errors += check_corpus(loaded.files)
    if errors:
        raise LawcmpError(errors)
    corpus = assemble(loaded.files, loaded.digest)
    if use_cache:
        _remember_books(corpus, loaded.hashes, vocabulary)
    return corpus


# The cache's word that a set of files loads clean: under the key of the set (`cache.corpus_key`),
# the entry key of the file of each jurisdiction's book. Written by a load that found no error.
BOOKS = "books"


def _remember_books(corpus: Corpus, hashes: Sequence[tuple[str, bytes]], vocabulary: Vocabulary) -> None:
    listed = [(shown, cache.file_key(h, shown, vocabulary)) for shown, h in hashes]
    key = cache.corpus_key([k for _, k in listed])
    if cache.get_value(BOOKS, key) is None:
        keys = dict(listed)
        cache.put_value(BOOKS, key, {code: keys[book.path] for code, book in corpus.books.items()})


def load_text(text: str, path: str = "<text>", vocabulary: Vocabulary | None = None) -> Corpus:
    """A corpus from one statute text (for notebooks and tests); raises on any error."""
    from lawcmp.syntax import parse_statute

    vocabulary = vocabulary or load_vocabulary()
    model, diags = parse_statute(text, path, vocabulary)
    if model is not None:
        diags = diags + check_file(model)
    if diags or model is None:
        raise LawcmpError(diags)
    return assemble([model], hashlib.sha256(text.encode()).hexdigest())


def load_bill(path: Path | str, corpus: Corpus, code: str | None = None) -> Bill:
    """The one bill in `path` (for `code`, if given), checked against the corpus; raises on any error."""
    from lawcmp.checks import check_bills

    vocabulary = load_vocabulary()
    target = Path(path)
    found, problems = discover([target])
    loaded = read_files(found, vocabulary)
    files = loaded.files
    shown = display_path(target)
    errors = problems + [d for d in loaded.diagnostics if d.severity == "error"]
    bills = [b for f in files for b in f.bills if code is None or b.jurisdiction == code.upper()]
    if not errors and len(bills) != 1:
        which = f" for {code.upper()}" if code else ""
        errors.append(Diagnostic(code="ID03", path=shown, message=f"expected one bill{which} in the file, found {len(bills)}"))
    if not errors:
        # Check the bill against the statute books it overlays.
        from lawcmp.model import StatuteFile

        books = [StatuteFile(path=b.path, jurisdictions=(b.jurisdiction,), instruments=b.instruments,
                             provisions=b.provisions, facts=b.facts) for b in corpus.books.values()]
        errors += [d for d in check_bills([*books, *files]) if d.path == shown]
    if errors:
        raise LawcmpError(errors)
    return bills[0]
