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
