"""One obligation judged at one date: criteria graded, the rating, its evidence and its recommendation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lawcmp.engine.criteria import Evaluator
from lawcmp.engine.describe import describe_test, sentence
from lawcmp.engine.grading import MOSTLY, NA, NOT, PARTLY, Result, rank, rate, verb_for
from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.law.snapshot import InForce, Snapshot
from lawcmp.model.findings import (
    CriterionResult,
    Evidence,
    Finding,
    Recommendation,
)
from lawcmp.model.rules import (
    Criterion,
    Obligation,
)


def evidence_of(items: Iterable[InForce]) -> tuple[Evidence, ...]:
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


def criterion_result(
    crit: Criterion, r: Result, evidence: tuple[Evidence, ...] | None = None, test: str | None = None,
) -> CriterionResult:
    return CriterionResult(
        name=crit.name, title=crit.title, titles=crit.titles, core=crit.core, grade=r.grade,
        explanation=sentence(crit, r), test=describe_test(crit.test) if test is None else test,
        evidence=evidence_of(r.evidence) if evidence is None else evidence, related_only=r.related_only,
    )


def finding_of(
    o: Obligation, results: Sequence[CriterionResult], recommendations: dict[str, Recommendation] | None = None,
) -> Finding:
    rating, provisional = rate([(c.core, c.grade) for c in results])
    verb = verb_for(o.strength, rating)
    gaps = [c for c in results if c.grade in (NOT, PARTLY, MOSTLY)]
    gaps.sort(key=lambda c: (not c.core, rank(c.grade)))
    gap_criterion = gaps[0] if gaps and rating not in ("C",) else None
    gap = f"{gap_criterion.title}: {gap_criterion.grade}." if gap_criterion else None
    recommendation = None
    if verb:
        # Where the conduct is criminal only through related offences, the action is to build
        # on them, not to create an offence from nothing (docs/rules.md).
        limited = bool(o.recommend_limited) and any(c.related_only for c in results)
        key = f"{verb} limited" if limited else verb
        # Frozen, so one per (obligation, verb) serves every finding that recommends it.
        recommendation = recommendations.get(key) if recommendations is not None else None
        if recommendation is None:
            recommendation = Recommendation(verb=verb, action=o.recommend_limited if limited else o.recommend)
            if recommendations is not None:
                recommendations[key] = recommendation
    return Finding(
        obligation=o.id, title=o.title, titles=o.titles, basis=o.basis, pillar=o.pillar, strength=o.strength,
        rating=rating, provisional=provisional, criteria=tuple(results), gap=gap,
        gap_criterion=gap_criterion.name if gap_criterion else None, recommendation=recommendation,
    )


def evaluate_obligation(o: Obligation, snap: Snapshot, vocabulary: Vocabulary) -> Finding:
    ev = Evaluator(snap, vocabulary)
    na = not_applicable(o, snap)
    return finding_of(o, [criterion_result(crit, na or ev.test(crit.test)) for crit in o.criteria])
