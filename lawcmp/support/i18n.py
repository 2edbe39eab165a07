"""Labels in English and Russian, from one glossary file a translator can edit.

`rules/glossary.toml` holds every label the reports print, and the words of the HTML
page (`[html]`) and of the static site (`[site]`). Statute text, titles and quotes stay
as encoded; only the engine's own words are translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from lawcmp.support.paths import RULES

GLOSSARY = RULES / "glossary.toml"
LANGS = ("en", "ru")


@cache
def _glossary() -> dict[str, dict[str, dict[str, str]]]:
    """The glossary by section and key: from the cache when these bytes were read before.

    Every report reads it, and parsing 40 kB of TOML costs a short command 10-20 ms;
    the cached entry is plain JSON under the digest of its value (`store.get_value`).
    """
    from lawcmp.support import store as entries

    data = GLOSSARY.read_bytes()
    key = entries.key_of((entries.code_digest(("support/i18n.py",)).encode(), data))
    stored = entries.get_value("glossary", key)
    if isinstance(stored, dict):
        return stored
    import tomllib  # only on a miss: a warm command never parses TOML

    out = _sections(tomllib.loads(data.decode("utf-8")))
    entries.put_value("glossary", key, out)
    return out


def _sections(raw: dict[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for section, entries in raw.items():
        if "." in section:  # ["rating.N/A"] style keys
            head, key = section.split(".", 1)
            out.setdefault(head, {})[key] = entries
        else:
            out.setdefault(section, {}).update(entries)
    return out


def t(section: str, key: str, lang: str = "en") -> str:
    """The label `key` of `section` in `lang` (English if the translation is missing)."""
    entry = _glossary().get(section, {}).get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("en") or key


def label(key: str, lang: str = "en") -> str:
    return t("label", key, lang)


@cache
def section_words(section: str, lang: str = "en") -> Mapping[str, str]:
    """Every entry of `section` in `lang` (English where the translation is missing).

    For pages that index their words by key (`render.html`, `site`): there a key that is
    not in the glossary is a mistake to raise on, where `t` would print the key as the
    label. Cached and read-only, as a site asks for its words once per line it prints.
    """
    entries = _glossary().get(section, {})
    return MappingProxyType({key: entry.get(lang) or entry.get("en") or key for key, entry in entries.items()})


def recommendation_text(verb: str, who: str, action: dict[str, str], lang: str = "en") -> str:
    text = action.get(lang) or action.get("en", "")
    return t("verb", verb, lang).format(who=who, action=text)
