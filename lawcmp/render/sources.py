"""Every source the corpus cites, and the facts resting on each (`lawcmp sources`)."""

from __future__ import annotations

import json
from collections import defaultdict

from tabulate import tabulate

from lawcmp.model.statute import Citation, Corpus
from lawcmp.support.safe import plain


def cited_facts(corpus: Corpus) -> dict[str, list[str]]:
    """Source document -> the items (provision versions, facts, …) that cite it."""
    out: dict[str, set[str]] = defaultdict(set)

    def add(items: tuple[Citation, ...], what: str) -> None:
        for c in items:
            out[c.document].add(what + (f" ¶{c.para}" if c.para else ""))

    for code, book in corpus.books.items():
        for e in book.jurisdiction.treaties:
            add(e.sources, f"{code} treaty {e.treaty} {e.action} {e.date}")
        for i in book.instruments:
            add(i.sources, f"{i.id} (instrument)")
        for p in book.provisions:
            for v in p.versions:
                add(v.sources, f"{p.id} version {v.start}")
            if p.repeal is not None:
                add(p.repeal.sources, f"{p.id} repeal {p.repeal.start}")
        for f in book.facts:
            add(f.sources, f"{f.id} (fact from {f.start})")
    for b in corpus.bills:
        add(b.sources, f"{b.id} (bill)")
        for op in b.operations:
            add(getattr(op, "sources", ()), f"{b.id}: {op.op} {op.provision}")
    return {doc: sorted(items) for doc, items in sorted(out.items())}


def render_sources(corpus: Corpus, fmt: str) -> str:
    data = cited_facts(corpus)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    rows = [(doc, len(items), "\n".join(items)) for doc, items in data.items()]
    return plain(tabulate(rows, headers=("source", "facts", "what rests on it"), tablefmt="simple") + "\n")
