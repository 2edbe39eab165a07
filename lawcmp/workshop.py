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

from lawcmp import progress
from lawcmp.catalog import PILLARS, Catalog, load_catalog
from lawcmp.docparts import books_for, gap_text, legend, rating_cell, run_meta
from lawcmp.document import RATING_SYMBOLS, Cell, Document, Section, Table
from lawcmp.dual import YES, Conduct, offence_covers
from lawcmp.engine import assess_book
from lawcmp.findings import Assessment, Evidence
from lawcmp.i18n import label, t
from lawcmp.model import Corpus, Offence
from lawcmp.reports import compare
from lawcmp.snapshot import InForce, snapshot

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


def which_satisfies(subjects: Sequence[Subject], catalog: Catalog, rnd: random.Random) -> list[Exercise]:
    """"Which of these provisions satisfies …?" — one state's provision meets the core
    criterion in law, three others' provisions fail it in law."""
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
                good.append((a, law[0], result.explanation))
            elif result.grade == "not met":
                bad.append((a, law[0], result.explanation))
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
        question = f"Which of these provisions satisfies {o.basis} — “{core.title}”?"
        out.append(Exercise("which-satisfies", question, tuple(options)))
    return out


def spot_the_gap(subjects: Sequence[Subject], catalog: Catalog, rnd: random.Random) -> list[Exercise]:
    """"Spot the gap" — which element of the Protocol definition is missing from a state's
    trafficking offence? One option is missing, three are present (per the engine's snapshot)."""
    vocab = catalog.vocabulary
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
                options = [Option(gap, True, f"{item.origin} ({item.since}) does not list `{gap}` among its {field}, which the Protocol requires{source}",
                                  (a.jurisdiction, item.origin, field, gap))]
                options += [Option(p, False, f"{item.origin} lists `{p}` among its {field}", (a.jurisdiction, item.origin, field, p))
                            for p in rnd.sample(present, min(3, len(present)))]
                rnd.shuffle(options)
                question = (f"{a.name}, {item.origin} «{item.title}» (version of {item.since}): which of these {field} "
                            f"of Protocol art. 3(a) does the offence NOT cover?")
                out.append(Exercise("spot-the-gap", question, tuple(options)))
    return out


def scenarios(subjects: Sequence[Subject], catalog: Catalog, rnd: random.Random) -> list[Exercise]:
    """"Is this scenario trafficking under article X of state Y?" — yes or no, decided by
    the article's elements; scenarios whose answer the sources leave open are never asked."""
    sets = catalog.vocabulary.sets
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
                victim = "a 16-year-old" if child else "an adult"
                how = "without any coercion or deception" if child else f"by {conduct.means.replace('-', ' ')}"  # type: ignore[union-attr]
                question = (f"A person commits {conduct.act} of {victim} {how}, for the purpose of "
                            f"{conduct.purpose.replace('-', ' ')}. Is this an offence under {item.origin} «{item.title}» "
                            f"of {a.name} as it stood on {a.as_of.isoformat()}?")
                source = f" — {item.sources[0]}" if item.sources else ""
                why = f"{item.origin} ({item.since}) {'covers' if verdict == YES else 'does not cover'} this act, means and purpose{source}"
                basis = (a.jurisdiction, item.origin, conduct.act, conduct.means or "", conduct.purpose)
                options = (Option("Yes", verdict == YES, why, basis), Option("No", verdict != YES, why, basis))
                out.append(Exercise("scenario", question, options))
                break
    return out


def build_exercises(subjects: Sequence[Subject], catalog: Catalog, seed: int, per_kind: int = 6) -> list[Exercise]:
    rnd = random.Random(seed)
    chosen: list[Exercise] = []
    for maker in (which_satisfies, spot_the_gap, scenarios):
        pool = maker(subjects, catalog, rnd)
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
    meta = run_meta(corpus, as_of, lang, [("seed", str(seed))])
    handout = compare(corpus, [b.jurisdiction.code for b in books], as_of, lang, catalog)
    handout = handout.model_copy(update={
        "kind": "handout", "title": "The Protocol's definition, state by state",
        "sections": (Section(heading="Protocol art. 3(a): act + means + purpose", paragraphs=(
            "Trafficking in persons is an ACT (recruitment, transportation, transfer, harbouring or receipt of persons), "
            "by MEANS (threat or use of force or other forms of coercion, abduction, fraud, deception, abuse of power or of a "
            "position of vulnerability, or giving or receiving payments or benefits to achieve the consent of a person having "
            "control over another person), for the PURPOSE of exploitation. For a child (under 18), the act and the purpose "
            "suffice (art. 3(c)); the victim's consent is irrelevant where any means was used (art. 3(b)).",
            "Each column below is a state's trafficking offence in force on the date given, element by element, as encoded "
            "from the sources; ≠ marks elements that differ between states.")), *handout.sections),
    })
    pillar_sections = []
    for pillar in PILLARS:
        obligations = catalog.by_pillar(pillar)
        rows = tuple(
            (Cell(text=o.id, bold=True, note=o.title_in(lang)), *(rating_cell(a.finding(o.id), lang) for a in assessments))
            for o in obligations
        )
        pillar_sections.append(Section(heading=t("pillar", pillar, lang), tables=(Table(
            name=pillar[:20], headers=(label("obligation", lang), *(a.jurisdiction for a in assessments)), rows=rows),)))
    tables = Document(kind="tables", lang=lang, title="Comparative tables by pillar", subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                      meta=meta, legend=legend(lang), sections=tuple(pillar_sections))
    items = tuple(build_exercises(subjects, catalog, seed))
    questions, answers = [], []
    for n, ex in enumerate(items, 1):
        questions.append(Section(heading=f"Exercise {n}", level=3, paragraphs=(ex.question,),
                                 bullets=tuple(f"{LETTERS[i]}. {o.text}" for i, o in enumerate(ex.options))))
        right = ex.options[ex.answer]
        answers.append(Section(heading=f"Exercise {n}: {LETTERS[ex.answer]}", level=3,
                               paragraphs=(f"Answer: {LETTERS[ex.answer]}. {right.text}", f"Why: {right.why}"),
                               bullets=tuple(f"{LETTERS[i]}. {o.why}" for i, o in enumerate(ex.options) if not o.correct)))
    exercises = Document(kind="exercises", lang=lang, title="Exercises", subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                         meta=meta, sections=tuple(questions))
    answer_key = Document(kind="answers", lang=lang, title="Answer key", subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                          meta=meta, sections=tuple(answers))
    summaries = []
    for a in assessments:
        counts = a.pillar_summary()
        gaps = [f for f in a.findings if f.rating in ("NC", "PC") and f.strength in ("mandatory", "mandatory-qualified")]
        summaries.append(Section(
            heading=f"{a.name} ({a.jurisdiction})", level=2,
            paragraphs=tuple(f"{t('pillar', p, lang)}: " + ", ".join(f"{RATING_SYMBOLS[r]} {r} × {n}" for r, n in c.items()) for p, c in counts.items()),
            bullets=tuple(f"{f.obligation}: {f.label} — {gap_text(f, lang) or ''}".rstrip(" —") for f in gaps[:6]),
        ))
    summary_doc = Document(kind="summaries", lang=lang, title="One-page summaries", subtitle=f"{label('as_of', lang)} {as_of.isoformat()}",
                           meta=meta, legend=legend(lang), sections=tuple(summaries))
    return Pack(handout, tables, exercises, answer_key, summary_doc, items)
