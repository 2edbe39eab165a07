"""Hostile inputs: the repository's own statute, bill and rule files, mutated the ways
hand-written files go wrong, and the oracles that say what lawcmp promises whatever it
is fed.

A mutation is data — a tuple such as ``("insert", 0.4, b"\\xff")`` — applied by `mutate`,
so hypothesis can shrink a failing case to the fewest, smallest edits, and
`tools/fuzz.py` can draw the same edits at random for as long as it is given and save
what fails. Positions are fractions of the file (0 … 1), so an edit stays meaningful
whatever the edits before it did to the length.

The promises (`check_files`, `format_bytes`):

- `lawcmp check` ends with a result or lawcmp's own diagnostics — never an exception —
  in time bounded by the size of the input, and every diagnostic points inside its file;
- diagnostics, rendered for a terminal, carry no control characters (no escape sequence
  from a file reaches the terminal);
- `lawcmp fmt` never changes the meaning of a file that parses, and is idempotent;
- a corpus that checks clean can be evaluated and reported on.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from lawcmp.load.corpus import check_paths
from lawcmp.load.files import display_path
from lawcmp.support.codes import BY_CODE
from lawcmp.support.diagnostics import Diagnostic, render_concise, render_full, render_json
from tests.helpers import ROOT

SOURCES = ROOT.parent / "shared" / "seeds"

# Time lawcmp may take to check a corpus: a fixed start plus so much per megabyte. A clean
# parse runs at about 1 s/MB; the rest is room for a slow machine and the checks.
BASE_SECONDS = 5.0
SECONDS_PER_MB = 10.0

Edit = tuple  # ("op", arguments…): see `mutate`


# -- seeds ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    """A file to mutate, and the unmutated files checked beside it (a bill's statute book)."""

    path: Path
    companions: tuple[Path, ...] = ()

    @property
    def name(self) -> str:
        return str(self.path.relative_to(ROOT))


def _seeds() -> tuple[Seed, ...]:
    books = {"UZ": ROOT / "statutes" / "UZ.law", "XX": ROOT / "tests" / "reports" / "corpus" / "XX.law"}
    out: list[Seed] = []
    for path in sorted((ROOT / "statutes").glob("*.law")):
        out.append(Seed(path))
    for path in sorted((ROOT / "statutes" / "drafts").glob("*.law")):
        out.append(Seed(path, (books["UZ"],)))
    out += [Seed(p) for p in sorted((ROOT / "rules" / "catalog").glob("*.rules"))]
    out.append(Seed(ROOT / "tests" / "reports" / "corpus" / "drafts" / "XX-bill.law", (books["XX"],)))
    for name in ("bill-good.law", "bill-bad.law"):
        out.append(Seed(ROOT / "tests" / "overlay" / name, (ROOT / "tests" / "overlay" / "book.law",)))
    fixtures = [*(ROOT / "tests" / "syntax").rglob("*.law"), *(ROOT / "tests" / "engine" / "fixtures").glob("*.law"),
                *(ROOT / "tests" / "catalog" / "cases").glob("*.law"), ROOT / "tests" / "overlay" / "book.law",
                *(ROOT / "tests" / "reports" / "corpus").glob("*.law")]
    out += [Seed(p) for p in sorted(fixtures)]
    return tuple(out)


SEEDS = _seeds()
STATUTE_SEEDS = tuple(s for s in SEEDS if s.path.suffix == ".law")
RULE_SEEDS = tuple(s for s in SEEDS if s.path.suffix == ".rules")


# -- what hostile files hold -----------------------------------------------------------------------------------

# Bytes inserted anywhere: encodings gone wrong, invisible and bidirectional characters,
# structure out of place, and the shapes of numbers and dates that break arithmetic.
SNIPPETS: tuple[bytes, ...] = (
    b"\xef\xbb\xbf", b"\r\n", b"\r", b"\t", b"\x0b", b"\x0c", b"\x1b[31m", b"\x1b]8;;http://x\x1b\\", b"\x07", b"\x7f",
    "\u0085".encode(), "\u2028".encode(), "\u2029".encode(), "\u202e".encode(), "\u2066".encode(), "\u200b".encode(),
    "\u200d".encode(), "\ufeff".encode(), "\u00a0".encode(), "\uff1d".encode(), "“".encode(), "”".encode(),
    "Торговля людьми".encode(), "الاتجار بالبشر".encode(), "סחר בבני אדם".encode(), "К".encode(),
    b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x00",
    b"{", b"}", b"{\n", b"}\n", b'"', b"\\", b"..", b"#", b"\n", b" ", b"(", b")", b"not ", b"or ",
    b" 99999999999999999999..1 years", b" ..99999999999999999999999 years", b"9" * 400, b" 99999-01-01",
    b" 2005-02-30", b" 0000-01-01", b" 9999-12-31",
    b"provision ", b"version 2003 {\n", b"aggravated child-victim {\n", b"offence trafficking {\n",
    b'source "../../etc/passwd" "root"\n', b'source "/etc/passwd" "root"\n',
    b'"<script>alert(1)</script>"', b'"=HYPERLINK(\\"http://x\\",\\"y\\")"', b'"\\n"',
)

# Words put in place of a token (a number, date, term, id or string).
TOKENS: tuple[bytes, ...] = (
    b"99999999999999999999..1", b"..99999999999999999999999999", b"9" * 400, b"1" + b"0" * 5000, b"1.5", b"0..0",
    b"8..3", b"..", b"99999-01-01", b"9999-12-31", b"9999", b"0000-01-01", b"0001-01-01", b"2005-02-30",
    b"2005-13", "КG/СС/124".encode(), "trafficking\u200b".encode(), "ＫＧ".encode(), "الاتجار".encode(),
    '"\u202eevil\u202c"'.encode(), b'"<script>alert(1)</script>"', b'"=1+1"', b'"../../etc/passwd"', b'"/etc/passwd"',
    b'""', b'"\\q"', b'"unterminated', b"XX/YY/ZZ", b"KG", b"a" * 300, b"not", b"every", b"core",
)

ENCODINGS = ("crlf", "cr", "bom", "bom-twice", "tabs", "cp1251", "latin-1", "utf-16", "nbsp", "smart-quotes",
             "upper", "no-final-newline")

_TOP = re.compile(rb"^(?:jurisdiction|instrument|provision|fact|bill|obligation)\b", re.M)
_TOKEN = re.compile(rb'"(?:[^"\\\n]|\\.)*"|[A-Za-z0-9][A-Za-z0-9/._-]*|\.\.')
_ITEM_ID = re.compile(rb"^(\w+ [A-Za-z][A-Za-z0-9/._-]*)")


def _at(data: bytes, p: float) -> int:
    return max(0, min(len(data), int(p * len(data))))


def _line_start(data: bytes, p: float) -> int:
    """The start of the line holding position `p`."""
    i = _at(data, p)
    return data.rfind(b"\n", 0, i) + 1


def _encode(data: bytes, how: str) -> bytes:
    text = data.decode("utf-8", errors="surrogateescape")
    if how == "crlf":
        return data.replace(b"\n", b"\r\n")
    if how == "cr":
        return data.replace(b"\n", b"\r")
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "bom-twice":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    if how == "tabs":
        return re.sub(rb"(?m)^((?:  )+)", lambda m: b"\t" * (len(m.group(1)) // 2), data)
    if how in ("cp1251", "latin-1"):
        return text.encode(how, errors="replace")
    if how == "utf-16":
        return text.encode("utf-16", errors="surrogatepass")
    if how == "nbsp":
        return data.replace(b" ", "\u00a0".encode())
    if how == "smart-quotes":
        return re.sub(rb'"([^"\n]*)"', lambda m: "“".encode() + m.group(1) + "”".encode(), data)
    if how == "upper":
        return _TOP.sub(lambda m: m.group(0).upper(), data)
    if how == "no-final-newline":
        return data.rstrip(b"\n")
    raise ValueError(how)


def _repeat_item(data: bytes, p: float, times: int) -> bytes:
    """Copy one top-level item `times` times, each copy with its own id: thousands of provisions."""
    starts = [m.start() for m in _TOP.finditer(data)]
    if not starts:
        return data
    k = min(len(starts) - 1, int(p * len(starts)))
    begin, end = starts[k], (starts[k + 1] if k + 1 < len(starts) else len(data))
    item = data[begin:end]
    if not item.endswith(b"\n"):
        item += b"\n"
    copies = [_ITEM_ID.sub(lambda m, i=i: m.group(1) + b"-r%d" % i, item, count=1) for i in range(times)]
    return data[:end] + (b"" if data[:end].endswith(b"\n") or not data[:end] else b"\n") + b"".join(copies) + data[end:]


def mutate(data: bytes, edits: Sequence[Edit]) -> bytes:
    """Apply the edits in order. Every edit is total: any arguments on any bytes give bytes."""
    for edit in edits:
        op, args = edit[0], edit[1:]
        if op == "truncate":
            data = data[: _at(data, args[0])]
        elif op == "delete":
            i = _at(data, args[0])
            data = data[:i] + data[i + args[1]:]
        elif op == "insert":
            i = _at(data, args[0])
            data = data[:i] + args[1] + data[i:]
        elif op == "duplicate":
            i = _at(data, args[0])
            data = data[:i] + data[i:i + args[1]] * args[2] + data[i:]
        elif op in ("swap_lines", "shuffle_lines"):
            lines = data.split(b"\n")
            if op == "swap_lines":
                i, j = (min(len(lines) - 1, int(p * len(lines))) for p in args)
                lines[i], lines[j] = lines[j], lines[i]
            else:
                random.Random(args[0]).shuffle(lines)
            data = b"\n".join(lines)
        elif op == "token":
            tokens = list(_TOKEN.finditer(data))
            if tokens:
                m = tokens[min(len(tokens) - 1, int(args[0] * len(tokens)))]
                data = data[: m.start()] + args[1] + data[m.end():]
        elif op == "encode":
            data = _encode(data, args[0])
        elif op == "nest":
            i = _line_start(data, args[0])
            depth, closed = args[1], args[2]
            data = data[:i] + b"  aggravated child-victim {\n" * depth + (b"  }\n" * depth if closed else b"") + data[i:]
        elif op == "repeat_item":
            data = _repeat_item(data, args[0], args[1])
        elif op == "long_line":
            i = _line_start(data, args[0])
            data = data[:i] + b'    text "' + b"y" * args[1] + b'"\n' + data[i:]
        else:
            raise ValueError(f"unknown edit {op!r}")
    return data


# -- strategies ------------------------------------------------------------------------------------------------

positions = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def edits(big: bool = False) -> st.SearchStrategy[Edit]:
    """One edit. `big` allows the pathological sizes (thousands of items, deep nests, long lines)."""
    times, depth, length = (3000, 5000, 2_000_000) if big else (300, 200, 30_000)
    return st.one_of(
        st.tuples(st.just("truncate"), positions),
        st.tuples(st.just("delete"), positions, st.integers(1, 400)),
        st.tuples(st.just("insert"), positions, st.sampled_from(SNIPPETS) | st.binary(min_size=1, max_size=8)),
        st.tuples(st.just("duplicate"), positions, st.integers(1, 400), st.integers(1, 20)),
        st.tuples(st.just("swap_lines"), positions, positions),
        st.tuples(st.just("shuffle_lines"), st.integers(0, 2**32 - 1)),
        st.tuples(st.just("token"), positions, st.sampled_from(TOKENS)),
        st.tuples(st.just("encode"), st.sampled_from(ENCODINGS)),
        st.tuples(st.just("nest"), positions, st.integers(1, depth), st.booleans()),
        st.tuples(st.just("repeat_item"), positions, st.integers(1, times)),
        st.tuples(st.just("long_line"), positions, st.integers(1, length)),
    )


def edit_lists(big: bool = False) -> st.SearchStrategy[list[Edit]]:
    return st.lists(edits(big), min_size=1, max_size=4)


def random_edits(rnd: random.Random, big: bool = False) -> list[Edit]:
    """The same edits as `edits`, drawn from a `random.Random` (for the long-running fuzzer)."""
    times, depth, length = (3000, 5000, 2_000_000) if big else (300, 200, 30_000)
    p = rnd.random
    makers: list[Callable[[], Edit]] = [
        lambda: ("truncate", p()),
        lambda: ("delete", p(), rnd.randint(1, 400)),
        lambda: ("insert", p(), rnd.choice(SNIPPETS) if rnd.random() < 0.8 else rnd.randbytes(rnd.randint(1, 8))),
        lambda: ("duplicate", p(), rnd.randint(1, 400), rnd.randint(1, 20)),
        lambda: ("swap_lines", p(), p()),
        lambda: ("shuffle_lines", rnd.getrandbits(32)),
        lambda: ("token", p(), rnd.choice(TOKENS)),
        lambda: ("encode", rnd.choice(ENCODINGS)),
        lambda: ("nest", p(), rnd.randint(1, depth), rnd.random() < 0.5),
        lambda: ("repeat_item", p(), rnd.randint(1, times)),
        lambda: ("long_line", p(), rnd.randint(1, length)),
    ]
    return [rnd.choice(makers)() for _ in range(rnd.randint(1, 4))]


# -- oracles ------------------------------------------------------------------------------------------------------

# C0 and C1 controls other than tab and line feed: what a terminal acts on.
TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def files_for(seed: Seed, data: bytes) -> dict[str, bytes]:
    files = {seed.path.name: data}
    for companion in seed.companions:
        files.setdefault(companion.name, companion.read_bytes())
    return files


def well_formed(diagnostics: Sequence[Diagnostic], texts: dict[str, str], files: dict[Path, bytes], root: Path) -> None:
    """Every diagnostic is ours, points inside its file, and renders (without terminal controls)."""
    shown = {display_path(p): data for p, data in files.items()}
    for d in diagnostics:
        assert d.code in BY_CODE, d
        assert d.path in shown or d.path == str(root), d
        data = shown.get(d.path, b"")
        lines = data.count(b"\n") + 1
        assert 0 <= d.span.line <= lines + 1, (d, lines)
        if d.span.line:
            assert d.span.column >= 1, d
    concise = render_concise(diagnostics)
    full = render_full(diagnostics, texts)
    assert isinstance(json.loads(render_json(diagnostics)), list)
    for out in (concise, full):
        found = TERMINAL_CONTROLS.search(out)
        assert found is None, f"a control character {found.group()!r} reaches the terminal"


def budget(size: int) -> float:
    return BASE_SECONDS + SECONDS_PER_MB * size / 1e6


def check_files(files: dict[str, bytes], *, deep: bool = True, sources: Path | None = SOURCES) -> list[Diagnostic]:
    """`lawcmp check` in-process on `files` in a fresh corpus directory, held to its promises.

    With `deep`, a corpus that checks clean is also evaluated and reported on, and rule
    files that check clean are evaluated against the shipped statute book of Uzbekistan.
    """
    with tempfile.TemporaryDirectory(prefix="lawcmp-hostile-") as tmp:
        root = Path(tmp) / "corpus"
        written: dict[Path, bytes] = {}
        for name, data in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written[path] = data
        size = sum(len(d) for d in files.values())
        start = time.perf_counter()
        loaded = check_paths([root], sources=sources if sources and sources.is_dir() else None, use_cache=False)
        elapsed = time.perf_counter() - start
        well_formed(loaded.diagnostics, loaded.texts, written, root)
        assert elapsed < budget(size), f"checking {size:,} bytes took {elapsed:.1f} s"
        if deep and not any(d.severity == "error" for d in loaded.diagnostics):
            _evaluate(root, files)
        return loaded.diagnostics


def _evaluate(root: Path, files: dict[str, bytes]) -> None:
    from lawcmp.engine.evaluate import assess_book
    from lawcmp.load.catalog import load_catalog
    from lawcmp.load.corpus import load_corpus
    from lawcmp.render.write import TEXT_FORMATS, render
    from lawcmp.reports import standard as reports

    day = dt.date(2009, 12, 31)
    if any(name.endswith(".rules") for name in files):
        catalog = load_catalog(root)
        assess_book(load_corpus().books["UZ"], day, catalog)
        return
    corpus = load_corpus([root], use_cache=False)
    if not corpus.books:
        return
    code = next(iter(corpus.books))
    for doc in (reports.matrix(corpus, day), reports.gap_report(corpus, code, day),
                reports.timeline(corpus, code, dt.date(2000, 1, 1), day)):
        for fmt in TEXT_FORMATS:
            render(doc, fmt)


def format_bytes(data: bytes, suffix: str) -> None:
    """`lawcmp fmt` on a file: refuses what does not parse, else keeps the meaning, idempotently."""
    from lawcmp.lang.layout import format_text, same_meaning
    from lawcmp.lang.syntax import parse_rules, parse_statute
    from lawcmp.lang.vocabulary import load_vocabulary
    from lawcmp.load.formatting import format_file
    from lawcmp.support.reading import decode

    vocabulary = load_vocabulary()
    parse = parse_rules if suffix == ".rules" else parse_statute
    text, _ = decode(data, "x" + suffix)
    if text is not None:
        before, diags = parse(text, "x" + suffix, vocabulary)
        if before is not None and not any(d.code.startswith(("SY", "IN")) for d in diags):
            formatted = format_text(text)
            assert format_text(formatted) == formatted, "fmt is not idempotent"
            after, again = parse(formatted, "x" + suffix, vocabulary)
            assert not any(d.code.startswith(("SY", "IN")) for d in again), again
            assert same_meaning(before, after), "fmt changed the meaning"
    with tempfile.TemporaryDirectory(prefix="lawcmp-fmt-") as tmp:
        path = Path(tmp) / ("x" + suffix)
        path.write_bytes(data)
        problems = format_file(path, "x" + suffix, write=True)
        assert all(d.code in BY_CODE for d in problems)
        assert not any("please report" in d.message for d in problems), problems
