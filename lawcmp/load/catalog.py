"""The obligation catalog: obligations, criteria and their test expressions, as data.

Expressions are small immutable trees; `lawcmp.engine.evaluate` gives them meaning. The catalog
files are `rules/catalog/*.rules`, parsed by `lawcmp.lang.syntax.parse_rules`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lawcmp.lang.vocabulary import Vocabulary, load_vocabulary
from lawcmp.model.rules import (
    PILLARS,
    Catalog,
    Compare,
    CondAll,
    CondAny,
    CondNot,
    Covers,
    Criterion,
    Equals,
    Includes,
    Limited,
    Obligation,
    Party,
    Quantified,
    TestAll,
    TestAny,
    TestNot,
    Unconditional,
    Union,
)
from lawcmp.model.statute import Span
from lawcmp.support.codec import Codec
from lawcmp.support.diagnostics import Diagnostic, LawcmpError
from lawcmp.support.paths import RULES

DEFAULT_RULES = RULES / "catalog"


def read_rule_files(
    paths: list[Path], vocabulary: Vocabulary
) -> tuple[list[Obligation], list[Diagnostic], dict[str, str]]:
    from lawcmp.lang.syntax import parse_rules
    from lawcmp.load.files import display_path
    from lawcmp.support.reading import decode

    obligations: list[Obligation] = []
    diagnostics: list[Diagnostic] = []
    texts: dict[str, str] = {}
    for path in paths:
        shown = display_path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            diagnostics.append(Diagnostic(code="IN01", message=f"cannot read: {exc.strerror}", path=shown))
            continue
        text, problems = decode(data, shown)
        diagnostics.extend(problems)
        if text is None:
            continue
        texts[shown] = text
        parsed, problems = parse_rules(text, shown, vocabulary)
        diagnostics.extend(problems)
        if parsed:
            obligations.extend(parsed)
    diagnostics.extend(duplicate_obligations(obligations))
    return obligations, diagnostics, texts


def duplicate_obligations(obligations: list[Obligation]) -> list[Diagnostic]:
    """RL03 for each obligation whose id an earlier one took: `lawcmp check` and the
    language server (which checks one rule file as `check` checks that file alone) share it."""
    out: list[Diagnostic] = []
    seen: dict[str, Obligation] = {}
    for o in obligations:
        if o.id in seen:
            first = seen[o.id]
            out.append(
                Diagnostic(code="RL03", message=f"obligation `{o.id}` is already defined in {first.path}:{first.span.line}",
                           path=o.path, span=o.span)
            )
        seen.setdefault(o.id, o)
    return out


def rule_files(root: Path = DEFAULT_RULES) -> list[Path]:
    return sorted(root.glob("*.rules")) if root.is_dir() else ([root] if root.is_file() else [])


@cache
def load_catalog(root: Path = DEFAULT_RULES) -> Catalog:
    """The obligation catalog; raises `LawcmpError` with every problem if it is unsound.

    A catalog parsed before (the same rule files, vocabulary, grammar and code) comes
    from the cache: a short command then never imports lark nor builds the parser.
    """
    from lawcmp.support import store as entries
    from lawcmp.support.codec import CodecError

    vocabulary = load_vocabulary()
    paths = rule_files(root)
    key = _key(paths, vocabulary)
    stored = entries.get_value("catalog", key) if key else None
    if stored is not None:
        try:
            found = CODEC.decode(stored)
        except CodecError:
            found = None
        if isinstance(found, tuple) and all(isinstance(o, Obligation) for o in found):
            return Catalog(found, vocabulary)
    obligations, diagnostics, _ = read_rule_files(paths, vocabulary)
    if diagnostics:
        raise LawcmpError(diagnostics)
    order = {p: i for i, p in enumerate(PILLARS)}
    ordered = tuple(sorted(obligations, key=lambda o: (order[o.pillar], o.path, o.span.line)))
    if key:
        entries.put_value("catalog", key, CODEC.encode(ordered))
    return Catalog(ordered, vocabulary)


def _key(paths: list[Path], vocabulary: Vocabulary) -> str | None:
    """The cache key of a catalog read from `paths`; None if a file cannot be read."""
    from lawcmp.load.files import display_path
    from lawcmp.support import store as entries

    parts = [entries.code_digest(CODE_MODULES).encode(), vocabulary.digest.encode()]
    for path in paths:
        try:
            parts += [display_path(path).encode(), path.read_bytes()]
        except OSError:
            return None  # read_rule_files reports it
    return entries.key_of(parts)


# The code that decides what the rule files mean, for the key of the catalog's cache entry
# (tests/test_architecture.py checks that every module of the languages and models it reads is here).
CODE_MODULES = (
    "load/catalog.py", "model/rules.py", "lang/rulebuild.py", "lang/clauses.py", "lang/syntax.py", "lang/build.py",
    "lang/buildclauses.py", "lang/builderbase.py", "support/diagnostics.py", "model/statute.py", "lang/vocabulary.py", "support/codec.py",
)
CODEC = Codec([
    Covers, Includes, Equals, Compare, Unconditional, CondAll, CondAny, CondNot,
    Quantified, Union, Party, TestAll, TestAny, TestNot, Limited, Criterion, Obligation, Span,
])
