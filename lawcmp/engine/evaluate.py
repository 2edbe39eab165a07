"""Evaluation: criteria over a snapshot, graded and explained; obligations rated.

Grades are three-valued at heart — a field the statute file does not state is "no
information", never "no" — and graded where the test is coverage. The roll-up from
criteria to a rating is in `rate` and documented in docs/rules.md; every result carries
the evidence (provision versions or facts, with their sources) that decided it.
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.law.snapshot import InForce, Snapshot, clause_keys, snapshot
from lawcmp.model.findings import (
    GRADE_ORDER,
    Assessment,
    CriterionResult,
    Evidence,
    Finding,
    Grade,
    Rating,
    Recommendation,
)
from lawcmp.model.rules import (
    Catalog,
    Compare,
    CondAll,
    CondAny,
    CondNot,
    Covers,
    Criterion,
    Equals,
    Includes,
    Obligation,
    Party,
    Quantified,
    TestAll,
    TestAny,
    TestNot,
    Unconditional,
    Union,
    per_catalog,
)
from lawcmp.model.statute import Corpus, Offence, StatuteBook

MET: Grade = "met"
MOSTLY: Grade = "mostly met"
PARTLY: Grade = "partly met"
NOT: Grade = "not met"
NA: Grade = "not applicable"
NI: Grade = "no information"
PARTY_ACTIONS = frozenset({"ratified", "acceded", "approved", "accepted", "succeeded"})
# The fields of an offence that `Evaluator.field` derives (from its penalties, or from the
# classifications of its provision); every other field is the clause's attribute of that name.
DERIVED_FIELDS = frozenset({
    "class", "amnesty", "penalty-kinds", "max-prison", "min-prison", "aggravated-max-prison", "circumstances",
    "confiscation",
})


@dataclass(frozen=True, slots=True)
class Result:
    grade: Grade
    why: str
    evidence: tuple[InForce, ...] = ()


def _rank(g: str) -> int:
    return GRADE_ORDER[g]


def _all(results: Sequence[Result]) -> Result:
    """Conjunction: the lowest grade; a failure outweighs missing information."""
    if any(r.grade == NOT for r in results):
        failed = [r for r in results if r.grade == NOT]
        return Result(NOT, "; ".join(r.why for r in failed), tuple(e for r in failed for e in r.evidence))
    if any(r.grade == NI for r in results):
        unknown = [r for r in results if r.grade == NI]
        return Result(NI, "; ".join(r.why for r in unknown), tuple(e for r in results for e in r.evidence))
    known = [r for r in results if r.grade != NA] or list(results)
    low = min(known, key=lambda r: _rank(r.grade))
    return Result(low.grade, "; ".join(r.why for r in known), tuple(e for r in known for e in r.evidence))


def _any(results: Sequence[Result]) -> Result:
    """Disjunction: the highest grade. A branch that is (partly) met is a lower bound that
    missing information elsewhere cannot take away; only a failure gives way to it."""
    best = max(results, key=lambda r: _rank(r.grade) if r.grade not in (NI, NA) else -1)
    if best.grade in (MET, MOSTLY, PARTLY):
        return best
    if any(r.grade == NI for r in results):
        return Result(NI, "; ".join(r.why for r in results if r.grade == NI), ())
    return best


def _not(r: Result) -> Result:
    flipped = {MET: NOT, NOT: MET}.get(r.grade, r.grade)
    return Result(flipped, f"not ({r.why})", r.evidence)


def _coverage(values: Iterable[str], members: tuple[str, ...], mode: str, count: int, label: str) -> Result:
    have = set(values)
    got = [m for m in members if m in have]
    missing = [m for m in members if m not in have]
    if mode == "any":
        return Result(MET if got else NOT, f"{label}: {', '.join(got) if got else 'none of ' + ', '.join(members)}")
    need = len(members) if mode == "all" else count
    if len(got) >= need:
        return Result(MET, f"{label}: covers {len(got)} of {len(members)}")
    share = len(got) / need if need else 1.0
    grade = MOSTLY if share >= 0.75 else PARTLY if got else NOT
    return Result(grade, f"{label}: {len(got)} of {need} needed; missing {', '.join(missing)}")


class Evaluator:
    """Evaluates tests over one snapshot; holds the vocabulary for set lookups."""

    def __init__(self, snap: Snapshot, vocabulary: Vocabulary) -> None:
        self.snap = snap
        self.vocabulary = vocabulary

    # -- fields ----------------------------------------------------------------------------------

    def field(self, item: InForce, name: str) -> Any:
        c = item.clause
        if isinstance(c, Offence) and name in DERIVED_FIELDS:
            if name in ("class", "amnesty"):
                return self._classification(item, name)
            if name == "penalty-kinds":
                return c.penalty.kinds if c.penalty else None
            if name == "max-prison":
                return c.penalty.prison.high if c.penalty and c.penalty.prison else None
            if name == "min-prison":
                return c.penalty.prison.low if c.penalty and c.penalty.prison else None
            if name == "aggravated-max-prison":
                highs = [a.penalty.prison.high for a in c.aggravated if a.penalty and a.penalty.prison and a.penalty.prison.high]
                return max(highs) if highs else None
            if name == "circumstances":
                named = tuple(t for a in c.aggravated for t in a.circumstances)
                return named or None  # aggravations whose circumstances the source does not name
            if name == "confiscation":
                # A stated penalty is the penalty as the source gives it: without confiscation
                # among its kinds, "no"; with no penalty stated at all, unknown.
                penalties = [p for p in (c.penalty, *(a.penalty for a in c.aggravated)) if p is not None]
                if not penalties:
                    return None
                return "yes" if any("confiscation" in p.kinds for p in penalties) else "no"
        return getattr(c, name.replace("-", "_"), None)

    def _classification(self, item: InForce, name: str) -> Any:
        """The class (or amnesty status) the latest classification in force that states one gives."""
        for held in reversed(self.snap.classes.get(item.origin, ())):
            c = held.clause
            value = (c.terms[0] if c.terms else None) if name == "class" else getattr(c, "amnesty", None)
            if value is not None:
                return value
        return None

    # -- conditions -------------------------------------------------------------------------------

    def cond(self, cond: Any, item: InForce) -> Result:
        if isinstance(cond, CondAll):
            return _all([self.cond(c, item) for c in cond.items])
        if isinstance(cond, CondAny):
            return _any([self.cond(c, item) for c in cond.items])
        if isinstance(cond, CondNot):
            return _not(self.cond(cond.item, item))
        if isinstance(cond, Unconditional):
            condition = getattr(item.clause, "condition", None)
            if condition:
                return Result(PARTLY, f"only on condition: {', '.join(condition)}")
            return Result(MET, "no condition attached")
        value = self.field(item, cond.field)
        if value is None:
            return Result(NI, f"{cond.field} not stated")
        if isinstance(cond, Covers):
            members = self.vocabulary.sets.get(cond.set, ())
            return _coverage(value, members, cond.mode, cond.count, cond.field)
        if isinstance(cond, Includes):
            values = value if isinstance(value, tuple) else (value,)
            missing = [t for t in cond.terms if t not in values]
            return Result(NOT if missing else MET, f"{cond.field} {'lacks ' + ', '.join(missing) if missing else 'includes ' + ', '.join(cond.terms)}")
        if isinstance(cond, Equals):
            ok = cond.value in value if isinstance(value, tuple) else value == cond.value
            shown = ", ".join(value) if isinstance(value, tuple) else value
            return Result(MET if ok else NOT, f"{cond.field} is {shown}")
        if isinstance(cond, Compare):
            ok = {">=": value >= cond.number, ">": value > cond.number, "<=": value <= cond.number,
                  "<": value < cond.number, "=": value == cond.number}[cond.op]
            return Result(MET if ok else NOT, f"{cond.field} is {value:g}")
        raise TypeError(cond)

    # -- tests ----------------------------------------------------------------------------------------

    def _select(self, pool: Iterable[InForce], q: Quantified | Union) -> list[InForce]:
        kind = q.kind
        if isinstance(q, Quantified) and q.set is not None:
            wanted: set[str] | None = set(self.vocabulary.sets.get(q.set, ()))
        elif isinstance(q, Quantified) and q.terms:
            wanted = set(q.terms)
        else:
            wanted = None
        return [
            i for i in pool
            if getattr(i.clause, "kind", "") == kind and (wanted is None or wanted & set(i.clause.terms))
        ]

    def _absences(self, q: Quantified | Union) -> list[InForce]:
        """Negative facts in force that deny what the test looks for."""
        if isinstance(q, Quantified) and q.set is not None:
            wanted: set[str] | None = set(self.vocabulary.sets.get(q.set, ()))
        elif isinstance(q, Quantified) and q.terms:
            wanted = set(q.terms)
        elif isinstance(q, Union):
            wanted = set(self.vocabulary.sets.get(q.coverage.set, ()))
        else:
            wanted = None
        where = q.where if isinstance(q, Quantified) else None
        out = []
        for a in self.snap.absent:
            for kind, term in clause_keys(a.clause):
                if kind == q.kind and (wanted is None or term in wanted or not term):
                    # A negative fact scoped to some beneficiaries denies nothing to a test
                    # about others: its scope must not rule the condition out.
                    if where is None or self.cond(where, a).grade != NOT:
                        out.append(a)
                    break
        return out

    def test(self, t: Any) -> Result:
        if isinstance(t, Quantified):  # the commonest first
            return self.quantified(t)
        if isinstance(t, TestAll):
            return _all([self.test(x) for x in t.items])
        if isinstance(t, TestAny):
            return _any([self.test(x) for x in t.items])
        if isinstance(t, TestNot):
            return _not(self.test(t.item))
        if isinstance(t, Union):
            return self.union(t)
        if isinstance(t, Party):
            return self.party(t)
        raise TypeError(t)

    def _judge(self, q: Quantified, items: list[InForce]) -> list[tuple[Result, InForce]]:
        if q.where is None:
            return [(Result(MET, f"{_describe_item(i)}"), i) for i in items]
        return [(self.cond(q.where, i), i) for i in items]

    def quantified(self, q: Quantified) -> Result:
        law = self._select(self.snap.law, q)
        if q.quantifier == "no":
            judged = self._judge(q, law)
            bad = [(r, i) for r, i in judged if r.grade in (MET, MOSTLY, PARTLY)]
            if bad:
                return Result(NOT, "; ".join(f"{_describe_item(i)}: {r.why}" for r, i in bad), tuple(i for _, i in bad))
            # A conflict that exists only in practice is a shortfall, not a breach of the law.
            in_practice = [(r, i) for r, i in self._judge(q, self._select(self.snap.practice, q)) if r.grade in (MET, MOSTLY, PARTLY)]
            if in_practice:
                return Result(PARTLY, "in practice: " + "; ".join(f"{_describe_item(i)}: {r.why}" for r, i in in_practice),
                              tuple(i for _, i in in_practice))
            unknown = [(r, i) for r, i in judged if r.grade == NI]
            if unknown:
                return Result(NI, "; ".join(f"{_describe_item(i)}: {r.why}" for r, i in unknown), tuple(i for _, i in unknown))
            if judged:
                return Result(MET, f"none of {len(judged)} {q.kind} clause(s) in force matches", tuple(i for _, i in judged))
            absent = self._absences(q)
            if absent:
                return Result(MET, f"no {_describe_q(q)}: {_describe_item(absent[0])}", tuple(absent))
            return Result(NI, f"no {q.kind} clause encoded")
        if q.quantifier == "every":
            judged = self._judge(q, law)
            if judged:
                worst = _all([r for r, _ in judged])
                return Result(worst.grade, worst.why, tuple(i for _, i in judged))
        else:
            judged = self._judge(q, law)
            if judged:
                # MET is the highest rank: the first such is the one max() would pick.
                best = next((p for p in judged if p[0].grade == MET), None)
                if best is None:
                    best = max(judged, key=lambda p: _rank(p[0].grade) if p[0].grade != NI else -1)
                best_r, best_i = best
                if best_r.grade == MET:
                    return Result(MET, f"{_describe_item(best_i)}: {best_r.why}", (best_i,))
        # Not fully met by law: does practice reach further? It never earns more than partly met.
        practice = self._judge(q, self._select(self.snap.practice, q)) if q.quantifier == "some" else []
        in_practice = [(r, i) for r, i in practice if r.grade == MET]
        if judged:
            if q.quantifier == "every":
                result = Result(worst.grade, worst.why, tuple(i for _, i in judged))
            else:
                grade = best_r.grade
                result = Result(grade, f"{_describe_item(best_i)}: {best_r.why}", (best_i,))
            if in_practice and _rank(result.grade) < _rank(PARTLY):
                i = in_practice[0][1]
                return Result(PARTLY, f"in practice only: {_describe_item(i)}", (i, *result.evidence))
            return result
        if in_practice:
            _r, i = in_practice[0]
            return Result(PARTLY, f"in practice only, not in law: {_describe_item(i)}", (i,))
        absent = self._absences(q)
        if absent:
            return Result(NOT, f"no {_describe_q(q)}: {_describe_item(absent[0])}", tuple(absent))
        return Result(NI, f"the sources say nothing of {_describe_q(q)}")

    def union(self, u: Union) -> Result:
        members = self.vocabulary.sets.get(u.coverage.set, ())
        law = self._select(self.snap.law, u)
        practice = self._select(self.snap.practice, u)
        label = f"{u.kind} clauses in force"
        if law:
            r = _coverage((t for i in law for t in i.clause.terms), members, u.coverage.mode, u.coverage.count, label)
            # The clauses that cover the set decide a success; all of them show a shortfall.
            covering = tuple(i for i in law if set(i.clause.terms) & set(members))
            result = Result(r.grade, r.why, covering if r.grade == MET else tuple(law))
            if r.grade != MET and practice:
                both = _coverage((t for i in (*law, *practice) for t in i.clause.terms), members,
                                 u.coverage.mode, u.coverage.count, label + " and practice")
                if _rank(both.grade) > _rank(r.grade) and _rank(r.grade) < _rank(PARTLY):
                    return Result(PARTLY, both.why + " (partly in practice only)", tuple(law) + tuple(practice))
            return result
        if practice:
            r = _coverage((t for i in practice for t in i.clause.terms), members, u.coverage.mode, u.coverage.count, label)
            if r.grade != NOT:
                return Result(PARTLY, "in practice only: " + r.why, tuple(practice))
        absent = self._absences(u)
        if absent:
            return Result(NOT, f"no {u.kind}: {_describe_item(absent[0])}", tuple(absent))
        return Result(NI, f"the sources say nothing of {u.kind} clauses of {u.coverage.set}")

    def party(self, p: Party) -> Result:
        event = self.snap.treaties.get(p.treaty)
        if event is None:
            return Result(NI, f"no information on {p.treaty}")
        action, date, sources = event
        item = InForce(_TREATY_CLAUSE, f"{self.snap.code}/treaty/{p.treaty}", p.treaty, date, "law", sources)
        if action in PARTY_ACTIONS:
            return Result(MET, f"{p.treaty} {action} {date}", (item,))
        if action == "signed":
            return Result(PARTLY, f"{p.treaty} signed {date}, not ratified", (item,))
        return Result(NOT, f"{p.treaty} {action} {date}", (item,))


def _describe_item(i: InForce) -> str:
    terms = " ".join(i.clause.terms)
    kind = getattr(i.clause, "kind", "")
    if i.basis == "absent":
        scope = getattr(i.clause, "beneficiaries", None)
        return f"{i.origin} (from {i.since}) says there is no {kind} {terms}".rstrip() + (f" for {' '.join(scope)}" if scope else "")
    where = f"{i.origin} (version {i.since})" if i.basis == "law" else f"{i.origin} (practice, from {i.since})"
    return f"{where} {kind} {terms}".rstrip()


def _describe_q(q: Quantified) -> str:
    what = f"{q.kind} {' '.join(q.terms)}".strip()
    return f"{what} of {q.set}" if q.set else what


def _treaty_clause() -> Any:
    from lawcmp.model.statute import Cooperation

    return Cooperation(terms=("treaty-party",))


_TREATY_CLAUSE = _treaty_clause()


# -- roll-up -------------------------------------------------------------------------------------------

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


def _evidence(items: Iterable[InForce]) -> tuple[Evidence, ...]:
    seen: dict[tuple[str, str, str], Evidence] = {}
    for i in items:
        key = (i.origin, i.since, i.basis)
        if key not in seen:
            seen[key] = Evidence(
                origin=i.origin, title=i.title, since=i.since, basis=i.basis,
                excerpt=i.excerpt, sources=i.sources,
            )
    return tuple(seen.values())


def not_applicable(o: Obligation, snap: Snapshot) -> Result | None:
    roles = o.applies_if_roles
    if bool(roles) and bool(snap.roles) and not set(roles) & set(snap.roles):
        return Result(NA, f"applies to {' or '.join(roles)} states; {snap.code} is {', '.join(snap.roles)}")
    return None


def _criterion_result(
    crit: Criterion, r: Result, evidence: tuple[Evidence, ...] | None = None, test: str | None = None,
) -> CriterionResult:
    return CriterionResult(
        name=crit.name, title=crit.title, titles=crit.titles, core=crit.core, grade=r.grade,
        explanation=_sentence(crit, r), test=describe_test(crit.test) if test is None else test,
        evidence=_evidence(r.evidence) if evidence is None else evidence,
    )


def _finding(
    o: Obligation, results: Sequence[CriterionResult], recommendations: dict[str, Recommendation] | None = None,
) -> Finding:
    rating, provisional = rate([(c.core, c.grade) for c in results])
    verb = verb_for(o.strength, rating)
    gaps = [c for c in results if c.grade in (NOT, PARTLY, MOSTLY)]
    gaps.sort(key=lambda c: (not c.core, _rank(c.grade)))
    gap_criterion = gaps[0] if gaps and rating not in ("C",) else None
    gap = f"{gap_criterion.title}: {gap_criterion.grade}." if gap_criterion else None
    recommendation = None
    if verb:
        # Frozen, so one per (obligation, verb) serves every finding that recommends it.
        recommendation = recommendations.get(verb) if recommendations is not None else None
        if recommendation is None:
            recommendation = Recommendation(verb=verb, action=o.recommend)
            if recommendations is not None:
                recommendations[verb] = recommendation
    return Finding(
        obligation=o.id, title=o.title, titles=o.titles, basis=o.basis, pillar=o.pillar, strength=o.strength,
        rating=rating, provisional=provisional, criteria=tuple(results), gap=gap,
        gap_criterion=gap_criterion.name if gap_criterion else None, recommendation=recommendation,
    )


def evaluate_obligation(o: Obligation, snap: Snapshot, vocabulary: Vocabulary) -> Finding:
    ev = Evaluator(snap, vocabulary)
    na = not_applicable(o, snap)
    return _finding(o, [_criterion_result(crit, na or ev.test(crit.test)) for crit in o.criteria])


def _sentence(crit: Criterion, r: Result) -> str:
    why = r.why.strip().rstrip(".")
    return f"{crit.title} — {r.grade}: {why}." if why else f"{crit.title} — {r.grade}."


def describe_test(t: Any) -> str:
    """The test as the rule file writes it (for traces)."""
    if isinstance(t, TestAll):
        return " and ".join(f"({describe_test(x)})" if isinstance(x, TestAny) else describe_test(x) for x in t.items)
    if isinstance(t, TestAny):
        return " or ".join(describe_test(x) for x in t.items)
    if isinstance(t, TestNot):
        return f"not ({describe_test(t.item)})"
    if isinstance(t, Quantified):
        sel = f" of {t.set}" if t.set else (" " + " ".join(t.terms) if t.terms else "")
        where = f" where {_describe_cond(t.where)}" if t.where is not None else ""
        return f"{t.quantifier} {t.kind}{sel}{where}"
    if isinstance(t, Union):
        return f"union {t.kind} covers {_describe_cov(t.coverage)}"
    if isinstance(t, Party):
        return f"party to {t.treaty}"
    return str(t)


def _describe_cov(c: Covers) -> str:
    return f"{c.count if c.mode == 'count' else c.mode} of {c.set}"


def _describe_cond(c: Any) -> str:
    if isinstance(c, CondAll):
        return " and ".join(f"({_describe_cond(x)})" if isinstance(x, CondAny) else _describe_cond(x) for x in c.items)
    if isinstance(c, CondAny):
        return " or ".join(_describe_cond(x) for x in c.items)
    if isinstance(c, CondNot):
        return f"not ({_describe_cond(c.item)})"
    if isinstance(c, Covers):
        return f"{c.field} covers {_describe_cov(c)}"
    if isinstance(c, Includes):
        return f"{c.field} includes {' '.join(c.terms)}"
    if isinstance(c, Equals):
        return f"{c.field} is {c.value}"
    if isinstance(c, Compare):
        return f"{c.field} {c.op} {c.number:g}"
    if isinstance(c, Unconditional):
        return "unconditional"
    return str(c)


# -- the front door --------------------------------------------------------------------------------------


def as_date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def assess_book(book: StatuteBook, day: dt.date, catalog: Catalog, digest: str = "") -> Assessment:
    """The findings for one book at one date.

    Books are frozen, so the evaluator of a book is kept (a few, most recently used)
    and the next date only re-evaluates the criteria that what changed can affect: a
    timeline costs little more than its first date.
    """
    return _evaluator(book, catalog).assess(day, digest)


def evaluate(corpus: Corpus, code: str, as_of: dt.date | str | None = None, catalog: Catalog | None = None) -> Assessment:
    """The findings for one jurisdiction at one date (default: today)."""
    from lawcmp.load.catalog import load_catalog
    from lawcmp.support.diagnostics import require_jurisdictions

    require_jurisdictions([code], list(corpus.books))
    return assess_book(corpus.books[code], as_date(as_of), catalog or load_catalog(), corpus.digest)


# -- many dates of one book ----------------------------------------------------------------------------------
#
# A timeline, or the world matrix, evaluates one book at every date on which its law
# changes. From one such date to the next, usually one provision version starts: the
# criteria that cannot see it keep their results. `BookEvaluator` keeps the criterion
# results of the last date it evaluated and, for the next, re-evaluates only the criteria
# whose reads (clause kind and terms, classifications, treaties) intersect what changed.
# Unchanged results keep their very objects, so findings are shared, not rebuilt. The
# evaluation itself is the one above: results are identical by construction, which
# tests/perf/test_incremental.py checks against `evaluate_obligation` at every change point.


def cond_reads_classes(c: Any) -> bool:
    if isinstance(c, CondAll | CondAny):
        return any(cond_reads_classes(x) for x in c.items)
    if isinstance(c, CondNot):
        return cond_reads_classes(c.item)
    if isinstance(c, Unconditional):
        return False
    if isinstance(c, Covers | Includes | Equals | Compare):
        return c.field in ("class", "amnesty")
    return True  # unknown: assume the worst


def _reads(t: Any, vocabulary: Vocabulary, kinds: list[tuple[str, frozenset[str] | None]], treaties: set[str]) -> bool:
    """Collect what a test reads from a snapshot; False if the test is of a kind not known here."""
    if isinstance(t, TestAll | TestAny):
        return all([_reads(x, vocabulary, kinds, treaties) for x in t.items])
    if isinstance(t, TestNot):
        return _reads(t.item, vocabulary, kinds, treaties)
    if isinstance(t, Quantified):
        # The same selection as Evaluator._select and Evaluator._absences.
        if t.set is not None:
            wanted: frozenset[str] | None = frozenset(vocabulary.sets.get(t.set, ()))
        elif t.terms:
            wanted = frozenset(t.terms)
        else:
            wanted = None
        kinds.append((t.kind, wanted))
        if t.where is not None and cond_reads_classes(t.where):
            kinds.append(("classification", None))
        return True
    if isinstance(t, Union):
        kinds.append((t.kind, None))
        return True
    if isinstance(t, Party):
        treaties.add(t.treaty)
        return True
    return False


class _MemoEvaluator(Evaluator):
    """An Evaluator that remembers per-clause condition results across dates.

    A condition on one clause (`where …`) depends on that clause alone — and on the
    classifications of its provision, for conditions on `class` or `amnesty`; snapshots
    of one book share their `InForce` items, so the result for (condition, item) is
    computed once per book. Selections are shared by the criteria of one date.
    """

    def __init__(self, snap: Snapshot, vocabulary: Vocabulary, memo: dict[int, dict[Any, tuple[Any, ...]]],
                 plan: _Plan) -> None:
        super().__init__(snap, vocabulary)
        self._memo = memo
        self._reads_classes = plan.reads_classes
        self._selectors = plan.selectors
        self._selected: dict[int, list[InForce]] = {}

    def _select(self, pool: Iterable[InForce], q: Quantified | Union) -> list[InForce]:
        selector = self._selectors.get(id(q))
        if selector is None or (pool is not self.snap.law and pool is not self.snap.practice):
            return super()._select(pool, q)
        key = 2 * selector + (pool is self.snap.practice)
        found = self._selected.get(key)
        if found is None:
            found = self._selected[key] = super()._select(pool, q)
        return found

    def _judge(self, q: Quantified, items: list[InForce]) -> list[tuple[Result, InForce]]:
        # Entries hold the item (and the classifications read), so the ids in their keys
        # cannot be reused while they exist; the catalog holds the condition.
        where = q.where
        memo = self._memo.get(id(where))
        if memo is None:
            memo = self._memo[id(where)] = {}
        if where is not None and id(where) in self._reads_classes:
            classes = self.snap.classes
            out = []
            for i in items:
                held = classes.get(i.origin, ())
                key = (id(i), *map(id, held))
                hit = memo.get(key)
                if hit is None:
                    hit = memo[key] = (self.cond(where, i), i, held)
                out.append(hit[:2])
            return out
        try:
            return [memo[id(i)] for i in items]
        except KeyError:
            for i in items:
                if id(i) not in memo:
                    memo[id(i)] = super()._judge(q, [i])[0]
            return [memo[id(i)] for i in items]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What each criterion of a catalog reads from a snapshot: worked out once per catalog."""

    criteria: tuple[tuple[int, Criterion], ...]  # (obligation index, criterion), in catalog order
    of: tuple[range, ...]  # obligation -> the indices of its criteria
    watch: dict[str, tuple[tuple[frozenset[str] | None, int], ...]]  # clause kind -> (terms read or all, criterion)
    treaties: dict[str, tuple[int, ...]]  # treaty -> criteria
    always: tuple[int, ...]  # criteria whose reads are not known: re-evaluated at every date
    reads_classes: frozenset[int]  # ids of the `where` conditions that read classifications
    tests: tuple[str, ...]  # describe_test of each criterion
    selectors: dict[int, int]  # id of each quantifier or union -> its selection (the same for the same kind and terms)


def _make_plan(catalog: Catalog) -> _Plan:
    criteria: list[tuple[int, Criterion]] = []
    of: list[range] = []
    watch: dict[str, list[tuple[frozenset[str] | None, int]]] = {}
    treaties: dict[str, list[int]] = {}
    always: list[int] = []
    reads_classes: set[int] = set()
    for oi, o in enumerate(catalog.obligations):
        first = len(criteria)
        for crit in o.criteria:
            ci = len(criteria)
            criteria.append((oi, crit))
            kinds: list[tuple[str, frozenset[str] | None]] = []
            read_treaties: set[str] = set()
            if not _reads(crit.test, catalog.vocabulary, kinds, read_treaties):
                always.append(ci)
            for kind, wanted in kinds:
                watch.setdefault(kind, []).append((wanted, ci))
            for treaty in read_treaties:
                treaties.setdefault(treaty, []).append(ci)
            _conds_reading_classes(crit.test, reads_classes)
        of.append(range(first, len(criteria)))
    selections: dict[tuple[Any, ...], int] = {}
    selectors: dict[int, int] = {}

    def number(t: Any) -> None:
        if isinstance(t, TestAll | TestAny):
            for x in t.items:
                number(x)
        elif isinstance(t, TestNot):
            number(t.item)
        elif isinstance(t, Quantified | Union):
            # As Evaluator._select reads them: kind, and the set or the terms of a quantifier.
            key = (t.kind, t.set, t.terms) if isinstance(t, Quantified) else (t.kind,)
            selectors[id(t)] = selections.setdefault(key, len(selections))

    for _, crit in criteria:
        number(crit.test)
    return _Plan(
        criteria=tuple(criteria), of=tuple(of), watch={k: tuple(v) for k, v in watch.items()},
        treaties={k: tuple(v) for k, v in treaties.items()}, always=tuple(always),
        reads_classes=frozenset(reads_classes), tests=tuple(describe_test(c.test) for _, c in criteria),
        selectors=selectors,
    )


_plan = per_catalog(_make_plan)


class BookEvaluator:
    """One statute book evaluated at many dates, re-evaluating only what changed.

    Each date's snapshot is compared with the last one's; the criteria whose reads it
    touches are evaluated again, and only the findings they belong to are rebuilt.
    (Ratings alone, over many dates, come faster from `lawcmp.engine.sweep`, which needs no
    snapshots at all.)
    """

    def __init__(self, book: StatuteBook, catalog: Catalog) -> None:
        # Weakly: a kept evaluator must not keep its book alive.
        self._book = weakref.ref(book)
        self.catalog = catalog
        self.vocabulary = catalog.vocabulary
        self._lock = threading.Lock()
        self._plan = plan = _plan(catalog)
        self._criteria = plan.criteria
        self._of = plan.of
        self._watch = plan.watch
        self._treaties = plan.treaties
        self._always = plan.always
        self._cond_memo: dict[int, dict[Any, tuple[Any, ...]]] = {}
        self._snap: Snapshot | None = None
        self._na: list[Result | None] = []  # per obligation; roles and code are the book's, fixed
        self._tests = plan.tests
        self._recommendations: list[dict[str, Recommendation]] = [{} for _ in catalog.obligations]
        self._evidence_memo: dict[int, tuple[InForce, Evidence]] = {}
        # The state at the last date evaluated: each criterion's result (and the Result it
        # came from), each obligation's finding. Only what differs from it is rebuilt.
        self._last: list[Result | None] = [None] * len(self._criteria)
        self._results: list[CriterionResult | None] = [None] * len(self._criteria)
        self._findings: list[Finding | None] = [None] * len(catalog.obligations)

    @property
    def book(self) -> StatuteBook:
        book = self._book()
        if book is None:
            raise ReferenceError("the statute book of this evaluator no longer exists")
        return book

    def _advance(self, day: dt.date) -> tuple[_MemoEvaluator, Iterable[int]]:
        """Move to `day`: an evaluator of its snapshot and the criteria to evaluate again."""
        snap = snapshot(self.book, day)
        if self._snap is None:
            self._na = [not_applicable(o, snap) for o in self.catalog.obligations]
            dirty: Iterable[int] = range(len(self._criteria))
        else:
            dirty = [ci for ci in self._changed(self._snap, snap) if self._na[self._criteria[ci][0]] is None]
        self._snap = snap
        return _MemoEvaluator(snap, self.vocabulary, self._cond_memo, self._plan), dirty

    def _changed(self, before: Snapshot, after: Snapshot) -> set[int]:
        """The criteria that can read something in which the two snapshots differ."""
        dirty: set[int] = set(self._always)
        watch = self._watch
        for old, new in ((before.law, after.law), (before.practice, after.practice), (before.absent, after.absent)):
            if len(old) == len(new) and all(map(operator.is_, old, new)):
                continue
            old_ids = {id(i) for i in old}
            new_ids = {id(i) for i in new}
            for item in (*(i for i in old if id(i) not in new_ids), *(i for i in new if id(i) not in old_ids)):
                clause = item.clause
                terms = clause.terms
                for wanted, ci in watch.get(getattr(clause, "kind", ""), ()):
                    if wanted is None or not terms or not wanted.isdisjoint(terms):
                        dirty.add(ci)
        for treaty, criteria in self._treaties.items():
            if before.treaties.get(treaty) != after.treaties.get(treaty):
                dirty.update(criteria)
        return dirty


    def assess(self, day: dt.date, digest: str = "") -> Assessment:
        j = self.book.jurisdiction
        return Assessment(
            jurisdiction=j.code, name=j.name, titles=j.titles, as_of=day, findings=self.findings(day), corpus=digest,
        )

    def findings(self, day: dt.date) -> tuple[Finding, ...]:
        """The findings at `day`, in catalog order (the same as `evaluate_obligation`'s)."""
        with self._lock:
            ev, dirty = self._advance(day)
            touched: set[int] = set()
            for ci in dirty:
                oi, crit = self._criteria[ci]
                cr = self._criterion(ci, crit, self._na[oi] or ev.test(crit.test))
                if cr is not self._results[ci]:
                    self._results[ci] = cr
                    touched.add(oi)
            obligations = self.catalog.obligations
            for oi in touched:
                self._findings[oi] = self._finding(oi, obligations[oi])
            return tuple(self._findings)  # type: ignore[arg-type]

    def _criterion(self, ci: int, crit: Criterion, r: Result) -> CriterionResult:
        last = self._last[ci]
        # Holding the last Result holds its evidence items, so identity compares them truly.
        if (last is not None and last.grade == r.grade and last.why == r.why and len(last.evidence) == len(r.evidence)
                and all(map(operator.is_, last.evidence, r.evidence))):
            return self._results[ci]  # type: ignore[return-value]
        self._last[ci] = r
        return _criterion_result(crit, r, self._evidence(r.evidence), self._tests[ci])

    def _evidence(self, items: tuple[InForce, ...]) -> tuple[Evidence, ...]:
        # As `_evidence`, with each item's Evidence built once.
        seen: dict[tuple[str, str, str], Evidence] = {}
        memo = self._evidence_memo
        for i in items:
            key = (i.origin, i.since, i.basis)
            if key not in seen:
                hit = memo.get(id(i))
                if hit is None:
                    hit = memo[id(i)] = (i, _evidence((i,))[0])
                seen[key] = hit[1]
        return tuple(seen.values())

    def _finding(self, oi: int, o: Obligation) -> Finding:
        return _finding(o, [self._results[ci] for ci in self._of[oi]], self._recommendations[oi])  # type: ignore[misc]


def _conds_reading_classes(t: Any, out: set[int]) -> None:
    """Ids of the `where` conditions that read classifications as well as the clause."""
    if isinstance(t, TestAll | TestAny):
        for x in t.items:
            _conds_reading_classes(x, out)
    elif isinstance(t, TestNot):
        _conds_reading_classes(t.item, out)
    elif isinstance(t, Quantified) and t.where is not None and cond_reads_classes(t.where):
        out.add(id(t.where))


_EVALUATORS: OrderedDict[tuple[int, int], tuple[weakref.ref[StatuteBook], BookEvaluator]] = OrderedDict()
_EVALUATORS_KEPT = 64
_EVALUATORS_LOCK = threading.Lock()


def _evaluator(book: StatuteBook, catalog: Catalog) -> BookEvaluator:
    key = (id(book), id(catalog))
    with _EVALUATORS_LOCK:
        hit = _EVALUATORS.get(key)
        # The evaluator holds its catalog, so the catalog's id is its own while the entry exists.
        if hit is not None and hit[0]() is book and hit[1].catalog is catalog:
            _EVALUATORS.move_to_end(key)
            return hit[1]
        ev = BookEvaluator(book, catalog)

        def forget(ref: weakref.ref[StatuteBook], key: tuple[int, int] = key) -> None:
            # No lock: this may run from the garbage collector while the lock is held.
            entry = _EVALUATORS.get(key)
            if entry is not None and entry[0] is ref:
                _EVALUATORS.pop(key, None)

        _EVALUATORS[key] = (weakref.ref(book, forget), ev)
        while len(_EVALUATORS) > _EVALUATORS_KEPT:
            _EVALUATORS.popitem(last=False)
        return ev
