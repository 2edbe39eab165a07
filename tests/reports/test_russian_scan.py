"""Every document lawcmp writes, in every format, read in Russian: no English of lawcmp's own.

Each command that writes a document (gap report, both matrices, timeline, history,
comparison, diff, what-if of every shipped bill, dual criminality, assess, explain of
every obligation, rules, sources, the workshop pack and the static site) is built once in
Russian on the shipped corpus and rendered once per format of the registry; its visible
text (`russian_scan.visible_text`) must hold no English message of the glossary or the
catalog that has a Russian translation (`russian_scan.english_leaks`), and no Latin-script
word at all outside what the sources wrote (their titles and quotes), ids, URLs, file
names and the rule language's code (`russian_scan.latin_leaks`): a vocabulary term, a
clause kind or a field shown to a reader is shown by its Russian name.

Terminal tables are read unwrapped (`render.text.WIDTH` set wide): a quote wrapped over
three lines is one quote to its reader, and the scan reads it as one.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lawcmp.engine.dual import dual_criminality
from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.whatif import whatif
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_bill, load_corpus
from lawcmp.model.document import Document
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Corpus
from lawcmp.render.write import FORMATS, render
from lawcmp.reports import standard as reports
from lawcmp.reports.diff import diff_document
from lawcmp.reports.dual import dual_document
from lawcmp.reports.listings import assessment_document, catalog_document, sources_document, trace_document
from lawcmp.reports.whatif import whatif_document
from lawcmp.reports.workshop import workshop
from lawcmp.support.paths import STATUTES
from tests.helpers.russian_scan import (
    Sources,
    Trigrams,
    catalog_ids,
    english_leaks,
    english_messages,
    language_tokens,
    latin_leaks,
    own_words,
    rule_code,
    source_trigrams,
    visible_text,
)

DAY = dt.date(2023, 1, 1)  # every state's sources cover it, and the law of the 2010s is in force
BILLS = sorted((STATUTES / "drafts").glob("*.law"))


def documents(corpus: Corpus, catalog: Catalog, lang: str) -> dict[str, Document]:
    """One document of each kind a command writes, and one per bill and per obligation."""
    uz = assess_book(corpus.books["UZ"], DAY, catalog, corpus.digest)
    docs = {
        "report": reports.gap_report(corpus, "KG", DAY, lang, catalog),
        "matrix": reports.matrix(corpus, DAY, None, "obligation", lang, catalog),
        "matrix-pillar": reports.matrix(corpus, DAY, None, "pillar", lang, catalog),
        "timeline": reports.timeline(corpus, "KG", dt.date(2000, 1, 1), dt.date(2023, 12, 31), lang, catalog),
        "history": reports.history(corpus, dt.date(2000, 1, 1), dt.date(2023, 12, 31), None, False, lang, catalog),
        "compare": reports.compare(corpus, ["KZ", "KG", "TJ", "UZ", "RU"], DAY, lang, catalog),
        "diff": diff_document(corpus, "UZ", dt.date(2005, 1, 1), dt.date(2020, 1, 1), lang, catalog),
        "dual-criminality": dual_document(dual_criminality(corpus, "UZ", "AE", DAY, catalog=catalog), corpus, lang),
        "assess": assessment_document(uz, corpus.books["UZ"], lang),
        "rules": catalog_document(catalog, list(corpus.books.values()), lang),
        "sources": sources_document(corpus, lang),
    }
    for bill in BILLS:
        code = bill.name.split("-", 1)[0]
        draft = load_bill(bill, corpus, code)
        docs[f"whatif-{bill.stem}"] = whatif_document(whatif(corpus, code, draft, catalog=catalog), corpus, lang)
    for f in uz.findings:
        docs[f"explain-{f.obligation}"] = trace_document(uz, f, corpus.books["UZ"], lang)
    pack = workshop(corpus, ["KZ", "KG", "TJ", "TM", "UZ"], DAY, lang, catalog=catalog)
    docs.update({f"workshop-{name}": doc for name, doc in pack.documents().items()})
    return docs


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def scan(corpus: Corpus, catalog: Catalog) -> Callable[..., list[str]]:
    """The scan, with what it needs worked out once: the catalogue's English, the statute
    language's terms and the sources' runs of three words."""
    allowed = language_tokens(catalog)
    messages = english_messages(catalog, allowed)
    trigrams: Trigrams = source_trigrams(corpus)
    sources, own, code, ids = Sources(corpus), own_words(catalog), rule_code(catalog), catalog_ids(catalog)
    return lambda text, wrapped=False: (english_leaks(text, messages, trigrams, allowed)
                                        + latin_leaks(text, sources, own, code, ids, wrapped))


@pytest.fixture(autouse=True)
def unwrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    import lawcmp.render.text

    monkeypatch.setattr(lawcmp.render.text, "WIDTH", 100_000)


@pytest.fixture(scope="module")
def russian(corpus: Corpus, catalog: Catalog) -> dict[str, Document]:
    return documents(corpus, catalog, "ru")


# The trace of every obligation is one document per obligation: rendered in two formats
# (Markdown and JSON read every string of it), not seven, to keep the test short; the
# other formats' words of a trace are those of every other document.
# PDF is read back with pdftotext, and written slowly (seconds for a long report): the gap
# report and the workshop handout in PDF carry every string the PDF writer adds of its own
# (headings, notes, footers); the other documents' words are those the other formats show.
PDF_DOCUMENTS = ("report", "workshop-handout")
WITH_PDF = shutil.which("pdftotext") is not None


def formats_of(name: str) -> tuple[str, ...]:
    if name.startswith("explain-"):
        return ("markdown", "json")
    return tuple(f for f in FORMATS if f != "pdf" or (WITH_PDF and name in PDF_DOCUMENTS))


def test_every_russian_document_in_every_format_has_no_english_of_lawcmps_own(
    russian: dict[str, Document], scan: Callable[..., list[str]],
) -> None:
    found = {}
    for name, doc in russian.items():
        for fmt in formats_of(name):
            leaks = scan(visible_text(render(doc, fmt), fmt), fmt == "pdf")
            if leaks:
                found[f"{name}.{fmt}"] = leaks[:8]
    assert not found, found


def test_the_scan_finds_the_english_of_an_english_document(
    corpus: Corpus, catalog: Catalog, scan: Callable[..., list[str]],
) -> None:
    """The scan is no formality: the same documents in English are full of what it looks for."""
    doc = reports.gap_report(corpus, "KG", DAY, "en", catalog)
    for fmt in (f for f in FORMATS if f != "pdf" or WITH_PDF):
        leaks = scan(visible_text(render(doc, fmt), fmt), fmt == "pdf")
        assert any(leak.startswith("message:") for leak in leaks), fmt
        assert any(leak.startswith("run:") for leak in leaks), fmt
        assert any(leak.startswith("latin:") for leak in leaks), fmt


def test_the_strict_scan_finds_a_term_lawcmp_left_in_english(corpus: Corpus, catalog: Catalog) -> None:
    """One vocabulary term or clause kind, alone and unquoted, is a leak; in a source's quote it is not."""
    sources, own, code, ids = Sources(corpus), own_words(catalog), rule_code(catalog), catalog_ids(catalog)
    assert latin_leaks("Цели: forced-labour, рабство", sources, own, code, ids)
    assert latin_leaks("KG/CC/171 (редакция 2022-01-01) mandates", sources, own, code, ids)
    assert latin_leaks("Основание: Protocol 3(a)", sources, own, code, ids)
    assert not latin_leaks("Основание: Протокол 3(a); UNTOC 5 · crim.acts · KG/CC-2021/166 · https://x.org/a_b.html",
                           sources, own, code, ids)
    assert not latin_leaks("Источники: “developing and conducting anti-trafficking training for police and prosecutors”",
                           sources, own, code, ids)


def test_the_static_site_in_russian_has_no_english_of_lawcmps_own(
    tmp_path: Path, catalog: Catalog, scan: Callable[..., list[str]],
) -> None:
    """The site of one state (its pages are the same for every state) at its own dates."""
    from lawcmp.site.build import build_site

    small = load_corpus(only=["KG"])
    found = {}
    for page in build_site(small, tmp_path / "site", "ru", catalog=catalog, jobs=1):
        if page.suffix == ".html":
            leaks = scan(visible_text(page.read_text(encoding="utf-8"), "html"))
            if leaks:
                found[page.relative_to(tmp_path / "site").as_posix()] = leaks[:8]
    assert not found, found
