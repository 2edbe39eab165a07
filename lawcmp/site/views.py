"""What a site page shows: its dates, file names and words, and the views its templates render."""


from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from lawcmp.engine.evaluate import assess_book
from lawcmp.engine.precedents import NEEDS_PRECEDENTS, Precedent, Ranking
from lawcmp.law.snapshot import change_points, fact_end
from lawcmp.model.document import RATING_SYMBOLS
from lawcmp.model.findings import Assessment, CriterionResult, Evidence, Finding
from lawcmp.model.rules import PILLARS, Catalog, Obligation
from lawcmp.model.statute import Citation, Corpus, StatuteBook
from lawcmp.reports.docparts import contested_lines, explanation_text, gap_text
from lawcmp.reports.terms import basis_in, clause_in, term_in
from lawcmp.support import progress
from lawcmp.support.i18n import label, section_words, t

PROTOCOL_YEAR = 2000  # the Trafficking Protocol was adopted in November 2000


MARKER = ".lawcmp-site"  # marks a directory as a site lawcmp built, and so may replace


GRADE_RATING = {"met": "C", "mostly met": "LC", "partly met": "PC", "not met": "NC",
                "not applicable": "N/A", "no information": "NI"}


SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


WRITERS = 8  # files are fsynced one by one: overlapping the waits is most of the speed


def site_dates(corpus: Corpus) -> tuple[dt.date, ...]:
    """The as-of dates of the site: 1 January of every year the corpus covers, and the
    last day of its last year (the reports' reference date), which the site opens on.

    The years run from the first change point to the last one, but not before the
    Protocol's year: earlier law is shown as it stood on 1 January 2000. The day after a
    fact lapses (`snapshot.fact_end`) is a change point by lawcmp's convention, not an
    event in any source, so it does not stretch the range.

    >>> from lawcmp.load.corpus import load_corpus
    >>> days = site_dates(load_corpus())
    >>> days[0].isoformat(), days[-1] == dt.date(days[-2].year, 12, 31), len(days) == days[-1].year - 2000 + 2
    ('2000-01-01', True, True)
    """
    events: set[dt.date] = set()
    for book in corpus.books.values():
        lapses = {end + dt.timedelta(days=1) for f in book.facts if (end := fact_end(f)) is not None}
        events.update(d for d in change_points(book) if d not in lapses or is_dated(book, d))
    if not events:
        return (dt.date(PROTOCOL_YEAR, 1, 1),)
    first = max(min(events).year, PROTOCOL_YEAR)
    last = max(max(events).year, first)
    days = {dt.date(y, 1, 1) for y in range(first, last + 1)} | {dt.date(last, 12, 31)}
    return tuple(sorted(days))


def is_dated(book: StatuteBook, day: dt.date) -> bool:
    """Does anything in the book, other than a fact lapsing, happen on `day`?"""
    for p in book.provisions:
        if any(v.start.day == day for v in p.versions) or (p.repeal is not None and p.repeal.start.day == day):
            return True
    if any(i.repealed is not None and i.repealed.day == day for i in book.instruments):
        return True
    if any(f.start is not None and f.start.day == day for f in book.facts):
        return True
    return any(e.date.day == day for e in book.jurisdiction.treaties)


def segment(part: str) -> str:
    """One path segment from an id; ids are `[A-Za-z0-9][A-Za-z0-9._-]*` by the grammar,
    anything else is percent-encoded (with `%` as `_`, so no two ids share a name)."""
    if SEGMENT.match(part):
        return part
    return "_" + quote(part, safe="").replace("%", "_")


def id_path(kind: str, ident: str) -> str:
    return f"{kind}/" + "/".join(segment(p) for p in ident.split("/")) + ".html"


def finding_path(code: str, obligation: str, day: dt.date) -> str:
    return f"finding/{segment(code)}/{segment(obligation)}/{day.isoformat()}.html"


def provision_path(provision_id: str) -> str:
    return id_path("provision", provision_id)


def fact_path(fact_id: str) -> str:
    return id_path("fact", fact_id)


def country_path(code: str) -> str:
    return f"country/{segment(code)}.html"


def obligation_path(obligation: str) -> str:
    return f"obligation/{segment(obligation)}.html"


def matrix_path(day: dt.date) -> str:
    return f"matrix/{day.isoformat()}.html"


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site's root."""
    return "../" * path.count("/")


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

    def term(self, word: str) -> str:
        """A vocabulary term (a role, a treaty, an instrument's kind or status) by its name in the language."""
        return term_in(word, self.lang)

    def terms(self, words: Sequence[str]) -> str:
        return ", ".join(term_in(word, self.lang) for word in words)

    def clause(self, line: str) -> str:
        """A clause as `lawcmp fmt` lays it out, its words of the statute language in the language."""
        return clause_in(line, self.lang)

    def cites(self, basis: str) -> str:
        """An obligation's basis ("Protocol 3(a); CoE 10"), the treaties' names in the language."""
        return basis_in(basis, self.lang)

    def gap(self, f: Finding) -> str | None:
        return gap_text(f, self.lang)

    def explanation(self, c: CriterionResult) -> str:
        return explanation_text(c, self.lang)


def rating_class(rating: str) -> str:
    """The CSS class of a rating: `r-PC`, `r-NA`."""
    return "r-" + rating.replace("/", "")


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


def prepare(corpus: Corpus, catalog: Catalog, lang: str, dates: Sequence[dt.date]) -> Site:
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
            o.id: pages_of(code, o.id, [(d, f[o.id], r) for d, f, r in zip(site.dates, by_day, rankings, strict=True)])
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


def pages_of(code: str, obligation: str, dated: Sequence[tuple[dt.date, Finding, Ranking]]) -> tuple[FindingPage, ...]:
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


def source_views(cites: Sequence[Citation]) -> tuple[SourceView, ...]:
    return tuple(SourceView(c.document, c.para, c.quote) for c in cites)


def evidence_of(site: Site, code: str, items: Sequence[Evidence]) -> tuple[EvidenceView, ...]:
    paths = site.origins.get(code, {})
    return tuple(
        EvidenceView(e.origin, paths.get(e.origin), e.title, e.since, e.basis, e.excerpt, source_views(e.sources))
        for e in items
    )


def matrix_view(site: Site, day: dt.date, previous: dt.date | None) -> MatrixView:
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
                text = f"{RATING_SYMBOLS[f.rating]} {f.label}"
                if f.rating_range:  # where the sources disagree: the range, and each reading in the tooltip
                    text += f" ({f.rating_range})"
                    rating += "".join(f"; {line}" for line in contested_lines(f, w.lang))
                cells.append(CellView(
                    href=site.finding_path(code, o.id, day), cls=rating_class(f.rating), text=text,
                    title=rating, moved=moved,
                ))
            rows.append(RowView(o, tuple(cells)))
        if rows:
            groups.append((w.pillar(pillar), tuple(rows)))
    return MatrixView(day, previous, tuple(groups))
