"""The exercise generator: one correct answer per question, by the engine's own judgment."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from lawcmp.engine.dual import YES, Conduct, offence_covers
from lawcmp.engine.evaluate import evaluate
from lawcmp.law.snapshot import snapshot
from lawcmp.load.corpus import load_corpus
from lawcmp.model.statute import Offence
from lawcmp.reports.workshop import Exercise, Pack, workshop
from tests.helpers import ROOT

STATES = ["KZ", "KG", "TJ", "TM", "UZ"]
DAYS = [dt.date(2006, 1, 1), dt.date(2009, 12, 31)]


@cache
def pack(day: dt.date, seed: int = 0) -> Pack:
    return workshop(load_corpus(), STATES, day, seed=seed)


def _offence(code: str, day: dt.date, origin: str) -> Offence:
    (item,) = [i for i in snapshot(load_corpus().books[code], day).law if i.origin == origin and isinstance(i.clause, Offence)][:1]
    assert isinstance(item.clause, Offence)
    return item.clause


def engine_says(ex: Exercise, index: int, day: dt.date) -> bool:
    """Recompute, independently of the generator, whether option `index` is right."""
    option = ex.options[index]
    if ex.kind == "which-satisfies":
        code, obligation, criterion = option.basis
        finding = evaluate(load_corpus(), code, day).finding(obligation)
        return next(c.grade for c in finding.criteria if c.name == criterion) == "met"
    if ex.kind == "spot-the-gap":
        code, origin, field, term = option.basis
        return term not in getattr(_offence(code, day, origin), field)
    code, origin, act, means, purpose = option.basis
    items = [i for i in snapshot(load_corpus().books[code], day).law if i.origin == origin and isinstance(i.clause, Offence)]
    covered = offence_covers(items[0], Conduct(act, means or None, purpose)) == YES
    return covered == (option.text == "Yes")


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_every_question_has_exactly_one_correct_answer_by_the_engine(day: dt.date) -> None:
    p = pack(day)
    assert {e.kind for e in p.items} == {"which-satisfies", "spot-the-gap", "scenario"}
    for ex in p.items:
        verdicts = [engine_says(ex, i, day) for i in range(len(ex.options))]
        assert verdicts.count(True) == 1, ex.question
        assert verdicts.index(True) == ex.answer


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_answer_key_matches_and_cites_provision_and_source(day: dt.date) -> None:
    p = pack(day)
    letters = "ABCD"
    # One section per exercise, then the methods and limitations every document ends with.
    assert len(p.answers.sections) - 1 == len(p.items) == len(p.exercises.sections) - 1
    assert p.answers.sections[-1].anchor == p.exercises.sections[-1].anchor == "methods"
    for ex, section in zip(p.items, p.answers.sections[:-1], strict=True):
        assert section.heading.endswith(f": {letters[ex.answer]}")
        why = ex.options[ex.answer].why
        assert "/" in why and ("“" in why or "source" in why.lower() or ".txt" in why or "http" in why), why


def test_same_inputs_same_pack_and_seed_varies_it() -> None:
    day = DAYS[0]
    again = workshop(load_corpus(), STATES, day, seed=0)
    assert [e.question for e in again.items] == [e.question for e in pack(day).items]
    other = workshop(load_corpus(), STATES, day, seed=7)
    assert [e.question for e in other.items] != [e.question for e in pack(day).items]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_russian_pack_is_the_same_draw_in_russian_words(day: dt.date) -> None:
    english = pack(day)
    russian = workshop(load_corpus(), STATES, day, lang="ru")
    assert [(e.kind, [o.basis for o in e.options], e.answer) for e in russian.items] == \
        [(e.kind, [o.basis for o in e.options], e.answer) for e in english.items]
    for en, ru in zip(english.items, russian.items, strict=True):
        assert en.question != ru.question
        for a, b in zip(en.options, ru.options, strict=True):
            assert a.why != b.why
            assert a.text != b.text or en.kind == "which-satisfies"  # those name provisions, as encoded
    for name, doc in russian.documents().items():
        en_doc = english.documents()[name]
        assert doc.title != en_doc.title, name
        headings = {s.heading for s in doc.sections} & {s.heading for s in en_doc.sections}
        assert not {h for h in headings if any(c.islower() for c in h if c.isascii())}, name


def test_every_term_of_a_protocol_set_has_its_words_in_both_languages() -> None:
    """The workshop's exercises name the Protocol's acts, means and purposes in the trainee's
    language (glossary `[term]`, and `[term_case]` for the phrase "covers X"): a term added to
    a `protocol-*` set without them would leave an exercise without its words."""
    import tomllib

    from lawcmp.lang.vocabulary import load_vocabulary
    from lawcmp.support.i18n import GLOSSARY

    glossary = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))
    sets = {name: members for name, members in load_vocabulary().sets.items() if name.startswith("protocol-")}
    assert {"protocol-acts", "protocol-means", "protocol-purposes"} <= set(sets)
    missing = [
        f"[{section}] {term} ({lang})"
        for members in sets.values()
        for term in members for section in ("term", "term_case") for lang in ("en", "ru")
        if not glossary.get(section, {}).get(term, {}).get(lang)
    ]
    assert missing == []


def test_a_pack_a_trainer_edited_is_not_overwritten_unless_told(tmp_path: Path) -> None:
    # "`workshop -o DIR` overwrites files a trainer edited, without a word."
    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "lawcmp", "workshop", "-o", str(tmp_path), "--as-of", "2009-12-31",
                               "--formats", "markdown", *extra], cwd=ROOT, capture_output=True, text=True)

    assert run().returncode == 0
    assert run().returncode == 0  # the pack as lawcmp wrote it: written again
    handout = tmp_path / "handout.md"
    handout.write_text(handout.read_text(encoding="utf-8") + "\nA trainer's note.\n", encoding="utf-8")
    refused = run()
    assert refused.returncode == 2 and "handout.md" in refused.stderr and "--force" in refused.stderr
    assert "A trainer's note." in handout.read_text(encoding="utf-8")
    assert run("--force").returncode == 0
    assert "A trainer's note." not in handout.read_text(encoding="utf-8")
