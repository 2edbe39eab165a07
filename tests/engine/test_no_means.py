"""`means none`: an offence that requires no means at all (RU art. 127.1; KZ art. 128 of 2014).

Such an offence is broader than the Protocol's: it reaches the conduct whatever means were
used, so it covers every means, needs none where the victim is a child, and leaves the
victim's consent nothing to undo. Until the language could say so, these offences were
encoded with their means left out, and every means test came out "no information".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.engine.dual import Conduct, criminal
from lawcmp.engine.evaluate import evaluate
from lawcmp.lang.layout import format_text, print_file, same_meaning
from lawcmp.lang.syntax import parse_statute
from lawcmp.law.snapshot import snapshot
from lawcmp.load.corpus import load_text
from tests.helpers.shipped import VOCAB

FIXTURE = Path(__file__).parent / "fixtures" / "no-means.law"
TEXT = FIXTURE.read_text(encoding="utf-8")


def ratings(text: str) -> dict[str, str]:
    a = evaluate(load_text(text, "XX.law"), "XX", "2005-01-01")
    return {o: a.finding(o).rating for o in ("crim.means", "crim.children", "crim.consent")}


def test_an_offence_that_needs_no_means_meets_the_means_child_and_consent_tests() -> None:
    assert ratings(TEXT) == {"crim.means": "C", "crim.children": "C", "crim.consent": "C"}


def test_without_the_words_the_same_offence_leaves_the_means_unknown() -> None:
    unknown = ratings(TEXT.replace("      means none\n", ""))
    assert unknown["crim.means"] == "NI"


def test_it_reaches_every_combination_of_means_in_dual_criminality() -> None:
    snap = snapshot(load_text(TEXT, "XX.law").books["XX"], dt.date(2005, 1, 1))
    for means in ("deception", "force", "abuse-of-vulnerability", None):  # None: a child victim
        verdict, provisions = criminal(snap, Conduct(act="recruitment", means=means, purpose="forced-labour"), VOCAB)
        assert (verdict, provisions) == ("yes", ("XX/CC/127-1",)), means


def test_it_is_laid_out_and_read_back_the_same() -> None:
    model, diags = parse_statute(TEXT, "XX.law", VOCAB)
    assert diags == [] and model is not None
    assert "      means none\n" in print_file(model)
    assert format_text(TEXT) == TEXT
    again, _ = parse_statute(print_file(model), "XX.law", VOCAB)
    assert again is not None and same_meaning(model, again)


def test_none_stands_alone() -> None:
    _, diags = parse_statute(TEXT.replace("means none", "means none fraud"), "XX.law", VOCAB)
    assert [d.code for d in diags] == ["FD02"] and "stands alone" in diags[0].message
