"""The HTML writer: structure a screen reader relies on, inert statute text, no outside
resources, and byte-identical output — checked on the parsed page, not on substrings."""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib

import pytest

from lawcmp.load.corpus import load_text
from lawcmp.model.document import (
    RATING_COLOURS,
    RATING_SYMBOLS,
    Cell,
    Chart,
    Document,
    Point,
    Section,
    Series,
    Table,
)
from lawcmp.model.statute import Corpus
from lawcmp.render.chart import chart_svg
from lawcmp.render.html import contrast, heading_levels, safe_href, text_colour, to_html
from lawcmp.reports.standard import gap_report, timeline
from lawcmp.support.i18n import GLOSSARY, LANGS
from tests.helpers import ROOT, URL_ATTRIBUTES
from tests.helpers.determinism import Setting, run_python, time_zone
from tests.helpers.htmltree import Dom, Node, parse

MINIMAL = (ROOT / "tests" / "syntax" / "good" / "minimal.law").read_text(encoding="utf-8")

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
MD_LINK = "[x](javascript:alert(1))"
HOSTILE = (SCRIPT, BREAKOUT, MD_LINK, '" onmouseover="alert(1)')


# -- documents ------------------------------------------------------------------------------------------------


def hostile_document() -> Document:
    """Every place text can go, filled with markup, attribute break-outs and links."""
    rows = (
        (Cell(text=f"row {SCRIPT}", bold=True, href="javascript:alert(1)"),
         Cell(text=f"● C {BREAKOUT}", rating="C", note=f"evidence {MD_LINK}\n{SCRIPT}"),
         Cell(text="○ NC", rating="NC", note=BREAKOUT, href="#finding-x")),
        (Cell(text="link to nowhere", href="#nowhere"),
         Cell(text="absolute", href="http://example.org/"),
         Cell(text=MD_LINK, mark="differs", note=MD_LINK)),
    )
    table = Table(name=f"t {SCRIPT}", headers=(f"h {SCRIPT}", "Rating", BREAKOUT), rows=rows)
    chart = Chart(name="hostile", title=f"chart {SCRIPT} $x$", series=(
        Series(name=f"series {BREAKOUT}", points=(Point(day=dt.date(2001, 1, 1), value=None),
                                                  Point(day=dt.date(2003, 8, 1), value=2.0))),
    ))
    return Document(
        kind="report", title=f"Title {SCRIPT}", subtitle=BREAKOUT, lang="en",
        meta=(("lawcmp", "0.1.0"), (MD_LINK, SCRIPT)),
        legend=(("C", f"● C — {SCRIPT}"), ("NC", "○ NC — Non-compliant")),
        sections=(
            Section(heading=f"Heading {SCRIPT}", anchor='x" onmouseover="alert(1)',
                    paragraphs=(BREAKOUT, MD_LINK), bullets=(SCRIPT,), tables=(table,), charts=(chart,)),
            Section(heading=f"Finding {BREAKOUT}", level=4, anchor="finding-x", paragraphs=("text",)),
        ),
    )


@pytest.fixture(scope="module")
def hostile() -> str:
    return to_html(hostile_document())


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_text(MINIMAL, "KG.law")


@pytest.fixture(scope="module")
def report_doc(corpus: Corpus) -> Document:
    return gap_report(corpus, "KG", dt.date(2006, 6, 1))


@pytest.fixture(scope="module")
def timeline_doc(corpus: Corpus) -> Document:
    return timeline(corpus, "KG", dt.date(2000, 1, 1), dt.date(2010, 12, 31))


@pytest.fixture(scope="module", params=["report", "timeline", "hostile"])
def page(request: pytest.FixtureRequest, report_doc: Document, timeline_doc: Document) -> str:
    docs = {"report": report_doc, "timeline": timeline_doc, "hostile": hostile_document()}
    return to_html(docs[request.param])


# -- structure ---------------------------------------------------------------------------------------------------


def test_page_is_html5_with_language_and_charset(page: str) -> None:
    dom = Dom(page)
    assert dom.doctype.lower() == "doctype html"
    (html,) = dom.root.find("html")
    assert html.attrs["lang"] == "en"
    assert any(m.attrs.get("charset") == "utf-8" for m in dom.root.find("meta"))
    assert dom.root.find("title")


def test_one_h1_and_headings_never_skip_a_level(page: str) -> None:
    dom = parse(page)
    levels = [int(n.tag[1]) for n in dom.walk() if n.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_skip_link_reaches_main(page: str) -> None:
    dom = parse(page)
    first_link = dom.find("a")[0]
    assert first_link.attrs["href"] == "#main"
    assert [m.attrs.get("id") for m in dom.find("main")] == ["main"]


def test_ids_are_unique(page: str) -> None:
    ids = [n.attrs["id"] for n in parse(page).walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids))


def test_every_table_has_a_caption_and_scoped_headers(page: str) -> None:
    tables = parse(page).find("table")
    assert tables
    for table in tables:
        assert next(c for c in table.children if isinstance(c, Node)).tag == "caption"
        assert table.find("caption")[0].text().strip()
        (thead,) = table.find("thead")
        assert thead.find("th") and all(th.attrs.get("scope") == "col" for th in thead.find("th"))
        (tbody,) = table.find("tbody")
        for tr in tbody.find("tr"):
            cells = [c for c in tr.children if isinstance(c, Node)]
            if cells[0].attrs.get("class") == "empty":
                continue
            assert cells[0].tag == "th" and cells[0].attrs.get("scope") == "row"
            assert all(c.tag == "td" for c in cells[1:])


def test_rating_cells_carry_colour_and_symbol(report_doc: Document) -> None:
    dom = parse(to_html(report_doc))
    rated = [td for td in dom.find("td") if "rating" in td.attrs.get("class", "").split()]
    assert rated
    by_colour = {f"background-color:#{v.lower()}": k for k, v in RATING_COLOURS.items()}
    for td in rated:
        style = td.attrs["style"].lower()
        background, text_colour = style.split(";")
        code = by_colour[background]
        assert text_colour.startswith("color:#")
        assert RATING_SYMBOLS[code] in td.text(), td.text()  # the colour is never the only sign


def test_rating_text_colours_reach_wcag_aa() -> None:
    for code, background in RATING_COLOURS.items():
        assert contrast(text_colour(background, code), background) >= 4.5, code


def test_notes_are_titles_and_visible_footnotes(report_doc: Document) -> None:
    dom = parse(to_html(report_doc))
    notes = {li.attrs["id"]: li.text() for d in dom.find("details") for li in d.find("li")}
    noted = [c for c in dom.walk() if c.tag in {"td", "th"} and "title" in c.attrs]
    assert noted
    for c in noted:
        (link,) = [a for a in c.find("a") if a.attrs["href"][1:] in notes]
        assert notes[link.attrs["href"][1:]] == c.attrs["title"]


def test_heading_levels_start_at_two_and_never_skip() -> None:
    assert heading_levels([1, 3, 3, 5, 2, 9]) == [2, 3, 3, 4, 2, 3]


# -- inert text, no outside resources ------------------------------------------------------------------------------


def test_hostile_text_is_escaped_never_markup(hostile: str) -> None:
    dom = parse(hostile)
    assert "<script" not in hostile.lower()
    assert not dom.find("script") and not dom.find("img") and not dom.find("iframe")
    for n in dom.walk():
        for name, value in n.attrs.items():
            assert not name.startswith("on"), (n.tag, name)
            if name in URL_ATTRIBUTES or name == "style":
                assert "javascript:" not in value.lower(), (n.tag, name, value)
    text = dom.text()
    for s in HOSTILE[:3]:
        assert s in text  # shown as written: escaped, not dropped


def test_notes_survive_as_plain_attribute_text(hostile: str) -> None:
    """A note's markup stays inside its title: the parser gives back exactly the note."""
    titles = {n.attrs["title"] for n in parse(hostile).walk() if "title" in n.attrs}
    assert {f"evidence {MD_LINK}\n{SCRIPT}", BREAKOUT, MD_LINK} <= titles


def test_links_are_only_anchors_into_the_page(hostile: str) -> None:
    dom = parse(hostile)
    ids = {n.attrs["id"] for n in dom.walk() if "id" in n.attrs}
    hrefs = [(n.tag, v) for n in dom.walk() for k, v in n.attrs.items() if k in URL_ATTRIBUTES]
    assert hrefs
    for tag, href in hrefs:
        assert href.startswith("#") and href[1:] in ids, (tag, href)
    links = {a.text(): a.attrs["href"] for a in dom.find("a")}
    assert links.get("○ NC") == "#finding-x"
    assert "link to nowhere" not in links and "absolute" not in links
    assert not any("row " in t for t in links)


def test_safe_href() -> None:
    anchors = {"finding-crim.acts"}
    assert safe_href("#finding-crim.acts", anchors) == "#finding-crim.acts"
    for bad in ("javascript:alert(1)", "http://example.org/#x", "#a b", '#x"y', "#", "#missing", None):
        assert safe_href(bad, anchors) is None


def test_no_external_resources(page: str) -> None:
    dom = parse(page)
    for n in dom.walk():
        for name, value in n.attrs.items():
            if name in URL_ATTRIBUTES:
                assert "http" not in value.lower() and "//" not in value
            assert not name.startswith("xmlns") or n.tag == "svg"
    assert not dom.find("link") and not dom.find("script") and not dom.find("iframe")
    assert "@import" not in page and "url(http" not in page and "url(//" not in page


# -- charts -----------------------------------------------------------------------------------------------------------


def test_timeline_has_an_accessible_chart(timeline_doc: Document) -> None:
    dom = parse(to_html(timeline_doc))
    svgs = [n for n in dom.find("svg") if "chart" in n.attrs.get("class", "")]
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg.attrs["role"] == "img" and svg.attrs["aria-label"]
    (title,) = svg.find("title")
    assert svg.attrs["aria-labelledby"] == title.attrs["id"]
    assert all(p in svg.text() for p in ("NC", "PC", "LC", "C"))
    assert any(d.find("table") for d in dom.find("details") if "chart-data" in d.attrs.get("class", ""))


def test_chart_text_is_escaped_and_not_tex() -> None:
    svg = chart_svg(hostile_document().sections[0].charts[0])
    dom = parse(svg)
    assert not dom.find("script") and not dom.find("img")
    assert "chart <script>alert(1)</script> $x$" in dom.text()
    assert f"series {BREAKOUT}" in dom.text()


def test_repeated_tables_and_charts_share_no_ids() -> None:
    section = hostile_document().sections[0]
    chart, table = section.charts[0], section.tables[0]
    doc = Document(kind="timeline", title="t", sections=(
        Section(heading="a", charts=(chart, chart), tables=(table, table)), Section(heading="b", tables=(table,)),
    ))
    ids = [n.attrs["id"] for n in parse(to_html(doc)).walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids))


def test_every_word_of_the_page_is_in_both_languages() -> None:
    with GLOSSARY.open("rb") as fh:
        words = tomllib.load(fh)["html"]
    untranslated = [key for key, entry in words.items() if set(entry) != set(LANGS)]
    assert words and untranslated == []


# -- determinism ---------------------------------------------------------------------------------------------------------


def test_output_is_deterministic(timeline_doc: Document, report_doc: Document) -> None:
    first = [to_html(timeline_doc), to_html(report_doc)]
    assert first == [to_html(timeline_doc), to_html(report_doc)]


def test_chart_is_identical_in_a_fresh_process() -> None:
    """matplotlib salts SVG ids per process unless told otherwise: compare across processes."""
    code = (
        "import sys; from tests.render.test_html import hostile_document;"
        "from lawcmp.render.chart import chart_svg;"
        "sys.stdout.write(chart_svg(hostile_document().sections[0].charts[0]))"
    )
    fresh = run_python(["-c", code], Setting("123", zone="Asia/Tashkent"))
    assert fresh.stdout == chart_svg(hostile_document().sections[0].charts[0])


def test_output_does_not_depend_on_time_zone(timeline_doc: Document) -> None:
    here = to_html(timeline_doc)
    with time_zone("Asia/Tashkent"):
        assert to_html(timeline_doc) == here
    with time_zone("America/Los_Angeles"):
        assert to_html(timeline_doc) == here
