"""A ministry's template for Word reports (`--reference-doc`, as pandoc has it): its styles,
page set-up, headers and footers, and the table style a report's tables take from it.

A drafter circulates a report on the ministry's letterhead and house style; what lawcmp
writes into the template must look like the ministry's own document, so its tables take
the template's table style, not lawcmp's.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn


def on_template(reference: bytes) -> WordDocument:
    """A ministry's template (`--reference-doc`, as pandoc has it) with its body emptied:
    its styles, page set-up, headers and footers stay, and the report is written into them.
    The styles the report uses and the template lacks are taken from python-docx's own."""
    d = docx.Document(io.BytesIO(reference))
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    default = docx.Document().styles
    for name in ("Title", "Subtitle", "List Bullet", *(f"Heading {n}" for n in range(1, 10))):
        if name not in d.styles and name in default:
            d.styles.element.append(default[name].element.__copy__())  # lxml's copy is deep
    # "Table Grid" only where the template has no table style of its own: `table_style`.
    return d


def table_style(d: WordDocument, house: bool) -> tuple[str, bool]:
    """The table style a report's tables take, and whether it is a template's (`house`) own.

    A ministry's template says how its tables look by a table style of its own marked as
    the default, or by its "Table Grid": the report's tables take that style, and leave
    the header row to it (its first-row formatting) rather than shade it themselves.
    Without a template, or on one with neither (whose default is the borderless "Normal
    Table"), the tables are lawcmp's: "Table Grid" with a shaded header row.
    """
    if not house:
        return "Table Grid", False
    styles = [s for s in d.styles if s.type == WD_STYLE_TYPE.TABLE]
    default = next((s for s in styles if s.element.get(qn("w:default")) in ("1", "true")), None)
    if default is not None and default.name and default.name not in ("Normal Table", "Table Normal"):
        return default.name, True
    if "Table Grid" in d.styles:
        return "Table Grid", True
    d.styles.element.append(docx.Document().styles["Table Grid"].element.__copy__())
    return "Table Grid", False
