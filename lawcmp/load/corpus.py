"""Loading: files on disk to a checked `Corpus`, every problem of every file at once.

`check_paths` returns diagnostics (for `lawcmp check`); `load_corpus` returns the
corpus or raises `LawcmpError` with all of them. Parsed files are cached by content
hash (see `lawcmp.load.cache`), so a second run reads JSON instead of parsing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from lawcmp.lang.vocabulary import Vocabulary, load_vocabulary
from lawcmp.load.checks import SourceLibrary, check_citations, check_corpus, check_file
from lawcmp.load.files import DEFAULT_RULES, DEFAULT_STATUTES, Loaded, discover, display_path, read_files
from lawcmp.load.whole import assemble, load_whole
from lawcmp.model.statute import Bill, Corpus
from lawcmp.support.diagnostics import Diagnostic, LawcmpError


def check_paths(
    paths: Sequence[Path] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    sources: Path | None = None,
    use_cache: bool = True,
    context: Sequence[Path] | None = None,
) -> Loaded:
    """Read, parse and check files; the diagnostics come back, nothing is raised.

    A bill checked without its state's statute file is checked against the corpus under
    `context` (default: the shipped `statutes/`), which is read for that and not reported on.
    """
    from lawcmp.load.catalog import read_rule_files

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
    loaded.diagnostics = problems + loaded.diagnostics + rule_problems + _checked_with_context(loaded, vocabulary, context, use_cache)
    if sources is not None and sources.is_dir():
        library = SourceLibrary(sources)
        for f in loaded.files:
            loaded.diagnostics.extend(check_citations(f, library))
    loaded.diagnostics.sort(key=Diagnostic.sort_key)
    return loaded


def _checked_with_context(
    loaded: Loaded, vocabulary: Vocabulary, context: Sequence[Path] | None, use_cache: bool,
) -> list[Diagnostic]:
    """`check_corpus` of the files read, with the corpus their bills amend where it is not among them."""
    states = {j.code for f in loaded.files for j in f.jurisdictions}
    if all(b.jurisdiction in states for f in loaded.files for b in f.bills):
        return check_corpus(loaded.files)
    mine = {f.path for f in loaded.files}
    found, _ = discover(list(context) if context else [DEFAULT_STATUTES])
    around = [f for f in read_files([p for p in found if p.suffix != ".rules"], vocabulary, use_cache=use_cache).files
              if f.path not in mine]
    return [d for d in check_corpus([*loaded.files, *around]) if d.path in mine]


def load_corpus(
    paths: Sequence[Path | str] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    use_cache: bool = True,
    only: Sequence[str] | None = None,
) -> Corpus:
    """The corpus under `paths` (default: the shipped `statutes/`); raises on any error.

    With `only` (jurisdiction codes, any case), the corpus holds those books alone and
    no bills — what a command about one or two states reads. It is checked as the whole
    corpus is, and cites the same digest, but where the cache knows that these very files
    load clean, only the files of those books are read from it (`Shelf`): on the
    synthetic world, 0.5 s less for every such command (docs/performance.md).
    """
    vocabulary = vocabulary or load_vocabulary()
    found, problems = discover([Path(p) for p in paths] if paths else [DEFAULT_STATUTES])
    wanted = sorted({c.upper() for c in only}) if only is not None else None
    if wanted is None:
        return load_whole(found, problems, vocabulary, use_cache)
    from lawcmp.load.shelf import Shelf, vouched  # not imported by a command that reads every book

    if use_cache and not problems:
        shelf = vouched(found, vocabulary)
        if shelf is not None and set(wanted) <= set(shelf.codes):
            return shelf.corpus(wanted)
    return Shelf.of(load_whole(found, problems, vocabulary, use_cache)).corpus(wanted)


def load_text(text: str, path: str = "<text>", vocabulary: Vocabulary | None = None) -> Corpus:
    """A corpus from one statute text (for notebooks and tests); raises on any error."""
    from lawcmp.lang.syntax import parse_statute

    vocabulary = vocabulary or load_vocabulary()
    model, diags = parse_statute(text, path, vocabulary)
    if model is not None:
        diags = diags + check_file(model)
    if diags or model is None:
        raise LawcmpError(diags)
    return assemble([model], hashlib.sha256(text.encode()).hexdigest())


def load_bill(path: Path | str, corpus: Corpus, code: str | None = None) -> Bill:
    """The one bill in `path` (for `code`, if given), checked against the corpus; raises on any error."""
    from lawcmp.load.checks import check_bills

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
        from lawcmp.model.statute import StatuteFile

        books = [StatuteFile(path=b.path, jurisdictions=(b.jurisdiction,), instruments=b.instruments,
                             provisions=b.provisions, facts=b.facts) for b in corpus.books.values()]
        errors += [d for d in check_bills([*books, *files]) if d.path == shown]
    if errors:
        raise LawcmpError(errors)
    return bills[0]
