"""The documents of the inspecting commands: `assess` (one state's findings), `explain` (the
trace of one finding), `rules` (the catalog) and `sources` (what rests on each source).

As documents they go through the format registry like every report, so each of these
commands writes every format there is; and like every report each ends with its methods
and limitations (`docparts.methods_section`), so a findings table or a trace printed alone
still says what its sources are and that "no information" is not "not compliant".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from lawcmp.engine.describe import describe_test
from lawcmp.model.document import Cell, Document, Section, Table
from lawcmp.model.findings import Assessment, Finding
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Citation, Corpus, StatuteBook
from lawcmp.reports.docparts import explanation_text, gap_text, legend, methods_section, rating_cell, treaty_when
from lawcmp.reports.terms import basis_in, term_in
from lawcmp.support.i18n import label, recommendation_text, t


def decisive(f: Finding, lang: str = "en") -> str:
    """The provisions (with version dates) that decided the finding."""
    return "; ".join(f"{e.origin} ({e.since}{'' if e.basis == 'law' else ', ' + t('basis', e.basis, lang)})"
                     for e in f.evidence())


def _heading(a: Assessment, lang: str) -> str:
    return f"{a.name_in(lang)} ({a.jurisdiction}) — {label('as_of', lang)} {a.as_of.isoformat()}"


def assessment_document(a: Assessment, book: StatuteBook, lang: str = "en") -> Document:
    """Every obligation, its rating and the provisions that decide it; the pillars' counts;
    and the methods, with the period `book`'s sources cover."""
    headers = (label("id", lang), label("obligation", lang), label("pillar", lang), label("strength", lang),
               label("rating", lang), label("provisions", lang))
    rows = tuple(
        (Cell(text=f.obligation), Cell(text=f.title_in(lang)), Cell(text=t("pillar", f.pillar, lang)),
         Cell(text=t("strength", f.strength, lang)), rating_cell(f, lang), Cell(text=decisive(f, lang)))
        for f in a.findings
    )
    summary = tuple(
        f"{t('pillar', p, lang)}: " + " ".join(f"{r}×{n}" for r, n in counts.items())
        for p, counts in a.pillar_summary().items()
    )
    table = Table(name="findings", headers=headers, rows=rows)
    return Document(kind="assess", title=_heading(a, lang), lang=lang, legend=legend(lang),
                    sections=(Section(heading=label("findings", lang), tables=(table,)),
                              Section(heading=label("ratings_per_pillar", lang), bullets=summary),
                              methods_section([book], [f.rating for f in a.findings], lang)))


def trace_document(a: Assessment, f: Finding, book: StatuteBook, lang: str = "en") -> Document:
    """One finding in full: its criteria, the evidence that decided each, the gap and the
    recommendation; and the methods, whose share of "no information" is that of this one finding."""
    facts = (
        f"{label('basis', lang)}: {basis_in(f.basis, lang)} · {label('pillar', lang)}: {t('pillar', f.pillar, lang)}"
        f" · {label('strength', lang)}: {t('strength', f.strength, lang)}",
        f"{label('rating', lang)}: {f.label} — {t('rating', f.rating, lang)}"
        + (f" ({label('provisional', lang)})" if f.provisional else ""),
    )
    criteria = Table(
        name="criteria",
        headers=(label("criterion", lang), label("core", lang), label("result", lang), label("test", lang),
                 label("explanation", lang)),
        rows=tuple((Cell(text=c.name), Cell(text="✓" if c.core else ""), Cell(text=t("grade", c.grade, lang)),
                    Cell(text=c.test), Cell(text=explanation_text(c, lang))) for c in f.criteria),
        wide=True,
    )
    evidence = Table(
        name="evidence",
        headers=(label("criterion", lang), label("provisions", lang), label("title", lang), label("since", lang),
                 label("basis", lang), label("excerpt", lang), label("sources", lang)),
        rows=tuple((Cell(text=c.name), Cell(text=e.origin), Cell(text=e.title), Cell(text=e.since),
                    Cell(text=t("basis", e.basis, lang)), Cell(text=e.excerpt or ""), Cell(text="; ".join(map(str, e.sources))))
                   for c in f.criteria for e in c.evidence),
        wide=True,
    )
    sections = [Section(heading=f"{f.obligation}: {f.title_in(lang)}", paragraphs=facts),
                Section(heading=label("criteria", lang), tables=(criteria,))]
    if evidence.rows:
        sections.append(Section(heading=label("evidence", lang), tables=(evidence,)))
    closing = []
    if f.gap:
        closing.append(f"{label('gap', lang)}: {gap_text(f, lang)}")
    if f.recommendation is not None:
        closing.append(recommendation_text(f.recommendation.verb, a.name_in(lang), f.recommendation.action, lang))
    elif f.rating == "NI":
        closing.append(label("ask_information", lang))
    if closing:
        sections.append(Section(heading=label("gap", lang), paragraphs=tuple(closing)))
    sections.append(methods_section([book], [f.rating], lang))
    return Document(kind="explain", title=_heading(a, lang), lang=lang, sections=tuple(sections))


def catalog_document(catalog: Catalog, books: Sequence[StatuteBook], lang: str = "en") -> Document:
    """The obligations, and each one's criteria with their tests; and the methods of the
    ratings they give, over the sources of `books` (the corpus the catalog is applied to),
    with no share of "no information": the catalog rates nothing itself."""
    obligations = Table(
        name="obligations",
        headers=(label("id", lang), label("title", lang), label("basis", lang), label("pillar", lang), label("strength", lang),
                 label("criteria", lang)),
        rows=tuple(
            (Cell(text=o.id), Cell(text=o.titles.get(lang) or o.title), Cell(text=basis_in(o.basis, lang)),
             Cell(text=t("pillar", o.pillar, lang)), Cell(text=t("strength", o.strength, lang)),
             Cell(text=str(len(o.criteria))))
            for o in catalog.obligations
        ),
    )
    criteria = Table(
        name="criteria",
        headers=(label("id", lang), label("criterion", lang), label("title", lang), label("core", lang), label("test", lang)),
        rows=tuple(
            (Cell(text=o.id), Cell(text=c.name), Cell(text=c.titles.get(lang) or c.title),
             Cell(text="✓" if c.core else ""), Cell(text=describe_test(c.test)))
            for o in catalog.obligations for c in o.criteria
        ),
        wide=True,
    )
    return Document(kind="rules", title=label("catalog", lang), lang=lang, sections=(
        Section(heading=label("obligations", lang), tables=(obligations,),
                paragraphs=(f"{len(catalog.obligations)} {label('obligations', lang).lower()}",)),
        Section(heading=label("criteria", lang), tables=(criteria,)),
        methods_section(books, (), lang),
    ))


def cited_facts(corpus: Corpus, lang: str = "en") -> dict[str, list[str]]:
    """Source document -> the items (provision versions, facts, …) that cite it, named in `lang`."""
    out: dict[str, set[str]] = defaultdict(set)

    def add(items: tuple[Citation, ...], what: str) -> None:
        for c in items:
            out[c.document].add(what + (label("cited_para", lang).format(para=c.para) if c.para else ""))

    for code, book in corpus.books.items():
        for e in book.jurisdiction.treaties:
            add(e.sources, label("cited_treaty", lang).format(code=code, treaty=term_in(e.treaty, lang), action=term_in(e.action, lang),
                                                               when=treaty_when(e, lang)))
        for i in book.instruments:
            add(i.sources, label("cited_instrument", lang).format(id=i.id))
        for p in book.provisions:
            for v in p.versions:
                add(v.sources, label("cited_version", lang).format(id=p.id, date=v.start))
            if p.repeal is not None:
                add(p.repeal.sources, label("cited_repeal", lang).format(id=p.id, date=p.repeal.start))
        for f in book.facts:
            add(f.sources, label("cited_fact", lang).format(id=f.id, date=f.start))
    for b in corpus.bills:
        add(b.sources, label("cited_bill", lang).format(id=b.id))
        for op in b.operations:
            add(getattr(op, "sources", ()), f"{b.id}: {t('bill_op', op.op, lang)} {op.provision}")
    return {doc: sorted(items) for doc, items in sorted(out.items())}


def sources_document(corpus: Corpus, lang: str = "en") -> Document:
    """Every source the corpus cites, with the facts resting on each: a source's weight at a
    glance; and the methods, the period each state's sources cover (no ratings to read)."""
    data = cited_facts(corpus, lang)
    table = Table(
        name="sources",
        headers=(label("sources", lang), label("items", lang), label("cited_by", lang)),
        rows=tuple((Cell(text=doc), Cell(text=str(len(items))), Cell(text="; ".join(items))) for doc, items in data.items()),
        wide=True,
    )
    return Document(kind="sources", title=label("sources", lang), lang=lang,
                    sections=(Section(heading=label("sources", lang), tables=(table,)),
                              methods_section(list(corpus.books.values()), (), lang, rated=False)))
