"""The canonical layout of statute and rule files, and a printer from models to text.

`format_text` re-lays a file that parses: two-space indentation by block depth, single
spaces between tokens, two spaces before a trailing comment, no blank line after `{`
or before `}`, at most one blank line inside a block and exactly one between top-level
items, a final newline. It moves no token and drops no comment, and it proves that it
changed nothing else: the result must parse to the same model (`same_meaning`) or
formatting is refused.

`print_file` writes a model as canonical text — used by the property tests
(`parse(print(m)) == m`) and by the what-if overlay to show a bill written in.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from lawcmp.lang.clauses import KINDS
from lawcmp.model.statute import (
    Aggravation,
    Amend,
    Bill,
    Citation,
    ClauseBase,
    Fact,
    Insert,
    Instrument,
    Jurisdiction,
    Penalty,
    Provision,
    RepealOp,
    StatuteFile,
    Version,
    When,
)

INDENT = "  "
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|#.*|[^\s"#]+')


def split_comment(line: str) -> tuple[list[str], str | None]:
    """Tokens of a line (strings kept whole) and its trailing comment.

    Only a comment starts with `#`, and it runs to the end of the line: if there is one,
    it is the last token.
    """
    tokens = TOKEN.findall(line)
    if tokens and tokens[-1][0] == "#":
        return tokens[:-1], tokens[-1].rstrip()
    return tokens, None


def format_text(text: str) -> str:
    """The canonical layout of `text` (assumed to parse)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    out: list[str] = []
    depth = 0
    blank_pending = False
    for raw in text.replace("\r\n", "\n").split("\n"):
        tokens, comment = split_comment(raw)
        if not tokens and comment is None:
            blank_pending = bool(out)
            continue
        closes = tokens[:1] == ["}"]
        if closes:
            depth = max(0, depth - 1)
            blank_pending = False
        if out and blank_pending and not out[-1].endswith("{"):
            out.append("")
        elif out and depth == 0 and not closes and out[-1] == "}" and (tokens or comment):
            out.append("")  # one blank line between top-level items
        blank_pending = False
        code = " ".join(tokens)
        if comment is not None:
            body = comment[1:].strip()
            comment = "# " + body if body else "#"
            code = f"{code}  {comment}" if code else comment
        out.append(INDENT * depth + code)
        if tokens and tokens[-1] == "{":
            depth += 1
    return "\n".join(out) + "\n" if out else ""


def strip_spans(value: Any) -> Any:
    """A model's content without source positions, for comparing meaning: statute models
    are pydantic models, the obligations of rule files dataclasses."""
    if isinstance(value, BaseModel):
        return {k: strip_spans(v) for k, v in value if k not in ("span", "path")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: strip_spans(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in ("span", "path")}
    if isinstance(value, (tuple, list)):
        return [strip_spans(v) for v in value]
    if isinstance(value, dict):
        return {k: strip_spans(v) for k, v in value.items()}
    return value


def same_meaning(a: Any, b: Any) -> bool:
    return bool(strip_spans(a) == strip_spans(b))


# -- printing models ------------------------------------------------------------------------------


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(x: float) -> str:
    return f"{x:g}"


def _source(c: Citation) -> str:
    parts = ["source", _q(c.document)]
    if c.para:
        parts += ["para", c.para.replace("-", "..")]
    if c.quote is not None:
        parts.append(_q(c.quote))
    return " ".join(parts)


def _penalty(p: Penalty) -> str:
    parts = []
    for kind in p.kinds:
        parts.append(kind)
        if kind == "prison" and p.prison is not None:
            lo, hi = p.prison.low, p.prison.high
            if lo is not None and lo == hi:
                parts.append(_num(lo))
            else:
                parts.append(f"{_num(lo) if lo is not None else ''}..{_num(hi) if hi is not None else ''}")
            parts.append("years")
    return "penalty " + " ".join(parts)


def _clause(c: ClauseBase, indent: str) -> list[str]:
    kind = getattr(c, "kind", "")
    prefix = "no " if c.negative else ("" if c.basis == "law" else c.basis + " ")
    head = f"{indent}{prefix}{kind}" + ("".join(" " + t for t in c.terms))
    body: list[str] = []
    inner = indent + INDENT
    clause_kind = KINDS.get(kind)
    for f in clause_kind.fields if clause_kind else ():
        value = getattr(c, f.attribute)
        if f.none_flag and getattr(c, f.none_flag):
            value = "none"
        if value is None or value == ():
            continue
        if f.reads == "penalty":
            body.append(inner + _penalty(value))
        elif f.reads == "aggravated":
            for agg in value:
                body.extend(_aggravation(agg, inner))
        else:
            body.append(f"{inner}{f.name} {' '.join(value) if isinstance(value, tuple) else value}")
    if not body:
        return [head]
    return [head + " {", *body, indent + "}"]


def _aggravation(a: Aggravation, indent: str) -> list[str]:
    head = f"{indent}aggravated" + "".join(" " + t for t in a.circumstances)
    if a.penalty is None:
        return [head]
    return [head + " {", indent + INDENT + _penalty(a.penalty), indent + "}"]


def _version_body(v: Version | Amend | Insert, indent: str) -> list[str]:
    lines: list[str] = []
    by = getattr(v, "by", None)
    if by:
        lines.append(f"{indent}by {by}")
    if v.text is not None:
        lines.append(f"{indent}text {_q(v.text)}")
    if v.paraphrase is not None:
        lines.append(f"{indent}paraphrase {_q(v.paraphrase)}")
    for c in v.clauses:
        lines.extend(_clause(c, indent))
    for s in getattr(v, "strikes", ()):
        lines.append(f"{indent}strike {s.kind}" + "".join(" " + t for t in s.terms))
    for r in getattr(v, "readings", ()):
        body = [line for c in r.clauses for line in _clause(c, indent + INDENT)] + [indent + INDENT + _source(s) for s in r.sources]
        lines += _block(f"reading {r.name} {_q(r.title)}", body, indent)
    lines.extend(indent + _source(s) for s in v.sources)
    return lines


def _block(head: str, body: list[str], indent: str = "") -> list[str]:
    return [f"{indent}{head} {{", *body, f"{indent}}}"]


def _jurisdiction(j: Jurisdiction) -> list[str]:
    body = [f"{INDENT}title {lang} {_q(t)}" for lang, t in j.titles.items()]
    if j.roles:
        body.append(f"{INDENT}role {' '.join(j.roles)}")
    if j.covers is not None:
        body.append(f"{INDENT}covers {j.covers[0]} {j.covers[1]}")
    for e in j.treaties:
        when = f"on-or-before {e.date}" if e.on_or_before else str(e.date)
        body += _block(f"treaty {e.treaty} {e.action} {when}", [INDENT * 2 + _source(s) for s in e.sources], INDENT)
    for c in j.complete:
        what = f"of {c.set}" if c.set is not None else " ".join(c.terms)
        since = f" from {c.start}" if c.start is not None else ""
        body += _block(f"complete {c.kind} {what}".rstrip() + since, [INDENT * 2 + _source(s) for s in c.sources], INDENT)
    return _block(f"jurisdiction {j.code} {_q(j.name)}", body)


def _instrument(i: Instrument) -> list[str]:
    body = [f"{INDENT}title {lang} {_q(t)}" for lang, t in i.titles.items()]
    if i.kind:
        body.append(f"{INDENT}kind {i.kind}")
    for name in ("adopted", "effective", "repealed"):
        when: When | None = getattr(i, name)
        if when is not None:
            body.append(f"{INDENT}{name} {when}")
    if i.status != "in-force":
        body.append(f"{INDENT}status {i.status}")
    body += [INDENT + _source(s) for s in i.sources]
    return _block(f"instrument {i.id} {_q(i.title)}", body)


def _provision(p: Provision) -> list[str]:
    body: list[str] = []
    for v in p.versions:
        head = f"version known-until {v.known_until}" if v.known_until is not None else f"version {v.start}"
        body += _block(head, _version_body(v, INDENT * 2), INDENT)
    if p.repeal is not None:
        r = p.repeal
        inner = ([f"{INDENT * 2}by {r.by}"] if r.by else []) + [INDENT * 2 + _source(s) for s in r.sources]
        body += _block(f"repeal {r.start}", inner, INDENT)
    return _block(f"provision {p.id} {_q(p.title)}", body)


def _fact(f: Fact) -> list[str]:
    body = []
    if f.start is not None:
        body.append(f"{INDENT}from {f.start}")
    if f.until is not None:
        body.append(f"{INDENT}until {f.until}")
    for c in f.clauses:
        body += _clause(c, INDENT)
    body += [INDENT + _source(s) for s in f.sources]
    return _block(f"fact {f.id} {_q(f.title)}", body)


def _bill(b: Bill) -> list[str]:
    body = [f"{INDENT}title {lang} {_q(t)}" for lang, t in b.titles.items()]
    if b.effective is not None:
        body.append(f"{INDENT}effective {b.effective}")
    body += [INDENT + _source(s) for s in b.sources]
    for op in b.operations:
        if isinstance(op, RepealOp):
            body.append(f"{INDENT}repeal {op.provision}")
        elif isinstance(op, Insert):
            body += _block(f"insert {op.provision} {_q(op.title)}", _version_body(op, INDENT * 2), INDENT)
        else:
            body += _block(f"amend {op.provision}", _version_body(op, INDENT * 2), INDENT)
    return _block(f"bill {b.id} {_q(b.title)}", body)


def print_file(f: StatuteFile) -> str:
    items: list[list[str]] = []
    items += [_jurisdiction(j) for j in f.jurisdictions]
    items += [_instrument(i) for i in f.instruments]
    items += [_provision(p) for p in f.provisions]
    items += [_fact(x) for x in f.facts]
    items += [_bill(b) for b in f.bills]
    return "\n".join("\n".join(lines) + "\n" for lines in items)


def changed_lines(before: str, after: str) -> Iterable[int]:
    """1-based numbers of lines that `fmt --check` would change (for its diagnostics)."""
    a, b = before.splitlines(), after.splitlines()
    for i in range(max(len(a), len(b))):
        if i >= len(a) or i >= len(b) or a[i] != b[i]:
            yield i + 1


def clause_lines(c: ClauseBase) -> list[str]:
    """A clause as the lines the canonical layout gives it (for diffs of versions)."""
    return _clause(c, "")
