"""The obligation catalog as a table (`lawcmp rules`)."""

from __future__ import annotations

import json

from tabulate import tabulate

from lawcmp.engine.describe import describe_test
from lawcmp.model.rules import Catalog
from lawcmp.support.safe import md, plain


def render_catalog(catalog: Catalog, fmt: str) -> str:
    if fmt == "json":
        data = [
            {"id": o.id, "title": o.title, "titles": o.titles, "basis": o.basis, "pillar": o.pillar,
             "strength": o.strength,
             "criteria": [{"name": c.name, "title": c.title, "titles": c.titles, "core": c.core,
                           "test": describe_test(c.test)} for c in o.criteria]}
            for o in catalog.obligations
        ]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    rows: list[tuple[object, ...]] = [(o.id, o.title, o.basis, o.pillar, o.strength, len(o.criteria))
                                      for o in catalog.obligations]
    if fmt == "markdown":
        rows = [tuple(md(x) if isinstance(x, str) else x for x in row) for row in rows]
    headers = ("id", "title", "basis", "pillar", "strength", "criteria")
    table = tabulate(rows, headers=headers, tablefmt="github" if fmt == "markdown" else "simple",
                     maxcolwidths=[None, 56, 28, None, None, None])
    return plain(f"{table}\n\n{len(rows)} obligations\n")
