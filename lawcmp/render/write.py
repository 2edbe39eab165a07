"""The output formats: one row each, naming the module and function that write a `Document`.

Every command that writes output offers every format listed here, and `render` is its
one way to them. Adding a format is a module with a function `Document -> str | bytes`
and a row below (docs/architecture.md). A writer's module is imported only when its
format is asked for, so `--format table` never loads openpyxl, python-docx or fpdf2.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from lawcmp.model.document import Document


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str  # of a file written in this format; `-o report.md` also chooses the format by it
    binary: bool  # bytes, not text: written to a file, or to a pipe, never to a terminal
    module: str
    function: str

    def writer(self) -> Callable[[Document], str | bytes]:
        return cast(Callable[[Document], "str | bytes"], getattr(importlib.import_module(self.module), self.function))


REGISTRY: tuple[Format, ...] = (
    Format("table", ".txt", False, "lawcmp.render.text", "to_text"),
    Format("markdown", ".md", False, "lawcmp.render.text", "to_markdown"),
    Format("csv", ".csv", False, "lawcmp.render.text", "to_csv"),
    Format("json", ".json", False, "lawcmp.render.json", "to_json"),
    Format("html", ".html", False, "lawcmp.render.html", "to_html"),
    Format("xlsx", ".xlsx", True, "lawcmp.render.xlsx", "to_xlsx"),
    Format("docx", ".docx", True, "lawcmp.render.docx", "to_docx"),
    Format("pdf", ".pdf", True, "lawcmp.render.pdf", "to_pdf"),
)

BY_NAME: dict[str, Format] = {f.name: f for f in REGISTRY}
FORMATS: tuple[str, ...] = tuple(BY_NAME)
TEXT_FORMATS: tuple[str, ...] = tuple(f.name for f in REGISTRY if not f.binary)
BINARY_FORMATS: tuple[str, ...] = tuple(f.name for f in REGISTRY if f.binary)
SUFFIXES: dict[str, str] = {f.name: f.suffix for f in REGISTRY}


def render(doc: Document, fmt: str, reference: bytes | None = None) -> str | bytes:
    """`doc` in `fmt`; a DOCX on `reference` (a template's bytes) when one is given, which
    the other formats, having no styles of a ministry's to keep, do without."""
    found = BY_NAME.get(fmt)
    if found is None:
        raise ValueError(f"unknown format {fmt!r}")
    if reference is not None and fmt == "docx":
        from lawcmp.render.docx import to_docx

        return to_docx(doc, reference)
    return found.writer()(doc)
