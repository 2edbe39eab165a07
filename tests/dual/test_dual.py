"""Dual criminality: the grid follows the offence definitions, element by element."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from lawcmp.engine.dual import NO, UNKNOWN, YES, DualResult, dual_criminality
from lawcmp.law.snapshot import snapshot
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_corpus
from lawcmp.model.statute import Corpus, Offence

FIXTURE = Path(__file__).resolve().parent.parent / "reports" / "corpus"
DAY = dt.date(2006, 6, 1)


@cache
def fixture() -> Corpus:
    return load_corpus([FIXTURE])


def verdicts(r: DualResult) -> dict[tuple[str, str | None, str], str]:
    return {(c.act, c.means, c.purpose): r.verdict(x, y, r.a, r.b) for c, x, y, _, _ in r.rows}


def test_elements_decide_the_verdict() -> None:
    # XX (2005): five acts, means force fraud deception, purposes sexual exploitation and
    # forced labour, no means needed for children. YY: five acts, means threat force fraud
    # deception abuse-of-vulnerability, five purposes, child rule not stated.
    v = verdicts(dual_criminality(fixture(), "XX", "YY", DAY))
    assert v[("recruitment", "force", "sexual-exploitation")] == "both"
    assert v[("recruitment", "threat", "sexual-exploitation")] == "YY only"
    assert v[("receipt", "force", "organ-removal")] == "YY only"
    assert v[("recruitment", "abduction", "sexual-exploitation")] == "neither"
    assert v[("recruitment", None, "forced-labour")] == "unknown"  # YY does not say whether children need means


def test_grid_covers_every_protocol_combination() -> None:
    r = dual_criminality(fixture(), "XX", "YY", DAY)
    sets = load_catalog().vocabulary.sets
    acts, means, purposes = (len(sets[f"protocol-{s}"]) for s in ("acts", "means", "purposes"))
    assert len(r.rows) == acts * means * purposes + acts * purposes
    assert sum(r.summary().values()) == len(r.rows)


@pytest.mark.parametrize(("a", "b"), [("UZ", "AE"), ("KZ", "UZ")])
def test_shipped_grids_agree_with_the_corpus(a: str, b: str) -> None:
    """A 'yes' names a provision whose offence lists the act, the means and the purpose;
    a 'no' holds only where every offence in force lacks one of them."""
    corpus = load_corpus()
    day = dt.date(2009, 12, 31)
    r = dual_criminality(corpus, a, b, day)
    offences = {
        code: {i.origin: i.clause for i in snapshot(corpus.books[code], day).law if isinstance(i.clause, Offence)}
        for code in (a, b)
    }
    for conduct, x, y, px, py in r.rows:
        for code, verdict, provisions in ((a, x, px), (b, y, py)):
            if verdict == YES:
                for origin in provisions:
                    c = offences[code][origin]
                    assert c.acts is not None and conduct.act in c.acts
            if verdict == NO:
                assert all(
                    (c.acts is not None and conduct.act not in c.acts)
                    or (c.purposes is not None and conduct.purpose not in c.purposes and "other-exploitation" not in c.purposes)
                    or (conduct.means is not None and c.means is not None and conduct.means not in c.means)
                    or (conduct.means is None and c.child_means == "required")
                    or (conduct.means is not None and c.victims is not None and set(c.victims) <= {"minors", "children-under-16", "children-under-14"})
                    for c in offences[code].values()
                )
            assert verdict in (YES, NO, UNKNOWN)
