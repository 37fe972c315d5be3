"""Lint many files over several processes, with the same results in the same order as one.

`run` takes the files `runner.expand` found and yields one outcome per file, in the
order given, whatever the number of processes. Small runs stay in this process:
starting workers costs about as much as linting `MIN_FILES` files, and a one-draft run
must not even import `multiprocessing`. Larger runs go to a process pool in chunks of
consecutive files. On Linux the workers are forked after this process has settled the
config and built the registry, and start with a copy of that `Session`; elsewhere they
are spawned and each builds its own from the picklable `Overrides`. A worker keeps its
session (compiled rules, caches) for every chunk it is given.

With --fix every file is written by exactly one process: a file named twice (or
reached by two paths) is fixed by the first, and the later mentions are handled in
this process after the first one's outcome has arrived, as --jobs 1 would.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from replylint.diagnostics import FileResult
from replylint.runner import Overrides, Session

# Below this many files one process is faster than starting a pool (measured on a
# 2-core machine: see benchmarks/README.md). REPLYLINT_PARALLEL_MIN_FILES overrides it.
MIN_FILES = 150
CHUNK_FILES = 64  # most files per task sent to a worker


class Job(NamedTuple):
    """What to do with each file."""

    fix: bool = False  # fix (or show fixes) instead of only linting
    unsafe: bool = False  # with fix: also the unsafe fixes
    write: bool = False  # with fix: write the fixed files


class Outcome(NamedTuple):
    result: FileResult
    patch: str | None = None  # with fix: the unified diff, None when nothing changed
    applied: int = 0  # with fix: the number of edits applied


Item = tuple[Path, str] | tuple[None, str]  # (path, display name), or (None, error message)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def min_files() -> int:
    try:
        return max(1, int(os.environ.get("REPLYLINT_PARALLEL_MIN_FILES", "")))
    except ValueError:
        return MIN_FILES


def process(session: Session, path: Path, display: str, job: Job) -> Outcome:
    """Lint or fix one file in this process."""
    if job.fix:
        result, patch, applied = session.fix_file(path, display, job.unsafe, job.write)
        return Outcome(result, patch, applied)
    return Outcome(session.lint_file(path, display))


def run(
    items: Iterable[Item], session: Session, job: Job, jobs: int = 1
) -> Iterator[tuple[Path | None, str, Outcome | None]]:
    """(path, display, outcome) per item, in order; the outcome is None for an item that is an error."""
    items = list(items)
    count = sum(1 for path, _ in items if path is not None)
    workers = min(jobs, count)
    if workers <= 1 or count < min_files():
        for path, display in items:
            yield path, display, None if path is None else process(session, path, display, job)
        return
    yield from _pooled(items, session, job, workers)


def _pooled(
    items: Sequence[Item], session: Session, job: Job, workers: int
) -> Iterator[tuple[Path | None, str, Outcome | None]]:
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    local = _local(items, job)
    remote = [i for i, (path, _) in enumerate(items) if path is not None and i not in local]
    size = max(1, min(CHUNK_FILES, -(-len(remote) // (workers * 4))))
    chunks = [remote[n : n + size] for n in range(0, len(remote), size)]
    context = _context()
    # Settle the config and build the registry here: forked workers start with a copy of this
    # process (rather than build it once in each), and a plugin that failed to load is this
    # process's to report.
    if remote:
        _warm(session, items[remote[0]][0])  # type: ignore[arg-type]
    if context.get_start_method() == "fork":
        setup: Session | Overrides = session
    else:
        setup = session.overrides  # pickled: each worker builds its own session
    pool = ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(setup,))
    try:
        futures: list[Future[list[Outcome]] | None] = [
            pool.submit(_work, [(str(items[i][0]), items[i][1]) for i in chunk], job) for chunk in chunks
        ]
        done: dict[int, Outcome] = {}
        next_chunk = 0
        for index, (path, display) in enumerate(items):
            if path is None:
                yield path, display, None
                continue
            if index in local:
                yield path, display, process(session, path, display, job)
                continue
            if index not in done:
                chunk = chunks[next_chunk]
                future, futures[next_chunk] = futures[next_chunk], None  # keep each outcome only once
                try:
                    outcomes = future.result()  # type: ignore[union-attr]
                except BrokenProcessPool:  # a worker died (killed, out of memory): go on in this process
                    outcomes = [process(session, items[i][0], items[i][1], job) for i in chunk]  # type: ignore[arg-type]
                done.update(zip(chunk, outcomes, strict=True))
                next_chunk += 1
            yield path, display, done.pop(index)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _local(items: Sequence[Item], job: Job) -> set[int]:
    """Items handled in this process: stdin, and (when writing fixes) later mentions of a file."""
    local = {i for i, (path, display) in enumerate(items) if path is not None and display == "<stdin>"}
    if job.fix and job.write:
        seen: set[tuple[int, int]] = set()
        for i, (path, _) in enumerate(items):
            if path is None or i in local:
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue  # reported when it is read
            key = (stat.st_dev, stat.st_ino)
            if key in seen:
                local.add(i)
            seen.add(key)
    return local


def _context() -> Any:
    import multiprocessing

    # fork starts a worker in about a millisecond with replylint already imported; elsewhere
    # (macOS, Windows) the platform's default start method.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


_worker: dict[str, Session] = {}  # the session of a worker process, made once by _start_worker


def _warm(session: Session, path: Path) -> None:
    from replylint.runner import SetupError

    try:
        settings = session.settings_for(path)
        session.active_rules(settings, session.registry_for(settings), path)
    except SetupError:
        pass  # reported for each file it concerns


def _start_worker(setup: Session | Overrides) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker["session"] = setup if isinstance(setup, Session) else Session(setup)
    from multiprocessing.util import Finalize

    from replylint import recache

    Finalize(None, recache.flush, exitpriority=0)  # keep the patterns this worker compiled


def _work(chunk: list[tuple[str, str]], job: Job) -> list[Outcome]:
    session = _worker["session"]
    return [process(session, Path(path), display, job) for path, display in chunk]
