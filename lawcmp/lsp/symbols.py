"""The outline of a document, and where an id is declared.

Built from the models the parser made, so the outline names what lawcmp understood: a
jurisdiction, its instruments, provisions with a child per version, facts and bills in
a statute file; obligations with their criteria in a rule file. A model's span is its
id (or its date); the item's range runs on to the `}` that closes its block.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp

from lawcmp.lsp.analysis import Analysis, Context, Declared, declarations
from lawcmp.lsp.text import Lines, block_end, lines_of, to_range, utf16
from lawcmp.model.statute import Span

Kind = lsp.SymbolKind


def _symbol(name: str, kind: lsp.SymbolKind, span: Span, lines: Lines, detail: str = "",
            children: list[lsp.DocumentSymbol] | None = None) -> lsp.DocumentSymbol:
    selection = to_range(span, lines)
    last = max(block_end(lines, selection.start.line), selection.end.line)
    end = lsp.Position(last, utf16(lines[last], len(lines[last]), lines.encoding)) if last < len(lines) else selection.end
    whole = lsp.Range(lsp.Position(selection.start.line, 0), end)
    return lsp.DocumentSymbol(name=name, kind=kind, range=whole, selection_range=selection, detail=detail or None,
                              children=children or None)


def document_symbols(analysis: Analysis, context: Context) -> list[lsp.DocumentSymbol]:
    lines = lines_of(analysis.text, context.encoding)
    if analysis.rules:
        return [
            _symbol(o.id, Kind.Interface, o.span, lines, o.title, [
                _symbol(c.name, Kind.Field, c.span, lines, ("core · " if c.core else "") + c.title)
                for c in o.criteria if c.span.line
            ])
            for o in analysis.obligations if o.span.line
        ]
    model = analysis.model
    if model is None:
        return []
    out: list[lsp.DocumentSymbol] = []
    for j in model.jurisdictions:
        treaties = [_symbol(f"treaty {t.treaty} {t.action} {t.date}", Kind.Event, t.span, lines) for t in j.treaties]
        out.append(_symbol(j.code, Kind.Namespace, j.span, lines, j.name, treaties))
    for i in model.instruments:
        out.append(_symbol(i.id, Kind.Module, i.span, lines, i.title))
    for p in model.provisions:
        versions = [_symbol(f"version known-until {v.known_until}" if v.known_until else f"version {v.start}", Kind.Event, v.span, lines, f"by {v.by}" if v.by else "")
                    for v in p.versions]
        if p.repeal is not None:
            versions.append(_symbol(f"repeal {p.repeal.start}", Kind.Event, p.repeal.span, lines))
        out.append(_symbol(p.id, Kind.Class, p.span, lines, p.title, versions))
    for f in model.facts:
        out.append(_symbol(f.id, Kind.Property, f.span, lines, f.title))
    for b in model.bills:
        ops = [_symbol(f"{op.op} {op.provision}", Kind.Method, op.span, lines) for op in b.operations]
        out.append(_symbol(b.id, Kind.Object, b.span, lines, b.title, ops))
    return out


class Index:
    """Instruments and provisions by id: the open document's own first, then the corpus's.

    Rebuilt only when the context's files change (an open statute file re-parsed).
    """

    def __init__(self) -> None:
        self._generation = -1
        self._declared: dict[str, Declared] = {}

    def corpus(self, context: Context) -> dict[str, Declared]:
        if self._generation != context.generation:
            self._declared = declarations(list(context.files.values()))
            self._generation = context.generation
        return self._declared

    def find(self, ident: str, analysis: Analysis | None, context: Context) -> Declared | None:
        if analysis is not None and analysis.model is not None:
            own = declarations([analysis.model]).get(ident)
            if own is not None:
                return own
        return self.corpus(context).get(ident)


def definition(ident: str, analysis: Analysis, context: Context, index: Index, uri: str) -> lsp.Location | None:
    """Where `ident` is declared: in this document, else in the file of the corpus that declares it."""
    found = index.find(ident, analysis, context)
    if found is None:
        return None
    if found.shown == analysis.shown:
        return lsp.Location(uri=uri, range=to_range(found.span, lines_of(analysis.text, context.encoding)))
    where = context.locations.get(found.shown)
    if where is None:
        return None
    try:
        lines = lines_of(where.read_text(encoding="utf-8"), context.encoding)
    except (OSError, UnicodeDecodeError):
        lines = lines_of("", context.encoding)
    return lsp.Location(uri=Path(where).as_uri(), range=to_range(found.span, lines))
