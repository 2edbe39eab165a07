"""A bill projected onto the law as a document: current against projected ratings, gaps closed, narrowed and opened."""

from __future__ import annotations

from lawcmp.engine.whatif import WhatIf, status_text
from lawcmp.model.document import RATING_SYMBOLS, Cell, Document, Section, Table
from lawcmp.model.statute import Corpus
from lawcmp.reports.docparts import gap_text, legend, methods_section, rating_cell, run_meta
from lawcmp.support.diagnostics import books_for
from lawcmp.support.i18n import label, section_words, t


def whatif_document(w: WhatIf, corpus: Corpus, lang: str = "en") -> Document:
    a = w.current
    words = section_words("drafting", lang)
    rows = tuple(
        (Cell(text=c.obligation, bold=True, note=c.current.title_in(lang)), rating_cell(c.current, lang),
         rating_cell(c.projected, lang),
         Cell(text=status_text(c.status, lang), mark="differs" if c.status not in ("unchanged", "left") else None),
         Cell(text="; ".join(f"{name}: {t('grade', old, lang)} → {t('grade', new, lang)}" for name, old, new in c.flips())))
        for c in w.changes
    )
    headers = (label("obligation", lang), words["current"], words["projected"], words["change"], words["flips"])
    table = Table(name="whatif", headers=headers, rows=rows)
    bullets = []
    for status in ("closed", "narrowed", "opened", "widened", "rated"):
        for c in w.by_status(status):
            bullets.append(f"{status_text(status, lang)}: {c.obligation} {c.current.label} → {c.projected.label}")
    left = w.by_status("left")
    counts = {s: len(w.by_status(s)) for s in ("closed", "narrowed", "opened", "widened", "left")}
    summary = Section(
        heading=words["whatif_heading"],
        paragraphs=(
            words["whatif_overlay"].format(bill=w.bill.id, title=w.bill.titles.get(lang, w.bill.title), effective=w.bill.effective, name=a.name_in(lang),
                                           code=a.jurisdiction, day=a.as_of.isoformat()),
            words["whatif_counts"].format(**counts),
        ),
        bullets=tuple(bullets) or (words["whatif_none"],),
    )
    left_section = Section(
        heading=words["whatif_left"],
        bullets=tuple(f"{c.obligation} {RATING_SYMBOLS[c.projected.rating]} {c.projected.label} — {gap_text(c.projected, lang) or t('rating', c.projected.rating, lang)}" for c in left),
    )
    return Document(
        kind="whatif", lang=lang, title=words["whatif_title"].format(title=w.bill.titles.get(lang, w.bill.title)),
        subtitle=f"{a.name_in(lang)} — {label('as_of', lang)} {a.as_of.isoformat()}",
        meta=run_meta(corpus, a.as_of, lang, [(words["bill"], w.bill.id)]), legend=legend(lang),
        sections=(summary, Section(heading=label("rating", lang), tables=(table,)), left_section,
                  methods_section(books_for(corpus, [a.jurisdiction]), [f.rating for f in w.projected.findings], lang, (
                      label("methods_whatif", lang).format(bill=w.bill.id, effective=w.bill.effective or "—"),))),
    )
