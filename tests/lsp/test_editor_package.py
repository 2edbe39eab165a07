"""The VS Code package (editors/vscode): its JSON reads, and its highlighting knows the grammar's keywords."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lawcmp.lang.syntax import GRAMMAR_PATH
from lawcmp.lsp.completion import BLOCK_KEYWORDS, TEST_WORDS

PACKAGE = Path(__file__).resolve().parents[2] / "editors" / "vscode"


def grammar_keywords() -> set[str]:
    """Every word the grammar spells out in quotes, comments left aside: its keywords."""
    code = "\n".join(line.split("//")[0] for line in GRAMMAR_PATH.read_text(encoding="utf-8").splitlines())
    return set(re.findall(r'"([a-z][a-z-]*)"', code))


def highlighted_keywords() -> set[str]:
    grammar = json.loads((PACKAGE / "syntaxes" / "lawcmp.tmLanguage.json").read_text(encoding="utf-8"))
    match = grammar["repository"]["keywords"]["match"]
    alternatives = re.search(r"\(\?:([^()]*)\)", match)
    assert alternatives is not None, match
    return set(alternatives.group(1).split("|"))


@pytest.mark.parametrize("name", ["package.json", "language-configuration.json", "syntaxes/lawcmp.tmLanguage.json"])
def test_the_json_files_parse(name: str) -> None:
    assert isinstance(json.loads((PACKAGE / name).read_text(encoding="utf-8")), dict)


def test_the_package_starts_the_server_for_both_languages() -> None:
    package = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    languages = {lang["id"]: lang["extensions"] for lang in package["contributes"]["languages"]}
    assert languages == {"lawcmp-law": [".law"], "lawcmp-rules": [".rules"]}
    assert "vscode-languageclient" in package["dependencies"]
    script = (PACKAGE / package["main"]).read_text(encoding="utf-8")
    assert '"lsp"' in script and "lawcmp-law" in script and "lawcmp-rules" in script


def test_the_highlighted_keywords_are_the_grammars() -> None:
    assert len(grammar_keywords()) > 50  # the derivation found the keywords, not a stray few
    assert highlighted_keywords() == grammar_keywords()


def test_the_keywords_completion_offers_are_the_grammars() -> None:
    offered = {k for words in BLOCK_KEYWORDS.values() for k in words} | set(TEST_WORDS)
    assert offered - grammar_keywords() == set()


def test_the_keyword_pattern_does_not_match_inside_a_term() -> None:
    grammar = json.loads((PACKAGE / "syntaxes" / "lawcmp.tmLanguage.json").read_text(encoding="utf-8"))
    # Oniguruma and Python agree on these lookarounds.
    keyword = re.compile(grammar["repository"]["keywords"]["match"])
    assert keyword.findall("no provides shelter") == ["no", "provides"]
    assert keyword.findall("means no-means text-of-law") == []
    assert keyword.findall("test some offence where acts covers all of protocol-acts") == [
        "test", "some", "offence", "where", "covers", "all", "of"]


def test_every_pattern_of_the_highlighting_compiles_and_colours_a_real_line() -> None:
    """Python's `re` and VS Code's Oniguruma agree on these constructs (lookarounds, classes)."""
    grammar = json.loads((PACKAGE / "syntaxes" / "lawcmp.tmLanguage.json").read_text(encoding="utf-8"))
    patterns: dict[str, re.Pattern[str]] = {}
    for name, rule in grammar["repository"].items():
        for sub in [rule, *rule.get("patterns", [])]:
            for key in ("match", "begin", "end"):
                if key in sub:
                    patterns[f"{name}.{key}"] = re.compile(sub[key])
    included = {p["include"].lstrip("#") for p in grammar["patterns"]}
    assert included == set(grammar["repository"])
    line = '  amend KG/CC/124 { # note'
    assert patterns["id.match"].search(line).group() == "KG/CC/124"  # type: ignore[union-attr]
    assert patterns["comment.match"].search(line).group() == "# note"  # type: ignore[union-attr]
    assert patterns["date.match"].search("  version 2003-08 {").group() == "2003-08"  # type: ignore[union-attr]
    assert patterns["range.match"].search("penalty prison 3..8 years").group() == "3..8"  # type: ignore[union-attr]
    assert patterns["obligation-id.match"].search("obligation crim.acts \"x\" {").group() == "crim.acts"  # type: ignore[union-attr]
