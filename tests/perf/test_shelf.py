"""`lawcmp.load.shelf`: the books of a clean set of files, each validated by the process that
uses it, equal to the whole load's; an entry gone or damaged is rebuilt, never trusted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lawcmp.load import cache, shelf
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_corpus
from lawcmp.load.shelf import Shelf, open_shelf
from lawcmp.model.statute import Corpus
from lawcmp.reports import standard as reports
from lawcmp.support import parallel
from lawcmp.support.diagnostics import LawcmpError
from tests.helpers.workers import noting, processes_noted
from tests.perf.test_cache import corpus_entries, entry_of


def same_books(a: Shelf, whole: Corpus) -> None:
    assert a.codes == tuple(whole.books) and a.digest == whole.digest and a.files == whole.files
    assert [a.book(c) for c in a.codes] == list(whole.books.values())


def test_once_known_clean_a_shelf_holds_hashes_and_gives_the_same_books(statutes: Path, store: Path) -> None:
    whole = load_corpus([statutes])
    vouched = open_shelf([statutes])
    assert vouched.whole is None  # nothing validated yet
    same_books(vouched, whole)


def test_without_the_cache_a_shelf_is_the_whole_load(statutes: Path, store: Path) -> None:
    whole = load_corpus([statutes], use_cache=False)
    for use_cache in (False, True):  # the first load with the cache cannot vouch yet either
        held = open_shelf([statutes], use_cache=use_cache)
        assert held.whole == whole
        same_books(held, whole)


def test_a_book_reads_its_own_entry_and_no_other(statutes: Path, store: Path) -> None:
    whole = load_corpus([statutes])
    for entry in corpus_entries():
        entry.unlink()
    for other in statutes.glob("*.law"):
        if other.name != "KG.law":
            entry_of(other).unlink()
    assert open_shelf([statutes]).book("KG") == whole.books["KG"]
    assert corpus_entries() == [] and [p.name for p in statutes.glob("*.law") if entry_of(p).exists()] == ["KG.law"]


@pytest.mark.parametrize("damage", [lambda p: p.unlink(), lambda p: p.write_bytes(p.read_bytes()[:100]),
                                    lambda p: p.write_bytes(p.read_bytes().replace(b'"KG"', b'"KZ"'))],
                         ids=["gone", "truncated", "another-book"])
def test_an_entry_gone_or_damaged_is_rebuilt_from_the_bytes(statutes: Path, store: Path, damage: object) -> None:
    whole = load_corpus([statutes])
    vouched = open_shelf([statutes])
    entry = entry_of(statutes / "KG.law")
    damage(entry)  # type: ignore[operator]
    assert vouched.book("KG") == whole.books["KG"]
    key = entry.stem
    with shelf.collector.paused():
        rebuilt = cache.get(key)
    assert rebuilt is not None and rebuilt[0][0] is not None and rebuilt[0][0].jurisdictions[0].code == "KG"


def test_a_changed_file_is_read_again_and_its_mistakes_raised(statutes: Path, store: Path) -> None:
    load_corpus([statutes])
    uz = statutes / "UZ.law"
    uz.write_text(uz.read_text(encoding="utf-8").replace("provision UZ/CC/135", "provision UZ/CC/135 ?", 1), encoding="utf-8")
    with pytest.raises(LawcmpError) as failed:
        open_shelf([statutes])
    with pytest.raises(LawcmpError) as whole:
        load_corpus([statutes])
    assert failed.value.diagnostics == whole.value.diagnostics


def test_unknown_codes_are_all_named(store: Path) -> None:
    load_corpus()
    with pytest.raises(LawcmpError) as failed:
        open_shelf().require(["kg", "ZZ", "QQ"])
    diagnostics = failed.value.diagnostics
    assert [d.code for d in diagnostics] == ["ID03", "ID03"]
    assert ["ZZ" in d.message for d in diagnostics] == [True, False] and "QQ" in diagnostics[1].message


def test_a_history_from_a_shelf_equals_one_from_the_corpus(store: Path, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    """Each process validates the books it rates, and the document is the same."""
    catalog = load_catalog()
    start, end = dt.date(2000, 1, 1), dt.date(2010, 12, 31)
    whole = load_corpus()
    expected = reports.history(whole, start, end, catalog=catalog)
    notes = tmp_path / "notes"
    notes.mkdir()
    monkeypatch.setattr(Shelf, "book", noting(Shelf.book, notes))  # forked workers inherit it
    monkeypatch.setattr(parallel, "PARALLEL_BOOKS", 1)
    vouched = open_shelf()
    assert vouched.whole is None
    assert reports.history(vouched, start, end, catalog=catalog) == expected
    assert processes_noted(notes) == 2, "no book was read in a worker"
    assert reports.history(vouched, start, end, ["uz", "KG"], catalog=catalog).sections[0].tables[0].rows == tuple(
        r for code in ("UZ", "KG") for r in expected.sections[0].tables[0].rows if r[0].text == code)
