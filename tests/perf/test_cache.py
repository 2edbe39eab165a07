"""The content-hash cache: a warm load equals a cold one, nothing stale is ever served,
anything unreadable is rebuilt, and LAWCMP_CACHE=off turns it off."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

from lawcmp.lang.vocabulary import DEFAULT_PATH, load_vocabulary, parse_vocabulary
from lawcmp.load import cache, files
from lawcmp.load.corpus import check_paths, load_corpus
from lawcmp.load.files import discover, display_path
from lawcmp.support import store as cache_store


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths parsed (not served from the cache) since the test began."""
    seen: list[str] = []
    real = files.parse_one

    def counting(path: str, data: bytes, vocabulary: object) -> object:
        seen.append(path)
        return real(path, data, vocabulary)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "parse_one", counting)
    return seen


def entry_of(path: Path, vocabulary: object = None) -> Path:
    root = cache_store.directory()
    assert root is not None
    key = cache.file_key(hashlib.sha256(path.read_bytes()).digest(), display_path(path), vocabulary or load_vocabulary())  # type: ignore[arg-type]
    return root / f"{key}.pickle"


def corpus_entries() -> list[Path]:
    root = cache_store.directory()
    assert root is not None
    return sorted(root.glob("corpus-*.pickle"))


def test_warm_equals_cold(statutes: Path, store: Path, parses: list[str]) -> None:
    cold = load_corpus([statutes])
    files = len(discover([statutes])[0])
    assert len(parses) == files
    assert len(corpus_entries()) == 1
    warm = load_corpus([statutes])  # one read: the corpus entry
    assert len(parses) == files
    assert warm == cold
    assert warm == load_corpus([statutes], use_cache=False)
    for p in corpus_entries():
        p.unlink()
    from_files = load_corpus([statutes])  # one entry per file
    assert from_files == cold
    assert len(parses) == 2 * files  # use_cache=False parsed them all once more, and only that


def test_warm_diagnostics_and_texts_equal_cold(statutes: Path, store: Path) -> None:
    (statutes / "bad.law").write_text('jurisdiction KG "x" {\n  role nonsense\n}\n', encoding="utf-8")
    cold = check_paths([statutes])
    warm = check_paths([statutes])
    assert cold.diagnostics and warm.diagnostics == cold.diagnostics
    assert warm.files == cold.files
    assert warm.digest == cold.digest


def test_changing_a_files_bytes_misses_for_that_file_only(statutes: Path, store: Path, parses: list[str]) -> None:
    before = load_corpus([statutes])
    parses.clear()
    target = statutes / "UZ.law"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('"Republic of Uzbekistan"', '"Republic of Uzbekistan (edited)"'), encoding="utf-8")
    changed = load_corpus([statutes])
    assert parses == [display_path(target)]
    assert changed.digest != before.digest
    assert changed.books["UZ"].jurisdiction.name != before.books["UZ"].jurisdiction.name
    assert changed == load_corpus([statutes], use_cache=False)


def test_changing_the_vocabulary_misses(statutes: Path, store: Path, parses: list[str]) -> None:
    load_corpus([statutes])
    parses.clear()
    other = parse_vocabulary(DEFAULT_PATH.read_bytes() + b"\n# a comment changes the digest\n", str(DEFAULT_PATH))
    assert other.digest != load_vocabulary().digest
    load_corpus([statutes], vocabulary=other)
    assert len(parses) == len(discover([statutes])[0])


def test_the_cache_reads_the_grammar_the_parser_reads() -> None:
    from lawcmp.lang import syntax

    assert cache_store.grammar_text() == syntax.grammar_text()


def test_changing_the_grammar_misses(statutes: Path, store: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    load_corpus([statutes])
    parses.clear()
    grammar = cache_store.grammar_text()
    monkeypatch.setattr(cache_store, "grammar_text", lambda: grammar + "\n// another grammar\n")
    cache_store.code_digest.cache_clear()
    try:
        load_corpus([statutes])
    finally:
        cache_store.code_digest.cache_clear()
    assert len(parses) == len(discover([statutes])[0])


def _rekeyed(raw: bytes) -> bytes:
    """The entry under another key: an entry that names another file's key."""
    stored = pickle.loads(raw)  # written by the test's own cache
    return pickle.dumps(("0" + stored[0], *stored[1:]))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"\x00\xff garbage \x00",  # not a pickle
        lambda raw: pickle.dumps({"schema": "lawcmp-cache-1", "model": None}),  # a pickle of another shape
        _rekeyed,  # another file's entry
        lambda raw: b"",
        lambda raw: raw.replace(b"StatuteFile", b"StatuteFilx", 1),  # a class this code does not have
    ],
    ids=["truncated", "garbage", "other-shape", "other-key", "empty", "unknown-class"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(statutes: Path, store: Path, parses: list[str], damage: object) -> None:
    cold = load_corpus([statutes])
    target = statutes / "KG.law"
    for entry in (*corpus_entries(), entry_of(target)):
        entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    parses.clear()
    assert load_corpus([statutes]) == cold
    assert parses == [display_path(target)]  # the others came from their own entries
    rebuilt = entry_of(target).read_bytes()
    parsed = cache.load(rebuilt)
    assert parsed is not None
    assert parsed[0] == next(f for f in [*cold_files(statutes)] if f.path == display_path(target))
    parses.clear()
    assert load_corpus([statutes]) == cold
    assert parses == []


def test_spans_come_back_as_spans(statutes: Path, store: Path) -> None:
    """Equality cannot tell: a Span equals the bare tuple of its numbers."""
    from lawcmp.model.statute import Span

    load_corpus([statutes])
    warm = load_corpus([statutes])
    provision = next(p for book in warm.books.values() for p in book.provisions)
    for span in (provision.span, provision.versions[0].span, provision.versions[0].sources[0].span):
        assert type(span) is Span
        assert span.line >= 1 and span.end_line >= span.line
    assert cache.load(cache.dump("k", None, ())) == (None, [])


def cold_files(statutes: Path) -> list[object]:
    return list(files.read_files(discover([statutes])[0], load_vocabulary(), use_cache=False).files)


def test_cache_off_writes_nothing(statutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]) -> None:
    monkeypatch.setenv("LAWCMP_CACHE", "off")
    assert cache_store.directory() is None
    before = set(tmp_path.rglob("*"))
    first = load_corpus([statutes])
    second = load_corpus([statutes])
    assert first == second
    assert len(parses) == 2 * len(discover([statutes])[0])
    assert {p for p in tmp_path.rglob("*") if p.suffix in (".json", ".pickle")} == {p for p in before if p.suffix in (".json", ".pickle")}


def test_an_unwritable_cache_is_only_slower(statutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("LAWCMP_CACHE", str(blocker / "cache"))
    assert load_corpus([statutes]) == load_corpus([statutes], use_cache=False)


def test_corpus_entries_are_pruned(statutes: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CORPUS_ENTRIES_KEPT", 2)
    files = sorted(statutes.glob("*.law"))
    for n in range(2, 6):
        load_corpus(files[:n])
    assert len(corpus_entries()) == 2


def test_file_entries_are_pruned_oldest_first(statutes: Path, store: Path, parses: list[str]) -> None:
    import os

    load_corpus([statutes])
    entries = sorted(p for p in store.glob("*.pickle") if not p.name.startswith("corpus-"))
    assert len(entries) == len(discover([statutes])[0])
    for age, p in enumerate(entries):  # the first is the newest
        os.utime(p, (10_000_000 - age, 10_000_000 - age))
    sizes = [p.stat().st_size for p in entries]
    cache.prune_files(limit=sum(sizes[:3]))
    assert [p.exists() for p in entries] == [n < 3 for n in range(len(entries))]
    parses.clear()
    for p in corpus_entries():
        p.unlink()
    assert load_corpus([statutes]) == load_corpus([statutes], use_cache=False)
    assert len(parses) == len(entries) - 3 + len(entries)  # the pruned again, then all without the cache
