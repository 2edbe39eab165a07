"""The browsable static site: every rating, its reasoning and its sources, as linked pages.

`build_site` writes a self-contained site that opens from `file://` with no server and
no network: one stylesheet, one small inline script (the as-of selector, which the
page does without), relative links only. Its layout, with stable file names:

    index.html                               the matrix, one table per as-of date (for a large
                                             corpus, the latest only), and a selector
    matrix/<date>.html                       one date's matrix: permalink, print, no-script fallback
    country/index.html, country/<CC>.html    pillar summary, timeline chart and table, provisions
    obligation/index.html, obligation/<id>.html
    finding/<CC>/<obligation>/<date>.html    the full trace of one rating, from <date> to the
                                             next as-of date on which it, or its precedents, change
    provision/<CC>/<instrument>/<art>.html   every version, its clauses and sources
    fact/<CC>/<name>.html                    practice and absences
    assets/site.css

A finding page is named for the first date of its run of unchanged dates, so an edit to the
corpus that splits or joins runs renames some; the date-named matrix pages stay put and
link to whichever page holds each cell.

The site is built from the same findings as every report (`engine.assess_book`), at
the dates `site_dates` derives from the corpus. Statute text reaches the templates as
plain strings and jinja2's autoescape keeps it inert; the only markup made outside a
template is the chart SVG (`render.chart`, which escapes its text). Output is
deterministic: the same corpus gives byte-identical files.

The site is written into a temporary sibling directory and renamed into place only
when complete, so an interrupted build never leaves a half-built site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import itertools
import os
import re
import shutil
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup

from lawcmp.engine.describe import describe_test
from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.precedents import NEEDS_PRECEDENTS, Precedent, Ranking
from lawcmp.lang.layout import clause_lines
from lawcmp.law.snapshot import NOT_LAW_YET, change_points, fact_end
from lawcmp.load.catalog import load_catalog
from lawcmp.model.document import RATING_COLOURS, RATING_SYMBOLS, Chart, chart_value
from lawcmp.model.findings import RATINGS, Assessment, CriterionResult, Evidence, Finding
from lawcmp.model.rules import PILLARS, Catalog, Obligation
from lawcmp.model.statute import Citation, ClauseBase, Corpus, Provision, StatuteBook
from lawcmp.render.html import text_colour
from lawcmp.reports.docparts import explanation_text, gap_text
from lawcmp.reports.docparts import legend as docparts_legend
from lawcmp.support import progress
from lawcmp.support.atomic import DeferredSignals, Terminated, write_atomic
from lawcmp.support.i18n import label, recommendation_text, section_words, t
from lawcmp.support.version import __version__

PROTOCOL_YEAR = 2000  # the Trafficking Protocol was adopted in November 2000
MARKER = ".lawcmp-site"  # marks a directory as a site lawcmp built, and so may replace
GRADE_RATING = {"met": "C", "mostly met": "LC", "partly met": "PC", "not met": "NC",
                "not applicable": "N/A", "no information": "NI"}
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_WRITERS = 8  # files are fsynced one by one: overlapping the waits is most of the speed


# -- dates -------------------------------------------------------------------------------------------------


def site_dates(corpus: Corpus) -> tuple[dt.date, ...]:
    """The as-of dates of the site: 1 January of every year the corpus covers, and the
    last day of its last year (the reports' reference date), which the site opens on.

    The years run from the first change point to the last one, but not before the
    Protocol's year: earlier law is shown as it stood on 1 January 2000. The day after a
    fact lapses (`snapshot.fact_end`) is a change point by lawcmp's convention, not an
    event in any source, so it does not stretch the range.

    >>> from lawcmp.load.corpus import load_corpus
    >>> days = site_dates(load_corpus())
    >>> days[0].isoformat(), days[-2].isoformat(), days[-1].isoformat(), len(days)
    ('2000-01-01', '2009-01-01', '2009-12-31', 11)
    """
    events: set[dt.date] = set()
    for book in corpus.books.values():
        lapses = {end + dt.timedelta(days=1) for f in book.facts if (end := fact_end(f)) is not None}
        events.update(d for d in change_points(book) if d not in lapses or _dated(book, d))
    if not events:
        return (dt.date(PROTOCOL_YEAR, 1, 1),)
    first = max(min(events).year, PROTOCOL_YEAR)
    last = max(max(events).year, first)
    days = {dt.date(y, 1, 1) for y in range(first, last + 1)} | {dt.date(last, 12, 31)}
    return tuple(sorted(days))


def _dated(book: StatuteBook, day: dt.date) -> bool:
    """Does anything in the book, other than a fact lapsing, happen on `day`?"""
    for p in book.provisions:
        if any(v.start.day == day for v in p.versions) or (p.repeal is not None and p.repeal.start.day == day):
            return True
    if any(i.repealed is not None and i.repealed.day == day for i in book.instruments):
        return True
    if any(f.start is not None and f.start.day == day for f in book.facts):
        return True
    return any(e.date.day == day for e in book.jurisdiction.treaties)


# -- file names ---------------------------------------------------------------------------------------------


def _segment(part: str) -> str:
    """One path segment from an id; ids are `[A-Za-z0-9][A-Za-z0-9._-]*` by the grammar,
    anything else is percent-encoded (with `%` as `_`, so no two ids share a name)."""
    if _SEGMENT.match(part):
        return part
    return "_" + quote(part, safe="").replace("%", "_")


def _id_path(kind: str, ident: str) -> str:
    return f"{kind}/" + "/".join(_segment(p) for p in ident.split("/")) + ".html"


def finding_path(code: str, obligation: str, day: dt.date) -> str:
    return f"finding/{_segment(code)}/{_segment(obligation)}/{day.isoformat()}.html"


def provision_path(provision_id: str) -> str:
    return _id_path("provision", provision_id)


def fact_path(fact_id: str) -> str:
    return _id_path("fact", fact_id)


def country_path(code: str) -> str:
    return f"country/{_segment(code)}.html"


def obligation_path(obligation: str) -> str:
    return f"obligation/{_segment(obligation)}.html"


def matrix_path(day: dt.date) -> str:
    return f"matrix/{day.isoformat()}.html"


def _root(path: str) -> str:
    """The relative prefix from a page back to the site's root."""
    return "../" * path.count("/")


# -- the words of a page ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """Every word a page prints, in one language, all from the glossary: the reports' labels,
    the HTML page's words (`[html]`) and the site's own (`[site]`), so a translator edits one file."""

    lang: str

    def ui(self, key: str, **values: str) -> str:
        text = section_words("site", self.lang)[key]
        return text.format(**values) if values else text

    def report(self, key: str) -> str:
        return section_words("html", self.lang)[key]

    def label(self, key: str) -> str:
        return label(key, self.lang)

    def rating(self, code: str) -> str:
        return t("rating", code, self.lang)

    def grade(self, grade: str) -> str:
        return t("grade", grade, self.lang)

    def pillar(self, pillar: str) -> str:
        return t("pillar", pillar, self.lang)

    def strength(self, strength: str) -> str:
        return t("strength", strength, self.lang)

    def basis(self, basis: str) -> str:
        return t("basis", basis, self.lang)

    def gap(self, f: Finding) -> str | None:
        return gap_text(f, self.lang)

    def explanation(self, c: CriterionResult) -> str:
        return explanation_text(c, self.lang)


def _cls(rating: str) -> str:
    """The CSS class of a rating: `r-PC`, `r-NA`."""
    return "r-" + rating.replace("/", "")


# -- views the templates render -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CellView:
    href: str
    cls: str
    text: str
    title: str
    moved: str | None = None  # "changed since …", when the rating differs from the date before


@dataclass(frozen=True)
class RowView:
    obligation: Obligation
    cells: tuple[CellView, ...]


@dataclass(frozen=True)
class MatrixView:
    day: dt.date
    previous: dt.date | None
    groups: tuple[tuple[str, tuple[RowView, ...]], ...]


@dataclass(frozen=True)
class SourceView:
    document: str
    para: str | None
    quote: str | None


@dataclass(frozen=True)
class EvidenceView:
    origin: str
    href: str | None
    title: str
    since: str
    basis: str
    excerpt: str | None
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, eq=False)  # a page is itself: two are never merged after the fact
class FindingPage:
    """One finding page: a state's finding on one obligation, and the precedents it lists,
    over the run of as-of dates on which neither changes.

    The page is named for the first of its dates. A state's law stands still for years, so
    the world's site has 89,000 finding pages instead of one for each of 305,000 cells of
    its 25 matrices: the site grows with what changes, not with the dates it shows.
    """

    code: str
    obligation: str
    days: tuple[dt.date, ...]
    finding: Finding
    precedents: tuple[Precedent, ...]

    @property
    def path(self) -> str:
        return finding_path(self.code, self.obligation, self.days[0])


@dataclass
class Site:
    """Everything the pages are made from, computed once."""

    corpus: Corpus
    catalog: Catalog
    words: Words
    dates: tuple[dt.date, ...]
    assessments: dict[dt.date, dict[str, Assessment]] = field(default_factory=dict)
    # code -> obligation -> the page of each date, in `dates` order (consecutive dates share one)
    pages: dict[str, dict[str, tuple[FindingPage, ...]]] = field(default_factory=dict)
    origins: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> origin id -> path
    cited: dict[str, dict[str, list[FindingPage]]] = field(default_factory=dict)  # origin -> obligation -> pages

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.corpus.books)

    def finding(self, code: str, obligation: str, day: dt.date) -> Finding:
        return self.page(code, obligation, day).finding

    def page(self, code: str, obligation: str, day: dt.date) -> FindingPage:
        return self.pages[code][obligation][self._position[day]]

    @functools.cached_property
    def _position(self) -> dict[dt.date, int]:
        return {day: i for i, day in enumerate(self.dates)}

    def finding_path(self, code: str, obligation: str, day: dt.date) -> str:
        """The page that holds `code`'s finding on `obligation` at `day`, one of the site's dates."""
        return self.page(code, obligation, day).path

    def runs(self, code: str, obligation: str) -> tuple[FindingPage, ...]:
        """The finding's pages in date order, each once."""
        return tuple(dict.fromkeys(self.pages[code][obligation]))

    def name(self, code: str) -> str:
        return self.corpus.books[code].jurisdiction.name_in(self.words.lang)


def _prepare(corpus: Corpus, catalog: Catalog, lang: str, dates: Sequence[dt.date]) -> Site:
    site = Site(corpus, catalog, Words(lang), tuple(sorted(set(dates))))
    site.assessments = {day: {} for day in site.dates}
    with progress.bar("evaluating", total=len(site.dates) * len(corpus.books)) as advance:
        # Book by book, so that each book's evaluator carries on from its last date
        # (`engine.assess_book`): date by date, 200 books wore out its few kept evaluators.
        for code, b in corpus.books.items():
            for day in site.dates:
                site.assessments[day][code] = assess_book(b, day, catalog, corpus.digest)
                advance(1)
    rankings = [Ranking(site.assessments[day].values()) for day in site.dates]
    for code in corpus.books:
        by_day = [{f.obligation: f for f in site.assessments[day][code].findings} for day in site.dates]
        site.pages[code] = {
            o.id: _pages_of(code, o.id, [(d, f[o.id], r) for d, f, r in zip(site.dates, by_day, rankings, strict=True)])
            for o in catalog.obligations
        }
    for code, book in corpus.books.items():
        paths = {p.id: provision_path(p.id) for p in book.provisions}
        paths.update({f.id: fact_path(f.id) for f in book.facts})
        paths.update({f"{code}/treaty/{e.treaty}": country_path(code) + "#treaties" for e in book.jurisdiction.treaties})
        site.origins[code] = paths
        for o in catalog.obligations:
            for page in site.runs(code, o.id):
                for e in page.finding.evidence():
                    site.cited.setdefault(e.origin, {}).setdefault(o.id, []).append(page)
    return site


def _pages_of(code: str, obligation: str, dated: Sequence[tuple[dt.date, Finding, Ranking]]) -> tuple[FindingPage, ...]:
    """The page of each date: a new one whenever the finding or its precedents change."""
    runs: list[tuple[list[dt.date], Finding, tuple[Precedent, ...]]] = []
    for day, f, ranking in dated:
        precedents = tuple(ranking.for_state(obligation, code)) if f.rating in NEEDS_PRECEDENTS else ()
        if runs and runs[-1][1] == f and runs[-1][2] == precedents:
            runs[-1][0].append(day)
        else:
            runs.append(([day], f, precedents))
    out: list[FindingPage] = []
    for days, f, precedents in runs:
        page = FindingPage(code, obligation, tuple(days), f, precedents)
        out.extend([page] * len(days))
    return tuple(out)


def _sources(cites: Sequence[Citation]) -> tuple[SourceView, ...]:
    return tuple(SourceView(c.document, c.para, c.quote) for c in cites)


def evidence_of(site: Site, code: str, items: Sequence[Evidence]) -> tuple[EvidenceView, ...]:
    paths = site.origins.get(code, {})
    return tuple(
        EvidenceView(e.origin, paths.get(e.origin), e.title, e.since, e.basis, e.excerpt, _sources(e.sources))
        for e in items
    )


def _matrix(site: Site, day: dt.date, previous: dt.date | None) -> MatrixView:
    w = site.words
    groups = []
    for pillar in PILLARS:
        rows = []
        for o in site.catalog.by_pillar(pillar):
            cells = []
            for code in site.codes:
                f = site.finding(code, o.id, day)
                rating = w.rating(f.rating) + (f", {w.ui('provisional')}" if f.provisional else "")
                moved = None
                if previous is not None and site.finding(code, o.id, previous).label != f.label:
                    moved = w.ui("moved", day=previous.isoformat())
                cells.append(CellView(
                    href=site.finding_path(code, o.id, day), cls=_cls(f.rating), text=f"{RATING_SYMBOLS[f.rating]} {f.label}",
                    title=rating, moved=moved,
                ))
            rows.append(RowView(o, tuple(cells)))
        if rows:
            groups.append((w.pillar(pillar), tuple(rows)))
    return MatrixView(day, previous, tuple(groups))


# -- templates ------------------------------------------------------------------------------------------------


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("lawcmp", "templates"),
        autoescape=select_autoescape(("html", "html.j2", "j2"), default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,  # the templates are the package's: checking each one's mtime per page was 6 % of a build
    )
    env.globals.update(symbols=RATING_SYMBOLS, ratings=RATINGS, cls=_cls, grade_rating=GRADE_RATING,
                       provision_path=provision_path, fact_path=fact_path,
                       country_path=country_path, obligation_path=obligation_path, matrix_path=matrix_path)
    return env


def _template(name: str) -> Template:
    return _environment().get_template(f"site/{name}")


def _report_css() -> str:
    """The HTML report's stylesheet, taken from its template, so that a report and the
    site look the same and change together."""
    env = _environment()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "report.html.j2")
    found = re.search(r"<style>\n(.*?)</style>", source, re.S)
    if found is None:
        raise RuntimeError("report.html.j2 has no <style> block to share")
    return found.group(1)


def _stylesheet() -> str:
    ratings = [(_cls(r), RATING_COLOURS[r], text_colour(RATING_COLOURS[r], r)) for r in RATINGS]
    return _report_css() + "\n/* -- the site ------------------------------------------------------------ */\n" + \
        _template("site.css.j2").render(ratings=ratings)


@dataclass
class Pages:
    """The site's pages as they are rendered, each handed to `emit` (path relative to the
    root, content): collected by `render_site`, written as they come by `build_site`."""

    site: Site
    emit: Callable[[str, str], None]
    advance: Callable[[int], None] = progress.nothing

    def render(self, path: str, template: str, *, title: str, section: str = "",
               crumbs: Sequence[tuple[str, str | None]] = (), **context: Any) -> None:
        w = self.site.words
        meta = ((w.ui("version"), __version__), (w.ui("corpus"), self.site.corpus.digest[:16]),
                (w.ui("language"), w.lang))
        self.emit(path, _template(template).render(
            w=w, root=_root(path), path=path, title=title, section=section, crumbs=tuple(crumbs), meta=meta,
            site=self.site, finding_path=self.site.finding_path, **context,
        ))
        self.advance(1)


# -- pages --------------------------------------------------------------------------------------------------------


# The most matrix cells the index holds. Up to this, it holds every date's matrix and its
# selector switches between them in place; beyond, it holds the latest date's only, and
# the selector opens the other dates' own pages. The world's 25 matrices of 200 states
# made a 35 MB index, which took headless Chromium 4.7 – 5.1 s to open; one matrix is
# 1.4 MB, 1.4 – 1.6 s (alternating, on one hour).
_INDEX_CELLS = 50_000


def _index(pages: Pages) -> None:
    site, w = pages.site, pages.site.words
    matrices = [_matrix(site, day, prev) for prev, day in zip((None, *site.dates), site.dates, strict=False)]
    legend = [(r, _cls(r), text) for r, text in docparts_legend(w.lang)]
    held = matrices if len(site.codes) * len(site.catalog.obligations) * len(matrices) <= _INDEX_CELLS else matrices[-1:]
    pages.render("index.html", "index.html.j2", title=w.label("matrix"), section="matrix",
                 matrices=matrices, held=held, legend=legend)
    for m in matrices:
        pages.render(matrix_path(m.day), "matrix.html.j2", title=w.ui("matrix_at", day=m.day.isoformat()),
                     section="matrix", crumbs=[(w.ui("home"), "index.html")], matrix=m, legend=legend)


def _countries(pages: Pages) -> None:
    site, w = pages.site, pages.site.words
    last = site.dates[-1]
    rows = []
    for code, book in site.corpus.books.items():
        counts = {r: 0 for r in RATINGS}
        for f in site.assessments[last][code].findings:
            counts[f.rating] += 1
        rows.append((code, book, counts))
    pages.render("country/index.html", "countries.html.j2", title=w.ui("countries"), section="countries",
                 crumbs=[(w.ui("home"), "index.html")], rows=rows, day=last)


def _country(pages: Pages, code: str, book: StatuteBook) -> None:
    from lawcmp.engine.sweep import rating_timeline
    from lawcmp.reports.standard import timeline_points, timeline_summary

    site, w = pages.site, pages.site.words
    last = site.dates[-1]
    # The ratings at every change, from the sweep: the findings' whole reasons are not shown here.
    days = timeline_points(book, site.dates[0], last)
    chart, events = timeline_summary(book, days, rating_timeline(book, days, site.catalog), site.catalog, w.lang)
    summary = site.assessments[last][code].pillar_summary()
    instruments = []
    for i in book.instruments:
        provisions = [p for p in book.provisions if p.instrument == i.id]
        instruments.append((i, provisions))
    known = {i.id for i in book.instruments}
    orphans = [p for p in book.provisions if p.instrument not in known]
    timeline_rows = [
        (o, [(day, site.finding(code, o.id, day)) for day in site.dates]) for o in site.catalog.obligations
    ]
    pages.render(
        country_path(code), "country.html.j2", title=site.name(code), section="countries",
        crumbs=[(w.ui("home"), "index.html"), (w.ui("countries"), "country/index.html")],
        code=code, book=book, summary=summary, day=last, chart=_chart_view(chart, f"chart-{code}", w),
        events=[tuple(c.text for c in row) for row in events.rows], timeline_rows=timeline_rows,
        instruments=instruments, orphans=orphans, not_law=NOT_LAW_YET,
    )
    for p in book.provisions:
        _provision(pages, code, book, p)
    for fact in book.facts:
        end = fact_end(fact)
        pages.render(
            fact_path(fact.id), "fact.html.j2", title=f"{fact.id}: {fact.title}", section="countries",
            crumbs=[(w.ui("home"), "index.html"), (w.ui("countries"), "country/index.html"),
                    (site.name(code), country_path(code))],
            code=code, fact=fact, holds_until=end, sources=_sources(fact.sources),
            clauses=[_clause_text(c) for c in fact.clauses], cited=_cited(site, code, fact.id),
        )


@dataclass(frozen=True)
class ChartView:
    id: str
    svg: Markup
    days: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def _chart_view(chart: Chart, cid: str, w: Words) -> ChartView:
    from lawcmp.render.chart import chart_svg, describe

    days, values = chart.table()
    rows = tuple((s.name, tuple(map(chart_value, row))) for s, row in zip(chart.series, values, strict=True))
    svg = chart_svg(chart, cid, describe(chart, w.report("chart_alt")))
    return ChartView(cid, Markup(svg), tuple(d.isoformat() for d in days), rows)


def _clause_text(c: ClauseBase) -> str:
    return "\n".join(clause_lines(c))


def _cited(site: Site, code: str, origin: str) -> list[tuple[str, list[FindingPage]]]:
    by_obligation = site.cited.get(origin, {})
    return [(o.id, by_obligation[o.id]) for o in site.catalog.obligations if o.id in by_obligation]


def _provision(pages: Pages, code: str, book: StatuteBook, p: Provision) -> None:
    site, w = pages.site, pages.site.words
    instrument = next((i for i in book.instruments if i.id == p.instrument), None)
    versions = []
    for v, nxt in itertools.zip_longest(p.versions, p.versions[1:]):
        if nxt is not None:
            end = w.ui("superseded", day=str(nxt.start))
        elif p.repeal is not None:
            end = w.ui("repealed_from", day=str(p.repeal.start))
        else:
            end = None
        versions.append((v, end, [_clause_text(c) for c in v.clauses], _sources(v.sources)))
    pages.render(
        provision_path(p.id), "provision.html.j2", title=f"{p.id}: {p.title}", section="countries",
        crumbs=[(w.ui("home"), "index.html"), (w.ui("countries"), "country/index.html"),
                (site.name(code), country_path(code))],
        code=code, provision=p, instrument=instrument, versions=versions,
        repeal_sources=_sources(p.repeal.sources) if p.repeal is not None else (),
        draft=instrument is not None and instrument.status in NOT_LAW_YET, cited=_cited(site, code, p.id),
    )


def _obligations(pages: Pages) -> None:
    site, w = pages.site, pages.site.words
    groups = [(w.pillar(p), site.catalog.by_pillar(p)) for p in PILLARS if site.catalog.by_pillar(p)]
    pages.render("obligation/index.html", "obligations.html.j2", title=w.ui("obligations"), section="obligations",
                 crumbs=[(w.ui("home"), "index.html")], groups=groups)
    for o in site.catalog.obligations:
        rows = [(day, [(code, site.finding(code, o.id, day)) for code in site.codes]) for day in site.dates]
        pages.render(
            obligation_path(o.id), "obligation.html.j2", title=f"{o.id}: {o.title_in(w.lang)}", section="obligations",
            crumbs=[(w.ui("home"), "index.html"), (w.ui("obligations"), "obligation/index.html")],
            o=o, tests=[describe_test(c.test) for c in o.criteria], rows=rows,
            action=o.recommend.get(w.lang) or o.recommend.get("en"),
        )


def _findings(pages: Pages, code: str) -> None:
    site, w = pages.site, pages.site.words
    name = site.assessments[site.dates[0]][code].name
    for o in site.catalog.obligations:
        strip = site.runs(code, o.id)
        for page in strip:
            f, day = page.finding, page.days[0]
            criteria = [(c, evidence_of(site, code, c.evidence)) for c in f.criteria]
            precedents = [(p, evidence_of(site, p.jurisdiction, p.evidence)) for p in page.precedents]
            if f.recommendation is not None:
                recommendation = recommendation_text(f.recommendation.verb, name, f.recommendation.action, w.lang)
            elif f.rating == "NI":
                recommendation = w.label("ask_information")
            else:
                recommendation = w.label("no_recommendation")
            pages.render(
                page.path, "finding.html.j2",
                title=f"{site.name(code)}: {o.title_in(w.lang)}", section="matrix",
                crumbs=[(w.ui("home"), "index.html"), (day.isoformat(), matrix_path(day)),
                        (site.name(code), country_path(code)), (o.id, obligation_path(o.id))],
                code=code, o=o, f=f, page=page, day=day, criteria=criteria, precedents=precedents,
                recommendation=recommendation, strip=strip,
            )


# -- writing ----------------------------------------------------------------------------------------------------


def render_site(corpus: Corpus, lang: str = "en", *, dates: Sequence[dt.date] | None = None,
                catalog: Catalog | None = None) -> dict[str, str | bytes]:
    """Every file of the site, by its path relative to the site's root, in memory."""
    files: dict[str, str | bytes] = {}
    _render_pages(_site(corpus, lang, dates, catalog), files.__setitem__)
    out = dict(sorted(files.items()))
    out["assets/site.css"] = _stylesheet()
    return out


def _site(corpus: Corpus, lang: str, dates: Sequence[dt.date] | None, catalog: Catalog | None) -> Site:
    return _prepare(corpus, catalog or load_catalog(), lang, dates or site_dates(corpus))


def _render_pages(site: Site, emit: Callable[[str, str], None]) -> None:
    with progress.bar("writing pages") as advance:
        pages = Pages(site, emit, advance)
        _shared(pages)
        for code in site.codes:
            _state(pages, code)


def _shared(pages: Pages) -> None:
    """The pages about every state at once: the matrices, the indexes, the obligations."""
    _index(pages)
    _countries(pages)
    _obligations(pages)


def _state(pages: Pages, code: str) -> None:
    """The pages of one state: its country page, provisions, facts and findings."""
    _country(pages, code, pages.site.corpus.books[code])
    _findings(pages, code)


# Pages rendered but not yet on disk, at most: the world's site is 100,000 pages, 1.3 GB of
# HTML, which a build that rendered every page before writing held in memory at once.
_PENDING = 8 * _WRITERS
# States taken at a time by each process that renders the states' pages.
_CHUNK = 2


class _Writer:
    """Pages into files under `staging` as they are rendered: written by threads, so that
    the waits for the disk overlap, with at most `_PENDING` pages waiting. One per process."""

    def __init__(self, staging: Path, noted: DeferredSignals) -> None:
        self.staging, self.noted = staging, noted
        self.pool = ThreadPoolExecutor(_WRITERS)
        self.pending: deque[Future[None]] = deque()
        self.made: set[Path] = set()
        self.written: list[str] = []
        self._names: set[str] = set()

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def write(self, name: str, content: str | bytes) -> None:
        if self.noted.caught:
            raise Terminated()
        if name in self._names:  # the same page again: the last one wins, as in `render_site`
            self.flush()
        else:
            self._names.add(name)
            self.written.append(name)
        folder = (self.staging / name).parent
        if folder not in self.made:
            folder.mkdir(parents=True, exist_ok=True)
            self.made.add(folder)
        self.pending.append(self.pool.submit(write_atomic, self.staging / name, content))
        while len(self.pending) > _PENDING:
            self.pending.popleft().result()

    def flush(self) -> None:
        while self.pending:
            self.pending.popleft().result()


def build_site(corpus: Corpus, out_dir: Path | str, lang: str = "en", *, dates: Sequence[dt.date] | None = None,
               catalog: Catalog | None = None, jobs: int | None = None) -> list[Path]:
    """Write the site into `out_dir`, replacing a site built there before; the files written.

    The site is built in a temporary sibling directory, each file written atomically,
    and the directory renamed into place only when complete: an error or an interrupt
    leaves the old site (or nothing) behind, never a half-built one. A directory that
    is neither empty nor a site lawcmp built is never replaced. The states' own pages
    are shared with forked workers for a large corpus (`lawcmp.support.parallel`; `jobs`
    processes, default one per CPU), each writing its own.

    >>> import tempfile
    >>> from lawcmp.load.corpus import load_text
    >>> corpus = load_text('''
    ... jurisdiction KG "Kyrgyz Republic" {
    ... }
    ... instrument KG/CC "Criminal Code" {
    ...   source "003_302ca85d5f157d7b.txt" "Criminal Code"
    ... }
    ... provision KG/CC/124 "Trade in persons" {
    ...   version 2003-08 {
    ...     offence trafficking
    ...     source "003_302ca85d5f157d7b.txt" "amended to provide"
    ...   }
    ... }
    ... ''', "KG.law")
    >>> out = Path(tempfile.mkdtemp()) / "site"
    >>> written = build_site(corpus, out)
    >>> (out / "index.html").is_file(), out / "provision" / "KG" / "CC" / "124.html" in written
    (True, True)
    >>> sorted(p.name for p in (out / "matrix").iterdir())
    ['2003-01-01.html', '2003-12-31.html']
    >>> shutil.rmtree(out.parent)
    """
    target = Path(out_dir)
    _check_replaceable(target)
    site = _site(corpus, lang, dates, catalog)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Signals are noted, not acted on, while the site is written (an exception raised by a
    # handler can be lost in a weakref callback or a worker thread); the build stops at the
    # next page, and the site is renamed into place only if none came.
    with DeferredSignals() as noted, _staging(target, noted) as staging:
        names = [n for written in _write_states(site, staging, noted, jobs) for n in written]
        with _Writer(staging, noted) as writer:
            with progress.bar("writing the matrices") as advance:
                _shared(Pages(site, writer.write, advance))
            names.extend(writer.written)
            names.sort()
            writer.write("assets/site.css", _stylesheet())
            writer.write(MARKER, f"lawcmp {__version__} site; `lawcmp site` replaces this directory whole.\n")
    return [target / name for name in [*names, "assets/site.css", MARKER]]


def _write_states(site: Site, staging: Path, noted: DeferredSignals, jobs: int | None) -> list[list[str]]:
    """Each state's pages written under `staging`: the names of each state's files, in
    the order of `site.codes`.

    A forked worker goes back to the signal handling the command had: killed by an
    interrupt, it leaves only files in `staging`, which this process removes. A full
    disk in a worker is raised here as the `OSError` it was, not as a worker's failure.
    """
    from lawcmp.support.parallel import map_books

    codes = site.codes
    parent = os.getpid()

    def work(indices: Sequence[int]) -> list[list[str] | OSError]:
        if os.getpid() != parent:
            noted.restore()
            noted.act()  # a signal that came before the handlers were back: as it would have
        out: list[list[str] | OSError] = []
        try:
            with _Writer(staging, noted) as writer:
                for i in indices:
                    done = len(writer.written)
                    _state(Pages(site, writer.write), codes[i])
                    out.append(writer.written[done:])
        except OSError as exc:
            return [exc] * len(indices)
        return out

    # Largest first: the last ones taken fill the gaps.
    order = sorted(range(len(codes)), key=lambda i: -sum(len(site.runs(codes[i], o.id)) for o in site.catalog.obligations))
    try:
        results = map_books(work, order, jobs=jobs, chunk=_CHUNK, description="writing each state's pages")
    except RuntimeError:
        if noted.caught:  # a worker the same interrupt ended
            raise Terminated() from None
        raise
    for r in results:
        if isinstance(r, OSError):
            raise r
    return [r for r in results if not isinstance(r, OSError)]


def _check_replaceable(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise FileExistsError(errno.EEXIST, "exists and is not a directory; refusing to replace it", str(target))
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise FileExistsError(errno.EEXIST, "is not empty and not a lawcmp site; refusing to replace it", str(target))


@contextlib.contextmanager
def _staging(target: Path, noted: DeferredSignals | None = None) -> Iterator[Path]:
    """A temporary sibling of `target` to build in, renamed over `target` on success
    and removed on failure."""
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)  # mkdtemp's 0700 would hide the site from a web server
    try:
        yield staging
        if noted is not None and noted.caught:
            raise Terminated()
        _check_replaceable(target)  # the directory may have changed while the site was built
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, old / "site")
        try:
            os.replace(staging, target)
        except BaseException:
            if old is not None:
                os.replace(old / "site", target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, Terminated):
            interrupted = noted is not None and noted.caught[:1] == [signal.SIGINT]
            raise SystemExit(130 if interrupted else 143) from None
        raise
