"""Findings: what the engine concludes, with the evidence and sources behind it.

Plain data (frozen pydantic models), so that every renderer — table, Markdown, CSV,
JSON, XLSX, DOCX, HTML — reads the same thing, and JSON output has a schema.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Literal

from pydantic import BaseModel

from lawcmp.model.statute import FROZEN, Citation

Grade = Literal["met", "mostly met", "partly met", "not met", "not applicable", "no information"]
Rating = Literal["C", "LC", "PC", "NC", "N/A", "NI"]
RATINGS: tuple[str, ...] = ("C", "LC", "PC", "NC", "N/A", "NI")
GRADE_ORDER: dict[str, int] = {
    "not met": 0, "partly met": 1, "mostly met": 2, "met": 3, "no information": -1, "not applicable": -2,
}

PROVISIONAL = "?"  # what a rating's label adds when the rating rests on missing information


RANGE_ORDER = ("NC", "PC", "LC", "C")  # the ratings a range runs between, lowest first


def rating_label(rating: str, provisional: bool) -> str:
    """The rating as shown: `PC`, or `PC?` when it rests on missing information."""
    return rating + PROVISIONAL if provisional else rating


def label_rating(label: str) -> str:
    """The rating a label shows: `PC?` → `PC`."""
    return label.removesuffix(PROVISIONAL)


class _Frozen(BaseModel):
    model_config = FROZEN


class Evidence(_Frozen):
    """A provision version (or fact, or treaty event) a result rests on."""

    origin: str
    title: str
    since: str
    basis: str  # law, practice, absent
    excerpt: str | None = None
    sources: tuple[Citation, ...] = ()


class CriterionResult(_Frozen):
    name: str
    title: str
    titles: dict[str, str] = {}  # the criterion's title by language, besides English
    core: bool
    grade: Grade
    explanation: str  # in English: "title — grade: reasons."
    test: str
    evidence: tuple[Evidence, ...] = ()
    related_only: bool = False  # met only partly, and only by an offence related to the conduct

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang, self.title) if lang != "en" else self.title


class Recommendation(_Frozen):
    verb: str  # urges, considers, invites — rendered through the glossary
    action: dict[str, str]  # by language


class ReadingRating(_Frozen):
    """The rating as another source reads the law, where it differs (contested readings)."""

    name: str
    title: str
    rating: Rating
    provisional: bool = False
    sources: tuple[str, ...] = ()  # "document “quote”", as reports cite them

    @property
    def label(self) -> str:
        return rating_label(self.rating, self.provisional)


class Finding(_Frozen):
    obligation: str
    title: str
    titles: dict[str, str] = {}
    basis: str
    pillar: str
    strength: str
    rating: Rating
    provisional: bool = False
    criteria: tuple[CriterionResult, ...] = ()
    gap: str | None = None  # in English: "criterion title: grade."
    gap_criterion: str | None = None  # the criterion the gap names
    recommendation: Recommendation | None = None
    readings: tuple[ReadingRating, ...] = ()  # where the sources disagree and the rating with them

    @property
    def rating_range(self) -> str | None:
        """"NC–PC" where a contested reading rates it otherwise; None where all agree."""
        ratings = {self.rating, *(r.rating for r in self.readings)} & set(RANGE_ORDER)
        if len(ratings) < 2:
            return None
        ordered = sorted(ratings, key=RANGE_ORDER.index)
        return f"{ordered[0]}–{ordered[-1]}"

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang, self.title) if lang != "en" else self.title

    @property
    def label(self) -> str:
        """The rating as shown: `PC`, or `PC?` when it rests on missing information."""
        return rating_label(self.rating, self.provisional)

    def evidence(self) -> tuple[Evidence, ...]:
        seen: dict[tuple[str, str], Evidence] = {}
        for c in self.criteria:
            for e in c.evidence:
                seen.setdefault((e.origin, e.since), e)
        return tuple(seen.values())


class Assessment(_Frozen):
    """All findings for one jurisdiction at one date."""

    jurisdiction: str
    name: str
    titles: dict[str, str] = {}
    as_of: dt.date
    findings: tuple[Finding, ...]
    corpus: str = ""

    def name_in(self, lang: str) -> str:
        return self.titles.get(lang, self.name) if lang != "en" else self.name

    def finding(self, obligation: str) -> Finding:
        for f in self.findings:
            if f.obligation == obligation:
                return f
        raise KeyError(obligation)

    def pillar_summary(self) -> dict[str, dict[str, int]]:
        """Counts of ratings per pillar — never collapsed into one national score."""
        out: dict[str, Counter[str]] = {}
        for f in self.findings:
            out.setdefault(f.pillar, Counter())[f.rating] += 1
        return {p: {r: c[r] for r in RATINGS if c[r]} for p, c in out.items()}
