"""The two parser engines — lark alone and lark with its compiled plugin — give the same
models and the same diagnostics, on every file the project has and on generated and
damaged ones. The compiled engine is the default only where it is installed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.lang.layout import print_file
from lawcmp.lang.syntax import ENGINES, default_engine, parse_rules, parse_statute
from tests.helpers import ROOT
from tests.helpers.shipped import VOCAB
from tests.strategies import statute_files

COMPILED = importlib.util.find_spec("lark_cython") is not None
needs_compiled = pytest.mark.skipif(not COMPILED, reason="lark-cython has no wheel for this platform")

STATUTES = sorted((ROOT / "statutes").rglob("*.law")) + sorted((ROOT / "tests").rglob("*.law"))
RULES = sorted((ROOT / "rules").rglob("*.rules"))


def outcome(parse: object, text: str, path: str, engine: str) -> tuple[str | None, list[str]]:
    model, diags = parse(text, path, VOCAB, engine=engine)  # type: ignore[operator]
    shown = model.model_dump_json() if hasattr(model, "model_dump_json") else (None if model is None else repr(model))
    return shown, [d.model_dump_json() for d in diags]


def test_the_default_is_the_compiled_engine_where_it_is_installed() -> None:
    assert default_engine() == ("lark-cython" if COMPILED else "lark")
    assert ENGINES == ("lark-cython", "lark")


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown parser engine"):
        parse_statute("", "x.law", VOCAB, engine="yacc")


@needs_compiled
@pytest.mark.parametrize("path", STATUTES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_statute_and_fixture_parses_alike(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert outcome(parse_statute, text, path.name, "lark-cython") == outcome(parse_statute, text, path.name, "lark")


@needs_compiled
@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_every_rule_file_parses_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    compiled = outcome(parse_rules, text, path.name, "lark-cython")
    assert compiled == outcome(parse_rules, text, path.name, "lark")
    assert compiled[0] is not None and compiled[1] == []


# What damage does to a file: a character lost, doubled or typed where it does not belong.
JUNK = st.sampled_from([*'{}"\n\t ;:=><()…“”\\#', "provision", "version 2003", "0..", "KG/CC/1"])


@needs_compiled
@given(statute_files(), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), JUNK), max_size=4))
def test_generated_and_damaged_files_parse_alike(model: object, edits: list[tuple[float, int, str]]) -> None:
    text = print_file(model)  # type: ignore[arg-type]
    for where, cut, junk in edits:
        i = int(where * len(text))
        text = text[:i] + junk + text[i + cut:]
    assert outcome(parse_statute, text, "x.law", "lark-cython") == outcome(parse_statute, text, "x.law", "lark")
