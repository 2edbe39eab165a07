"""Diagnostics as data, and the pure functions that render them.

Three renderings: concise (`path:line:col: CODE message`), full (a code frame with a
caret under the span, as compilers print) and JSON. Every error a user can cause is a
`Diagnostic`; `LawcmpError` carries a batch of them across the public API, so that no
caller ever sees a lark or pydantic exception.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel

from lawcmp.model.statute import FROZEN, NO_SPAN, Corpus, Span, StatuteBook
from lawcmp.support.codes import BY_CODE
from lawcmp.support.safe import plain

Severity = Literal["error", "warning"]


class Diagnostic(BaseModel):
    model_config = FROZEN

    code: str
    message: str
    path: str
    span: Span = NO_SPAN
    severity: Severity = "error"
    hint: str | None = None

    @property
    def name(self) -> str:
        return BY_CODE[self.code].name

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)


class LawcmpError(Exception):
    """Problems in the input: raised with every diagnostic found, never just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__(render_concise(self.diagnostics))


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate, if one is close enough to be a plausible typo."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.7)
    return matches[0] if matches else None


# A corpus of every state has 200 codes: a message lists the first few of so many.
KNOWN_LISTED = 12


def unknown_jurisdiction(code: str, known: Sequence[str]) -> Diagnostic:
    """ID03 for a jurisdiction named on the command line that the corpus does not hold."""
    listed = ", ".join(known[:KNOWN_LISTED]) + (f", … ({len(known)} in all)" if len(known) > KNOWN_LISTED else "")
    guess = did_you_mean(code.upper(), known)
    return Diagnostic(code="ID03", path="<arguments>", message=f"no jurisdiction `{code}` in the corpus ({listed})",
                      hint=f"did you mean {guess}?" if guess else None)


def require_jurisdictions(codes: Iterable[str], known: Sequence[str]) -> None:
    """Raise ID03 for every one of `codes` (upper case) that is not `known`, all at once."""
    missing = [c for c in codes if c not in known]
    if missing:
        raise LawcmpError([unknown_jurisdiction(c, known) for c in missing])


def asked_jurisdictions(codes: Sequence[str] | None, known: Sequence[str]) -> list[str]:
    """The codes asked for (any case: they come from the command line) in the order
    asked, every known one when none is named; every unknown one raised at once (ID03)."""
    wanted = [c.upper() for c in codes] if codes else list(known)
    require_jurisdictions(wanted, known)
    return wanted


def _location(d: Diagnostic) -> str:
    if d.span.line:
        return f"{d.path}:{d.span.line}:{d.span.column}"
    return d.path


def render_concise(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        hint = f" ({d.hint})" if d.hint else ""
        lines.append(f"{_location(d)}: {d.code} {d.message}{hint}")
    return plain("\n".join(lines) + ("\n" if lines else ""))


def render_full(diagnostics: Iterable[Diagnostic], sources: dict[str, str]) -> str:
    """Each diagnostic with the offending line and a caret under its span.

    Lines are counted as the parser counts them, at line feeds only: a form feed or a
    Unicode line separator pasted from Word does not start a line.
    """
    out: list[str] = []
    for d in diagnostics:
        out.append(f"{d.severity}[{d.code}] {d.name}: {d.message}")
        out.append(f"  --> {_location(d)}")
        text = sources.get(d.path)
        if text is not None and d.span.line:
            lines = text.split("\n")
            if 0 < d.span.line <= len(lines):
                line = lines[d.span.line - 1].removesuffix("\r")
                shown = line[:200]
                gutter = str(d.span.line)
                pad = " " * len(gutter)
                width = (
                    d.span.end_column - d.span.column
                    if d.span.end_line == d.span.line and d.span.end_column > d.span.column
                    else 1
                )
                col = min(d.span.column, len(shown) + 1)
                width = max(1, min(width, len(shown) + 1 - col + 1))
                prefix = "".join("\t" if ch == "\t" else " " for ch in shown[: col - 1])
                out.append(f"{pad} |")
                out.append(f"{gutter} | {shown}")
                out.append(f"{pad} | {prefix}{'^' * width}")
        if d.hint:
            out.append(f"  = help: {d.hint}")
        out.append(f"  = see: lawcmp explain {d.code}")
        out.append("")
    return plain("\n".join(out))


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = [
        {
            "path": d.path,
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
            "code": d.code,
            "name": d.name,
            "severity": d.severity,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def books_for(corpus: Corpus, codes: Sequence[str] | None) -> list[StatuteBook]:
    """The books of the jurisdictions asked for, in the order asked (every book when none is named).

    Codes come from the command line, so they are matched case-insensitively, and every
    unknown one is reported at once (ID03, with a suggestion) rather than the first only.
    """
    return [corpus.books[c] for c in asked_jurisdictions(codes, list(corpus.books))]
