"""Build the obligation catalog straight from the parser's reductions.

The counterpart of `lawcmp.lang.build` for `rules/catalog/*.rules`: one method per rule of
the grammar's rule-language section; mistakes become diagnostics (RL…, VO01), all of
them collected.
"""

from __future__ import annotations

from typing import Any

from lawcmp.lang.build import MAX_DEPTH
from lawcmp.lang.builderbase import BuilderBase, span_of
from lawcmp.lang.clauses import HEAD_GROUPS, RULE_FIELDS
from lawcmp.model.rules import (
    CONDUCT_SETS,
    LANGUAGES,
    NUMERIC_FIELDS,
    PILLARS,
    STRENGTHS,
    Compare,
    CondAll,
    CondAny,
    CondNot,
    Covers,
    Criterion,
    Equals,
    Includes,
    Limited,
    Obligation,
    Party,
    Quantified,
    TestAll,
    TestAny,
    TestNot,
    Unconditional,
    Union,
)
from lawcmp.support.diagnostics import did_you_mean


class _FieldRef:
    """A condition before it knows its clause kind: (build, field token)."""

    __slots__ = ("build", "fields")

    def __init__(self, build: Any, fields: list[Any]) -> None:
        self.build = build
        self.fields = fields


class RuleBuilder(BuilderBase):
    """Parser callbacks for `rules_file`."""

    def set_name(self, tok: Any) -> str:
        name = str(tok)
        if name not in self.vocabulary.sets:
            guess = did_you_mean(name, self.vocabulary.sets)
            self.report("RL01", f"no set named `{name}` in the vocabulary", tok, f"did you mean `{guess}`?" if guess else None)
        return name

    # -- obligation items -----------------------------------------------------------------------

    def title(self, c: list[Any]) -> tuple[str, str, str, Any]:
        lang = str(c[0])
        if lang not in LANGUAGES:
            self.report("RL05", f"language `{lang}` is not one of {', '.join(LANGUAGES)}", c[0])
        return ("title", lang, self.string(c[1]), c[0])

    def basis_ref(self, c: list[Any]) -> tuple[str, str, Any]:
        return ("basis", self.string(c[0]), c[0])

    def _choice(self, tok: Any, allowed: tuple[str, ...], what: str) -> str:
        value = str(tok)
        if value not in allowed:
            guess = did_you_mean(value, allowed)
            self.report("RL05", f"`{value}` is not a {what}", tok,
                        f"did you mean `{guess}`?" if guess else f"one of: {', '.join(allowed)}")
        return value

    def pillar(self, c: list[Any]) -> tuple[str, str, Any]:
        return ("pillar", self._choice(c[0], PILLARS, "pillar"), c[0])

    def strength(self, c: list[Any]) -> tuple[str, str, Any]:
        return ("strength", self._choice(c[0], STRENGTHS, "strength"), c[0])

    def applies(self, c: list[Any]) -> tuple[str, tuple[str, ...], Any]:
        for tok in c:
            if self.vocabulary.group_of(str(tok)) != "jurisdiction-roles":
                self.report("VO01", f"`{tok}` is not a jurisdiction role", tok)
        return ("applies", tuple(str(t) for t in c), c[0])

    def recommend(self, c: list[Any]) -> tuple[str, str, str, Any]:
        if len(c) == 2:
            lang = str(c[0])
            if lang not in LANGUAGES:
                self.report("RL05", f"language `{lang}` is not one of {', '.join(LANGUAGES)}", c[0])
            return ("recommend", lang, self.string(c[1]), c[0])
        return ("recommend", "en", self.string(c[0]), c[0])

    def recommend_limited(self, c: list[Any]) -> tuple[str, str, str, Any]:
        return ("recommend-limited", *self.recommend(c)[1:])

    def criterion(self, c: list[Any]) -> tuple[str, Criterion, Any]:
        core = getattr(c[0], "type", "") == "CORE"
        i = 1 if core else 0
        name, title, entries = c[i], c[i + 1], c[i + 2:]
        titles = {e[1]: e[2] for e in entries if isinstance(e, tuple) and e[0] == "title"}
        tests = [e for e in entries if not (isinstance(e, tuple) and e[0] == "title")]
        if not tests:
            self.report("RL07", f"criterion `{name}` has no test", name)
        test = tests[0] if len(tests) == 1 else TestAll(tuple(tests))
        if nesting(test) > MAX_DEPTH:
            self.report("IN06", f"the tests of `{name}` nest deeper than {MAX_DEPTH} levels", name)
        return ("criterion", Criterion(str(name), self.string(title), core, test, span=span_of(name), titles=titles), name)

    def obligation(self, c: list[Any]) -> Obligation | None:
        ident, title, entries = c[0], c[1], c[2:]
        singles: dict[str, Any] = {}
        for e in entries:
            if e[0] in ("basis", "pillar", "strength", "applies"):
                if e[0] in singles:
                    self.report("FD04", f"`{e[0]}` is given twice", e[-1])
                singles.setdefault(e[0], e)
        missing = [k for k in ("basis", "pillar", "strength") if k not in singles]
        recommend = {e[1]: e[2] for e in entries if e[0] == "recommend"}
        if "en" not in recommend:
            missing.append("recommend")
        if any(e[0] == "recommend-limited" for e in entries) and not any(e[0] == "recommend-limited" and e[1] == "en" for e in entries):
            missing.append("recommend-limited in English")
        if missing:
            self.report("RL06", f"obligation `{ident}` lacks {', '.join(missing)}", ident)
        criteria = [e[1] for e in entries if e[0] == "criterion"]
        names: set[str] = set()
        for crit in criteria:
            if crit.name in names:
                self.report("RL03", f"criterion `{crit.name}` appears twice in `{ident}`", crit.span)
            names.add(crit.name)
        if not any(crit.core for crit in criteria):
            self.report("RL04", f"obligation `{ident}` has no core criterion", ident)
        if missing:
            return None
        return Obligation(
            id=str(ident),
            title=self.string(title),
            basis=singles["basis"][1],
            pillar=singles["pillar"][1],
            strength=singles["strength"][1],
            criteria=tuple(criteria),
            recommend=recommend,
            recommend_limited={e[1]: e[2] for e in entries if e[0] == "recommend-limited"},
            titles={e[1]: e[2] for e in entries if e[0] == "title"},
            applies_if_roles=singles["applies"][1] if "applies" in singles else (),
            path=self.path,
            span=span_of(ident),
        )

    def rules_file(self, c: list[Any]) -> list[Obligation]:
        return [o for o in c if o is not None]

    # -- tests ---------------------------------------------------------------------------------------

    def test(self, c: list[Any]) -> Any:
        return c[0]

    def test_or(self, c: list[Any]) -> TestAny:
        return TestAny(tuple(c))

    def test_and(self, c: list[Any]) -> TestAll:
        return TestAll(tuple(c))

    def test_negation(self, c: list[Any]) -> TestNot:
        return TestNot(c[0])

    def quantifier(self, c: list[Any]) -> str:
        return str(c[0])

    def clause_kind(self, c: list[Any]) -> Any:
        return c[0]

    def by_terms(self, c: list[Any]) -> tuple[str, tuple[Any, ...]]:
        return ("terms", tuple(c))

    def by_set(self, c: list[Any]) -> tuple[str, Any]:
        return ("set", c[0])

    def _kind_terms(self, kind: str, toks: tuple[Any, ...]) -> tuple[str, ...]:
        group = HEAD_GROUPS[kind]
        out = []
        for tok in toks:
            canonical = self.vocabulary.canonical(str(tok))
            if canonical is None or self.vocabulary.terms[canonical].group != group:
                guess = self.vocabulary.suggest(str(tok), (group,))
                self.report("VO01", f"`{tok}` is not a term of `{group}`", tok, f"did you mean `{guess}`?" if guess else None)
            else:
                out.append(canonical)
        return tuple(out)

    def _resolve(self, kind: str, cond: Any) -> Any:
        if isinstance(cond, _FieldRef):
            for tok in cond.fields:
                if str(tok) not in RULE_FIELDS[kind]:
                    guess = did_you_mean(str(tok), RULE_FIELDS[kind])
                    self.report(
                        "RL02", f"`{kind}` clauses have no field `{tok}`", tok,
                        f"did you mean `{guess}`?" if guess else f"fields: {', '.join(RULE_FIELDS[kind]) or 'none'}",
                    )
            return cond.build(kind)
        return cond

    def quantified(self, c: list[Any]) -> Quantified:
        quantifier, kind_tok, selection = c[0], c[1], c[2]
        kind = str(kind_tok)
        where = self._resolve(kind, c[3]) if len(c) > 3 else None
        if selection[0] == "set":
            return Quantified(quantifier, kind, (), self.set_name(selection[1]), where)  # type: ignore[arg-type]
        return Quantified(quantifier, kind, self._kind_terms(kind, selection[1]), None, where)  # type: ignore[arg-type]

    def conduct(self, c: list[Any]) -> Limited:
        where = self._resolve("offence", c[1]) if len(c) > 1 else None
        for name in CONDUCT_SETS:
            if name not in self.vocabulary.sets:
                self.report("RL01", f"`conduct` needs the set `{name}` in the vocabulary", c[0])
        full, partial = (Quantified("some", "offence", (), name, where) for name in CONDUCT_SETS)
        return Limited((full, partial, Quantified("some", "offence", (), CONDUCT_SETS[0], None)))

    def union(self, c: list[Any]) -> Union:
        kind = str(c[0])
        mode, count, set_tok = c[1]
        return Union(kind, Covers("terms", mode, self.set_name(set_tok), count))

    def party(self, c: list[Any]) -> Party:
        treaty = str(c[0])
        if self.vocabulary.group_of(treaty) != "treaties":
            self.report("VO01", f"`{treaty}` is not a treaty of the vocabulary", c[0])
        return Party(self.vocabulary.canonical(treaty) or treaty)

    # -- conditions (their clause kind is known only at `quantified`) ----------------------------

    def coverage(self, c: list[Any]) -> tuple[str, int, Any]:
        head = c[0]
        if getattr(head, "type", "") == "ALL":
            return ("all", 0, c[1])
        if getattr(head, "type", "") == "ANY":
            return ("any", 0, c[1])
        count = str(head)
        if not count.isdigit() or len(count) > 4:
            self.report("FD02", f"a count is a whole number below 10000, not `{count}`", head)
            return ("count", 0, c[1])
        return ("count", int(count), c[1])

    def covers(self, c: list[Any]) -> _FieldRef:
        field_tok = c[0]
        mode, count, set_tok = c[1]
        name = self.set_name(set_tok)
        return _FieldRef(lambda kind: Covers(str(field_tok), mode, name, count), [field_tok])

    def includes(self, c: list[Any]) -> _FieldRef:
        field_tok, terms = c[0], c[1:]
        for t in terms:
            if self.vocabulary.canonical(str(t)) is None:
                self.report("VO01", f"unknown term `{t}`", t)
        values = tuple(self.vocabulary.canonical(str(t)) or str(t) for t in terms)
        return _FieldRef(lambda kind: Includes(str(field_tok), values), [field_tok])

    def equals(self, c: list[Any]) -> _FieldRef:
        field_tok, value = c[0], c[1]
        canonical = self.vocabulary.canonical(str(value)) or str(value)
        return _FieldRef(lambda kind: Equals(str(field_tok), canonical), [field_tok])

    def compare(self, c: list[Any]) -> _FieldRef:
        field_tok, op, number = c[0], c[1], c[2]
        if str(field_tok) not in NUMERIC_FIELDS:
            self.report("RL02", f"`{field_tok}` is not a numeric field", field_tok,
                        f"numeric fields: {', '.join(sorted(NUMERIC_FIELDS))}")
        return _FieldRef(lambda kind: Compare(str(field_tok), str(op), float(str(number))), [field_tok])

    def unconditional(self, c: list[Any]) -> _FieldRef:
        return _FieldRef(lambda kind: Unconditional(), [])

    def _combine(self, c: list[Any], make: Any) -> _FieldRef:
        parts = list(c)
        fields = [f for p in parts for f in p.fields]

        def build(kind: str) -> Any:
            return make(tuple(p.build(kind) for p in parts))

        return _FieldRef(build, fields)

    def cond_or(self, c: list[Any]) -> _FieldRef:
        return self._combine(c, CondAny)

    def cond_and(self, c: list[Any]) -> _FieldRef:
        return self._combine(c, CondAll)

    def cond_negation(self, c: list[Any]) -> _FieldRef:
        inner = c[0]
        return _FieldRef(lambda kind: CondNot(inner.build(kind)), inner.fields)


def nesting(test: object) -> int:
    """How deeply a test and its conditions nest, measured without recursion: a runaway
    `not not not …` must not exhaust the stack that measures it (nor, later, the engine's)."""
    deepest, stack = 0, [(test, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, TestAll | TestAny | Limited | CondAll | CondAny):
            stack.extend((item, depth + 1) for item in node.items)
        elif isinstance(node, TestNot | CondNot):
            stack.append((node.item, depth + 1))
        elif isinstance(node, Quantified) and node.where is not None:
            stack.append((node.where, depth + 1))
    return deepest
