"""Statute text never becomes active content, in any report, in any format.

A hostile corpus — the report fixtures with every string replaced by markup, links,
formulas and terminal escapes — goes through every report (matrix, gap report,
timeline, comparison, what-if via a bill, diff, dual criminality, the workshop pack) and
every format; each output is read back the way its consumer reads it: HTML with an HTML
parser, Markdown with markdown-it, CSV with the csv module, XLSX with openpyxl and its
XML, DOCX with its XML, PDF for actions and links out, and the terminal table for escape
sequences. The static site
gets the same HTML checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from openpyxl import load_workbook

from lawcmp.engine.dual import dual_criminality
from lawcmp.engine.whatif import whatif
from lawcmp.load.corpus import load_bill, load_corpus
from lawcmp.model.document import Document
from lawcmp.model.statute import Corpus
from lawcmp.render.write import FORMATS, render
from lawcmp.reports import standard as reports
from lawcmp.reports.diff import diff_document
from lawcmp.reports.dual import dual_document
from lawcmp.reports.whatif import whatif_document
from lawcmp.reports.workshop import workshop
from lawcmp.support.safe import cell, md
from tests.helpers import URL_ATTRIBUTES
from tests.hostile.mutations import TERMINAL_CONTROLS

FIXTURES = Path(__file__).resolve().parent.parent / "reports" / "corpus"
DAY = dt.date(2006, 6, 1)

PAYLOADS = (
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "[link](javascript:alert(1))",
    "![img](javascript:alert(1))",
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "| a | b |",
    "`code` and ```fence```",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "*emph* _emph_ **strong** ~~strike~~",
    "    # indented",
    "---",
    "<!-- comment -->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    " =1+1",
    "\t=1+1",
    "＝1+1",
    "=cmd|' /C calc'!A0",
    "\x1b[31mred\x1b[0m\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "{{ 7*7 }}{% if 1 %}x{% endif %}",
    "\u202eevil\u202c",
)
FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def payloads(i: int) -> str:
    """Three payloads in one string: the first where a cell or a line starts, two inside."""
    return " · ".join(PAYLOADS[(i + k) % len(PAYLOADS)] for k in (0, 11, 23))


def hostile(text: str, start: int) -> str:
    """Every string literal of a statute file replaced by payloads, in turn."""
    n = iter(range(start, 10**6))
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', lambda m: literal(payloads(next(n))), text)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for i, name in enumerate(("XX.law", "YY.law")):
        (root / name).write_text(hostile((FIXTURES / name).read_text(encoding="utf-8"), i * 7), encoding="utf-8")
    (root / "drafts").mkdir()
    bill = hostile((FIXTURES / "drafts" / "XX-bill.law").read_text(encoding="utf-8"), 3)
    bill = bill.replace("\n}", '\n  insert XX/CC/999 "<script>alert(1)</script>" {\n    text "=1+1"\n'
                        '    source "javascript:alert(1)" "[x](javascript:alert(1))"\n  }\n}', 1)
    (root / "drafts" / "XX-bill.law").write_text(bill, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpus(root: Path) -> Corpus:
    return load_corpus([root], use_cache=False)


@pytest.fixture(scope="module")
def documents(corpus: Corpus, root: Path) -> dict[str, Document]:
    bill_path = root / "drafts" / "XX-bill.law"
    docs = {
        "matrix": reports.matrix(corpus, DAY),
        "matrix-pillar": reports.matrix(corpus, DAY, by="pillar"),
        "report": reports.gap_report(corpus, "XX", DAY),
        "timeline": reports.timeline(corpus, "XX", dt.date(2000, 1, 1), dt.date(2008, 12, 31)),
        "compare": reports.compare(corpus, ["XX", "YY"], DAY),
        "whatif": whatif_document(whatif(corpus, "XX", load_bill(bill_path, corpus, "XX")), corpus),
        "diff": diff_document(corpus, "XX", dt.date(2000, 1, 1), dt.date(2006, 1, 1)),
        "dual-criminality": dual_document(dual_criminality(corpus, "XX", "YY", DAY), corpus),
    }
    for name, doc in workshop(corpus, ["XX", "YY"], DAY).documents().items():
        docs[f"workshop-{name}"] = doc
    return docs


DOCS = ["matrix", "matrix-pillar", "report", "timeline", "compare", "whatif", "diff", "dual-criminality",
        "workshop-handout", "workshop-tables", "workshop-exercises", "workshop-answer-key", "workshop-summaries"]


def test_the_hostile_text_reaches_the_reports(documents: dict[str, Document]) -> None:
    """The payloads are in the documents: what the writers must keep inert is really there."""
    text = json.dumps([d.model_dump(mode="json") for d in documents.values()], ensure_ascii=False)
    for payload in ("<script>alert(1)</script>", "=1+1", "[link](javascript:alert(1))", "\x1b[31m", "| a | b |"):
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in text, payload


# -- HTML -------------------------------------------------------------------------------------------------------

ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet", "form", "base", "link", "img", "svg", "math",
               "audio", "video", "input", "button", "textarea", "select"}


class Page(HTMLParser):
    """Every element with its attributes, and the text of every script element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k.lower(): v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def _scheme(url: str) -> str:
    compact = re.sub(r"[\x00-\x20]+", "", url).lower()
    m = re.match(r"([a-z][a-z0-9+.-]*):", compact)
    return m.group(1) if m else ""


def assert_inert_html(page: str, *, own_scripts: int = 0, allowed_tags: frozenset[str] = frozenset()) -> Page:
    """No script but the page's own, no event handler, no link to a script or a data: URL."""
    parsed = Page(page)
    for tag, attrs in parsed.elements:
        assert tag not in ACTIVE_TAGS - {"script"} - allowed_tags, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in URL_ATTRIBUTES:
                assert _scheme(value) in ("", "http", "https", "mailto"), (tag, name, value)
            if name == "style":
                assert "url(" not in value.lower() and "expression(" not in value.lower(), value
        assert not (tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh"), attrs
    assert len(parsed.scripts) <= own_scripts, parsed.scripts
    for script in parsed.scripts:
        assert "alert(" not in script and "onmouseover" not in script, script
    return parsed


@pytest.mark.parametrize("name", DOCS)
def test_html_is_inert(documents: dict[str, Document], name: str) -> None:
    page = render(documents[name], "html")
    assert isinstance(page, str)
    parsed = assert_inert_html(page, allowed_tags=frozenset({"svg"}))
    for _, attrs in parsed.elements:
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs  # reports link only within themselves
    if name == "report":
        assert "<script>alert(1)</script>" in "".join(parsed.text)  # escaped, shown as text


def test_html_chart_svg_holds_no_script_or_handler(documents: dict[str, Document]) -> None:
    page = render(documents["timeline"], "html")
    assert isinstance(page, str)
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        assert "<script" not in svg.lower() and not re.search(r"\son\w+\s*=", svg, flags=re.I)
        assert "javascript:" not in svg.lower()


# -- Markdown -----------------------------------------------------------------------------------------------------


def tokens(text: str) -> Iterator[Token]:
    def walk(items: list[Token]) -> Iterator[Token]:
        for t in items:
            yield t
            yield from walk(t.children or [])

    yield from walk(MarkdownIt("commonmark").enable("table").parse(text))


@pytest.mark.parametrize("name", DOCS)
def test_markdown_has_only_the_markup_lawcmp_writes(documents: dict[str, Document], name: str) -> None:
    doc = documents[name]
    text = render(doc, "markdown")
    assert isinstance(text, str)
    found = list(tokens(text))
    kinds = [t.type for t in found]
    for forbidden in ("link_open", "image", "html_inline", "html_block", "fence", "code_inline", "blockquote_open",
                      "ordered_list_open", "hr", "s_open"):
        assert forbidden not in kinds, (forbidden, [t.content for t in found if t.type == forbidden][:3])
    assert kinds.count("heading_open") == 1 + len(doc.sections)
    assert kinds.count("list_item_open") == sum(len(s.bullets) for s in doc.sections)
    assert kinds.count("em_open") == (1 if doc.subtitle else 0)
    assert kinds.count("strong_open") == (1 if doc.legend else 0)
    if not any(s.charts for s in doc.sections):
        assert "code_block" not in kinds
    # Tables keep their shape: a pipe in a cell does not make a column.
    header, width, body = 0, 0, False
    for t in found:
        if t.type == "tr_open":
            width = 0
        elif t.type in ("th_open", "td_open"):
            width += 1
        elif t.type in ("thead_close", "tbody_open", "tbody_close"):
            header, body = (width, False) if t.type == "thead_close" else (header, t.type == "tbody_open")
        elif t.type == "tr_close" and body:
            assert width == header, "a row has more or fewer cells than its header"
    assert "<script" not in MarkdownIt("commonmark").enable("table").render(text)
    assert TERMINAL_CONTROLS.search(text) is None


def test_md_escapes_each_payload_on_its_own() -> None:
    for payload in PAYLOADS:
        for line in (md(payload), f"- {md(payload)}", f"| {md(payload)} |"):
            kinds = {t.type for t in tokens(line)}
            assert not kinds & {"link_open", "image", "html_inline", "html_block", "code_inline", "code_block",
                                "heading_open", "blockquote_open", "ordered_list_open", "em_open", "strong_open",
                                "hr"}, (payload, kinds)


# -- CSV ------------------------------------------------------------------------------------------------------------


def assert_no_formula_cell(text: str) -> int:
    cells = 0
    for row in csv.reader(io.StringIO(text)):
        for value in row:
            cells += 1
            if value.lstrip().startswith(FORMULA) or value.startswith(("\t", "\r")):
                assert value.startswith("'"), value
            assert TERMINAL_CONTROLS.search(value.replace("\n", "")) is None, value
    return cells


@pytest.mark.parametrize("name", DOCS)
def test_csv_cells_never_start_a_formula(documents: dict[str, Document], name: str) -> None:
    text = render(documents[name], "csv")
    assert isinstance(text, str)
    assert_no_formula_cell(text)


@pytest.mark.parametrize("payload", ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x","y")', " =1+1",
                                     "\t=1+1", " \t @x", "＝1+1", "＋1", "－1", "＠x", "\n=1", "\u3000=1"])
def test_cell_quotes_every_formula_start(payload: str) -> None:
    assert cell(payload) == "'" + payload  # quoted, and otherwise kept


@pytest.mark.parametrize("payload", ["\r=1", "\x1b=1", "\x00=1"])
def test_cell_shows_control_characters_as_symbols(payload: str) -> None:
    out = cell(payload)
    assert TERMINAL_CONTROLS.search(out) is None and not out.lstrip().startswith(FORMULA)


@pytest.mark.parametrize("payload", ["a=1", "1+1", "Article 5", "— dash", ""])
def test_cell_leaves_ordinary_text_alone(payload: str) -> None:
    assert cell(payload) == payload


# -- XLSX -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCS)
def test_xlsx_cells_are_strings_never_formulas(documents: dict[str, Document], name: str) -> None:
    data = render(documents[name], "xlsx")
    assert isinstance(data, bytes)
    book = load_workbook(io.BytesIO(data))
    seen = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    seen.add(c.value)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert not [n for n in names if n.startswith("xl/externalLinks/")]
        for n in names:
            if n.startswith("xl/worksheets/") and n.endswith(".xml"):
                assert not re.search(rb"<(?:\w+:)?f[ >/]", z.read(n)), f"a formula in {n}"
            if n.endswith(".rels"):
                assert b'TargetMode="External"' not in z.read(n), n
    if name == "compare":
        assert any(v.lstrip().startswith(FORMULA) for v in seen)  # formula text kept as text, not quoted away


# -- DOCX -----------------------------------------------------------------------------------------------------------

DOCX_ACTIVE = re.compile(rb"<w:(?:fldSimple|fldChar|instrText|hyperlink|object|altChunk|subDoc|dde\w*)\b")


@pytest.mark.parametrize("name", DOCS)
def test_docx_has_no_fields_links_or_embedded_content(documents: dict[str, Document], name: str) -> None:
    data = render(documents[name], "docx")
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for n in z.namelist():
            if n.endswith(".xml"):
                found = DOCX_ACTIVE.search(z.read(n))
                assert found is None, (n, found.group() if found else None)
            if n.endswith(".rels"):
                body = z.read(n)
                assert b'TargetMode="External"' not in body and b"/hyperlink" not in body, n
        assert not [n for n in z.namelist() if n.startswith(("word/embeddings/", "word/activeX/")) or n.endswith(".bin")]


# -- PDF ------------------------------------------------------------------------------------------------------------

# What a PDF reader acts on: links out, scripts, launched programs, forms, embedded files.
# An /OpenAction that is a place to open the document at (a page and a zoom) is no action.
PDF_ACTIVE = re.compile(rb"/(?:URI|JavaScript|JS|Launch|AA|SubmitForm|ImportData|EmbeddedFile|RichMedia|GoToR)\b"
                        rb"|/OpenAction(?!\s*\[\d+ 0 R /\w+[\d. null]*\])")


@pytest.mark.parametrize("name", DOCS)
def test_pdf_has_no_actions_links_out_or_embedded_files(documents: dict[str, Document], name: str) -> None:
    data = render(documents[name], "pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    found = PDF_ACTIVE.search(data)
    assert found is None, found.group() if found else None
    # the only annotations are links to a place in the document itself
    links = re.findall(rb"<<(?:(?!<<|>>).)*/Subtype /Link(?:(?!<<|>>).)*>>", data, re.S)
    assert len(links) == data.count(b"/Subtype /Link")
    assert all(b"/Dest [" in link and b"/A " not in link for link in links), links[:3]


# -- terminal text and JSON -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCS)
def test_terminal_table_carries_no_escape_sequences(documents: dict[str, Document], name: str) -> None:
    text = render(documents[name], "table")
    assert isinstance(text, str)
    assert TERMINAL_CONTROLS.search(text) is None


@pytest.mark.parametrize("name", DOCS)
def test_json_keeps_the_text_exactly(documents: dict[str, Document], name: str) -> None:
    text = render(documents[name], "json")
    assert isinstance(text, str)
    assert Document.model_validate_json(text) == documents[name]


def test_every_format_is_covered() -> None:
    tested = {"html", "markdown", "csv", "xlsx", "docx", "pdf", "table", "json"}
    assert tested == set(FORMATS)


# -- the static site ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lawcmp.site.build import build_site

    out = tmp_path_factory.mktemp("site") / "out"
    build_site(corpus, out)
    return out


def test_site_pages_are_inert(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        parsed = assert_inert_html(page.read_text(encoding="utf-8"), own_scripts=1,
                                   allowed_tags=frozenset({"svg", "link", "select"}))
        for tag, attrs in parsed.elements:
            if tag == "script":
                assert "src" not in attrs, (page, attrs)
            if tag == "link":  # the site's own stylesheet, and nothing else
                assert attrs.get("rel") == "stylesheet" and _scheme(attrs.get("href", "")) == "", (page, attrs)
            if "href" in attrs:
                assert _scheme(attrs["href"]) in ("", "http", "https"), (page, attrs)
    for asset in site.rglob("*.css"):
        css = asset.read_text(encoding="utf-8")
        assert "alert(" not in css and "javascript:" not in css


def test_site_shows_the_hostile_text_as_text(site: Path) -> None:
    texts = "".join("".join(Page(p.read_text(encoding="utf-8")).text) for p in site.rglob("*.html"))
    assert "<script>alert(1)</script>" in texts

