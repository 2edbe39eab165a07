"""Where the data lawcmp ships lives: the rules (vocabulary, glossary, catalog) and the corpus.

In a checkout, `lawcmp/data/rules` and `lawcmp/data/statutes` are links to the
repository's `rules/` and `statutes/`; a wheel holds copies of them in the same place
(package data in pyproject.toml), so an installed lawcmp finds them without the
repository. The paths are resolved, so a checkout names its files `rules/…` and
`statutes/…`, in diagnostics and in cache keys alike.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_DATA = _PACKAGE / "data"
RULES = (_DATA / "rules").resolve()
STATUTES = (_DATA / "statutes").resolve()
# The repository around a checkout (where ../shared/seeds may be); nothing useful when installed.
CHECKOUT = _PACKAGE.parent
