"""The shipped corpus against the judgments the seeds themselves make.

Each `expectations-XX.toml` row names the sentence a judgment rests on, the
jurisdiction, the date, the obligation and the ratings the sentence allows; the engine
must agree on the shipped corpus.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from lawcmp.engine.evaluate import evaluate
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_corpus
from lawcmp.model.findings import RATINGS
from lawcmp.model.rules import PILLARS

HERE = Path(__file__).parent
SEEDS = HERE.parent.parent.parent / "shared" / "seeds"
CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")


def _rows() -> list[dict[str, object]]:
    rows = []
    for path in sorted(HERE.glob("expectations-*.toml")):
        with path.open("rb") as fh:
            for row in tomllib.load(fh)["expect"]:
                rows.append({**row, "file": path.name})
    return rows


ROWS = _rows()


@cache
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus()


def test_at_least_30_expectations_across_all_states_and_pillars() -> None:
    assert len(ROWS) >= 30
    assert {r["jurisdiction"] for r in ROWS} >= set(CENTRAL_ASIA)
    assert {r["pillar"] for r in ROWS} >= set(PILLARS) - {"cooperation"}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['jurisdiction']}-{r['date']}-{r['obligation']}")
def test_expectation(row: dict[str, object]) -> None:
    assert load_catalog().get(str(row["obligation"])) is not None, f"unknown obligation {row['obligation']}"
    accept = list(row["accept"])  # type: ignore[call-overload]
    assert accept and set(accept) <= set(RATINGS)
    finding = evaluate(corpus(), str(row["jurisdiction"]), str(row["date"])).finding(str(row["obligation"]))
    trace = " | ".join(c.explanation for c in finding.criteria)
    assert finding.rating in accept, f"{row['why']} — engine: {finding.label}: {trace}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the checkout")
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['jurisdiction']}-{r['obligation']}-quote")
def test_expectation_quotes_are_in_their_source(row: dict[str, object]) -> None:
    text = " ".join((SEEDS / str(row["source"])).read_text(encoding="utf-8").split()).lower()
    assert " ".join(str(row["quote"]).split()).lower() in text
