"""Changes the server offers: the canonical layout, and the fixes the diagnostics suggest.

Formatting is `lawcmp fmt`'s: the same `format_text`, refused on the same grounds — a
file that does not parse is not laid out, and a layout that would parse to another
model is not offered. The result replaces the whole document in one edit, as `fmt`
rewrites the whole file.

A quick fix is offered where a diagnostic says "did you mean `X`?": the word the
message names (`unknown term `trafiking``, `` `UZ/CC/13` does not exist ``) is replaced
by X where it stands inside the diagnostic's range, which for a bill's operation covers
more than the word.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from lawcmp.lang.layout import format_text, same_meaning
from lawcmp.lsp.analysis import Analysis, Context
from lawcmp.lsp.text import Lines, lines_of, to_range, whole, words
from lawcmp.support.diagnostics import Diagnostic

_SUGGESTION = re.compile(r"did you mean `?([^`?\s]+)`?\?")
_NAMED = re.compile(r"`([^`]+)`")


def formatting(analysis: Analysis, context: Context) -> list[lsp.TextEdit]:
    if not analysis.parses:
        return []
    text = analysis.text
    formatted = format_text(text)
    if formatted == text:
        return []
    if not same_meaning(_meaning(analysis), _meaning(_reparsed(formatted, analysis, context))):
        return []
    return [lsp.TextEdit(range=whole(lines_of(text, context.encoding)), new_text=formatted)]


def _reparsed(text: str, analysis: Analysis, context: Context) -> Analysis:
    from lawcmp.lsp.analysis import analyse

    return analyse(text, analysis.path, context)


def _meaning(analysis: Analysis) -> object:
    return list(analysis.obligations) if analysis.rules else analysis.model


def suggestion(d: Diagnostic) -> str | None:
    found = _SUGGESTION.search(d.hint or "")
    return found.group(1) if found else None


def quick_fixes(analysis: Analysis, uri: str, wanted: lsp.Range, encoding: str = "utf-16") -> list[lsp.CodeAction]:
    """A fix for each diagnostic of the document that touches `wanted` and names its replacement."""
    lines = lines_of(analysis.text, encoding)
    out: list[lsp.CodeAction] = []
    for d in analysis.diagnostics:
        replacement = suggestion(d)
        named = _NAMED.search(d.message)
        if replacement is None or named is None:
            continue
        where = to_range(d.span, lines)
        if where.end.line < wanted.start.line or where.start.line > wanted.end.line:
            continue
        target = next((w for w in words(lines, where.start.line)
                       if w.text == named.group(1) and (w.start >= d.span.column - 1 or where.start.line < where.end.line)),
                      None)
        if target is None:
            continue
        edit = lsp.TextEdit(range=target.range(lines), new_text=replacement)
        out.append(lsp.CodeAction(
            title=f"Replace `{target.text}` with `{replacement}`", kind=lsp.CodeActionKind.QuickFix, is_preferred=True,
            diagnostics=[to_protocol(d, lines)], edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
        ))
    return out


SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning}


def to_protocol(d: Diagnostic, lines: Lines) -> lsp.Diagnostic:
    """A lawcmp diagnostic as the protocol carries it: the hint joins the message as `check` prints it."""
    message = d.message + (f" ({d.hint})" if d.hint else "")
    return lsp.Diagnostic(range=to_range(d.span, lines), message=message, severity=SEVERITY.get(d.severity),
                          code=d.code, source="lawcmp")
