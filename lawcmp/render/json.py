"""JSON: the document itself, as `lawcmp schema document` describes it."""

from __future__ import annotations

from lawcmp.model.document import Document


def to_json(doc: Document) -> str:
    return doc.model_dump_json(indent=1, exclude_defaults=True) + "\n"
