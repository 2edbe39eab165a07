"""The obligation catalog as data: obligations, criteria and their test expressions.

Expressions are small immutable trees; `lawcmp.engine` gives them meaning, and
`lawcmp.lang.rulebuild` builds them from `rules/catalog/*.rules`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeVar

from lawcmp.model.statute import NO_SPAN, Span

if TYPE_CHECKING:
    from lawcmp.lang.vocabulary import Vocabulary


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


NUMERIC_FIELDS = frozenset({"max-prison", "min-prison", "aggravated-max-prison"})


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


# `conduct where …`: the vocabulary sets of the offences that decide, and of those that earn
# at most "partly met" (docs/rules.md, the doctrine of criminalization).
CONDUCT_SETS = ("specific-offences", "related-offences")


@dataclass(frozen=True, slots=True)
class Limited:
    """(full, partial, present): the doctrine of criminalization as a test (docs/rules.md).

    `full` asks it of the specific offences, `partial` of the related ones, `present` whether
    any specific offence is in force. A related offence earns at most "partly met"; it never
    lowers what the specific offences give, and decides a "not met" only where no specific
    offence is in force to be judged instead.
    """

    items: tuple[Test, Test, Test]


Test = Quantified | Union | Party | TestAll | TestAny | TestNot | Limited


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
    recommend_limited: dict[str, str] = field(default_factory=dict)  # where only related offences meet it
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
