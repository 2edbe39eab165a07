"""`load_corpus(only=...)`: the books of some states, equal to those of the whole load,
read from their own cache entries alone once the cache knows that these files load clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcmp.load.corpus import load_corpus
from lawcmp.model.statute import Corpus
from lawcmp.support import store as cache_store
from lawcmp.support.diagnostics import LawcmpError
from tests.perf.test_cache import corpus_entries, entry_of

CODES = sorted(load_corpus().books)


def some_of(whole: Corpus, codes: list[str]) -> Corpus:
    """What `only` promises: those books, no bills, and the whole corpus's files and digest."""
    return whole.model_copy(update={"books": {c: whole.books[c] for c in sorted(codes)}, "bills": ()})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(codes=st.lists(st.sampled_from(CODES), min_size=1, max_size=4))
def test_only_equals_the_whole_load_cut_down(codes: list[str], store: Path) -> None:
    whole = load_corpus()  # a clean load: the cache learns which file holds which book
    for use_cache in (True, False):
        some = load_corpus(only=[c.lower() for c in codes], use_cache=use_cache)
        assert some == some_of(whole, codes)


def test_once_known_clean_only_the_files_asked_for_are_read(statutes: Path, store: Path) -> None:
    whole = load_corpus([statutes])
    for entry in corpus_entries():
        entry.unlink()  # the whole corpus's entry: not needed
    for other in statutes.glob("*.law"):
        if other.name != "KG.law":
            entry_of(other).unlink()  # nor the other files'
    assert load_corpus([statutes], only=["KG"]) == some_of(whole, ["KG"])
    assert corpus_entries() == []  # and nothing was parsed or rebuilt to answer


def test_a_changed_file_anywhere_is_read_again(statutes: Path, store: Path) -> None:
    load_corpus([statutes])
    (statutes / "UZ.law").write_text((statutes / "UZ.law").read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    some = load_corpus([statutes], only=["KG"])
    assert len(corpus_entries()) == 2  # the whole load ran again, for the files as they are now
    assert some.digest == load_corpus([statutes], use_cache=False).digest


def test_a_mistake_in_another_file_is_still_an_error(statutes: Path, store: Path) -> None:
    load_corpus([statutes])
    uz = statutes / "UZ.law"
    uz.write_text(uz.read_text(encoding="utf-8").replace("provision UZ/CC/135", "provision UZ/CC/135 ?", 1), encoding="utf-8")
    with pytest.raises(LawcmpError) as failed:
        load_corpus([statutes], only=["KG"])
    with pytest.raises(LawcmpError) as whole:
        load_corpus([statutes])
    assert failed.value.diagnostics == whole.value.diagnostics
    assert any(d.path.endswith("/UZ.law") for d in failed.value.diagnostics)


def test_a_path_that_does_not_exist_is_still_an_error(statutes: Path, store: Path) -> None:
    load_corpus([statutes])
    with pytest.raises(LawcmpError) as failed:
        load_corpus([statutes, statutes / "missing.law"], only=["KG"])
    assert [d.code for d in failed.value.diagnostics] == ["IN01"]


def test_a_file_named_twice_is_loaded_whole(statutes: Path, store: Path) -> None:
    load_corpus([statutes])
    twice = [statutes, statutes / "KG.law"]
    assert load_corpus(twice, only=["UZ"]) == some_of(load_corpus(twice), ["UZ"])
    assert load_corpus(twice).digest != load_corpus([statutes]).digest


def test_an_unknown_code_names_every_state_of_the_corpus(store: Path) -> None:
    load_corpus()
    with pytest.raises(LawcmpError) as failed:
        load_corpus(only=["KG", "ZZ"])
    [d] = failed.value.diagnostics
    assert d.code == "ID03" and f"({', '.join(CODES)})" in d.message


@pytest.mark.parametrize("damage", [lambda raw: raw[: len(raw) // 2], lambda raw: raw.replace(b'"KG":"', b'"KG":"0', 1)],
                         ids=["truncated", "another-key"])
def test_a_damaged_list_of_books_is_ignored(store: Path, damage: object) -> None:
    whole = load_corpus()
    [books] = sorted(store.glob("books-*.json"))
    books.write_bytes(damage(books.read_bytes()))  # type: ignore[operator]
    assert load_corpus(only=["KG"]) == some_of(whole, ["KG"])
    assert cache_store.summary()["books"][0] == 1
