"""Classifications: a class and an amnesty status, each from the latest clause that states it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawcmp.catalog import load_catalog
from lawcmp.corpus import load_text
from lawcmp.engine import Evaluator
from lawcmp.model import Offence
from lawcmp.snapshot import snapshot
from lawcmp.syntax import parse_statute

FIXTURE = Path(__file__).parent / "fixtures" / "amnesty-alone.law"
VOCAB = load_catalog().vocabulary


def fields_at(day: dt.date) -> tuple[object, object]:
    book = load_text(FIXTURE.read_text(encoding="utf-8"), FIXTURE.name).books["XX"]
    snap = snapshot(book, day)
    (offence,) = [i for i in snap.law if isinstance(i.clause, Offence)]
    ev = Evaluator(snap, VOCAB)
    return ev.field(offence, "class"), ev.field(offence, "amnesty")


def test_a_classification_of_amnesty_alone_keeps_the_class_and_changes_the_amnesty() -> None:
    assert fields_at(dt.date(2005, 1, 1)) == ("non-dangerous", "eligible")
    assert fields_at(dt.date(2010, 1, 1)) == ("non-dangerous", "excluded")


def test_a_classification_needs_a_class_or_an_amnesty() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("      amnesty excluded\n", "")
    _, diags = parse_statute(text, "x.law", VOCAB)
    assert [(d.code, d.span.line if d.span else None) for d in diags] == [("FD02", 30)]
    assert parse_statute(FIXTURE.read_text(encoding="utf-8"), "x.law", VOCAB)[1] == []
