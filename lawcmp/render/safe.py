"""Making statute text inert in every output format.

Statute files are written by hand and pasted from Word; reports are opened in Excel and
browsers. Text from a statute file never becomes markup, a link, or a formula.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


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
    return _MD_SPECIAL.sub(r"\\\1", text)
