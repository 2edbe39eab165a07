"""`parallel.map_chunks`: the results of one process, whoever computes them, and never a
list with holes when a worker fails or dies."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from lawcmp.support.parallel import map_chunks

PARENT = os.getpid()


def squares(indices: Sequence[int]) -> list[tuple[int, int]]:
    """Each index's square, and the process that worked it out."""
    return [(i * i, os.getpid()) for i in indices]


@pytest.mark.parametrize(("n", "chunk", "jobs"), [(1, 4, 2), (7, 1, 2), (40, 3, 2), (40, 4, 3), (40, 5, 1)])
def test_the_results_are_in_index_order_whatever_the_order_of_the_work(n: int, chunk: int, jobs: int) -> None:
    order = sorted(range(n), key=lambda i: (i * 7919) % n)  # a shuffle
    got = map_chunks(squares, order, jobs=jobs, chunk=chunk, description="test")
    assert [r for r, _ in got] == [i * i for i in range(n)]


def test_workers_do_a_share(tmp_path: Path) -> None:
    def slow_here(indices: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() == PARENT:
            time.sleep(0.02)  # so that the worker, once started, takes chunks too
        return squares(indices)

    got = map_chunks(slow_here, range(60), jobs=2, chunk=2, description="test")
    assert [r for r, _ in got] == [i * i for i in range(60)]
    assert {pid for _, pid in got} - {PARENT}, "no chunk was worked out in a worker"


def _once_a_worker_has_started(flag: Path, indices: Sequence[int]) -> list[tuple[int, int]]:
    """In this process: wait until the worker has taken a chunk, whatever the machine is doing."""
    deadline = time.monotonic() + 30
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return squares(indices)


@pytest.mark.parametrize(("fate", "says"), [
    ("raises", "a worker process failed: ValueError: a bug in a worker"),
    ("dies", "a worker process ended without its results (exit status 9)"),
])
def test_a_worker_that_fails_fails_the_whole(tmp_path: Path, fate: str, says: str) -> None:
    flag = tmp_path / "worker"

    def work(indices: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() == PARENT:
            return _once_a_worker_has_started(flag, indices)
        flag.touch()
        if fate == "dies":
            os._exit(9)
        raise ValueError("a bug in a worker")

    with pytest.raises(RuntimeError) as failed:
        map_chunks(work, range(8), jobs=2, chunk=2, description="test")
    assert str(failed.value) == says
    if fate == "raises":
        (note,) = failed.value.__notes__  # LAWCMP_DEBUG=1 shows it: where it happened
        assert "Traceback" in note and "a bug in a worker" in note and "in work" in note


@pytest.mark.parametrize("frozen_before", [False, True])
def test_what_workers_inherit_is_frozen_and_this_process_is_left_as_it_was(frozen_before: bool) -> None:
    """A worker's collector must not scan (and so copy) what it shares with its parent."""
    import gc

    def freeze_counts(indices: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() == PARENT:
            time.sleep(0.02)
        return [(gc.get_freeze_count(), os.getpid()) for _ in indices]

    inherited = [object() for _ in range(1000)]
    was_frozen = gc.get_freeze_count() > 0
    gc.unfreeze()
    if frozen_before:
        gc.freeze()
    try:
        got = map_chunks(freeze_counts, range(40), jobs=2, chunk=2, description="test")
        in_workers = [count for count, pid in got if pid != PARENT]
        assert in_workers and min(in_workers) >= len(inherited)
        assert (gc.get_freeze_count() > 0) == frozen_before
    finally:
        gc.unfreeze()
        if was_frozen:  # as the test found it
            gc.freeze()


def test_few_books_are_worked_out_here_whatever_jobs_says(monkeypatch: pytest.MonkeyPatch) -> None:
    from lawcmp.support import parallel

    monkeypatch.setattr(parallel, "PARALLEL_BOOKS", 10)
    few = parallel.map_books(squares, range(9), jobs=2, chunk=1, description="test")
    assert [r for r, _ in few] == [i * i for i in range(9)] and {pid for _, pid in few} == {PARENT}

    def slow_here(indices: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() == PARENT:
            time.sleep(0.02)
        return squares(indices)

    many = parallel.map_books(slow_here, range(40), jobs=2, chunk=2, description="test")
    assert {pid for _, pid in many} - {PARENT}, "from PARALLEL_BOOKS books on, a worker takes a share"


# A parent killed while its worker works (SIGTERM's default, as a caller's timeout sends
# it): once the worker has taken a chunk, the parent dies; the worker's results are more
# than a pipe holds.
KILLED_PARENT = """
import os, signal, sys, time
from pathlib import Path
from lawcmp.support.parallel import map_chunks
flag, parent = Path(sys.argv[1]), os.getpid()
def work(indices):
    if os.getpid() == parent:
        while not flag.exists():
            time.sleep(0.01)
        os.kill(parent, signal.SIGKILL)
    flag.touch()
    return [b"x" * 200_000 for _ in indices]
map_chunks(work, range(8), jobs=2, chunk=1, description="test")
"""


def test_a_worker_whose_parent_is_gone_ends_and_lets_go_of_the_output(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", KILLED_PARENT, str(tmp_path / "flag")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=60)  # returns once every process holding the pipes has ended
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("an orphaned worker still holds the output, waiting to send its results")
    assert proc.returncode == -9
    assert b"Traceback" not in err, err.decode()
