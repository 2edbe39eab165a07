"""The parts reports share: gaps and explanations in the reader's language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from lawcmp.engine.evaluate import assess_book, evaluate
from lawcmp.load.corpus import load_corpus
from lawcmp.reports.docparts import explanation_text, gap_text
from lawcmp.reports.reasons import reason_in
from lawcmp.support.diagnostics import KNOWN_LISTED, LawcmpError, books_for, unknown_jurisdiction
from lawcmp.support.i18n import t
from tests.helpers.shipped import CATALOG

CORPUS = load_corpus()
FINDINGS = [
    f
    for day in (dt.date(2005, 6, 1), dt.date(2009, 12, 31))
    for book in CORPUS.books.values()
    for f in assess_book(book, day, CATALOG, CORPUS.digest).findings
]


def test_in_english_they_are_the_engines_own_words() -> None:
    assert any(f.gap for f in FINDINGS)
    for f in FINDINGS:
        assert gap_text(f, "en") == f.gap
        for c in f.criteria:
            assert explanation_text(c, "en") == c.explanation


def test_in_russian_the_criterion_grade_and_reasons_are_translated_and_the_ids_they_name_kept() -> None:
    for f in FINDINGS:
        for c in f.criteria:
            english = c.explanation.removeprefix(f"{c.title} — {c.grade}")
            russian = explanation_text(c, "ru")
            assert russian == f"{c.title_in('ru')} — {t('grade', c.grade, 'ru')}{reason_in(english, 'ru')}"
            assert c.title_in("ru") != c.title
            # Provision ids and dates stay as written, each as often as in English; the terms
            # of the statute language are named in Russian (`reports.terms`).
            named = re.findall(r"[\w.-]+/[\w./-]+|\d{4}-\d{2}(?:-\d{2})?", english)
            assert all(russian.count(n) >= english.count(n) for n in named), (english, russian)
        if f.gap:
            (c,) = [c for c in f.criteria if c.name == f.gap_criterion]
            assert f.gap == f"{c.title}: {c.grade}."
            assert gap_text(f, "ru") == f"{c.title_in('ru')}: {t('grade', c.grade, 'ru')}."
        else:
            assert gap_text(f, "ru") is None and f.gap_criterion is None


def test_an_unknown_jurisdiction_is_reported_with_the_codes_there_are() -> None:
    with pytest.raises(LawcmpError) as raised:
        books_for(CORPUS, ["xk", "UZB", "TM"])
    first, second = raised.value.diagnostics
    assert first.code == second.code == "ID03"
    assert first.message == f"no jurisdiction `XK` in the corpus ({', '.join(CORPUS.books)})"  # all of them: they are few
    assert second.message.startswith("no jurisdiction `UZB`") and second.hint == "did you mean UZ?"
    with pytest.raises(LawcmpError) as raised:
        evaluate(CORPUS, "UZB")
    assert list(raised.value.diagnostics) == [second]
    world = [f"{a}{b}" for a in "ABCDEFGH" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"][:200]
    d = unknown_jurisdiction("AAA", world)
    assert d.message == f"no jurisdiction `AAA` in the corpus ({', '.join(world[:KNOWN_LISTED])}, … (200 in all))"
    assert d.hint == "did you mean AA?"
