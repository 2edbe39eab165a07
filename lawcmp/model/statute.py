"""The typed model of the statute language: frozen pydantic models, one per concept.

Every node that a diagnostic or a finding may blame carries a `Span` into its file.
Fields a statute file does not state are `None`: unknown, which the engine reports as
"no information" — never as "no".
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema


class Span(NamedTuple):
    """Where a node stands in its file: 1-based line and column, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Four integers, made a Span without a call into Python.

        pydantic validates a NamedTuple by calling its constructor, which is Python code,
        and keeps the arguments it built for the call. A corpus has a span on every node
        (69,000 in the synthetic world); building each from the validated tuple with
        `tuple.__new__` takes 5 % off validating that corpus from the cache
        (docs/performance.md). A span is only ever written as an array.
        """
        n = core_schema.int_schema()
        return core_schema.no_info_after_validator_function(
            partial(tuple.__new__, cls), core_schema.tuple_schema([n, n, n, n]), ref=f"{cls.__module__}.{cls.__qualname__}",
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The schema pydantic gives a NamedTuple: its fields named, in order."""
        items = [{"title": name.replace("_", " ").title(), "type": "integer"} for name in cls._fields]
        return {"maxItems": len(items), "minItems": len(items), "prefixItems": items, "type": "array"}


NO_SPAN = Span(0, 0, 0, 0)


# Every model of lawcmp is frozen and strict about its fields. Validators are built on
# first use, not at import: building one per class at import covers every subtree again
# (a Corpus's validator holds a StatuteBook's, which holds a Provision's, ...), while a
# command validates through one or two roots — `report UZ` builds 13 of its 46 classes
# (docs/performance.md).
FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Node(BaseModel):
    model_config = FROZEN


Precision = Literal["year", "month", "day"]


class When(Node):
    """A date as precise as the source gives it: `2005`, `2005-03` or `2005-03-17`.

    A year or a month stands for its first day when dates are compared: a law "of 2005"
    is taken to apply from 1 January 2005, and reports show the date as the source gave it.
    """

    day: dt.date
    precision: Precision = "day"

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.day.year:04d}"
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()

    @property
    def last_day(self) -> dt.date:
        """The last day of the period the date names (for display of ranges)."""
        if self.precision == "year":
            return dt.date(self.day.year, 12, 31)
        if self.precision == "month":
            nxt = dt.date(self.day.year + self.day.month // 12, self.day.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return self.day


class Citation(Node):
    """A source: a seed file or public document, an optional paragraph, a quoted phrase."""

    document: str
    para: str | None = None
    quote: str | None = None
    span: Span = NO_SPAN

    def __str__(self) -> str:
        parts = [self.document]
        if self.para:
            parts.append(f"¶{self.para}")
        if self.quote:
            parts.append(f"“{self.quote}”")
        return " ".join(parts)


Basis = Literal["law", "practice", "draft"]
Terms = tuple[str, ...]


class Range(Node):
    """A penalty range in years; either end may be open (`..5`, `10..`)."""

    low: float | None = None
    high: float | None = None


class Penalty(Node):
    prison: Range | None = None
    kinds: Terms = ()


class Aggravation(Node):
    circumstances: Terms
    penalty: Penalty | None = None
    span: Span = NO_SPAN


class ClauseBase(Node):
    terms: Terms = ()
    basis: Basis = "law"
    negative: bool = False
    span: Span = NO_SPAN
    # A negative clause stated of these instruments only ("the new law does not address
    # criminal aspects"): it denies nothing in the law as a whole.
    within: tuple[str, ...] | None = None


class Offence(ClauseBase):
    kind: Literal["offence"] = "offence"
    acts: Terms | None = None
    means: Terms | None = None
    # `means none`: the offence requires no means at all (RU art. 127.1, KZ art. 128 of 2014):
    # broader than the Protocol, it reaches the conduct whatever means were used.
    no_means: bool = False
    purposes: Terms | None = None
    victims: Terms | None = None
    child_means: Literal["required", "not-required"] | None = None
    consent: Literal["irrelevant", "relevant"] | None = None
    transnational: Literal["required", "not-required"] | None = None
    organized_group: Literal["required", "not-required"] | None = None
    ancillary: Terms | None = None
    penalty: Penalty | None = None
    aggravated: tuple[Aggravation, ...] = ()
    legal_persons: Literal["liable", "not-liable"] | None = None


class Classification(ClauseBase):
    kind: Literal["classification"] = "classification"
    amnesty: str | None = None
    applies_to: tuple[str, ...] = ()


class Penalizes(ClauseBase):
    kind: Literal["penalizes"] = "penalizes"
    exemption: str | None = None


class Provides(ClauseBase):
    kind: Literal["provides"] = "provides"
    beneficiaries: Terms | None = None
    condition: Terms | None = None
    # `condition none`: the source says the measure depends on nothing (not on cooperation,
    # testimony, residence…). A measure whose conditions are not stated is not unconditional:
    # its conditions are unknown.
    no_condition: bool = False


class Establishes(ClauseBase):
    kind: Literal["establishes"] = "establishes"


class Mandates(ClauseBase):
    kind: Literal["mandates"] = "mandates"


class Cooperation(ClauseBase):
    kind: Literal["cooperation"] = "cooperation"


class Liability(ClauseBase):
    """Liability outside an offence's own article: administrative or civil liability of legal
    persons (UNTOC 10(2) lets it be "criminal, civil or administrative"), so that a code that
    holds only natural persons criminally liable is not read as leaving companies free."""

    kind: Literal["liability"] = "liability"
    subjects: Terms | None = None
    offences: Terms | None = None


Clause = Annotated[
    Offence | Classification | Penalizes | Provides | Establishes | Mandates | Cooperation | Liability,
    Field(discriminator="kind"),
]
CLAUSE_KINDS: tuple[str, ...] = (
    "offence",
    "classification",
    "penalizes",
    "provides",
    "establishes",
    "mandates",
    "cooperation",
    "liability",
)


class Reading(Node):
    """Another source's reading of a version, where the sources disagree.

    Its clauses amend the version's as a bill's `amend` does (the fields they state replace
    the version's, the rest stay): "up to two years" against the text's "up to one year".
    """

    name: str
    title: str
    clauses: tuple[Clause, ...] = ()
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN


class Version(Node):
    """What a provision said from `start` until the next version or its repeal."""

    start: When
    by: str | None = None
    text: str | None = None
    paraphrase: str | None = None
    clauses: tuple[Clause, ...] = ()
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN
    # The sources say only that it held until (or at) this date, not since when ("until
    # August 2003, the code prohibited …"): `start` is then its instrument's entry into
    # force, the earliest it can have held, rather than the latest date the sources give.
    known_until: When | None = None
    readings: tuple[Reading, ...] = ()  # where sources disagree: the other readings, each cited


class Repeal(Node):
    start: When
    by: str | None = None
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN


class Provision(Node):
    id: str
    title: str
    versions: tuple[Version, ...] = ()
    repeal: Repeal | None = None
    span: Span = NO_SPAN

    @property
    def instrument(self) -> str:
        return self.id.rsplit("/", 1)[0]

    @property
    def article(self) -> str:
        return self.id.rsplit("/", 1)[1]


class Instrument(Node):
    id: str
    title: str
    titles: dict[str, str] = {}
    kind: str | None = None
    adopted: When | None = None
    effective: When | None = None
    repealed: When | None = None
    status: str = "in-force"
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN


class TreatyEvent(Node):
    treaty: str
    action: str
    date: When
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN
    # The sources say only that it had happened by `date` ("to date, … have ratified the
    # Protocol"): it counts from `date`, the latest it can have happened.
    on_or_before: bool = False

    @property
    def when(self) -> str:
        return f"on or before {self.date}" if self.on_or_before else str(self.date)


class Closure(Node):
    """`complete KIND [TERM… | of SET]`: the book encodes every clause of that kind (and those
    terms) that the state's law held at any date its sources cover.

    Without it, the clauses encoded are what the sources gave, not the whole of the law: a
    conflict test (`no offence … where consent is relevant`) that finds none of them in
    conflict cannot say that no other is, and answers "no information" (docs/rules.md). The
    claim is the analyst's, made from a source that lists the clauses (a code read in full,
    a report naming every article), and cited like any other fact.
    """

    kind: str
    terms: Terms = ()
    set: str | None = None
    # From when the claim holds (`from DATE`): a list may be complete only since a new code,
    # before which the sources did not give every article. None: at every date covered.
    start: When | None = None
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN


class Jurisdiction(Node):
    code: str
    name: str
    titles: dict[str, str] = {}
    roles: Terms = ()
    # The period the file's sources speak for (`covers FROM TO`): after its end, what the
    # book says is not what the law says, only what the sources last said of it.
    covers: tuple[When, When] | None = None
    treaties: tuple[TreatyEvent, ...] = ()
    complete: tuple[Closure, ...] = ()
    span: Span = NO_SPAN

    def name_in(self, lang: str) -> str:
        return self.titles.get(lang, self.name) if lang != "en" else self.name


class Fact(Node):
    """What holds outside any provision: practice, or an explicit absence, from a date."""

    id: str
    title: str
    start: When | None = None
    until: When | None = None
    clauses: tuple[Clause, ...] = ()
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN


class Strike(Node):
    kind: str
    terms: Terms = ()
    span: Span = NO_SPAN


class Amend(Node):
    op: Literal["amend"] = "amend"
    provision: str
    text: str | None = None
    paraphrase: str | None = None
    clauses: tuple[Clause, ...] = ()
    strikes: tuple[Strike, ...] = ()
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN


class Insert(Node):
    op: Literal["insert"] = "insert"
    provision: str
    title: str
    text: str | None = None
    paraphrase: str | None = None
    clauses: tuple[Clause, ...] = ()
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN


class RepealOp(Node):
    op: Literal["repeal"] = "repeal"
    provision: str
    span: Span = NO_SPAN


Operation = Annotated[Amend | Insert | RepealOp, Field(discriminator="op")]


class Bill(Node):
    """A draft bill: amendments that take effect together on one date (a what-if)."""

    id: str
    title: str
    titles: dict[str, str] = {}
    effective: When | None = None
    operations: tuple[Operation, ...] = ()
    sources: tuple[Citation, ...] = ()
    span: Span = NO_SPAN

    @property
    def jurisdiction(self) -> str:
        return self.id.split("/", 1)[0]


class StatuteFile(Node):
    """One parsed `.law` file, as written: the unit of diagnostics and caching."""

    path: str
    jurisdictions: tuple[Jurisdiction, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    provisions: tuple[Provision, ...] = ()
    facts: tuple[Fact, ...] = ()
    bills: tuple[Bill, ...] = ()


class StatuteBook(Node):
    """Everything encoded about one jurisdiction, across time."""

    jurisdiction: Jurisdiction
    path: str
    instruments: tuple[Instrument, ...] = ()
    provisions: tuple[Provision, ...] = ()
    facts: tuple[Fact, ...] = ()


class Corpus(Node):
    """The loaded statute books and draft bills, keyed by jurisdiction code."""

    books: dict[str, StatuteBook] = {}
    bills: tuple[Bill, ...] = ()
    files: tuple[str, ...] = ()
    digest: str = ""

    def book(self, code: str) -> StatuteBook:
        return self.books[code]
