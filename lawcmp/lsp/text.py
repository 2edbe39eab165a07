"""Positions and words: lawcmp's spans in the protocol's terms, and what stands at a cursor.

lawcmp counts lines and columns from 1, in characters (code points), end exclusive; the
protocol counts from 0, in UTF-16 code units unless client and server agree on UTF-8 or
UTF-32 (pygls takes the client's first choice). Cyrillic is one UTF-16 unit but two UTF-8
bytes, so columns are converted on the line they stand on, in the session's units.

What the cursor is on is read from the line alone, with the tokens of the grammar
(`lawcmp.lang.grammar`): the lexer's own rules need a whole file that parses, and a file
being typed rarely does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types as lsp

from lawcmp.lang.layout import split_comment
from lawcmp.model.statute import Span

# The grammar's tokens, most specific first: a string or comment hides what is in it.
_WORD = re.compile(
    r'(?P<string>"(?:[^"\\\n]|\\.)*"?)|(?P<comment>#.*)'
    r"|(?P<id>[A-Z]{2}(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*/?)"
    r"|(?P<oid>[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+\.?)"
    r"|(?P<number>\d[\d.-]*)|(?P<term>[a-z][a-z0-9-]*)"
)


def _width(ch: str, encoding: str) -> int:
    if encoding == "utf-32":
        return 1
    if encoding == "utf-8":
        return len(ch.encode("utf-8"))
    return 2 if ord(ch) > 0xFFFF else 1


def utf16(line: str, column: int, encoding: str = "utf-16") -> int:
    """The offset, in the session's units (UTF-16 unless the client chose another), of the `column`-th character."""
    head = line[:column]
    if encoding == "utf-32" or head.isascii():
        return len(head)
    return sum(_width(ch, encoding) for ch in head)


def from_utf16(line: str, offset: int, encoding: str = "utf-16") -> int:
    """The character index (0-based) at `offset` units of `line`."""
    units = 0
    for i, ch in enumerate(line):
        if units >= offset:
            return i
        units += _width(ch, encoding)
    return len(line)


class Lines(list[str]):
    """A document's lines as the parser counts them (at line feeds only), and the units of its columns."""

    encoding = "utf-16"


def lines_of(text: str, encoding: str = "utf-16") -> Lines:
    lines = Lines(line.removesuffix("\r") for line in text.split("\n"))
    lines.encoding = encoding
    return lines


def to_range(span: Span, lines: Lines) -> lsp.Range:
    """A span as a range inside the document; a diagnostic without one (line 0) sits at the start.

    A span past the end (the parser's "the file ends inside a block" stands on the line
    after the last, as the parser adds a final line feed) is drawn at the end.
    """
    if span.line <= 0:
        return lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))

    def position(line: int, column: int) -> lsp.Position:
        line = min(max(1, line), len(lines))
        text = lines[line - 1]
        return lsp.Position(line - 1, utf16(text, min(max(0, column - 1), len(text)), lines.encoding))

    end_line, end_column = (span.end_line, span.end_column) if span.end_line >= span.line else (span.line, span.column + 1)
    return lsp.Range(position(span.line, span.column), position(end_line, end_column))


def whole(lines: Lines) -> lsp.Range:
    """The range of the whole document, to replace it in one edit."""
    return lsp.Range(lsp.Position(0, 0), lsp.Position(len(lines) - 1, utf16(lines[-1], len(lines[-1]), lines.encoding)))


@dataclass(frozen=True)
class Word:
    """A token of a line: its kind (string, comment, id, oid, number, term), its text and where it stands."""

    kind: str
    text: str
    line: int  # 0-based
    start: int  # characters, 0-based
    end: int

    def range(self, lines: Lines) -> lsp.Range:
        text, units = lines[self.line], lines.encoding
        return lsp.Range(lsp.Position(self.line, utf16(text, self.start, units)),
                         lsp.Position(self.line, utf16(text, self.end, units)))


def words(lines: list[str], line: int) -> list[Word]:
    if not 0 <= line < len(lines):
        return []
    return [Word(m.lastgroup or "", m.group(), line, m.start(), m.end()) for m in _WORD.finditer(lines[line])]


def word_at(lines: Lines, position: lsp.Position) -> Word | None:
    """The token the cursor is in or just after (`KG/CC/12|4`, `trafficking|`)."""
    if not 0 <= position.line < len(lines):
        return None
    column = from_utf16(lines[position.line], position.character, lines.encoding)
    return next((w for w in words(lines, position.line) if w.start <= column <= w.end), None)


def blocks(lines: list[str], line: int) -> list[list[str]]:
    """The heads of the blocks open at the start of `line` (0-based), outermost first:
    `[["provision", "KG/CC/124", '"…"'], ["version", "2003"], ["offence", "trafficking"]]`."""
    stack: list[list[str]] = []
    for text in lines[:line]:
        tokens, _ = split_comment(text)
        if not tokens:
            continue
        if tokens == ["}"]:
            if stack:
                stack.pop()
        elif tokens[-1] == "{":
            stack.append(tokens[:-1])
        elif tokens[-1].endswith("{") and not tokens[-1].startswith('"'):
            stack.append([*tokens[:-1], tokens[-1][:-1]])
    return stack


def block_end(lines: list[str], line: int) -> int:
    """The 0-based line of the `}` closing the block opened on `line` (0-based); `line` itself for a one-line item."""
    tokens, _ = split_comment(lines[line]) if 0 <= line < len(lines) else ([], None)
    if not tokens or not tokens[-1].endswith("{"):
        return line
    depth = 0
    for i in range(line, len(lines)):
        tokens, _ = split_comment(lines[i])
        if tokens and tokens[-1].endswith("{") and not tokens[-1].startswith('"'):
            depth += 1
        elif tokens == ["}"]:
            depth -= 1
            if depth == 0:
                return i
    return len(lines) - 1
