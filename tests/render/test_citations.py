"""The terminal gap report names a source several findings cite once, numbered, with the findings citing it."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_corpus
from lawcmp.model.document import Document, Section
from lawcmp.render.citations import cited_once
from lawcmp.render.text import to_markdown, to_text
from lawcmp.reports.standard import gap_report

TIP_2022 = "https://www.state.gov/reports/2022-trafficking-in-persons-report/kyrgyz-republic/"


@cache
def _kg(lang: str = "en") -> Document:
    return gap_report(load_corpus(only=["KG"]), "KG", dt.date(2023, 1, 1), lang, load_catalog())


def test_the_kyrgyz_report_lists_the_2022_tip_report_once_per_quote() -> None:
    doc = _kg()
    cited = sum(b.startswith(f"Sources: {TIP_2022}") for s in doc.sections for b in s.bullets)
    assert cited > 20  # the document itself cites it under every finding that rests on it
    text = to_text(doc)
    quotes = {b for s in doc.sections for b in s.bullets if b.startswith(f"Sources: {TIP_2022}")}
    assert text.count(TIP_2022) == len(quotes)
    listed = text[text.index("\nSources cited by several findings\n"):]
    numbers = re.findall(r"• \[(\d+)\]", listed)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert "cited in: crim.specific, crim.acts" in " ".join(listed.split())


def test_each_finding_names_the_numbers_it_cites() -> None:
    text = to_text(_kg())
    acts = text[text.index("crim.acts —"):text.index("crim.means —")]
    assert re.search(r"• Sources: \[\d+\](, \[\d+\])* \(Sources cited by several findings\)", acts)
    assert TIP_2022 not in acts


def test_a_citation_of_one_section_stays_in_place() -> None:
    doc = Document(kind="report", title="t", sections=(
        Section(heading="a — x", anchor="finding-a", bullets=("Sources: shared", "Sources: only a")),
        Section(heading="b — y", anchor="finding-b", bullets=("Sources: shared",)),
    ))
    out = cited_once(doc)
    assert out.sections[0].bullets == ("Sources: [1] (Sources cited by several findings)", "Sources: only a")
    assert out.sections[-1].bullets == ("[1] shared — cited in: a, b",)


def test_russian_and_the_other_formats() -> None:
    assert "Источники, на которые ссылаются несколько выводов" in to_text(_kg("ru"))
    assert to_markdown(_kg()).count(TIP_2022) > 20  # a page to jump about in keeps each citation in place
