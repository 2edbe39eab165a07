"""Build statute models straight from the parser's reductions (no parse tree).

The parser calls one method per grammar rule with that rule's children — tokens
(`str` subclasses carrying `line`, `column`, `end_line`, `end_column`, `type`) and
the values earlier methods returned. Entries inside a block come back as small tagged
tuples that their parent sorts into model fields. Local mistakes (an unknown term, a
field the clause kind lacks, an impossible date, a missing source) become diagnostics
here, all collected, never raised; cross-item checks live in `lawcmp.load.checks`.

This module does not import lark: the token type it reads is structural.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from lawcmp.lang.vocabulary import Vocabulary
from lawcmp.model.statute import (
    Aggravation,
    Amend,
    Bill,
    Citation,
    Classification,
    ClauseBase,
    Cooperation,
    Establishes,
    Fact,
    Insert,
    Instrument,
    Jurisdiction,
    Mandates,
    Offence,
    Penalizes,
    Penalty,
    Provides,
    Provision,
    Range,
    Repeal,
    RepealOp,
    Span,
    StatuteFile,
    Strike,
    TreatyEvent,
    Version,
    When,
)
from lawcmp.support.diagnostics import Diagnostic, did_you_mean

MAX_DEPTH = 32
# Values lawcmp accepts (docs/limits.md): dates it can count days from and to, and prison
# terms that are not a typo (life imprisonment is the penalty kind `life-imprisonment`).
YEARS = (1000, 2999)
MAX_PRISON_YEARS = 1000.0
MAX_HINTS = 100  # "did you mean" costs a fuzzy match over the vocabulary: only while a file has few problems


# The fields a negative clause may carry: they narrow what it denies.
NEGATIVE_SCOPES = frozenset({"beneficiaries"})

class Tok(Protocol):
    """The part of a lark Token this module uses."""

    type: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str: ...


def span_of(tok: Any) -> Span:
    return Span(tok.line, tok.column, tok.end_line, tok.end_column)


def unquote(tok: Any) -> tuple[str, bool]:
    """The string's value, and whether every escape in it was valid."""
    body = str(tok)[1:-1]
    if "\\" not in body:
        return body, True
    out, ok, i = [], True, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt not in "\"\\":
                ok = False
            out.append(nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out), ok


# Which vocabulary group the head terms of each clause kind come from.
HEAD_GROUPS: dict[str, str] = {
    "offence": "offences",
    "classification": "classifications",
    "penalizes": "conduct",
    "provides": "measures",
    "establishes": "bodies",
    "mandates": "activities",
    "cooperation": "cooperation",
}

CHOICES: dict[str, tuple[str, ...]] = {
    "child-means": ("required", "not-required"),
    "consent": ("irrelevant", "relevant"),
    "transnational": ("required", "not-required"),
    "organized-group": ("required", "not-required"),
    "legal-persons": ("liable", "not-liable"),
}

# Fields of each clause kind: field name -> how its values are read.
#   ("terms", group)   one or more vocabulary terms of that group
#   ("term", group)    exactly one vocabulary term
#   ("choice",)        one of CHOICES[field]
#   ("ids",)           one or more ids (references)
#   ("penalty",)       penalty items
#   ("aggravated",)    circumstances, with a nested penalty; repeatable
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "offence": {
        "acts": ("terms", "acts"),
        "means": ("terms", "means"),
        "purposes": ("terms", "purposes"),
        "victims": ("terms", "victims"),
        "child-means": ("choice",),
        "consent": ("choice",),
        "transnational": ("choice",),
        "organized-group": ("choice",),
        "ancillary": ("terms", "ancillary"),
        "penalty": ("penalty",),
        "aggravated": ("aggravated",),
        "legal-persons": ("choice",),
    },
    "classification": {"amnesty": ("term", "amnesty-statuses"), "applies-to": ("ids",)},
    "penalizes": {"exemption": ("term", "exemption-statuses")},
    "provides": {"beneficiaries": ("terms", "beneficiaries"), "condition": ("terms", "conditions")},
    "establishes": {},
    "mandates": {},
    "cooperation": {},
}

CLAUSE_MODELS: dict[str, type[ClauseBase]] = {
    "offence": Offence,
    "classification": Classification,
    "penalizes": Penalizes,
    "provides": Provides,
    "establishes": Establishes,
    "mandates": Mandates,
    "cooperation": Cooperation,
}

DURATION_UNITS = {"years": 1.0, "months": 1.0 / 12.0}


class BuilderBase:
    """What both languages' builders share: the vocabulary, the file, the diagnostics.

    One instance serves many parses (the parser is built once per process): `reset` first.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.path = ""
        self.diagnostics: list[Diagnostic] = []

    def reset(self, path: str) -> None:
        self.path = path
        self.diagnostics = []

    def report(self, code: str, message: str, where: Any, hint: str | None = None) -> None:
        span = where if isinstance(where, Span) else span_of(where)
        self.diagnostics.append(Diagnostic(code=code, message=message, path=self.path, span=span, hint=hint))

    def string(self, tok: Any) -> str:
        value, ok = unquote(tok)
        if not ok:
            self.report("SY04", "only \\\" and \\\\ may be escaped in a string", tok)
        return value


class StatuteBuilder(BuilderBase):
    """Parser callbacks for `statute_file`."""

    # -- helpers ----------------------------------------------------------------------

    def term(self, tok: Any, *groups: str) -> str | None:
        word = str(tok)
        vocab = self.vocabulary
        canonical = vocab.canonical(word)
        if canonical is not None and vocab.terms[canonical].group in groups:
            return canonical
        where = " or ".join(groups)
        if canonical is not None:
            other = vocab.terms[canonical].group
            self.report("VO02", f"`{word}` is a term of `{other}`, not of `{where}`", tok)
            return None
        suggestion = vocab.suggest(word, groups) if len(self.diagnostics) < MAX_HINTS else None
        self.report(
            "VO01",
            f"unknown term `{word}` (expected a term of `{where}`)",
            tok,
            f"did you mean `{suggestion}`?" if suggestion else None,
        )
        return None

    def terms(self, toks: Sequence[Any], *groups: str) -> tuple[str, ...]:
        out = []
        for tok in toks:
            t = self.term(tok, *groups)
            if t is not None and t not in out:
                out.append(t)
        return tuple(out)

    def when(self, tok: Any) -> When | None:
        text = str(tok)
        parts = [int(p) for p in text.split("-")]
        try:
            day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            self.report("DT01", f"`{text}` is not a date", tok)
            return None
        if not YEARS[0] <= day.year <= YEARS[1]:
            self.report("DT01", f"`{text}` is not a year lawcmp accepts ({YEARS[0]}–{YEARS[1]})", tok)
            return None
        precision = ("year", "month", "day")[len(parts) - 1]
        return When(day=day, precision=precision)  # type: ignore[arg-type]

    def singles(self, entries: Sequence[tuple[Any, ...]], names: set[str]) -> dict[str, tuple[Any, ...]]:
        """Entries that may appear once, by tag; a second one is FD04."""
        seen: dict[str, tuple[Any, ...]] = {}
        for e in entries:
            if e[0] in names:
                if e[0] in seen:
                    self.report("FD04", f"`{e[0]}` is given twice", e[-1])
                else:
                    seen[e[0]] = e
        return seen

    def need_source(self, sources: tuple[Citation, ...], what: str, where: Any) -> None:
        if not sources:
            self.report("SR01", f"{what} has no source", where, "add `source \"<document>\" \"<quoted phrase>\"`")

    @staticmethod
    def collect(entries: Sequence[Any], tag: str) -> tuple[Any, ...]:
        return tuple(e[1] for e in entries if isinstance(e, tuple) and e[0] == tag)

    # -- citations ----------------------------------------------------------------------

    def locator(self, c: list[Any]) -> tuple[str, str]:
        return ("locator", str(c[0]).replace("..", "-"))

    def source(self, c: list[Any]) -> tuple[str, Citation]:
        doc = c[0]
        para = None
        quote = None
        for item in c[1:]:
            if isinstance(item, tuple):
                para = item[1]
            else:
                quote = self.string(item)
        cite = Citation(document=self.string(doc), para=para, quote=quote, span=span_of(doc))
        return ("source", cite)

    # -- jurisdiction --------------------------------------------------------------------

    def title(self, c: list[Any]) -> tuple[str, str, str, Span]:
        lang = self.term(c[0], "languages") or str(c[0])
        return ("title", lang, self.string(c[1]), span_of(c[0]))

    def role(self, c: list[Any]) -> tuple[str, tuple[str, ...], Span]:
        return ("role", self.terms(c, "jurisdiction-roles"), span_of(c[0]))

    def treaty(self, c: list[Any]) -> tuple[str, TreatyEvent | None]:
        treaty = self.term(c[0], "treaties")
        action = self.term(c[1], "treaty-actions")
        date = self.when(c[2])
        sources = self.collect(c[3:], "source")
        if treaty is None or action is None or date is None:
            return ("treaty", None)
        return ("treaty", TreatyEvent(treaty=treaty, action=action, date=date, sources=sources, span=span_of(c[0])))

    def jurisdiction(self, c: list[Any]) -> tuple[str, Jurisdiction]:
        code, name, entries = c[0], c[1], c[2:]
        if "/" in str(code):
            self.report("FD02", f"a jurisdiction code is two capital letters, not `{code}`", code)
        self.singles(entries, {"role"})
        roles = tuple(r for e in entries if e[0] == "role" for r in e[1])
        titles = {e[1]: e[2] for e in entries if e[0] == "title"}
        treaties = tuple(t for t in self.collect(entries, "treaty") if t is not None)
        return (
            "jurisdiction",
            Jurisdiction(
                code=str(code), name=self.string(name), titles=titles, roles=roles,
                treaties=treaties, span=span_of(code),
            ),
        )

    # -- instruments ----------------------------------------------------------------------

    def kind(self, c: list[Any]) -> tuple[str, str | None, Span]:
        return ("kind", self.term(c[0], "instrument-kinds"), span_of(c[0]))

    def status(self, c: list[Any]) -> tuple[str, str | None, Span]:
        return ("status", self.term(c[0], "instrument-statuses"), span_of(c[0]))

    def _dated(tag: str) -> Callable[[StatuteBuilder, list[Any]], tuple[str, When | None, Span]]:  # type: ignore[misc]
        def method(self: StatuteBuilder, c: list[Any]) -> tuple[str, When | None, Span]:
            return (tag, self.when(c[0]), span_of(c[0]))

        return method

    adopted = _dated("adopted")
    effective = _dated("effective")
    repealed = _dated("repealed")
    from_ = _dated("from")
    until = _dated("until")

    def instrument(self, c: list[Any]) -> tuple[str, Instrument]:
        ident, title, entries = c[0], c[1], c[2:]
        one = self.singles(entries, {"kind", "adopted", "effective", "repealed", "status"})
        return (
            "instrument",
            Instrument(
                id=str(ident),
                title=self.string(title),
                titles={e[1]: e[2] for e in entries if e[0] == "title"},
                kind=one["kind"][1] if "kind" in one else None,
                adopted=one["adopted"][1] if "adopted" in one else None,
                effective=one["effective"][1] if "effective" in one else None,
                repealed=one["repealed"][1] if "repealed" in one else None,
                status=(one["status"][1] or "in-force") if "status" in one else "in-force",
                sources=self.collect(entries, "source"),
                span=span_of(ident),
            ),
        )

    # -- provisions and versions ------------------------------------------------------------

    def by(self, c: list[Any]) -> tuple[str, str, Span]:
        return ("by", str(c[0]), span_of(c[0]))

    def text(self, c: list[Any]) -> tuple[str, str, Span]:
        return ("text", self.string(c[0]), span_of(c[0]))

    def paraphrase(self, c: list[Any]) -> tuple[str, str, Span]:
        return ("paraphrase", self.string(c[0]), span_of(c[0]))

    def version(self, c: list[Any]) -> tuple[str, Version | None]:
        date_tok, entries = c[0], c[1:]
        start = self.when(date_tok)
        one = self.singles(entries, {"by", "text", "paraphrase"})
        clauses = self.collect(entries, "clause")
        for clause in clauses:
            if clause.negative:
                self.report("NF03", "a provision cannot state an absence; put it in a `fact`", clause.span)
        sources = self.collect(entries, "source")
        self.need_source(sources, "this version", date_tok)
        if start is None:
            return ("version", None)
        return (
            "version",
            Version(
                start=start,
                by=one["by"][1] if "by" in one else None,
                text=one["text"][1] if "text" in one else None,
                paraphrase=one["paraphrase"][1] if "paraphrase" in one else None,
                clauses=clauses,
                sources=sources,
                span=span_of(date_tok),
            ),
        )

    def repeal(self, c: list[Any]) -> tuple[str, Repeal | None]:
        date_tok, entries = c[0], c[1:]
        start = self.when(date_tok)
        one = self.singles(entries, {"by"})
        sources = self.collect(entries, "source")
        self.need_source(sources, "this repeal", date_tok)
        if start is None:
            return ("repeal", None)
        by = one["by"][1] if "by" in one else None
        return ("repeal", Repeal(start=start, by=by, sources=sources, span=span_of(date_tok)))

    def provision(self, c: list[Any]) -> tuple[str, Provision]:
        ident, title, entries = c[0], c[1], c[2:]
        if str(ident).count("/") < 2:
            self.report("FD02", f"a provision id is JURISDICTION/INSTRUMENT/ARTICLE, not `{ident}`", ident)
        versions = tuple(v for v in self.collect(entries, "version") if v is not None)
        repeals = [r for r in self.collect(entries, "repeal") if r is not None]
        if len(repeals) > 1:
            self.report("FD04", "a provision is repealed once", repeals[1].span)
        return (
            "provision",
            Provision(
                id=str(ident), title=self.string(title), versions=versions,
                repeal=repeals[0] if repeals else None, span=span_of(ident),
            ),
        )

    # -- facts -----------------------------------------------------------------------------

    def fact(self, c: list[Any]) -> tuple[str, Fact]:
        ident, title, entries = c[0], c[1], c[2:]
        one = self.singles(entries, {"from", "until"})
        clauses = self.collect(entries, "clause")
        for clause in clauses:
            if clause.basis == "law" and not clause.negative:
                self.report(
                    "NF02", "a fact holds practice or absence, not law", clause.span,
                    "write `practice …` or `no …`, or move the clause into a provision",
                )
        sources = self.collect(entries, "source")
        self.need_source(sources, "this fact", ident)
        start = one["from"][1] if "from" in one else None
        if "from" not in one:
            self.report("DT05", "this fact has no date", ident, "add `from YYYY`")
        until = one["until"][1] if "until" in one else None
        if start is not None and until is not None and until.day < start.day:
            self.report("DT04", f"the fact ends ({until}) before it begins ({start})", one["until"][2])
        return (
            "fact",
            Fact(
                id=str(ident), title=self.string(title), start=start, until=until,
                clauses=clauses, sources=sources, span=span_of(ident),
            ),
        )

    # -- clauses -----------------------------------------------------------------------------

    def basis(self, c: list[Any]) -> Any:
        return c[0]

    def clause_kind(self, c: list[Any]) -> Any:
        return c[0]

    def field(self, c: list[Any]) -> tuple[str, Any, list[Any], list[tuple[Any, ...]], int]:
        name = c[0]
        values = [x for x in c[1:] if not isinstance(x, tuple)]
        subfields = [x for x in c[1:] if isinstance(x, tuple)]
        depth = 1 + max((f[4] for f in subfields), default=0)
        if depth == MAX_DEPTH + 1:
            self.report("IN06", f"fields are nested deeper than {MAX_DEPTH} levels", name)
        return ("field", name, values, subfields, depth)

    def clause(self, c: list[Any]) -> tuple[str, ClauseBase | None]:
        i = 0
        basis, negative = "law", False
        if getattr(c[0], "type", "") in ("PRACTICE", "DRAFT", "NO"):
            word = str(c[0])
            negative = word == "no"
            basis = word if word in ("practice", "draft") else "law"
            i = 1
        kind_tok = c[i]
        kind = str(kind_tok)
        head = [x for x in c[i + 1:] if not isinstance(x, tuple)]
        fields = [x for x in c[i + 1:] if isinstance(x, tuple)]
        values: dict[str, Any] = {
            "terms": self.terms(head, HEAD_GROUPS[kind]),
            "basis": basis,
            "negative": negative,
            "span": span_of(kind_tok),
        }
        if kind in ("penalizes", "provides", "establishes", "mandates", "cooperation") and not head:
            self.report("FD02", f"`{kind}` needs at least one term", kind_tok)
        if kind == "classification" and not head and not negative and not any(str(f[1]) == "amnesty" for f in fields):
            # A source may speak of amnesty alone (001: fewer offenders may apply) without
            # restating the class: the class then stays what an earlier clause said.
            self.report("FD02", "`classification` needs a class term or an `amnesty` line", kind_tok)
        scoping = [f for f in fields if str(f[1]) not in NEGATIVE_SCOPES]
        if negative and scoping:
            # Only a scope: "no repatriation programme for returning nationals" denies less
            # than "no repatriation programme" (docs/language.md, negative facts).
            self.report("FD02", "a negative clause (`no …`) takes no fields but `beneficiaries`", scoping[0][1])
            fields = [f for f in fields if f not in scoping]
        schema = FIELDS[kind]
        aggravations = []
        seen: set[str] = set()
        for _, name_tok, vals, subs, _depth in fields:
            name = str(name_tok)
            spec = schema.get(name)
            if spec is None:
                guess = did_you_mean(name, schema)
                self.report(
                    "FD01", f"`{kind}` has no field `{name}`", name_tok,
                    f"did you mean `{guess}`?" if guess else f"fields of `{kind}`: {', '.join(schema) or 'none'}",
                )
                continue
            if spec[0] == "aggravated":
                agg = self.aggravation(name_tok, vals, subs)
                if agg is not None:
                    aggravations.append(agg)
                continue
            if name in seen:
                self.report("FD03", f"field `{name}` is given twice", name_tok)
                continue
            seen.add(name)
            if subs and spec[0] != "aggravated":
                self.report("FD02", f"field `{name}` takes no block", name_tok)
            value = self.field_value(name, name_tok, spec, vals)
            if value is not None:
                values[name.replace("-", "_")] = value
        if aggravations:
            values["aggravated"] = tuple(aggravations)
        model = CLAUSE_MODELS[kind]
        return ("clause", model(**values))

    def field_value(self, name: str, name_tok: Any, spec: tuple[str, ...], vals: list[Any]) -> Any:
        how = spec[0]
        if how == "penalty":
            return self.penalty(name_tok, vals)
        if not vals:
            self.report("FD02", f"field `{name}` needs a value", name_tok)
            return None
        bad = [v for v in vals if getattr(v, "type", "") != ("ID" if how == "ids" else "TERM")]
        if bad:
            self.report("FD02", f"field `{name}` takes {'ids' if how == 'ids' else 'terms'}, not `{bad[0]}`", bad[0])
            return None
        if how == "ids":
            return tuple(str(v) for v in vals)
        if how == "choice":
            allowed = CHOICES[name]
            if len(vals) != 1 or str(vals[0]) not in allowed:
                self.report("FD02", f"field `{name}` is one of: {', '.join(allowed)}", vals[0])
                return None
            return str(vals[0])
        if how == "term":
            if len(vals) != 1:
                self.report("FD02", f"field `{name}` takes one term", vals[1])
                return None
            return self.term(vals[0], spec[1])
        return self.terms(vals, spec[1])

    def penalty(self, where: Any, vals: list[Any]) -> Penalty | None:
        kinds: list[str] = []
        prison: Range | None = None
        i = 0
        ok = True
        while i < len(vals):
            tok = vals[i]
            if getattr(tok, "type", "") != "TERM":
                self.report("FD02", f"expected a penalty kind (prison, fine, …), not `{tok}`", tok)
                ok = False
                i += 1
                continue
            kind = self.term(tok, "penalty-kinds")
            i += 1
            if kind is not None and kind not in kinds:
                kinds.append(kind)
            if i < len(vals) and getattr(vals[i], "type", "") in ("RANGE", "NUMBER"):
                amount = vals[i]
                unit_tok = vals[i + 1] if i + 1 < len(vals) else None
                i += 1
                factor = DURATION_UNITS.get(str(unit_tok)) if unit_tok is not None else None
                if factor is None:
                    self.report("FD02", "a duration needs its unit: years or months", amount)
                    ok = False
                    continue
                i += 1
                rng = self.range(amount, factor)
                if kind == "prison" and rng is not None:
                    prison = rng
        if not kinds and ok:
            self.report("FD02", "a penalty names at least one kind (prison, fine, confiscation, …)", where)
        return Penalty(prison=prison, kinds=tuple(kinds)) if kinds else None

    def range(self, tok: Any, factor: float) -> Range | None:
        text = str(tok)
        if ".." in text:
            lo_s, hi_s = text.split("..")
            lo = float(lo_s) * factor if lo_s else None
            hi = float(hi_s) * factor if hi_s else None
        else:
            lo = hi = float(text) * factor
        if any(x is not None and not x <= MAX_PRISON_YEARS for x in (lo, hi)):
            self.report("FD02", f"a prison term of more than {MAX_PRISON_YEARS:,.0f} years: `{text}`", tok,
                        "for a life sentence, use the penalty kind `life-imprisonment`")
            return None
        if lo is not None and hi is not None and lo > hi:
            self.report("PN01", f"the penalty's minimum ({lo_s}) is above its maximum ({hi_s})", tok)
            return None
        return Range(low=lo, high=hi)

    def aggravation(self, name_tok: Any, vals: list[Any], subs: list[tuple[Any, ...]]) -> Aggravation | None:
        # No circumstances named: the source gives an aggravated penalty without saying when.
        circumstances = self.terms(vals, "circumstances")
        penalty = None
        for _, sub_name, sub_vals, _subs, _d in subs:
            if str(sub_name) == "penalty":
                penalty = self.penalty(sub_name, sub_vals)
            else:
                self.report("FD01", f"`aggravated` has no field `{sub_name}`", sub_name, "its field is `penalty`")
        return Aggravation(circumstances=circumstances, penalty=penalty, span=span_of(name_tok))

    # -- bills --------------------------------------------------------------------------------

    def strike(self, c: list[Any]) -> tuple[str, Strike]:
        kind = str(c[0])
        terms = self.terms(c[1:], HEAD_GROUPS[kind])
        return ("strike", Strike(kind=kind, terms=terms, span=span_of(c[0])))

    def amend(self, c: list[Any]) -> tuple[str, Amend]:
        ident, entries = c[0], c[1:]
        one = self.singles(entries, {"text", "paraphrase"})
        return (
            "op",
            Amend(
                provision=str(ident),
                text=one["text"][1] if "text" in one else None,
                paraphrase=one["paraphrase"][1] if "paraphrase" in one else None,
                clauses=self.collect(entries, "clause"),
                strikes=self.collect(entries, "strike"),
                sources=self.collect(entries, "source"),
                span=span_of(ident),
            ),
        )

    def insert(self, c: list[Any]) -> tuple[str, Insert]:
        ident, title, entries = c[0], c[1], c[2:]
        one = self.singles(entries, {"text", "paraphrase", "by"})
        return (
            "op",
            Insert(
                provision=str(ident),
                title=self.string(title),
                text=one["text"][1] if "text" in one else None,
                paraphrase=one["paraphrase"][1] if "paraphrase" in one else None,
                clauses=self.collect(entries, "clause"),
                sources=self.collect(entries, "source"),
                span=span_of(ident),
            ),
        )

    def repeal_provision(self, c: list[Any]) -> tuple[str, RepealOp]:
        return ("op", RepealOp(provision=str(c[0]), span=span_of(c[0])))

    def bill(self, c: list[Any]) -> tuple[str, Bill]:
        ident, title, entries = c[0], c[1], c[2:]
        one = self.singles(entries, {"effective"})
        if "effective" not in one:
            self.report("DT05", "this bill has no effective date", ident, "add `effective YYYY-MM-DD`")
        sources = self.collect(entries, "source")
        self.need_source(sources, "this bill", ident)
        return (
            "bill",
            Bill(
                id=str(ident),
                title=self.string(title),
                titles={e[1]: e[2] for e in entries if e[0] == "title"},
                effective=one["effective"][1] if "effective" in one else None,
                operations=self.collect(entries, "op"),
                sources=sources,
                span=span_of(ident),
            ),
        )

    # -- the file ---------------------------------------------------------------------------------

    def statute_file(self, c: list[Any]) -> StatuteFile:
        return StatuteFile(
            path=self.path,
            jurisdictions=self.collect(c, "jurisdiction"),
            instruments=self.collect(c, "instrument"),
            provisions=self.collect(c, "provision"),
            facts=self.collect(c, "fact"),
            bills=self.collect(c, "bill"),
        )
