"""The findings table of `lawcmp assess`: terminal, Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io

from tabulate import tabulate

from lawcmp.model.findings import Assessment, Finding
from lawcmp.support.i18n import label, t
from lawcmp.support.safe import cell, md, plain


def decisive(f: Finding) -> str:
    """The provisions (with version dates) that decided the finding."""
    return "; ".join(f"{e.origin} ({e.since}{'' if e.basis == 'law' else ', ' + t('basis', e.basis)})" for e in f.evidence())


def rows(a: Assessment, lang: str) -> list[tuple[str, ...]]:
    return [
        (f.obligation, f.title_in(lang), t("pillar", f.pillar, lang),
         t("strength", f.strength, lang), f.label, decisive(f))
        for f in a.findings
    ]


def render_assessment(a: Assessment, fmt: str, lang: str = "en") -> str:
    headers = ("id", label("obligation", lang), label("pillar", lang), label("strength", lang),
               label("rating", lang), label("provisions", lang))
    data = rows(a, lang)
    title = f"{a.name} ({a.jurisdiction}) — {label('as_of', lang)} {a.as_of.isoformat()}"
    if fmt == "json":
        return a.model_dump_json(indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(headers)
        w.writerows([tuple(cell(x) for x in r) for r in data])
        return buf.getvalue()
    if fmt == "markdown":
        body = tabulate([tuple(md(x) for x in r) for r in data], headers=headers, tablefmt="github")
        return f"# {md(title)}\n\n{body}\n"
    summary = "  ".join(
        f"{t('pillar', p, lang)}: " + " ".join(f"{r}×{n}" for r, n in counts.items())
        for p, counts in a.pillar_summary().items()
    )
    return plain(f"{title}\n\n{tabulate(data, headers=headers, tablefmt='simple', maxcolwidths=[None, 48, None, None, None, 60])}\n\n{summary}\n")
