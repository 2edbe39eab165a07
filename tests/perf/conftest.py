"""Fixtures of the cache's tests: a copy of the shipped statutes to edit, and a cache of the test's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawcmp.load.files import DEFAULT_STATUTES


@pytest.fixture
def statutes(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_STATUTES, tmp_path / "statutes"))


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("LAWCMP_CACHE", str(root))
    return root
