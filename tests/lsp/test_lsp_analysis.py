"""The analysis of one document: what `lawcmp check` says of that file, word for word, and the
context it is checked against (lawcmp.lsp.analysis, lawcmp.lsp.text, lawcmp.lsp.completion)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp

from lawcmp.load.corpus import check_paths
from lawcmp.load.files import default_sources
from lawcmp.lsp.analysis import Context, analyse, load_context
from lawcmp.lsp.completion import complete
from lawcmp.lsp.edits import quick_fixes
from lawcmp.lsp.symbols import Index, document_symbols
from lawcmp.lsp.text import lines_of, to_range, word_at
from lawcmp.model.statute import Span

ROOT = Path(__file__).resolve().parents[2]
BILL = ROOT / "statutes" / "drafts" / "UZ-cc-amendments-2008.law"


@pytest.fixture(scope="module")
def context() -> Context:
    return load_context(sources=default_sources())


def checked(path: Path) -> list[tuple[str, str, Span, str | None]]:
    return [(d.code, d.message, d.span, d.hint) for d in check_paths([path], sources=default_sources()).diagnostics]


def analysed(path: Path, text: str, context: Context) -> list[tuple[str, str, Span, str | None]]:
    return [(d.code, d.message, d.span, d.hint) for d in analyse(text, path, context).diagnostics]


@pytest.mark.parametrize("name", ["five-mistakes.law", "syntax-errors.law"])
def test_a_statute_file_gets_what_check_says_of_it(name: str, context: Context) -> None:
    path = ROOT / "tests" / "syntax" / "bad" / name
    expected = checked(path)
    assert expected  # the fixture is bad: the comparison compares something
    assert analysed(path, path.read_text(encoding="utf-8"), context) == expected


def test_a_bill_is_checked_against_the_corpus_as_check_checks_it(tmp_path: Path, context: Context) -> None:
    bad = BILL.read_text(encoding="utf-8").replace("amend UZ/CC/135", "amend UZ/CC/13", 1)
    bad = bad.replace("acts recruitment", "acts recruitmnt", 1)
    path = tmp_path / "UZ-bill.law"
    path.write_text(bad, encoding="utf-8")
    expected = checked(path)
    assert {"BL01", "VO01"} <= {code for code, *_ in expected}
    assert analysed(path, bad, context) == expected


@pytest.mark.skipif(default_sources() is None, reason="the seed documents are not beside the checkout")
def test_quotes_are_verified_against_the_seed_documents(tmp_path: Path, context: Context) -> None:
    text = BILL.read_text(encoding="utf-8").replace("further changes to the criminal code", "further changes to the penal code", 1)
    path = tmp_path / "UZ-bill.law"
    path.write_text(text, encoding="utf-8")
    expected = checked(path)
    assert [code for code, *_ in expected] == ["SR03"]
    assert analysed(path, text, context) == expected


def test_a_rule_file_gets_what_check_says_of_it(tmp_path: Path, context: Context) -> None:
    text = (ROOT / "rules" / "catalog" / "criminalization.rules").read_text(encoding="utf-8")
    bad = text.replace("covers all of protocol-acts", "covers all of protocol-actz", 1).replace("pillar criminalization", "pillar crime", 1)
    path = tmp_path / "crim.rules"
    path.write_text(bad, encoding="utf-8")
    expected = checked(path)
    assert len(expected) >= 2
    assert analysed(path, bad, context) == expected


def test_a_corpus_file_edited_in_place_changes_what_an_open_bill_is_checked_against(context: Context) -> None:
    from lawcmp.lsp.analysis import recheck

    bill = analyse(BILL.read_text(encoding="utf-8"), BILL, context)
    assert bill.diagnostics == []
    uz = ROOT / "statutes" / "UZ.law"
    edited = analyse(uz.read_text(encoding="utf-8").replace("provision UZ/CC/135 ", "provision UZ/CC/135-x ", 1), uz, context)
    assert edited.parses and edited.model is not None
    saved = context.files[edited.model.path]
    context.replace(edited.model, uz)
    try:
        assert [d.code for d in recheck(bill, context).diagnostics] == ["BL01"]
    finally:
        context.replace(saved, uz)


def test_spans_become_zero_based_ranges_in_utf16_units() -> None:
    lines = lines_of('title ru "Кыргызская 😀" x\n')
    assert to_range(Span(1, 1, 1, 6), lines) == lsp.Range(lsp.Position(0, 0), lsp.Position(0, 5))
    # the emoji is two UTF-16 units: the `x` after it stands one unit further right than its index
    assert to_range(Span(1, 23, 1, 24), lines) == lsp.Range(lsp.Position(0, 23), lsp.Position(0, 24))
    utf8 = lines_of('title ru "Кы" x\n', "utf-8")
    assert to_range(Span(1, 15, 1, 16), utf8).start.character == 16


def test_the_word_at_the_cursor_is_a_whole_id() -> None:
    lines = lines_of("  amend KG/CC/124 {\n")
    word = word_at(lines, lsp.Position(0, 12))
    assert word is not None and (word.kind, word.text) == ("id", "KG/CC/124")


def complete_at(text: str, context: Context, path: Path = ROOT / "x.law") -> list[str]:
    """Labels offered at the `|` in `text`."""
    line = text[: text.index("|")].count("\n")
    column = len(text[: text.index("|")].rsplit("\n", 1)[-1])
    analysis = analyse(text.replace("|", ""), path, context)
    return [i.label for i in complete(analysis, context, Index(), lsp.Position(line, column))]


def test_completion_offers_the_terms_of_the_field_under_the_cursor(context: Context) -> None:
    head = 'provision KG/CC/1 "x" {\n  version 2003 {\n    offence trafficking {\n'
    acts = complete_at(head + "      acts |\n", context)
    assert "recruitment" in acts and "shelter" not in acts
    assert complete_at(head + "      purposes organ|\n", context) == ["organ-removal"]
    assert "irrelevant" in complete_at(head + "      consent |\n", context)
    assert {"acts", "means", "penalty", "within"} <= set(complete_at(head + "      |\n", context))
    assert "trafficking" in complete_at('provision KG/CC/1 "x" {\n  version 2003 {\n    offence |\n', context)
    assert set(complete_at('provision KG/CC/1 "x" {\n  version 2003 {\n    |\n', context)) >= {"by", "source", "offence", "no"}


def test_completion_offers_nothing_in_a_string_or_a_comment(context: Context) -> None:
    head = 'provision KG/CC/1 "x" {\n  version 2003 {\n    offence trafficking {\n'
    assert complete_at(head + '      acts # rec|\n', context) == []
    assert complete_at('jurisdiction KG "Kyr|gyz" {\n', context) == []
    assert complete_at('instrument KG/CC "Crim|\n', context) == []
    assert "recruitment" in complete_at(head + '      acts |  # a comment after\n', context)


def test_completion_offers_ids_of_the_corpus_and_obligations_of_the_catalog(context: Context) -> None:
    found = complete_at('bill UZ/b "x" {\n  amend UZ/CC/13|\n', context)
    assert "UZ/CC/135" in found and all(f.startswith("UZ/CC/13") for f in found)
    assert "UZ/CC" not in found  # an instrument is not amended
    found = complete_at('provision UZ/CC/1 "x" {\n  version 2003 {\n    by UZ/law-2008|\n', context)
    assert "UZ/law-2008-09-cc" in found and "UZ/CC/135" not in found
    own = 'instrument KG/law-new "x" {\n}\nprovision KG/CC/1 "x" {\n  version 2003 {\n    by KG/law-n|\n'
    assert complete_at(own, context) == ["KG/law-new"]  # declared in the document, not the corpus
    rules = complete_at("obligation crim.spec|\n", context, ROOT / "x.rules")
    assert rules == ["crim.specific"]


def test_a_quick_fix_replaces_the_word_the_diagnostic_names(context: Context) -> None:
    text = BILL.read_text(encoding="utf-8").replace("acts recruitment", "acts recruitmnt", 1)
    analysis = analyse(text, BILL, context)
    line = next(i for i, t in enumerate(text.split("\n")) if "recruitmnt" in t)
    fixes = quick_fixes(analysis, "file:///x", lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)))
    assert len(fixes) == 1 and fixes[0].edit is not None and fixes[0].edit.changes is not None
    (edit,) = fixes[0].edit.changes["file:///x"]
    assert edit.new_text == "recruitment"
    start = text.split("\n")[line].index("recruitmnt")
    assert (edit.range.start.character, edit.range.end.character) == (start, start + len("recruitmnt"))


def test_the_outline_holds_provisions_with_their_versions(context: Context) -> None:
    uz = ROOT / "statutes" / "UZ.law"
    text = uz.read_text(encoding="utf-8")
    symbols = document_symbols(analyse(text, uz, context), context)
    assert symbols[0].name == "UZ"
    art = next(s for s in symbols if s.name == "UZ/CC/135")
    assert art.children and [c.name for c in art.children][:2] == ["version known-until 2003", "version 2008-09-16"]
    lines = text.split("\n")
    assert lines[art.range.start.line].startswith("provision UZ/CC/135 ")
    assert lines[art.range.end.line] == "}"


def test_hover_on_a_set_and_on_a_field_says_what_they_hold(context: Context) -> None:
    from lawcmp.lsp.hover import hover

    text = "    test conduct where acts covers all of protocol-acts\n"
    analysis = analyse(text, ROOT / "x.rules", context)
    found = hover(analysis, context, Index(), lsp.Position(0, text.index("protocol-acts") + 2))
    assert found is not None and isinstance(found.contents, lsp.MarkupContent)
    assert found.contents.value.startswith("**protocol-acts** — a set of `acts` terms")
    assert "`recruitment`, `transportation`" in found.contents.value
    found = hover(analysis, context, Index(), lsp.Position(0, text.index("acts covers") + 1))
    assert found is not None and isinstance(found.contents, lsp.MarkupContent)
    assert "a field of `offence`" in found.contents.value and "terms of `acts`" in found.contents.value
