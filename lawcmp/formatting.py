"""`lawcmp fmt` for one file: parse, re-lay, prove the meaning unchanged, write atomically."""

from __future__ import annotations

from pathlib import Path

from lawcmp.atomic import write_atomic
from lawcmp.diagnostics import Diagnostic
from lawcmp.layout import changed_lines, format_text, same_meaning
from lawcmp.model import Span
from lawcmp.syntax import decode, parse_rules, parse_statute
from lawcmp.vocabulary import load_vocabulary


def _parse(text: str, shown: str, rules: bool) -> tuple[object, list[Diagnostic]]:
    vocabulary = load_vocabulary()
    if rules:
        return parse_rules(text, shown, vocabulary)
    return parse_statute(text, shown, vocabulary)


def format_file(path: Path, shown: str, *, write: bool) -> list[Diagnostic]:
    """Format `path` in place (or, without `write`, report whether it needs it)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [Diagnostic(code="IN01", message=f"cannot read: {exc.strerror}", path=shown)]
    text, problems = decode(data, shown)
    if text is None:
        return problems
    rules = path.suffix == ".rules"
    before, diags = _parse(text, shown, rules)
    syntax = [d for d in diags if d.code.startswith(("SY", "IN"))]
    if syntax or before is None:
        return syntax or diags  # a file that does not parse cannot be laid out
    formatted = format_text(text)
    if formatted == text:
        return []
    after, _ = _parse(formatted, shown, rules)
    if not same_meaning(before, after):
        return [Diagnostic(code="FM01", message="formatting would change the meaning; file left as it is (please report)", path=shown)]
    if not write:
        first = next(iter(changed_lines(text, formatted)), 1)
        return [Diagnostic(code="FM01", message="not in the canonical layout; run `lawcmp fmt`", path=shown,
                           span=Span(first, 1, first, 2))]
    write_atomic(path, formatted)
    return []
