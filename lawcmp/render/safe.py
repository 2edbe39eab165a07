"""Making statute text inert in every output format.

Statute files are written by hand and pasted from Word; reports are opened in Excel and
browsers. Text from a statute file never becomes markup, a link, or a formula.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def cell(value: object) -> str:
    """A spreadsheet or CSV cell that is never a formula (OWASP's CSV-injection advice)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def md(value: object) -> str:
    """Markdown text in which no character is markup (tables, links, code, HTML)."""
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # Characters that are markup only at the start of a line: headings, lists, quotes.
    def escape(m: re.Match[str]) -> str:
        mark = m.group(2)
        return m.group(1) + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)

    return _MD_LINE_START.sub(escape, text)
