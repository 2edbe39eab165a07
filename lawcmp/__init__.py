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

from lawcmp.support.version import __version__

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
    "LawcmpError": "lawcmp.support.diagnostics",
    "check_paths": "lawcmp.load.corpus",
    "evaluate": "lawcmp.engine.evaluate",
    "load_catalog": "lawcmp.load.catalog",
    "load_corpus": "lawcmp.load.corpus",
    "load_text": "lawcmp.load.corpus",
    "snapshot": "lawcmp.law.snapshot",
}

if TYPE_CHECKING:
    from lawcmp.engine.evaluate import evaluate
    from lawcmp.law.snapshot import snapshot
    from lawcmp.load.catalog import load_catalog
    from lawcmp.load.corpus import check_paths, load_corpus, load_text
    from lawcmp.support.diagnostics import LawcmpError


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lawcmp' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
