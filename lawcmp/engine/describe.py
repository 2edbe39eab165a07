"""Explanations: the words a finding uses to say what a test asked and why it came out as it did.
"""

from __future__ import annotations

from typing import Any

from lawcmp.engine.grading import Result
from lawcmp.law.snapshot import InForce
from lawcmp.model.rules import (
    CONDUCT_SETS,
    Compare,
    CondAll,
    CondAny,
    CondNot,
    Covers,
    Criterion,
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


def describe_item(i: InForce) -> str:
    terms = " ".join(i.clause.terms)
    kind = getattr(i.clause, "kind", "")
    if i.basis == "absent":
        scope = getattr(i.clause, "beneficiaries", None)
        return f"{i.origin} (from {i.since}) says there is no {kind} {terms}".rstrip() + (f" for {' '.join(scope)}" if scope else "")
    where = f"{i.origin} (version {i.since})" if i.basis == "law" else f"{i.origin} (practice, from {i.since})"
    return f"{where} {kind} {terms}".rstrip()


def describe_quantified(q: Quantified) -> str:
    what = f"{q.kind} {' '.join(q.terms)}".strip()
    return f"{what} of {q.set}" if q.set else what


def sentence(crit: Criterion, r: Result) -> str:
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
    if isinstance(t, Limited):
        full, partial, _present = t.items
        if isinstance(full, Quantified) and isinstance(partial, Quantified) and (full.set, partial.set) == CONDUCT_SETS:
            return "conduct" + (f" where {describe_condition(full.where)}" if full.where is not None else "")
        return f"{describe_test(full)}, or at most partly {describe_test(partial)}"
    if isinstance(t, Quantified):
        sel = f" of {t.set}" if t.set else (" " + " ".join(t.terms) if t.terms else "")
        where = f" where {describe_condition(t.where)}" if t.where is not None else ""
        return f"{t.quantifier} {t.kind}{sel}{where}"
    if isinstance(t, Union):
        return f"union {t.kind} covers {describe_coverage(t.coverage)}"
    if isinstance(t, Party):
        return f"party to {t.treaty}"
    return str(t)


def describe_coverage(c: Covers) -> str:
    return f"{c.count if c.mode == 'count' else c.mode} of {c.set}"


def describe_condition(c: Any) -> str:
    if isinstance(c, CondAll):
        return " and ".join(f"({describe_condition(x)})" if isinstance(x, CondAny) else describe_condition(x) for x in c.items)
    if isinstance(c, CondAny):
        return " or ".join(describe_condition(x) for x in c.items)
    if isinstance(c, CondNot):
        return f"not ({describe_condition(c.item)})"
    if isinstance(c, Covers):
        return f"{c.field} covers {describe_coverage(c)}"
    if isinstance(c, Includes):
        return f"{c.field} includes {' '.join(c.terms)}"
    if isinstance(c, Equals):
        return f"{c.field} is {c.value}"
    if isinstance(c, Compare):
        return f"{c.field} {c.op} {c.number:g}"
    if isinstance(c, Unconditional):
        return "unconditional"
    return str(c)
