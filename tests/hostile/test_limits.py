"""Every documented limit (docs/limits.md), on both sides of its value, with its own code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lawcmp.lang import build, syntax
from lawcmp.lang.rulebuild import nesting
from lawcmp.lang.syntax import parse_rules, parse_statute
from lawcmp.load import checks, files
from lawcmp.load.checks import check_file
from lawcmp.load.corpus import check_paths
from lawcmp.load.files import discover
from lawcmp.support import reading
from lawcmp.support.codes import BY_CODE
from lawcmp.support.diagnostics import Diagnostic
from lawcmp.support.reading import decode
from tests.helpers.shipped import VOCAB
from tests.hostile.mutations import ROOT

DOC = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
HEAD = 'jurisdiction KG "K" {\n}\n\ninstrument KG/CC "c" {\n  kind criminal-code\n  source "s"\n}\n'
RULE = (ROOT / "rules" / "catalog" / "criminalization.rules").read_text(encoding="utf-8")


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def statute(text: str) -> list[Diagnostic]:
    model, diags = parse_statute(text, "KG.law", VOCAB)
    return diags + (check_file(model) if model is not None else [])


def provision(body: str, date: str = "2003") -> str:
    return HEAD + f'provision KG/CC/1 "x" {{\n  version {date} {{\n{body}    source "s"\n  }}\n}}\n'


# -- the document and the code catalog ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [f"{reading.MAX_BYTES:,}", f"{reading.MAX_LINE:,}", str(build.MAX_DEPTH),
                                   f"{syntax.MAX_ITEMS:,}", f"{files.MAX_FILES:,}", str(syntax.MAX_SYNTAX_ERRORS),
                                   f"{syntax.RECOVERY_FLOOR:,}", f"{checks.MAX_CONTRADICTIONS:,}", str(build.MAX_HINTS),
                                   f"{build.YEARS[0]} to {build.YEARS[1]}", f"{build.MAX_PRISON_YEARS:,.0f} years",
                                   f"{checks.MAX_SOURCE_BYTES:,}"])
def test_docs_state_each_limit_as_the_code_has_it(value: str) -> None:
    assert value in DOC


@pytest.mark.parametrize("code", ["IN04", "IN05", "IN06", "IN07", "IN08"])
def test_each_limit_has_a_documented_code(code: str) -> None:
    assert code in BY_CODE and f"{code} `{BY_CODE[code].name}`" in DOC
    assert f"## {code} `{BY_CODE[code].name}`" in (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")


# -- IN04 file size ------------------------------------------------------------------------------------------------------


def test_a_file_at_the_size_limit_is_read_and_one_byte_more_is_not() -> None:
    at = b"# c\n" * (reading.MAX_BYTES // 4)
    assert len(at) == reading.MAX_BYTES
    text, diags = decode(at, "x.law")
    assert text is not None and diags == []
    text, diags = decode(at + b"\n", "x.law")
    assert text is None and codes(diags) == ["IN04"]


def test_check_reports_a_file_too_large_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "corpus" / "KG.law"
    big.parent.mkdir()
    with big.open("wb") as fh:
        fh.truncate(reading.MAX_BYTES + 1)  # sparse: all NUL bytes, but size comes first
    assert codes(check_paths([big.parent], use_cache=False).diagnostics) == ["IN04"]


# -- IN05 line length ----------------------------------------------------------------------------------------------------


def test_a_line_at_the_length_limit_is_read_and_one_character_more_is_not() -> None:
    ok = "# " + "x" * (reading.MAX_LINE - 2)
    assert decode(f"\n{ok}\n".encode(), "x.law")[1] == []
    text, diags = decode(f"\n{ok}x\n".encode(), "x.law")
    assert text is None and codes(diags) == ["IN05"] and diags[0].span.line == 2


def test_at_most_ten_long_lines_are_reported() -> None:
    _, diags = decode(("y" * (reading.MAX_LINE + 1) + "\n").encode() * 20, "x.law")
    assert codes(diags) == ["IN05"] * 10


# -- IN06 nesting --------------------------------------------------------------------------------------------------------


def nested(depth: int) -> str:
    """`depth` levels of fields inside an offence (the clause's own block is not a field)."""
    opening = "".join("      " + "  " * i + "aggravated child-victim {\n" for i in range(depth - 1))
    closing = "".join("      " + "  " * i + "}\n" for i in reversed(range(depth - 1)))
    innermost = "      " + "  " * (depth - 1) + "penalty prison 3..8 years\n"
    return provision("    offence trafficking {\n" + opening + innermost + closing + "    }\n")


def test_fields_nested_to_the_limit_are_read_and_one_level_more_is_not() -> None:
    assert "IN06" not in codes(statute(nested(build.MAX_DEPTH)))
    assert codes(statute(nested(build.MAX_DEPTH + 1))).count("IN06") == 1


def test_thousands_of_open_blocks_are_a_diagnostic() -> None:
    diags = statute(provision("    offence trafficking {\n" + "      aggravated child-victim {\n" * 5000))
    assert diags and all(d.code in BY_CODE for d in diags)


def rule_test(test: str) -> str:
    assert "    test conduct\n" in RULE
    return RULE.replace("    test conduct\n", "    test " + test + "\n", 1)


SHAPES = {
    "not": lambda n: "not " * n + "union offence covers any of specific-offences",
    "not-parenthesized": lambda n: "(not " * n + "union offence covers any of specific-offences" + ")" * n,
    "or-and": lambda n: "(party to untoc or " * n + "union offence covers any of specific-offences" + ")" * n,
    "condition": lambda n: "some offence where " + "not (" * n + "acts includes recruitment" + ")" * n,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_rule_tests_nested_to_the_limit_are_read_and_one_level_more_is_not(shape: str) -> None:
    deep = SHAPES[shape]

    def depth(levels: int) -> int:
        obligations, _ = parse_rules(rule_test(deep(levels)), "x.rules", VOCAB)
        return max(nesting(c.test) for o in obligations for c in o.criteria)

    levels = next(n for n in range(1, 100) if depth(n) > build.MAX_DEPTH) - 1
    assert depth(levels) == build.MAX_DEPTH
    assert "IN06" not in codes(parse_rules(rule_test(deep(levels)), "x.rules", VOCAB)[1])
    assert codes(parse_rules(rule_test(deep(levels + 1)), "x.rules", VOCAB)[1]) == ["IN06"]


def test_parentheses_alone_do_not_nest() -> None:
    test = "(" * 5000 + "union offence covers any of specific-offences" + ")" * 5000
    assert parse_rules(rule_test(test), "x.rules", VOCAB)[1] == []


# -- IN07 counts ---------------------------------------------------------------------------------------------------------


def items(n: int) -> str:
    return "".join(f'instrument KG/I{i} "x" {{\n}}\n' for i in range(n))


def test_items_up_to_the_limit_are_read_and_one_more_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syntax, "MAX_ITEMS", 10)
    model, diags = parse_statute(items(10), "KG.law", VOCAB)
    assert model is not None and "IN07" not in codes(diags)
    model, diags = parse_statute(items(11), "KG.law", VOCAB)
    assert model is None and codes(diags) == ["IN07"]


def test_items_are_counted_across_syntax_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syntax, "MAX_ITEMS", 10)
    text = items(6) + 'instrument KG/broken "x" {\n  ?\n}\n' + items(6).replace("KG/I", "KG/J")
    model, diags = parse_statute(text, "KG.law", VOCAB)
    assert model is None and codes(diags) == ["SY02", "IN07"]


def test_one_item_more_than_the_real_limit_is_reported() -> None:
    model, diags = parse_statute(items(syntax.MAX_ITEMS + 1), "KG.law", VOCAB)
    assert model is None and codes(diags) == ["IN07"]


def test_files_up_to_the_limit_are_read_and_the_rest_are_not(tmp_path: Path) -> None:
    for i in range(files.MAX_FILES + 1):
        (tmp_path / f"{i:05}.law").touch()
    found, problems = discover([tmp_path])
    assert len(found) == files.MAX_FILES and codes(problems) == ["IN07"]
    (tmp_path / "00000.law").unlink()
    found, problems = discover([tmp_path])
    assert len(found) == files.MAX_FILES and problems == []


# -- IN08 errors per file --------------------------------------------------------------------------------------------------


def broken(n: int) -> str:
    return "".join(f'instrument KG/I{i} "x" {{\n  ?\n}}\n' for i in range(n))


def test_syntax_errors_up_to_the_limit_are_reported_and_then_recovery_stops() -> None:
    n = syntax.MAX_SYNTAX_ERRORS
    assert codes(parse_statute(broken(n), "KG.law", VOCAB)[1]) == ["SY02"] * n
    assert codes(parse_statute(broken(n + 1), "KG.law", VOCAB)[1]) == ["SY02"] * n + ["IN08"]


def test_recovery_stops_when_its_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    text = broken(5)
    monkeypatch.setattr(syntax, "RECOVERY_FLOOR", 0)
    monkeypatch.setattr(syntax, "RECOVERY_FACTOR", 0)
    diags = parse_statute(text, "KG.law", VOCAB)[1]
    assert codes(diags) == ["SY02", "IN08"] and "not read" in diags[-1].message


def test_an_unclosed_block_is_reported_where_it_is_not_where_parsing_fails() -> None:
    good = 'provision KG/CC/{n} "x" {{\n  version 2003 {{\n    source "s"\n  }}\n}}\n'
    unclosed = 'provision KG/CC/0 "x" {\n  version 2003 {\n    offence trafficking {\n' \
               + "      aggravated child-victim {\n" * 3
    text = HEAD + unclosed + "".join(good.format(n=i) for i in range(1, 50)) + "?\n"
    diags = parse_statute(text, "KG.law", VOCAB)[1]
    assert "SY03" in codes(diags)
    line = HEAD.count("\n") + 1
    assert [d.span.line for d in diags if d.code == "SY03"] == [line]


def contradictions(n: int) -> str:
    provisions = 'provision KG/CC/1 "x" {\n  version 2003 {\n    provides shelter\n    source "s"\n  }\n}\n'
    facts = "".join(f'fact KG/f{i} "t" {{\n  from 2005\n  no provides shelter\n  source "s"\n}}\n' for i in range(n))
    return HEAD + provisions + facts


def test_contradictions_up_to_the_limit_are_reported_and_then_checking_stops() -> None:
    n = checks.MAX_CONTRADICTIONS
    assert codes(statute(contradictions(n))) == ["NF01"] * n
    assert codes(statute(contradictions(n + 1))) == ["NF01"] * n + ["IN08"]


def test_hints_are_given_while_a_file_has_few_problems() -> None:
    text = provision("    offence trafficking {\n      acts recruitmant\n    }\n")
    assert [d.hint for d in statute(text)] == ["did you mean `recruitment`?"]
    many = provision("    offence trafficking {\n      acts " + " ".join(["recruitmant"] * 150) + "\n    }\n")
    diags = statute(many)
    assert len(diags) == 150
    assert sum(1 for d in diags if d.hint) == build.MAX_HINTS


# -- values --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "ok"), [("1000", True), ("2999-12-31", True), ("0999", False), ("3000", False),
                                          ("9999-12-31", False), ("0000-01-01", False), ("2005-02-30", False)])
def test_years_lawcmp_can_count_with(date: str, ok: bool) -> None:
    diags = codes(statute(provision("", date)))
    assert ("DT01" not in diags) == ok, diags


@pytest.mark.parametrize(("penalty", "ok"), [("..1000 years", True), ("1000 years", True), ("..1001 years", False),
                                             ("12000 months", True), ("12013 months", False),
                                             ("99999999999999999999..1 years", False), (".." + "9" * 400 + " years", False)])
def test_prison_terms_that_are_not_typos(penalty: str, ok: bool) -> None:
    diags = codes(statute(provision(f"    offence trafficking {{\n      penalty prison {penalty}\n    }}\n")))
    assert ("FD02" not in diags) == ok, diags


@pytest.mark.parametrize(("count", "ok"), [("9999", True), ("1", True), ("10000", False), ("1.5", False),
                                           ("9" * 400, False), ("1" + "0" * 5000, False)])
def test_rule_counts_are_whole_numbers(count: str, ok: bool) -> None:
    text = RULE.replace("covers all of protocol-acts", f"covers {count} of protocol-acts", 1)
    diags = codes(parse_rules(text, "x.rules", VOCAB)[1])
    assert ("FD02" not in diags) == ok, diags


def test_every_code_the_limits_use_is_produced_somewhere_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    for code in re.findall(r"\b(IN0\d)\b", DOC):
        assert source.count(f'"{code}"') >= 1, code
