"""The reports drafters and trainers use, built as format-neutral `Document`s.

- `matrix`: jurisdictions × obligations (or pillars), rating codes with symbols;
- `gap_report`: one state, obligation by obligation, with evidence and recommendations;
- `timeline`: one state's ratings over time, evaluated once per interval in which
  nothing changes (`snapshot.change_points`), with the events that moved them;
- `compare`: offence definitions side by side, aligned by element.

Every label comes from the glossary (`lawcmp.support.i18n`); statute text stays as encoded. The frame
these documents share with the other reports (legend, run information, rating cells) is
built in `lawcmp.reports.docparts`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from lawcmp.engine.evaluate import assess_book
from lawcmp.law.coverage import beyond_sources
from lawcmp.law.snapshot import InForce, change_points, snapshot
from lawcmp.load.catalog import load_catalog
from lawcmp.model.document import RATING_SYMBOLS, Cell, Chart, Document, Point, Section, Series, Table
from lawcmp.model.findings import Assessment, Finding, label_rating
from lawcmp.model.rules import PILLARS, Catalog
from lawcmp.model.statute import Corpus, Offence, StatuteBook
from lawcmp.reports.docparts import (
    contested_lines,
    events_on,
    explanation_text,
    gap_text,
    label_cell,
    legend,
    methods_section,
    precedent_line,
    rating_cell,
    run_meta,
)
from lawcmp.reports.terms import basis_in, term_in
from lawcmp.support import progress
from lawcmp.support.diagnostics import books_for
from lawcmp.support.i18n import label, recommendation_text, section_words, t

if TYPE_CHECKING:
    from lawcmp.load.shelf import Shelf

RATING_VALUE = {"NC": 0.0, "PC": 1.0, "LC": 2.0, "C": 3.0}


# -- matrix ---------------------------------------------------------------------------------------------


BEYOND = " †"  # marks a state's cells at a date after the period its sources cover


def _matrix_cells(book: StatuteBook, as_of: dt.date, catalog: Catalog, digest: str, by: str,
                  lang: str) -> tuple[tuple[Cell, ...], tuple[str, ...]]:
    """One state's cells of the matrix: a row of pillar counts, or a column of ratings; marked
    where the date lies beyond the period the state's sources cover. With them, the state's
    ratings, which a row of counts no longer shows one by one and the methods count."""
    a = assess_book(book, as_of, catalog, digest)
    ratings = tuple(f.rating for f in a.findings)
    mark = BEYOND if beyond_sources(book, as_of) else ""
    if by == "pillar":
        counts = a.pillar_summary()
        return (Cell(text=f"{a.jurisdiction} — {a.name_in(lang)}{mark}", bold=True), *(
            Cell(text=" ".join(f"{RATING_SYMBOLS[r]}{r}×{n}" for r, n in counts.get(p, {}).items())) for p in PILLARS
        )), ratings
    cells = tuple(rating_cell(f, lang) for f in a.findings)
    return (tuple(c.model_copy(update={"text": c.text + mark}) for c in cells) if mark else cells), ratings


def matrix(
    corpus: Corpus | Shelf, as_of: dt.date, codes: Sequence[str] | None = None, by: str = "obligation",
    lang: str = "en", catalog: Catalog | None = None, jobs: int | None = None,
) -> Document:
    """Every state's ratings at one date; its cells carry each finding's reasons.

    The states' cells are independent: for a large corpus they are worked out in
    `jobs` processes (default: one per available CPU; `lawcmp.support.parallel`), and only the
    cells travel back. From a shelf (`lawcmp.load.shelf`), each process reads only the books
    it rates.
    """
    from lawcmp.load.shelf import Shelf
    from lawcmp.support.parallel import map_books

    catalog = catalog or load_catalog()
    shelf = Shelf.of(corpus)
    wanted = shelf.require(codes)
    found = map_books(
        lambda indices: [_matrix_cells(shelf.book(wanted[i]), as_of, catalog, shelf.digest, by, lang) for i in indices],
        sorted(range(len(wanted)), key=lambda i: -shelf.size(wanted[i])), jobs=jobs, chunk=4, description="evaluating",
    )
    cells = [c for c, _ in found]
    headers: tuple[str, ...] = (label("jurisdiction", lang),)
    rows: list[tuple[Cell, ...]]
    if by == "pillar":
        headers += tuple(t("pillar", p, lang) for p in PILLARS)
        rows = cells
    else:
        # Obligations down, states across: a few columns, however long the catalog.
        headers = (label("obligation", lang), *wanted)
        rows = [(Cell(text=o.id, bold=True, note=o.title_in(lang)), *(column[i] for column in cells))
                for i, o in enumerate(catalog.obligations)]
    key = Table(
        name="obligations",
        headers=(label("id", lang), label("obligation", lang), label("basis", lang), label("pillar", lang), label("strength", lang)),
        rows=tuple(
            (Cell(text=o.id), Cell(text=o.title_in(lang)), Cell(text=basis_in(o.basis, lang)), Cell(text=t("pillar", o.pillar, lang)),
             Cell(text=t("strength", o.strength, lang)))
            for o in catalog.obligations
        ),
    )
    table = Table(name="matrix", headers=headers, rows=tuple(rows), wide=len(headers) > 8)
    marked = any(cell.text.endswith(BEYOND) for row in rows for cell in row)
    return Document(
        kind="matrix", lang=lang, title=label("matrix", lang),
        subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
        meta=run_meta(shelf, as_of, lang), legend=legend(lang),
        sections=(Section(heading=label("matrix", lang), tables=(table,),
                          paragraphs=(label("beyond_mark", lang),) if marked else ()),
                  Section(heading=label("obligation", lang), tables=(key,)),
                  methods_section([shelf.book(c) for c in wanted], [r for _, ratings in found for r in ratings], lang)),
    )


# -- gap report ------------------------------------------------------------------------------------------


def _evidence_lines(f: Finding, lang: str) -> list[str]:
    lines = []
    for e in f.evidence():
        head = f"{e.origin} «{e.title}» — {label('since', lang).lower()} {e.since} ({t('basis', e.basis, lang)})"
        if e.excerpt:
            head += f": {e.excerpt}"
        lines.append(head)
    return lines


def _source_lines(f: Finding) -> list[str]:
    seen: dict[str, None] = {}
    for e in f.evidence():
        for s in e.sources:
            seen.setdefault(str(s))
    return list(seen)


def gap_report(
    corpus: Corpus | Shelf, code: str, as_of: dt.date, lang: str = "en", catalog: Catalog | None = None,
) -> Document:
    """The gap report of one state at `as_of`, with precedents from every other state.

    From a shelf (`lawcmp.load.shelf`), each process that assesses other states for
    precedents reads only their books.
    """
    from lawcmp.engine.precedents import NEEDS_PRECEDENTS, other_assessments
    from lawcmp.load.shelf import Shelf

    catalog = catalog or load_catalog()
    shelf = Shelf.of(corpus)
    [code] = shelf.require([code])
    a = assess_book(shelf.book(code), as_of, catalog, shelf.digest)
    wanted = {f.obligation for f in a.findings if f.rating in NEEDS_PRECEDENTS}
    return gap_document(a, shelf, lang, other_assessments(shelf, code, as_of, catalog, wanted))


def gap_document(a: Assessment, corpus: Corpus | Shelf, lang: str = "en", others: Sequence[Assessment] = ()) -> Document:
    """The gap report of one assessment; `others` (other states at the same date) give precedents."""
    from lawcmp.engine.precedents import NEEDS_PRECEDENTS, precedents_for
    from lawcmp.load.shelf import Shelf

    gaps = [f for f in a.findings if f.rating in ("NC", "PC") and f.strength in ("mandatory", "mandatory-qualified")]
    summary_rows = tuple(
        (Cell(text=t("pillar", p, lang), bold=True),
         *(Cell(text=str(counts.get(r, 0)), rating=r if counts.get(r) else None) for r in ("C", "LC", "PC", "NC", "N/A", "NI")))
        for p, counts in a.pillar_summary().items()
    )
    summary = Section(
        heading=label("summary", lang), anchor="summary",
        paragraphs=(f"{a.name_in(lang)} ({a.jurisdiction}) — {label('as_of', lang)} {a.as_of.isoformat()}.",),
        bullets=tuple(f"{f.obligation} {f.title_in(lang)}: {f.label} — {gap_text(f, lang) or ''}".rstrip(" —") for f in gaps),
        tables=(Table(name="pillars", headers=(label("pillar", lang), "C", "LC", "PC", "NC", "N/A", "NI"), rows=summary_rows),),
    )
    sections = [summary]
    names = {o.jurisdiction: o.name_in(lang) for o in others}
    for pillar in PILLARS:
        findings = [f for f in a.findings if f.pillar == pillar]
        if not findings:
            continue
        sections.append(Section(heading=t("pillar", pillar, lang), level=2, anchor=f"pillar-{pillar}"))
        for f in findings:
            criteria = Table(
                name=f"criteria-{f.obligation}",
                headers=(label("criterion", lang), label("result", lang), label("explanation", lang)),
                rows=tuple(
                    (Cell(text=c.title_in(lang) + (f" [{label('core', lang)}]" if c.core else "")),
                     Cell(text=t("grade", c.grade, lang)),
                     Cell(text=explanation_text(c, lang)))
                    for c in f.criteria
                ),
            )
            paragraphs = [
                f"{label('basis', lang)}: {basis_in(f.basis, lang)} · {label('strength', lang)}: {t('strength', f.strength, lang)}",
                f"{label('rating', lang)}: {RATING_SYMBOLS[f.rating]} {f.label} — {t('rating', f.rating, lang)}"
                + (f" ({label('provisional', lang)})" if f.provisional else ""),
            ]
            paragraphs += [f"{label('contested', lang)}: {line}" for line in contested_lines(f, lang)]
            if f.gap:
                paragraphs.append(f"{label('gap', lang)}: {gap_text(f, lang)}")
            if f.recommendation is not None:
                paragraphs.append(
                    f"{label('recommendation', lang)}: "
                    + recommendation_text(f.recommendation.verb, a.name_in(lang), f.recommendation.action, lang)
                )
            elif f.rating == "NI":
                paragraphs.append(f"{label('recommendation', lang)}: {label('ask_information', lang)}")
            bullets = [f"{label('provisions', lang)}: {line}" for line in _evidence_lines(f, lang)]
            bullets += [f"{label('sources', lang)}: {s}" for s in _source_lines(f)]
            if f.rating in NEEDS_PRECEDENTS and others:
                bullets += [f"{label('precedent', lang)}: {precedent_line(p, names[p.jurisdiction], lang)}"
                            for p in precedents_for(f.obligation, list(others))]
            sections.append(Section(
                heading=f"{f.obligation} — {f.title_in(lang)}", level=3, anchor=f"finding-{f.obligation}",
                paragraphs=tuple(paragraphs), bullets=tuple(bullets), tables=(criteria,),
            ))
    findings_table = Table(
        name="findings",
        headers=(label("id", lang), label("obligation", lang), label("pillar", lang), label("strength", lang), label("rating", lang),
                 label("provisions", lang), label("gap", lang)),
        rows=tuple(
            (Cell(text=f.obligation, href=f"#finding-{f.obligation}"), Cell(text=f.title_in(lang)),
             Cell(text=t("pillar", f.pillar, lang)), Cell(text=t("strength", f.strength, lang)),
             rating_cell(f, lang), Cell(text="; ".join(f"{e.origin} ({e.since})" for e in f.evidence())),
             Cell(text=gap_text(f, lang) or ""))
            for f in a.findings
        ),
    )
    sections.insert(1, Section(heading=label("rating", lang), anchor="findings", tables=(findings_table,)))
    book = Shelf.of(corpus).book(a.jurisdiction)
    if beyond_sources(book, a.as_of):
        # First of all: the date lies beyond the sources, so every rating below is their last word.
        start, end = book.jurisdiction.covers  # type: ignore[misc]
        sections.insert(0, Section(heading=label("beyond_sources", lang), anchor="beyond-sources", paragraphs=(
            label("beyond_sources_note", lang).format(name=a.name_in(lang), start=start, end=end, day=a.as_of.isoformat()),)))
    sections.append(methods_section([book], [f.rating for f in a.findings], lang))
    return Document(
        kind="report", main="findings", lang=lang, title=f"{label('gap_report', lang)}: {a.name_in(lang)}",
        subtitle=f"{label('as_of', lang)} {a.as_of.isoformat()}",
        meta=run_meta(corpus, a.as_of, lang, [(label("jurisdiction", lang), a.jurisdiction)]),
        legend=legend(lang), sections=tuple(sections),
    )


# -- timeline -----------------------------------------------------------------------------------------------


def timeline_points(book: StatuteBook, start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every interval in [start, end] in which nothing changes."""
    days = [start] + [d for d in change_points(book) if start < d <= end]
    return sorted(set(days))


def _period(start: dt.date, end: dt.date, lang: str) -> list[tuple[str, str]]:
    """A period's run information: its first and last day, named in `lang`."""
    words = section_words("drafting", lang)
    return [(words["from"], start.isoformat()), (words["to"], end.isoformat())]


def timeline(
    corpus: Corpus, code: str, start: dt.date, end: dt.date, lang: str = "en", catalog: Catalog | None = None,
) -> Document:
    catalog = catalog or load_catalog()
    book = books_for(corpus, [code])[0]
    days = timeline_points(book, start, end)
    assessments = [assess_book(book, d, catalog, corpus.digest) for d in progress.track(days, "evaluating")]
    obligations = catalog.obligations
    rows = []
    for o in obligations:
        cells = [Cell(text=o.id, bold=True)]
        for a in assessments:
            cells.append(rating_cell(a.finding(o.id), lang))
        rows.append(tuple(cells))
    table = Table(name="timeline", headers=(label("obligation", lang), *(d.isoformat() for d in days)),
                  rows=tuple(rows), wide=True)
    labels = [tuple(f.label for f in a.findings) for a in assessments]  # findings come in catalog order
    chart, events_table = timeline_summary(book, days, labels, catalog, lang)
    return Document(
        kind="timeline", main="timeline", lang=lang, title=f"{label('timeline', lang)}: {book.jurisdiction.name_in(lang)}",
        subtitle=f"{start.isoformat()} – {end.isoformat()}",
        meta=run_meta(corpus, None, lang, [(label("jurisdiction", lang), code.upper()), *_period(start, end, lang)]),
        legend=legend(lang),
        sections=(
            Section(heading=label("timeline", lang), charts=(chart,), tables=(events_table,)),
            Section(heading=label("rating", lang), tables=(table,)),
            methods_section([book], [f.rating for f in assessments[-1].findings] if assessments else [], lang),
        ),
    )


def timeline_summary(
    book: StatuteBook, days: Sequence[dt.date], labels: Sequence[Sequence[str]], catalog: Catalog, lang: str,
) -> tuple[Chart, Table]:
    """A timeline's chart (the average rating per pillar) and its events (the changes that
    moved a rating), from the rating labels at each day in catalog order: all they need,
    so the site draws them from `lawcmp.engine.sweep` without building findings."""
    obligations = catalog.obligations
    changes = []
    for day, moved in _moves(days, labels):
        events = "; ".join(events_on(book, day, lang)) or "—"
        text = "; ".join(f"{obligations[i].id}: {old} → {new}" for i, old, new in moved)
        changes.append((Cell(text=day.isoformat()), Cell(text=events), Cell(text=text)))
    events_table = Table(name="events", headers=(label("as_of", lang), label("provisions", lang), label("rating", lang)),
                         rows=tuple(changes))
    series = []
    for pillar in PILLARS:
        members = [i for i, o in enumerate(obligations) if o.pillar == pillar]
        points = []
        for day, row in zip(days, labels, strict=True):
            values = [RATING_VALUE[r] for i in members if (r := label_rating(row[i])) in RATING_VALUE]
            points.append(Point(day=day, value=sum(values) / len(values) if values else None))
        series.append(Series(name=t("pillar", pillar, lang), points=tuple(points)))
    chart = Chart(name="pillars", title=f"{label('timeline', lang)}: {book.jurisdiction.name_in(lang)}", series=tuple(series))
    return chart, events_table


def _moves(days: Sequence[dt.date], labels: Sequence[Sequence[str]]) -> Iterator[tuple[dt.date, list[tuple[int, str, str]]]]:
    """The days on which a rating moved, each with what moved: (obligation's index, old label, new label).

    Each date's labels are compared with the last date's at once: a world history is
    200 books × 61 obligations × about 80 dates, and walking every obligation's dates
    apart took most of a second.
    """
    for day, (before, now) in zip(days[1:], itertools.pairwise(labels), strict=True):
        if before != now:
            yield day, [(i, old, new) for i, (old, new) in enumerate(zip(before, now, strict=True)) if old != new]


def _changes(days: Sequence[dt.date], labels: Sequence[Sequence[str]], n: int) -> list[list[tuple[dt.date, str]]]:
    """Each of `n` obligations' changes of rating, (day, new label), from a book's labels on its days."""
    changes: list[list[tuple[dt.date, str]]] = [[] for _ in range(n)]
    for day, moved in _moves(days, labels):
        for i, _, new in moved:
            changes[i].append((day, new))
    return changes


def history(
    corpus: Corpus | Shelf, start: dt.date, end: dt.date, codes: Sequence[str] | None = None,
    changed_only: bool = False, lang: str = "en", catalog: Catalog | None = None,
) -> Document:
    """Every state's ratings over a period: each obligation's rating at the start, every
    change with its date, and the rating at the end — the timeline matrix of many states.

    Ratings come from `lawcmp.engine.sweep` (no findings are built), in several processes for
    a large corpus: every date on which a rating can change costs microseconds. From a
    shelf (`lawcmp.load.shelf`), each process reads only the books it rates.
    """
    from lawcmp.engine.sweep import rating_timelines
    from lawcmp.load.shelf import Shelf

    catalog = catalog or load_catalog()
    shelf = Shelf.of(corpus)
    wanted = shelf.require(codes)
    timelines = rating_timelines(shelf, wanted, lambda book: timeline_points(book, start, end), catalog)
    rows: list[tuple[Cell, ...]] = []
    for code, (days, labels) in zip(wanted, timelines, strict=True):
        changes = _changes(days, labels, len(catalog.obligations))
        for i, o in enumerate(catalog.obligations):
            moves = changes[i]
            if changed_only and not moves:
                continue
            rows.append((
                Cell(text=code, bold=True), Cell(text=o.id, note=o.title_in(lang)),
                label_cell(labels[0][i]),
                Cell(text="; ".join(f"{day.isoformat()} → {label_cell(new).text}" for day, new in moves) or "—"),
                label_cell(labels[-1][i]),
            ))
    table = Table(
        name="history",
        headers=(label("jurisdiction", lang), label("obligation", lang), start.isoformat(), label("changes", lang),
                 end.isoformat()),
        rows=tuple(rows), wide=True,
    )
    return Document(
        kind="history", lang=lang, title=label("history", lang), subtitle=f"{start.isoformat()} – {end.isoformat()}",
        meta=run_meta(shelf, None, lang, _period(start, end, lang)), legend=legend(lang),
        sections=(Section(heading=label("history", lang), paragraphs=(label("history_note", lang),), tables=(table,)),
                  methods_section([shelf.book(c) for c in wanted],
                                  [label_rating(lab) for _, labels in timelines if labels for lab in labels[-1]], lang)),
    )


# -- comparison of offence definitions -------------------------------------------------------------------------


ELEMENTS: tuple[tuple[str, str], ...] = (
    ("offence", "offence"), ("acts", "acts"), ("means", "means"), ("purposes", "purposes"), ("victims", "victims"),
    ("child-means", "child_means"), ("consent", "consent"), ("transnational", "transnational"),
    ("ancillary", "ancillary"), ("penalty", "penalty"), ("aggravated", "aggravated"), ("legal-persons", "legal_persons"),
)


def offences_in_force(book: StatuteBook, day: dt.date, specific_only: bool = True, specific: frozenset[str] = frozenset()) -> list[InForce]:
    snap = snapshot(book, day)
    found = [i for i in snap.law if isinstance(i.clause, Offence)]
    if specific_only:
        chosen = [i for i in found if set(i.clause.terms) & specific]
        return chosen or found
    return found


def element_values(item: InForce | None, element: str) -> tuple[str, ...] | None:
    """An element of an offence as a tuple of words; None when unknown."""
    if item is None:
        return None
    c = item.clause
    assert isinstance(c, Offence)
    if element == "offence":
        return c.terms
    if element == "penalty":
        if c.penalty is None:
            return None
        p = c.penalty
        words = []
        if p.prison is not None:
            lo = f"{p.prison.low:g}" if p.prison.low is not None else ""
            hi = f"{p.prison.high:g}" if p.prison.high is not None else ""
            words.append(f"prison {lo}..{hi}")
        words += [k for k in p.kinds if k != "prison"]
        return tuple(words)
    if element == "aggravated":
        return tuple(sorted({t for a in c.aggravated for t in a.circumstances})) or None
    if element == "means" and c.no_means:
        return ("none",)
    value = getattr(c, dict(ELEMENTS)[element])
    if value is None:
        return None
    return value if isinstance(value, tuple) else (value,)


def element_in(word: str, lang: str) -> str:
    """A word of `element_values` as a reader of `lang` names it (`prison 4..7`, a term)."""
    if word.startswith("prison "):
        low, high = word.removeprefix("prison ").split("..")
        return label("prison_range", lang).format(low=low, high=high)
    return term_in(word, lang)


def compare(corpus: Corpus, codes: Sequence[str], as_of: dt.date, lang: str = "en", catalog: Catalog | None = None) -> Document:
    catalog = catalog or load_catalog()
    books = books_for(corpus, codes)
    specific = frozenset(catalog.vocabulary.sets.get("specific-offences", ()))
    chosen = []
    for b in books:
        items = offences_in_force(b, as_of, True, specific)
        chosen.append(items[0] if items else None)
    headers = (label("criterion", lang), *(f"{b.jurisdiction.code}: {i.origin} ({i.since})" if i else f"{b.jurisdiction.code}: —"
                                           for b, i in zip(books, chosen, strict=True)))
    rows = []
    for element, _ in ELEMENTS:
        values = [element_values(i, element) for i in chosen]
        known = [set(v) for v in values if v is not None]
        same = len(known) == len(values) and all(k == known[0] for k in known)
        cells = [Cell(text=term_in(element, lang, before_colon=True), bold=True)]
        for v in values:
            if v is None:
                cells.append(Cell(text=t("rating", "NI", lang), mark="missing"))
            else:
                others = [k for k in known if k != set(v)]
                only_here = sorted(set(v) - set().union(*others)) if others else []
                note = label("only_here", lang).format(terms=", ".join(element_in(w, lang) for w in only_here)) if only_here else None
                cells.append(Cell(text=", ".join(element_in(w, lang) for w in v), mark="same" if same else "differs", note=note))
        rows.append(tuple(cells))
    sources = [
        (Cell(text=b.jurisdiction.code), Cell(text="; ".join(str(s) for s in i.sources) if i else "—"),
         Cell(text=i.excerpt or "" if i else ""))
        for b, i in zip(books, chosen, strict=True)
    ]
    return Document(
        kind="compare", lang=lang, title=label("comparison", lang),
        subtitle=f"{', '.join(b.jurisdiction.code for b in books)} — {label('as_of', lang)} {as_of.isoformat()}",
        meta=run_meta(corpus, as_of, lang),
        sections=(
            Section(heading=label("comparison", lang), tables=(Table(name="comparison", headers=headers, rows=tuple(rows), wide=len(books) > 3),)),
            Section(heading=label("sources", lang), tables=(Table(name="sources", headers=(label("jurisdiction", lang), label("sources", lang), label("excerpt", lang)), rows=tuple(sources)),)),
            methods_section(books, (), lang, (label("methods_compare", lang),), rated=False),
        ),
    )
