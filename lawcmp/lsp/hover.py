"""What hovering shows: a term's meaning, a provision's history, an obligation's tests.

The words are lawcmp's own data, as a drafter would look them up: the vocabulary
(definition, group, treaty article, synonyms, and the Russian word from the glossary
where the reports have one), the corpus (an instrument's dates, a provision's versions)
and the catalog (an obligation's basis and criteria).
"""

from __future__ import annotations

from lsprotocol import types as lsp

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.lsp.analysis import Analysis, Context
from lawcmp.lsp.symbols import Index
from lawcmp.lsp.text import Word, lines_of, word_at
from lawcmp.model.rules import Obligation
from lawcmp.model.statute import Instrument, Provision


def hover(analysis: Analysis, context: Context, index: Index, position: lsp.Position) -> lsp.Hover | None:
    lines = lines_of(analysis.text, context.encoding)
    word = word_at(lines, position)
    if word is None:
        return None
    text = _describe(word, analysis, context, index)
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=word.range(lines))


def _describe(word: Word, analysis: Analysis, context: Context, index: Index) -> str | None:
    if word.kind == "id":
        found = index.find(word.text, analysis, context)
        if found is None:
            return None
        return describe_item(found.item) + f"\n\nDeclared in `{found.shown}`, line {found.span.line}."
    if word.kind == "oid":
        obligation = _obligation(word.text, analysis, context)
        return describe_obligation(obligation) if obligation is not None else None
    if word.kind == "term":
        vocabulary = context.vocabulary
        return describe_term(word.text, vocabulary) or describe_set(word.text, vocabulary) or describe_field(word.text)
    return None


def _obligation(ident: str, analysis: Analysis, context: Context) -> Obligation | None:
    """This document's obligation (as typed) before the catalog's (as loaded)."""
    return next((o for o in (*analysis.obligations, *context.obligations) if o.id == ident), None)


def describe_term(word: str, vocabulary: Vocabulary) -> str | None:
    canonical = vocabulary.canonical(word)
    if canonical is None:
        return None
    from lawcmp.support.i18n import section_words

    term = vocabulary.terms[canonical]
    lines = [f"**{term.term}** — a term of `{term.group}`" + (f" (for `{word}`)" if word != canonical else ""), "",
             term.definition]
    russian = section_words("term", "ru").get(canonical)
    if russian and russian != canonical:
        lines += ["", f"Russian: {russian}"]
    if term.article:
        lines += ["", f"Treaty: {term.article}"]
    if term.synonyms:
        lines += ["", "Synonyms: " + ", ".join(f"`{s}`" for s in term.synonyms)]
    sets = [name for name, members in vocabulary.sets.items() if canonical in members]
    if sets:
        lines += ["", "In the sets: " + ", ".join(f"`{s}`" for s in sets)]
    return "\n".join(lines)


def describe_set(name: str, vocabulary: Vocabulary) -> str | None:
    """A named set (`protocol-acts`): what a rule's `covers all of` counts against."""
    members = vocabulary.sets.get(name)
    if not members:
        return None
    return (f"**{name}** — a set of `{vocabulary.set_group(name)}` terms\n\n"
            + ", ".join(f"`{m}`" for m in members))


def describe_field(name: str) -> str | None:
    """A clause's field (`acts`, `penalty`): which clauses take it, and what it reads (`lawcmp.lang.clauses`)."""
    from lawcmp.lang.clauses import FIELDS

    found = [(kind, fields[name]) for kind, fields in FIELDS.items() if name in fields]
    if not found:
        return None
    lines = [f"**{name}** — a field of " + ", ".join(f"`{kind}`" for kind, _ in found), ""]
    spec = found[0][1]
    takes = {"terms": f"one or more terms of `{spec.group}`", "term": f"one term of `{spec.group}`",
             "choice": "one of " + ", ".join(f"`{c}`" for c in spec.choices), "ids": "provision or instrument ids",
             "penalty": "penalty kinds, with a duration after `prison`", "aggravated": "circumstances, and a nested penalty"}
    lines.append("Takes " + takes.get(spec.reads, spec.reads) + ".")
    return "\n".join(lines)


def describe_item(item: Instrument | Provision) -> str:
    if isinstance(item, Instrument):
        lines = [f"**{item.id}** — instrument: {item.title}"]
        facts = [f"kind {item.kind}" if item.kind else "", f"status {item.status}"]
        facts += [f"{name} {when}" for name in ("adopted", "effective", "repealed") if (when := getattr(item, name))]
        lines += ["", " · ".join(f for f in facts if f)]
        return "\n".join(lines)
    lines = [f"**{item.id}** — provision: {item.title}", ""]
    for v in item.versions:
        since = f"known until {v.known_until}" if v.known_until is not None else f"from {v.start}"
        lines.append(f"- version {since}" + (f", by `{v.by}`" if v.by else ""))
    if item.repeal is not None:
        lines.append(f"- repealed {item.repeal.start}" + (f" by `{item.repeal.by}`" if item.repeal.by else ""))
    if not item.versions and item.repeal is None:
        lines.append("- no versions")
    return "\n".join(lines)


def describe_obligation(o: Obligation) -> str:
    lines = [f"**{o.id}** — {o.title}", "", f"Basis: {o.basis} · pillar {o.pillar} · strength {o.strength}", ""]
    lines += [f"- {'core ' if c.core else ''}criterion `{c.name}`: {c.title}" for c in o.criteria]
    return "\n".join(lines)
