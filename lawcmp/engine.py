"""Evaluation: criteria over a snapshot, graded and explained; obligations rated.

Grades are three-valued at heart — a field the statute file does not state is "no
information", never "no" — and graded where the test is coverage. The roll-up from
criteria to a rating is in `rate` and documented in docs/rules.md; every result carries
the evidence (provision versions or facts, with their sources) that decided it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lawcmp.catalog import (
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
)
from lawcmp.findings import (
    GRADE_ORDER,
    Assessment,
    CriterionResult,
    Evidence,
    Finding,
    Grade,
    Rating,
    Recommendation,
)
from lawcmp.model import Corpus, Offence, StatuteBook
from lawcmp.snapshot import InForce, Snapshot, clause_keys, snapshot
from lawcmp.vocabulary import Vocabulary

MET: Grade = "met"
MOSTLY: Grade = "mostly met"
PARTLY: Grade = "partly met"
NOT: Grade = "not met"
NA: Grade = "not applicable"
NI: Grade = "no information"
PARTY_ACTIONS = frozenset({"ratified", "acceded", "approved", "accepted", "succeeded"})


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
    """Disjunction: the highest grade; success outweighs missing information."""
    best = max(results, key=lambda r: _rank(r.grade) if r.grade not in (NI, NA) else -1)
    if best.grade == MET:
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
        if isinstance(c, Offence):
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
        classes = self.snap.classes.get(item.origin, ())
        if not classes:
            return None
        latest = classes[-1].clause
        return latest.terms[0] if name == "class" and latest.terms else getattr(latest, "amnesty", None)

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
        out = []
        for a in self.snap.absent:
            for kind, term in clause_keys(a.clause):
                if kind == q.kind and (wanted is None or term in wanted or not term):
                    out.append(a)
                    break
        return out

    def test(self, t: Any) -> Result:
        if isinstance(t, TestAll):
            return _all([self.test(x) for x in t.items])
        if isinstance(t, TestAny):
            return _any([self.test(x) for x in t.items])
        if isinstance(t, TestNot):
            return _not(self.test(t.item))
        if isinstance(t, Quantified):
            return self.quantified(t)
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
        what = _describe_q(q)
        law = self._select(self.snap.law, q)
        if q.quantifier == "no":
            judged = self._judge(q, law)
            bad = [(r, i) for r, i in judged if r.grade in (MET, MOSTLY, PARTLY)]
            if bad:
                return Result(NOT, "; ".join(f"{_describe_item(i)}: {r.why}" for r, i in bad), tuple(i for _, i in bad))
            unknown = [(r, i) for r, i in judged if r.grade == NI]
            if unknown:
                return Result(NI, "; ".join(f"{_describe_item(i)}: {r.why}" for r, i in unknown), tuple(i for _, i in unknown))
            if judged:
                return Result(MET, f"none of {len(judged)} {q.kind} clause(s) in force matches", tuple(i for _, i in judged))
            absent = self._absences(q)
            if absent:
                return Result(MET, f"no {what}: {_describe_item(absent[0])}", tuple(absent))
            return Result(NI, f"no {q.kind} clause encoded")
        if q.quantifier == "every":
            judged = self._judge(q, law)
            if judged:
                worst = _all([r for r, _ in judged])
                return Result(worst.grade, worst.why, tuple(i for _, i in judged))
        else:
            judged = self._judge(q, law)
            if judged:
                best_r, best_i = max(judged, key=lambda p: _rank(p[0].grade) if p[0].grade != NI else -1)
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
            if in_practice and _rank(result.grade) < _rank(PARTLY) and result.grade != NI:
                i = in_practice[0][1]
                return Result(PARTLY, f"in practice only: {_describe_item(i)}", (i, *result.evidence))
            return result
        if in_practice:
            _r, i = in_practice[0]
            return Result(PARTLY, f"in practice only, not in law: {_describe_item(i)}", (i,))
        absent = self._absences(q)
        if absent:
            return Result(NOT, f"no {what}: {_describe_item(absent[0])}", tuple(absent))
        return Result(NI, f"the sources say nothing of {what}")

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
        return f"{i.origin} (from {i.since}) says there is no {kind} {terms}".rstrip()
    where = f"{i.origin} (version {i.since})" if i.basis == "law" else f"{i.origin} (practice, from {i.since})"
    return f"{where} {kind} {terms}".rstrip()


def _describe_q(q: Quantified) -> str:
    what = f"{q.kind} {' '.join(q.terms)}".strip()
    return f"{what} of {q.set}" if q.set else what


def _treaty_clause() -> Any:
    from lawcmp.model import Cooperation

    return Cooperation(terms=("treaty-party",))


_TREATY_CLAUSE = _treaty_clause()


# -- roll-up -------------------------------------------------------------------------------------------

SCORES = {MET: 1.0, MOSTLY: 0.75, PARTLY: 0.5, NOT: 0.0}
RATING_ORDER: tuple[Rating, ...] = ("NC", "PC", "LC", "C")


def rate(results: Sequence[tuple[bool, Grade]]) -> tuple[Rating, bool]:
    """(core?, grade) per criterion → (rating, provisional?). See docs/rules.md."""
    applicable = [(core, g) for core, g in results if g != NA]
    if not applicable:
        return "N/A", False
    known = [(core, g) for core, g in applicable if g != NI]
    if not known:
        return "NI", False
    core_unknown = any(core for core, _ in applicable) and not any(core for core, _ in known)
    provisional = len(known) < len(applicable)
    weight = sum(2 if core else 1 for core, _ in known)
    score = sum((2 if core else 1) * SCORES[g] for core, g in known) / weight
    rating: Rating = "C" if score >= 1.0 else "LC" if score >= 0.75 else "PC" if score >= 0.4 else "NC"
    cap = "C"
    core_grades = [g for core, g in known if core]
    if any(g == MOSTLY for g in core_grades):
        cap = "LC"
    if any(g in (PARTLY, NOT) for g in core_grades):
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


def evaluate_obligation(o: Obligation, snap: Snapshot, vocabulary: Vocabulary) -> Finding:
    ev = Evaluator(snap, vocabulary)
    roles = o.applies_if_roles
    not_applicable = bool(roles) and bool(snap.roles) and not set(roles) & set(snap.roles)
    results: list[CriterionResult] = []
    for crit in o.criteria:
        if not_applicable:
            r = Result(NA, f"applies to {' or '.join(roles)} states; {snap.code} is {', '.join(snap.roles)}")
        else:
            r = ev.test(crit.test)
        results.append(
            CriterionResult(
                name=crit.name, title=crit.title, core=crit.core, grade=r.grade,
                explanation=_sentence(crit, r), test=describe_test(crit.test), evidence=_evidence(r.evidence),
            )
        )
    rating, provisional = rate([(c.core, c.grade) for c in results])
    verb = verb_for(o.strength, rating)
    gaps = [c for c in results if c.grade in (NOT, PARTLY, MOSTLY)]
    gaps.sort(key=lambda c: (not c.core, _rank(c.grade)))
    gap = f"{gaps[0].title}: {gaps[0].grade}." if gaps and rating not in ("C",) else None
    return Finding(
        obligation=o.id, title=o.title, titles=o.titles, basis=o.basis, pillar=o.pillar, strength=o.strength,
        rating=rating, provisional=provisional, criteria=tuple(results), gap=gap,
        recommendation=Recommendation(verb=verb, action=o.recommend) if verb else None,
    )


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
    snap = snapshot(book, day)
    findings = tuple(evaluate_obligation(o, snap, catalog.vocabulary) for o in catalog.obligations)
    return Assessment(
        jurisdiction=book.jurisdiction.code, name=book.jurisdiction.name, titles=book.jurisdiction.titles,
        as_of=day, findings=findings, corpus=digest,
    )


def evaluate(corpus: Corpus, code: str, as_of: dt.date | str | None = None, catalog: Catalog | None = None) -> Assessment:
    """The findings for one jurisdiction at one date (default: today)."""
    from lawcmp.catalog import load_catalog
    from lawcmp.diagnostics import Diagnostic, LawcmpError, did_you_mean

    if code not in corpus.books:
        guess = did_you_mean(code.upper(), corpus.books)
        raise LawcmpError([Diagnostic(
            code="ID03", message=f"no jurisdiction `{code}` in the corpus ({', '.join(corpus.books)})",
            path="<arguments>", hint=f"did you mean {guess}?" if guess else None,
        )])
    return assess_book(corpus.books[code], as_date(as_of), catalog or load_catalog(), corpus.digest)
