"""What may be typed at the cursor: keywords of the block, terms of the field, ids of the corpus.

The block is found by counting `{` and `}` above the cursor (`text.blocks`) and the field
by the first word of the line, so completion works in a file that does not parse, which
is the file being typed. What a field takes is not written here: a clause's fields and
the vocabulary group each reads come from `lawcmp.lang.clauses`, the terms from the
vocabulary, the ids from the corpus and the obligations from the catalog.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from lawcmp.lang.clauses import FIELDS, HEAD_GROUPS, KINDS, RULE_FIELDS
from lawcmp.lsp.analysis import Analysis, Context, declarations
from lawcmp.lsp.symbols import Index
from lawcmp.lsp.text import Word, blocks, from_utf16, lines_of, utf16, words
from lawcmp.model.rules import PILLARS, STRENGTHS
from lawcmp.model.statute import Instrument

BASES = ("practice", "draft", "no")
CLAUSE_START = (*BASES, *KINDS)
VERSION = ("by", "text", "paraphrase", "source", "reading", *CLAUSE_START)
# The keywords each block takes (the grammar's `_…_entry` rules); tests/lsp hold them to the grammar.
BLOCK_KEYWORDS: dict[str, tuple[str, ...]] = {
    "": ("jurisdiction", "instrument", "provision", "fact", "bill"),
    "jurisdiction": ("title", "role", "covers", "treaty"),
    "treaty": ("source",),
    "instrument": ("title", "kind", "adopted", "effective", "repealed", "status", "source"),
    "provision": ("version", "repeal"),
    "version": VERSION,
    "insert": VERSION,
    "reading": (*CLAUSE_START, "source"),
    "repeal": ("by", "source"),
    "fact": ("from", "until", "source", *CLAUSE_START),
    "bill": ("title", "effective", "source", "amend", "insert", "repeal"),
    "amend": ("text", "paraphrase", "strike", "source", *CLAUSE_START),
    "rules": ("obligation",),
    "obligation": ("title", "basis", "pillar", "strength", "applies-if", "criterion", "core", "recommend",
                   "recommend-limited"),
    "criterion": ("title", "test"),
}
TEST_WORDS = ("some", "every", "no", "conduct", "union", "party", "not", "where", "of", "and", "or", "covers",
              "includes", "is", "all", "any", "unconditional")
# A line's first word, and the vocabulary group of the words after it.
LINE_GROUPS = {"role": "jurisdiction-roles", "kind": "instrument-kinds", "status": "instrument-statuses",
               "title": "languages", "recommend": "languages", "recommend-limited": "languages"}

Item = lsp.CompletionItem
K = lsp.CompletionItemKind


def complete(analysis: Analysis, context: Context, index: Index, position: lsp.Position) -> list[Item]:
    lines = lines_of(analysis.text, context.encoding)
    if not 0 <= position.line < len(lines):
        return []
    line = lines[position.line]
    column = from_utf16(line, position.character, lines.encoding)
    found_words = words(lines, position.line)
    if any(_holds(w, column) for w in found_words):
        return []  # in a comment or a string: free text
    before = [w for w in found_words if w.end <= column]
    typing = before.pop() if before and before[-1].end == column else None
    start = typing.start if typing is not None else column
    # A position past the end of the line (a client's slip) is taken as the end of the line.
    replace = lsp.Range(lsp.Position(position.line, utf16(line, start, lines.encoding)),
                        lsp.Position(position.line, utf16(line, column, lines.encoding)))
    heads = [head for head in blocks(lines, position.line) if head]
    if analysis.rules and typing is not None and typing.kind == "oid":
        found = _obligations(context)  # an obligation id, wherever one is being typed
    else:
        found = _candidates([w.text for w in before], heads, analysis, context, index)
    prefix = typing.text if typing is not None else ""
    return [_item(label, kind, detail, doc, replace) for label, kind, detail, doc in found if label.startswith(prefix)]


def _holds(word: Word, column: int) -> bool:
    """Is the cursor inside a string or comment (an open string, or a comment, runs to the cursor)?"""
    if word.kind == "comment":
        return word.start < column
    if word.kind != "string":
        return False
    closed = len(word.text) > 1 and word.text.endswith('"')
    return word.start < column < word.end or (not closed and word.start < column)


Candidate = tuple[str, lsp.CompletionItemKind, str, str]  # label, kind, detail, documentation


def _candidates(before: list[str], heads: list[list[str]], analysis: Analysis, context: Context,
                index: Index) -> list[Candidate]:
    block = _block_name(heads[-1]) if heads else ("rules" if analysis.rules else "")
    clause = _clause_kind(heads[-1]) if heads else None
    if not before:
        if clause is not None:
            return [(f.name, K.Field, f"a field of `{clause}`", "") for f in FIELDS[clause].values()]
        if heads and heads[-1][0] == "aggravated":
            return [("penalty", K.Field, "the aggravated penalty", "")]
        return [(k, K.Keyword, "", "") for k in BLOCK_KEYWORDS.get(block, ())]
    first, rest = before[0], before[1:]
    if analysis.rules and first == "obligation":
        return _obligations(context)
    if first == "test":
        return _test_words(rest, context)
    if clause is not None and first in FIELDS[clause]:
        return _field_values(clause, first, rest, analysis, context, index)
    if heads and heads[-1][0] == "aggravated" and first == "penalty":
        return _terms(context, "penalty-kinds", "penalty-units")
    kind = first if first in KINDS else (rest[0] if first in (*BASES, "strike") and rest and rest[0] in KINDS else None)
    if kind is not None:
        return _terms(context, HEAD_GROUPS[kind])
    if first in BASES or first == "strike":
        return [(k, K.Keyword, "a clause kind", "") for k in KINDS]
    return _line_values(first, rest, block, analysis, context, index)


def _line_values(first: str, rest: list[str], block: str, analysis: Analysis, context: Context,
                 index: Index) -> list[Candidate]:
    if first == "by":
        return _ids(analysis, context, index, instruments=True)
    if first in ("amend", "within", "applies-to") or (first == "repeal" and block == "bill"):
        return _ids(analysis, context, index, instruments=first not in ("amend", "repeal"), provisions=True)
    if first == "treaty":
        return _terms(context, "treaties" if not rest else "treaty-actions")
    if first == "pillar":
        return [(p, K.EnumMember, "a pillar", "") for p in PILLARS]
    if first == "strength":
        return [(s, K.EnumMember, "a strength", "") for s in STRENGTHS]
    if first == "applies-if":
        return [("role", K.Keyword, "", "")] if not rest else _terms(context, "jurisdiction-roles")
    if first in ("core",) and not rest:
        return [("criterion", K.Keyword, "", "")]
    if first in LINE_GROUPS and (first != "title" or not rest):
        return _terms(context, LINE_GROUPS[first])
    return []


def _field_values(clause: str, name: str, rest: list[str], analysis: Analysis, context: Context,
                  index: Index) -> list[Candidate]:
    spec = FIELDS[clause][name]
    if spec.reads in ("terms", "term"):
        found = _terms(context, spec.group)
        return [*found, ("none", K.Keyword, "the offence requires none", "")] if spec.none_flag and not rest else found
    if spec.reads == "choice":
        return [(c, K.EnumMember, f"`{name}`", "") for c in spec.choices]
    if spec.reads == "ids":
        return _ids(analysis, context, index, instruments=True, provisions=True)
    if spec.reads == "penalty":
        return _terms(context, "penalty-kinds", "penalty-units")
    if spec.reads == "aggravated":
        return _terms(context, "circumstances")
    return []


def _test_words(rest: list[str], context: Context) -> list[Candidate]:
    """In a rule's test: after a quantifier, a clause kind; after a kind, its terms; after `of`, a set."""
    last = rest[-1] if rest else ""
    if last in ("some", "every", "no", "union"):
        return [(k, K.Keyword, "a clause kind", "") for k in KINDS]
    if last in KINDS:
        return [*_terms(context, HEAD_GROUPS[last]), ("where", K.Keyword, "", ""), ("of", K.Keyword, "", "")]
    if last == "of":
        return [(s, K.Constant, "a set of the vocabulary", ", ".join(members)) for s, members in context.vocabulary.sets.items()]
    if last == "party":
        return [("to", K.Keyword, "", "")]
    if last == "to":
        return _terms(context, "treaties")
    kinds = [k for k in rest if k in KINDS]
    fields = RULE_FIELDS[kinds[-1]] if kinds else sorted({f for fs in RULE_FIELDS.values() for f in fs})
    if last in fields:
        return [(w, K.Keyword, "", "") for w in ("covers", "includes", "is", ">=", "<=", ">", "<", "=")]
    if last in ("includes", "is"):
        return _terms(context, *{f.group for k in (kinds[-1:] or list(KINDS)) for f in FIELDS[k].values() if f.group})
    return [*[(f, K.Field, "a field a rule may read", "") for f in fields], *[(w, K.Keyword, "", "") for w in TEST_WORDS]]


def _terms(context: Context, *groups: str) -> list[Candidate]:
    vocabulary = context.vocabulary
    return [(t, K.EnumMember, f"{g}", vocabulary.terms[t].definition) for g in groups for t in vocabulary.in_group(g)]


def _ids(analysis: Analysis, context: Context, index: Index, *, instruments: bool = False,
         provisions: bool = False) -> list[Candidate]:
    """The corpus's instruments or provisions, and the document's own (declared in it as typed)."""
    own = declarations([analysis.model]) if analysis.model is not None else {}
    out: list[Candidate] = []
    for ident, found in {**index.corpus(context), **own}.items():
        is_instrument = isinstance(found.item, Instrument)
        if (is_instrument and instruments) or (not is_instrument and provisions):
            out.append((ident, K.Module if is_instrument else K.Reference, found.item.title, f"`{found.shown}`"))
    return out


def _obligations(context: Context) -> list[Candidate]:
    return [(o.id, K.Interface, o.title, f"{o.basis} · {o.pillar}") for o in context.obligations]


def _block_name(head: list[str]) -> str:
    word = head[0]
    if word in BASES and len(head) > 1:
        word = head[1]
    return "criterion" if word == "core" else word


def _clause_kind(head: list[str]) -> str | None:
    word = _block_name(head)
    return word if word in KINDS else None


def _item(label: str, kind: lsp.CompletionItemKind, detail: str, doc: str, replace: lsp.Range) -> Item:
    return Item(label=label, kind=kind, detail=detail or None,
                documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=doc) if doc else None,
                text_edit=lsp.TextEdit(range=replace, new_text=label))
