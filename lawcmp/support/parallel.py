"""Independent work over many books, shared between this process and forked workers.

The books of a corpus are independent, and a loaded corpus is large: workers forked
after loading inherit it instead of receiving it, and only their results travel back.
Each process — this one and every worker — takes the next chunk of work from a counter
in shared memory, largest first, so whoever is faster simply does more; a worker sends
what it did once, when no chunk is left. There is no pool: a pool passes its messages
through a thread of this process, which takes the interpreter from the work (on the
world's timeline matrix, about 7 % slower; docs/performance.md).

Where fork is not available, or one process is asked for, everything runs here, in the
same order. Results come back in the order of the indices, whoever computed them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from lawcmp.support import collector, progress

R = TypeVar("R")

# From this many books on, evaluating each at one date (about 9 ms a book on the
# synthetic world) pays for forking a worker (`map_books`: the matrix, a gap report's
# precedents, the site's states).
PARALLEL_BOOKS = 24


def available_cpus() -> int:
    """The CPUs this process may run on: how many processes to share work between."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def map_chunks(
    work: Callable[[Sequence[int]], list[R]], order: Sequence[int], *, jobs: int | None = None, chunk: int,
    description: str,
) -> list[R]:
    """`work(indices)` over chunks of `order` (a permutation of 0 … n-1), in `jobs` processes
    (default: one per available CPU; never more than there are chunks).

    `work` returns one result per index it is given; in a worker, it is the function this
    process had when it forked, closures and all. The list returned holds the result of
    index i at position i. A failure in a worker is raised here, never a list with holes.
    """
    chunks = [list(order[k : k + chunk]) for k in range(0, len(order), chunk)]
    jobs = min(available_cpus() if jobs is None else jobs, len(chunks))
    results: list[Any] = [None] * len(order)

    def collect(k: int, done: list[R]) -> None:
        for i, r in zip(chunks[k], done, strict=True):
            results[i] = r

    if jobs < 2 or not _can_fork():
        with progress.bar(description, total=len(order)) as advance:
            for n, indices in enumerate(chunks):
                collect(n, work(indices))
                advance(len(indices))
        return results

    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    taken = ctx.Value("i", 0)
    workers: list[tuple[Any, Any]] = []
    # What the workers inherit is out of their collector's reach: a collection in a worker
    # would write to every object it scans, and so copy the pages it shares with this
    # process (Python's advice for forking without exec). What was frozen stays frozen.
    frozen_before = collector.frozen()
    collector.freeze()
    try:
        for _ in range(jobs - 1):
            mine, theirs = ctx.Pipe(duplex=False)
            readers = [conn for _, conn in workers] + [mine]  # what the fork inherits of this process's
            process = ctx.Process(target=_worker, args=(work, theirs, readers, taken, chunks), daemon=True)
            process.start()
            theirs.close()
            workers.append((process, mine))
        with progress.bar(description, total=len(order)) as advance:
            shown = 0
            while (k := _take(taken, len(chunks))) is not None:
                collect(k, work(chunks[k]))
                # Chunks taken, by anyone, stand for chunks done: off by the few in hand.
                now = sum(len(c) for c in chunks[: max(0, taken.value - jobs + 1)])
                advance(now - shown)
                shown = now
            for process, conn in workers:
                for k, done in _results(process, conn):
                    collect(k, done)
            advance(len(order) - shown)
    finally:
        for process, conn in workers:
            conn.close()
            if process.is_alive():
                process.terminate()
            process.join()
        if not frozen_before:
            collector.unfreeze()
    return results


def map_books(
    work: Callable[[Sequence[int]], list[R]], order: Sequence[int], *, jobs: int | None = None, chunk: int,
    description: str,
) -> list[R]:
    """`map_chunks` over books, each worth little alone: shared with workers only from
    `PARALLEL_BOOKS` books on, and in this process below that, whatever `jobs` says."""
    return map_chunks(work, order, jobs=jobs if len(order) >= PARALLEL_BOOKS else 1, chunk=chunk,
                      description=description)


def _can_fork() -> bool:
    import multiprocessing  # here: a command that shares no work need not import it

    return "fork" in multiprocessing.get_all_start_methods()


def _take(taken: Any, chunks: int) -> int | None:
    """The next chunk nobody has taken yet, or None when all are."""
    with taken.get_lock():
        k = taken.value
        if k >= chunks:
            return None
        taken.value = k + 1
        return k  # type: ignore[no-any-return]


def _worker(
    work: Callable[[Sequence[int]], list[Any]], conn: Any, readers: list[Any], taken: Any, chunks: list[list[int]],
) -> None:
    """A forked worker: takes chunks until none is left, then sends back what it did.

    It first closes the ends of this process's pipes that the fork gave it (`readers`, its
    own among them). Otherwise, when the parent is gone (killed, say, by SIGTERM), a send
    too large for the pipe would wait for ever for a reader that is the worker itself,
    holding on to the terminal's or the caller's output. A parent that is gone also gets
    no more work done for it.
    """
    import traceback

    for reader in readers:
        reader.close()
    parent = os.getppid()
    done: list[tuple[int, list[Any]]] = []
    try:
        while os.getppid() == parent and (k := _take(taken, len(chunks))) is not None:
            done.append((k, work(chunks[k])))
        message: tuple[str, Any] = ("done", done)
    except KeyboardInterrupt:
        conn.close()
        return  # the terminal interrupted the parent too, which says so
    except Exception as exc:  # a bug: the parent raises it, with where it happened
        message = ("failed", (f"{type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc))))
    try:
        conn.send(message)
    except BrokenPipeError:
        pass  # the parent is gone: nobody is left to tell
    finally:
        conn.close()


def _results(process: Any, conn: Any) -> list[tuple[int, list[Any]]]:
    try:
        status, payload = conn.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"a worker process ended without its results (exit status {process.exitcode})") from None
    if status != "done":
        failure = RuntimeError(f"a worker process failed: {payload[0]}")
        failure.add_note(payload[1])  # shown with LAWCMP_DEBUG=1
        raise failure
    return payload  # type: ignore[no-any-return]
