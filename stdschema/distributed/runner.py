"""Check many sources on one machine's processes (``--jobs``) or on Dask (``--dask``).

:func:`iter_source_reports` yields one :class:`~stdschema.report.model.FileReport` a source,
in input order, whatever runs them: the same report as a single process gives. A bounded
window of sources is in flight, so memory does not grow with the number of files. A source
that cannot be checked, for whatever reason, is reported unreadable and the run goes on.

:func:`run_in_order` is the machinery under it: any picklable task over items, in order,
in this process, ``jobs`` processes or on Dask; ``catalog validate`` runs its resources
through it too.

A source is a name (a local path, or a URL that remote inputs resolve): ``resolve``
turns a name into a context manager giving a local path for the time of the check, and the
report still calls the file by its name. On Dask, ``resolve`` runs on the worker (URLs are
fetched where they are checked), so it must be picklable: a module-level function or a
:func:`functools.partial` of one.
"""

from __future__ import annotations

import os
import re
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from stdschema.messages import CatalogueError, Lang, t

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from distributed import Client

    from stdschema.report.model import FileReport
    from stdschema.validation import Options, Progress

T = TypeVar("T")
R = TypeVar("R")

Resolve = Callable[[str], AbstractContextManager[str | os.PathLike[str]]]
"""A source's name → a context manager giving a local path to check while it is open."""

CONNECT_SECONDS = 5
"""How long to wait for a ``tcp://`` scheduler before giving up (one line, exit 2)."""

WINDOW_PER_WORKER = 32
"""Sources in flight a worker. Reports are handed back in input order, so a slow file holds
back the ones after it: with 2 a worker, 400 real files of mixed sizes ran 1.5x slower on
two processes (workers idle behind the slow one). A waiting report is small (its problems,
not the file), so memory stays bounded however many files the run has."""

TASK_RETRIES = 2
"""Dask re-runs a task this many times when it raises (a worker that dies is handled by
the scheduler itself: its tasks go to another worker)."""

_ADDRESS = re.compile(r"(?:tcp|tls)://[^\s/]+:\d{1,5}")
_LOCAL = re.compile(r"local(?::(\d{1,4}))?")
_SPACE = re.compile(r"\s+")


class RunnerError(CatalogueError):
    """A ``--dask`` target that cannot be used (bad address, no Dask, no scheduler)."""


@dataclass(frozen=True, slots=True)
class DaskTarget:
    """Where ``--dask`` runs: a new local cluster of ``workers`` processes (``None``: one a
    CPU), or the scheduler at ``address``."""

    address: str | None = None
    workers: int | None = None

    @property
    def local(self) -> bool:
        return self.address is None


def parse_dask(text: str) -> DaskTarget:
    """``local``, ``local:N`` or ``tcp://HOST:PORT`` (``tls://`` too) as a target; raises
    :class:`RunnerError` for anything else."""
    value = text.strip()
    local = _LOCAL.fullmatch(value)
    if local is not None:
        workers = None if local.group(1) is None else int(local.group(1))
        if workers == 0:
            raise RunnerError("runner.dask_address", value=text)
        return DaskTarget(workers=workers)
    if _ADDRESS.fullmatch(value) and 0 < int(value.rpartition(":")[2]) < 65536:
        return DaskTarget(address=value)
    raise RunnerError("runner.dask_address", value=text)


def check_source(
    source: str,
    options: Options,
    resolve: Resolve | None = None,
    progress: Progress | None = None,
) -> FileReport:
    """The report of one source; never raises an :class:`Exception`: a source that cannot
    be read or checked is reported unreadable, with a one-line message in the run's
    language and the error's ``code`` when it has one (``fetch-failed``, ``encoding-error``…).
    This is the task a worker runs."""
    from stdschema.io import InputError
    from stdschema.validation import unreadable, validate_file

    lang = options.lang
    try:
        if resolve is None:
            return validate_file(source, options, progress)
        with resolve(source) as local:
            path = os.fspath(local)
            # The report calls the file by its source name (a URL), not the temporary copy.
            name = None if path == source else source
            return validate_file(path, options, progress, name=name)
    except InputError as exc:
        return unreadable(source, exc.message_in(lang), exc.code)
    except Exception as exc:  # one source must never stop the run
        return unreadable(source, _message(exc, lang), _code(exc, "check-failed"))


def _message(exc: BaseException, lang: Lang) -> str:
    """One line saying what went wrong, in ``lang`` (the report's entry names the source)."""
    if isinstance(exc, CatalogueError):
        text = exc.message_in(lang)
    else:
        text = t("runner.failed", lang, kind=type(exc).__name__, error=str(exc) or "-")
    return _SPACE.sub(" ", text).strip()


def _code(exc: BaseException, default: str) -> str:
    code = getattr(exc, "code", None)
    return code if isinstance(code, str) and code else default


def iter_source_reports(
    sources: Iterable[str | os.PathLike[str]],
    options: Options,
    *,
    jobs: int = 1,
    dask: str | DaskTarget | Client | None = None,
    progress: Progress | None = None,
    resolve: Resolve | None = None,
) -> Generator[FileReport, None, None]:
    """Each source's report, in input order, each source exactly once.

    ``jobs`` > 1 checks sources in that many processes; ``dask`` (``"local"``,
    ``"local:N"``, ``"tcp://HOST:PORT"``, a :class:`DaskTarget` or a connected
    ``distributed.Client``) checks them on Dask instead. A cluster or client this function
    starts is closed when the iteration ends, fails or is closed early; a ``Client`` given
    is left open. ``progress`` (rows so far) is called for sources checked in this process
    only. Raises :class:`RunnerError` when the Dask target cannot be used.
    """
    names = (os.fspath(s) for s in sources)
    if dask is None and jobs <= 1:
        for name in names:
            yield check_source(name, options, resolve, progress)
        return
    task = partial(check_source, options=options, resolve=resolve)
    lost = partial(_lost_source, lang=options.lang)
    yield from run_in_order(names, task, lost, jobs=jobs, dask=dask)


def _lost_source(name: str, error: str, lang: Lang) -> FileReport:
    from stdschema.validation import unreadable

    return unreadable(name, t("runner.worker_lost", lang, error=error), "worker-lost")


def run_in_order(
    items: Iterable[T],
    task: Callable[[T], R],
    lost: Callable[[T, str], R],
    *,
    jobs: int = 1,
    dask: str | DaskTarget | Client | None = None,
) -> Iterator[R]:
    """``task(item)`` for each item, in input order, each item exactly once: in this
    process, in ``jobs`` processes or on ``dask``, with a bounded window in flight. An item
    whose task cannot finish (its process or worker died, more often than allowed) gives
    ``lost(item, error)`` and the run goes on. ``task`` must be picklable (a module-level
    function or a :func:`functools.partial` of one) and must not raise for bad input: it
    reports it. ``validate`` and ``catalog validate`` both run through this."""
    pending = iter(items)
    if dask is not None:
        yield from _on_dask(pending, task, lost, dask)
    elif jobs > 1:
        yield from _on_processes(pending, task, lost, jobs)
    else:
        yield from (task(item) for item in pending)


def _on_processes(
    items: Iterator[T], task: Callable[[T], R], lost: Callable[[T, str], R], jobs: int
) -> Iterator[R]:
    first = next(items, None)  # an item is never None (a name, a job)
    if first is None:
        return
    second = next(items, None)
    if second is None:  # one item: no pool to start
        yield task(first)
        return
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    pending = _chain(first, second, items)
    pool = _Processes(jobs, task, lost)
    # Finished results wait for the slowest earlier item; the window keeps them from
    # piling up behind it. A slot holds an item's future, or its result once known.
    window: deque[list[Any]] = deque()
    try:
        for item in pending:
            window.append([item, pool.submit(item)])
            if len(window) >= WINDOW_PER_WORKER * jobs:
                break
        while window:
            item, held = window[0]
            if isinstance(held, Future):
                try:
                    held = held.result()
                except BrokenProcessPool:
                    # A process died (a crash, the out-of-memory killer) and took the pool
                    # with it: check what was in flight again, one source at a time, so
                    # that only the source that kills its process is reported lost.
                    pool.restart()
                    for slot in window:
                        slot[1] = pool.alone(slot[0], slot[1])
                    continue
            window.popleft()
            for more in pending:
                window.append([more, pool.submit(more)])
                break
            yield held
    finally:
        pool.close()


class _Processes(Generic[T, R]):
    """The process pool of ``--jobs``, replaced when one of its processes dies."""

    def __init__(self, jobs: int, task: Callable[[T], R], lost: Callable[[T, str], R]) -> None:
        self._jobs = jobs
        self._pool = self._make()
        self._task = task
        self._lost = lost

    def _make(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=self._jobs)

    def submit(self, item: T) -> Future[R]:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool.submit(self._task, item)
        except BrokenProcessPool as exc:
            # Broken since the last result: the window's loop restarts the pool when it
            # reaches this future, as for the ones in flight.
            broken: Future[R] = Future()
            broken.set_exception(exc)
            return broken

    def restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._make()

    def alone(self, item: T, held: Any) -> R:
        """``item``'s result: the one ``held`` when its task finished before the pool
        broke, else from a run of this item alone (lost if that kills a process too)."""
        from concurrent.futures import Future

        if not isinstance(held, Future):
            done: R = held
            return done
        if held.done() and not held.cancelled() and held.exception() is None:
            finished: R = held.result()
            return finished
        result, was_lost = _result(self.submit(item), item, self._lost)
        if was_lost:
            self.restart()
        return result

    def close(self) -> None:
        # Sources not started are dropped at once (a run ended early, an interrupt).
        self._pool.shutdown(wait=True, cancel_futures=True)


def _chain(first: T, second: T, rest: Iterator[T]) -> Iterator[T]:
    yield first
    yield second
    yield from rest


def _result(future: Any, item: T, lost: Callable[[T, str], R]) -> tuple[R, bool]:
    """A future's result, and whether it was lost: a task that could not finish (its
    process or worker died more often than allowed, it was cancelled) is ``lost(item, …)``."""
    try:
        result: R = future.result()
    except Exception as exc:  # one item must never stop the run
        # The first sentence: Dask's KilledWorker goes on about logs and a web page.
        first = _SPACE.sub(" ", str(exc)).strip().split(". ")[0]
        error = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
        return lost(item, error), True
    return result, False


def _on_dask(
    items: Iterator[T],
    task: Callable[[T], R],
    lost: Callable[[T, str], R],
    dask: str | DaskTarget | Client,
) -> Iterator[R]:
    if isinstance(dask, str | DaskTarget):
        with dask_client(dask) as client:
            yield from _on_client(items, task, lost, client)
    else:
        yield from _on_client(items, task, lost, dask)


def _on_client(
    items: Iterator[T], task: Callable[[T], R], lost: Callable[[T, str], R], connected: Client
) -> Iterator[R]:
    client: Any = connected  # distributed is not typed
    threads = sum(client.nthreads().values()) or 1
    # A task's round trip through the scheduler costs milliseconds, and workers may join
    # while the run goes on: at least a window's worth of tasks even on a small cluster.
    size = WINDOW_PER_WORKER * max(2, threads)
    window: deque[tuple[T, Any]] = deque()

    def submit(item: T) -> None:
        window.append((item, client.submit(task, item, pure=False, retries=TASK_RETRIES)))

    try:
        for item in items:
            submit(item)
            if len(window) >= size:
                break
        while window:
            item, future = window.popleft()
            result, was_lost = _result(future, item, lost)
            future.release()
            if was_lost:
                # A task waiting on a worker dies with it: one beside an item that kills
                # its workers fails too. Once more on its own before it is called lost.
                future = client.submit(task, item, pure=False)
                result, _ = _result(future, item, lost)
                future.release()
            for more in items:
                submit(more)
                break
            yield result
    finally:
        if window:
            client.cancel([future for _, future in window])


@contextmanager
def dask_client(target: str | DaskTarget) -> Iterator[Client]:
    """A client of ``target``: a new ``LocalCluster`` (processes, one thread each), closed
    at the end, or the scheduler at its address (waiting :data:`CONNECT_SECONDS` at most).
    Raises :class:`RunnerError` when Dask is not installed or the target cannot be used."""
    if isinstance(target, str):
        target = parse_dask(target)
    import logging

    try:
        import distributed
    except ImportError:
        raise RunnerError("runner.dask_missing") from None
    dask_api: Any = distributed  # not typed
    if target.address is not None:
        try:
            client = dask_api.Client(
                target.address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False
            )
        except (OSError, TimeoutError, ValueError) as exc:
            raise RunnerError(
                "runner.dask_unreachable",
                address=target.address,
                error=_SPACE.sub(" ", str(exc) or type(exc).__name__).strip(),
            ) from None
        with client:
            try:
                # A scheduler without workers would take the tasks and never run them.
                client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError):
                raise RunnerError(
                    "runner.dask_no_workers", address=target.address, seconds=CONNECT_SECONDS
                ) from None
            yield client
        return
    try:
        with warnings.catch_warnings():
            # The scheduler's HTTP endpoint moves to a free port when 8787 is taken (another
            # run): nothing for the user to act on.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = dask_api.LocalCluster(
                n_workers=target.workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,  # a run needs no web page
                silence_logs=logging.ERROR,
            )
    except Exception as exc:  # any start failure is one line
        error = _SPACE.sub(" ", f"{type(exc).__name__}: {exc}").strip()
        raise RunnerError("runner.dask_start_failed", error=error) from None
    with cluster, dask_api.Client(cluster, set_as_default=False) as client:
        yield client
