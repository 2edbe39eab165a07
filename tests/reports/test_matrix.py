"""The matrix worked out in several processes is the matrix of one process, cell for cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lawcmp.load.corpus import load_corpus
from lawcmp.render.write import render
from lawcmp.reports import standard as reports
from lawcmp.support import parallel
from tests.helpers.workers import noting, processes_noted


@pytest.mark.parametrize("by", ["obligation", "pillar"])
def test_the_matrix_in_workers_is_the_matrix_of_one_process(by: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    day, shipped = dt.date(2009, 12, 31), load_corpus()
    assert len(shipped.books) > 4  # more than one chunk of books
    alone = reports.matrix(shipped, day, None, by, "ru", jobs=1)
    monkeypatch.setattr(reports, "_matrix_cells", noting(reports._matrix_cells, tmp_path))
    monkeypatch.setattr(parallel, "PARALLEL_BOOKS", 1)
    together = reports.matrix(shipped, day, None, by, "ru", jobs=2)
    assert processes_noted(tmp_path) == 2, "no cell was worked out in a worker"
    assert together == alone
    assert render(together, "xlsx") == render(alone, "xlsx")  # the cells' notes too, byte for byte
