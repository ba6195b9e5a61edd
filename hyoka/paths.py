"""The walk: what an ingest meets on the command line and below its folders.

Every path met becomes an :class:`Entry`, in a deterministic order: the
paths as named, each folder's ``*.pdf`` files (any case, at any depth)
sorted by their path components (as ``sorted(folder.rglob(...))`` did).  An entry that cannot be read as a file
(a FIFO, a device, a socket, a dangling symbolic link, a link loop) carries
a ``problem`` and is recorded ``failed`` with it without being opened --
so a FIFO never blocks the run.  A folder that loops back (a symbolic link
to an ancestor) or cannot be listed is skipped with a warning.  The same
file reached twice (by a link, or named twice) is kept once.

Names that are not UTF-8 (a Shift_JIS archive unpacked on Linux) come
back from the OS with surrogate escapes (PEP 383); :attr:`Entry.text` is a
printable UTF-8 form (undecodable bytes as ``\\xNN``) and
:attr:`Entry.raw_hex` the exact bytes in hex, so the warehouse keeps the
name losslessly (load_documents.source_path / source_path_hex).
"""
from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

#: File kinds by stat mode, for the "not a regular file" reason.
_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
          (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder"))


def safe_text(s: str) -> str:
    """``s`` with surrogate escapes (undecodable bytes of a file name) as
    ``\\xNN``: valid UTF-8 for the database and the terminal."""
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Entry:
    """One path met by the walk.

    ``path``: as met (absolute when it was found below a folder named
    absolute, otherwise as named); ``problem``: None for a regular file to
    read, else why it is recorded failed unread (e.g. "not a regular file
    (FIFO): skipped").
    """

    path: Path
    problem: str | None = None

    @classmethod
    def of(cls, path: str | Path) -> "Entry":
        """The entry for one path, its problem found as the walk would (a
        path that does not exist: "cannot read file: No such file ...")."""
        return cls(Path(path), _classify(Path(path))[1])

    @property
    def text(self) -> str:
        """The path as printable UTF-8 text (see :func:`safe_text`), absolute,
        links resolved for a readable file (load_documents.source_path)."""
        return safe_text(os.path.abspath(self.path) if self.problem else os.path.realpath(self.path))

    @property
    def name(self) -> str:
        """The file name as printable UTF-8 text (v_documents.source_file)."""
        return safe_text(self.path.name)

    @property
    def raw_hex(self) -> str | None:
        """The bytes of :attr:`text`'s path in hex when they are not UTF-8, else None."""
        raw = os.fsencode(os.path.abspath(self.path) if self.problem else os.path.realpath(self.path))
        try:
            raw.decode("utf-8")
            return None
        except UnicodeDecodeError:
            return raw.hex()


def _special(mode: int) -> str | None:
    """The kind of a non-regular file ("FIFO", "character device", ...), None for a regular one."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return None


def _classify(p: Path) -> tuple[os.stat_result | None, str | None]:
    """(stat of what ``p`` points to, problem): problem None for a regular file."""
    try:
        st = os.stat(p)
    except OSError as e:
        if os.path.islink(p):
            if e.errno == errno.ELOOP:
                return None, "symbolic link loop: skipped"
            return None, f"dangling symbolic link (to {safe_text(os.readlink(p))}): skipped"
        return None, f"cannot read file: {safe_text(str(e.strerror or e))}"
    kind = _special(st.st_mode)
    return st, (f"not a regular file ({kind}): skipped" if kind else None)


def walk(paths: Iterable[str | Path]) -> list[Entry]:
    """Every path an ingest of ``paths`` (files or folders) meets, in order.

    Returns a list of :class:`Entry`.  Raises FileNotFoundError naming a
    path given that does not exist at all (a usage error; a dangling link
    given is an entry with its problem).  Warnings (folder loops, folders
    that cannot be listed) go to this module's logger.
    """
    out: list[Entry] = []
    seen: set[tuple[int, int]] = set()

    def add(p: Path) -> None:
        st, problem = _classify(p)
        if st is not None and problem is None:
            if (st.st_dev, st.st_ino) in seen:
                return
            seen.add((st.st_dev, st.st_ino))
        out.append(Entry(p, problem))

    for p in map(Path, paths):
        if not os.path.lexists(p):
            raise FileNotFoundError(f"no such file or folder: {safe_text(str(p))}")
        if os.path.isdir(p):
            found: list[Path] = []
            _walk_folder(p, found.append, set())
            for q in sorted(found, key=lambda q: tuple(os.fsencode(part) for part in q.parts)):
                add(q)
        else:
            add(p)
    return out


def _walk_folder(folder: Path, add, ancestors: set[tuple[int, int]]) -> None:  # noqa: ANN001
    """Call ``add`` with ``folder``'s PDFs, then walk its sub-folders;
    ``ancestors``: (dev, inode) of the folders above, to detect loops."""
    try:
        st = os.stat(folder)
    except OSError as e:
        log.warning("folder skipped: %s: %s", safe_text(str(folder)), e.strerror)
        return
    key = (st.st_dev, st.st_ino)
    if key in ancestors:
        log.warning("folder loop skipped: %s leads back to a folder above it", safe_text(str(folder)))
        return
    try:
        with os.scandir(folder) as it:
            children = sorted(it, key=lambda d: os.fsencode(d.name))
    except OSError as e:
        log.warning("folder skipped: %s: %s", safe_text(str(folder)), e.strerror)
        return
    subfolders = []
    for d in children:
        p = folder / d.name
        try:
            is_dir = d.is_dir()  # follows links; a loop or dangling link is not a folder
        except OSError:
            is_dir = False
        if is_dir:
            subfolders.append(p)
        elif os.fsencode(d.name).lower().endswith(b".pdf"):
            add(p)
    for sub in subfolders:
        _walk_folder(sub, add, ancestors | {key})
