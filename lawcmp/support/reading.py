"""A file's bytes as text, within the limits on input (IN02 – IN05, docs/limits.md).

Apart from `lawcmp.lang.syntax`, which imports lark, so that a command that only needs the
text of a file it knows to parse (`lawcmp fmt`, on a file served from the cache) does
not pay for the parser.
"""

from __future__ import annotations

from lawcmp.model.statute import Span
from lawcmp.support.diagnostics import Diagnostic

MAX_BYTES = 32 * 1024 * 1024  # per file (IN04)
MAX_LINE = 20_000  # characters per line (IN05)


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, or the reason why not (size, NUL bytes, invalid UTF-8, long lines)."""
    if len(data) > MAX_BYTES:
        return None, [Diagnostic(code="IN04", message=f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,}", path=path)]
    if b"\x00" in data:
        return None, [Diagnostic(code="IN03", message="the file contains NUL bytes", path=path)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Diagnostic(
                code="IN02", message=f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                path=path, span=Span(line, col, line, col + 1),
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    problems = []
    for i, line_text in enumerate(text.split("\n"), 1):
        if len(line_text) > MAX_LINE:
            problems.append(
                Diagnostic(
                    code="IN05", message=f"line {i} is {len(line_text):,} characters; the limit is {MAX_LINE:,}",
                    path=path, span=Span(i, 1, i, 2),
                )
            )
            if len(problems) >= 10:
                break
    if problems:
        return None, problems
    return text, []
