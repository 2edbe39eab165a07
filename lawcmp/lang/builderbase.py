"""What the builders of both languages share: tokens read as spans and strings, and diagnostics collected.

This module does not import lark: the token type it reads is structural.
"""

from __future__ import annotations

from typing import Any, Protocol

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.model.statute import Span
from lawcmp.support.diagnostics import Diagnostic


class Tok(Protocol):
    """The part of a lark Token this module uses."""

    type: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str: ...


def span_of(tok: Any) -> Span:
    return Span(tok.line, tok.column, tok.end_line, tok.end_column)


def unquote(tok: Any) -> tuple[str, bool]:
    """The string's value, and whether every escape in it was valid."""
    body = str(tok)[1:-1]
    if "\\" not in body:
        return body, True
    out, ok, i = [], True, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt not in "\"\\":
                ok = False
            out.append(nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out), ok


class BuilderBase:
    """What both languages' builders share: the vocabulary, the file, the diagnostics.

    One instance serves many parses (the parser is built once per process): `reset` first.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.path = ""
        self.diagnostics: list[Diagnostic] = []

    def reset(self, path: str) -> None:
        self.path = path
        self.diagnostics = []

    def report(self, code: str, message: str, where: Any, hint: str | None = None) -> None:
        span = where if isinstance(where, Span) else span_of(where)
        self.diagnostics.append(Diagnostic(code=code, message=message, path=self.path, span=span, hint=hint))

    def string(self, tok: Any) -> str:
        value, ok = unquote(tok)
        if not ok:
            self.report("SY04", "only \\\" and \\\\ may be escaped in a string", tok)
        return value
