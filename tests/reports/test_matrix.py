"""The matrix worked out in several processes is the matrix of one process, cell for cell."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from lawcmp import reports
from lawcmp.corpus import load_corpus
from lawcmp.render.write import render


@pytest.mark.parametrize("by", ["obligation", "pillar"])
def test_the_matrix_in_workers_is_the_matrix_of_one_process(by: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    day, shipped = dt.date(2009, 12, 31), load_corpus()
    assert len(shipped.books) > 4  # more than one chunk of books
    alone = reports.matrix(shipped, day, None, by, "ru", jobs=1)
    parent, real = os.getpid(), reports._matrix_cells

    def noted(*args: object) -> object:
        """Leave a note of the process; this one waits until a worker has left one too."""
        (tmp_path / str(os.getpid())).touch()
        deadline = time.monotonic() + 30
        while os.getpid() == parent and len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "_matrix_cells", noted)
    monkeypatch.setattr(reports, "PARALLEL_BOOKS", 1)
    together = reports.matrix(shipped, day, None, by, "ru", jobs=2)
    assert len(list(tmp_path.iterdir())) == 2, "no cell was worked out in a worker"
    assert together == alone
    assert render(together, "xlsx") == render(alone, "xlsx")  # the cells' notes too, byte for byte
