"""The roll-up rule of docs/rules.md, case by case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcmp.engine.grading import rate, verb_for

M, MM, P, N, NA, NI = "met", "mostly met", "partly met", "not met", "not applicable", "no information"
ORDER = ["NC", "PC", "LC", "C"]


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([(True, M)], ("C", False)),
        ([(True, M), (False, M)], ("C", False)),
        ([(True, M), (False, N)], ("PC", False)),  # 2/3
        ([(True, M), (False, P)], ("LC", False)),  # 2.5/3
        ([(True, MM)], ("LC", False)),
        ([(True, P), (False, M)], ("PC", False)),  # core partly met caps at PC
        ([(True, N), (False, M), (False, M)], ("NC", False)),  # its only core criterion fails: NC
        ([(True, N), (True, M), (False, M)], ("PC", False)),  # one core failure caps at PC
        ([(True, N), (True, N), (False, M)], ("NC", False)),  # every core criterion not met
        ([(True, N)], ("NC", False)),
        ([(True, M), (False, NI)], ("C", True)),  # provisional
        ([(True, NI), (False, NI)], ("NI", False)),
        ([(True, NI), (False, M)], ("PC", True)),  # the core is unknown: side criteria alone cap at PC
        ([(True, NI), (False, N)], ("NC", True)),
        ([(True, NA)], ("N/A", False)),
        ([(True, NA), (False, M)], ("C", False)),
    ],
)
def test_roll_up(results: list[tuple[bool, str]], expected: tuple[str, bool]) -> None:
    assert rate(results) == expected  # type: ignore[arg-type]


grades = st.sampled_from([M, MM, P, N, NA, NI])


@given(st.lists(st.tuples(st.booleans(), grades), min_size=1, max_size=6), st.integers(0, 5), grades)
def test_improving_a_criterion_never_lowers_the_rating(results: list[tuple[bool, str]], i: int, better: str) -> None:
    i %= len(results)
    core, before = results[i]
    rank = {N: 0, P: 1, MM: 2, M: 3}
    if before not in rank or better not in rank or rank[better] < rank[before]:
        return
    old, _ = rate(results)  # type: ignore[arg-type]
    new, _ = rate([*results[:i], (core, better), *results[i + 1:]])  # type: ignore[arg-type]
    if old in ORDER and new in ORDER:
        assert ORDER.index(new) >= ORDER.index(old)


@given(st.lists(st.tuples(st.booleans(), grades), min_size=1, max_size=6))
def test_a_core_criterion_not_met_caps_the_rating(results: list[tuple[bool, str]]) -> None:
    rating, _ = rate(results)  # type: ignore[arg-type]
    if any(core and g == N for core, g in results):
        assert rating in ("PC", "NC")


def test_verbs_follow_strength_and_rating() -> None:
    assert verb_for("mandatory", "NC") == "urges"
    assert verb_for("mandatory-qualified", "PC") == "urges"
    assert verb_for("mandatory", "LC") == "considers"
    assert verb_for("endeavour", "NC") == "considers"
    assert verb_for("good-practice", "NC") == "invites"
    assert verb_for("optional", "PC") == "invites"
    assert verb_for("mandatory", "C") is None
    assert verb_for("mandatory", "NI") is None
