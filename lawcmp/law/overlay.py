"""Draft bills as what-if overlays on a statute book (after OpenFisca's reforms).

`apply_bill` returns the book as it would stand with the bill in force from its
effective date: amended provisions gain a version on that date, inserted ones appear,
repealed ones end. The original book is never changed. `inverse` writes the bill that
undoes another, which the property tests use: applying a bill and then its inverse
restores the book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from lawcmp.law.snapshot import version_at
from lawcmp.model.statute import (
    Amend,
    Bill,
    Citation,
    ClauseBase,
    Insert,
    Provision,
    Repeal,
    RepealOp,
    StatuteBook,
    Strike,
    Version,
    When,
)
from lawcmp.support.diagnostics import Diagnostic, LawcmpError


def _same_slot(a: ClauseBase, b: ClauseBase) -> bool:
    """Does clause `b` replace clause `a`? Same kind, and the same head terms."""
    return getattr(a, "kind", "") == getattr(b, "kind", "") and set(a.terms) == set(b.terms)


def _struck(c: ClauseBase, strikes: Iterable[Strike]) -> bool:
    return any(
        getattr(c, "kind", "") == s.kind and (not s.terms or set(s.terms) & set(c.terms)) for s in strikes
    )


def _merged(old: ClauseBase, new: ClauseBase) -> ClauseBase:
    """`new` read as an amendment of `old`: the fields it states replace old's, the others stay.

    An amendment that rewrites the acts and means of an offence says nothing of its victims
    or aggravated penalties; they stay as they were. Replacing a whole clause is said
    explicitly, by striking it first (`strike offence trafficking`).
    """
    fields = type(new).model_fields
    stated = {name: value for name, value in new if name not in ("kind", "terms", "span") and value != fields[name].default}
    # A field given as `none` and the same field given terms replace each other.
    for field, flag in (("means", "no_means"), ("condition", "no_condition")):
        if stated.get(flag):
            stated[field] = None
        elif field in stated and flag in fields:
            stated[flag] = False
    return old.model_copy(update=stated)


def merged_clauses(
    current: tuple[ClauseBase, ...], clauses: tuple[ClauseBase, ...], strikes: tuple[Strike, ...] = (),
) -> tuple[ClauseBase, ...]:
    """`current` amended by `clauses` (each amends the clause of its slot) after `strikes`."""
    kept: list[ClauseBase] = []
    slotted: list[ClauseBase] = []  # the live clauses an amending clause may take, in order
    for c in current:
        if not _struck(c, strikes):
            (slotted if any(_same_slot(c, n) for n in clauses) else kept).append(c)
    changed = []
    for n in clauses:  # each amends the first clause of its slot not yet amended
        k = next((k for k, c in enumerate(slotted) if _same_slot(c, n)), None)
        changed.append(n if k is None else _merged(slotted.pop(k), n))
    return (*kept, *changed)


def amended_clauses(current: tuple[ClauseBase, ...], op: Amend) -> tuple[ClauseBase, ...]:
    return merged_clauses(current, op.clauses, op.strikes)


def _with_version(p: Provision, v: Version) -> Provision:
    versions = [x for x in p.versions if x.start.day != v.start.day]
    versions.append(v)
    versions.sort(key=lambda x: x.start.day)
    return p.model_copy(update={"versions": tuple(versions)})


def _problem(bill: Bill, op: Amend | Insert | RepealOp, code: str, message: str) -> Diagnostic:
    return Diagnostic(code=code, message=message, path=f"<bill {bill.id}>", span=op.span)


def apply_bill(book: StatuteBook, bill: Bill) -> StatuteBook:
    """The statute book with the bill in force from its effective date."""
    if bill.effective is None:
        raise LawcmpError([Diagnostic(code="DT05", message=f"bill `{bill.id}` has no effective date", path=f"<bill {bill.id}>", span=bill.span)])
    when: When = bill.effective
    day = when.day
    provisions = {p.id: p for p in book.provisions}
    order = [p.id for p in book.provisions]
    problems: list[Diagnostic] = []
    for op in bill.operations:
        sources: tuple[Citation, ...] = (*getattr(op, "sources", ()), *bill.sources)
        existing = provisions.get(op.provision)
        if isinstance(op, Insert):
            if existing is not None and version_at(existing, day) is not None:
                problems.append(_problem(bill, op, "BL03", f"`{op.provision}` is in force on {when}; use `amend`"))
                continue
            version = Version(start=when, text=op.text, paraphrase=op.paraphrase, clauses=op.clauses, sources=sources)
            if existing is None:
                provisions[op.provision] = Provision(id=op.provision, title=op.title, versions=(version,))
                order.append(op.provision)
            else:  # re-enacting a repealed article
                provisions[op.provision] = _with_version(existing.model_copy(update={"repeal": None, "title": op.title}), version)
            continue
        if existing is None:
            problems.append(_problem(bill, op, "BL01", f"`{op.provision}` does not exist"))
            continue
        current = version_at(existing, day)
        if current is None:
            problems.append(_problem(bill, op, "BL02", f"`{op.provision}` is not in force on {when}"))
            continue
        if isinstance(op, RepealOp):
            provisions[op.provision] = existing.model_copy(update={"repeal": Repeal(start=when, sources=bill.sources)})
            continue
        version = Version(
            start=when,
            text=op.text if op.text is not None else current.text,
            paraphrase=op.paraphrase if op.paraphrase is not None else current.paraphrase,
            clauses=amended_clauses(current.clauses, op),
            sources=sources,
        )
        provisions[op.provision] = _with_version(existing, version)
    if problems:
        raise LawcmpError(problems)
    return book.model_copy(update={"provisions": tuple(provisions[i] for i in order)})


def inverse(book: StatuteBook, bill: Bill, effective: dt.date) -> Bill:
    """The bill that, in force from `effective`, undoes `bill` as applied to `book`."""
    assert bill.effective is not None
    day = bill.effective.day
    before = {p.id: p for p in book.provisions}
    ops: list[Amend | Insert | RepealOp] = []
    for op in bill.operations:
        old = before.get(op.provision)
        old_version = version_at(old, day - dt.timedelta(days=1)) if old is not None else None
        if isinstance(op, Insert) and old_version is None:
            ops.append(RepealOp(provision=op.provision))
        elif old is not None and old_version is not None:
            restore_clauses = tuple(c for c in old_version.clauses)
            # The old clauses come back whole: every slot they or the bill's clauses fill is struck first.
            strikes = tuple(Strike(kind=getattr(c, "kind", ""), terms=c.terms)
                            for c in (*getattr(op, "clauses", ()), *restore_clauses))
            if isinstance(op, RepealOp):
                ops.append(Insert(provision=op.provision, title=old.title, text=old_version.text,
                                  paraphrase=old_version.paraphrase, clauses=restore_clauses))
            else:
                ops.append(Amend(provision=op.provision, text=old_version.text, paraphrase=old_version.paraphrase,
                                 clauses=restore_clauses, strikes=strikes))
    return Bill(id=f"{bill.id}-inverse", title=f"Inverse of {bill.title}", effective=When(day=effective), operations=tuple(ops))
