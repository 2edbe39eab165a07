"""`--reference-doc FILE`: a DOCX written on a ministry's template keeps its styles and pages."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Cm, Pt

from tests.cli.test_cli import run

COMMANDS = (
    ("report", "KG", "--as-of", "2023-01-01"),
    ("matrix", "--jurisdictions", "KG", "--as-of", "2023-01-01"),
    ("rules",),
)


def _cm(length: object) -> float:
    """A length in centimetres, to the tenth: Word stores margins in twips, not EMU."""
    assert isinstance(length, int)
    return round(length / Cm(1), 1)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A house style: Georgia 13 pt body, a red-lined heading style, 3 cm margins, a header line."""
    d = docx.Document()
    d.styles["Normal"].font.name = "Georgia"
    d.styles["Normal"].font.size = Pt(13)
    d.styles["Heading 1"].font.size = Pt(20)
    section = d.sections[0]
    section.left_margin = section.right_margin = Cm(3)
    section.header.paragraphs[0].text = "Ministry of Justice — for official use"
    d.add_paragraph("Template text that is not the report's")
    path = tmp_path_factory.mktemp("house") / "house.docx"
    d.save(str(path))
    return path


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_the_docx_keeps_the_templates_styles_page_and_header(args: tuple[str, ...], template: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    r = run(*args, "--reference-doc", str(template), "-o", str(out))
    assert r.returncode == 0, r.stderr
    d = docx.Document(str(out))
    assert d.styles["Normal"].font.name == "Georgia" and d.styles["Normal"].font.size == Pt(13)
    assert d.styles["Heading 1"].font.size == Pt(20)
    first = d.sections[0]
    assert _cm(first.left_margin) == _cm(first.right_margin) == 3.0
    assert first.header.paragraphs[0].text == "Ministry of Justice — for official use"
    texts = [p.text for p in d.paragraphs]
    assert "Template text that is not the report's" not in texts  # the body is the report's alone
    assert texts[0]  # the report's title comes first
    assert all(_cm(s.left_margin) == 3.0 for s in d.sections)  # a landscape section turns the template's page


def test_without_a_template_the_docx_is_as_before(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    assert run("rules", "-o", str(out)).returncode == 0
    assert docx.Document(str(out)).styles["Normal"].font.name == "Calibri"


@pytest.mark.parametrize("bad", ["missing.docx", "not-a-docx.docx"])
def test_a_missing_or_invalid_template_is_a_usage_error(bad: str, tmp_path: Path) -> None:
    (tmp_path / "not-a-docx.docx").write_text("plain text", encoding="utf-8")
    r = run("rules", "--reference-doc", str(tmp_path / bad), "-o", str(tmp_path / "out.docx"))
    assert r.returncode == 2
    assert "--reference-doc" in r.stderr
    assert not (tmp_path / "out.docx").exists()


def test_every_command_that_writes_output_offers_it() -> None:
    for command in ("report", "matrix", "timeline", "history", "compare", "whatif", "diff", "dual-criminality",
                    "assess", "rules", "sources", "explain", "workshop"):
        assert "--reference-doc" in run(command, "--help").stdout, command


# -- tables take the template's table style -------------------------------------------------------------------


def _house_template(tmp_path: Path, default_style: bool) -> Path:
    """A template whose tables are styled its own way: a table style of its own marked as the
    default ("Ministry Table"), or its "Table Grid" restyled (a 10 pt font), as Word writes them."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    d = docx.Document()
    if default_style:
        for s in d.styles:
            if s.type == WD_STYLE_TYPE.TABLE:
                s.element.attrib.pop(qn("w:default"), None)
        ministry = d.styles.add_style("Ministry Table", WD_STYLE_TYPE.TABLE)
        ministry.element.set(qn("w:default"), "1")
        ministry.font.size = Pt(9)
    else:
        d.styles["Table Grid"].font.size = Pt(10)
    path = tmp_path / ("ministry.docx" if default_style else "grid.docx")
    d.save(str(path))
    return path


def _table_styles(out: Path) -> set[str | None]:
    return {t.style.name if t.style is not None else None for t in docx.Document(str(out)).tables}


def _shaded_headers(out: Path) -> int:
    """Header cells lawcmp shaded itself: its header fill in a first row (a rating's colour
    in the legend's first row is the rating's, and stays)."""
    from docx.oxml.ns import qn

    from lawcmp.render.ooxml import HEADER_FILL

    shades = (c._tc.tcPr.find(qn("w:shd")) for t in docx.Document(str(out)).tables for c in t.rows[0].cells
              if c._tc.tcPr is not None)
    return sum(1 for shd in shades if shd is not None and shd.get(qn("w:fill")) == HEADER_FILL)


@pytest.mark.parametrize(("default_style", "style", "size"), [(True, "Ministry Table", Pt(9)), (False, "Table Grid", Pt(10))],
                         ids=["default-table-style", "table-grid"])
def test_the_tables_take_the_templates_table_style(default_style: bool, style: str, size: object, tmp_path: Path) -> None:
    """Every table — the findings, the legend, the run information — in the template's style,
    as the template defines it, and its header row left to that style, not shaded by lawcmp."""
    template = _house_template(tmp_path, default_style)
    out = tmp_path / "out.docx"
    r = run("report", "KG", "--as-of", "2023-01-01", "--reference-doc", str(template), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert _table_styles(out) == {style}
    assert docx.Document(str(out)).styles[style].font.size == size  # the template's definition, not python-docx's
    assert _shaded_headers(out) == 0


def test_a_template_without_a_table_style_gets_lawcmps_grid(tmp_path: Path) -> None:
    """A template whose only table style is the borderless "Normal Table": lawcmp's grid,
    with its shaded header row, as without a template."""
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    grid = d.styles["Table Grid"]
    assert grid.type == WD_STYLE_TYPE.TABLE
    grid.element.getparent().remove(grid.element)
    template = tmp_path / "plain.docx"
    d.save(str(template))
    out = tmp_path / "out.docx"
    assert run("rules", "--reference-doc", str(template), "-o", str(out)).returncode == 0
    assert _table_styles(out) == {"Table Grid"}
    assert _shaded_headers(out) > 0
