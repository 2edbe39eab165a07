"""A corpus's books, each validated when it is asked for, in the process that asks.

A world's timeline matrix needs every book, but each of the processes that share the
work needs only its own. Validating the whole corpus in one process before forking
(0.4 s of the world's 2 s) is work they can share instead (docs/performance.md).
Where the cache knows that these very files load clean (`vouched`: the books entry
that a clean whole load writes), a shelf is what the files' hashes say, and `book`
validates one file's cache entry. Where it cannot vouch, the whole corpus is loaded,
every error raised as by `load_corpus`, and the shelf holds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lawcmp.lang.vocabulary import Vocabulary, load_vocabulary
from lawcmp.load import cache
from lawcmp.load.files import DEFAULT_STATUTES, corpus_digest, discover, display_path, parse_one
from lawcmp.load.whole import BOOKS, assemble, load_whole
from lawcmp.model.statute import Corpus, StatuteBook
from lawcmp.support import collector, store
from lawcmp.support.diagnostics import LawcmpError, asked_jurisdictions


def open_shelf(
    paths: Sequence[Path | str] | None = None, *, vocabulary: Vocabulary | None = None, use_cache: bool = True,
) -> Shelf:
    """The books under `paths` for work shared between processes, each book read by the
    process that uses it (`Shelf`); raises on any error, as `load_corpus` does."""
    vocabulary = vocabulary or load_vocabulary()
    found, problems = discover([Path(p) for p in paths] if paths else [DEFAULT_STATUTES])
    if use_cache and not problems:
        shelf = vouched(found, vocabulary)
        if shelf is not None:
            return shelf
    return Shelf.of(load_whole(found, problems, vocabulary, use_cache))


class _Held(NamedTuple):
    """Where a book of a vouched-for set of files comes from: its file's cache entry, and
    the file's bytes as they were hashed, to parse again should the entry be gone."""

    key: str
    shown: str
    data: bytes


@dataclass(frozen=True)
class Shelf:
    """The books of a set of files that loads clean: from their cache entries, one by one
    (`held`), or from the whole corpus loaded here (`whole`) where the cache could not
    vouch for the files. The same books either way, and the same digest."""

    digest: str  # as `Corpus.digest`
    files: tuple[str, ...]  # as `Corpus.files`
    whole: Corpus | None = None
    held: Mapping[str, _Held] = field(default_factory=dict)
    vocabulary: Vocabulary | None = None

    @classmethod
    def of(cls, corpus: Corpus | Shelf) -> Shelf:
        """A loaded corpus as a shelf (and a shelf as itself): what the reports read."""
        if isinstance(corpus, Shelf):
            return corpus
        return cls(digest=corpus.digest, files=corpus.files, whole=corpus)

    @property
    def codes(self) -> tuple[str, ...]:
        """The jurisdictions of the books, in order."""
        return tuple(self.whole.books if self.whole is not None else self.held)

    def book(self, code: str) -> StatuteBook:
        """The book of `code` (one of `codes`). An entry that is gone or damaged is
        rebuilt from the bytes that were hashed, never trusted, as in any load."""
        if self.whole is not None:
            return self.whole.books[code]
        assert self.vocabulary is not None
        held = self.held[code]
        with collector.paused():
            hit = cache.get(held.key)
        model = hit[0][0] if hit is not None else None
        book = assemble([model]).books.get(code) if model is not None else None
        if book is None:
            model, diags = parse_one(held.shown, held.data, self.vocabulary)
            if model is None or any(d.severity == "error" for d in diags):
                raise LawcmpError(diags)
            cache.put(held.key, cache.dump(held.key, model, diags))
            book = assemble([model]).books[code]
        return book

    def size(self, code: str) -> int:
        """How large the book of `code` is, roughly: to hand out the largest first."""
        if self.whole is not None:
            return len(self.whole.books[code].provisions)
        return len(self.held[code].data)

    def require(self, codes: Sequence[str] | None) -> list[str]:
        """The codes asked for (any case), in the order asked, every book when none is
        named; every unknown one reported at once (ID03)."""
        return asked_jurisdictions(codes, self.codes)

    def corpus(self, codes: Sequence[str]) -> Corpus:
        """The corpus of these books alone, and no bills, citing the whole set's files and digest."""
        wanted = sorted(set(self.require(codes)))
        if self.whole is not None:
            return self.whole.model_copy(update={"books": {c: self.whole.books[c] for c in wanted}, "bills": ()})
        return Corpus.model_construct(books={c: self.book(c) for c in wanted}, bills=(), files=self.files,
                                      digest=self.digest)


def vouched(found: list[Path], vocabulary: Vocabulary) -> Shelf | None:
    """The shelf of these files from their hashes alone, or None where the cache cannot
    vouch that they load clean: files changed since a clean load, one named twice, a
    books entry gone or damaged. None sends the caller to the whole load, which decides."""
    cwd = Path.cwd().resolve()
    read: dict[str, tuple[str, bytes, bytes]] = {}  # shown path: (entry key, sha256, bytes)
    for path in found:
        shown = display_path(path, cwd)
        if shown in read:
            return None  # a file named twice: the whole load says what that makes
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest = hashlib.sha256(data).digest()
        read[shown] = (cache.file_key(digest, shown, vocabulary), digest, data)
    held = store.get_value(BOOKS, cache.corpus_key([key for key, _, _ in read.values()]))
    if not isinstance(held, dict):
        return None
    shown_of = {key: shown for shown, (key, _, _) in read.items()}
    if not all(isinstance(key, str) and key in shown_of for key in held.values()):
        return None
    books = {code: _Held(key, shown_of[key], read[shown_of[key]][2]) for code, key in sorted(held.items())}
    hashes = [(shown, digest) for shown, (_, digest, _) in read.items()]
    return Shelf(digest=corpus_digest(hashes, vocabulary), files=tuple(read), held=books,
                 vocabulary=vocabulary)
