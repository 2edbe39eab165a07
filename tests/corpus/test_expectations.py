"""The shipped corpus against the judgments its sources make.

Each `expectations-XX.toml` row names the sentence a judgment rests on, the
jurisdiction, the date, the obligation and the ratings the sentence allows; the engine
must agree on the shipped corpus. A seed's sentence is found in the seed itself; a public
source's (a URL, or a document cited by title) must be one the state's statute file cites with that very quote, so an
expectation never rests on a sentence the corpus does not carry.
"""

from __future__ import annotations

import re
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


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def _is_seed(row: dict[str, object]) -> bool:
    return re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", str(row["source"])) is not None


@cache
def cited(code: str) -> dict[str, str]:
    """Each document the state's book cites, with all the quotes it is cited for (as words)."""
    found: dict[str, list[str]] = {}
    book = corpus().books[code]
    citations = [c for i in book.instruments for c in i.sources]
    citations += [c for p in book.provisions for v in p.versions for c in v.sources]
    citations += [c for p in book.provisions if p.repeal is not None for c in p.repeal.sources]
    citations += [c for f in book.facts for c in f.sources] + [c for e in book.jurisdiction.treaties for c in e.sources]
    for c in citations:
        if c.quote:
            found.setdefault(c.document, []).append(c.quote)
    return {doc: " | ".join(_words(q) for q in quotes) for doc, quotes in found.items()}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the checkout")
@pytest.mark.parametrize("row", [r for r in ROWS if _is_seed(r)], ids=lambda r: f"{r['jurisdiction']}-{r['obligation']}-quote")
def test_expectation_quotes_are_in_their_seed(row: dict[str, object]) -> None:
    text = _words((SEEDS / str(row["source"])).read_text(encoding="utf-8"))
    assert _words(str(row["quote"])) in text


@pytest.mark.parametrize("row", [r for r in ROWS if not _is_seed(r)], ids=lambda r: f"{r['jurisdiction']}-{r['obligation']}-cited")
def test_expectation_quotes_from_public_sources_are_cited_in_the_corpus(row: dict[str, object]) -> None:
    quotes = cited(str(row["jurisdiction"])).get(str(row["source"]))
    assert quotes is not None, f"{row['jurisdiction']}.law cites nothing from {row['source']}"
    assert _words(str(row["quote"])) in quotes, f"{row['jurisdiction']}.law cites {row['source']} for other words"
