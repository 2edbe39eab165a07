"""The site's pages rendered from their templates: index, countries, provisions, obligations and findings."""


from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup

from lawcmp.engine.describe import describe_test
from lawcmp.lang.layout import clause_lines
from lawcmp.law.snapshot import NOT_LAW_YET, fact_end
from lawcmp.model.document import RATING_COLOURS, RATING_SYMBOLS, Chart, chart_value
from lawcmp.model.findings import RATINGS
from lawcmp.model.rules import PILLARS
from lawcmp.model.statute import ClauseBase, Provision, StatuteBook
from lawcmp.render.html import text_colour
from lawcmp.reports.docparts import contested_lines, methods_section
from lawcmp.reports.docparts import legend as docparts_legend
from lawcmp.site.views import (
    GRADE_RATING,
    FindingPage,
    Site,
    Words,
    country_path,
    evidence_of,
    fact_path,
    matrix_path,
    matrix_view,
    obligation_path,
    provision_path,
    rating_class,
    root_of,
    source_views,
)
from lawcmp.support import progress
from lawcmp.support.i18n import recommendation_text
from lawcmp.support.version import __version__


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("lawcmp", "templates"),
        autoescape=select_autoescape(("html", "html.j2", "j2"), default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,  # the templates are the package's: checking each one's mtime per page was 6 % of a build
    )
    env.globals.update(symbols=RATING_SYMBOLS, ratings=RATINGS, cls=rating_class, grade_rating=GRADE_RATING,
                       provision_path=provision_path, fact_path=fact_path,
                       country_path=country_path, obligation_path=obligation_path, matrix_path=matrix_path)
    return env


def load_template(name: str) -> Template:
    return environment().get_template(f"site/{name}")


def report_css() -> str:
    """The HTML report's stylesheet, taken from its template, so that a report and the
    site look the same and change together."""
    env = environment()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "report.html.j2")
    found = re.search(r"<style>\n(.*?)</style>", source, re.S)
    if found is None:
        raise RuntimeError("report.html.j2 has no <style> block to share")
    return found.group(1)


def stylesheet() -> str:
    ratings = [(rating_class(r), RATING_COLOURS[r], text_colour(RATING_COLOURS[r], r)) for r in RATINGS]
    return report_css() + "\n/* -- the site ------------------------------------------------------------ */\n" + \
        load_template("site.css.j2").render(ratings=ratings)


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
                (w.ui("language"), w.term(w.lang)))
        self.emit(path, load_template(template).render(
            w=w, root=root_of(path), path=path, title=title, section=section, crumbs=tuple(crumbs), meta=meta,
            site=self.site, finding_path=self.site.finding_path, **context,
        ))
        self.advance(1)


# The most matrix cells the index holds. Up to this, it holds every date's matrix and its
# selector switches between them in place; beyond, it holds the latest date's only, and
# the selector opens the other dates' own pages. The world's 25 matrices of 200 states
# made a 35 MB index, which took headless Chromium 4.7 – 5.1 s to open; one matrix is
# 1.4 MB, 1.4 – 1.6 s (alternating, on one hour).
INDEX_CELLS = 50_000


def index_page(pages: Pages) -> None:
    site, w = pages.site, pages.site.words
    matrices = [matrix_view(site, day, prev) for prev, day in zip((None, *site.dates), site.dates, strict=False)]
    legend = [(r, rating_class(r), text) for r, text in docparts_legend(w.lang)]
    held = matrices if len(site.codes) * len(site.catalog.obligations) * len(matrices) <= INDEX_CELLS else matrices[-1:]
    pages.render("index.html", "index.html.j2", title=w.label("matrix"), section="matrix",
                 matrices=matrices, held=held, legend=legend)
    for m in matrices:
        pages.render(matrix_path(m.day), "matrix.html.j2", title=w.ui("matrix_at", day=m.day.isoformat()),
                     section="matrix", crumbs=[(w.ui("home"), "index.html")], matrix=m, legend=legend)


def countries_page(pages: Pages) -> None:
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


def country_page(pages: Pages, code: str, book: StatuteBook) -> None:
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
        code=code, book=book, summary=summary, day=last, chart=chart_view(chart, f"chart-{code}", w),
        events=[tuple(c.text for c in row) for row in events.rows], timeline_rows=timeline_rows,
        instruments=instruments, orphans=orphans, not_law=NOT_LAW_YET,
    )
    for p in book.provisions:
        provision_page(pages, code, book, p)
    for fact in book.facts:
        end = fact_end(fact)
        pages.render(
            fact_path(fact.id), "fact.html.j2", title=f"{fact.id}: {fact.title}", section="countries",
            crumbs=[(w.ui("home"), "index.html"), (w.ui("countries"), "country/index.html"),
                    (site.name(code), country_path(code))],
            code=code, fact=fact, holds_until=end, sources=source_views(fact.sources),
            clauses=[clause_text(c) for c in fact.clauses], cited=cited(site, code, fact.id),
        )


@dataclass(frozen=True)
class ChartView:
    id: str
    svg: Markup
    days: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def chart_view(chart: Chart, cid: str, w: Words) -> ChartView:
    from lawcmp.render.chart import chart_svg, describe

    days, values = chart.table()
    rows = tuple((s.name, tuple(map(chart_value, row))) for s, row in zip(chart.series, values, strict=True))
    svg = chart_svg(chart, cid, describe(chart, w.report("chart_alt")))
    return ChartView(cid, Markup(svg), tuple(d.isoformat() for d in days), rows)


def clause_text(c: ClauseBase) -> str:
    return "\n".join(clause_lines(c))


def cited(site: Site, code: str, origin: str) -> list[tuple[str, list[FindingPage]]]:
    by_obligation = site.cited.get(origin, {})
    return [(o.id, by_obligation[o.id]) for o in site.catalog.obligations if o.id in by_obligation]


def provision_page(pages: Pages, code: str, book: StatuteBook, p: Provision) -> None:
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
        versions.append((v, end, [clause_text(c) for c in v.clauses], source_views(v.sources)))
    pages.render(
        provision_path(p.id), "provision.html.j2", title=f"{p.id}: {p.title}", section="countries",
        crumbs=[(w.ui("home"), "index.html"), (w.ui("countries"), "country/index.html"),
                (site.name(code), country_path(code))],
        code=code, provision=p, instrument=instrument, versions=versions,
        repeal_sources=source_views(p.repeal.sources) if p.repeal is not None else (),
        draft=instrument is not None and instrument.status in NOT_LAW_YET, cited=cited(site, code, p.id),
    )


def obligations_page(pages: Pages) -> None:
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


def methods_page(pages: Pages) -> None:
    """Methods and limitations, as every report ends with them: the period each state's
    sources cover, the share of "no information" at the latest date, law against practice,
    how to read a rating, and how the site's dates are chosen. Linked from every page's footer."""
    site, w = pages.site, pages.site.words
    last = site.dates[-1]
    ratings = [f.rating for code in site.codes for f in site.assessments[last][code].findings]
    section = methods_section(list(site.corpus.books.values()), ratings, w.lang,
                              (w.label("methods_site").format(day=last.isoformat()),))
    pages.render("methods.html", "methods.html.j2", title=section.heading, section="methods",
                 crumbs=[(w.ui("home"), "index.html")], paragraphs=section.paragraphs)


def finding_pages(pages: Pages, code: str) -> None:
    site, w = pages.site, pages.site.words
    name = site.assessments[site.dates[0]][code].name_in(w.lang)
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
                recommendation=recommendation, strip=strip, contested=contested_lines(f, w.lang),
            )
