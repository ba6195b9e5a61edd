"""Extraction + normalization in worker processes, results in input order.

The pipeline (hyoka/pipeline.py) keeps one writer; this module gives it
the documents' facts.  The interface is small so that another engine (a
Dask cluster) can stand in for the local process pool:

- :class:`Job`: one document to read (its path, printable name, SHA-256,
  table strategy), picklable;
- :func:`run_job` ``(job, limits) -> DocumentFacts``: what a worker runs
  for one job, anywhere (never raises for a bad document);
- an *executor*: any object with ``map(jobs) -> Iterator[(Job,
  DocumentFacts)]`` yielding every job exactly once, **in input order**
  (so the writer's supersession stays deterministic), and optionally
  ``reading() -> list[Job]`` (the jobs being read right now, for the
  progress display).  ``jobs`` may be a lazy iterator: executors consume
  it as they go, so the parent hashes later files while workers read
  earlier ones.  Here: :class:`ProcessExecutor` (N worker processes,
  pebble) and :class:`InProcessExecutor` (no isolation, for debugging and
  ``--workers 0``).

Isolation (:class:`ProcessExecutor`): each worker process has an address
space limit (RLIMIT_AS = ``Limits.max_memory_mb``), is replaced after
``Limits.max_tasks_per_child`` documents, and is killed when one document
takes longer than ``Limits.max_seconds``.  A document whose worker dies
(a segfault in a native library, the kernel's OOM killer) or is killed for
time comes back ``failed`` with the reason; the other documents go on.
``--workers 1`` isolates in the same way with one worker process.
Each worker reports its own peak resident set (``ru_maxrss``) with every
result: :attr:`ProcessExecutor.peak_rss_mib` (per worker process) is what
bench/archive.py prints as the peak RSS per worker.
Library choice: pebble's ProcessPool, because concurrent.futures'
ProcessPoolExecutor has neither a per-task timeout nor survives a worker's
death (every pending future fails with BrokenProcessPool).
"""
from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from hyoka.extract.limits import MB, Limits, cap_malloc_arenas
from hyoka.normalize.facts import DocumentFacts

#: Jobs handed to the pool ahead of the writer, per worker (ProcessExecutor.window).
WINDOW_PER_WORKER = 4


@dataclass(frozen=True)
class Job:
    """One document to extract and normalize.

    ``path``: the file (may hold surrogate escapes, see hyoka/paths.py);
    ``name``: its printable file name (v_documents.source_file); ``sha256``:
    the hex digest the parent computed; ``strategy``: the table strategy;
    ``index``: its position in the input (0-based); ``template_dirs``: the
    parent's user template folders (``--templates``), applied in the worker;
    ``ocr``: the OCR mode, auto | always | never (extract/ocr/source.py).
    """

    index: int
    path: Path
    name: str
    sha256: str
    strategy: str = "pdfplumber"
    template_dirs: tuple[str, ...] = ()
    ocr: str = "auto"


def _safe(s: str | None) -> str | None:
    """Text with surrogate escapes as ``\\xNN`` (valid UTF-8 for the database)."""
    return None if s is None else s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def run_job(job: Job, limits: Limits) -> DocumentFacts:
    """Extract and normalize ``job``'s file within ``limits`` (decompression,
    depth; memory and time are the calling process's).  Returns its
    :class:`DocumentFacts`, ``failed`` with a reason for a bad file (never
    raises for one); names and errors are valid UTF-8."""
    from hyoka.normalize.templates import registry
    from hyoka.pipeline import process_file
    want = tuple(Path(d) for d in job.template_dirs)
    if registry.template_dirs() != want:  # the environment's folders come first (registry.template_dirs)
        env = tuple(Path(d) for d in os.environ.get(registry.ENV_VAR, "").split(os.pathsep) if d.strip())
        registry.configure(want[len(env):] if want[:len(env)] == env else want)
    try:
        facts = process_file(job.path, job.strategy, job.sha256, limits=limits, ocr=job.ocr)
    except MemoryError:
        facts = DocumentFacts(job.name, job.sha256, status="failed",
                              error=f"{job.name}: out of memory: over the limit of {limits.max_memory_mb} MB "
                                    "(max_memory_mb)")
    facts.source_file = job.name
    facts.error = _safe(facts.error)
    return facts


def _measured(task: Callable[[Job, Limits], DocumentFacts], job: Job,
              limits: Limits) -> tuple[bytes, int, float, float, float]:
    """What a worker process runs per job: ``task(job, limits)`` pickled
    here, then this process's pid, its peak resident set so far in MiB
    (``ru_maxrss``, KiB on Linux, read after the document, so the peak
    covers it) and the task's start and end (``time.time()``, s).

    The facts are pickled in this function rather than by pebble when it
    sends the result: a document read just under the memory limit can run
    out of memory while its facts are pickled, and inside pebble that
    MemoryError kills the worker with a traceback on the user's terminal.
    Here it becomes the document's ``failed`` reason naming the limit.
    """
    start = time.time()
    facts = task(job, limits)
    try:
        blob = pickle.dumps(facts, pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        blob = None  # handled below, once the exception (and the pickler's buffer it holds) is gone
    facts = None  # only the pickle goes back: pebble copies it once more to send it
    if blob is None:
        gc.collect()  # the document's objects (pdfminer's caches hold cycles) before the short reason
        blob = pickle.dumps(DocumentFacts(
            job.name, job.sha256, status="failed",
            error=f"{job.name}: out of memory returning its facts to the writer: over the limit of "
                  f"{limits.max_memory_mb} MB (max_memory_mb)"))
    return blob, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, start, time.time()


def _init_worker(limits: Limits) -> None:
    """Worker start: cap the address space at ``limits.max_memory_mb`` (and
    glibc's malloc arenas, whose reservations would count against it:
    :func:`extract.limits.cap_malloc_arenas`)."""
    cap_malloc_arenas()
    cap = limits.max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _crash_reason(job: Job, exc: BaseException, limits: Limits) -> str:
    """The failed document's reason when its worker did not return."""
    if isinstance(exc, FutureTimeout):
        return (f"{job.name}: took longer than the wall-time limit of {limits.max_seconds:g} s (max_seconds); "
                "its worker was stopped")
    if isinstance(exc, ProcessExpired):
        code = exc.exitcode
        if code is not None and code < 0:
            sig = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            hint = " (killed: possibly over the memory limit)" if -code == signal.SIGKILL else ""
            return f"{job.name}: worker process crashed with signal {sig}{hint} while reading it"
        return (f"{job.name}: worker process exited with code {code} while reading it (possibly over the "
                f"memory limit of {limits.max_memory_mb} MB, max_memory_mb)")
    return f"{job.name}: worker error {type(exc).__name__}: {exc}"


def _main_imports() -> list[str]:
    """Modules to preload in the forkserver besides the stages: ``hyoka.cli``
    when this process runs it.  multiprocessing runs the main script again in
    every new worker (spawn's ``init_main_from_path``); for ``hyoka ingest``
    that script is ``from hyoka.cli import app``, the whole CLI (over a
    second per worker, again every ``max_tasks_per_child`` documents).
    Preloading ``"__main__"`` does not help on Python 3.11: the forkserver
    looks for the key ``main_path``, which the preparation data never has.
    With the CLI already imported in the server, the script's import is a
    lookup."""
    return ["hyoka.cli"] if "hyoka.cli" in sys.modules else []


class InProcessExecutor:
    """Runs every job in this process, in order: no memory or time limit
    (decompression and depth limits still apply).  ``task``: the function
    run per job (default :func:`run_job`)."""

    def __init__(self, limits: Limits | None = None, task: Callable[[Job, Limits], DocumentFacts] = run_job):
        self.limits = limits or Limits()
        self.task = task
        self._current: list[Job] = []

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, DocumentFacts]]:
        """Yield (job, facts) for each job, in input order."""
        for job in jobs:
            self._current = [job]
            facts = self.task(job, self.limits)
            self._current = []
            yield job, facts

    def reading(self) -> list[Job]:
        """The job being read (none between documents)."""
        return list(self._current)

    def close(self) -> None:
        """Nothing to release."""


class ProcessExecutor:
    """``workers`` worker processes (default: the number of cores) with the
    per-document isolation of the module docstring.

    ``task``: the picklable top-level function run per job (default
    :func:`run_job`).  ``window``: jobs handed to the pool ahead of the
    writer at most (default :data:`WINDOW_PER_WORKER` per worker), which
    bounds the facts waiting in the parent while a slow document holds up
    the input order.  After :meth:`map`, :attr:`peak_rss_mib` maps each
    worker process's pid to its peak RSS in MiB as it last reported (a
    worker that died reports nothing for its last document) and
    :attr:`spans` lists (worker pid, start, end) of every document read,
    in ``time.time()`` seconds (how busy the workers were).  Use as a
    context manager or call :meth:`close`.
    """

    def __init__(self, workers: int | None = None, limits: Limits | None = None,
                 task: Callable[[Job, Limits], DocumentFacts] = run_job, window: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.limits = limits or Limits()
        self.task = task
        self.window = window or WINDOW_PER_WORKER * self.workers
        self.peak_rss_mib: dict[int, float] = {}
        self.spans: list[tuple[int, float, float]] = []
        self._pending: collections.deque = collections.deque()
        ctx = multiprocessing.get_context("forkserver")
        # workers fork from a server that has imported the stages once: cheap replacement after max_tasks
        ctx.set_forkserver_preload(["hyoka.pipeline", "hyoka.workers", *_main_imports()])
        self._pool = ProcessPool(max_workers=self.workers, max_tasks=self.limits.max_tasks_per_child,
                                 initializer=_init_worker, initargs=(self.limits,), context=ctx)

    def _result(self, job: Job, future) -> DocumentFacts:  # noqa: ANN001 - pebble ProcessFuture
        try:
            blob, pid, rss, start, end = future.result()
        except Exception as exc:  # the worker died, was stopped for time, or could not return the facts
            return DocumentFacts(job.name, job.sha256, status="failed", error=_crash_reason(job, exc, self.limits))
        self.peak_rss_mib[pid] = max(rss, self.peak_rss_mib.get(pid, 0.0))
        self.spans.append((pid, start, end))
        return pickle.loads(blob)

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, DocumentFacts]]:
        """Yield (job, facts) for each job, in input order, while up to
        ``window`` later jobs are being read; ``jobs`` is consumed as the
        window moves on."""
        pending = self._pending
        for job in jobs:
            pending.append((job, self._pool.schedule(_measured, args=(self.task, job, self.limits),
                                                     timeout=self.limits.max_seconds)))
            if len(pending) >= self.window:
                j, f = pending.popleft()
                yield j, self._result(j, f)
        while pending:
            j, f = pending.popleft()
            yield j, self._result(j, f)

    def reading(self) -> list[Job]:
        """The jobs a worker has started and not returned yet, in input order."""
        return [j for j, f in self._pending if f.running()]

    def close(self) -> None:
        """Stop the workers (pending jobs are cancelled)."""
        self._pool.stop()
        self._pool.join()

    def __enter__(self) -> "ProcessExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def executor_for(workers: int | None, limits: Limits | None = None):  # noqa: ANN201 - either executor
    """The executor for ``--workers N``: N >= 1 (None: the number of cores)
    worker processes, 0 in this process without isolation."""
    if workers == 0:
        return InProcessExecutor(limits)
    return ProcessExecutor(workers, limits)
