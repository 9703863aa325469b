"""Where parallel work runs: in this process, a local process pool or a Dask cluster.

All three are a `concurrent.futures.Executor`, so extraction and reconciliation submit their
work the same way whichever is chosen. Work is sent in batches (`map_batches`), so a task is
worth the cost of shipping it to another process or machine.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from reconcile.errors import BadInput

T = TypeVar("T")
R = TypeVar("R")


class InlineExecutor(Executor):
    """Runs each task at once in this process: the executor of a one-worker run."""

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed to the caller through the future, as a pool would
            future.set_exception(error)
        return future


@dataclass(frozen=True)
class Workers:
    """How many local processes to use, or the address of a Dask scheduler to send work to."""

    count: int = 1
    dask_scheduler: str | None = None

    @property
    def parallel(self) -> bool:
        return self.count > 1 or self.dask_scheduler is not None


class ClusterError(BadInput):
    """The Dask scheduler could not be reached, or Dask is not installed."""


@contextmanager
def executor_for(workers: Workers) -> Iterator[Executor]:
    """The executor `workers` asks for, shut down on exit.

    Local processes are forked where the platform allows it (a worker starts without importing
    the package again); each loads the language model itself on first use.
    """
    if workers.dask_scheduler is not None:
        with _dask_executor(workers.dask_scheduler) as executor:
            yield executor
    elif workers.count > 1:
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
        with ProcessPoolExecutor(max_workers=workers.count, mp_context=context) as pool:
            yield pool
    else:
        yield InlineExecutor()


@contextmanager
def _dask_executor(address: str) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError as error:
        raise ClusterError(address, "--dask-scheduler needs Dask: pip install 'reconcile[dask]'") from error
    import dask

    try:  # how long to try: Dask's own setting (distributed.comm.timeouts.connect, 30 s unless configured)
        client = Client(address, timeout=dask.config.get("distributed.comm.timeouts.connect"), set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterError(address, f"cannot reach the Dask scheduler ({error})") from error
    try:
        yield client.get_executor()
    finally:
        client.close()


TASKS = 16  # tasks a run's work is cut into for other processes: enough to keep every worker busy


def batch_size(count: int, executor: Executor, most: int | None = None) -> int:
    """Items per task: all of them in this process, else about TASKS tasks; never more than `most`.

    A small `most` keeps results (and progress) coming while the work goes on.
    """
    size = count if isinstance(executor, InlineExecutor) else count // TASKS
    return max(1, min(size, most) if most is not None else size)


def batches(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` cut into runs of at most `size`, in order."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def map_batches(
    executor: Executor,
    function: Callable[..., list[R]],
    items: Sequence[T],
    size: int,
    *args: Any,
    done: Callable[[int], None] | None = None,
) -> Iterable[list[R]]:
    """`function(batch, *args)` for every batch of `items`, results yielded in input order.

    Every batch is submitted before the first result is awaited, so all workers stay busy
    (in this process, batches run one after the other as results are asked for); `done(n)` is
    called as each batch's n results arrive.
    """
    if isinstance(executor, InlineExecutor):  # one batch at a time, so results (and progress) come as they are made
        for batch in batches(items, size):
            result = function(list(batch), *args)
            if done is not None:
                done(len(result))
            yield result
        return
    futures = [executor.submit(function, list(batch), *args) for batch in batches(items, size)]
    for future in futures:
        result = future.result()
        if done is not None:
            done(len(result))
        yield result
