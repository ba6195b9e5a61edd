"""Orchestration: run each file through extract -> normalize -> load.

Owns what the stages must not: finding the files, capturing every error
as a failed document (naming the file and page) so the other documents
go on, and reporting progress.  Each document is written in its own
transaction by :meth:`load.Warehouse.record`.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hyoka.extract import ExtractionError, extract_document, sha256_of
from hyoka import __version__
from hyoka.interrupt import interruptible
from hyoka.load import Warehouse
from hyoka.load.series import relink
from hyoka.normalize import normalize_document
from hyoka.normalize.facts import DocumentFacts

#: Tracebacks of extractor / normalizer bugs go to the log (``hyoka --log-file``), the run goes on.
_log = logging.getLogger(__name__)


def find_pdfs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named on the command line plus every ``*.pdf`` (any case)
    below named folders, sorted within each folder, duplicates removed.

    Raises FileNotFoundError naming a path that does not exist.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if not p.exists():
            raise FileNotFoundError(f"no such file or folder: {p}")
        found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf") if p.is_dir() else [p]
        for q in found:
            r = q.resolve()
            if r not in seen:
                seen.add(r)
                out.append(q)
    return out


def _digest(path: Path) -> str:
    """The file's hex SHA-256, '' when it cannot be read (the failure is reported by extract)."""
    try:
        return sha256_of(path)
    except OSError:
        return ""


def process_file(path: Path, strategy: str = "pdfplumber", sha256: str | None = None) -> DocumentFacts:
    """Extract and normalize one file; never raises for a bad file.

    ``sha256``: the file's hex SHA-256 if already computed.  Returns
    :class:`DocumentFacts`; a file that cannot be read comes back with
    status ``failed`` and an error naming the file (and page).
    """
    digest = sha256 if sha256 is not None else _digest(path)

    def failed(error: str) -> DocumentFacts:
        return DocumentFacts(path.name, digest, status="failed", error=error)

    try:
        doc = extract_document(path, strategy=strategy, sha256=digest or None)
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
           reprocess: bool = False) -> IngestResult:
    """Ingest ``paths`` (files or folders) into the warehouse at ``db_url``.

    ``on_file(path, status)`` is called after each file (for progress).
    ``reprocess``: extract files whose SHA-256 is already stored again and
    store the new extraction (it supersedes the earlier one; compare them
    with ``hyoka diff <old load id> <new load id>``); otherwise they are
    recorded ``unchanged`` without being read.  After the files, the
    indicator series are relinked (load/series.py) over the current facts.
    Returns an :class:`IngestResult`.  Raises FileNotFoundError for a
    missing path before anything is written.
    """
    files = find_pdfs(paths)
    with Warehouse.connect(db_url) as wh, interruptible(wh):  # a signal marks the load interrupted
        load_id = wh.begin_load(__version__)  # records pid/host; marks stale loads of gone processes
        statuses: dict[str, str] = {}
        try:
            for path in files:
                digest = _digest(path)  # hashed once: for the unchanged check and for extract
                if not reprocess and digest and wh.is_loaded(digest):
                    facts = DocumentFacts(path.name, digest)  # recorded unchanged, not read again
                else:
                    facts = process_file(path, strategy, digest)
                status = wh.record(load_id, facts, source_path=str(path.resolve()),
                                   reprocess=reprocess, tool_version=__version__)
                statuses[str(path)] = status
                if on_file:
                    on_file(path, status)
        except BaseException:
            wh.finish_load(load_id, "aborted")
            raise
        relink(wh)
        wh.finish_load(load_id, "finished")
        return IngestResult(load_id, statuses, wh.summary(load_id))
