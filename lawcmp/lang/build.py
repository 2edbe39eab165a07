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

from collections.abc import Callable
from typing import Any

from lawcmp.lang.buildclauses import ClauseBuilder
from lawcmp.lang.builderbase import span_of
from lawcmp.lang.clauses import HEAD_GROUPS
from lawcmp.model.statute import (
    Amend,
    Bill,
    Citation,
    Closure,
    Fact,
    Insert,
    Instrument,
    Jurisdiction,
    Provision,
    Reading,
    Repeal,
    RepealOp,
    Span,
    StatuteFile,
    Strike,
    TreatyEvent,
    Version,
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


class StatuteBuilder(ClauseBuilder):
    """Parser callbacks for `statute_file`."""

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

    def sources_cover(self, c: list[Any]) -> tuple[str, tuple[When, When] | None, Span]:
        start, end = self.when(c[0]), self.when(c[1])
        if start is not None and end is not None and end.day < start.day:
            self.report("CV01", f"the period the sources cover ends ({end}) before it starts ({start})", c[1])
            return ("covers", None, span_of(c[0]))
        return ("covers", (start, end) if start is not None and end is not None else None, span_of(c[0]))

    def treaty(self, c: list[Any]) -> tuple[str, TreatyEvent | None]:
        treaty = self.term(c[0], "treaties")
        action = self.term(c[1], "treaty-actions")
        undated = getattr(c[2], "type", "") == "ON_OR_BEFORE"
        rest = c[3:] if undated else c[2:]
        date = self.when(rest[0])
        sources = self.collect(rest[1:], "source")
        if treaty is None or action is None or date is None:
            return ("treaty", None)
        return ("treaty", TreatyEvent(treaty=treaty, action=action, date=date, sources=sources, span=span_of(c[0]),
                                      on_or_before=undated))

    def by_terms(self, c: list[Any]) -> tuple[str, tuple[Any, ...]]:
        return ("terms", tuple(c))

    def by_set(self, c: list[Any]) -> tuple[str, Any]:
        return ("set", c[0])

    def complete(self, c: list[Any]) -> tuple[str, Closure | None]:
        kind, (how, what), sources = str(c[0]), c[1], self.collect(c[2:], "source")
        dated = [x for x in c[2:] if getattr(x, "type", "") == "DATE"]
        start = self.when(dated[0]) if dated else None
        if how == "terms":
            return ("complete", Closure(kind=kind, terms=self.terms(what, HEAD_GROUPS[kind]), start=start, sources=sources,
                                        span=span_of(c[0])))
        name = str(what)
        if name not in self.vocabulary.sets:
            guess = did_you_mean(name, self.vocabulary.sets)
            self.report("VO03", f"no set named `{name}` in the vocabulary", what, f"did you mean `{guess}`?" if guess else None)
            return ("complete", None)
        return ("complete", Closure(kind=kind, set=name, start=start, sources=sources, span=span_of(c[0])))

    def jurisdiction(self, c: list[Any]) -> tuple[str, Jurisdiction]:
        code, name, entries = c[0], c[1], c[2:]
        if "/" in str(code):
            self.report("FD02", f"a jurisdiction code is two capital letters, not `{code}`", code)
        self.singles(entries, {"role", "covers"})
        roles = tuple(r for e in entries if e[0] == "role" for r in e[1])
        covers = next((e[1] for e in entries if e[0] == "covers"), None)
        titles = {e[1]: e[2] for e in entries if e[0] == "title"}
        treaties = tuple(t for t in self.collect(entries, "treaty") if t is not None)
        complete = tuple(x for x in self.collect(entries, "complete") if x is not None)
        return (
            "jurisdiction",
            Jurisdiction(
                code=str(code), name=self.string(name), titles=titles, roles=roles, covers=covers,
                treaties=treaties, complete=complete, span=span_of(code),
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

    def reading(self, c: list[Any]) -> tuple[str, Reading]:
        name, title, entries = c[0], c[1], c[2:]
        clauses = self.collect(entries, "clause")
        for clause in clauses:
            if clause.negative or clause.basis != "law":
                self.report("FD02", "a reading reads the law differently; it holds clauses of law only", clause.span)
        sources = self.collect(entries, "source")
        self.need_source(sources, "this reading", name)
        return ("reading", Reading(name=str(name), title=self.string(title), clauses=clauses, sources=sources,
                                   span=span_of(name)))

    def version(self, c: list[Any]) -> tuple[str, Version | None]:
        known = getattr(c[0], "type", "") == "KNOWN_UNTIL"
        if known:
            c = c[1:]
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
                known_until=start if known else None,
                readings=self._readings(entries),
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
        for r in self.collect(entries, "reading"):
            self.report("FD02", "a bill states what it would enact: it holds no other readings", r.span)
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

    def _readings(self, entries: list[Any]) -> tuple[Reading, ...]:
        readings = self.collect(entries, "reading")
        seen: set[str] = set()
        for r in readings:
            if r.name in seen:
                self.report("FD04", f"reading `{r.name}` is given twice in one version", r.span)
            seen.add(r.name)
        return tuple(readings)

    def _known_until(self, provisions: tuple[Provision, ...], instruments: tuple[Instrument, ...]) -> tuple[Provision, ...]:
        """Versions known only until a date start when their instrument took effect (DT06)."""
        begins = {i.id: i.effective or i.adopted for i in instruments}
        out = []
        for p in provisions:
            versions = list(p.versions)
            moved = False
            for n, v in enumerate(versions):
                if v.known_until is None:
                    continue
                start = begins.get(p.instrument)
                if start is None or start.day > v.known_until.day:
                    self.report("DT06", f"`version known-until {v.known_until}` of `{p.id}` needs a start: its instrument "
                                f"`{p.instrument}` in this file with an `effective` or `adopted` date on or before it", v.span)
                    continue
                versions[n] = v.model_copy(update={"start": start})
                moved = True
            out.append(p.model_copy(update={"versions": tuple(versions)}) if moved else p)
        return tuple(out)

    def statute_file(self, c: list[Any]) -> StatuteFile:
        instruments = self.collect(c, "instrument")
        return StatuteFile(
            path=self.path,
            jurisdictions=self.collect(c, "jurisdiction"),
            instruments=instruments,
            provisions=self._known_until(self.collect(c, "provision"), instruments),
            facts=self.collect(c, "fact"),
            bills=self.collect(c, "bill"),
        )
