"""Hostile input for the language server's analysis: the repository's files mutated as
tests/hostile mutates them (tests/hostile/mutations.py), and every request answered.

The promises: the analysis of any text says what `lawcmp check` says of the same bytes;
every request (hover, completion, definition, outline, formatting, quick fixes) at any
position answers without an exception; every range it gives lies inside the document.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp

from lawcmp.lang.layout import format_text
from lawcmp.load.corpus import check_paths
from lawcmp.load.files import default_sources
from lawcmp.lsp.analysis import Context, analyse, load_context
from lawcmp.lsp.completion import complete
from lawcmp.lsp.edits import formatting, quick_fixes, to_protocol
from lawcmp.lsp.hover import hover
from lawcmp.lsp.symbols import Index, definition, document_symbols
from lawcmp.lsp.text import Lines, lines_of, utf16, word_at
from tests.helpers import ROOT
from tests.hostile.mutations import edit_lists, mutate, positions

SEEDS = (ROOT / "statutes" / "drafts" / "UZ-cc-amendments-2008.law", ROOT / "statutes" / "TM.law",
         ROOT / "rules" / "catalog" / "criminalization.rules", ROOT / "tests" / "syntax" / "bad" / "five-mistakes.law")


@pytest.fixture(scope="module")
def context() -> Context:
    return load_context(sources=default_sources())


def inside(r: lsp.Range, lines: Lines) -> bool:
    def ok(p: lsp.Position) -> bool:
        return 0 <= p.line < len(lines) and 0 <= p.character <= utf16(lines[p.line], len(lines[p.line]), lines.encoding)

    return ok(r.start) and ok(r.end) and (r.start.line, r.start.character) <= (r.end.line, r.end.character)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=edit_lists(), where=st.lists(st.tuples(positions, positions), min_size=1, max_size=4))
def test_a_mutated_file_gets_what_check_says_and_every_request_answers_inside_it(
    context: Context, seed: Path, edits: list[tuple[object, ...]], where: list[tuple[float, float]],
) -> None:
    data = mutate(seed.read_bytes(), edits)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / seed.name
        path.write_bytes(data)
        expected = check_paths([path], sources=default_sources()).diagnostics
        text = data.decode("utf-8", errors="replace")
        analysis = analyse(text, path, context)
        if text.encode("utf-8") == data:  # what the editor holds is what check reads
            assert analysis.diagnostics == expected
        lines = lines_of(analysis.text, context.encoding)
        for d in analysis.diagnostics:
            assert inside(to_protocol(d, lines).range, lines), d
        index = Index()
        uri = path.as_uri()
        for line_at, column_at in where:
            line = min(len(lines) - 1, int(line_at * len(lines)))
            position = lsp.Position(line, int(column_at * (len(lines[line]) + 1)))
            found = hover(analysis, context, index, position)
            assert found is None or found.range is None or inside(found.range, lines)
            for item in complete(analysis, context, index, position):
                assert isinstance(item.text_edit, lsp.TextEdit) and inside(item.text_edit.range, lines)
            word = word_at(lines, position)
            if word is not None and word.kind == "id":
                definition(word.text, analysis, context, index, uri)
            for fix in quick_fixes(analysis, uri, lsp.Range(position, position)):
                assert fix.edit is not None and fix.edit.changes is not None
                assert all(inside(e.range, lines) for e in fix.edit.changes[uri])
        for symbol in document_symbols(analysis, context):
            assert inside(symbol.range, lines) and inside(symbol.selection_range, lines)
        edits_out = formatting(analysis, context)
        assert edits_out == [] or [e.new_text for e in edits_out] == [format_text(analysis.text)]
