"""`lawcmp fmt` over many files says and does what it says and does file by file, and
does not parse again a file it already knows to parse, unless its layout changes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawcmp.load import formatting
from lawcmp.load.formatting import format_file, format_files

HERE = Path(__file__).resolve().parent
RULE = 'obligation crim.x "X" {\n  pillar   criminalization\n}\n'


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A canonical file, a messy one, one that does not parse, one that is not UTF-8, a rule file."""
    monkeypatch.chdir(tmp_path)
    for name in ("canonical.law", "messy.law", "broken.law"):
        shutil.copy(HERE / name, tmp_path / name)
    (tmp_path / "latin1.law").write_bytes('jurisdiction LL "Lünd" {\n}\n'.encode("latin-1"))
    (tmp_path / "x.rules").write_text(RULE, encoding="utf-8")
    return [*sorted(tmp_path.glob("*.law")), tmp_path / "x.rules"]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files `fmt` parses itself (not through the corpus loader), one entry per parse."""
    seen: list[str] = []
    real = formatting._parse

    def counting(text: str, shown: str, rules: bool) -> tuple[object, list[object]]:
        seen.append(Path(shown).name)
        return real(text, shown, rules)  # type: ignore[return-value]

    monkeypatch.setattr(formatting, "_parse", counting)
    yield seen


def one_by_one(paths: list[Path], *, write: bool) -> list[object]:
    return [d for p in paths for d in format_file(p, p.name, write=write)]


@pytest.mark.parametrize("cache", ["cold", "warm", "off"])
def test_many_files_are_checked_as_each_is_alone(
    cache: str, files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWCMP_CACHE", "off" if cache == "off" else str(tmp_path / "cache"))
    if cache == "warm":
        format_files(files, write=False)
    together = format_files(files, write=False)
    assert together == one_by_one(files, write=False)
    assert [(d.path, d.code) for d in together] == [
        ("broken.law", "SY01"), ("latin1.law", "IN02"), ("messy.law", "FM01"), ("x.rules", "FM01"),
    ]


def test_many_files_are_written_as_each_is_alone(files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWCMP_CACHE", str(tmp_path / "cache"))
    alone = tmp_path / "alone"
    alone.mkdir()
    copies = [Path(shutil.copy(p, alone / p.name)) for p in files]
    assert format_files(files, write=True) == one_by_one(copies, write=True)
    assert [p.read_bytes() for p in files] == [p.read_bytes() for p in copies]
    assert (tmp_path / "messy.law").read_bytes() != (HERE / "messy.law").read_bytes()


def test_a_file_known_to_parse_is_parsed_again_only_to_prove_a_new_layout(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    monkeypatch.setenv("LAWCMP_CACHE", str(tmp_path / "cache"))
    format_files(files, write=False)
    # The loader parsed the statute files; fmt parses the rule file, the new layouts (to
    # prove their meaning unchanged), and the broken file again for its own diagnostics.
    assert sorted(parses) == ["broken.law", "messy.law", "x.rules", "x.rules"]
    parses.clear()
    format_files(files, write=False)
    assert sorted(parses) == ["broken.law", "messy.law", "x.rules", "x.rules"]
    assert "canonical.law" not in parses


def test_a_warm_check_of_canonical_files_imports_no_parser(tmp_path: Path) -> None:
    """A file served from the cache in the canonical layout needs its text, not the parser."""
    import os
    import subprocess
    import sys

    shutil.copy(HERE / "canonical.law", tmp_path / "canonical.law")
    code = (
        "import sys; from pathlib import Path; from lawcmp.load.formatting import format_files; "
        "print(format_files([Path('canonical.law')], write=False), 'lark' in sys.modules)"
    )
    env = {**os.environ, "LAWCMP_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(HERE.parent.parent)}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                              check=True).stdout

    assert run() == "[] True\n"  # the first parses it, and caches it
    assert run() == "[] False\n"
