"""lawcmp — compare anti-trafficking law with the UN Trafficking Protocol, article by article.

The pipeline, one module per stage: source text → `syntax` (parse) → `model` →
`snapshot` (the book at a date) → `engine` (criteria and ratings) → `findings` →
`reports` and `render`. This module is the front door for notebooks and scripts:

>>> import lawcmp
>>> corpus = lawcmp.load_corpus()
>>> "TM" in corpus.books
True
>>> lawcmp.evaluate(corpus, "TM", as_of="2006-06-01").finding("crim.specific").rating
'NC'

Heavy modules load on first use, so `import lawcmp` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "LawcmpError",
    "__version__",
    "check_paths",
    "evaluate",
    "load_catalog",
    "load_corpus",
    "load_text",
    "snapshot",
]

_EXPORTS = {
    "LawcmpError": "lawcmp.diagnostics",
    "check_paths": "lawcmp.corpus",
    "evaluate": "lawcmp.engine",
    "load_catalog": "lawcmp.catalog",
    "load_corpus": "lawcmp.corpus",
    "load_text": "lawcmp.corpus",
    "snapshot": "lawcmp.snapshot",
}

if TYPE_CHECKING:
    from lawcmp.catalog import load_catalog
    from lawcmp.corpus import check_paths, load_corpus, load_text
    from lawcmp.diagnostics import LawcmpError
    from lawcmp.engine import evaluate
    from lawcmp.snapshot import snapshot


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lawcmp' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
