"""The obligation catalog: obligations, criteria and their test expressions, as data.

Expressions are small immutable trees; `lawcmp.engine` gives them meaning. The catalog
files are `rules/catalog/*.rules`, parsed by `lawcmp.syntax.parse_rules`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from lawcmp.codec import Codec
from lawcmp.diagnostics import Diagnostic, LawcmpError
from lawcmp.model import NO_SPAN, Span
from lawcmp.paths import RULES
from lawcmp.vocabulary import Vocabulary, load_vocabulary

PILLARS: tuple[str, ...] = (
    "criminalization",
    "prevention",
    "protection",
    "repatriation",
    "prosecution",
    "cooperation",
)
STRENGTHS: tuple[str, ...] = ("mandatory", "mandatory-qualified", "endeavour", "optional", "good-practice")
LANGUAGES: tuple[str, ...] = ("en", "ru")

# The fields each clause kind exposes to conditions (see docs/rules.md).
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "offence": (
        "acts", "means", "purposes", "victims", "child-means", "consent", "transnational",
        "organized-group", "ancillary", "penalty-kinds", "max-prison", "min-prison",
        "aggravated-max-prison", "circumstances", "confiscation", "legal-persons", "class", "amnesty",
    ),
    "classification": ("amnesty",),
    "penalizes": ("exemption",),
    "provides": ("beneficiaries", "condition"),
    "establishes": (),
    "mandates": (),
    "cooperation": (),
}
NUMERIC_FIELDS = frozenset({"max-prison", "min-prison", "aggravated-max-prison"})


# -- conditions on one clause ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Covers:
    field: str
    mode: Literal["all", "any", "count"]
    set: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class Includes:
    field: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Equals:
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class Compare:
    field: str
    op: str
    number: float


@dataclass(frozen=True, slots=True)
class Unconditional:
    pass


@dataclass(frozen=True, slots=True)
class CondAll:
    items: tuple[Cond, ...]


@dataclass(frozen=True, slots=True)
class CondAny:
    items: tuple[Cond, ...]


@dataclass(frozen=True, slots=True)
class CondNot:
    item: Cond


Cond = Covers | Includes | Equals | Compare | Unconditional | CondAll | CondAny | CondNot


# -- tests over the statute book ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantified:
    quantifier: Literal["some", "every", "no"]
    kind: str
    terms: tuple[str, ...] = ()
    set: str | None = None
    where: Cond | None = None


@dataclass(frozen=True, slots=True)
class Union:
    kind: str
    coverage: Covers


@dataclass(frozen=True, slots=True)
class Party:
    treaty: str


@dataclass(frozen=True, slots=True)
class TestAll:
    items: tuple[Test, ...]


@dataclass(frozen=True, slots=True)
class TestAny:
    items: tuple[Test, ...]


@dataclass(frozen=True, slots=True)
class TestNot:
    item: Test


Test = Quantified | Union | Party | TestAll | TestAny | TestNot


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    title: str
    core: bool
    test: Test
    source_text: str = ""
    span: Span = NO_SPAN
    titles: dict[str, str] = field(default_factory=dict)  # by language, besides English

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang, self.title) if lang != "en" else self.title


@dataclass(frozen=True, slots=True)
class Obligation:
    id: str
    title: str
    basis: str
    pillar: str
    strength: str
    criteria: tuple[Criterion, ...]
    recommend: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    applies_if_roles: tuple[str, ...] = ()
    path: str = ""
    span: Span = NO_SPAN

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang, self.title) if lang != "en" else self.title


@dataclass(frozen=True)
class Catalog:
    obligations: tuple[Obligation, ...]
    vocabulary: Vocabulary

    def get(self, obligation_id: str) -> Obligation | None:
        return self._index().get(obligation_id)

    def _index(self) -> dict[str, Obligation]:
        return {o.id: o for o in self.obligations}

    def by_pillar(self, pillar: str) -> tuple[Obligation, ...]:
        return tuple(o for o in self.obligations if o.pillar == pillar)


T = TypeVar("T")


def per_catalog(make: Callable[[Catalog], T]) -> Callable[[Catalog], T]:
    """`make`, remembered for each catalog: what an evaluator works out once from the rules.

    Keyed by identity (comparing catalogs field by field would cost more than `make`);
    each entry holds its catalog, so the id stays its own. Catalogs are few — one per
    rules directory — so the memo is simply emptied if it ever grows.
    """
    memo: dict[int, tuple[Catalog, T]] = {}

    def get(catalog: Catalog) -> T:
        hit = memo.get(id(catalog))
        if hit is None or hit[0] is not catalog:
            if len(memo) > 16:
                memo.clear()
            hit = memo[id(catalog)] = (catalog, make(catalog))
        return hit[1]

    return get


DEFAULT_RULES = RULES / "catalog"


def read_rule_files(
    paths: list[Path], vocabulary: Vocabulary
) -> tuple[list[Obligation], list[Diagnostic], dict[str, str]]:
    from lawcmp.corpus import display_path
    from lawcmp.reading import decode
    from lawcmp.syntax import parse_rules

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
    seen: dict[str, Obligation] = {}
    for o in obligations:
        if o.id in seen:
            first = seen[o.id]
            diagnostics.append(
                Diagnostic(code="RL03", message=f"obligation `{o.id}` is already defined in {first.path}:{first.span.line}",
                           path=o.path, span=o.span)
            )
        seen.setdefault(o.id, o)
    return obligations, diagnostics, texts


def rule_files(root: Path = DEFAULT_RULES) -> list[Path]:
    return sorted(root.glob("*.rules")) if root.is_dir() else ([root] if root.is_file() else [])


@cache
def load_catalog(root: Path = DEFAULT_RULES) -> Catalog:
    """The obligation catalog; raises `LawcmpError` with every problem if it is unsound.

    A catalog parsed before (the same rule files, vocabulary, grammar and code) comes
    from the cache: a short command then never imports lark nor builds the parser.
    """
    from lawcmp import cache as entries
    from lawcmp.codec import CodecError

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
    from lawcmp import cache as entries
    from lawcmp.corpus import display_path

    parts = [entries.code_digest(_CODE).encode(), vocabulary.digest.encode()]
    for path in paths:
        try:
            parts += [display_path(path).encode(), path.read_bytes()]
        except OSError:
            return None  # read_rule_files reports it
    return entries.key_of(parts)


# The code that decides what the rule files mean, for the key of the catalog's cache entry.
_CODE = ("catalog.py", "rulebuild.py", "syntax.py", "build.py", "diagnostics.py", "model.py", "vocabulary.py", "codec.py")
CODEC = Codec([
    Covers, Includes, Equals, Compare, Unconditional, CondAll, CondAny, CondNot,
    Quantified, Union, Party, TestAll, TestAny, TestNot, Criterion, Obligation, Span,
])
