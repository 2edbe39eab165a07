"""The criterion evaluator: the catalog's test expressions given meaning over one snapshot.

A field the statute file does not state is "no information", never "no"; every result
carries the evidence (provision versions or facts, with their sources) that decided it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lawcmp.engine.describe import describe_item, describe_quantified
from lawcmp.engine.grading import (
    GRADE_NAMES,
    MET,
    MOSTLY,
    NI,
    NOT,
    PARTLY,
    Result,
    all_of,
    any_of,
    coverage,
    every_open_ranks,
    limited,
    not_of,
    rank,
)
from lawcmp.lang.clauses import OPEN_LISTS, narrowed
from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.law.snapshot import InForce, Snapshot, clause_keys
from lawcmp.model.findings import Grade
from lawcmp.model.rules import (
    Compare,
    CondAll,
    CondAny,
    CondNot,
    Covers,
    Equals,
    Includes,
    Limited,
    Party,
    Quantified,
    TestAll,
    TestAny,
    TestNot,
    Unconditional,
    Union,
)
from lawcmp.model.statute import Closure, Offence

# The actions that make a state a party (a treaty's entry into force for it presupposes one).
PARTY_ACTIONS = frozenset({"ratified", "acceded", "approved", "accepted", "succeeded", "entered-into-force"})


def closure_for(closures: Iterable[Closure], q: Quantified, vocabulary: Vocabulary) -> Closure | None:
    """The book's `complete` statement that makes its clauses the whole answer to `q`, if any.

    A conflict test asks that *no* clause of the law conflict. Over an open list, the clauses
    encoded answer that only for themselves; a list the book declares complete for the kind
    and every term the test reads answers it for the law.
    """
    sets = vocabulary.sets
    wanted = set(sets.get(q.set, ())) if q.set is not None else set(q.terms) if q.terms else None
    for c in closures:
        if c.kind != q.kind:
            continue
        held = set(sets.get(c.set, ())) if c.set is not None else set(c.terms) if c.terms else None
        if held is None or (wanted is not None and wanted <= held):
            return c
    return None


def unconditional_grade(clause: object) -> Grade:
    """`unconditional`: met where the source says the measure depends on nothing, partly met
    where it names a condition, no information where it says neither (unknown, not "none")."""
    if getattr(clause, "no_condition", False):
        return MET
    return PARTLY if getattr(clause, "condition", None) else NI


# The fields of an offence that `Evaluator.field` derives (from its penalties, or from the
# classifications of its provision); every other field is the clause's attribute of that name.
DERIVED_FIELDS = frozenset({
    "class", "amnesty", "penalty-kinds", "max-prison", "min-prison", "aggravated-max-prison", "circumstances",
    "confiscation", "means", "child-means", "consent", "condition",
})


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
                # Confiscation among a penalty's kinds says "yes". A penalty stated without it
                # says nothing: sources quote the prison term, and confiscation is often a
                # measure of the Code's General Part that no article repeats (unknown, not "no").
                penalties = [p for p in (c.penalty, *(a.penalty for a in c.aggravated)) if p is not None]
                return "yes" if any("confiscation" in p.kinds for p in penalties) else None
            # An offence that requires no means reaches the conduct whatever means were used:
            # it covers every means, needs none for a child, and the victim's consent, which
            # could only matter where means are an element, cannot undo it (Protocol 3(b), (c)).
            if name == "means":
                return self.vocabulary.in_group("means") if c.no_means else c.means
            if name == "child-means":
                return "not-required" if c.no_means and c.child_means is None else c.child_means
            if name == "consent":
                return "irrelevant" if c.no_means and c.consent is None else c.consent
        if name == "condition" and getattr(c, "no_condition", False):
            return ()  # `condition none`: it includes no condition at all
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
            return all_of([self.cond(c, item) for c in cond.items])
        if isinstance(cond, CondAny):
            return any_of([self.cond(c, item) for c in cond.items])
        if isinstance(cond, CondNot):
            return not_of(self.cond(cond.item, item))
        if isinstance(cond, Unconditional):
            grade = unconditional_grade(item.clause)
            if grade == PARTLY:
                return Result(PARTLY, f"only on condition: {', '.join(getattr(item.clause, 'condition', ()))}")
            return Result(grade, "no condition attached" if grade == MET else "condition not stated")
        value = self.field(item, cond.field)
        if value is None:
            return Result(NI, f"{cond.field} not stated")
        if isinstance(cond, Covers):
            members = self.vocabulary.sets.get(cond.set, ())
            return coverage(value, members, cond.mode, cond.count, cond.field)
        if isinstance(cond, Includes):
            values = value if isinstance(value, tuple) else (value,)
            missing = [t for t in cond.terms if t not in values]
            if not missing:
                return Result(MET, f"{cond.field} includes {', '.join(cond.terms)}")
            if cond.field in OPEN_LISTS:
                # The terms a source names, not the whole list (`Field.open_list`).
                return Result(NI, f"{cond.field} names {', '.join(values)}; the sources do not say whether it includes {', '.join(missing)}")
            return Result(NOT, f"{cond.field} lacks {', '.join(missing)}")
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
                    # about others: its scope must not rule the condition out; and it does
                    # not say whether the thing exists at all.
                    if where is None and narrowed(a.clause):
                        break
                    if where is None or self.cond(where, a).grade != NOT:
                        out.append(a)
                    break
        return out

    def test(self, t: Any) -> Result:
        if isinstance(t, Quantified):  # the commonest first
            return self.quantified(t)
        if isinstance(t, TestAll):
            return all_of([self.test(x) for x in t.items])
        if isinstance(t, TestAny):
            return any_of([self.test(x) for x in t.items])
        if isinstance(t, TestNot):
            return not_of(self.test(t.item))
        if isinstance(t, Limited):
            return limited(*(self.test(x) for x in t.items))
        if isinstance(t, Union):
            return self.union(t)
        if isinstance(t, Party):
            return self.party(t)
        raise TypeError(t)

    def _judge(self, q: Quantified, items: list[InForce]) -> list[tuple[Result, InForce]]:
        if q.where is None:
            return [(Result(MET, ""), i) for i in items]
        return [(self.cond(q.where, i), i) for i in items]

    def quantified(self, q: Quantified) -> Result:
        law = self._select(self.snap.law, q)
        if q.quantifier == "no":
            judged = self._judge(q, law)
            bad = [(r, i) for r, i in judged if r.grade in (MET, MOSTLY, PARTLY)]
            if bad:
                return Result(NOT, "; ".join(_because(i, r) for r, i in bad), tuple(i for _, i in bad))
            # A conflict that exists only in practice is a shortfall, not a breach of the law.
            in_practice = [(r, i) for r, i in self._judge(q, self._select(self.snap.practice, q)) if r.grade in (MET, MOSTLY, PARTLY)]
            if in_practice:
                return Result(PARTLY, "in practice: " + "; ".join(_because(i, r) for r, i in in_practice),
                              tuple(i for _, i in in_practice))
            unknown = [(r, i) for r, i in judged if r.grade == NI]
            if unknown:
                return Result(NI, "; ".join(_because(i, r) for r, i in unknown), tuple(i for _, i in unknown))
            if judged:
                if closure_for(self.snap.complete, q, self.vocabulary) is None:
                    # Kleene over an open list: the law may hold a clause the sources did not give.
                    return Result(NI, f"none of the {len(judged)} {q.kind} clause(s) encoded matches, and the book "
                                      "does not say it encodes every such clause", tuple(i for _, i in judged))
                return Result(MET, f"none of {len(judged)} {q.kind} clause(s) in force matches", tuple(i for _, i in judged))
            absent = self._absences(q)
            if absent:
                return Result(MET, f"no {describe_quantified(q)}: {describe_item(absent[0])}", tuple(absent))
            return Result(NI, f"no {q.kind} clause encoded")
        if q.quantifier == "every":
            judged = self._judge(q, law)
            if judged:
                if closure_for(self.snap.complete, q, self.vocabulary) is not None:
                    worst = all_of([r for r, _ in judged])
                    return Result(worst.grade, worst.why, tuple(i for _, i in judged))
                grade = GRADE_NAMES[every_open_ranks([rank(r.grade) for r, _ in judged])]
                if grade == NI:
                    return Result(NI, f"each of the {len(judged)} {q.kind} clause(s) encoded meets it or is not known to, "
                                      "and the book does not say it encodes every such clause", tuple(i for _, i in judged))
                short = [(r, i) for r, i in judged if r.grade == grade]
                return Result(grade, "; ".join(_because(i, r) for r, i in short), tuple(i for _, i in short))
        else:
            judged = self._judge(q, law)
            if judged:
                # MET is the highest rank: the first such is the one max() would pick.
                best = next((p for p in judged if p[0].grade == MET), None)
                if best is None:
                    best = max(judged, key=lambda p: rank(p[0].grade) if p[0].grade != NI else -1)
                best_r, best_i = best
                if best_r.grade == MET:
                    return Result(MET, _because(best_i, best_r), (best_i,))
        # Not fully met by law: does practice reach further? It never earns more than partly met.
        practice = self._judge(q, self._select(self.snap.practice, q)) if q.quantifier == "some" else []
        in_practice = [(r, i) for r, i in practice if r.grade == MET]
        if judged:
            result = Result(best_r.grade, _because(best_i, best_r), (best_i,))
            if in_practice and rank(result.grade) < rank(PARTLY):
                i = in_practice[0][1]
                return Result(PARTLY, f"in practice only: {describe_item(i)}", (i, *result.evidence))
            if q.quantifier == "some" and result.grade == NOT and self._open(q):
                # Kleene over an open list: another measure the sources did not give may meet it.
                return Result(NI, result.why + "; the law may hold another clause the sources did not give", result.evidence)
            return result
        if in_practice:
            _r, i = in_practice[0]
            return Result(PARTLY, f"in practice only, not in law: {describe_item(i)}", (i,))
        absent = self._absences(q)
        if absent:
            return Result(NOT, f"no {describe_quantified(q)}: {describe_item(absent[0])}", tuple(absent))
        return Result(NI, f"the sources say nothing of {describe_quantified(q)}")

    def _open(self, q: Quantified) -> bool:
        """Whether `some` over these clauses reads an open list: one the book does not declare
        complete and no negative fact closes. Offences are judged as the doctrine of
        criminalization has it, by the offences the sources name (docs/rules.md)."""
        return (q.kind != "offence" and not self._absences(q)
                and closure_for(self.snap.complete, q, self.vocabulary) is None)

    def union(self, u: Union) -> Result:
        members = self.vocabulary.sets.get(u.coverage.set, ())
        law = self._select(self.snap.law, u)
        practice = self._select(self.snap.practice, u)
        label = f"{u.kind} clauses in force"
        if law:
            r = coverage((t for i in law for t in i.clause.terms), members, u.coverage.mode, u.coverage.count, label)
            # The clauses that cover the set decide a success; all of them show a shortfall.
            covering = tuple(i for i in law if set(i.clause.terms) & set(members))
            result = Result(r.grade, r.why, covering if r.grade == MET else tuple(law))
            if r.grade != MET and practice:
                both = coverage((t for i in (*law, *practice) for t in i.clause.terms), members,
                                 u.coverage.mode, u.coverage.count, label + " and practice")
                if rank(both.grade) > rank(r.grade) and rank(r.grade) < rank(PARTLY):
                    return Result(PARTLY, both.why + " (partly in practice only)", tuple(law) + tuple(practice))
            return result
        if practice:
            r = coverage((t for i in practice for t in i.clause.terms), members, u.coverage.mode, u.coverage.count, label)
            if r.grade != NOT:
                return Result(PARTLY, "in practice only: " + r.why, tuple(practice))
        absent = self._absences(u)
        if absent:
            return Result(NOT, f"no {u.kind}: {describe_item(absent[0])}", tuple(absent))
        return Result(NI, f"the sources say nothing of {u.kind} clauses of {u.coverage.set}")

    def party(self, p: Party) -> Result:
        event = self.snap.treaties.get(p.treaty)
        if event is None:
            return Result(NI, f"no information on {p.treaty}")
        action, date, sources = event
        item = InForce(TREATY_CLAUSE, f"{self.snap.code}/treaty/{p.treaty}", p.treaty, date, "law", sources)
        if action in PARTY_ACTIONS:
            return Result(MET, f"{p.treaty} {action} {date}", (item,))
        if action == "signed":
            return Result(PARTLY, f"{p.treaty} signed {date}, not ratified", (item,))
        return Result(NOT, f"{p.treaty} {action} {date}", (item,))


def _because(item: InForce, r: Result) -> str:
    return f"{describe_item(item)}: {r.why}" if r.why else describe_item(item)


def treaty_clause() -> Any:
    from lawcmp.model.statute import Cooperation

    return Cooperation(terms=("treaty-party",))


TREATY_CLAUSE = treaty_clause()
