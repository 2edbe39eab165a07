"""Making statute text inert in every output format.

Statute files are written by hand and pasted from Word; reports are opened in Excel and
browsers, and printed to terminals. Text from a statute file never becomes markup, a
link, a formula or a terminal command.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")
# C0 and C1 control characters but tab and line feed: a terminal acts on them (colours,
# cursor moves, window titles, hyperlinks, the clipboard: ESC, CSI, OSC), other viewers
# show junk or hide text after a carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # its Unicode control picture: ESC shows as ␛
    return "\u2421" if code == 0x7F else "\ufffd"


def plain(value: object) -> str:
    """Text in which no control character is left for a terminal or viewer to act on.

    >>> plain("a\\x1b[31mb\\tc\\r")
    'a␛[31mb\\tc␍'
    """
    text = "" if value is None else str(value)
    return _CONTROL.sub(_picture, text)


def cell(value: object) -> str:
    """A spreadsheet or CSV cell that is never a formula (OWASP's CSV-injection advice).

    Spreadsheets skip leading blanks before deciding that a cell is a formula, so the
    first character that is not one decides.

    >>> cell("=1+1"), cell(" \\t@SUM(A1)"), cell("＝1"), cell("a=1")
    ("'=1+1", "' \\t@SUM(A1)", "'＝1", 'a=1')
    """
    text = plain(value)
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


def md(value: object) -> str:
    r"""Markdown text in which no character is markup (tables, links, code, HTML).

    Leading blanks go too: four of them, or a tab, would make an indented code block.

    >>> md("\t# [x](javascript:alert(1)) | <b>")
    '\\# \\[x\\](javascript:alert(1)) \\| \\<b\\>'
    """
    text = plain(value).replace("\n", " ").lstrip()
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # Characters that are markup only at the start of a line: headings, lists, quotes.
    def escape(m: re.Match[str]) -> str:
        mark = m.group(2)
        return m.group(1) + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)

    return _MD_LINE_START.sub(escape, text)
