"""The legislative diff between two dates: what was added, amended and repealed, and which
ratings moved because of it (`lawcmp diff XX --from D1 --to D2`)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from itertools import pairwise

from lawcmp.engine.evaluate import assess_book
from lawcmp.lang.layout import clause_lines
from lawcmp.law.snapshot import version_at
from lawcmp.load.catalog import load_catalog
from lawcmp.model.document import Cell, Document, Section, Table
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Corpus, Provision, StatuteBook, Version
from lawcmp.reports.docparts import dated_events, legend, methods_section, run_meta
from lawcmp.reports.standard import timeline_points
from lawcmp.reports.terms import clause_in
from lawcmp.support.diagnostics import books_for
from lawcmp.support.i18n import label, section_words


def word_diff(old: str, new: str) -> str:
    """A word-level diff: removed words as [-…-], added as {+…+}."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _text(v: Version | None) -> str:
    return (v.text or v.paraphrase or "") if v is not None else ""


def _clauses(v: Version | None) -> list[str]:
    return [line for c in (v.clauses if v else ()) for line in clause_lines(c)]


@dataclass(frozen=True)
class ProvisionChange:
    provision: Provision
    kind: str  # added, amended, repealed
    before: Version | None
    after: Version | None
    when: str

    def text_diff(self) -> str:
        return word_diff(_text(self.before), _text(self.after))

    def clause_diff(self) -> list[str]:
        old, new = _clauses(self.before), _clauses(self.after)
        return [line for line in difflib.unified_diff(old, new, lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def provision_changes(book: StatuteBook, start: dt.date, end: dt.date) -> list[ProvisionChange]:
    out = []
    for p in book.provisions:
        before, after = version_at(p, start), version_at(p, end)
        if before is None and after is not None:
            out.append(ProvisionChange(p, "added", None, after, str(after.start)))
        elif before is not None and after is None:
            when = str(p.repeal.start) if p.repeal and start < p.repeal.start.day <= end else str(end)
            out.append(ProvisionChange(p, "repealed", before, None, when))
        elif before is not None and after is not None and before is not after:
            out.append(ProvisionChange(p, "amended", before, after, str(after.start)))
    return out


@dataclass(frozen=True)
class RatingMove:
    obligation: str
    before: str
    after: str
    day: dt.date
    events: tuple[str, ...]


def rating_moves(book: StatuteBook, start: dt.date, end: dt.date, catalog: Catalog, lang: str = "en") -> list[RatingMove]:
    """Each rating change, at the change point where it happened, with the events that moved it.

    An event is credited with a move where the provision, fact or treaty it is of is
    evidence of the finding before or after; where none of the day's events is (a clause
    that turned "no information" into nothing the finding cites), every event of the day is
    named, as no narrower attribution can be shown.
    """
    days = timeline_points(book, start, end)
    assessments = [assess_book(book, d, catalog) for d in days]
    moves = []
    for prev, cur in pairwise(assessments):
        events = dated_events(book, cur.as_of, lang)
        for a, b in zip(prev.findings, cur.findings, strict=True):
            if a.label != b.label:
                cited = {e.origin for e in (*a.evidence(), *b.evidence())}
                credited = tuple(text for origin, text in events if origin in cited) or tuple(text for _, text in events)
                moves.append(RatingMove(a.obligation, a.label, b.label, cur.as_of, credited))
    return moves


def diff_document(corpus: Corpus, code: str, start: dt.date, end: dt.date, lang: str = "en",
                  catalog: Catalog | None = None) -> Document:
    catalog = catalog or load_catalog()
    book = books_for(corpus, [code])[0]
    changes = provision_changes(book, start, end)
    words = section_words("drafting", lang)
    rows = tuple(
        (Cell(text=c.provision.id, bold=True, note=c.provision.title), Cell(text=words[f"kind_{c.kind}"], mark="differs"),
         Cell(text=c.when),
         Cell(text=c.text_diff()), Cell(text="\n".join(line[:1] + clause_in(line[1:], lang) for line in c.clause_diff())))
        for c in changes
    )
    moves = rating_moves(book, start, end, catalog, lang)
    move_rows = tuple(
        (Cell(text=m.obligation, bold=True), Cell(text=f"{m.before} → {m.after}"), Cell(text=m.day.isoformat()),
         Cell(text="; ".join(m.events) or "—"))
        for m in moves
    )
    return Document(
        kind="diff", main="ratings", lang=lang, title=words["diff_title"].format(name=book.jurisdiction.name_in(lang)),
        subtitle=f"{start.isoformat()} → {end.isoformat()}",
        meta=run_meta(corpus, None, lang, [(label("jurisdiction", lang), book.jurisdiction.code),
                                            (words["from"], start.isoformat()), (words["to"], end.isoformat())]),
        legend=legend(lang),
        sections=(
            Section(heading=words["diff_provisions"], paragraphs=(words["diff_count"].format(n=len(changes)),),
                    tables=(Table(name="provisions", rows=rows, headers=(
                        label("provisions", lang), words["change"], words["date"], words["text"], words["clauses"])),)),
            Section(heading=words["diff_moves"], paragraphs=(words["diff_moves_count"].format(n=len(moves)),),
                    tables=(Table(name="ratings", rows=move_rows, headers=(
                        label("obligation", lang), label("rating", lang), words["date"], words["events"])),)),
            methods_section([book], [f.rating for f in assess_book(book, end, catalog, corpus.digest).findings], lang,
                            (label("methods_diff", lang),)),
        ),
    )
