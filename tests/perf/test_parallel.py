"""Cold parsing in worker processes gives what one process gives, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawcmp.load import files
from lawcmp.load.corpus import check_paths, load_corpus
from lawcmp.load.files import DEFAULT_STATUTES


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """The shipped statutes, a file with errors, and a small synthetic world."""
    from benchmarks.generate import generate

    root = Path(shutil.copytree(DEFAULT_STATUTES, tmp_path / "statutes"))
    (root / "broken.law").write_text('jurisdiction ZZ "Broken" {\n  role nonsense\n  treaty\n}\n', encoding="utf-8")
    generate(root / "world", jurisdictions=6, provisions=4, versions=2)
    return root


def workers(monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    monkeypatch.setenv("LAWCMP_CACHE", "off")
    monkeypatch.setattr(files, "PARALLEL_FILES", 0 if on else 10**9)
    monkeypatch.setattr(files, "PARALLEL_BYTES", 0 if on else 10**12)
    monkeypatch.setattr(files, "_CHUNK", 3)
    monkeypatch.setattr(files, "available_cpus", lambda: 2)


def test_parallel_parse_equals_sequential(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workers(monkeypatch, on=False)
    one = check_paths([many])
    workers(monkeypatch, on=True)
    several = check_paths([many])
    assert several.diagnostics == one.diagnostics
    assert any(d.path.endswith("broken.law") for d in one.diagnostics)
    assert several.files == one.files
    assert [f.path for f in several.files] == [f.path for f in one.files]
    assert several.texts == one.texts
    assert several.digest == one.digest


def test_parallel_cold_load_fills_the_cache_for_a_warm_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workers(monkeypatch, on=True)
    monkeypatch.setenv("LAWCMP_CACHE", str(tmp_path / "cache"))
    cold = load_corpus([DEFAULT_STATUTES])
    monkeypatch.setattr(files, "parse_one", lambda *a: pytest.fail("a warm load parsed"))
    assert load_corpus([DEFAULT_STATUTES]) == cold
