"""The site built once per session from a copy of the shipped corpus, shared by the
site's tests (a copy, so that every build in the session reads the same files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawcmp.load.corpus import load_corpus
from lawcmp.load.files import DEFAULT_STATUTES
from lawcmp.model.statute import Corpus


@pytest.fixture(scope="session")
def statutes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("corpus") / "statutes"
    shutil.copytree(DEFAULT_STATUTES, copy)
    return copy


@pytest.fixture(scope="session")
def shipped(statutes: Path) -> Corpus:
    return load_corpus([statutes])


@pytest.fixture(scope="session")
def site(shipped: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lawcmp.site.build import build_site

    out = tmp_path_factory.mktemp("site") / "out"
    build_site(shipped, out)
    return out
