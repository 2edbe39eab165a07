"""`lawcmp fmt`: parse, re-lay, prove the meaning unchanged, write atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lawcmp.lang.layout import changed_lines, format_text, same_meaning
from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.model.statute import Span, StatuteFile
from lawcmp.support.atomic import write_atomic
from lawcmp.support.diagnostics import Diagnostic
from lawcmp.support.reading import decode


def _parse(text: str, shown: str, rules: bool) -> tuple[object, list[Diagnostic]]:
    # Imported here: a file served from the cache whose layout is canonical needs no parser.
    from lawcmp.lang.syntax import parse_rules, parse_statute

    vocabulary = load_vocabulary()
    if rules:
        return parse_rules(text, shown, vocabulary)
    return parse_statute(text, shown, vocabulary)


def _stops(d: Diagnostic) -> bool:
    """A problem that keeps a file from being laid out: it does not read or parse."""
    return d.code.startswith(("SY", "IN"))


def format_file(path: Path, shown: str, *, write: bool) -> list[Diagnostic]:
    """Format `path` in place (or, without `write`, report whether it needs it)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [Diagnostic(code="IN01", message=f"cannot read: {exc.strerror}", path=shown)]
    return _format(path, shown, data, None, write=write)


def format_files(paths: Sequence[Path], *, write: bool) -> list[Diagnostic]:
    """`format_file` of each path, in order, reading statute files as `lawcmp check` does.

    They come from the cache where their bytes were read before, and the rest are parsed
    in workers when there are many (`files.parse_files`). A file known to parse is not
    parsed again unless its layout changes: on the synthetic world (253 files), a warm
    `fmt --check` takes 1.5 – 1.9 s instead of 9.9 – 10.9 s (docs/performance.md).
    """
    from lawcmp.load.files import display_path, parse_files

    statutes = [p for p in paths if p.suffix != ".rules"]
    read = {f.path: f for f in parse_files(statutes, load_vocabulary())}
    out: list[Diagnostic] = []
    for path in paths:
        f = read.get(path)
        if f is None:  # a rule file
            out.extend(format_file(path, display_path(path), write=write))
            continue
        if f.data is None:  # it cannot be read: the diagnostics say why
            out.extend(f.diagnostics)
            continue
        # The parse's own diagnostics are among the file's; with none that stops it, the
        # model is the parse's. Otherwise parse again, for exactly the parse's diagnostics.
        parsed = f.model if f.model is not None and not any(map(_stops, f.diagnostics)) else None
        out.extend(_format(path, f.shown, f.data, parsed, write=write))
    return out


def _format(path: Path, shown: str, data: bytes, parsed: StatuteFile | None, *, write: bool) -> list[Diagnostic]:
    text, problems = decode(data, shown)
    if text is None:
        return problems
    rules = path.suffix == ".rules"
    before: object = parsed
    if before is None:
        before, diags = _parse(text, shown, rules)
        syntax = [d for d in diags if _stops(d)]
        if syntax or before is None:
            return syntax or diags  # a file that does not parse cannot be laid out
    formatted = format_text(text)
    if formatted == text:
        return []
    after, _ = _parse(formatted, shown, rules)
    if not same_meaning(before, after):
        return [Diagnostic(code="FM01", message="formatting would change the meaning; file left as it is (please report)", path=shown)]
    if not write:
        first = next(iter(changed_lines(text, formatted)), 1)
        return [Diagnostic(code="FM01", message="not in the canonical layout; run `lawcmp fmt`", path=shown,
                           span=Span(first, 1, first, 2))]
    write_atomic(path, formatted)
    return []
