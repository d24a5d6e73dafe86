"""Handing learners out in batches, to worker processes when the cohort is large enough.

A batch holds whole learners, so whatever needs all of a learner's files (duplicate
submissions, feedback folders) sees them together, and whoever takes a batch also walks its
learners' folders: no process ever lists the whole cohort's files, and memory stays flat.
Results come back in order, whatever the number of workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from grading.errors import GradingError
from grading.grading_run.discovery import Learner
from grading.grading_run.gc_pause import cyclic_gc_paused
from grading.grading_run.worker_lifetime import bind_to_parent, stop_workers

BatchResult = TypeVar("BatchResult")

PARALLEL_FROM = 200
"""Fewer learners than this are handled in one process: starting workers costs more."""


def run_in_batches(
    learners: list[Learner],
    task: Callable[[list[Learner]], BatchResult],
    *,
    jobs: int,
) -> Iterator[BatchResult]:
    """``task`` (picklable) applied to consecutive batches of ``learners``, results in order.

    With ``jobs > 1`` (and enough learners) the batches run in ``jobs`` worker processes,
    each of which receives ``task`` once, when it starts. A worker that dies (killed, out of
    memory) ends the run with a :class:`GradingError`; the caller then writes nothing.
    """
    batches = _batches(learners, size=_batch_size(len(learners), jobs))
    if jobs <= 1 or len(learners) < PARALLEL_FROM:
        for batch in batches:
            yield task(batch)
        return
    try:
        yield from _in_workers(batches, task, jobs)
    except BrokenProcessPool as error:
        raise GradingError(
            "a grading worker process stopped abruptly (out of memory, or killed); "
            "nothing was written. Run again, with --jobs 1 to grade in one process."
        ) from error


def _in_workers(
    batches: Iterator[list[Learner]],
    task: Callable[[list[Learner]], BatchResult],
    jobs: int,
) -> Iterator[BatchResult]:
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(task,)) as pool:
        pending: deque[Future[BatchResult]] = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_run_in_worker, batch))
                if len(pending) > jobs * 2:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool:  # a worker died: the pool reads no more results
            pool.shutdown(wait=False, cancel_futures=True)
            stop_workers()
            raise
        except BaseException:  # interrupted, or the run failed: no worker outlives it
            # Not killed while the pool is sound: a worker killed while sending a batch's
            # result leaves half a message in the result pipe, and the pool's manager thread
            # waits for the rest forever (the process then hangs at exit, which joins that
            # thread). Batches not begun are cancelled; the one each worker is grading is
            # finished (whole learners, at most 250, no code run), then the workers exit.
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _batch_size(count: int, jobs: int) -> int:
    return max(1, min(250, count // max(1, jobs * 8)))


def _batches(learners: list[Learner], *, size: int) -> Iterator[list[Learner]]:
    for start in range(0, len(learners), size):
        yield learners[start : start + size]


_WORKER_TASK: list[Callable[[list[Learner]], object]] = []
"""The task of this worker process, set once by the pool's initializer."""


def _start_worker(task: Callable[[list[Learner]], object]) -> None:
    bind_to_parent()
    _WORKER_TASK.append(task)


def _run_in_worker(batch: list[Learner]) -> object:
    with cyclic_gc_paused():
        return _WORKER_TASK[0](batch)
