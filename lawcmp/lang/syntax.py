"""Parsing: the one module that imports lark.

Text goes in; models and diagnostics come out. lark's exceptions never leave this
module. The parser is LALR(1) with the contextual lexer and an inline transformer —
the builders in `lawcmp.lang.build` and `lawcmp.lang.rulebuild` are called at each reduction, so
no parse tree is ever built (see ../shared/design/performance.md: about twice as fast
as building a tree and transforming it, and a third of the memory).

Where lark-cython is installed (the `speed` extra, on the platforms it has wheels for),
lark runs its LALR parser and lexer compiled: the same tables and the same results, in
two thirds of the time (docs/performance.md). `ENGINES` names both; every call can ask for
either, and tests/syntax/test_engines.py holds them to the same models and diagnostics.

Syntax errors are recovered from item by item: the failing top-level item is blanked
out (keeping its line breaks, so positions stay true) and the file parsed again, so
one run reports the errors of every item, not just the first. The items before the
failing one are parsed once on their own and blanked too, so a file with many errors
costs a few parses of its length, not one per error (see docs/limits.md).
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from pydantic import BaseModel

from lawcmp.lang.build import StatuteBuilder
from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.model.statute import Span, StatuteFile
from lawcmp.support.diagnostics import Diagnostic

GRAMMAR_PATH = Path(__file__).with_name("grammar") / "lawcmp.lark"
# Limits on input (docs/limits.md): each bounds the time and memory of a run.
MAX_SYNTAX_ERRORS = 50  # reported per file (IN08), each costing a parse of what follows it
MAX_ITEMS = 100_000  # top-level items per file (IN07)
RECOVERY_FACTOR, RECOVERY_FLOOR = 4, 4_000_000  # characters re-parsed while recovering: 4 × the file, at least 4 M

TOP_KEYWORDS = ("jurisdiction", "instrument", "provision", "fact", "bill", "obligation")
_TOP_LINE = re.compile(r"^(?:" + "|".join(TOP_KEYWORDS) + r")\b", re.M)

# What each terminal looks like to the person who typed the file.
_SHOWN = {
    "ID": "an id such as KG/CC/124",
    "OID": "an obligation id such as crim.acts",
    "TERM": "a term",
    "DATE": "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "RANGE": "a range such as 3..8",
    "NUMBER": "a number",
    "STRING": 'a "quoted string"',
    "_NL": "the end of the line",
    "_OPEN": "`{` at the end of the line",
    "_CLOSE": "`}` on a line of its own",
    "$END": "the end of the file",
    "COMPARISON": "a comparison (>=, <=, >, <, =)",
    "LPAR": "`(`",
    "RPAR": "`)`",
}

@cache
def grammar_text() -> str:
    return GRAMMAR_PATH.read_text(encoding="utf-8")


ENGINES = ("lark-cython", "lark")  # the compiled engine first: the default where it is installed


@cache
def default_engine() -> str:
    """`lark-cython` where it can be imported, else `lark`."""
    try:
        import lark_cython  # noqa: F401
    except ImportError:
        return "lark"
    return "lark-cython"


def _engine(engine: str) -> tuple[dict[str, Any], str]:
    """lark's options for `engine`, and what names its build (for the saved parser's key)."""
    if engine == "lark":
        return {}, engine
    if engine == "lark-cython":
        import lark_cython

        return {"_plugins": lark_cython.plugins}, f"{engine} {lark_cython.__version__}"
    raise ValueError(f"unknown parser engine {engine!r}; one of {', '.join(ENGINES)}")


@cache
def _lark(builder_class: type, engine: str) -> Lark:
    """A parser whose reductions call `builder_class` methods; one per process, class and engine.

    Building the LALR tables takes 100–150 ms, so the built parser is saved in lawcmp's
    cache directory with lark's own `cache` option (lark checks the grammar, options
    and version it was built from, and rebuilds on any mismatch or damage).
    """
    from lawcmp.support import store as entries

    options, build = _engine(engine)
    root = entries.directory()
    saved = str(root / f"parser-{_parser_key(build)}.lark") if root is not None and _cache_dir_ready(root) else False
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=["statute_file", "rules_file"],
        transformer=_Dispatch(builder_class),  # type: ignore[arg-type]
        maybe_placeholders=False,
        cache=saved,
        **options,
    )


def _parser_key(build: str) -> str:
    import sys

    from lark import __version__ as lark_version

    from lawcmp.support import store as entries

    parts = (grammar_text(), lark_version, repr(sys.version_info[:2]), build)
    return entries.key_of([part.encode() for part in parts])[:32]


def _cache_dir_ready(root: Path) -> bool:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return True


class _Dispatch:
    """Forwards each reduction to the builder instance installed for this parse.

    lark binds the transformer when the parser is built, but builders carry per-call
    state (the vocabulary, the file path, the diagnostics), so the cached parser holds
    this stand-in and `_parse` installs the builder of the moment.
    """

    current: ClassVar[dict[type, Any]] = {}

    def __init__(self, builder_class: type) -> None:
        self._class = builder_class

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or not callable(getattr(self._class, name, None)):
            raise AttributeError(name)
        current, cls = _Dispatch.current, self._class

        def call(children: list[Any]) -> Any:
            return getattr(current[cls], name)(children)

        return call


def _terminal_text(parser: Lark) -> dict[str, str]:
    shown = dict(_SHOWN)
    for t in parser.terminals:
        pattern = t.pattern
        if t.name not in shown and type(pattern).__name__ == "PatternStr":
            shown[t.name] = f"`{pattern.value}`"
    return shown


def _expected(parser: Lark, names: set[str]) -> str:
    shown = _terminal_text(parser)
    words = sorted({shown.get(n, n.lower()) for n in names if not n.startswith("__")})
    if len(words) > 6:
        words = [*words[:6], "…"]
    return ", ".join(words)


def _syntax_diagnostic(exc: UnexpectedInput, path: str, parser: Lark, text: str) -> Diagnostic:
    line, column = exc.line, exc.column
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream if exc.pos_in_stream is not None else -1
        ch = text[pos] if 0 <= pos < len(text) else "?"
        hint = None
        if ch in "“”„«»":
            hint = 'use straight double quotes " around strings'
        elif ch in "‘’":
            hint = "typographic apostrophes belong inside strings only"
        elif ch == "\t":
            hint = "tabs are allowed only as indentation"
        message = f"unexpected character `{ch}`"
        if exc.allowed:
            message += f"; expected {_expected(parser, set(exc.allowed))}"
        return Diagnostic(
            code="SY02", message=message, path=path,
            span=Span(line, column, line, column + 1), hint=hint,
        )
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        tok = exc.token
        value = str(tok).strip() or "end of line"
        if tok.type in ("_NL", "_OPEN", "_CLOSE"):
            value = {"_NL": "the end of the line", "_OPEN": "`{`", "_CLOSE": "`}`"}[tok.type]
        hint = None
        at_line_start = (tok.column or 0) == 1 and str(tok) in TOP_KEYWORDS
        if at_line_start:
            hint = f"`{tok}` starts a new item: is a `}}` missing above?"
        message = f"unexpected {value if value.startswith('`') or value.startswith('the') else '`' + value + '`'}"
        message += f"; expected {_expected(parser, set(exc.expected))}"
        end_col = (tok.end_column or column + 1) if tok.end_line == tok.line else column + 1
        # A missing line break or value shows at the next token; when that token
        # opens a new line, the mistake is at the end of the previous one.
        return Diagnostic(
            code="SY01", message=message, path=path,
            span=Span(tok.line or line, tok.column or column, tok.line or line, end_col), hint=hint,
        )
    # End of input inside a block.
    lines = text.rstrip("\n").split("\n")
    last = max(1, len(lines))
    col = len(lines[-1]) + 1 if lines else 1
    expected = set(getattr(exc, "expected", ()) or ())
    return Diagnostic(
        code="SY03", message="the file ends inside a block" + (f"; expected {_expected(parser, expected)}" if expected else ""),
        path=path, span=Span(last, col, last, col + 1), hint="close every `{` with a `}`",
    )


def _blank(text: str) -> str:
    """Spaces for every character but line breaks: lark skips it as fast as a regex runs."""
    return re.sub(r"[^\n]+", lambda m: " " * len(m.group()), text)


def _join(parts: list[Any]) -> Any:
    """One result from the results of the parts of a file: lists and models' tuples concatenated."""
    if len(parts) == 1:
        return parts[0]
    if isinstance(parts[0], BaseModel):
        first = parts[0]
        return first.model_copy(update={
            name: tuple(x for part in parts for x in getattr(part, name))
            for name, value in first if isinstance(value, tuple)
        })
    return [x for part in parts for x in part]


def _items(result: Any) -> int:
    if isinstance(result, BaseModel):
        return sum(len(value) for _, value in result if isinstance(value, tuple))
    return len(result)


class _Recovery:
    """The text being recovered: its top-level items, and which of them are blank.

    Blanking keeps every offset and line number, so line starts are found once.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.start() for m in _TOP_LINE.finditer(text)]
        self.lines = [0, *(m.end() for m in re.finditer("\n", text))]

    def item_at(self, line: int) -> tuple[int, int]:
        """The bounds of the top-level item holding `line` (1-based)."""
        pos = self.lines[min(max(1, line), len(self.lines)) - 1]
        i = bisect.bisect_right(self.starts, pos)
        begin = self.starts[i - 1] if i else 0
        end = self.starts[i] if i < len(self.starts) else len(self.text)
        return begin, end

    def is_blank(self, begin: int, end: int) -> bool:
        return not self.text[begin:end].strip()

    def blank(self, begin: int, end: int) -> None:
        self.text = self.text[:begin] + _blank(self.text[begin:end]) + self.text[end:]
        del self.starts[bisect.bisect_left(self.starts, begin):bisect.bisect_left(self.starts, end)]


def _parse(start: str, builder: Any, text: str, path: str, engine: str | None) -> tuple[Any, list[Diagnostic]]:
    kind: type = type(builder)
    parser = _lark(kind, engine or default_engine())
    _Dispatch.current[kind] = builder
    syntax: list[Diagnostic] = []
    work = _Recovery(text if text.endswith("\n") else text + "\n")
    parts: list[tuple[Any, list[Diagnostic]]] = []  # the items before an error, parsed once
    done = 0  # work.text[:done] is in `parts`, and blank
    budget, spent = max(RECOVERY_FLOOR, RECOVERY_FACTOR * len(work.text)), 0

    def take(end: int) -> Exception | None:
        """Parse the items before `end` on their own and keep them; or say why they do not parse."""
        nonlocal done, spent
        builder.reset(path)
        spent += end - done
        try:
            head = parser.parse(work.text[:end], start=start)
        except (UnexpectedInput, RecursionError) as exc:
            return exc
        parts.append((head, builder.diagnostics))
        work.blank(done, end)
        done = end
        return None

    def unclosed(begin: int, end: int, exc: Exception) -> Diagnostic:
        if isinstance(exc, UnexpectedInput) and not (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
            return _syntax_diagnostic(exc, path, parser, work.text[:end])
        line = work.text.count("\n", 0, begin) + 1
        return Diagnostic(code="SY03", message="a block of this item is not closed before the next item", path=path,
                          span=Span(line, 1, line, 2), hint="close every `{` with a `}`")

    while True:
        builder.reset(path)
        try:
            result = parser.parse(work.text, start=start)
        except UnexpectedInput as exc:
            if len(syntax) >= MAX_SYNTAX_ERRORS:
                return _stop(syntax, path, f"the limit is {MAX_SYNTAX_ERRORS} a file")
            syntax.append(_syntax_diagnostic(exc, path, parser, work.text))
            reached = exc.pos_in_stream if isinstance(exc.pos_in_stream, int) and exc.pos_in_stream >= 0 else len(work.text)
            spent += max(0, reached - done)
            line = exc.line if isinstance(exc.line, int) and exc.line > 0 else work.text.count("\n")
            token = getattr(exc, "token", None)
            begin, end = work.item_at(line)
            if token is not None and token.column == 1 and str(token) in TOP_KEYWORDS:
                # A new item where a `}` was due: the fault lies in the item above.
                above = work.item_at(line - 1)
                if not work.is_blank(*above):
                    begin, end = above
            if begin == end or work.is_blank(begin, end):
                return None, syntax
            if spent > budget:
                return _stop(syntax, path, "the rest of the file was not read")
            failure = take(begin) if begin > done else None
            if failure is not None:
                # The items above do not parse on their own: one of them left a block open,
                # and the items after it were read as its fields. Find that item by bisection
                # over the item starts, keep the items before it, and report it instead.
                ends = [s for s in work.starts if done < s < begin] + [begin]
                lo, hi = -1, len(ends) - 1
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    why = take(ends[mid])
                    if why is None:
                        lo = mid
                    else:
                        hi, failure = mid, why
                syntax[-1] = unclosed(done, ends[hi], failure)
                work.blank(done, ends[hi])
                continue
            work.blank(begin, end)
            continue
        except RecursionError:
            return None, [*syntax, Diagnostic(code="IN06", message="the file is nested too deeply", path=path)]
        parts.append((result, builder.diagnostics))
        result = _join([r for r, _ in parts])
        built = [d for _, diags in parts for d in diags]
        items = _items(result)
        if items > MAX_ITEMS:
            return None, [*syntax, *built, Diagnostic(
                code="IN07", message=f"the file holds {items:,} items; the limit is {MAX_ITEMS:,}",
                path=path, span=Span(1, 1, 1, 2), hint="split the file",
            )]
        return result, syntax + built


def _stop(syntax: list[Diagnostic], path: str, why: str) -> tuple[None, list[Diagnostic]]:
    """Recovery ends: the errors so far, and why no more are reported (IN08)."""
    return None, [*syntax, Diagnostic(code="IN08", message=f"stopped after {len(syntax)} syntax errors: {why}",
                                      path=path, hint="fix these and check the file again")]


def parse_statute(
    text: str, path: str, vocabulary: Vocabulary, *, engine: str | None = None
) -> tuple[StatuteFile | None, list[Diagnostic]]:
    """Parse one statute or bill file. A result comes back whenever some of it parsed.

    `engine` is one of `ENGINES` (default: `default_engine()`); the result is the same.
    """
    return _parse("statute_file", StatuteBuilder(vocabulary), text, path, engine)


def parse_rules(text: str, path: str, vocabulary: Vocabulary, *, engine: str | None = None) -> tuple[Any, list[Diagnostic]]:
    from lawcmp.lang.rulebuild import RuleBuilder

    return _parse("rules_file", RuleBuilder(vocabulary), text, path, engine)


def count_tokens(text: str) -> int:
    """Tokens of `text` by lark's basic lexer alone — the benchmarks' yardstick.

    Always pure lark: lark-cython compiles the parser's lexer, not `Lark.lex`.
    """
    return sum(1 for _ in basic_lexer().lex(text))


@cache
def basic_lexer() -> Lark:
    return Lark(grammar_text(), parser="lalr", lexer="basic", start=["statute_file"])
