"""The trainer's workshop pack: handout, comparative tables, exercises with an answer key,
and a one-page summary per state — all generated from the engine's findings.

Every exercise is built so that exactly one option is correct according to the engine,
and every answer cites the provision and source that make it so. The same inputs give
the same pack; `seed` varies which exercises are drawn.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from lawcmp.engine.dual import YES, Conduct, offence_covers
from lawcmp.engine.evaluate import assess_book
from lawcmp.law.snapshot import InForce, snapshot
from lawcmp.load.catalog import load_catalog
from lawcmp.model.document import RATING_SYMBOLS, Cell, Document, Section, Table
from lawcmp.model.findings import Assessment, Evidence
from lawcmp.model.rules import PILLARS, Catalog
from lawcmp.model.statute import Corpus, Offence
from lawcmp.reports.docparts import explanation_text, gap_text, legend, methods_section, rating_cell, run_meta
from lawcmp.reports.standard import compare
from lawcmp.reports.terms import basis_in
from lawcmp.support import progress
from lawcmp.support.diagnostics import books_for
from lawcmp.support.i18n import label, section_words, t

LETTERS = "ABCD"


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str  # the engine's reason, with provision and source
    basis: tuple[str, ...] = ()  # what the answer rests on, for re-checking: see the tests


@dataclass(frozen=True)
class Exercise:
    kind: str  # which-satisfies, spot-the-gap, scenario
    question: str
    options: tuple[Option, ...]

    @property
    def answer(self) -> int:
        (index,) = [i for i, o in enumerate(self.options) if o.correct]
        return index


def _cite(e: Evidence) -> str:
    source = f" — {e.sources[0]}" if e.sources else ""
    return f"{e.origin} ({e.since}){source}"


def _law_evidence(a: Assessment, obligation: str, criterion: str) -> tuple[Evidence, ...]:
    f = a.finding(obligation)
    c = next(c for c in f.criteria if c.name == criterion)
    return tuple(e for e in c.evidence if e.basis == "law")


@dataclass(frozen=True)
class Subject:
    """One state in the pack: its findings and the law in force they rest on."""

    assessment: Assessment
    law: tuple[InForce, ...]


def which_satisfies(subjects: Sequence[Subject], catalog: Catalog, rnd: random.Random, lang: str = "en") -> list[Exercise]:
    """"Which of these provisions satisfies …?" — one state's provision meets the core
    criterion in law, three others' provisions fail it, or meet it only in part, in law."""
    words = section_words("workshop", lang)
    out = []
    for o in catalog.obligations:
        core = next((c for c in o.criteria if c.core), None)
        if core is None:
            continue
        good, bad = [], []
        for a in (s.assessment for s in subjects):
            f = a.finding(o.id)
            result = next(c for c in f.criteria if c.name == core.name)
            law = tuple(e for e in result.evidence if e.basis == "law")
            if not law:
                continue
            if result.grade == "met":
                good.append((a, law[0], explanation_text(result, lang)))
            elif result.grade in ("not met", "partly met"):  # a related offence only partly satisfies it
                bad.append((a, law[0], explanation_text(result, lang)))
        basis = (o.id, core.name)
        if not good or len(bad) < 2:
            continue
        right = rnd.choice(good)
        wrong = rnd.sample(bad, min(3, len(bad)))
        options = [Option(f"{right[0].jurisdiction} {right[1].origin} «{right[1].title}»", True, f"{right[2]} ({_cite(right[1])})",
                          (right[0].jurisdiction, *basis))]
        options += [Option(f"{a.jurisdiction} {e.origin} «{e.title}»", False, f"{why} ({_cite(e)})", (a.jurisdiction, *basis))
                    for a, e, why in wrong]
        rnd.shuffle(options)
        question = words["satisfies"].format(basis=basis_in(o.basis, lang), criterion=core.title_in(lang))
        out.append(Exercise("which-satisfies", question, tuple(options)))
    return out


def spot_the_gap(subjects: Sequence[Subject], catalog: Catalog, rnd: random.Random, lang: str = "en") -> list[Exercise]:
    """"Spot the gap" — which element of the Protocol definition is missing from a state's
    trafficking offence? One option is missing, three are present (per the engine's snapshot)."""
    vocab = catalog.vocabulary
    words, term = section_words("workshop", lang), section_words("term", lang)
    out = []
    for subject in subjects:
        a = subject.assessment
        book_items = [i for i in subject.law if isinstance(i.clause, Offence)]
        for item in book_items:
            c = item.clause
            assert isinstance(c, Offence)
            for field, set_name in (("acts", "protocol-acts"), ("means", "protocol-means"), ("purposes", "protocol-purposes")):
                values = getattr(c, field)
                if values is None:
                    continue
                members = vocab.sets[set_name]
                missing = [m for m in members if m not in values]
                present = [m for m in members if m in values]
                if not missing or not present:
                    continue
                gap = rnd.choice(missing)
                source = f" — {item.sources[0]}" if item.sources else ""
                of = words[field]
                options = [Option(term[gap], True, words["not_listed"].format(
                    origin=item.origin, since=item.since, term=term[gap], field=of, source=source),
                    (a.jurisdiction, item.origin, field, gap))]
                options += [Option(term[p], False, words["listed"].format(origin=item.origin, term=term[p], field=of),
                                   (a.jurisdiction, item.origin, field, p))
                            for p in rnd.sample(present, min(3, len(present)))]
                rnd.shuffle(options)
                question = words["spot_gap"].format(name=a.name_in(lang), origin=item.origin, title=item.title, since=item.since,
                                                    which=words[f"which_{field}"])
                out.append(Exercise("spot-the-gap", question, tuple(options)))
    return out


def scenarios(subjects: Sequence[Subject], catalog: Catalog, rnd: random.Random, lang: str = "en") -> list[Exercise]:
    """"Is this scenario trafficking under article X of state Y?" — yes or no, decided by
    the article's elements; scenarios whose answer the sources leave open are never asked."""
    sets = catalog.vocabulary.sets
    words, case = section_words("workshop", lang), section_words("term_case", lang)
    out = []
    for subject in subjects:
        a = subject.assessment
        for item in subject.law:
            if not isinstance(item.clause, Offence):
                continue
            for _ in range(6):
                child = rnd.random() < 0.3
                conduct = Conduct(rnd.choice(sets["protocol-acts"]), None if child else rnd.choice(sets["protocol-means"]),
                                  rnd.choice(sets["protocol-purposes"]))
                verdict = offence_covers(item, conduct)
                if verdict not in (YES, "no"):
                    continue
                how = words["without_means"] if conduct.means is None else words["by_means"].format(means=case[conduct.means])
                question = words["scenario"].format(
                    act=case[conduct.act], victim=words["child" if child else "adult"], how=how, purpose=case[conduct.purpose],
                    origin=item.origin, title=item.title, name=a.name_in(lang), day=a.as_of.isoformat())
                source = f" — {item.sources[0]}" if item.sources else ""
                why = words["covers" if verdict == YES else "not_covers"].format(origin=item.origin, since=item.since, source=source)
                basis = (a.jurisdiction, item.origin, conduct.act, conduct.means or "", conduct.purpose)
                options = (Option(words["yes"], verdict == YES, why, basis), Option(words["no"], verdict != YES, why, basis))
                out.append(Exercise("scenario", question, options))
                break
    return out


def build_exercises(subjects: Sequence[Subject], catalog: Catalog, seed: int, per_kind: int = 6,
                    lang: str = "en") -> list[Exercise]:
    """The exercises of a pack: the same draw in every language, for the same seed."""
    rnd = random.Random(seed)
    chosen: list[Exercise] = []
    for maker in (which_satisfies, spot_the_gap, scenarios):
        pool = maker(subjects, catalog, rnd, lang)
        chosen += rnd.sample(pool, min(per_kind, len(pool)))
    return chosen


@dataclass(frozen=True)
class Pack:
    handout: Document
    tables: Document
    exercises: Document
    answers: Document
    summaries: Document
    items: tuple[Exercise, ...]

    def documents(self) -> dict[str, Document]:
        return {"handout": self.handout, "tables": self.tables, "exercises": self.exercises,
                "answer-key": self.answers, "summaries": self.summaries}


def workshop(corpus: Corpus, codes: Sequence[str] | None, as_of: dt.date, lang: str = "en", seed: int = 0,
             catalog: Catalog | None = None) -> Pack:
    catalog = catalog or load_catalog()
    books = books_for(corpus, codes)
    assessments = [assess_book(b, as_of, catalog, corpus.digest) for b in progress.track(books, "evaluating")]
    subjects = [Subject(a, snapshot(b, as_of).law) for a, b in zip(assessments, books, strict=True)]
    meta = run_meta(corpus, as_of, lang, [(label("seed", lang), str(seed))])
    ratings = [f.rating for a in assessments for f in a.findings]
    handout = compare(corpus, [b.jurisdiction.code for b in books], as_of, lang, catalog)
    words = section_words("workshop", lang)
    handout = handout.model_copy(update={
        "kind": "handout", "title": words["handout_title"],
        # The comparison's own methods give way to the pack's: its ratings, and what a trainer should check.
        "sections": (Section(heading=words["handout_heading"], paragraphs=(
            words["handout_definition"], words["handout_columns"])), *handout.sections[:-1],
            methods_section(books, ratings, lang, (label("methods_compare", lang), label("methods_workshop", lang)))),
    })
    # Every file of the pack is handed out on its own (the exercises without the answers),
    # so each ends with the methods; the tables, exercises, answers and summaries with what
    # a trainer should check, the handout with what its comparison adds too.
    methods = methods_section(books, ratings, lang, (label("methods_workshop", lang),))
    pillar_sections = []
    for pillar in PILLARS:
        obligations = catalog.by_pillar(pillar)
        rows = tuple(
            (Cell(text=o.id, bold=True, note=o.title_in(lang)), *(rating_cell(a.finding(o.id), lang) for a in assessments))
            for o in obligations
        )
        pillar_sections.append(Section(heading=t("pillar", pillar, lang), tables=(Table(
            name=pillar[:20], headers=(label("obligation", lang), *(a.jurisdiction for a in assessments)), rows=rows),)))
    tables = Document(kind="tables", lang=lang, title=words["tables_title"], subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                      meta=meta, legend=legend(lang), sections=(*pillar_sections, methods))
    items = tuple(build_exercises(subjects, catalog, seed, lang=lang))
    questions, answers = [], []
    for n, ex in enumerate(items, 1):
        questions.append(Section(heading=words["exercise"].format(n=n), level=3, paragraphs=(ex.question,),
                                 bullets=tuple(f"{LETTERS[i]}. {o.text}" for i, o in enumerate(ex.options))))
        right = ex.options[ex.answer]
        letter = LETTERS[ex.answer]
        answers.append(Section(heading=words["exercise_answer"].format(n=n, letter=letter), level=3,
                               paragraphs=(words["answer"].format(letter=letter, text=right.text), words["why"].format(why=right.why)),
                               bullets=tuple(f"{LETTERS[i]}. {o.why}" for i, o in enumerate(ex.options) if not o.correct)))
    exercises = Document(kind="exercises", lang=lang, title=words["exercises_title"], subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                         meta=meta, sections=(*questions, methods))
    answer_key = Document(kind="answers", lang=lang, title=words["answers_title"], subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                          meta=meta, sections=(*answers, methods))
    summaries = []
    for a in assessments:
        counts = a.pillar_summary()
        gaps = [f for f in a.findings if f.rating in ("NC", "PC") and f.strength in ("mandatory", "mandatory-qualified")]
        summaries.append(Section(
            heading=f"{a.name_in(lang)} ({a.jurisdiction})", level=2,
            paragraphs=tuple(f"{t('pillar', p, lang)}: " + ", ".join(f"{RATING_SYMBOLS[r]} {r} × {n}" for r, n in c.items()) for p, c in counts.items()),
            bullets=tuple(f"{f.obligation}: {f.label} — {gap_text(f, lang) or ''}".rstrip(" —") for f in gaps[:6]),
        ))
    summary_doc = Document(kind="summaries", lang=lang, title=words["summaries_title"], subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                           meta=meta, legend=legend(lang), sections=(*summaries, methods))
    return Pack(handout, tables, exercises, answer_key, summary_doc, items)
