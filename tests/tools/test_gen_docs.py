"""The generated parts of the docs are in step with the code that declares them."""

from __future__ import annotations

from lawcmp.lang.clauses import CLAUSE_KINDS
from tools.gen_docs import ROOT, clause_table, diagnostics_md, language_md


def test_the_diagnostics_page_is_current() -> None:
    assert (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8") == diagnostics_md(), (
        "run `python -m tools.gen_docs`")


def test_the_table_of_clause_kinds_is_current() -> None:
    current = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    assert language_md(current) == current, "run `python -m tools.gen_docs`"


def test_the_table_names_every_kind_and_field() -> None:
    table = clause_table()
    for kind in CLAUSE_KINDS:
        assert f"| `{kind.name}` |" in table
        assert all(f"`{f.name} " in table for f in kind.fields)
