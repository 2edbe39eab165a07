"""States as people name them on the command line: ISO 3166 alpha-2 or alpha-3 codes, or
their English or Russian names ("KGZ", "Kyrgyzstan", "Kyrgyz Republic", «Узбекистан»).

The corpus's jurisdictions are ISO alpha-2 codes; everything else is looked up in the ISO
3166 tables (pycountry, with the Debian iso-codes translations), which are read only when a
name is not already a two-letter code.
"""

from __future__ import annotations

from functools import cache


def code_of(value: str) -> str:
    """The alpha-2 code `value` names, in upper case; `value` itself, upper-cased, where it
    names no state (the caller reports it as an unknown jurisdiction, with its suggestions)."""
    text = value.strip()
    if len(text) == 2 and text.isascii():
        return text.upper()
    return _names().get(_key(text), text.upper())


def _key(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").casefold().split())


@cache
def _names() -> dict[str, str]:
    import gettext

    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    out: dict[str, str] = {}
    for c in pycountry.countries:
        names = {c.alpha_3, c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")}
        names |= {russian.gettext(n) for n in names if n and n != c.alpha_3}
        for n in names:
            if n:
                out.setdefault(_key(n), c.alpha_2)
    return out
