"""The statute language's words in the reader's language.

A finding names what the law holds in the terms of the statute language (`offence
trafficking: purposes: … forced-labour`): vocabulary terms, clause kinds, fields, their
choices and named sets. In English a report shows them as written, as the README
promises; a Russian reader gets the legal Russian name of each (`rules/vocabulary.toml`
for terms, the glossary's `[clause_kind]`, `[field]`, `[choice]` and `[set]` for the
rest). Ids are never touched: a word glued to a slash, a dot or a digit (`KG/CC/124`,
`crim.acts`, `KG/CC-2021/non-punishment`) is part of an id, not a term.
"""

from __future__ import annotations

import re
from functools import cache

from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.support.i18n import section_words

TOKEN = re.compile(r"(?<![\w./@-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\w/@-]|\.\w)")
FIELD_SECTIONS = ("field", "clause_kind", "choice", "set")  # before a colon, a word names a field
TERM_SECTIONS = ("clause_kind", "choice", "set", "field")


@cache
def _names(lang: str, sections: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for section in sections:
        for key, value in section_words(section, lang).items():
            out.setdefault(key, value)
    return out


def term_in(word: str, lang: str, before_colon: bool = False) -> str:
    """One word of the statute language as a reader of `lang` names it; any other word as written."""
    if lang == "en":
        return word
    fields = _names(lang, FIELD_SECTIONS)
    if before_colon and word in fields:
        return fields[word]
    vocabulary = load_vocabulary()
    if vocabulary.canonical(word) is not None:
        return vocabulary.label(word, lang)
    return _names(lang, TERM_SECTIONS).get(word, word)


def terms_in(text: str, lang: str) -> str:
    """`text` with every word of the statute language in `lang`; ids, numbers and prose as written."""
    if lang == "en":
        return text

    def one(m: re.Match[str]) -> str:
        return term_in(m.group(), lang, text[m.end():m.end() + 1] == ":")

    return TOKEN.sub(one, text)


def clause_in(line: str, lang: str) -> str:
    """A clause line as `lawcmp fmt` lays it out (`practice provides shelter {`), in `lang`:
    its terms, kind and fields by name, and the grammar's `no` and `practice` by the glossary's `[keyword]`."""
    if lang == "en":
        return line
    keywords = section_words("keyword", lang)
    return TOKEN.sub(lambda m: keywords.get(m.group()) or term_in(m.group(), lang), line)


def basis_in(basis: str, lang: str) -> str:
    """An obligation's basis ("Protocol 3(a); CoE 10; seed 003") with the treaties' names in `lang`."""
    if lang == "en":
        return basis
    for english, local in section_words("basis_ref", lang).items():
        basis = re.sub(rf"(?<![A-Za-z]){re.escape(english)}(?![A-Za-z])", local, basis)
    return basis
