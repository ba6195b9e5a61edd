"""Distributed ingest on Dask: each document one task, one writer here.

``hyoka ingest --dask ADDRESS`` (a running scheduler, ``tcp://host:8786``)
or ``--dask local`` (a :class:`distributed.LocalCluster` of one
single-threaded worker process per core) runs extraction and
normalization of every changed file as one Dask task
(:func:`hyoka.pipeline.process_file`, the serial path's own function) and
streams the results back as they complete (``as_completed``).  This
process stays the only writer: it hashes the files, skips the unchanged
ones with one indexed lookup, and records each result in its own
transaction **in input order** (results that arrive early wait in a
buffer), so supersession and load order are those of a serial run and the
warehouse is the same row for row (tests/test_distributed.py).

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
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from hyoka import __version__
from hyoka.load import Warehouse
from hyoka.load.series import relink
from hyoka.normalize.facts import DocumentFacts
from hyoka.pipeline import IngestResult, _digest, find_pdfs, process_file

#: ``--dask`` value that starts a LocalCluster on this machine.
LOCAL = "local"
#: Tasks kept in flight per worker thread: enough to keep workers busy
#: while results wait for their turn, few enough to bound the buffer.
IN_FLIGHT_PER_THREAD = 4


def _task(path: str, strategy: str, digest: str, template_dirs: tuple[str, ...]) -> DocumentFacts:
    """One document on a worker: the serial :func:`process_file`.

    ``template_dirs``: the submitting process's user template directories
    (``--templates`` and env ``HYOKA_TEMPLATES``), applied on the worker
    when its own differ, so both read with the same templates.  Returns
    :class:`DocumentFacts` (status ``failed`` for a bad file, never raises
    for one).
    """
    from hyoka.normalize.templates import registry

    want = tuple(Path(d) for d in template_dirs)
    if registry.template_dirs() != want:
        registry.configure(want)
    return process_file(Path(path), strategy, digest or None)


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


def ingest(paths: Iterable[str | Path], db_url: str, address: str, strategy: str = "pdfplumber",
           on_file: Callable[[Path, str], None] | None = None, reprocess: bool = False,
           n_workers: int | None = None) -> IngestResult:
    """Ingest ``paths`` like :func:`hyoka.pipeline.ingest`, extracting on Dask.

    Args: ``paths`` files or folders; ``db_url`` the warehouse (written
    only by this process); ``address`` a scheduler address or ``"local"``
    (see :func:`dask_client`; ``n_workers`` for a LocalCluster);
    ``strategy``, ``on_file(path, status)`` and ``reprocess`` as in the
    serial ingest.  A task that raises or whose worker dies (Dask's
    ``KilledWorker`` after its retries) is recorded ``failed`` with the
    reason, and the others go on.  Returns an :class:`IngestResult`.
    Raises FileNotFoundError for a missing path before anything is
    written, ValueError/OSError when the cluster cannot be used (the load
    is then recorded ``aborted``).
    """
    from distributed import as_completed

    from hyoka.normalize.templates.registry import template_dirs

    files = find_pdfs(paths)
    dirs = tuple(str(d) for d in template_dirs())
    with Warehouse.connect(db_url) as wh:
        load_id = wh.begin_load(__version__)
        statuses: dict[str, str] = {}
        try:
            digests = [_digest(p) for p in files]
            ready: dict[int, DocumentFacts] = {}
            todo: list[int] = []
            for i, (path, digest) in enumerate(zip(files, digests)):
                if not reprocess and digest and wh.is_loaded(digest):
                    ready[i] = DocumentFacts(path.name, digest)  # unchanged: not read again
                else:
                    todo.append(i)
            nxt = 0

            def write_ready() -> None:
                nonlocal nxt
                while nxt in ready:
                    path = files[nxt]
                    status = wh.record(load_id, ready.pop(nxt), source_path=str(path.resolve()),
                                       reprocess=reprocess, tool_version=__version__)
                    statuses[str(path)] = status
                    if on_file:
                        on_file(path, status)
                    nxt += 1

            write_ready()
            if todo:
                with dask_client(address, n_workers) as client:
                    window = max(1, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
                    pending = iter(todo)
                    index = {}

                    def submit(i: int):
                        fut = client.submit(_task, str(files[i].resolve()), strategy, digests[i], dirs,
                                            pure=False, key=f"hyoka-{load_id}-{i}")
                        index[fut.key] = i
                        return fut

                    ac = as_completed([submit(i) for _, i in zip(range(window), pending)])
                    for fut in ac:
                        i = index.pop(fut.key)
                        path = files[i]
                        try:
                            ready[i] = fut.result()
                        except Exception as e:  # worker died (KilledWorker) or the task raised
                            ready[i] = DocumentFacts(path.name, digests[i], status="failed",
                                                     error=f"{path.name}: worker error "
                                                           f"{type(e).__name__}: {e}")
                        fut.release()
                        nxt_i = next(pending, None)
                        if nxt_i is not None:
                            ac.add(submit(nxt_i))
                        write_ready()
            write_ready()
        except BaseException:
            wh.finish_load(load_id, "aborted")
            raise
        relink(wh)
        wh.finish_load(load_id, "finished")
        return IngestResult(load_id, statuses, wh.summary(load_id))
