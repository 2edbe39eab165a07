"""The sweep's plan of a catalog: each criterion's tests compiled to graded leaves over selections of clauses.

Worked out once per catalog (`plan_of`). `compile_cond` is `Evaluator.cond` as a function that
returns the grade only, reading fields with `Evaluator.field` itself, so what a field means
is written once.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawcmp.engine.criteria import DERIVED_FIELDS, Evaluator, unconditional_grade
from lawcmp.engine.grading import MET_RANK as MET
from lawcmp.engine.grading import MOSTLY_RANK as MOSTLY
from lawcmp.engine.grading import NI_RANK as NI
from lawcmp.engine.grading import NOT_RANK as NOT
from lawcmp.engine.grading import PARTLY_RANK as PARTLY
from lawcmp.engine.grading import all_ranks, any_ranks, coverage_rank, limited_ranks, not_rank, rank
from lawcmp.engine.incremental import cond_reads_classes
from lawcmp.lang.clauses import OPEN_LISTS
from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.law.snapshot import InForce
from lawcmp.model.rules import (
    Catalog,
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
    per_catalog,
)

if TYPE_CHECKING:
    pass


Graded = Callable[[Evaluator, InForce], int]


OPERATORS: dict[str, Callable[[Any, float], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq,
}


def compile_cond(cond: Any, vocabulary: Vocabulary) -> Graded:
    """`Evaluator.cond` as a function of (evaluator, clause) that returns the grade only.

    Fields are read by `Evaluator.field` itself, so what a field means is written once.
    """
    if isinstance(cond, CondAll | CondAny):
        parts = tuple(compile_cond(c, vocabulary) for c in cond.items)
        combine = all_ranks if isinstance(cond, CondAll) else any_ranks
        return lambda ev, item: combine([p(ev, item) for p in parts])
    if isinstance(cond, CondNot):
        inner = compile_cond(cond.item, vocabulary)
        return lambda ev, item: not_rank(inner(ev, item))
    if isinstance(cond, Unconditional):
        return lambda ev, item: rank(unconditional_grade(item.clause))
    name = cond.field

    def graded(test: Callable[[Any], int]) -> Graded:
        if name in DERIVED_FIELDS:
            def derived(ev: Evaluator, item: InForce) -> int:
                value = ev.field(item, name)
                return NI if value is None else test(value)
            return derived
        attribute = name.replace("-", "_")  # as `Evaluator.field` reads the others

        def plain(ev: Evaluator, item: InForce) -> int:
            value = getattr(item.clause, attribute, None)
            return NI if value is None else test(value)
        return plain

    if isinstance(cond, Covers):
        members = vocabulary.sets.get(cond.set, ())
        mode, count = cond.mode, cond.count
        unique = frozenset(members)
        if len(unique) == len(members) and mode == "all":
            # The commonest test ("acts covers all of protocol-acts"), as `coverage` grades it.
            need = len(unique)

            def covers_all(value: Any) -> int:
                got = len(unique.intersection(value))
                if got >= need:
                    return MET
                return MOSTLY if got / need >= 0.75 else PARTLY if got else NOT
            return graded(covers_all)
        return graded(lambda value: coverage_rank(value, members, mode, count))
    if isinstance(cond, Includes):
        terms, short = cond.terms, NI if cond.field in OPEN_LISTS else NOT  # `Field.open_list`
        return graded(lambda value: MET if all(t in (value if isinstance(value, tuple) else (value,)) for t in terms) else short)
    if isinstance(cond, Equals):
        wanted = cond.value
        return graded(lambda value: MET if (wanted in value if isinstance(value, tuple) else value == wanted) else NOT)
    if isinstance(cond, Compare):
        op, number = OPERATORS[cond.op], cond.number
        return graded(lambda value: MET if op(value, number) else NOT)
    raise TypeError(cond)


@dataclass(frozen=True, slots=True)
class Leaf:
    """A quantifier, union or treaty test of one criterion: the nodes that read the book."""

    test: Quantified | Union | Party
    criterion: int
    selector: int  # the selection it reads (-1 for a treaty test)
    cond: int  # its `where`, compiled (-1 for none); equal conditions share one
    absent_terms: frozenset[str] | None  # the terms an absence must deny (None: any)


@dataclass(frozen=True, slots=True)
class SweepPlan:
    """What the tests of a catalog read, worked out once per catalog."""

    leaves: tuple[Leaf, ...]
    trees: tuple[Any, ...]  # per criterion: a leaf index, or (combinator, children)
    criteria: tuple[tuple[int, bool], ...]  # per criterion: (obligation index, core)
    of: tuple[tuple[int, ...], ...]  # obligation -> its criteria
    conds: tuple[Graded, ...]
    cond_reads_classes: tuple[bool, ...]
    selectors: dict[str, tuple[tuple[int, frozenset[str] | None], ...]]  # clause kind -> (selector, wanted terms or all)
    columns: tuple[tuple[int, ...], ...]  # selector -> its quantifiers graded together (see `Sweep._grade_columns`)
    column_conds: tuple[tuple[Graded | None, ...], ...]  # selector -> the compiled `where` of each column
    singles: tuple[tuple[int, ...], ...]  # selector -> its other leaves (unions, conditions on classifications)
    grouped: tuple[bool, ...]  # per leaf: graded with its selection's columns
    quantifiers: tuple[tuple[str, ...], ...]  # selector -> the quantifier of each of its columns
    not_some: tuple[tuple[int, ...], ...]  # selector -> the positions of its columns that are not `some`
    by_kind: dict[str, tuple[int, ...]]  # clause kind -> the leaves that read absences of it
    by_treaty: dict[str, tuple[int, ...]]
    class_readers: tuple[int, ...]  # leaves whose condition reads classifications


def make_plan(catalog: Catalog) -> SweepPlan:
    vocabulary = catalog.vocabulary
    sets = vocabulary.sets
    leaves: list[Leaf] = []
    selectors: dict[tuple[str, frozenset[str] | None], int] = {}
    conds: dict[Any, int] = {}
    criteria: list[tuple[int, bool]] = []
    of: list[tuple[int, ...]] = []

    def compile_test(t: Any, ci: int) -> Any:
        if isinstance(t, TestAll | TestAny | Limited):
            combine = all_ranks if isinstance(t, TestAll) else any_ranks if isinstance(t, TestAny) else limited_ranks
            return (combine, tuple(compile_test(x, ci) for x in t.items))
        if isinstance(t, TestNot):
            return (not_rank, compile_test(t.item, ci))
        if isinstance(t, Quantified):
            # The selection of Evaluator._select, and the terms of Evaluator._absences.
            wanted = frozenset(sets.get(t.set, ())) if t.set is not None else frozenset(t.terms) if t.terms else None
            s = selectors.setdefault((t.kind, wanted), len(selectors))
            c = -1 if t.where is None else conds.setdefault(t.where, len(conds))
            leaves.append(Leaf(t, ci, s, c, wanted))
        elif isinstance(t, Union):
            s = selectors.setdefault((t.kind, None), len(selectors))
            leaves.append(Leaf(t, ci, s, -1, frozenset(sets.get(t.coverage.set, ()))))
        elif isinstance(t, Party):
            leaves.append(Leaf(t, ci, -1, -1, None))
        else:
            raise TypeError(t)
        return len(leaves) - 1

    trees = []
    for oi, o in enumerate(catalog.obligations):
        first = len(criteria)
        for crit in o.criteria:
            trees.append(compile_test(crit.test, len(criteria)))
            criteria.append((oi, crit.core))
        of.append(tuple(range(first, len(criteria))))
    by_selector: list[list[int]] = [[] for _ in selectors]
    by_kind: dict[str, list[int]] = {}
    by_treaty: dict[str, list[int]] = {}
    for li, leaf in enumerate(leaves):
        if isinstance(leaf.test, Party):
            by_treaty.setdefault(leaf.test.treaty, []).append(li)
        else:
            by_selector[leaf.selector].append(li)
            by_kind.setdefault(leaf.test.kind, []).append(li)
    by_clause_kind: dict[str, list[tuple[int, frozenset[str] | None]]] = {}
    for (kind, wanted), s in selectors.items():
        by_clause_kind.setdefault(kind, []).append((s, wanted))
    reads = tuple(cond_reads_classes(c) for c in conds)
    compiled = tuple(compile_cond(c, vocabulary) for c in conds)

    def together(li: int) -> bool:
        leaf = leaves[li]
        return isinstance(leaf.test, Quantified) and (leaf.cond < 0 or not reads[leaf.cond])

    return SweepPlan(
        leaves=tuple(leaves), trees=tuple(trees), criteria=tuple(criteria), of=tuple(of),
        conds=compiled, cond_reads_classes=reads,
        selectors={k: tuple(v) for k, v in by_clause_kind.items()},
        columns=tuple(tuple(li for li in ls if together(li)) for ls in by_selector),
        column_conds=tuple(tuple(compiled[leaves[li].cond] if leaves[li].cond >= 0 else None for li in ls if together(li))
                           for ls in by_selector),
        grouped=tuple(together(li) for li in range(len(leaves))),
        quantifiers=tuple(tuple(leaves[li].test.quantifier for li in ls if together(li)) for ls in by_selector),  # type: ignore[union-attr]
        not_some=tuple(
            tuple(k for k, li in enumerate(li for li in ls if together(li)) if leaves[li].test.quantifier != "some")  # type: ignore[union-attr]
            for ls in by_selector
        ),
        singles=tuple(tuple(li for li in ls if not together(li)) for ls in by_selector),
        by_kind={k: tuple(v) for k, v in by_kind.items()}, by_treaty={k: tuple(v) for k, v in by_treaty.items()},
        class_readers=tuple(li for li, leaf in enumerate(leaves) if leaf.cond >= 0 and reads[leaf.cond]),
    )


plan_of = per_catalog(make_plan)


def grade_tree(node: Any, leaf_grades: list[int]) -> int:
    if isinstance(node, int):
        return leaf_grades[node]
    combine, children = node
    if combine is not_rank:
        return not_rank(grade_tree(children, leaf_grades))
    return combine([grade_tree(c, leaf_grades) for c in children])  # type: ignore[no-any-return]
