"""The pages of `lawcmp serve`, written whole on the server: the same input gives the same bytes.

Every word comes from the glossary (`[serve]`, and `[drafting]` for the what-if), in
the language the address asks for (`?lang=ru`). The bill editor's first view — its
diagnostics and ratings — is written here, from the same JSON the script fetches as the
drafter types, so a page without JavaScript still shows a checked bill.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape

from lawcmp.serve.workspace import Workspace
from lawcmp.support.i18n import LANGS, section_words

DOWNLOADS = ("docx", "xlsx", "pdf")  # the what-if and gap report formats a drafter files or edits


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("lawcmp", "templates/serve"),
        autoescape=select_autoescape(("html", "html.j2"), default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def _template(name: str) -> Template:
    return _templates().get_template(name)


def lang_of(value: str | None) -> str:
    """The page's language: `en` unless a language of the glossary is asked for (in any case)."""
    lang = (value or "en").lower()
    return lang if lang in LANGS else "en"


def _switch(path: str, lang: str, params: dict[str, str]) -> str:
    """The same page in the other language, its other parameters kept."""
    other = "ru" if lang == "en" else "en"
    return f"{path}?{urlencode({**{k: v for k, v in sorted(params.items()) if v}, 'lang': other})}"


def _common(ws: Workspace, lang: str, page: str, path: str, params: dict[str, str]) -> dict[str, Any]:
    return {"lang": lang, "w": section_words("serve", lang), "d": section_words("drafting", lang),
            "page": page, "switch": _switch(path, lang, params), "q": urlencode({"lang": lang})}


def report_page(ws: Workspace, lang: str, state: str | None, day: dt.date | None, error: str | None = None) -> str:
    """The gap report's page: the chooser, and the report itself (the html format's page) in a frame."""
    names = {code: ws.corpus.books[code].jurisdiction.name_in(lang) for code in ws.states}
    shown_day = day or ws.default_day(state)
    frame = None
    if state and error is None:
        query = urlencode({"state": state, "date": shown_day.isoformat(), "lang": lang})
        frame = {"src": f"/report/view?{query}", "query": query,
                 "title": section_words("serve", lang)["report_frame"].format(name=names[state], day=shown_day.isoformat())}
    params = {"state": state or "", "date": day.isoformat() if day else ""}
    return _template("report.html.j2").render(
        **_common(ws, lang, "report", "/report", params), names=names, state=state, day=shown_day.isoformat(),
        frame=frame, error=error, formats=DOWNLOADS,
    )


def editor_page(ws: Workspace, lang: str, name: str | None, text: str, first: dict[str, Any], error: str | None = None) -> str:
    """The bill editor: the text, its diagnostics and its what-if as first checked; the script keeps them current."""
    words = dict(section_words("serve", lang))
    script_words = {k: words[k] for k in ("no_problems", "checking", "checked", "position", "fix_first", "no_whatif", "failed")}
    script_words.update({f"status_{s}": section_words("drafting", lang)[f"status_{s}"]
                         for s in ("closed", "opened", "narrowed", "widened", "left", "rated", "changed")})
    script_words["whatif_counts"] = section_words("drafting", lang)["whatif_counts"]
    return _template("editor.html.j2").render(
        **_common(ws, lang, "editor", "/editor", {"bill": name or ""}), drafts=sorted(ws.drafts), name=name or "",
        text=text, first=first, error=error, formats=DOWNLOADS,
        script_words=json.dumps(script_words, ensure_ascii=False, sort_keys=True).replace("</", "<\\/"),
    )
