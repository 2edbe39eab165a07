"""Every report says what it rests on: its sources and their period, the share of "no
information", law against practice, and how to read a rating — in English and Russian."""

from __future__ import annotations

import datetime as dt

import pytest

from lawcmp import load_corpus
from lawcmp.reports.standard import compare, gap_report, history, matrix, timeline


@pytest.mark.parametrize(("lang", "heading", "ni"), [
    ("en", "Methods and limitations", "no information"), ("ru", "Методы и ограничения", "нет информации"),
])
def test_reports_matrices_and_timelines_end_with_their_methods_and_limitations(lang: str, heading: str, ni: str) -> None:
    corpus = load_corpus()
    day = dt.date(2009, 12, 31)
    docs = (gap_report(corpus, "KG", day, lang), matrix(corpus, day, ["KG", "UZ"], lang=lang),
            timeline(corpus, "KG", dt.date(2005, 1, 1), day, lang),
            history(corpus, dt.date(2005, 1, 1), day, ["KG", "UZ"], False, lang))
    for doc in docs:
        methods = doc.sections[-1]
        assert methods.heading == heading
        text = " ".join(methods.paragraphs)
        assert ni in text and "%" in text
        # The period each state's sources cover, as its file states it.
        for code in ("KG",):
            start, end = corpus.books[code].jurisdiction.covers  # type: ignore[misc]
            assert str(start) in text and str(end) in text


@pytest.mark.parametrize(("lang", "heading", "what"), [
    ("en", "Methods and limitations", {"compare": "no information", "diff": "word by word", "dual": "requesting state",
                                       "whatif": "as if adopted", "handout": "before a session"}),
    ("ru", "Методы и ограничения", {"compare": "нет информации", "diff": "пословно", "dual": "запрашивающее государство",
                                    "whatif": "как если бы он был принят", "handout": "перед занятием"}),
])
def test_comparisons_diffs_grids_bills_and_the_workshop_end_with_their_methods_and_limitations(
    lang: str, heading: str, what: dict[str, str],
) -> None:
    """Each with what it adds to the common methods: a comparison has no ratings to read, a
    bill is projected, a diff compares texts as encoded, a grid is not a court's reading."""
    from lawcmp.engine.dual import dual_criminality
    from lawcmp.engine.whatif import whatif
    from lawcmp.load.corpus import load_bill
    from lawcmp.reports.diff import diff_document
    from lawcmp.reports.dual import dual_document
    from lawcmp.reports.whatif import whatif_document
    from lawcmp.reports.workshop import workshop
    from lawcmp.support.paths import STATUTES

    corpus = load_corpus()
    day = dt.date(2009, 12, 31)
    bill = load_bill(STATUTES / "drafts" / "UZ-cc-amendments-2008.law", corpus, "UZ")
    docs = {
        "compare": (compare(corpus, ["KG", "UZ"], day, lang), ("KG", "UZ")),
        "diff": (diff_document(corpus, "UZ", dt.date(2005, 1, 1), day, lang), ("UZ",)),
        "dual": (dual_document(dual_criminality(corpus, "KG", "UZ", day), corpus, lang), ("KG", "UZ")),
        "whatif": (whatif_document(whatif(corpus, "UZ", bill, day), corpus, lang), ("UZ",)),
        "handout": (workshop(corpus, ["KG", "UZ"], day, lang).handout, ("KG", "UZ")),
    }
    for name, (doc, codes) in docs.items():
        methods = doc.sections[-1]
        assert methods.heading == heading, name
        assert [s.heading for s in doc.sections].count(heading) == 1, name
        text = " ".join(methods.paragraphs)
        assert what[name] in text, name
        for code in codes:  # the period each state's sources cover, as its file states it
            start, end = corpus.books[code].jurisdiction.covers  # type: ignore[misc]
            assert str(start) in text and str(end) in text, (name, code)
        # Only documents with ratings say how to read one, and what share of them is "no information".
        rated = name in ("diff", "whatif", "handout")
        assert ("FATF" in text or "ФАТФ" in text) == rated and ("%" in text) == rated, name
    assert bill.id in " ".join(docs["whatif"][0].sections[-1].paragraphs)
