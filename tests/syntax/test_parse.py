"""The statute language: good fixtures load as their golden JSON, bad ones give their diagnostics."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.lang.syntax import parse_statute
from lawcmp.load.checks import check_file
from lawcmp.support.diagnostics import render_concise
from lawcmp.support.reading import decode
from tests.helpers import ROOT
from tests.helpers.shipped import VOCAB

HERE = Path(__file__).parent
GOOD = sorted((HERE / "good").glob("*.law"))
BAD = sorted((HERE / "bad").glob("*.law"))


def load(path: Path) -> tuple[object, list]:
    shown = str(path.relative_to(ROOT))
    text, problems = decode(path.read_bytes(), shown)
    assert text is not None, problems
    model, diags = parse_statute(text, shown, VOCAB)
    if model is not None:
        diags = diags + check_file(model)
    return model, sorted(diags, key=lambda d: d.sort_key())


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_fixture_matches_golden_json(path: Path, golden: Callable[[Path, str], None]) -> None:
    model, diags = load(path)
    assert diags == []
    golden(path.with_suffix(".json"), model.model_dump_json(indent=2) + "\n")  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_fixture_gives_expected_diagnostics(path: Path, golden: Callable[[Path, str], None]) -> None:
    _, diags = load(path)
    assert diags, "a bad fixture must produce diagnostics"
    golden(path.with_suffix(".expected"), render_concise(diags))


def test_five_mistakes_give_five_diagnostics_at_their_places() -> None:
    _, diags = load(HERE / "bad" / "five-mistakes.law")
    assert [(d.code, d.span.line, d.span.column) for d in diags] == [
        ("DT01", 11, 11), ("VO01", 13, 24), ("PN01", 14, 22), ("ID02", 20, 11), ("SR01", 21, 11),
    ]


def test_synonyms_resolve_to_canonical_terms() -> None:
    model, _ = load(HERE / "good" / "minimal.law")
    offence = model.provisions[0].versions[0].clauses[0]  # type: ignore[attr-defined]
    assert "harbouring" in offence.acts and "harboring" not in offence.acts


def test_syntax_errors_are_all_reported_and_recovered() -> None:
    _, diags = load(HERE / "bad" / "syntax-errors.law")
    assert [d.code for d in diags] == ["SY02", "SY01", "SY01"]
    assert "is a `}` missing above?" in (diags[1].hint or "")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x00\x01binary", "IN03"),
        (b"jurisdiction KG \"\xff\" {\n}\n", "IN02"),
        (b"#" + b"x" * 10_000_000 + b"\n", "IN05"),
    ],
)
def test_undecodable_input_is_a_diagnostic(data: bytes, code: str) -> None:
    text, diags = decode(data, "x.law")
    assert text is None and [d.code for d in diags] == [code]


def test_bom_and_crlf_are_accepted() -> None:
    text, _ = decode(("\ufeff" + (HERE / "good" / "minimal.law").read_text()).replace("\n", "\r\n").encode(), "x.law")
    assert text is not None
    model, diags = parse_statute(text, "x.law", VOCAB)
    assert model is not None and not diags


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_files_parse_to_nothing(text: str) -> None:
    model, diags = parse_statute(text, "x.law", VOCAB)
    assert model is not None and not diags and not model.provisions


def test_unclosed_nesting_is_a_diagnostic() -> None:
    text = 'provision KG/CC/1 "x" {\n  version 2003 {\n    offence trafficking {\n' + "      aggravated child-victim {\n" * 500
    _model, diags = parse_statute(text, "x.law", VOCAB)
    assert diags and all(d.code.startswith(("SY", "IN")) for d in diags)


@given(st.text(max_size=400))
def test_arbitrary_text_gives_only_our_diagnostics(text: str) -> None:
    _model, diags = parse_statute(text, "x.law", VOCAB)
    lines = text.split("\n")
    for d in diags:
        assert d.code[:2].isalpha() and d.code[2:].isdigit()
        assert 0 <= d.span.line <= len(lines) + 1


FRAGMENTS = [
    "jurisdiction KG \"K\" {\n", "}\n", "provision KG/CC/1 \"x\" {\n", "version 2003 {\n",
    "offence trafficking {\n", "acts recruitment sale\n", "penalty prison 3..8 years\n",
    "source \"s\" para 3 \"q\"\n", "no provides shelter\n", "fact KG/f \"t\" {\n", "from 2005\n",
    "instrument KG/CC \"c\" {\n", "kind criminal-code\n", "  ", "#c\n", "\n", "{", "\"", "..", "2005-13-40\n",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_shuffled_fragments_give_only_diagnostics_inside_the_file(parts: list[str]) -> None:
    text = "".join(parts)
    model, diags = parse_statute(text, "x.law", VOCAB)
    if model is not None:
        diags = diags + check_file(model)
    n = text.count("\n") + 2
    for d in diags:
        assert 0 <= d.span.line <= n
        if d.span.line:
            assert d.span.column >= 1
