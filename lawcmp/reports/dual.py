"""The dual-criminality grid as a document: each combination of act, means and purpose, in both states."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from lawcmp.engine.dual import DualResult
from lawcmp.model.document import Cell, Document, Section, Table
from lawcmp.model.statute import Corpus
from lawcmp.reports.docparts import methods_section, run_meta
from lawcmp.reports.terms import term_in
from lawcmp.support.diagnostics import books_for
from lawcmp.support.i18n import label, section_words


def _verdict_text(verdict: str, r: DualResult, words: Mapping[str, str]) -> str:
    """A verdict as the reader's language says it ("both", "UZ only", …)."""
    if verdict in (f"{r.a} only", f"{r.b} only"):
        return words["verdict_only"].format(code=verdict.removesuffix(" only"))
    return words[f"verdict_{verdict}"]


def _blockers(r: DualResult, words: Mapping[str, str], lang: str) -> list[str]:
    """Elements whose absence in one state blocks cooperation, with how many rows they block."""
    blocked: Counter[tuple[str, str]] = Counter()
    for conduct, x, y, _, _ in r.rows:
        verdict = r.verdict(x, y, r.a, r.b)
        if verdict.endswith("only"):
            for part in (conduct.act, conduct.means or words["child_victim"], conduct.purpose):
                blocked[(part, _verdict_text(verdict, r, words))] += 1
    return [words["dual_blocker"].format(part=term_in(part, lang), verdict=verdict, n=n) for (part, verdict), n in blocked.most_common(12)]


def dual_document(r: DualResult, corpus: Corpus, lang: str = "en") -> Document:
    words = section_words("drafting", lang)
    summary = r.summary()
    order = ("both", f"{r.a} only", f"{r.b} only", "neither", "unknown")
    summary_rows = tuple((Cell(text=_verdict_text(k, r, words), bold=True), Cell(text=str(summary.get(k, 0)))) for k in order)
    marks = {"both": "same", "unknown": "missing"}
    grid = tuple(
        (Cell(text=words["child_victim"] if c.child else words["adult"]), Cell(text=term_in(c.act, lang)),
         Cell(text=term_in(c.means, lang) if c.means else "—"), Cell(text=term_in(c.purpose, lang)), Cell(text=words[x], note=", ".join(px) or None),
         Cell(text=words[y], note=", ".join(py) or None),
         Cell(text=_verdict_text(v, r, words), mark=marks.get(v, "differs")))  # type: ignore[arg-type]
        for c, x, y, px, py in r.rows
        for v in (r.verdict(x, y, r.a, r.b),)
    )
    return Document(
        kind="dual-criminality", main="grid", lang=lang, title=words["dual_title"].format(a=r.a, b=r.b),
        subtitle=f"{label('as_of', lang)} {r.day.isoformat()}", meta=run_meta(corpus, r.day, lang),
        sections=(
            Section(heading=words["dual_summary"],
                    paragraphs=(words["dual_intro"].format(n=len(r.rows), unknown=words["verdict_unknown"]),),
                    bullets=tuple(_blockers(r, words, lang)) or (words["dual_none"],),
                    tables=(Table(name="summary", headers=(words["verdict"], words["combinations"]), rows=summary_rows),)),
            Section(heading=words["dual_grid"], tables=(Table(
                name="grid", headers=(words["victim"], words["act"], words["means"], words["purpose"], r.a, r.b,
                                      words["verdict"]), rows=grid, wide=True),)),
            methods_section(books_for(corpus, [r.a, r.b]), (), lang, (label("methods_dual", lang),), rated=False),
        ),
    )
