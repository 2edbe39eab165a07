"""One document checked as `lawcmp check` checks that file alone, against a corpus held in memory.

Pure: text, path and context in; models and diagnostics out. Nothing here knows of the
protocol, so the tests and the benchmark call it as the server does.

The context (vocabulary, the statute files of the corpus, the obligation catalog, the
seed documents) is read once per server, through lawcmp's cache, and kept. A document
is re-checked alone: parsed with the same functions `check` calls (`files.parse_one`:
decoding, parsing, the file's checks), its quotes verified against the same seed
documents, and its cross-file checks (`check_corpus`) run against the corpus in memory.
Those last are dictionary look-ups, so a bill is re-checked against an edited statute
file in well under a millisecond; that is how the server keeps open bills current when
a statute file they amend is edited (`Context.replace`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lawcmp.lang.vocabulary import Vocabulary, load_vocabulary
from lawcmp.load import cache
from lawcmp.load.checks import SourceLibrary, check_citations, check_corpus, is_bill_file
from lawcmp.load.files import DEFAULT_STATUTES, discover, display_path, parse_files, parse_one
from lawcmp.model.rules import Obligation
from lawcmp.model.statute import Instrument, Provision, Span, StatuteFile
from lawcmp.support.diagnostics import Diagnostic, LawcmpError
from lawcmp.support.reading import decode


def stops(d: Diagnostic) -> bool:
    """A problem that keeps a file from being read whole (as `lawcmp fmt` has it): it does not decode or parse."""
    return d.code.startswith(("SY", "IN"))


@dataclass
class Context:
    """What every document is checked against, read once per server.

    `files` are the statute and bill files of the corpus by the path diagnostics give
    them; an open document that parses cleanly takes the place of its file on disk, so
    a bill is checked against the statute file as it is being edited, not as saved.
    """

    vocabulary: Vocabulary
    files: dict[str, StatuteFile] = field(default_factory=dict)
    locations: dict[str, Path] = field(default_factory=dict)  # shown path -> the file
    obligations: tuple[Obligation, ...] = ()
    library: SourceLibrary | None = None
    encoding: str = "utf-16"  # the units of the protocol's columns in this session
    generation: int = 0  # counts changes to `files`, so indexes built from them know when to rebuild

    def replace(self, model: StatuteFile, location: Path) -> None:
        self.files[model.path] = model
        self.locations[model.path] = location
        self.generation += 1


def load_context(
    corpus: Sequence[Path] | None = None, rules: Path | None = None, sources: Path | None = None,
) -> Context:
    """The corpus under `corpus` (default: the shipped `statutes/`), the catalog and the seed documents.

    Read as `check` reads a bill's context: through the cache, errors and all (a corpus
    with a broken file still serves ids and definitions from the files that parse).
    """
    from lawcmp.load.catalog import DEFAULT_RULES, load_catalog, read_rule_files, rule_files

    vocabulary = load_vocabulary()
    found, _ = discover(list(corpus) if corpus else [DEFAULT_STATUTES])
    context = Context(vocabulary, library=SourceLibrary(sources) if sources is not None and sources.is_dir() else None)
    for f in parse_files([p for p in found if p.suffix != ".rules"], vocabulary):
        if f.model is not None:
            context.files[f.shown] = f.model
            context.locations[f.shown] = f.path.resolve()
    root = rules or DEFAULT_RULES
    try:
        context.obligations = load_catalog(root).obligations
    except LawcmpError:  # a broken catalog still names what parses
        context.obligations = tuple(read_rule_files(rule_files(root), vocabulary)[0])
    return context


@dataclass(frozen=True)
class Analysis:
    """A document as checked: what parsed, and its diagnostics (its own, and those of the corpus checks)."""

    path: Path
    shown: str
    text: str
    rules: bool
    model: StatuteFile | None = None
    obligations: tuple[Obligation, ...] = ()
    own: tuple[Diagnostic, ...] = ()  # decoding, parsing, the file's checks, quotes
    across: tuple[Diagnostic, ...] = ()  # check_corpus against the context

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted((*self.own, *self.across), key=Diagnostic.sort_key)

    @property
    def parses(self) -> bool:
        return (self.model is not None or self.rules) and not any(map(stops, self.own))

    @property
    def amends_others(self) -> bool:
        """Does the corpus decide some of its diagnostics (a bill for a state whose file is elsewhere)?"""
        return self.model is not None and bool(self.model.bills) and not _self_contained(self.model)


def _self_contained(model: StatuteFile) -> bool:
    states = {j.code for j in model.jurisdictions}
    return all(b.jurisdiction in states for b in model.bills)


def analyse(text: str, path: Path, context: Context) -> Analysis:
    """`path` holding `text`, checked as `lawcmp check PATH` checks it (with quotes verified
    where the context has the seed documents), against the corpus of the context."""
    shown = display_path(path)
    data = text.encode("utf-8")
    if path.suffix == ".rules":
        return _analyse_rules(text, data, path, shown, context)
    model, diagnostics = _parsed(data, shown, context.vocabulary)
    own = list(diagnostics)
    if model is not None and context.library is not None:
        own += check_citations(model, context.library)
    done = Analysis(path, shown, text, False, model, own=tuple(own))
    return recheck(done, context)


def recheck(analysis: Analysis, context: Context) -> Analysis:
    """The analysis with its cross-file diagnostics worked out again against the context as it is now."""
    model = analysis.model
    if model is None:
        return analysis
    if _self_contained(model):
        across = check_corpus([model])
    else:
        around = [f for shown, f in context.files.items() if shown != model.path]
        across = [d for d in check_corpus([model, *around]) if d.path == model.path]
    return Analysis(analysis.path, analysis.shown, analysis.text, False, model, own=analysis.own, across=tuple(across))


def _parsed(data: bytes, shown: str, vocabulary: Vocabulary) -> tuple[StatuteFile | None, list[Diagnostic]]:
    """`parse_one`, from the cache when these very bytes were parsed before (a file opened as saved).

    Edits are not written to the cache: every keystroke would leave an entry behind.
    """
    key = cache.file_key(hashlib.sha256(data).digest(), shown, vocabulary)
    found = cache.get(key)
    if found is not None:
        model, diagnostics = found[0]
        return model, list(diagnostics)
    return parse_one(shown, data, vocabulary)


def _analyse_rules(text: str, data: bytes, path: Path, shown: str, context: Context) -> Analysis:
    """As `read_rule_files` reads one file: decoded (the limits on size and lines), parsed, RL03."""
    from lawcmp.lang.syntax import parse_rules
    from lawcmp.load.catalog import duplicate_obligations

    decoded, own = decode(data, shown)
    if decoded is None:
        return Analysis(path, shown, text, True, own=tuple(own))
    parsed, problems = parse_rules(decoded, shown, context.vocabulary)
    obligations = list(parsed or ())
    own += problems + duplicate_obligations(obligations)
    return Analysis(path, shown, text, True, obligations=tuple(obligations), own=tuple(own))


def is_corpus_file(model: StatuteFile) -> bool:
    """A statute file (not a bill file alone): what bills are checked against."""
    return not is_bill_file(model)


# -- what the corpus declares -----------------------------------------------------------------


@dataclass(frozen=True)
class Declared:
    """An instrument or provision and where it is declared."""

    item: Instrument | Provision
    shown: str
    span: Span


def declarations(files: Sequence[StatuteFile]) -> dict[str, Declared]:
    """Instruments and provisions by id, the first declaration of each (as `check` reports the second)."""
    out: dict[str, Declared] = {}
    for f in files:
        items: list[Instrument | Provision] = [*f.instruments, *f.provisions]
        for item in items:
            out.setdefault(item.id, Declared(item, f.path, item.span))
    return out
