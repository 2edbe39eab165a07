"""Loading: files on disk to a checked `Corpus`, every problem of every file at once.

`check_paths` returns diagnostics (for `lawcmp check`); `load_corpus` returns the
corpus or raises `LawcmpError` with all of them. Parsed files are cached by content
hash (see `lawcmp.cache`), so a second run reads JSON instead of parsing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lawcmp import cache
from lawcmp.checks import SourceLibrary, check_citations, check_corpus, check_file, is_bill_file
from lawcmp.diagnostics import Diagnostic, LawcmpError
from lawcmp.model import Bill, Corpus, StatuteBook, StatuteFile
from lawcmp.syntax import decode, grammar_text, parse_statute
from lawcmp.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATUTES = ROOT / "statutes"
DEFAULT_RULES = ROOT / "rules"
SUFFIXES = (".law", ".rules")
MAX_FILES = 10_000


def default_sources() -> Path | None:
    """Where the seed documents are, for checking quotes: $LAWCMP_SOURCES or ../shared/seeds."""
    env = os.environ.get("LAWCMP_SOURCES")
    if env:
        return Path(env)
    guess = ROOT.parent / "shared" / "seeds"
    return guess if guess.is_dir() else None


@dataclass
class Loaded:
    """The outcome of reading some files: what parsed, what was wrong, and the texts."""

    files: list[StatuteFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    digest: str = ""


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(x for x in p.rglob("*") if x.suffix in SUFFIXES and x.is_file()))
        elif p.is_file():
            found.append(p)
        else:
            problems.append(Diagnostic(code="IN01", message="no such file or directory", path=str(p)))
    if len(found) > MAX_FILES:
        problems.append(Diagnostic(code="IN07", message=f"{len(found)} files; the limit is {MAX_FILES}", path=str(paths[0])))
        found = found[:MAX_FILES]
    return found, problems


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_files(
    paths: Iterable[Path], vocabulary: Vocabulary, *, use_cache: bool = True, keep_text: bool = False
) -> Loaded:
    out = Loaded()
    digest = hashlib.sha256()
    digest.update(grammar_text().encode())
    digest.update(vocabulary.digest.encode())
    for path in paths:
        shown = display_path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            out.diagnostics.append(Diagnostic(code="IN01", message=f"cannot read: {exc.strerror}", path=shown))
            continue
        digest.update(shown.encode() + b"\0" + hashlib.sha256(data).digest())
        parsed = cache.get(data, shown, vocabulary) if use_cache else None
        if parsed is not None:
            model, diags = parsed
            if keep_text:
                out.texts[shown] = data.decode("utf-8", errors="replace")
        else:
            text, diags = decode(data, shown)
            model = None
            if text is not None:
                if keep_text:
                    out.texts[shown] = text
                model, more = parse_statute(text, shown, vocabulary)
                diags = diags + more
                if model is not None:
                    diags = diags + check_file(model)
            if use_cache:
                cache.put(data, shown, vocabulary, model, diags)
        out.diagnostics.extend(diags)
        if model is not None:
            out.files.append(model)
    out.digest = digest.hexdigest()
    return out


def check_paths(
    paths: Sequence[Path] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    sources: Path | None = None,
    use_cache: bool = True,
) -> Loaded:
    """Read, parse and check files; the diagnostics come back, nothing is raised."""
    from lawcmp.catalog import read_rule_files

    try:
        vocabulary = vocabulary or load_vocabulary()
    except LawcmpError as exc:
        return Loaded(diagnostics=list(exc.diagnostics))
    found, problems = discover(list(paths) if paths else [DEFAULT_STATUTES, DEFAULT_RULES])
    laws = [p for p in found if p.suffix != ".rules"]
    rules = [p for p in found if p.suffix == ".rules"]
    loaded = read_files(laws, vocabulary, use_cache=use_cache, keep_text=True)
    _, rule_problems, rule_texts = read_rule_files(rules, vocabulary)
    loaded.texts.update(rule_texts)
    loaded.diagnostics = problems + loaded.diagnostics + rule_problems + check_corpus(loaded.files)
    if sources is not None and sources.is_dir():
        library = SourceLibrary(sources)
        for f in loaded.files:
            loaded.diagnostics.extend(check_citations(f, library))
    loaded.diagnostics.sort(key=Diagnostic.sort_key)
    return loaded


def assemble(files: Iterable[StatuteFile], digest: str = "") -> Corpus:
    books: dict[str, StatuteBook] = {}
    bills: list[Bill] = []
    names: list[str] = []
    for f in files:
        names.append(f.path)
        bills.extend(f.bills)
        if is_bill_file(f) or len(f.jurisdictions) != 1:
            continue
        j = f.jurisdictions[0]
        books[j.code] = StatuteBook(
            jurisdiction=j, path=f.path, instruments=f.instruments, provisions=f.provisions, facts=f.facts
        )
    return Corpus(books=dict(sorted(books.items())), bills=tuple(bills), files=tuple(names), digest=digest)


def load_corpus(
    paths: Sequence[Path | str] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    use_cache: bool = True,
) -> Corpus:
    """The corpus under `paths` (default: the shipped `statutes/`); raises on any error."""
    vocabulary = vocabulary or load_vocabulary()
    found, problems = discover([Path(p) for p in paths] if paths else [DEFAULT_STATUTES])
    loaded = read_files(found, vocabulary, use_cache=use_cache)
    errors = problems + [d for d in loaded.diagnostics if d.severity == "error"]
    errors += check_corpus(loaded.files)
    if errors:
        raise LawcmpError(errors)
    return assemble(loaded.files, loaded.digest)


def load_text(text: str, path: str = "<text>", vocabulary: Vocabulary | None = None) -> Corpus:
    """A corpus from one statute text (for notebooks and tests); raises on any error."""
    vocabulary = vocabulary or load_vocabulary()
    model, diags = parse_statute(text, path, vocabulary)
    if model is not None:
        diags = diags + check_file(model)
    if diags or model is None:
        raise LawcmpError(diags)
    return assemble([model], hashlib.sha256(text.encode()).hexdigest())


def load_bill(path: Path | str, corpus: Corpus, code: str | None = None) -> Bill:
    """The one bill in `path` (for `code`, if given), checked against the corpus; raises on any error."""
    from lawcmp.checks import check_bills

    vocabulary = load_vocabulary()
    target = Path(path)
    found, problems = discover([target])
    loaded = read_files(found, vocabulary)
    files = loaded.files
    shown = display_path(target)
    errors = problems + [d for d in loaded.diagnostics if d.severity == "error"]
    bills = [b for f in files for b in f.bills if code is None or b.jurisdiction == code.upper()]
    if not errors and len(bills) != 1:
        which = f" for {code.upper()}" if code else ""
        errors.append(Diagnostic(code="ID03", path=shown, message=f"expected one bill{which} in the file, found {len(bills)}"))
    if not errors:
        # Check the bill against the statute books it overlays.
        from lawcmp.model import StatuteFile

        books = [StatuteFile(path=b.path, jurisdictions=(b.jurisdiction,), instruments=b.instruments,
                             provisions=b.provisions, facts=b.facts) for b in corpus.books.values()]
        errors += [d for d in check_bills([*books, *files]) if d.path == shown]
    if errors:
        raise LawcmpError(errors)
    return bills[0]
