"""The static site without a browser: complete, linked, inert, accessible, reproducible,
and never half-built."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import posixpath
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import lawcmp.site.build
import lawcmp.site.pages
from lawcmp.load.catalog import load_catalog
from lawcmp.load.corpus import load_text
from lawcmp.model.statute import Corpus
from lawcmp.render.html import contrast
from lawcmp.site.build import build_site
from lawcmp.site.views import MARKER, provision_path, site_dates
from lawcmp.support.i18n import GLOSSARY, LANGS
from tests.helpers import ROOT, URL_ATTRIBUTES
from tests.helpers.determinism import Setting, run_python, tree
from tests.helpers.htmltree import Node, parse, parse_file

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
HOSTILE_LAW = f"""
jurisdiction KG "Kyrgyz Republic" {{
  title ru "Кыргызская Республика"
  role origin
  treaty tip-protocol ratified 2003-10 {{
    source "UN Treaty Collection {SCRIPT}" "Kyrgyzstan"
  }}
}}

instrument KG/CC "Criminal Code" {{
  kind criminal-code
  source "003_302ca85d5f157d7b.txt" "Criminal Code"
}}

provision KG/CC/124 "Trade in persons {SCRIPT}" {{
  version 2003-08 {{
    text "{SCRIPT.replace('"', '')}"
    paraphrase "{SCRIPT} {BREAKOUT.replace('"', chr(92) + '"')}"
    offence trafficking {{
      acts recruitment transportation transfer harboring receipt
      means force deception
      victims any-person
      penalty prison ..5 years confiscation
    }}
    source "003_302ca85d5f157d7b.txt" para 4 "{BREAKOUT.replace('"', chr(92) + '"')}"
  }}
}}

fact KG/no-screening "No screening {BREAKOUT.replace('"', chr(92) + '"')}" {{
  from 2005
  no provides victim-identification
  source "003_302ca85d5f157d7b.txt" "{SCRIPT}"
}}
"""
HREF = re.compile(r'(?:href|src)="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


_HELD: dict[Path, dict[tuple[str, str], list[tuple[str, str, str]]]] = {}


def finding_pages(site: Path) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(state, obligation) -> its finding pages in date order, as (file, first, last date
    the page says it holds), read from the pages' subtitles."""
    if site not in _HELD:
        held: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        for page in sorted((site / "finding").rglob("*.html")):
            (subtitle,) = [p for p in parse_file(page).find("p") if "subtitle" in p.classes()]
            days = [t.attrs["datetime"] for t in subtitle.find("time")]
            assert 1 <= len(days) <= 2 and days[0] == page.stem, page
            name = page.relative_to(site).as_posix()
            held.setdefault((page.parent.parent.name, page.parent.name), []).append((name, days[0], days[-1]))
        _HELD[site] = held
    return _HELD[site]


def page_at(site: Path, code: str, obligation: str, day: dt.date) -> Path:
    """The finding page that holds `code`'s finding on `obligation` at `day`."""
    iso = day.isoformat()
    (name,) = [n for n, first, last in finding_pages(site)[code, obligation] if first <= iso <= last]
    return site / name


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    build_site(load_text(HOSTILE_LAW, "KG.law"), out)
    return out


# -- completeness ------------------------------------------------------------------------------------------------


def test_dates_follow_the_corpus(shipped: Corpus) -> None:
    days = site_dates(shipped)
    last = days[-1].year
    assert last >= 2025  # the corpus runs to the 2020s
    assert days == (*(dt.date(y, 1, 1) for y in range(2000, last + 1)), dt.date(last, 12, 31))


def test_the_site_builds_on_the_shipped_corpus(site: Path, shipped: Corpus) -> None:
    catalog = load_catalog()
    days = site_dates(shipped)
    assert (site / "index.html").is_file() and (site / "assets" / "site.css").is_file()
    assert (site / "country" / "index.html").is_file() and (site / "obligation" / "index.html").is_file()
    for day in days:
        assert (site / "matrix" / f"{day.isoformat()}.html").is_file()
    for code, book in shipped.books.items():
        assert (site / "country" / f"{code}.html").is_file()
        for p in book.provisions:
            assert (site / provision_path(p.id)).is_file(), p.id
        for f in book.facts:
            assert (site / "fact" / f"{f.id}.html").is_file(), f.id
    for o in catalog.obligations:
        assert (site / "obligation" / f"{o.id}.html").is_file()
    assert sorted(finding_pages(site)) == sorted(itertools.product(shipped.books, (o.id for o in catalog.obligations)))
    assert (site / "provision" / "UZ" / "CC" / "135.html").is_file()


def test_a_finding_page_holds_each_run_of_dates_on_which_nothing_changes(site: Path, shipped: Corpus) -> None:
    """Every date of every state and obligation is held by exactly one finding page. Its
    pages split the dates into runs: within one, the finding (evaluated afresh here, date
    by date) and its precedents stay the same; from one to the next, one of them changes."""
    from lawcmp.engine.evaluate import evaluate
    from lawcmp.engine.precedents import NEEDS_PRECEDENTS, precedents_for

    catalog = load_catalog()
    days = [d.isoformat() for d in site_dates(shipped)]
    at = {d: {code: evaluate(shipped, code, d, catalog) for code in shipped.books} for d in days}

    def said(code: str, obligation: str, day: str) -> tuple[object, ...]:
        f = at[day][code].finding(obligation)
        others = [a for c, a in at[day].items() if c != code]
        return f, precedents_for(obligation, others) if f.rating in NEEDS_PRECEDENTS else []

    held = finding_pages(site)
    for (code, obligation), runs in held.items():
        assert [d for _, first, last in runs for d in days if first <= d <= last] == days, (code, obligation)
        for _, first, last in runs:
            inside = [d for d in days if first <= d <= last]
            assert all(said(code, obligation, d) == said(code, obligation, first) for d in inside), (code, obligation, first)
        for (_, _, last), (_, first, _) in itertools.pairwise(runs):
            assert said(code, obligation, last) != said(code, obligation, first), (code, obligation, first)
    cells = len(held) * len(days)
    assert sum(map(len, held.values())) < cells / 3  # the law of these states changes seldom: most dates share a page


def test_a_finding_page_says_its_dates_and_links_its_other_runs(site: Path) -> None:
    runs = finding_pages(site)["UZ", "crim.serious"]
    assert len(runs) > 1 and any(first != last for _, first, last in runs)
    for name, first, last in runs:
        dom = parse_file(site / name)
        text = " ".join(dom.text().split())
        assert (f"from {first} to {last}" in text) == (first != last)
        (strip,) = [n for n in dom.find("nav") if "strip" in n.classes()]
        chips = strip.find("li")
        assert len(chips) == len(runs)
        for chip, (other, o_first, o_last) in zip(chips, runs, strict=True):
            assert [t.attrs["datetime"] for t in chip.find("time")] == sorted({o_first, o_last})
            links = [a.attrs["href"] for a in chip.find("a")]
            assert links == ([] if other == name else ["../../../" + other])


def test_every_internal_link_resolves(site: Path) -> None:
    """Every href and src of every page names a file of the site, and its fragment an id there."""
    texts = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in pages(site)}
    existing = set(texts) | {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    ids: dict[str, set[str]] = {}
    checked = 0
    for name, text in texts.items():
        for raw in HREF.findall(text):
            href = html.unescape(raw)
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc and not href.startswith("/"), (name, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
            assert not target.startswith("../") and target in existing, (name, href)
            if parts.fragment:
                if target not in ids:
                    ids[target] = set(ID.findall(texts[target]))
                assert unquote(parts.fragment) in ids[target], (name, href)
            checked += 1
    assert checked > 30_000


def test_no_outside_resource_is_ever_loaded(site: Path) -> None:
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css
    for page in [site / "index.html", site / "country" / "UZ.html", *pages(site)[::97]]:
        dom = parse_file(page)
        for n in dom.walk():
            for name, value in n.attrs.items():
                if name in URL_ATTRIBUTES:
                    assert "://" not in value and not value.startswith("//"), (page, n.tag, value)
                assert not name.startswith("xmlns") or n.tag == "svg"
        assert [link.attrs["href"] for link in dom.find("link")] == ["../" * page.relative_to(site).as_posix().count("/") + "assets/site.css"]
        assert not dom.find("iframe") and not dom.find("img") and not dom.find("object")


# -- the matrix ------------------------------------------------------------------------------------------------------


def _matrix_cells(section: Node, folder: str = "") -> list[tuple[str, str, str]]:
    """(state, obligation, the path of the finding page it links, from the site's root) of
    every cell of a page in `folder`."""
    out = []
    for table in section.find("table"):
        if "matrix" not in table.classes():
            continue
        for td in table.find("td"):
            (link,) = td.find("a")
            href = posixpath.normpath(posixpath.join(folder, link.attrs["href"]))
            _, code, obligation, _ = href.rsplit("/", 3)
            out.append((code, obligation, href))
    return out


def test_matrix_has_one_cell_per_state_and_obligation_at_each_date(site: Path, shipped: Corpus) -> None:
    obligations = [o.id for o in load_catalog().obligations]
    expected = sorted(itertools.product(shipped.books, obligations))
    days = [d.isoformat() for d in site_dates(shipped)]
    dom = parse_file(site / "index.html")
    sections = [s for s in dom.find("section") if "data-as-of" in s.attrs]
    assert [s.attrs["data-as-of"] for s in sections] == days
    assert [("hidden" in s.attrs) for s in sections] == [True] * (len(days) - 1) + [False]  # the latest shows
    for section in sections:
        cells = _matrix_cells(section)
        assert len(cells) == len(expected)
        assert sorted((c, o) for c, o, _ in cells) == expected
        day = dt.date.fromisoformat(section.attrs["data-as-of"])
        assert all(site / href == page_at(site, c, o, day) for c, o, href in cells)  # the page of that date
    for iso in days:
        cells = _matrix_cells(parse_file(site / "matrix" / f"{iso}.html"), "matrix")
        assert sorted((c, o) for c, o, _ in cells) == expected
        day = dt.date.fromisoformat(iso)
        assert all(site / href == page_at(site, c, o, day) for c, o, href in cells)


def test_a_large_index_holds_the_latest_matrix_only(
    shipped: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    days = [d.isoformat() for d in site_dates(shipped)]
    cells = len(shipped.books) * len(load_catalog().obligations)
    monkeypatch.setattr(lawcmp.site.pages, "INDEX_CELLS", cells * len(days) - 1)  # one cell too many for every date
    out = tmp_path / "site"
    build_site(shipped, out)
    dom = parse_file(out / "index.html")
    sections = [s for s in dom.find("section") if "data-as-of" in s.attrs]
    assert [s.attrs["data-as-of"] for s in sections] == days[-1:] and "hidden" not in sections[0].attrs
    assert len(_matrix_cells(sections[0])) == cells
    (select,) = dom.find("select")
    assert [o.attrs["value"] for o in select.find("option")] == days  # the others open their own pages
    assert all((out / "matrix" / f"{d}.html").is_file() for d in days)
    monkeypatch.setattr(lawcmp.site.pages, "INDEX_CELLS", cells * len(days))
    build_site(shipped, out)
    assert len([s for s in parse_file(out / "index.html").find("section") if "data-as-of" in s.attrs]) == len(days)


def test_the_selector_lists_every_date_and_picks_the_latest(site: Path, shipped: Corpus) -> None:
    dom = parse_file(site / "index.html")
    (select,) = dom.find("select")
    (label,) = [n for n in dom.find("label") if n.attrs.get("for") == select.attrs["id"]]
    assert label.text().strip()
    options = select.find("option")
    assert [o.attrs["value"] for o in options] == [d.isoformat() for d in site_dates(shipped)]
    assert ["selected" in o.attrs for o in options] == [False] * (len(options) - 1) + [True]
    (script,) = dom.find("script")
    assert "src" not in script.attrs and len(script.text()) < 2000


def test_cells_carry_symbol_and_colour_and_mark_changes(site: Path) -> None:
    from lawcmp.model.document import RATING_SYMBOLS

    dom = parse_file(site / "index.html")
    tds = [td for td in dom.find("td") if any(c.startswith("r-") for c in td.classes())]
    assert tds
    for td in tds[:500]:
        code = next(c for c in td.classes() if c.startswith("r-"))[2:]
        symbol = RATING_SYMBOLS["N/A" if code == "NA" else code]
        assert td.text().startswith(symbol)
    moved = [td for td in tds if "moved" in td.classes()]
    assert moved and all("(" in td.text() for td in moved)  # a change is said in words, not only drawn


def test_rating_colours_reach_wcag_aa(site: Path) -> None:
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    rules = re.findall(r"\.r-(\w+) \{ background-color: #(\w{6}); color: #(\w{6}); \}", css)
    assert len(rules) == 6
    for _, background, ink in rules:
        assert contrast(ink, background) >= 4.5
    assert "@media print" in css and ":focus-visible" in css


# -- pages -----------------------------------------------------------------------------------------------------------


def sample(site: Path) -> list[Path]:
    chosen = [site / "index.html", site / "country" / "index.html", site / "obligation" / "index.html",
              *sorted((site / "country").glob("*.html")), *sorted((site / "matrix").glob("*.html"))[:2],
              *sorted((site / "obligation").glob("*.html"))[::10], *sorted((site / "provision").rglob("*.html")),
              *sorted((site / "fact").rglob("*.html"))[::5], *sorted((site / "finding").rglob("*.html"))[::211],
              page_at(site, *non_compliant(shipped_corpus()))]
    return chosen


@cache
def shipped_corpus() -> Corpus:
    from lawcmp.load.corpus import load_corpus

    return load_corpus()


def non_compliant(corpus: Corpus) -> tuple[str, str, dt.date]:
    """The first NC finding of Uzbekistan with a gap and a recommendation, at a date of the site."""
    from lawcmp.engine.evaluate import evaluate

    for day in site_dates(corpus):
        for f in evaluate(corpus, "UZ", day).findings:
            if f.rating == "NC" and f.gap and f.recommendation is not None and len(f.criteria) >= 2:
                return "UZ", f.obligation, day
    raise AssertionError("the shipped corpus has no such finding for Uzbekistan")


def test_pages_are_accessible_in_structure(site: Path) -> None:
    for page in sample(site):
        dom = parse_file(page)
        (root,) = dom.find("html")
        assert root.attrs["lang"] == "en"
        levels = [int(n.tag[1]) for n in dom.walk() if re.fullmatch(r"h[1-6]", n.tag)]
        assert levels.count(1) == 1 and levels[0] == 1, page
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (page, levels)
        assert dom.find("a")[0].attrs["href"] == "#main"
        assert [m.attrs.get("id") for m in dom.find("main")] == ["main"]
        navs = dom.find("nav")
        assert navs and all(n.attrs.get("aria-label") or n.attrs.get("aria-labelledby") for n in navs)
        ids = [n.attrs["id"] for n in dom.walk() if "id" in n.attrs]
        assert len(ids) == len(set(ids)), page
        for table in dom.find("table"):
            first = next(c for c in table.children if isinstance(c, Node))
            assert first.tag == "caption" and first.text().strip(), page
            assert all(th.attrs.get("scope") in {"col", "row", "rowgroup"} for th in table.find("th")), page
            for thead in table.find("thead"):
                assert all(th.attrs.get("scope") == "col" for th in thead.find("th"))


def test_finding_page_shows_the_whole_trace(site: Path) -> None:
    from lawcmp.engine.evaluate import evaluate

    code, obligation, day = non_compliant(shipped_corpus())
    dom = parse_file(page_at(site, code, obligation, day))
    text = " ".join(dom.text().split())
    assert "Non-compliant" in text and "Gap" in text and "Recommendation" in text
    criteria = [n for n in dom.find("article") if "criterion" in n.classes()]
    expected = evaluate(shipped_corpus(), code, day).finding(obligation).criteria
    assert len(criteria) == len(expected) and all(c.find("code") for c in criteria)
    links = [a.attrs["href"] for a in dom.find("a")]
    assert any("/fact/UZ/" in h or "/provision/UZ/" in h for h in links)
    assert dom.find("q") and dom.find("cite")  # sources with their quotes


def test_provision_page_shows_versions_clauses_and_sources(site: Path) -> None:
    dom = parse_file(site / "provision" / "KG" / "CC" / "124.html")
    versions = [n for n in dom.find("article") if "version" in n.classes()]
    book = shipped_corpus().books["KG"]
    [provision] = [p for p in book.provisions if p.id == "KG/CC/124"]
    assert len(versions) == len(provision.versions) >= 2
    first, second = provision.versions[:2]
    assert f"In force from {first.start}; superseded from {second.start}" in " ".join(versions[0].text().split())
    clauses = [p.text() for p in dom.find("pre")]
    assert clauses and any(c.startswith("offence ") for c in clauses)
    assert dom.find("cite") and any(".txt" in c.text() for c in dom.find("cite"))
    repealed = parse_file(site / "provision" / "KZ" / "CC-former" / "106.html")
    assert any(s.attrs.get("id") == "repeal" for s in repealed.find("section"))


def test_country_page_has_chart_summary_and_provisions(site: Path) -> None:
    dom = parse_file(site / "country" / "UZ.html")
    (svg,) = dom.find("svg")
    assert svg.attrs["role"] == "img" and svg.attrs["aria-label"]
    assert {"summary", "timeline", "ratings", "treaties", "provisions", "facts"} <= {
        n.attrs.get("id") for n in dom.find("section")}
    assert any(a.attrs["href"] == "../provision/UZ/CC/135.html" for a in dom.find("a"))


# -- inert statute text -----------------------------------------------------------------------------------------------


def test_statute_text_stays_inert(hostile: Path) -> None:
    for page in pages(hostile):
        text = page.read_text(encoding="utf-8")
        assert "<img" not in text and "alert(1)</script>" not in text, page
        assert "onerror=alert" not in text or "&gt;" in text
        dom = parse(text)
        assert not dom.find("img")
        scripts = dom.find("script")
        assert len(scripts) == (1 if page.name == "index.html" and page.parent == hostile else 0), page
        for n in dom.walk():
            assert not any(name.startswith("on") for name in n.attrs), (page, n.tag, n.attrs)
    provision = (hostile / "provision" / "KG" / "CC" / "124.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in provision
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in provision
    text = parse(provision).text()
    assert SCRIPT in text and BREAKOUT in text  # shown as written: escaped, not dropped


def test_links_into_hostile_ids_are_still_plain_paths(hostile: Path) -> None:
    for page in pages(hostile):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            assert "javascript:" not in href and "<" not in href and '"' not in href


# -- reproducible, atomic ----------------------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(site: Path, statutes: Path, tmp_path: Path) -> None:
    """The second build runs in another process with another hash seed, through the CLI."""
    out = tmp_path / "again"
    r = run_python(["-m", "lawcmp", "site", "--output", str(out), "--corpus", str(statutes)], Setting("12345"))
    assert re.fullmatch(r"wrote \d+ files to .*\n", r.stderr)
    first, second = tree(site), tree(out)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_russian_site(tmp_path: Path) -> None:
    out = tmp_path / "ru"
    build_site(load_text(HOSTILE_LAW, "KG.law"), out, lang="ru")
    dom = parse_file(out / "index.html")
    (root,) = dom.find("html")
    assert root.attrs["lang"] == "ru"
    assert "Матрица соответствия" in dom.text() and "Кыргызская Республика" in parse_file(out / "country" / "KG.html").text()


def test_every_word_of_the_site_is_in_both_languages() -> None:
    with GLOSSARY.open("rb") as fh:
        words = tomllib.load(fh)["site"]
    untranslated = [key for key, entry in words.items() if set(entry) != set(LANGS)]
    assert words and untranslated == []


def test_a_rebuild_replaces_the_old_site_whole(tmp_path: Path) -> None:
    corpus = load_text(HOSTILE_LAW, "KG.law")
    out = tmp_path / "site"
    written = build_site(corpus, out)
    assert all(p.is_file() for p in written) and (out / MARKER).is_file()
    (out / "stale.html").write_text("old")
    build_site(corpus, out)
    assert not (out / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old directory left


def test_a_failed_build_leaves_the_old_site_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = load_text(HOSTILE_LAW, "KG.law")
    out = tmp_path / "site"
    build_site(corpus, out)
    before = tree(out)
    calls = []

    def failing(path: Path | str, data: str | bytes) -> None:
        calls.append(path)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        Path(path).write_bytes(data.encode() if isinstance(data, str) else data)

    monkeypatch.setattr(lawcmp.site.build, "write_atomic", failing)
    with pytest.raises(OSError, match="No space"):
        build_site(corpus, out, lang="ru")
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_pages_are_written_as_they_are_rendered_not_held_until_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A world's site is 300,000 pages (4 GB): at most `_PENDING` may wait for the disk."""
    written: list[str] = []
    waiting: list[int] = []
    real_write, real_render = lawcmp.site.build.write_atomic, lawcmp.site.build.Pages.render

    def write(path: Path | str, data: str | bytes) -> None:
        real_write(path, data)
        written.append(str(path))

    def render(self: lawcmp.site.build.Pages, path: str, template: str, **kw: object) -> None:
        waiting.append(len(rendered) - len(written))
        rendered.append(path)
        real_render(self, path, template, **kw)  # type: ignore[arg-type]

    rendered: list[str] = []
    monkeypatch.setattr(lawcmp.site.build, "write_atomic", write)
    monkeypatch.setattr(lawcmp.site.build.Pages, "render", render)
    monkeypatch.setattr(lawcmp.site.build, "PENDING", 3)
    files = build_site(load_text(HOSTILE_LAW, "KG.law"), tmp_path / "site", dates=[dt.date(2004, 1, 1), dt.date(2009, 12, 31)])
    assert len(rendered) > 50 and len(files) == len(rendered) + 2  # the pages, the stylesheet, the marker
    assert max(waiting) <= 3 + 1


def test_a_page_written_twice_is_the_last_one(tmp_path: Path) -> None:
    from lawcmp.support.atomic import DeferredSignals

    with lawcmp.site.build.PageWriter(tmp_path, DeferredSignals()) as writer:
        for n in range(40):
            writer.write(f"page/{n % 3}.html", f"version {n}")
    assert writer.written == ["page/0.html", "page/1.html", "page/2.html"]
    assert [(tmp_path / "page" / f"{n}.html").read_text() for n in range(3)] == ["version 39", "version 37", "version 38"]


def test_a_directory_that_is_not_a_site_is_never_replaced(tmp_path: Path) -> None:
    corpus = load_text(HOSTILE_LAW, "KG.law")
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    with pytest.raises(FileExistsError):
        build_site(corpus, precious)
    assert (precious / "thesis.docx").read_text() == "years of work"
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(FileExistsError):
        build_site(corpus, a_file)
    empty = tmp_path / "empty"
    empty.mkdir()
    build_site(corpus, empty)
    assert (empty / "index.html").is_file()


def test_cli_refuses_a_foreign_directory_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    r = subprocess.run([sys.executable, "-m", "lawcmp", "site", "-o", str(tmp_path), "--corpus",
                        str(ROOT / "tests" / "syntax" / "good" / "minimal.law")],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "not a lawcmp site" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


# -- in several processes -----------------------------------------------------------------------------------------------


def test_the_site_written_in_workers_is_the_site_of_one_process(
    site: Path, shipped: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lawcmp.support import parallel
    from tests.helpers.workers import noting, processes_noted

    notes = tmp_path / "notes"
    notes.mkdir()
    monkeypatch.setattr(parallel, "PARALLEL_BOOKS", 1)
    monkeypatch.setattr(lawcmp.site.build, "state_pages", noting(lawcmp.site.build.state_pages, notes))
    out = tmp_path / "together"
    written = build_site(shipped, out, jobs=2)
    assert processes_noted(notes) == 2, "no state's pages were written by a worker"
    names = [p.relative_to(out).as_posix() for p in written]
    assert names == [*sorted(names[:-2]), "assets/site.css", MARKER]
    assert {p.relative_to(out) for p in written} == {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    first, second = tree(site), tree(out)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_a_full_disk_in_a_worker_is_the_error_it_was(
    shipped: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from lawcmp.support import parallel

    out = tmp_path / "out" / "site"
    build_site(load_text(HOSTILE_LAW, "KG.law"), out)
    before = tree(out)
    parent, real = os.getpid(), lawcmp.site.build.write_atomic

    def full(path: Path | str, data: str | bytes) -> None:
        if os.getpid() != parent:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(parallel, "PARALLEL_BOOKS", 1)  # a worker takes part: only a worker's disk is full
    monkeypatch.setattr(lawcmp.site.build, "write_atomic", full)
    with pytest.raises(OSError, match="No space") as caught:
        build_site(shipped, out, jobs=2, dates=[dt.date(2009, 12, 31)])
    assert caught.value.errno == 28
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


@pytest.mark.parametrize(("lang", "heading", "ni"), [
    ("en", "Methods and limitations", "no information"), ("ru", "Методы и ограничения", "нет информации"),
])
def test_the_methods_and_limitations_page_is_linked_from_every_page(
    lang: str, heading: str, ni: str, tmp_path: Path, shipped: Corpus,
) -> None:
    """As every report ends with its methods and limitations, every page of the site links them."""
    corpus = Corpus(books={"KG": shipped.books["KG"]}, digest=shipped.digest)
    out = tmp_path / lang
    build_site(corpus, out, lang=lang)
    dom = parse_file(out / "methods.html")
    (h1,) = dom.find("h1")
    assert h1.text() == heading
    text = " ".join(p.text() for p in dom.find("p"))
    start, end = shipped.books["KG"].jurisdiction.covers  # type: ignore[misc]
    assert ni in text and "%" in text and str(start) in text and str(end) in text
    for page in [out / "index.html", out / "country" / "KG.html", *sorted((out / "finding").rglob("*.html"))[:3]]:
        links = [a for a in parse_file(page).find("a") if a.text() == heading]
        assert len(links) == 1, page
        target = posixpath.normpath(posixpath.join(page.relative_to(out).parent.as_posix(), links[0].attrs["href"]))
        assert target == "methods.html", page
