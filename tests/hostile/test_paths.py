"""File references in statute files never reach outside the directory they name.

Today the only file references are citations, checked against the source documents
(`lawcmp check --sources DIR`): a citation names a document, and only a file of that
name inside DIR is read — never `../…`, an absolute path, or a symbolic link out of DIR.
Each test plants a file outside whose reading would show (a quote that is not in it
gives SR02 if it is read) and watches every file lawcmp opens.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.load.checks import SourceLibrary
from lawcmp.load.corpus import check_paths
from tests.hostile.mutations import ROOT

BOOK = '''jurisdiction KG "Kyrgyz Republic" {{
}}

instrument KG/CC "Criminal Code" {{
  kind criminal-code
  source {document} "a phrase that is in no file"
}}
'''


def literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """sources/ with one real document, corpus/, and outside/ with a secret beside them."""
    dirs = {name: tmp_path / name for name in ("sources", "corpus", "outside")}
    for d in dirs.values():
        d.mkdir()
    (dirs["sources"] / "real.txt").write_text("¶1 Only the real document.\n", encoding="utf-8")
    (dirs["outside"] / "secret.txt").write_text("¶1 The secret.\n", encoding="utf-8")
    return dirs


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every file read through pathlib or open() while the test runs, resolved."""
    seen: list[Path] = []
    real_open = open

    def spy(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, str | bytes | os.PathLike):
            seen.append(Path(os.fsdecode(file)).resolve())
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", spy)
    monkeypatch.setattr("io.open", spy)
    yield seen


def check(place: dict[str, Path], document: str) -> list[str]:
    (place["corpus"] / "KG.law").write_text(BOOK.format(document=literal(document)), encoding="utf-8")
    loaded = check_paths([place["corpus"]], sources=place["sources"], use_cache=False)
    return [d.code for d in loaded.diagnostics]


def assert_nothing_outside_read(opened: list[Path], place: dict[str, Path]) -> None:
    outside = place["outside"].resolve()
    assert not [p for p in opened if p.is_relative_to(outside)], opened


def test_a_document_inside_the_sources_is_read(place: dict[str, Path], opened: list[Path]) -> None:
    assert "SR02" in check(place, "real.txt")
    assert (place["sources"] / "real.txt").resolve() in opened


@pytest.mark.parametrize("document", ["../outside/secret.txt", "../../outside/secret.txt", "..", ".", "",
                                      "sub/../../outside/secret.txt", "..\\outside\\secret.txt"])
def test_relative_paths_out_of_the_sources_are_never_read(place: dict[str, Path], opened: list[Path], document: str) -> None:
    assert "SR02" not in check(place, document)
    assert_nothing_outside_read(opened, place)


def test_absolute_paths_are_never_read(place: dict[str, Path], opened: list[Path]) -> None:
    assert "SR02" not in check(place, str(place["outside"] / "secret.txt"))
    assert "SR02" not in check(place, "/etc/passwd")
    assert_nothing_outside_read(opened, place)
    assert Path("/etc/passwd").resolve() not in opened


def test_a_symlink_out_of_the_sources_is_never_followed(place: dict[str, Path], opened: list[Path]) -> None:
    (place["sources"] / "evil.txt").symlink_to(place["outside"] / "secret.txt")
    (place["sources"] / "evil-dir").symlink_to(place["outside"], target_is_directory=True)
    assert "SR02" not in check(place, "evil.txt")
    assert "SR02" not in check(place, "evil-dir/secret.txt")
    assert_nothing_outside_read(opened, place)


def test_a_symlink_within_the_sources_is_followed(place: dict[str, Path], opened: list[Path]) -> None:
    (place["sources"] / "alias.txt").symlink_to(place["sources"] / "real.txt")
    assert "SR02" in check(place, "alias.txt")


def test_a_sources_directory_reached_through_a_symlink_works(place: dict[str, Path], tmp_path: Path) -> None:
    link = tmp_path / "sources-link"
    link.symlink_to(place["sources"], target_is_directory=True)
    place = {**place, "sources": link}
    assert "SR02" in check(place, "real.txt")


@pytest.mark.parametrize("name", ["loop.txt", "x" * 300, "Документ " * 40, "dir.txt", "fifo.txt", "locked.txt"])
def test_documents_that_cannot_be_read_are_only_unchecked(place: dict[str, Path], name: str) -> None:
    if name == "locked.txt" and os.geteuid() == 0:
        pytest.skip("root reads any file")
    sources = place["sources"]
    (sources / "loop.txt").symlink_to(sources / "loop.txt")
    (sources / "dir.txt").mkdir()
    os.mkfifo(sources / "fifo.txt")
    (sources / "locked.txt").write_text("¶1 locked\n")
    (sources / "locked.txt").chmod(0)
    assert "SR02" not in check(place, name)


@given(st.text(max_size=300))
def test_no_document_name_raises_or_escapes(name: str) -> None:
    library = SourceLibrary(ROOT / "statutes")
    result = library.get(name)
    if result is not None:
        assert "/" not in name and "\\" not in name and (ROOT / "statutes" / name).resolve().parent == (ROOT / "statutes")


def test_the_command_line_never_reads_outside_the_sources(place: dict[str, Path]) -> None:
    (place["sources"] / "evil.txt").symlink_to(place["outside"] / "secret.txt")
    for document in ("evil.txt", "../outside/secret.txt", str(place["outside"] / "secret.txt"), "x" * 300):
        (place["corpus"] / "KG.law").write_text(BOOK.format(document=literal(document)), encoding="utf-8")
        r = subprocess.run([sys.executable, "-m", "lawcmp", "check", str(place["corpus"]), "--sources", str(place["sources"])],
                           cwd=ROOT, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "LAWCMP_CACHE": "off"})
        assert r.returncode == 0, (document, r.stderr)
        assert "Traceback" not in r.stderr
