"""The engine's reasons in the reader's language.

The engine writes a criterion's reasons once, in English, and keeps them in findings
that the cache, the sweep and the incremental evaluator compare as strings; a reason is
a few fixed phrases around identifiers (provision ids, dates, vocabulary terms, treaty
names) that stay as written. So a Russian report translates the phrases, not the
reasons: the glossary's `[reason]` section holds each phrase with `{name}` standing for
one identifier, and `reason_in` replaces them, longest first, so that "in practice only:"
is never read as "in practice:".
"""

from __future__ import annotations

import re
from functools import cache

from lawcmp.reports.terms import terms_in
from lawcmp.support.i18n import section_words

SLOT = re.compile(r"\{(\w+)\}")
IDENTIFIER = r"[^\s;:,()]+"  # what a {slot} stands for: one id, date, term or number


def _pattern(phrase: str) -> re.Pattern[str]:
    parts = SLOT.split(phrase)  # literal, slot, literal, …
    body = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>{IDENTIFIER})" for i, p in enumerate(parts))
    # A phrase that starts or ends in a letter matches whole words only: "no " is not the
    # end of "piano ", nor "not (" part of a term like `no-exemption`.
    before = r"(?<![\w-])" if phrase[:1].isalpha() else ""
    after = r"(?![\w-])" if phrase[-1:].isalpha() else ""
    return re.compile(before + body + after)


@cache
def _phrases(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    english, local = section_words("reason", "en"), section_words("reason", lang)
    by_length = sorted(english, key=lambda key: (-len(SLOT.sub("", english[key])), key))
    return tuple((_pattern(english[key]), SLOT.sub(r"\\g<\1>", local[key])) for key in by_length)


def reason_in(reason: str, lang: str) -> str:
    """`reason` with the engine's phrases in `lang`, and the statute language's terms
    between them (`reports.terms`); ids, dates and numbers as written."""
    if lang == "en":
        return reason
    for pattern, replacement in _phrases(lang):
        reason = pattern.sub(replacement, reason)
    return terms_in(reason, lang)
