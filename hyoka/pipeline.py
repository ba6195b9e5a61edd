"""Orchestration: run each file through extract -> normalize -> load.

Owns what the stages must not: finding the files, capturing every error
as a failed document (naming the file and page) so the other documents
go on, and reporting progress.  Each document is written in its own
transaction by :meth:`load.Warehouse.record`.
"""
from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hyoka.extract import ExtractionError, extract_document, sha256_of
from hyoka import __version__
from hyoka.extract.limits import Limits
from hyoka.normalize import normalize_document
from hyoka.normalize.facts import DocumentFacts
from hyoka.paths import Entry, safe_text, walk
from hyoka.workers import Job, executor_for

#: Tracebacks of extractor / normalizer bugs go to the log (``hyoka --log-file``), the run goes on.
_log = logging.getLogger(__name__)


def find_pdfs(paths: Iterable[str | Path]) -> list[Path]:
    """Every path an ingest of ``paths`` meets (see :func:`hyoka.paths.walk`):
    files named on the command line, every ``*.pdf`` (any case) below named
    folders in sorted order, duplicates removed; FIFOs, devices and broken
    links are included (they are recorded failed, never opened).

    Raises FileNotFoundError naming a path that does not exist.
    """
    return [e.path for e in walk(paths)]


def _digest(path: Path) -> str:
    """The file's hex SHA-256, '' when it cannot be read or is not a regular
    file (a FIFO is never opened; the failure is reported by :func:`process_file`)."""
    if Entry.of(path).problem:
        return ""
    try:
        return sha256_of(path)
    except OSError:
        return ""


def process_file(path: Path, strategy: str = "pdfplumber", sha256: str | None = None,
                 limits: Limits | None = None, ocr: str = "auto") -> DocumentFacts:
    """Extract and normalize one file; never raises for a bad file.

    ``sha256``: the file's hex SHA-256 if already computed; ``limits``: the
    per-document limits (default: from the environment, see
    :class:`extract.limits.Limits`; wall time and memory apply only in a
    worker process, hyoka/workers.py); ``ocr``: auto | always | never, which
    pages are read by OCR (extract/ocr/source.py).  Returns :class:`DocumentFacts`; a
    file that cannot be read comes back with status ``failed`` and an error
    naming the file (and page): not a regular file, unreadable, not a PDF,
    over a limit, a parser failure.
    """
    entry = Entry.of(path)

    def failed(error: str) -> DocumentFacts:
        return DocumentFacts(entry.name, digest, status="failed", error=error)

    digest = sha256 or ""
    if entry.problem:
        return failed(f"{entry.name}: {entry.problem}")
    if not digest:
        try:
            digest = sha256_of(path)
        except OSError as e:
            return failed(f"{entry.name}: cannot read file: {e.strerror or e}")
    try:
        doc = extract_document(path, strategy=strategy, sha256=digest or None, limits=limits, ocr=ocr)
    except ExtractionError as e:
        return failed(str(e))
    except Exception as e:  # an extractor bug must not stop the run
        _log.exception("%s: extraction error (a bug in hyoka; the document is recorded failed)", path)
        return failed(f"{path.name}: extraction error {type(e).__name__}: {e}")
    try:
        return normalize_document(doc)
    except Exception as e:
        _log.exception("%s: normalize error (a bug in hyoka; the document is recorded failed)", path)
        where = traceback.extract_tb(e.__traceback__)[-1]
        return failed(f"{path.name}: normalize error {type(e).__name__}: {e} "
                      f"({Path(where.filename).name}:{where.lineno})")


@dataclass
class IngestResult:
    """What one ``ingest`` run did: its load id, per-file statuses and the
    warehouse's summary of the load (see :meth:`load.Warehouse.summary`)."""

    load_id: str
    statuses: dict[str, str]
    summary: dict


def ingest(paths: Iterable[str | Path], db_url: str, strategy: str = "pdfplumber",
           on_file: Callable[[Path, str], None] | None = None,
           reprocess: bool = False, workers: int = 0, limits: Limits | None = None,
           executor=None, ocr: str = "auto",  # noqa: ANN001 - executor: any object with map(jobs)
           on_reading: Callable[[list[Path]], None] | None = None) -> IngestResult:
    """Ingest ``paths`` (files or folders, or the :class:`hyoka.paths.Entry`
    list :func:`hyoka.paths.walk` made of them) into the warehouse at ``db_url``.

    ``on_file(path, status)`` is called after each file (for progress);
    ``on_reading(paths)`` after each file too, with the files workers are
    reading at that moment, in input order (when the executor tells:
    ``reading()``, hyoka/workers.py).
    ``reprocess``: extract files whose SHA-256 is already stored again and
    store the new extraction (it supersedes the earlier one; compare them
    with ``hyoka diff <old load id> <new load id>``); otherwise they are
    recorded ``unchanged`` without being read.  ``workers``: extract and
    normalize in that many worker processes, each document within
    ``limits`` (hyoka/workers.py; ``hyoka ingest`` defaults to the number
    of cores); 0 (the default of this function) reads in this process,
    without the memory and time limits.  ``executor``: an object with
    ``map(jobs) -> iterator of (Job, DocumentFacts) in input order``
    (see hyoka/workers.py) to use instead.  Every path met is recorded
    (hyoka/paths.py): FIFOs, devices and broken links ``failed`` unread,
    unreadable files ``failed`` with the OS's reason.  Documents are
    written by this process only, one transaction each, in input order;
    files are hashed as the executor asks for work, so workers start
    reading while later files are still being hashed and looked up (the
    pool or cluster starts only when some file needs reading).
    ``ocr``: auto | always | never, which pages are read by OCR
    (extract/ocr/source.py; README: Scanned sheets).
    After the files, the indicator series are relinked (load/series.py)
    over the current facts and, when a document was loaded, the planner's
    statistics refreshed (``Warehouse.refresh_statistics``).  Returns an :class:`IngestResult`.  Raises
    FileNotFoundError for a missing path before anything is written.
    """
    # the warehouse side is imported here, not at module level: worker processes import this
    # module for process_file (hyoka/workers.py) and never write, so they skip SQLAlchemy's import
    from hyoka.interrupt import interruptible
    from hyoka.load import Warehouse
    from hyoka.load.series import relink
    from hyoka.normalize.templates.registry import template_dirs

    paths = list(paths)
    # Entries already walked (the CLI walks once to size its progress bar) are used as they are.
    entries = paths if paths and all(isinstance(p, Entry) for p in paths) else walk(paths)
    limits = limits or Limits()
    dirs = tuple(str(d) for d in template_dirs())
    with Warehouse.connect(db_url) as wh, interruptible(wh):  # a signal marks the load interrupted
        load_id = wh.begin_load(__version__)  # records pid/host; marks stale loads of gone processes
        statuses: dict[str, str] = {}

        def write(entry: Entry, facts: DocumentFacts) -> None:
            status = wh.record(load_id, facts, source_path=entry.text, source_path_hex=entry.raw_hex,
                               reprocess=reprocess, tool_version=__version__)
            statuses[safe_text(str(entry.path))] = status
            if on_file:
                on_file(entry.path, status)

        known: dict[int, DocumentFacts] = {}  # facts settled without reading: failed unread, unchanged
        read_here: set[str] = set()  # contents this load reads (their documents rows are written by it)

        def jobs() -> Iterator[Job]:
            """The files to read, hashed and looked up as the executor asks
            for them; the others go to ``known``."""
            for i, entry in enumerate(entries):
                if entry.problem:
                    known[i] = DocumentFacts(entry.name, "", status="failed", error=f"{entry.name}: {entry.problem}")
                    continue
                try:
                    digest = sha256_of(entry.path)  # hashed once: for the unchanged check and for extract
                except OSError as e:
                    known[i] = DocumentFacts(entry.name, "", status="failed",
                                             error=f"{entry.name}: cannot read file: {e.strerror or e}")
                    continue
                # a content this load reads is read again for a later copy (recorded unchanged by
                # record), whether or not the first copy is written yet: the same as checking every
                # file before writing any, whatever the timing
                if not reprocess and digest not in read_here and wh.is_loaded(digest):
                    known[i] = DocumentFacts(entry.name, digest)  # recorded unchanged, not read again
                else:
                    read_here.add(digest)
                    yield Job(i, entry.path, entry.name, digest, strategy, dirs, ocr)

        own = None
        try:
            nxt = 0
            todo = jobs()
            first = next(todo, None)
            if first is not None:
                if executor is None:
                    executor = own = executor_for(workers, limits)
                now_reading = getattr(executor, "reading", None) if on_reading else None
                for job, facts in executor.map(itertools.chain([first], todo)):
                    for j in range(nxt, job.index):
                        write(entries[j], known.pop(j))
                    write(entries[job.index], facts)
                    nxt = job.index + 1
                    if now_reading is not None:
                        on_reading([j.path for j in now_reading()])
            for j in range(nxt, len(entries)):
                write(entries[j], known.pop(j))
        except BaseException:
            wh.finish_load(load_id, "aborted")
            raise
        finally:
            if own is not None:
                own.close()
        relink(wh, load_id=load_id)  # only the series groups this load touched (load/series.py)
        if any(status == "loaded" for status in statuses.values()):
            wh.refresh_statistics()  # the planner's view of the new size (SQLite)
        wh.finish_load(load_id, "finished")
        return IngestResult(load_id, statuses, wh.summary(load_id))
