"""What a reader of a Russian document sees, and the English in it that lawcmp wrote itself.

A report in Russian carries text of two kinds: lawcmp's own words (labels, headings, the
engine's reasons, recommendations), which must all be Russian, and what the sources say
(statute titles and quotes, provision ids, source file names, vocabulary terms), which
stays as encoded. `visible_text` reads a rendered file as its reader does, in every
format of the registry; `english_leaks` finds lawcmp's own English in it by two tests:
every English message that has a Russian translation (glossary and catalog), and any
run of three ordinary English words that the sources did not write. `latin_leaks` is the
strict test the Russian scan applies: no Latin-script word at all outside what the sources
wrote (their titles and quotes), ids, URLs, file names and the code of the rule language.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import zipfile
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Corpus

# -- what a reader sees ------------------------------------------------------------------------------------

# JSON keys whose values no reader sees as words: identifiers, anchors, rating codes and
# marks (shown as colours and symbols), and a table's name (a sheet title or a CSV file
# stem, which the format needs to be a stable identifier).
JSON_HIDDEN = frozenset({"kind", "anchor", "href", "rating", "mark", "name", "lang", "main"})


class _Text(HTMLParser):
    """The text of an HTML page and its tooltips (`title`, `alt`, `aria-label`), less scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(v for k, v in attrs if k in ("title", "alt", "aria-label") and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "\n".join(parser.parts)


def json_text(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in JSON_HIDDEN:
                yield from json_text(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from json_text(v, key)
    elif isinstance(value, str):
        yield value


XML_TEXT = re.compile(r">([^<>]+)<")


def ooxml_text(data: bytes) -> str:
    """The text of every XML part of a DOCX or XLSX (cells, paragraphs, comments, sheet
    names, document properties), less the parts no reader sees as words (styles, themes)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")) or re.search(r"styles|theme|settings|fontTable|app\.xml|\.rels$", name):
                continue
            xml = z.read(name).decode("utf-8")
            # The document's kind and language code, ids like JSON's `kind` and `lang`.
            xml = re.sub(r"<dc:(subject|language)\b[^>]*>[^<]*<", "<", xml)
            out += [m.group(1) for m in XML_TEXT.finditer(xml)]
            out += re.findall(r'<sheet name="([^"]*)"', xml)
    return "\n".join(html.unescape(part) for part in out)


def pdf_text(out: bytes) -> str:
    """The text a reader of the PDF sees, as poppler's pdftotext extracts it."""
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=out, capture_output=True, check=True)
    return unwrap(done.stdout.decode("utf-8"))


def unwrap(text: str) -> str:
    """The lines of the pages with a URL cut at the margin (no hyphen marks it) made whole,
    across a page's foot (`25 / 50`) and the break to the next page too."""
    out: list[str] = []
    cut: int | None = None  # the line whose URL goes on
    for line in text.splitlines():
        if cut is not None and re.fullmatch(r"\d+ / \d+", line.strip()):
            out.append(line)
            continue
        if cut is not None:
            out[cut] = out[cut].rstrip() + line.lstrip("\f")
        else:
            out.append(line)
            cut = len(out) - 1
        cut = cut if re.search(r"(?:https?|ftp)://\S+$", out[cut].rstrip()) else None
    return "\n".join(out)


def visible_text(out: str | bytes, fmt: str) -> str:
    if fmt == "pdf":
        assert isinstance(out, bytes)
        return pdf_text(out)
    if fmt in ("xlsx", "docx"):
        assert isinstance(out, bytes)
        return ooxml_text(out)
    assert isinstance(out, str)
    if fmt == "markdown":
        return re.sub(r"\\([^\sA-Za-z0-9])", r"\1", out)  # as a Markdown viewer shows its escapes
    if fmt == "table":
        # Columns side by side on a line, apart by two spaces or more: each cell its own line.
        return re.sub(r"  +", "\n", out)
    if fmt == "html":
        return html_text(out)
    if fmt == "json":
        return "\n".join(json_text(json.loads(out)))
    return out


# -- what the sources wrote ------------------------------------------------------------------------------


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def source_trigrams(corpus: Corpus) -> frozenset[tuple[str, str, str]]:
    """Every run of three words the statute files hold (titles, texts, paraphrases, quotes,
    fact and bill titles): a run made of these is the sources speaking, not lawcmp."""
    out: set[tuple[str, str, str]] = set()
    dumped = [corpus.model_dump(mode="json")]
    for text in _strings(dumped):
        ws = words(text)
        out.update(zip(ws, ws[1:], ws[2:], strict=False))
    return frozenset(out)


# -- lawcmp's own English ----------------------------------------------------------------------------------

# Words that are not English prose in a Russian document, each for a reason:
IDENTIFIER_WORDS: dict[str, str] = {
    "lawcmp": "the program's name, in the run information",
    "corpus": "a run-information key whose value is the corpus digest (a machine identifier)",
    "seed": "a run-information key whose value is the workshop's random seed",
}
# Tokens that stay as written: terms of the statute language (vocabulary terms and their
# synonyms, clause kinds, the fields rules read) are identifiers, like provision ids; the
# README promises a vocabulary term in an explanation stays as written.


def language_tokens(catalog: Catalog) -> frozenset[str]:
    from lawcmp.lang.clauses import CLAUSE_KINDS

    vocab = catalog.vocabulary
    tokens = set(vocab.terms) | set(vocab.aliases) | set(vocab.sets) | set(vocab.groups)
    for kind in CLAUSE_KINDS:
        tokens.add(kind.name)
        tokens.update(kind.rule_fields)
        tokens.update(f.name for f in kind.fields)
        tokens.update(c for f in kind.fields for c in f.choices)
    return frozenset(tokens)


def english_messages(catalog: Catalog, allowed: frozenset[str]) -> set[str]:
    """The literal English of every message that has a Russian translation: glossary
    entries (split at their placeholders), obligation and criterion titles, recommendations.
    Fragments of fewer than two words are left to the run test, as a single English word
    ("law", "fact") is as likely a word of a quoted source; so are the English names of
    vocabulary terms (`forced labour`), which stay as written where an explanation names them."""
    import tomllib

    from lawcmp.support.i18n import GLOSSARY

    def entries(node: dict[str, object]) -> Iterator[dict[str, str]]:
        if node and all(isinstance(v, str) for v in node.values()):
            yield node  # type: ignore[misc]
            return
        for v in node.values():
            if isinstance(v, dict):
                yield from entries(v)

    texts = [e["en"] for e in entries(tomllib.loads(GLOSSARY.read_text(encoding="utf-8")))
             if e.get("ru") and e["ru"] != e["en"]]
    for o in catalog.obligations:
        if o.titles.get("ru"):
            texts.append(o.title)
        texts += [c.title for c in o.criteria if c.titles.get("ru")]
        texts += [r.get("en", "") for r in (o.recommend, o.recommend_limited) if r.get("ru")]
    out = set()
    for text in texts:
        for fragment in re.split(r"\{[^}]*\}", text):
            fragment = fragment.strip(" .,:;—–-()«»\"'")
            term = fragment.replace(" ", "-") in allowed  # a vocabulary term by its English name
            if len(words(fragment)) >= 2 and not re.search(r"[А-Яа-яЁё]", fragment) and not term:
                out.add(fragment)
    return out


CODE = re.compile(r"[A-Z]{1,5}")  # ISO codes of states (KG, UZB), rating codes (LC, NC), treaty acronyms (UNTOC)
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’./_\-]*|[^\sA-Za-z0-9]")
Trigrams = frozenset[tuple[str, str, str]]


def runs(line: str, allowed: frozenset[str]) -> Iterator[tuple[int, int, list[str]]]:
    """The runs of consecutive ordinary English words in a line: (start, end, words).

    A token is an ordinary word if it is letters only (ids like `crim.acts`, `KG/CC/124`,
    dates, file names and hyphenated terms are not), not a code in capitals and not a term
    of the statute language; a run ends at any other token, punctuation included.
    """
    run: list[str] = []
    start = end = 0
    for m in [*TOKEN.finditer(line), None]:
        token = m.group() if m else ""
        if m and WORD.fullmatch(token) and not CODE.fullmatch(token) and token.lower() not in allowed \
                and token.lower() not in IDENTIFIER_WORDS:
            if not run:
                start = m.start()
            run.append(token.lower())
            end = m.end()
            continue
        if run:
            yield start, end, run
        run = []


# The keywords of a criterion's test as `lawcmp rules` and `lawcmp explain` show it ("every
# offence where acts covers all of protocol-acts"): code, like a provision id, and wrapped
# over several lines of a terminal table, so known by its words rather than its whole text.
RULE_KEYWORDS = frozenset({"every", "some", "no", "all", "any", "of", "where", "and", "or", "not", "is", "covers",
                           "includes", "union", "party", "to", "unconditional", "conduct", "at", "most", "partly"})


def quoted(run: list[str], trigrams: Trigrams) -> bool:
    """A run whose every three words occur together in the statute files: the sources speaking."""
    return len(run) >= 3 and all(g in trigrams for g in zip(run, run[1:], run[2:], strict=False))


def english_leaks(text: str, messages: Iterable[str], trigrams: Trigrams, allowed: frozenset[str]) -> list[str]:
    """lawcmp's own English in `text`: a message of the catalogue outside quoted source text,
    and any run of three or more ordinary English words that is neither quoted source text
    nor rule-language code."""
    messages = [m for m in messages if m in text]  # the few a text may hold, looked for line by line
    found: dict[str, None] = {}
    for line in text.splitlines():
        spans = list(runs(line, allowed))
        for _, _, run in spans:
            if len(run) >= 3 and not quoted(run, trigrams) and not set(run) <= RULE_KEYWORDS:
                found.setdefault(f"run: {' '.join(run)!r}")
        sources = [(a, b) for a, b, run in spans if quoted(run, trigrams)]
        for m in messages:
            if m not in line:  # most lines hold no message: the regular expression only where one may be
                continue
            for hit in re.finditer(rf"(?<![A-Za-z]){re.escape(m)}(?![A-Za-z])", line):
                if not any(a <= hit.start() < b for a, b in sources):
                    found.setdefault(f"message: {m!r}")
    return list(found)


# -- the strict test: no Latin-script word of lawcmp's own ----------------------------------------------

TERM_TOKEN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
# Ids, codes and file names: a token with a digit, a slash, a dot, an underscore or an
# at-sign inside (`KG/CC/124`, `crim.acts`, `2003-12-25`, `KG.law`, `N/A`), or a code in capitals.
ID_TOKEN = re.compile(r"[0-9]+(?:\([0-9a-z]{1,3}\))+|[A-Za-z0-9'’\-]*[0-9/._@][A-Za-z0-9'’/._@\-]*|(?<![A-Za-z])[A-Z]{1,5}(?![A-Za-z])")
PROGRAM = re.compile(r"(?<![A-Za-z])lawcmp(?![A-Za-z])")  # the program's name, in the run information
# Where one stretch of words ends: a Cyrillic word, a title's quotation marks, two quotes
# side by side (a quote may quote another inside it), a cut (…) and the marks between items.
BREAK = re.compile(r"[^\s]*[А-Яа-яЁё][^\s]*|[«»…¶|]|\w*…|”\s*[;,]?\s*“")
# A word diff (`[-removed-] {+added+}`) is read as the two texts it compares.
REMOVED, ADDED = re.compile(r"\[-(.*?)-\]"), re.compile(r"\{\+(.*?)\+\}")
STRIP = " .,;:!?()[]{}+-—–·•'\"“”«»"


def _bare(text: str) -> str:
    """A text as written, less its spacing and the marks at its ends: a short title as a reader sees it."""
    return " ".join(text.split()).strip(STRIP)


class Sources:
    """What the sources wrote, word by word: each run of one, two and three words of their
    prose (titles, texts, paraphrases, quotes). Clause terms (`forced-labour`) are left out:
    they are the statute language's identifiers, which a Russian document names in Russian."""

    def __init__(self, corpus: Corpus) -> None:
        grams: list[set[tuple[str, ...]]] = [set(), set(), set()]
        whole: set[str] = set()
        for text in _strings([corpus.model_dump(mode="json")]):
            if TERM_TOKEN.fullmatch(text):
                continue
            whole.add(_bare(ID_TOKEN.sub(" ", URL.sub(" ", text))))
            ws = words(ID_TOKEN.sub(" ", URL.sub(" ", text)))
            for n in (1, 2, 3):
                grams[n - 1].update(zip(*(ws[i:] for i in range(n)), strict=False))
        self.grams = tuple(frozenset(g) for g in grams)
        self.whole = frozenset(whole)

    def wrote(self, run: list[str]) -> bool:
        n = min(len(run), 3)
        return all(g in self.grams[n - 1] for g in zip(*(run[i:] for i in range(n)), strict=False))


def own_words(catalog: Catalog) -> frozenset[str]:
    """The words lawcmp itself writes in English: those of the statute language (terms,
    sets, clause kinds, fields) and of the glossary. A word or two of these, standing
    alone and unquoted in a Russian document, is lawcmp speaking, not a source."""
    import tomllib

    from lawcmp.support.i18n import GLOSSARY

    out = {w for token in language_tokens(catalog) for w in words(token)}
    out |= set(words(" ".join(_english(tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))))))
    return frozenset(out)


def _english(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("en"), str):
            yield node["en"]
        for v in node.values():
            yield from _english(v)


def rule_code(catalog: Catalog) -> tuple[str, ...]:
    """Each criterion's test as `lawcmp rules` and `explain` show it: code, like an id; longest first."""
    from lawcmp.engine.describe import describe_test

    tests = {describe_test(c.test) for o in catalog.obligations for c in o.criteria}
    return tuple(sorted(tests, key=lambda s: (-len(s), s)))


def catalog_ids(catalog: Catalog) -> frozenset[str]:
    """The ids of obligations and criteria, which `lawcmp rules` and a what-if list as ids."""
    return frozenset({o.id for o in catalog.obligations} | {c.name for o in catalog.obligations for c in o.criteria})


def latin_leaks(text: str, sources: Sources, own: frozenset[str], code: Iterable[str] = (),
                ids: frozenset[str] = frozenset(), wrapped: bool = False) -> list[str]:
    """Every stretch of Latin-script words in `text` that neither a source wrote nor is an
    id, URL, file name or rule code. The text between Cyrillic words is one stretch, read
    as words (ids and URLs taken out): three words or more must run as in the sources; one
    or two, quoted, must be words of the sources, and unquoted, must besides not be all
    words lawcmp itself writes in English (`forced-labour`, `offence`, `Protocol`). A
    stretch that is the whole of a source string (a short title) or an id of the catalog
    (a criterion's `no-means`, in its own cell) is not read as words. In `wrapped` text (a
    PDF's lines, wrapped at the margin and cells side by side) a stretch at either end of a
    line may go on on another line: there each of its words must be the sources' (the
    words of the PDF are those of every other format, read strictly there)."""
    found: dict[str, None] = {}
    ids = ids | {c for c in code if " " not in c}  # a one-word test (`conduct`) only as a whole cell
    code = [c for c in code if " " in c]
    lines = []
    for line in text.splitlines():
        if "[-" in line or "{+" in line:
            lines += [ADDED.sub(" ", REMOVED.sub(r"\1", line)), REMOVED.sub(" ", ADDED.sub(r"\1", line))]
        else:
            lines.append(line)
    for line in lines:
        for c in code:
            if c in line:
                line = re.sub(rf"(?<![\w-]){re.escape(c)}(?![\w-])", " ", line)
        line = PROGRAM.sub(" ", ID_TOKEN.sub(" ", URL.sub(" ", line)))
        start = 0
        for stretch in BREAK.split(line):
            at = line.find(stretch, start)
            start = at + len(stretch)
            run = words(stretch)
            if not run or stretch.strip(STRIP) in ids or _bare(stretch) in sources.whole:
                continue
            inside = line[at - 1:at] in ("«", "“") or stretch.lstrip().startswith(("“", '"'))
            at_edge = not line[:at].strip() or not line[start:].strip()
            if wrapped and at_edge and all((w,) in sources.grams[0] for w in run):
                continue
            if not sources.wrote(run) or (len(run) <= 2 and not inside):
                found.setdefault(f"latin: {stretch.strip()!r}")
    return list(found)
