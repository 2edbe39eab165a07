"""The parts every report document is built from: the books asked for, the run information,
the rating legend, a rating cell and the events of a day.

Every report (`reports`, `whatif`, `legdiff`, `dual`, `workshop`) is a `Document` in the
same frame, so a reader who knows one knows them all: the same legend, the same run
information, the same rating cell with its evidence in the note. Building these parts in
one place keeps that frame the same when one report changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lawcmp.law.snapshot import fact_end
from lawcmp.model.document import RATING_SYMBOLS, Cell, Section
from lawcmp.model.findings import RATINGS, CriterionResult, Finding, label_rating
from lawcmp.model.statute import Corpus, StatuteBook, TreatyEvent
from lawcmp.reports.reasons import reason_in
from lawcmp.support.i18n import label, section_words, t
from lawcmp.support.version import __version__

if TYPE_CHECKING:
    from lawcmp.engine.precedents import Precedent
    from lawcmp.load.shelf import Shelf

NOTE_SOURCES = 6  # a cell's note is read in a tooltip or a comment: a few sources, not all


def run_meta(
    corpus: Corpus | Shelf, as_of: dt.date | None, lang: str, extra: Sequence[tuple[str, str]] = (),
) -> tuple[tuple[str, str], ...]:
    """The run information a document ends with: lawcmp's version, the date and the corpus digest.

    A printed report travels without its command line; these rows are what lets a reader
    reproduce it, or tell that two copies came from different law or a different lawcmp.
    """
    rows = [("lawcmp", __version__)]
    if as_of is not None:
        rows.append((label("as_of", lang), as_of.isoformat()))
    rows.append((label("corpus", lang), corpus.digest[:16]))
    rows.extend(extra)
    return tuple(rows)


def legend(lang: str) -> tuple[tuple[str, str], ...]:
    """Every rating with its symbol and name, best first, so a printed page explains its own cells."""
    return tuple((r, f"{RATING_SYMBOLS[r]} {r} — {t('rating', r, lang)}") for r in RATINGS)


def rating_cell(f: Finding, lang: str, href: str | None = None) -> Cell:
    """A finding as one table cell: symbol and label in the cell, the reasons in its note.

    The symbol keeps the rating readable without colour (print, colour blindness); the
    note carries the criteria and the first sources, so a matrix can be checked cell by
    cell without opening the gap report.
    """
    note = "\n".join(
        [f"{f.obligation}: {t('rating', f.rating, lang)}" + (f" ({label('provisional', lang)})" if f.provisional else "")]
        + [f"{label('contested', lang)}: {line}" for line in contested_lines(f, lang)]
        + [explanation_text(c, lang) for c in f.criteria]
        + [f"{label('sources', lang)}: {s}" for e in f.evidence() for s in e.sources][:NOTE_SOURCES]
    )
    cell = label_cell(f.label, note, href)
    span = f.rating_range
    # "◑ PC (NC–PC, depending on the reading)": where the sources disagree, the range shows.
    return cell.model_copy(update={"text": f"{cell.text} ({span}, {label('contested_cell', lang)})"}) if span else cell


def methods_section(books: Sequence[StatuteBook], ratings: Sequence[str], lang: str, notes: Sequence[str] = (),
                    rated: bool = True) -> Section:
    """What a document rests on, in its own words: the sources and the period they cover, the
    share of "no information" among its `ratings`, law against practice, what this kind of
    document adds (`notes`: a bill's projection, the elements of a comparison) and how to
    read a rating, which a document without ratings (`rated=False`) leaves out.

    Every document ends with it, so that a page read alone (a handout, a printed diff)
    still says that "no information" is not "not compliant" and that practice is not law.
    """
    periods = []
    for b in books:
        name = b.jurisdiction.name_in(lang)
        if b.jurisdiction.covers is None:
            periods.append(label("methods_period_open", lang).format(name=name))
        else:
            start, end = b.jurisdiction.covers
            periods.append(label("methods_period", lang).format(name=name, start=start, end=end))
    judged = [r for r in ratings if r != "N/A"]
    ni = sum(1 for r in judged if r == "NI")
    pct = round(100 * ni / len(judged)) if judged else 0
    share = (label("methods_ni", lang).format(ni=ni, n=len(judged), pct=pct),) if judged else ()
    return Section(heading=label("methods", lang), anchor="methods", paragraphs=(
        label("methods_sources", lang).format(periods="; ".join(periods)), *share,
        label("methods_law", lang), *notes, *((label("methods_scale", lang),) if rated else ()),
    ))


def precedent_line(p: Precedent, name: str, lang: str) -> str:
    """A precedent as a gap report lists it: the state by its `name` in `lang`, its rating,
    how many criteria it meets, and the provisions of its law that meet them."""
    met = label("precedent_met", lang).format(met=p.met, of=p.of)
    return f"{p.jurisdiction} {name}: {p.rating}, {met} — {p.cites()}"


def contested_lines(f: Finding, lang: str) -> list[str]:
    """Each contested reading that rates the finding otherwise, with its sources."""
    return [label("contested_line", lang).format(label=r.label, title=r.title, sources="; ".join(r.sources))
            for r in f.readings]


def label_cell(label: str, note: str | None = None, href: str | None = None) -> Cell:
    """A rating label (`PC`, or `PC?` when provisional) as a cell: its symbol, then the label."""
    rating = label_rating(label)
    return Cell(text=f"{RATING_SYMBOLS[rating]} {label}", rating=rating, note=note, href=href)


def explanation_text(c: CriterionResult, lang: str) -> str:
    """A criterion's explanation with its title and grade in `lang`.

    The engine writes "title — grade: reasons." (`engine.describe.sentence`); the reasons'
    phrases are given in `lang` (`reasons.reason_in`) and the provisions, terms and counts
    they name stay as written, so a Russian page reads
    "русское название — не выполнено: KG/CC/124 (редакция 2003-08) offence …".
    """
    if lang == "en":
        return c.explanation
    head = f"{c.title} — {c.grade}"
    rest = c.explanation[len(head):] if c.explanation.startswith(head) else f": {c.explanation}"
    return f"{c.title_in(lang)} — {t('grade', c.grade, lang)}{reason_in(rest, lang)}"


def gap_text(f: Finding, lang: str) -> str | None:
    """The gap of a finding in `lang`: the criterion that falls short most, and its grade."""
    c = next((c for c in f.criteria if c.name == f.gap_criterion), None) if f.gap else None
    if c is None:
        return f.gap
    return f"{c.title_in(lang)}: {t('grade', c.grade, lang)}."


def events_on(book: StatuteBook, day: dt.date, lang: str = "en") -> list[str]:
    """What happened in the law on `day`: versions, repeals, facts and treaty actions that start then.

    A rating moves only on such a day; naming the events beside the move is what lets a
    reader of a timeline or a diff see why it moved. The day after a fact's period ends
    (`snapshot.fact_end`) is such a day too, but nothing happened in the law: it is named
    as the end of what a source speaks for, never as a legislative event.
    """
    return [text for _origin, text in dated_events(book, day, lang)]


def dated_events(book: StatuteBook, day: dt.date, lang: str = "en") -> list[tuple[str, str]]:
    """`events_on`, each event with the provision, fact or treaty (as evidence names it) it is of."""
    words = section_words("events", lang)
    out = []
    for p in book.provisions:
        for v in p.versions:
            if v.start.day == day:
                out.append((p.id, words["version"].format(id=p.id, title=p.title, date=v.start)))
        if p.repeal is not None and p.repeal.start.day == day:
            out.append((p.id, words["repealed"].format(id=p.id, title=p.title, date=p.repeal.start)))
    for f in book.facts:
        if f.start is not None and f.start.day == day:
            out.append((f.id, words["fact"].format(id=f.id, title=f.title, date=f.start)))
        end = fact_end(f)
        if end is not None and end + dt.timedelta(days=1) == day:
            out.append((f.id, words["fact_ends"].format(id=f.id, title=f.title, date=end.isoformat())))
    for e in book.jurisdiction.treaties:
        if e.date.day == day:
            out.append((f"{book.jurisdiction.code}/treaty/{e.treaty}", f"{e.treaty} {e.action} {treaty_when(e, lang)}"))
    return out


def treaty_when(e: TreatyEvent, lang: str) -> str:
    """When a treaty action happened, in `lang`: its date, or "on or before" it where the
    sources say only that it had happened by then."""
    return label("on_or_before", lang).format(date=e.date) if e.on_or_before else str(e.date)
