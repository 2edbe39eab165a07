"""The whole corpus: every file read and checked, alone and together, or every error raised."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.load import cache
from lawcmp.load.checks import check_corpus, is_bill_file
from lawcmp.load.files import read_files
from lawcmp.model.statute import Bill, Corpus, StatuteBook, StatuteFile
from lawcmp.support import store
from lawcmp.support.diagnostics import Diagnostic, LawcmpError


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
    if store.get_value(BOOKS, key) is None:
        keys = dict(listed)
        store.put_value(BOOKS, key, {code: keys[book.path] for code, book in corpus.books.items()})
