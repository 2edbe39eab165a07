"""The vocabulary: every term the statute and rule languages may use, loaded from data.

Terms are grouped (acts, means, purposes, measures, …); synonyms map to their
canonical term, so `harboring` and `harbouring` are one thing to the engine. Named
sets (`protocol-acts`) are what obligations test coverage against.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lawcmp.support.codec import Codec
from lawcmp.support.diagnostics import Diagnostic, LawcmpError, did_you_mean
from lawcmp.support.paths import RULES

TERM_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RESERVED = frozenset(
    ["no", "practice", "draft", "none", "any", "law", "some", "every", "all", "of", "where", "and", "or", "not", "is", "covers"]
)
DEFAULT_PATH = RULES / "vocabulary.toml"


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    group: str
    definition: str
    article: str | None = None
    synonyms: tuple[str, ...] = ()
    ru: str = ""  # the term as a Russian document names it; the term itself where none is given


@dataclass(frozen=True)
class Vocabulary:
    terms: dict[str, Term]
    groups: dict[str, tuple[str, ...]]
    sets: dict[str, tuple[str, ...]]
    aliases: dict[str, str] = field(default_factory=dict)
    digest: str = ""

    def canonical(self, word: str) -> str | None:
        if word in self.terms:
            return word
        return self.aliases.get(word)

    def group_of(self, word: str) -> str | None:
        canonical = self.canonical(word)
        return self.terms[canonical].group if canonical else None

    def in_group(self, group: str) -> tuple[str, ...]:
        return self.groups.get(group, ())

    def suggest(self, word: str, groups: tuple[str, ...]) -> str | None:
        candidates = [t for g in groups for t in self.groups.get(g, ())]
        candidates += [a for a, t in self.aliases.items() if self.terms[t].group in groups]
        found = did_you_mean(word, candidates)
        return self.canonical(found) if found else None

    def label(self, word: str, lang: str = "en") -> str:
        """`word` as a reader of `lang` names it: in English the term as written (the README
        promises it), in Russian its legal Russian name from `rules/vocabulary.toml`."""
        canonical = self.canonical(word)
        if lang != "ru" or canonical is None:
            return word
        return self.terms[canonical].ru or word

    def set_group(self, name: str) -> str | None:
        members = self.sets.get(name)
        return self.terms[members[0]].group if members else None


def parse_vocabulary(data: bytes, path: str) -> Vocabulary:
    """Build and validate a vocabulary; every problem is reported at once (VF01)."""
    import tomllib  # only when the cache has no entry for these bytes

    problems: list[str] = []
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LawcmpError([Diagnostic(code="VF01", message=f"cannot read vocabulary: {exc}", path=path)]) from None
    terms: dict[str, Term] = {}
    aliases: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for group, entries in raw.items():
        if group == "sets":
            continue
        if not isinstance(entries, list):
            problems.append(f"group `{group}` must be an array of tables ([[{group}]])")
            continue
        names = []
        for entry in entries:
            name = entry.get("term") if isinstance(entry, dict) else None
            if not isinstance(name, str) or not TERM_RE.match(name) or name in RESERVED:
                problems.append(f"bad term name {name!r} in group `{group}`")
                continue
            synonyms = tuple(entry.get("synonyms", ()))
            for word in (name, *synonyms):
                if not TERM_RE.match(word) or word in RESERVED:
                    problems.append(f"bad term name {word!r} in group `{group}`")
                elif word in terms or word in aliases:
                    problems.append(f"`{word}` is defined twice")
            definition = entry.get("definition")
            if not isinstance(definition, str) or not definition.strip():
                problems.append(f"term `{name}` has no definition")
                definition = ""
            ru = entry.get("ru", "")
            if not isinstance(ru, str) or not ru.strip():
                problems.append(f"term `{name}` has no Russian name (ru)")
                ru = ""
            term = Term(name, group, definition, entry.get("article"), synonyms, ru)
            terms.setdefault(name, term)
            for s in synonyms:
                aliases.setdefault(s, name)
            names.append(name)
        groups[group] = tuple(names)
    sets: dict[str, tuple[str, ...]] = {}
    for name, members in raw.get("sets", {}).items():
        resolved = tuple(aliases.get(m, m) for m in members)
        unknown = [m for m in resolved if m not in terms]
        if unknown:
            problems.append(f"set `{name}` names unknown terms: {', '.join(unknown)}")
        elif len({terms[m].group for m in resolved}) > 1:
            problems.append(f"set `{name}` mixes groups")
        else:
            sets[name] = resolved
    if problems:
        raise LawcmpError([Diagnostic(code="VF01", message=p, path=path) for p in problems])
    digest = hashlib.sha256(data).hexdigest()
    return Vocabulary(terms, groups, sets, aliases, digest)


@cache
def load_vocabulary(path: Path = DEFAULT_PATH) -> Vocabulary:
    """The vocabulary in `path`: from the cache when these bytes were read before."""
    from lawcmp.support import store as entries
    from lawcmp.support.codec import CodecError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LawcmpError(
            [Diagnostic(code="IN01", message=f"cannot read vocabulary: {exc.strerror}", path=str(path))]
        ) from None
    key = entries.key_of((entries.code_digest(CODE_MODULES).encode(), data))
    stored = entries.get_value("vocabulary", key)
    if stored is not None:
        try:
            found = CODEC.decode(stored)
        except CodecError:
            found = None
        if isinstance(found, Vocabulary) and found.digest == hashlib.sha256(data).hexdigest():
            return found
    vocabulary = parse_vocabulary(data, str(path))
    entries.put_value("vocabulary", key, CODEC.encode(vocabulary))
    return vocabulary


# The code that decides what a vocabulary file means, for the key of its cache entry.
CODE_MODULES = ("lang/vocabulary.py", "support/codec.py")
CODEC = Codec([Vocabulary, Term])
