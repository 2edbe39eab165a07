"""One entry point for every output format; heavy libraries load only when asked for."""

from __future__ import annotations

from lawcmp.model.document import Document

TEXT_FORMATS = ("table", "markdown", "csv", "json", "html")
BINARY_FORMATS = ("xlsx", "docx")
FORMATS = TEXT_FORMATS + BINARY_FORMATS
SUFFIXES = {"table": ".txt", "markdown": ".md", "csv": ".csv", "json": ".json", "html": ".html", "xlsx": ".xlsx", "docx": ".docx"}


def render(doc: Document, fmt: str) -> str | bytes:
    if fmt == "table":
        from lawcmp.render.text import to_text

        return to_text(doc)
    if fmt == "markdown":
        from lawcmp.render.text import to_markdown

        return to_markdown(doc)
    if fmt == "csv":
        from lawcmp.render.text import to_csv

        return to_csv(doc)
    if fmt == "json":
        return doc.model_dump_json(indent=1, exclude_defaults=True) + "\n"
    if fmt == "html":
        from lawcmp.render.html import to_html

        return to_html(doc)
    if fmt == "xlsx":
        from lawcmp.render.xlsx import to_xlsx

        return to_xlsx(doc)
    if fmt == "docx":
        from lawcmp.render.docx import to_docx

        return to_docx(doc)
    raise ValueError(f"unknown format {fmt!r}")
