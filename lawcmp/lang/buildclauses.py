"""Clauses built from the parser's reductions: terms checked against the vocabulary, fields read by kind.

Part of the statute builder (`lawcmp.lang.build`), apart so that each stays a readable size.
"""


from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from lawcmp.lang.builderbase import BuilderBase, span_of
from lawcmp.lang.clauses import FIELDS, HEAD_GROUPS, KINDS, NEGATIVE_SCOPES, Field
from lawcmp.model.statute import (
    Aggravation,
    Citation,
    ClauseBase,
    Penalty,
    Range,
    When,
)
from lawcmp.support.diagnostics import did_you_mean

MAX_DEPTH = 32
# Values lawcmp accepts (docs/limits.md): dates it can count days from and to, and prison
# terms that are not a typo (life imprisonment is the penalty kind `life-imprisonment`).
YEARS = (1000, 2999)
MAX_PRISON_YEARS = 1000.0
MAX_HINTS = 100  # "did you mean" costs a fuzzy match over the vocabulary: only while a file has few problems


DURATION_UNITS = {"years": 1.0, "months": 1.0 / 12.0}


class ClauseBuilder(BuilderBase):
    """The statute builder's reading of terms, dates and clauses: what a version, a fact and a
    bill's amendment all hold. The kinds and their fields are declared in `lawcmp.lang.clauses`."""

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
        if KINDS[kind].head_required and not head:
            self.report("FD02", f"`{kind}` needs at least one term", kind_tok)
        if kind == "classification" and not head and not negative and not any(str(f[1]) == "amnesty" for f in fields):
            # A source may speak of amnesty alone (001: fewer offenders may apply) without
            # restating the class: the class then stays what an earlier clause said.
            self.report("FD02", "`classification` needs a class term or an `amnesty` line", kind_tok)
        scoping = [f for f in fields if str(f[1]) not in NEGATIVE_SCOPES]
        if negative and scoping:
            # Only a scope: "no repatriation programme for returning nationals" denies less
            # than "no repatriation programme" (docs/language.md, negative facts).
            self.report("FD02", f"a negative clause (`no …`) takes only the fields that narrow what it denies: {', '.join(sorted(n for n in NEGATIVE_SCOPES if n in FIELDS[kind]))}", scoping[0][1])
            fields = [f for f in fields if f not in scoping]
        within = next((f for f in fields if str(f[1]) == "within"), None)
        if within is not None and not negative:
            self.report("FD02", "`within` narrows a negative clause (`no …`); a provision's clauses are already within its instrument", within[1])
            fields = [f for f in fields if f is not within]
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
            if spec.reads == "aggravated":
                agg = self.aggravation(name_tok, vals, subs)
                if agg is not None:
                    aggravations.append(agg)
                continue
            if name in seen:
                self.report("FD03", f"field `{name}` is given twice", name_tok)
                continue
            seen.add(name)
            if subs:
                self.report("FD02", f"field `{name}` takes no block", name_tok)
            if spec.none_flag and any(str(v) == "none" for v in vals):
                if len(vals) > 1:
                    self.report("FD02", f"`{name} none` stands alone: it says the offence requires no {name} at all", vals[0])
                else:
                    values[spec.none_flag] = True  # `means none`: the element is not required at all
                continue
            value = self.field_value(name, name_tok, spec, vals)
            if value is not None:
                values[name.replace("-", "_")] = value
        if aggravations:
            values["aggravated"] = tuple(aggravations)
        model = KINDS[kind].model
        return ("clause", model(**values))

    def field_value(self, name: str, name_tok: Any, spec: Field, vals: list[Any]) -> Any:
        how = spec.reads
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
            allowed = spec.choices
            if len(vals) != 1 or str(vals[0]) not in allowed:
                self.report("FD02", f"field `{name}` is one of: {', '.join(allowed)}", vals[0])
                return None
            return str(vals[0])
        if how == "term":
            if len(vals) != 1:
                self.report("FD02", f"field `{name}` takes one term", vals[1])
                return None
            return self.term(vals[0], spec.group)
        return self.terms(vals, spec.group)

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

