"""What every process needs before it can judge anything — the vocabulary, the catalog and
the parser — comes from the cache when nothing it depends on changed, and is rebuilt
when anything did or the entry is damaged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawcmp.lang import vocabulary
from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.load import catalog
from lawcmp.load.catalog import DEFAULT_RULES, load_catalog
from lawcmp.model.rules import Catalog
from lawcmp.support.diagnostics import LawcmpError
from tests.helpers import ROOT


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "cache"
    monkeypatch.setenv("LAWCMP_CACHE", str(root))
    load_catalog.cache_clear()
    load_vocabulary.cache_clear()
    yield root
    load_catalog.cache_clear()
    load_vocabulary.cache_clear()


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_RULES, tmp_path / "rules"))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per time the rule files were parsed rather than read from the cache."""
    seen: list[int] = []
    real = catalog.read_rule_files

    def counting(paths: list[Path], vocab: object) -> object:
        seen.append(len(paths))
        return real(paths, vocab)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "read_rule_files", counting)
    return seen


def fresh(root: Path) -> Catalog:
    load_catalog.cache_clear()
    return load_catalog(root)


def test_a_cached_catalog_equals_the_parsed_one(store: Path, rules: Path, parses: list[int]) -> None:
    cold = fresh(rules)
    assert parses == [6]
    assert len(list(store.glob("catalog-*.json"))) == 1
    warm = fresh(rules)
    assert parses == [6]
    assert warm == cold
    assert warm.vocabulary == cold.vocabulary


def test_editing_a_rule_file_misses(store: Path, rules: Path, parses: list[int]) -> None:
    fresh(rules)
    target = rules / "prevention.rules"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('obligation prev.policies "', 'obligation prev.policies "Edited: ', 1), encoding="utf-8")
    edited = fresh(rules)
    assert len(parses) == 2
    assert any(o.title.startswith("Edited: ") for o in edited.obligations)


def test_an_unsound_catalog_is_not_cached(store: Path, rules: Path) -> None:
    (rules / "broken.rules").write_text("obligation crim.x {\n  nonsense\n}\n", encoding="utf-8")
    with pytest.raises(LawcmpError):
        fresh(rules)
    assert not list(store.glob("catalog-*.json"))
    with pytest.raises(LawcmpError):
        fresh(rules)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"\xff garbage",
        lambda raw: raw.replace(b'"key": "', b'"key": "0', 1),
        lambda raw: raw.replace(b'"c":"Obligation"', b'"c":"Exploit"', 1),
        lambda raw: raw.replace(b'"c":"Obligation"', b'"c":"Criterion"', 1),  # the same arity
        lambda raw: raw.replace(b"mandatory", b"optional!", 1),  # one word
        lambda raw: raw.replace(b"\n", b" ", 1),
    ],
    ids=["truncated", "garbage", "other-key", "unknown-class", "wrong-class", "one-word", "no-header"],
)
def test_a_damaged_catalog_entry_is_rebuilt(store: Path, rules: Path, parses: list[int], damage: object) -> None:
    cold = fresh(rules)
    (entry,) = store.glob("catalog-*.json")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert fresh(rules) == cold
    assert len(parses) == 2
    assert fresh(rules) == cold
    assert len(parses) == 2  # the rebuilt entry serves


def test_a_damaged_vocabulary_entry_is_rebuilt(store: Path) -> None:
    cold = load_vocabulary()
    (entry,) = store.glob("vocabulary-*.json")
    entry.write_bytes(entry.read_bytes().replace(b'"c":"Term"', b'"c":"Vocabulary"', 1))
    load_vocabulary.cache_clear()
    assert load_vocabulary() == cold
    assert cold == vocabulary.parse_vocabulary(vocabulary.DEFAULT_PATH.read_bytes(), str(vocabulary.DEFAULT_PATH))


def test_cache_off_writes_nothing(store: Path, rules: Path, monkeypatch: pytest.MonkeyPatch, parses: list[int]) -> None:
    monkeypatch.setenv("LAWCMP_CACHE", "off")
    fresh(rules)
    fresh(rules)
    assert parses == [6, 6]
    assert not store.exists()


def run(code: str, store: Path) -> str:
    env = {**os.environ, "LAWCMP_CACHE": str(store)}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout


def test_a_warm_process_imports_no_parser(tmp_path: Path) -> None:
    code = (
        "import sys; from lawcmp.load.catalog import load_catalog; from lawcmp.support.i18n import t; load_catalog(); t('rating', 'C'); "
        "print(' '.join(m for m in ('lark', 'tomllib') if m in sys.modules))"
    )
    # The first builds the catalog, the vocabulary and the glossary (and saves the parser).
    assert run(code, tmp_path) == "lark tomllib\n"
    assert run(code, tmp_path) == "\n"


def test_a_damaged_saved_parser_is_rebuilt(tmp_path: Path) -> None:
    code = (
        "from lawcmp.lang.syntax import parse_statute; from lawcmp.lang.vocabulary import load_vocabulary\n"
        "m, d = parse_statute('jurisdiction KG \"Kyrgyzstan\" {\\n}\\n', 'x.law', load_vocabulary())\n"
        "print(m.jurisdictions[0].code, len(d))"
    )
    assert run(code, tmp_path) == "KG 0\n"
    (saved,) = tmp_path.glob("parser-*.lark")
    for damage in (saved.read_bytes()[:500], b"garbage\n\x80\x04garbage"):
        saved.write_bytes(damage)
        assert run(code, tmp_path) == "KG 0\n"
        assert saved.stat().st_size > 1000  # written again, whole
