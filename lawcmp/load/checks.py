"""Semantic checks across items and files: ids, references, dates, sources, bills.

Each check is a plain function from parsed files to diagnostics, listed in order in
`FILE_CHECKS` and `CORPUS_CHECKS` — no registry. Local mistakes (terms, fields, dates)
were already reported while building; these are the ones that need the whole file or
the whole corpus.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lawcmp.law.snapshot import NOT_LAW_YET, clause_keys, fact_end, version_spans
from lawcmp.model.statute import Bill, Citation, Fact, Instrument, Provision, Span, StatuteFile, Version, When
from lawcmp.support.diagnostics import Diagnostic, did_you_mean


def _diag(path: str, code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code=code, message=message, path=path, span=span, hint=hint)


def is_bill_file(f: StatuteFile) -> bool:
    return bool(f.bills) and not (f.jurisdictions or f.instruments or f.provisions or f.facts)


def check_jurisdiction(f: StatuteFile) -> Iterator[Diagnostic]:
    if is_bill_file(f):
        return
    if len(f.jurisdictions) != 1:
        where = f.jurisdictions[1].span if len(f.jurisdictions) > 1 else Span(1, 1, 1, 2)
        yield _diag(f.path, "ID06", f"a statute file declares exactly one jurisdiction; this one declares {len(f.jurisdictions)}", where)
        return
    code = f.jurisdictions[0].code
    file = Path(f.path)
    if file.parent.name == "statutes" and file.stem != code:
        yield _diag(f.path, "ID05", f"the file for jurisdiction {code} should be named {code}.law", f.jurisdictions[0].span)
    for item in _identified(f):
        if item.id.split("/", 1)[0] != code:
            yield _diag(f.path, "ID04", f"`{item.id}` belongs to another jurisdiction than {code}", item.span)


def check_coverage(f: StatuteFile) -> Iterator[Diagnostic]:
    """Nothing is dated after the end of the period the file's sources cover (`covers`)."""
    if len(f.jurisdictions) != 1 or f.jurisdictions[0].covers is None:
        return
    j = f.jurisdictions[0]
    assert j.covers is not None
    end = j.covers[1]
    dated: list[tuple[str, When, Span]] = [(f"treaty event {e.treaty} {e.action}", e.date, e.span) for e in j.treaties]
    for i in f.instruments:
        dated += [(f"{i.id} {name}", when, i.span) for name in ("adopted", "effective", "repealed")
                  if (when := getattr(i, name)) is not None]
    for p in f.provisions:
        dated += [(f"{p.id} version", v.start, v.span) for v in p.versions]
        if p.repeal is not None:
            dated.append((f"{p.id} repeal", p.repeal.start, p.repeal.span))
    dated += [(f"{x.id}", x.start, x.span) for x in f.facts if x.start is not None]
    for what, when, span in dated:
        if when.day > end.day:
            yield _diag(f.path, "CV02", f"{what} is dated {when}, after the period the sources cover ends ({end})", span,
                        "extend `covers` to the latest source read, or correct the date")


Identified = Instrument | Provision | Fact | Bill


def _identified(f: StatuteFile) -> tuple[Identified, ...]:
    return (*f.instruments, *f.provisions, *f.facts, *f.bills)


def check_ids(f: StatuteFile) -> Iterator[Diagnostic]:
    seen: dict[str, Span] = {}
    for item in _identified(f):
        if item.id in seen:
            first = seen[item.id]
            yield _diag(f.path, "ID01", f"`{item.id}` is already defined at line {first.line}", item.span)
        else:
            seen[item.id] = item.span


def check_references(f: StatuteFile) -> Iterator[Diagnostic]:
    instruments = {i.id for i in f.instruments}
    provisions = {p.id for p in f.provisions}
    for p in f.provisions:
        if p.instrument not in instruments:
            yield _diag(
                f.path, "ID02", f"provision `{p.id}` belongs to instrument `{p.instrument}`, which is not declared",
                p.span, f"add `instrument {p.instrument} \"…\" {{ … }}`",
            )
        for v in p.versions:
            if v.by is not None and v.by not in instruments:
                yield _diag(f.path, "ID03", f"version {v.start} is made by `{v.by}`, which is not declared", v.span)
            for clause in v.clauses:
                for target in getattr(clause, "applies_to", ()):
                    if target not in provisions:
                        yield _diag(f.path, "ID03", f"classification applies to `{target}`, which is not defined", clause.span)
        if p.repeal is not None and p.repeal.by is not None and p.repeal.by not in instruments:
            yield _diag(f.path, "ID03", f"the repeal is made by `{p.repeal.by}`, which is not declared", p.repeal.span)


def check_instrument_sources(f: StatuteFile) -> Iterator[Diagnostic]:
    for i in f.instruments:
        if not i.sources:
            yield _diag(f.path, "SR01", f"instrument `{i.id}` has no source", i.span, 'add `source "<document>" "<quoted phrase>"`')


def check_versions(f: StatuteFile) -> Iterator[Diagnostic]:
    for p in f.provisions:
        for before, after in zip(p.versions, p.versions[1:], strict=False):
            if after.start.day <= before.start.day:
                yield _diag(
                    f.path, "DT02",
                    f"version {after.start} of `{p.id}` does not come after version {before.start}", after.span,
                )
        if p.repeal is not None:
            for v in p.versions:
                if v.start.day >= p.repeal.start.day:
                    yield _diag(f.path, "DT03", f"version {v.start} starts after the repeal of {p.repeal.start}", v.span)


MAX_CONTRADICTIONS = 1_000  # NF01 reported per file (docs/limits.md)
_NEVER = dt.date.max.toordinal() + 1


def check_negative_facts(f: StatuteFile) -> Iterator[Diagnostic]:
    """A negative fact must not deny what a provision or practice fact gives at its start.

    One sweep through the facts' dates, not a look at every provision for every fact: what
    gives a denied thing is kept in force from the day `version_at` (or the fact's dates)
    starts it until the day it ends, so a file of thousands of facts and provisions costs
    time in proportion to its size and to the contradictions found.
    """
    queries = []
    for i, fact in enumerate(f.facts):
        denied = {k for c in fact.clauses if c.negative for k in clause_keys(c)}
        if fact.start is not None and denied:
            queries.append((fact.start.day.toordinal(), i, denied))
    if not queries:
        return
    wanted = set().union(*(denied for _, _, denied in queries))
    draft_instruments = {i.id for i in f.instruments if i.status in NOT_LAW_YET}
    # What gives a denied thing: (first day, day after the last, file order, item, its clauses).
    givers: list[tuple[int, int, tuple[int, int], Provision | Fact, Version | Fact]] = []
    for pi, p in enumerate(f.provisions):
        if p.instrument in draft_instruments:
            continue
        for first, after, v in version_spans(p):
            if any(c.basis == "law" and wanted.intersection(clause_keys(c)) for c in v.clauses):
                givers.append((first, after, (0, pi), p, v))
    for oi, other in enumerate(f.facts):
        if other.start is None or not any(not c.negative and wanted.intersection(clause_keys(c)) for c in other.clauses):
            continue
        end = fact_end(other)  # a practice fact lapses as `snapshot` says it does
        after = end.toordinal() + 1 if end is not None else _NEVER
        if other.start.day.toordinal() < after:
            givers.append((other.start.day.toordinal(), after, (1, oi), other, other))
    givers.sort(key=lambda g: g[0])
    gives = [{k for c in g[4].clauses for k in wanted.intersection(clause_keys(c))} for g in givers]
    active: dict[tuple[str, str], set[int]] = defaultdict(set)  # denied thing -> givers in force
    ending: list[tuple[int, int]] = []  # (day after the last, giver), a heap
    found: dict[int, list[Diagnostic]] = {}
    count, g = 0, 0
    for day, i, denied in sorted(queries, key=lambda q: q[:2]):
        while g < len(givers) and givers[g][0] <= day:
            for k in gives[g]:
                active[k].add(g)
            heapq.heappush(ending, (givers[g][1], g))
            g += 1
        while ending and ending[0][0] <= day:
            _, gone = heapq.heappop(ending)
            for k in gives[gone]:
                active[k].discard(gone)
        fact = f.facts[i]
        hits = sorted({j for k in denied for j in active.get(k, ())}, key=lambda j: givers[j][2])
        out = found.setdefault(i, [])
        for j in hits:
            _, _, (is_fact, _), item, holder = givers[j]
            if count > MAX_CONTRADICTIONS:
                break
            if item is fact:
                continue
            for c in holder.clauses:
                if is_fact and not c.negative and denied.intersection(clause_keys(c)):
                    why = f"`{item.id}` says it exists in practice"
                elif not is_fact and c.basis == "law" and denied.intersection(clause_keys(c)):
                    why = f"`{item.id}` (version {holder.start}) provides it"  # type: ignore[union-attr]
                else:
                    continue
                if count < MAX_CONTRADICTIONS:
                    out.append(_diag(f.path, "NF01", f"`{fact.id}` says there is no {_what(c)} from {fact.start}, but {why}",
                                     fact.span))
                count += 1
        if count > MAX_CONTRADICTIONS:
            break
    for i in sorted(found):
        yield from found[i]
    if count > MAX_CONTRADICTIONS:
        yield _diag(f.path, "IN08", f"stopped after {MAX_CONTRADICTIONS:,} contradictions of negative facts, "
                    "the limit for a file", Span(1, 1, 1, 2), "resolve these and check the file again")


def _what(clause: object) -> str:
    terms = getattr(clause, "terms", ())
    return " ".join(terms) if terms else getattr(clause, "kind", "clause")


FILE_CHECKS: tuple[Callable[[StatuteFile], Iterable[Diagnostic]], ...] = (
    check_jurisdiction,
    check_coverage,
    check_ids,
    check_references,
    check_instrument_sources,
    check_versions,
    check_negative_facts,
)


def check_file(f: StatuteFile) -> list[Diagnostic]:
    return [d for check in FILE_CHECKS for d in check(f)]


# -- corpus-wide -----------------------------------------------------------------------------


def check_bills(files: Iterable[StatuteFile]) -> Iterator[Diagnostic]:
    files = list(files)
    provisions: dict[str, Provision] = {p.id: p for f in files if not is_bill_file(f) for p in f.provisions}
    jurisdictions = {j.code for f in files for j in f.jurisdictions}
    for f in files:
        for bill in f.bills:
            yield from _check_bill(f.path, bill, provisions, jurisdictions)


def _check_bill(path: str, bill: Bill, provisions: dict[str, Provision], jurisdictions: set[str]) -> Iterator[Diagnostic]:
    if bill.jurisdiction not in jurisdictions:
        yield _diag(path, "BL04", f"bill `{bill.id}` is for {bill.jurisdiction}, which has no statute file", bill.span)
        return
    day = bill.effective.day if bill.effective else None
    for op in bill.operations:
        if not op.provision.startswith(bill.jurisdiction + "/"):
            yield _diag(path, "ID04", f"`{op.provision}` is not a provision of {bill.jurisdiction}", op.span)
            continue
        existing = provisions.get(op.provision)
        if op.op == "insert":
            if existing is not None:
                yield _diag(path, "BL03", f"`{op.provision}` already exists; use `amend`", op.span)
            continue
        if existing is None:
            guess = did_you_mean(op.provision, [p for p in provisions if p.startswith(bill.jurisdiction + "/")])
            yield _diag(
                path, "BL01", f"`{op.provision}` does not exist", op.span,
                f"did you mean `{guess}`?" if guess else "use `insert` for a new provision",
            )
            continue
        if day is not None and existing.repeal is not None and existing.repeal.start.day <= day:
            yield _diag(path, "BL02", f"`{op.provision}` was repealed on {existing.repeal.start}", op.span)


def check_corpus_ids(files: Iterable[StatuteFile]) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    for f in files:
        for item in (*f.jurisdictions,):
            if item.code in seen and seen[item.code] != f.path:
                yield _diag(f.path, "ID01", f"jurisdiction {item.code} is also declared in {seen[item.code]}", item.span)
            seen.setdefault(item.code, f.path)
        for bill in f.bills:
            key = "bill:" + bill.id
            if key in seen and seen[key] != f.path:
                yield _diag(f.path, "ID01", f"bill `{bill.id}` is also declared in {seen[key]}", bill.span)
            seen.setdefault(key, f.path)


CORPUS_CHECKS: tuple[Callable[[Iterable[StatuteFile]], Iterable[Diagnostic]], ...] = (
    check_corpus_ids,
    check_bills,
)


def check_corpus(files: Iterable[StatuteFile]) -> list[Diagnostic]:
    files = list(files)
    return [d for check in CORPUS_CHECKS for d in check(files)]


# -- citations against the source files ------------------------------------------------------

_PARA = re.compile(r"¶\s*(\d+)")
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


MAX_SOURCE_BYTES = 32 * 1024 * 1024  # a source document larger than this is not read (docs/limits.md)


class SourceLibrary:
    """The seed files, read once, split into paragraphs where they are numbered (¶N).

    A citation names a document; only a file of that name inside the root is ever read —
    never a path (`../x`, `/etc/passwd`), nor a symbolic link that leads out of the root.
    A document that cannot be read is treated as absent: its quotes go unchecked.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = root.resolve()
        self._texts: dict[str, tuple[str, dict[str, str]] | None] = {}

    def get(self, name: str) -> tuple[str, dict[str, str]] | None:
        if name not in self._texts:
            text = self._read(name)
            if text is None:
                self._texts[name] = None
            else:
                paras: dict[str, str] = {}
                marks = list(_PARA.finditer(text))
                for m, nxt in zip(marks, [*marks[1:], None], strict=False):
                    paras.setdefault(m.group(1), text[m.start(): nxt.start() if nxt else len(text)])
                self._texts[name] = (_norm(text), {k: _norm(v) for k, v in paras.items()})
        return self._texts[name]

    def _read(self, name: str) -> str | None:
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            return None
        try:
            path = (self.root / name).resolve(strict=True)
            if not path.is_relative_to(self._real_root) or not path.is_file() or path.stat().st_size > MAX_SOURCE_BYTES:
                return None
            return path.read_text(encoding="utf-8", errors="replace")
        except (OSError, RuntimeError, ValueError):  # missing, unreadable, a name too long, a loop of links
            return None


def check_citations(f: StatuteFile, library: SourceLibrary) -> Iterator[Diagnostic]:
    for cite in _citations(f):
        found = library.get(cite.document)
        if found is None:
            continue
        whole, paras = found
        quote = _norm(cite.quote) if cite.quote else None
        if cite.para:
            numbers = cite.para.split("-")
            if paras and not all(n in paras for n in numbers):
                yield _diag(f.path, "SR03", f"{cite.document} has no ¶{cite.para}", cite.span)
                continue
            if quote and paras:
                text = " ".join(paras[n] for n in numbers if n in paras)
                if quote not in text:
                    where = "elsewhere in the file" if quote in whole else "nowhere in the file"
                    yield _diag(f.path, "SR03", f"the quote is not in ¶{cite.para} of {cite.document} ({where})", cite.span)
                continue
        if quote and quote not in whole:
            yield _diag(f.path, "SR02", f"the quoted phrase is not in {cite.document}", cite.span)


def _citations(f: StatuteFile) -> Iterator[Citation]:
    for j in f.jurisdictions:
        for t in j.treaties:
            yield from t.sources
    for i in f.instruments:
        yield from i.sources
    for p in f.provisions:
        for v in p.versions:
            yield from v.sources
        if p.repeal is not None:
            yield from p.repeal.sources
    for fact in f.facts:
        yield from fact.sources
    for b in f.bills:
        yield from b.sources
        for op in b.operations:
            yield from getattr(op, "sources", ())
