"""Every report says what it rests on: its sources and their period, the share of "no
information", law against practice, and how to read a rating — in English and Russian."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from lawcmp import load_corpus
from lawcmp.model.document import Document
from lawcmp.model.statute import Corpus
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


# -- every output of every command, in every format and both languages ---------------------------------------

# One document of each kind a command writes (the workshop: each file of the pack), on
# two states; with the states whose sources it rests on, and what its methods must say
# beyond the sources, their period and law against practice: the share of "no
# information" (`share`) where it has ratings, how to read a rating (`scale`) where it has
# ratings or, the catalog, gives them.
DAY = dt.date(2009, 12, 31)
CODES = ("KG", "UZ")
RATED = (True, True)
UNRATED = (False, False)
COMMANDS: dict[str, tuple[tuple[str, ...], tuple[bool, bool]]] = {
    "report": (("KG",), RATED), "matrix": (CODES, RATED), "matrix-pillar": (CODES, RATED),
    "timeline": (("KG",), RATED), "history": (CODES, RATED), "compare": (CODES, UNRATED),
    "diff": (("UZ",), RATED), "whatif": (("UZ",), RATED), "dual-criminality": (CODES, UNRATED),
    "assess": (("UZ",), RATED), "explain": (("UZ",), RATED), "rules": (CODES, (False, True)),
    "sources": (CODES, UNRATED),
    **{f"workshop-{name}": (CODES, RATED) for name in ("handout", "tables", "exercises", "answer-key", "summaries")},
}


def _documents(lang: str) -> tuple[Corpus, dict[str, Document]]:
    from lawcmp.engine.dual import dual_criminality
    from lawcmp.engine.evaluate import assess_book
    from lawcmp.engine.whatif import whatif
    from lawcmp.load.catalog import load_catalog
    from lawcmp.load.corpus import load_bill
    from lawcmp.reports.diff import diff_document
    from lawcmp.reports.dual import dual_document
    from lawcmp.reports.listings import assessment_document, catalog_document, sources_document, trace_document
    from lawcmp.reports.whatif import whatif_document
    from lawcmp.reports.workshop import workshop
    from lawcmp.support.paths import STATUTES

    corpus, catalog = load_corpus(only=list(CODES)), load_catalog()
    uz = assess_book(corpus.books["UZ"], DAY, catalog, corpus.digest)
    bill = load_bill(STATUTES / "drafts" / "UZ-cc-amendments-2008.law", corpus, "UZ")
    docs = {
        "report": gap_report(corpus, "KG", DAY, lang, catalog),
        "matrix": matrix(corpus, DAY, None, "obligation", lang, catalog),
        "matrix-pillar": matrix(corpus, DAY, None, "pillar", lang, catalog),
        "timeline": timeline(corpus, "KG", dt.date(2004, 1, 1), DAY, lang, catalog),
        "history": history(corpus, dt.date(2004, 1, 1), DAY, None, False, lang, catalog),
        "compare": compare(corpus, list(CODES), DAY, lang, catalog),
        "diff": diff_document(corpus, "UZ", dt.date(2005, 1, 1), DAY, lang, catalog),
        "whatif": whatif_document(whatif(corpus, "UZ", bill, DAY, catalog=catalog), corpus, lang),
        "dual-criminality": dual_document(dual_criminality(corpus, "KG", "UZ", DAY, catalog=catalog), corpus, lang),
        "assess": assessment_document(uz, corpus.books["UZ"], lang),
        "explain": trace_document(uz, uz.finding("crim.specific"), corpus.books["UZ"], lang),
        "rules": catalog_document(catalog, list(corpus.books.values()), lang),
        "sources": sources_document(corpus, lang),
    }
    pack = workshop(corpus, list(CODES), DAY, lang, catalog=catalog)
    docs.update({f"workshop-{name}": doc for name, doc in pack.documents().items()})
    return corpus, docs


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[Corpus, dict[str, Document]]]:
    return {lang: _documents(lang) for lang in ("en", "ru")}


def _flat(text: str) -> str:
    """Text as a reader reads it, whatever the layout: lines wrapped at a margin, cells and
    runs apart, are one run of words."""
    return " ".join(text.split())


def _output_text(doc: Document, fmt: str) -> str:
    """The text a reader of `doc` written in `fmt` finds. CSV is one table, the answer:
    the methods go beside it, in the `NAME.methods.csv` that `-o NAME.csv` writes
    (`render.text.csv_tables`), and are read from there."""
    import csv
    import io

    from lawcmp.render.text import csv_tables
    from lawcmp.render.write import render
    from tests.helpers.russian_scan import visible_text

    if fmt == "csv":
        methods = csv_tables(doc).get("methods", "")
        return "\n".join(cell for row in csv.reader(io.StringIO(methods)) for cell in row)
    text = visible_text(render(doc, fmt), fmt)
    if fmt == "pdf":  # a paragraph goes on over the foot of a page (`2 / 3`), and is one paragraph
        text = re.sub(r"^\f?\d+ / \d+$", "", text, flags=re.MULTILINE)
    return text


def _site_text(corpus: Corpus, lang: str, out: Path) -> str:
    """The site's methods page, after checking that every page of the site links to it."""
    from lawcmp.site.build import build_site
    from tests.helpers.russian_scan import visible_text

    pages = [p for p in build_site(corpus, out, lang, jobs=1) if p.suffix == ".html"]
    unlinked = [p.name for p in pages if "methods.html" not in p.read_text(encoding="utf-8")]
    assert not unlinked, unlinked
    return visible_text((out / "methods.html").read_text(encoding="utf-8"), "html")


def _cases() -> list[tuple[str, str, str]]:
    from lawcmp.render.write import FORMATS

    return [(command, fmt, lang) for lang in ("en", "ru") for command in COMMANDS for fmt in FORMATS] + [
        ("site", "html", lang) for lang in ("en", "ru")]


@pytest.mark.parametrize(("command", "fmt", "lang"), _cases())
def test_every_output_says_what_it_rests_on(
    command: str, fmt: str, lang: str, documents: dict[str, tuple[Corpus, dict[str, Document]]], tmp_path: Path,
) -> None:
    """Methods and limitations in every output of every command, in every format and both
    languages: the heading; the sources and the period they cover, per state, as each
    state's file states it; law against practice; and, where the output has ratings, the
    share of "no information" among them, that ratings are not scores and how to read a
    provisional one. The site says it once, on a page every other page links to."""
    from lawcmp.support.i18n import label

    if fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    corpus, docs = documents[lang]
    codes: tuple[str, ...]
    if command == "site":
        text, codes, (share, scale) = _site_text(corpus, lang, tmp_path / "site"), CODES, RATED
    else:
        codes, (share, scale) = COMMANDS[command]
        text = _output_text(docs[command], fmt)
    flat = _flat(text)
    assert label("methods", lang) in flat
    assert _flat(label("methods_law", lang)) in flat
    for code in codes:
        book = corpus.books[code]
        assert book.jurisdiction.covers is not None
        start, end = book.jurisdiction.covers
        assert _flat(label("methods_period", lang).format(name=book.jurisdiction.name_in(lang), start=start, end=end)) in flat, code
    ni = label("methods_ni", lang)
    share_words = _flat(ni[ni.index("}", ni.index("{pct}")) + 1:])  # what follows the numbers: the same in every output
    assert (share_words in flat) == share
    assert (_flat(label("methods_scale", lang)) in flat) == scale
