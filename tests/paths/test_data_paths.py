"""The shipped data is found in a checkout and in an installed wheel alike."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path, PurePosixPath

from lawcmp.lang.vocabulary import DEFAULT_PATH
from lawcmp.load.catalog import DEFAULT_RULES
from lawcmp.load.files import DEFAULT_STATUTES
from lawcmp.support.i18n import GLOSSARY
from lawcmp.support.paths import RULES, STATUTES
from tests.helpers import ROOT

SHIPPED = (".toml", ".rules", ".law")


def shipped_files() -> set[str]:
    """The data files of rules/ and statutes/, as a wheel names them (under lawcmp/data/)."""
    return {
        "data/" + str(p.relative_to(ROOT))
        for top in ("rules", "statutes")
        for p in (ROOT / top).rglob("*")
        if p.suffix in SHIPPED
    }


def test_a_checkout_reads_its_own_rules_and_statutes() -> None:
    assert RULES == ROOT / "rules" and STATUTES == ROOT / "statutes"
    assert DEFAULT_PATH == ROOT / "rules" / "vocabulary.toml"
    assert DEFAULT_RULES == ROOT / "rules" / "catalog"
    assert GLOSSARY == ROOT / "rules" / "glossary.toml"
    assert DEFAULT_STATUTES == ROOT / "statutes"


def test_the_package_data_covers_every_shipped_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["lawcmp"]
    # As setuptools globs them: `*` never crosses a directory.
    uncovered = {
        f for f in shipped_files()
        if not any(len(PurePosixPath(f).parts) == len(PurePosixPath(p).parts) and PurePosixPath(f).match(p) for p in patterns)
    }
    assert not uncovered


def test_an_installed_wheel_finds_its_data_without_the_repository(tmp_path: Path) -> None:
    # Built from a copy: setuptools leaves build/ and *.egg-info in the tree it builds.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", ".ci", "docs", "tests", "benchmarks", "tools"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("lawcmp-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "site")
    assert {"lawcmp/" + f for f in shipped_files()} <= names
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "LAWCMP_CACHE": "off", "LAWCMP_SOURCES": ""}

    def lawcmp(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "lawcmp", *args], cwd=elsewhere, env=env, capture_output=True, text=True)

    where = subprocess.run([sys.executable, "-c", "import lawcmp; print(lawcmp.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(tmp_path / "site"))  # the wheel's copy, not the checkout
    matrix = lawcmp("matrix", "--as-of", "2009-12-31", "--format", "csv")
    assert matrix.returncode == 0, matrix.stderr
    assert matrix.stdout == subprocess.run(
        [sys.executable, "-m", "lawcmp", "matrix", "--as-of", "2009-12-31", "--format", "csv"],
        cwd=ROOT, env={**env, "PYTHONPATH": ""}, capture_output=True, text=True, check=True,
    ).stdout
    assert lawcmp("rules").returncode == 0
