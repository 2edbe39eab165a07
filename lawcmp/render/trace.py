"""The full trace of one finding (`lawcmp explain XX OBLIGATION`): criteria, evidence, sources."""

from __future__ import annotations

from lawcmp.model.findings import Assessment, Finding
from lawcmp.reports.docparts import explanation_text, gap_text
from lawcmp.support.i18n import label, recommendation_text, t
from lawcmp.support.safe import plain


def render_trace(a: Assessment, f: Finding, lang: str = "en") -> str:
    title = f.title_in(lang)
    out = [
        f"{a.name} ({a.jurisdiction}) — {label('as_of', lang)} {a.as_of.isoformat()}",
        f"{f.obligation}: {title}",
        f"  {label('basis', lang)}: {f.basis} · {label('pillar', lang)}: {t('pillar', f.pillar, lang)}"
        f" · {label('strength', lang)}: {t('strength', f.strength, lang)}",
        f"  {label('rating', lang)}: {f.label} — {t('rating', f.rating, lang)}"
        + (f" ({label('provisional', lang)})" if f.provisional else ""),
        "",
    ]
    for c in f.criteria:
        core = f" [{label('core', lang)}]" if c.core else ""
        out.append(f"  {label('criterion', lang)} {c.name}{core}: {t('grade', c.grade, lang)}")
        out.append(f"    {label('test', lang)}: {c.test}")
        out.append(f"    {explanation_text(c, lang)}")
        for e in c.evidence:
            basis = t("basis", e.basis, lang)
            since = label("since", lang).lower() if e.basis == "law" else label("from", lang)
            out.append(f"    - {e.origin} «{e.title}» ({since} {e.since}; {basis})")
            if e.excerpt:
                out.append(f"      {e.excerpt}")
            for s in e.sources:
                out.append(f"      {label('sources', lang)}: {s}")
        out.append("")
    if f.gap:
        out.append(f"  {label('gap', lang)}: {gap_text(f, lang)}")
    if f.recommendation is not None:
        out.append("  " + recommendation_text(f.recommendation.verb, a.name, f.recommendation.action, lang))
    elif f.rating == "NI":
        out.append("  " + label("ask_information", lang))
    return plain("\n".join(out).rstrip() + "\n")
