"""The canonical layout: round trips, idempotence, comments kept, meaning unchanged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawcmp.lang.layout import TOKEN, format_text, print_file, same_meaning, split_comment
from lawcmp.lang.syntax import parse_statute
from lawcmp.load.checks import check_file
from lawcmp.model.statute import StatuteFile
from tests.helpers import ROOT
from tests.helpers.shipped import VOCAB
from tests.strategies import statute_files


@given(statute_files())
def test_parse_of_printed_model_is_the_model(model: StatuteFile) -> None:
    text = print_file(model)
    parsed, diags = parse_statute(text, "KG.law", VOCAB)
    assert not [d for d in diags if d.code != "SR01"], diags
    assert same_meaning(parsed, model)


@given(statute_files())
def test_printed_text_is_already_canonical(model: StatuteFile) -> None:
    text = print_file(model)
    assert format_text(text) == text


@given(statute_files())
def test_format_is_idempotent_on_messy_layout(model: StatuteFile) -> None:
    messy = "\n\n".join("   " + line.replace(" ", "  ") if '"' not in line else "\t" + line for line in print_file(model).splitlines())
    once = format_text(messy)
    assert format_text(once) == once
    before, _ = parse_statute(messy, "KG.law", VOCAB)
    after, _ = parse_statute(once, "KG.law", VOCAB)
    assert same_meaning(before, after)


def test_comments_are_kept_and_normalized() -> None:
    text = 'jurisdiction KG "K" {\n#  why this role\n      role origin    #trailing\n\n\n}\nprovision KG/CC/1 "x" {\n}\n'
    assert format_text(text) == (
        'jurisdiction KG "K" {\n  # why this role\n  role origin  # trailing\n}\n\nprovision KG/CC/1 "x" {\n}\n'
    )


def test_strings_are_never_touched() -> None:
    text = 'jurisdiction KG "two  spaces # not a comment {" {\n}\n'
    assert format_text(text) == text


def test_shipped_files_are_canonical() -> None:
    for path in sorted((ROOT / "statutes").rglob("*.law")) + sorted((ROOT / "rules").rglob("*.rules")):
        text = path.read_text(encoding="utf-8")
        assert format_text(text) == text, f"{path} is not formatted (run lawcmp fmt)"


def test_printed_shipped_files_parse_to_the_same_model() -> None:
    for path in sorted((ROOT / "statutes").glob("*.law")):
        model, _diags = parse_statute(path.read_text(encoding="utf-8"), path.name, VOCAB)
        assert model is not None and not check_file(model)
        again, _ = parse_statute(print_file(model), path.name, VOCAB)
        assert same_meaning(model, again), path


@given(st.text(alphabet=st.sampled_from('ab #"\\{}\t\u00a0.'), max_size=40))
def test_a_line_splits_into_the_tokens_before_its_first_comment(line: str) -> None:
    tokens: list[str] = []
    comment = None
    for m in TOKEN.finditer(line):  # token by token, up to the first that is a comment
        if m.group(0).startswith("#"):
            comment = m.group(0).rstrip()
            break
        tokens.append(m.group(0))
    assert split_comment(line) == (tokens, comment)
