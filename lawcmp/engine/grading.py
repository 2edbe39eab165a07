"""Grades and their combination: the three-valued logic of criteria, and the roll-up to a rating.

A grade is met, mostly met, partly met, not met, not applicable or "no information";
`all_of`, `any_of` and `not_of` combine grades so that missing information never turns into
"no" (docs/rules.md). `rate` rolls criteria up to C / LC / PC / NC. The evaluator and the
sweep share these functions, so a timeline and a single date grade alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lawcmp.law.snapshot import InForce
from lawcmp.model.findings import (
    GRADE_ORDER,
    Grade,
    Rating,
)

MET: Grade = "met"
MOSTLY: Grade = "mostly met"
PARTLY: Grade = "partly met"
NOT: Grade = "not met"
NA: Grade = "not applicable"
NI: Grade = "no information"

# Grades as their ranks (findings.GRADE_ORDER), the order they are compared in. The rules
# for combining grades are written once, over ranks: the sweep grades with them alone, and
# the evaluator's `Result`s, which also carry reasons and evidence, take their grade from them.
MET_RANK, MOSTLY_RANK, PARTLY_RANK, NOT_RANK, NI_RANK, NA_RANK = (GRADE_ORDER[g] for g in (MET, MOSTLY, PARTLY, NOT, NI, NA))
GRADE_NAMES: dict[int, Grade] = {r: g for g, r in GRADE_ORDER.items()}  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class Result:
    grade: Grade
    why: str
    evidence: tuple[InForce, ...] = ()
    related_only: bool = False  # the grade rests on a related offence only (`Limited`)


def rank(g: str) -> int:
    return GRADE_ORDER[g]


def all_ranks(grades: Sequence[int]) -> int:
    """Conjunction: a failure outweighs missing information; otherwise the lowest known grade."""
    if NOT_RANK in grades:
        return NOT_RANK
    if NI_RANK in grades:
        return NI_RANK
    known = [g for g in grades if g != NA_RANK] or grades
    return min(known)


def every_open_ranks(grades: Sequence[int]) -> int:
    """`every` over a list the book does not declare complete: Kleene's "for all" over the
    clauses encoded *and* those the sources did not give. A clause that falls short is an
    upper bound no other clause can raise, so the lowest such grade stands, whatever the
    clauses of unknown reach say; where none falls short the answer is unknown, for a clause
    the sources did not give may. Adding a clause therefore never turns a known answer
    unknown (tests/engine/test_properties.py)."""
    short = [g for g in grades if NOT_RANK <= g < MET_RANK]
    return min(short) if short else NI_RANK


def any_ranks(grades: Sequence[int]) -> int:
    """Disjunction: the highest grade. A branch that is (partly) met is a lower bound that
    missing information elsewhere cannot take away; only a failure gives way to it."""
    best = max(grades)
    if best >= PARTLY_RANK:
        return best
    if NI_RANK in grades:
        return NI_RANK
    return NOT_RANK if NOT_RANK in grades else NA_RANK


def limited_ranks(grades: Sequence[int]) -> int:
    """`Limited` (full, partial, present): the specific offences' grade, raised to partly met
    where they fail the test or leave it unknown and a related offence (partly) meets it
    (Kleene's "or": partly met beats no information). "Not met" with no specific offence
    needs a source saying there is none (a negative fact); where the sources are silent on
    it, or one is in force with elements they do not give, the answer stays unknown, for a
    specific offence may yet meet the test."""
    full, partial, present = grades
    if full in (NOT_RANK, NI_RANK) and partial >= PARTLY_RANK:
        return PARTLY_RANK
    if full == NI_RANK and partial == NOT_RANK and present == NOT_RANK:
        return NOT_RANK
    return full


def not_rank(grade: int) -> int:
    return MET_RANK if grade == NOT_RANK else NOT_RANK if grade == MET_RANK else grade


def coverage_rank(values: Iterable[str], members: tuple[str, ...], mode: str, count: int) -> int:
    """How far `values` cover `members`: any one, all of them, or at least `count`."""
    have = set(values)
    got = sum(1 for m in members if m in have)
    if mode == "any":
        return MET_RANK if got else NOT_RANK
    need = len(members) if mode == "all" else count
    if got >= need:
        return MET_RANK
    share = got / need if need else 1.0
    return MOSTLY_RANK if share >= 0.75 else PARTLY_RANK if got else NOT_RANK


def all_of(results: Sequence[Result]) -> Result:
    """`all_ranks`, with the reasons and evidence of the results that decide the grade."""
    grade = all_ranks([rank(r.grade) for r in results])
    if grade == NOT_RANK:
        failed = [r for r in results if r.grade == NOT]
        return Result(NOT, "; ".join(r.why for r in failed), tuple(e for r in failed for e in r.evidence))
    if grade == NI_RANK:
        unknown = [r for r in results if r.grade == NI]
        return Result(NI, "; ".join(r.why for r in unknown), tuple(e for r in results for e in r.evidence))
    known = [r for r in results if r.grade != NA] or list(results)
    return Result(GRADE_NAMES[grade], "; ".join(r.why for r in known), tuple(e for r in known for e in r.evidence))


def any_of(results: Sequence[Result]) -> Result:
    """`any_ranks`: the best branch, or the reasons information is missing."""
    grade = any_ranks([rank(r.grade) for r in results])
    if grade == NI_RANK:
        return Result(NI, "; ".join(r.why for r in results if r.grade == NI), ())
    return max(results, key=lambda r: rank(r.grade) if r.grade not in (NI, NA) else -1)


def limited(full: Result, partial: Result, present: Result) -> Result:
    """`limited_ranks`, saying when a related offence decides, and why."""
    grade = limited_ranks([rank(full.grade), rank(partial.grade), rank(present.grade)])
    if grade == rank(full.grade):
        return full
    return Result(GRADE_NAMES[grade], f"a related offence only: {partial.why}", partial.evidence + full.evidence,
                  related_only=True)


def not_of(r: Result) -> Result:
    flipped = {MET: NOT, NOT: MET}.get(r.grade, r.grade)
    return Result(flipped, f"not ({r.why})", r.evidence)


def coverage(values: Iterable[str], members: tuple[str, ...], mode: str, count: int, label: str) -> Result:
    """`coverage_rank`, with a reason that names what is covered and what is missing."""
    values = set(values)
    grade = GRADE_NAMES[coverage_rank(values, members, mode, count)]
    got = [m for m in members if m in values]
    if mode == "any":
        return Result(grade, f"{label}: {', '.join(got) if got else 'none of ' + ', '.join(members)}")
    need = len(members) if mode == "all" else count
    if len(got) >= need:
        return Result(grade, f"{label}: covers {len(got)} of {len(members)}")
    missing = [m for m in members if m not in values]
    return Result(grade, f"{label}: {len(got)} of {need} needed; missing {', '.join(missing)}")


SCORES = {MET: 1.0, MOSTLY: 0.75, PARTLY: 0.5, NOT: 0.0}


RATING_ORDER: tuple[Rating, ...] = ("NC", "PC", "LC", "C")


def rate(results: Sequence[tuple[bool, Grade]]) -> tuple[Rating, bool]:
    """(core?, grade) per criterion → (rating, provisional?). See docs/rules.md."""
    # One pass (this runs for every finding of every date of a timeline); the score is
    # summed in criterion order, as before, so the floats are the same.
    applicable = 0
    core_applicable = False
    known = 0
    weight = 0
    total = 0.0
    core_grades: list[str] = []
    for core, g in results:
        if g == NA:
            continue
        applicable += 1
        core_applicable = core_applicable or core
        if g == NI:
            continue
        known += 1
        w = 2 if core else 1
        weight += w
        total += w * SCORES[g]
        if core:
            core_grades.append(g)
    if not applicable:
        return "N/A", False
    if not known:
        return "NI", False
    core_unknown = core_applicable and not core_grades
    provisional = known < applicable
    score = total / weight
    rating: Rating = "C" if score >= 1.0 else "LC" if score >= 0.75 else "PC" if score >= 0.4 else "NC"
    cap = "C"
    if MOSTLY in core_grades:
        cap = "LC"
    if PARTLY in core_grades or NOT in core_grades:
        cap = "PC"
    if core_grades and all(g == NOT for g in core_grades):
        cap = "NC"
    if core_unknown:
        cap = "PC"  # side criteria alone never earn more than partial compliance
    if RATING_ORDER.index(rating) > RATING_ORDER.index(cap):  # type: ignore[arg-type]
        rating = cap  # type: ignore[assignment]
    return rating, provisional


def verb_for(strength: str, rating: str) -> str | None:
    """The recommendation's strength verb (after GRETA); None when nothing is recommended."""
    if rating in ("C", "N/A", "NI"):
        return None
    if strength in ("mandatory", "mandatory-qualified"):
        return "urges" if rating in ("NC", "PC") else "considers"
    if strength == "endeavour":
        return "considers"
    return "invites"
