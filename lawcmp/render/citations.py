"""A terminal report that names each source once.

A gap report lists under every obligation the provisions and sources its finding rests
on, and one state's law often rests on a few documents: in the Kyrgyz report the 2022
TIP Report stands under thirty obligations. On paper (HTML, DOCX, PDF) a reader jumps
between sections; in a terminal they scroll, and thirty copies of one long citation bury
the findings. So the terminal text lists a citation that several sections share once, at
the end, numbered and with the sections that cite it, and each section names it by its
number; a citation only one section makes stays where it is.
"""

from __future__ import annotations

from lawcmp.model.document import Cell, Document, Section, Table
from lawcmp.support.i18n import label

# The bullets whose citations are gathered, by the label they start with, and the heading
# of the list each goes to.
GATHERED = (("provisions", "shared_provisions"), ("sources", "shared_sources"))


def _who(section: Section) -> str:
    """A section by its id (`crim.acts`), as the list of citations names it."""
    if section.anchor and section.anchor.startswith("finding-"):
        return section.anchor.removeprefix("finding-")
    return section.heading.split(" — ", 1)[0]


def cited_once(doc: Document) -> Document:
    """`doc` with each citation several sections share listed once at its end (see above)."""
    extra: list[Section] = []
    sections = list(doc.sections)
    for key, heading in GATHERED:
        prefix = f"{label(key, doc.lang)}: "
        citing: dict[str, list[int]] = {}
        for i, s in enumerate(sections):
            for b in dict.fromkeys(b for b in s.bullets if b.startswith(prefix)):
                citing.setdefault(b.removeprefix(prefix), []).append(i)
        shared = [text for text, where in citing.items() if len(where) > 1]
        if not shared:
            continue
        number = {text: n for n, text in enumerate(shared, start=1)}
        for i, s in enumerate(sections):
            refs = [number[b.removeprefix(prefix)] for b in s.bullets if b.removeprefix(prefix) in number and b.startswith(prefix)]
            if not refs:
                continue
            bullets: list[str] = []
            for b in s.bullets:
                if b.startswith(prefix) and b.removeprefix(prefix) in number:
                    if not any(x.startswith(prefix + "[") for x in bullets):
                        bullets.append(prefix + ", ".join(f"[{n}]" for n in refs) + f" ({label(heading, doc.lang)})")
                    continue
                bullets.append(b)
            sections[i] = s.model_copy(update={"bullets": tuple(bullets)})
        extra.append(Section(heading=label(heading, doc.lang), bullets=tuple(
            f"[{number[text]}] {text} — {label('cited_in', doc.lang)}: {', '.join(_who(sections[i]) for i in citing[text])}"
            for text in shared)))
    if not extra:
        return doc
    return doc.model_copy(update={"sections": (*sections, *extra)})


def cited_tables(doc: Document) -> tuple[Table, ...]:
    """The provisions and sources each section cites, as two tables of (section, citation):
    what a workbook gives an analyst to filter by finding or by source, where the pages
    give them as a finding's bullets."""
    out = []
    for key, name in (("provisions", "evidence"), ("sources", "sources")):
        prefix = f"{label(key, doc.lang)}: "
        rows = tuple((Cell(text=_who(s)), Cell(text=b.removeprefix(prefix)))
                     for s in doc.sections for b in dict.fromkeys(s.bullets) if b.startswith(prefix))
        if rows:
            out.append(Table(name=name, headers=(label("id", doc.lang), label(key, doc.lang)), rows=rows))
    return tuple(out)
