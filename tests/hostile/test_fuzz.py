"""Fuzzing `lawcmp check` and `lawcmp fmt` with mutated statute, bill and rule files.

The in-process properties run on every test run (sized by the hypothesis profile); the
pathological shapes run `python -m lawcmp check` in a subprocess with a time limit, so a
hang fails the test instead of stalling the suite. `tools/fuzz.py` runs the same edits
for as long as it is given.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.mutations import (
    ROOT,
    RULE_SEEDS,
    SEEDS,
    STATUTE_SEEDS,
    Seed,
    budget,
    check_files,
    edit_lists,
    files_for,
    format_bytes,
    mutate,
)

# The pathological sizes cost seconds an example: a sixth of the profile's examples.
FEW = max(3, settings.default.max_examples // 6)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


@given(st.sampled_from(STATUTE_SEEDS), edit_lists())
@settings(suppress_health_check=SLOW)
def test_mutated_statute_and_bill_files_give_only_diagnostics(seed: Seed, edits: list[tuple]) -> None:
    check_files(files_for(seed, mutate(seed.path.read_bytes(), edits)))


@given(st.sampled_from(RULE_SEEDS), edit_lists())
@settings(suppress_health_check=SLOW)
def test_mutated_rule_files_give_only_diagnostics(seed: Seed, edits: list[tuple]) -> None:
    check_files(files_for(seed, mutate(seed.path.read_bytes(), edits)))


@given(st.sampled_from(SEEDS), edit_lists(big=True))
@settings(max_examples=FEW, suppress_health_check=SLOW)
def test_pathological_sizes_stay_within_the_time_budget(seed: Seed, edits: list[tuple]) -> None:
    check_files(files_for(seed, mutate(seed.path.read_bytes(), edits)), deep=False)


@given(st.sampled_from(SEEDS), edit_lists())
@settings(suppress_health_check=SLOW)
def test_fmt_never_changes_meaning_and_is_idempotent(seed: Seed, edits: list[tuple]) -> None:
    format_bytes(mutate(seed.path.read_bytes(), edits), seed.path.suffix)


SHIPPED = [s for s in SEEDS if s.name.startswith(("statutes", "rules"))]


@pytest.mark.parametrize("seed", SHIPPED, ids=lambda s: s.name)
@pytest.mark.parametrize("encoding", ["tabs", "crlf", "bom"])
def test_fmt_lays_out_every_shipped_file_whatever_its_whitespace(seed: Seed, encoding: str) -> None:
    """Found by tools/fuzz.py: a rules file indented with tabs was refused ("would change the meaning")."""
    format_bytes(mutate(seed.path.read_bytes(), [("encode", encoding)]), seed.path.suffix)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.name)
def test_every_seed_checks_within_its_promises(seed: Seed) -> None:
    check_files(files_for(seed, seed.path.read_bytes()), deep=False)


# -- pathological files, each in a subprocess with a time limit ---------------------------------------------------

UZ = (ROOT / "statutes" / "UZ.law").read_bytes()
KG = (ROOT / "statutes" / "KG.law").read_bytes()
CRIM = (ROOT / "rules" / "catalog" / "criminalization.rules").read_bytes()
DEEP = 5000

PATHOLOGICAL: dict[str, tuple[str, bytes]] = {
    "enormous-penalty": ("KG.law", KG.replace(b"..5 years", b"99999999999999999999..1 years")),
    "infinite-penalty": ("KG.law", KG.replace(b"..5 years", b".." + b"9" * 400 + b" years")),
    "year-99999": ("KG.law", KG.replace(b"version 2003-08", b"version 99999-01-01")),
    "year-9999": ("KG.law", mutate(KG, [("token", 0.5, b"9999-12-31")])),
    "ten-megabyte-line": ("KG.law", KG + b'# ' + b"x" * 10_000_000 + b"\n"),
    "ten-megabyte-string": ("KG.law", KG.replace(b'paraphrase "', b'paraphrase "' + b"y" * 10_000_000, 1)),
    "deep-closed": ("KG.law", mutate(KG, [("nest", 0.5, DEEP, True)])),
    "deep-unclosed": ("KG.law", mutate(KG, [("nest", 0.5, DEEP, False)])),
    "only-braces": ("KG.law", b"{\n" * 100_000),
    "thousands-of-provisions": ("UZ.law", mutate(UZ, [("repeat_item", 0.5, 5000)])),
    "invalid-utf8": ("KG.law", KG.replace("Кыргызская".encode(), "Кыргызская".encode("cp1251"))),
    "utf16": ("KG.law", KG.decode().encode("utf-16")),
    "bom-crlf-tabs": ("KG.law", mutate(KG, [("encode", "tabs"), ("encode", "crlf"), ("encode", "bom")])),
    "rtl-and-zero-width": ("KG.law", KG.replace(b'"Trade', "\"\u202e\u200bTrade\u2066".encode())),
    "cyrillic-lookalike-ids": ("KG.law", KG.replace(b"KG/CC/124", "КG/СС/124".encode())),
    "truncated": ("UZ.law", UZ[: len(UZ) // 2]),
    "shuffled": ("UZ.law", mutate(UZ, [("shuffle_lines", 7)])),
    "rules-huge-count": ("x.rules", CRIM.replace(b"covers all of protocol-acts", b"covers " + b"9" * 400 + b" of protocol-acts", 1)),
    "rules-deep-not": ("x.rules", CRIM.replace(b"    test conduct\n", b"    test " + b"not " * DEEP + b"conduct\n", 1)),
    "rules-deep-parens": ("x.rules", CRIM.replace(b"    test conduct\n", b"    test " + b"(" * DEEP + b"conduct" + b")" * DEEP + b"\n", 1)),
}


def test_every_pathological_case_changes_the_file_it_starts_from() -> None:
    # A replacement whose anchor has gone (the shipped files change) would test nothing.
    originals = {"KG.law": KG, "UZ.law": UZ, "x.rules": CRIM}
    for case, (name, data) in PATHOLOGICAL.items():
        assert data != originals[name], case


def lawcmp_check(tmp_path: Path, name: str, data: bytes, timeout: float) -> subprocess.CompletedProcess[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_bytes(data)
    env = {**os.environ, "PYTHONHASHSEED": "0", "LAWCMP_CACHE": "off"}
    return subprocess.run([sys.executable, "-m", "lawcmp", "check", str(corpus), "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_pathological_file_gives_a_result_in_bounded_time(case: str, tmp_path: Path) -> None:
    name, data = PATHOLOGICAL[case]
    limit = budget(len(data)) + 5  # and the interpreter's start
    start = time.perf_counter()
    r = lawcmp_check(tmp_path, name, data, timeout=limit)
    elapsed = time.perf_counter() - start
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    assert r.returncode in (0, 1), (r.returncode, r.stderr[-3000:])
    assert elapsed < limit


def test_a_one_megabyte_file_full_of_syntax_errors_checks_in_bounded_time() -> None:
    """Recovery from a syntax error must not re-parse the whole file once per error."""
    lines = (UZ * 32).split(b"\n")
    for i in range(0, len(lines), 40):
        lines[i] += b" ?"
    data = b"\n".join(lines)
    assert len(data) > 1_000_000
    start = time.perf_counter()
    diags = check_files({"UZ.law": data}, deep=False)
    assert time.perf_counter() - start < 10
    assert [d.code for d in diags].count("SY02") >= 40


def test_contradicted_negative_facts_are_checked_in_bounded_time() -> None:
    """Thousands of negative facts against thousands of provisions: not one check per pair."""
    head = b'jurisdiction KG "K" {\n}\n\ninstrument KG/CC "c" {\n  kind criminal-code\n  source "s"\n}\n'
    provisions = b"".join(b'provision KG/CC/%d "x" {\n  version 2003 {\n    provides shelter\n    source "s"\n  }\n}\n' % i
                          for i in range(3000))
    facts = b"".join(b'fact KG/f%d "t" {\n  from 2005\n  no provides shelter\n  source "s"\n}\n' % i for i in range(3000))
    start = time.perf_counter()
    diags = check_files({"KG.law": head + provisions + facts}, deep=False)
    assert time.perf_counter() - start < 10
    assert "NF01" in {d.code for d in diags}
