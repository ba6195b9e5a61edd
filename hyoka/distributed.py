"""Distributed ingest on Dask: each document one task, one writer here.

``hyoka ingest --dask ADDRESS`` (a running scheduler, ``tcp://host:8786``)
or ``--dask local`` (a :class:`distributed.LocalCluster` of one
single-threaded worker process per core) runs extraction and
normalization of every changed file as one Dask task
(:func:`hyoka.workers.run_job`, the task of the worker processes, with the
same per-document limits and template folders) and streams the results back
as they complete (``as_completed``).  :class:`DaskExecutor` is one more
executor of :func:`hyoka.pipeline.ingest` (hyoka/workers.py's interface:
``map(jobs)`` yields ``(Job, DocumentFacts)`` in input order), so the walk,
the hashing, the unchanged check, the single writer recording each result in
its own transaction in input order, signals and relink are the serial
path's own: the warehouse is the same row for row (tests/test_distributed.py).
The cluster is started only when some file needs reading, so a re-scan of an
unchanged archive never starts one.

Why Dask rather than Ray: the tasks are plain Python functions on paths
returning picklable dataclasses, with no shared state or actors; Dask's
``distributed`` is pure Python on pip (no separate runtime or object
store), its ``LocalCluster`` gives the same code on one machine and on a
cluster, and its scheduler addresses (``dask scheduler`` / ``dask worker``,
dask-jobqueue on SLURM/PBS, dask-kubernetes) are the ones research
computing already runs.  Nothing here needs Ray's actors or GPU placement.

Workers read the files by path: on a cluster, give paths that every worker
sees at the same place (a shared or network filesystem), and give
``--db`` a PostgreSQL URL when several machines (or later loads) must
share the warehouse; only this process connects to it.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from hyoka.extract.limits import Limits
from hyoka.normalize.facts import DocumentFacts
from hyoka.pipeline import IngestResult, ingest as pipeline_ingest
from hyoka.workers import Job, run_job

#: ``--dask`` value that starts a LocalCluster on this machine.
LOCAL = "local"
#: Tasks kept in flight per worker thread: enough to keep workers busy
#: while results wait for their turn, few enough to bound the buffer.
IN_FLIGHT_PER_THREAD = 4


@contextmanager
def dask_client(address: str, n_workers: int | None = None):
    """A ``distributed.Client`` for ``address`` (closed on exit).

    ``address``: a scheduler address (``tcp://host:8786``) or
    :data:`LOCAL` for a LocalCluster of ``n_workers`` (default: the
    number of cores) single-threaded worker processes.  Raises
    ValueError for an empty address and OSError (from distributed) when
    the scheduler cannot be reached.
    """
    from distributed import Client, LocalCluster

    if not address:
        raise ValueError("--dask needs a scheduler address (tcp://host:8786) or 'local'")
    if address == LOCAL:
        cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
    else:
        with Client(address, timeout="5s") as client:
            yield client


class DaskExecutor:
    """Runs :func:`hyoka.workers.run_job` per job on a Dask cluster.

    ``address``/``n_workers`` as in :func:`dask_client`, connected on the
    first :meth:`map` (never when nothing needs reading); ``limits`` the
    per-document limits handed to every task (decompression, depth; a task
    over Python's memory raises MemoryError inside run_job and is recorded
    failed; memory and time caps of whole workers are Dask's own
    ``--memory-limit`` and nanny).  A task whose worker dies (Dask's
    ``KilledWorker`` after its retries) or that raises comes back
    ``failed`` with the reason.  Call :meth:`close` when done.
    """

    def __init__(self, address: str, n_workers: int | None = None, limits: Limits | None = None):
        self.address, self.n_workers = address, n_workers
        self.limits = limits or Limits()
        self._stack = ExitStack()
        self._client = None
        self._index: dict[str, Job] = {}

    def map(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, DocumentFacts]]:
        """Yield (job, facts) for each job in input order, with at most
        IN_FLIGHT_PER_THREAD tasks per worker thread submitted ahead."""
        from distributed import as_completed

        jobs = list(jobs)
        if not jobs:
            return
        if self._client is None:
            self._client = self._stack.enter_context(dask_client(self.address, self.n_workers))
        threads = sum(self._client.nthreads().values()) or 1
        pending = iter(jobs)
        ready: dict[int, DocumentFacts] = {}
        index = self._index

        def submit(job: Job):  # noqa: ANN202 - a distributed.Future
            fut = self._client.submit(run_job, job, self.limits, pure=False)
            index[fut.key] = job
            return fut

        ac = as_completed([submit(j) for _, j in zip(range(IN_FLIGHT_PER_THREAD * threads), pending)])
        nxt = 0
        for fut in ac:
            job = index.pop(fut.key)
            try:
                ready[job.index] = fut.result()
            except Exception as e:  # worker died (KilledWorker) or the task raised
                ready[job.index] = DocumentFacts(job.name, job.sha256, status="failed",
                                                 error=f"{job.name}: worker error {type(e).__name__}: {e}")
            fut.release()
            follow = next(pending, None)
            if follow is not None:
                ac.add(submit(follow))
            while nxt < len(jobs) and jobs[nxt].index in ready:
                yield jobs[nxt], ready.pop(jobs[nxt].index)
                nxt += 1

    def reading(self) -> list[Job]:
        """The jobs submitted to the cluster whose results have not come back
        (running or queued on a worker: the client does not see which), in
        input order."""
        return sorted(self._index.values(), key=lambda j: j.index)

    def close(self) -> None:
        """Close the client (and a LocalCluster this executor started)."""
        self._stack.close()
        self._client = None


def ingest(paths: Iterable[str | Path], db_url: str, address: str, n_workers: int | None = None,
           limits: Limits | None = None, **kwargs) -> IngestResult:
    """:func:`hyoka.pipeline.ingest` with documents read on Dask.

    Args: ``paths``, ``db_url`` and ``kwargs`` (``strategy``, ``on_file``,
    ``reprocess``) as there; ``address`` a scheduler address or ``"local"``
    (``n_workers`` for a LocalCluster); ``limits`` per document.  Returns
    an :class:`IngestResult`.  Raises FileNotFoundError for a missing path
    before anything is written, ValueError/OSError when the cluster cannot
    be used (the load is then recorded ``aborted``).
    """
    executor = DaskExecutor(address, n_workers, limits)
    try:
        return pipeline_ingest(paths, db_url, executor=executor, limits=limits, **kwargs)
    finally:
        executor.close()
