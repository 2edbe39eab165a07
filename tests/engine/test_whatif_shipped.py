"""A shipped bill's projection never makes a known rating unknown.

A bill adds or changes law; where it says less than the law it amends, the law's own words
must stand (an amending clause changes only the fields it states). A projection that turned
a known rating into "no information" would tell a drafter that their bill makes the answer
less known — the property the engine's monotonicity tests state for law, here for the bills
the project ships (docs/rules.md, "Three-valued, graded evaluation").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lawcmp.engine.whatif import whatif
from lawcmp.load.corpus import load_bill, load_corpus

ROOT = Path(__file__).resolve().parents[2]
BILLS = sorted((ROOT / "statutes" / "drafts").glob("*.law"))
CORPUS = load_corpus()


@pytest.mark.parametrize("path", BILLS, ids=lambda p: p.stem)
@pytest.mark.parametrize("when", [None, dt.date(2026, 12, 1)], ids=["effective", "2026-12-01"])
def test_a_shipped_bill_turns_no_known_rating_into_no_information(path: Path, when: dt.date | None) -> None:
    bill = load_bill(path, CORPUS)
    code = bill.id.split("/")[0]
    result = whatif(CORPUS, code, bill, when)
    lost = [c.obligation for c in result.changes if c.current.rating != "NI" and c.projected.rating == "NI"]
    assert lost == [], f"{path.name} at {when or 'its effective date'}: known → NI for {lost}"


def test_there_are_bills_to_check() -> None:
    assert len(BILLS) >= 2
