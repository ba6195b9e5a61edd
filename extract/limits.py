"""Resource limits for reading one PDF, and the guards inside pdfminer.

Hostile files attack the parser in four ways, each bounded here or in the
worker process that runs the extraction (hyoka/workers.py):

* **decompression bombs**: a 4 MB FlateDecode stream inflates to gigabytes
  (content streams, ToUnicode CMaps, images).  pdfminer inflates a stream
  whole (``pdfminer.pdftypes.PDFStream.decode`` calls ``zlib.decompress``;
  its fallback ``decompress_corrupted`` uses ``zlib.decompressobj``) and has
  no size option, so :func:`install` gives ``pdfminer.pdftypes`` a
  ``zlib`` whose inflaters count the bytes they produce against the
  current document's budget (:attr:`Limits.max_decompressed_mb`) and raise
  :class:`LimitExceeded` past it.  Outside :func:`document_budget` they are
  unbounded, exactly as before.
* **reference cycles**: an object that is a reference to itself (``4 0 obj
  4 0 R``) or a ring of references makes ``pdfminer.pdftypes.resolve1`` loop
  forever (it follows ``PDFObjRef.resolve`` while the result is a
  reference).  :func:`install` makes ``PDFObjRef.resolve`` follow such a
  chain itself, with a set of seen object numbers, and raise
  :class:`ReferenceCycle` instead of looping.  Cycles through arrays and
  dictionaries (``/Self 6 0 R`` inside object 6) are not followed by
  pdfminer except by recursive walkers, which the depth limit stops.
* **deep nesting**: recursive walkers (pdfplumber's ``resolve_all``,
  pdfminer's form XObject rendering, its ``/Prev`` chain of cross-reference
  sections) recurse once per level.  Inside :func:`document_budget` the
  interpreter's recursion limit is ``max_object_depth`` levels above the
  caller's frame, and a ``RecursionError`` is reported as that limit.
* **memory and time** of everything else (a ToUnicode ``bfrange`` over
  2^32 codes, a 3000-page file): RLIMIT_AS and a wall-time limit in the
  worker process (:attr:`Limits.max_memory_mb`, :attr:`Limits.max_seconds`).

The patches are process-wide and idempotent; the budget is per thread /
context (a ``ContextVar``), so concurrent extractions in threads each have
their own.  Rule source: PDF 32000-1:2008 §7.3.10 (indirect objects),
§7.4.4 (FlateDecode).
"""
from __future__ import annotations

import contextlib
import contextvars
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MB = 1 << 20


class Limits(BaseSettings):
    """Per-document resource limits, read from ``HYOKA_*`` environment
    variables (pydantic-settings), e.g. ``HYOKA_MAX_MEMORY_MB=300``.

    - ``max_seconds``: wall time for extracting and normalizing one document
      in its worker (s); over it the worker is killed and the document
      recorded ``failed``.  Default 300.
    - ``max_memory_mb``: address space of a worker process (RLIMIT_AS, MB),
      which also bounds its resident memory.  Default 2048.
    - ``max_decompressed_mb``: bytes all of one document's streams may
      inflate to in total (MB).  Default 512.
    - ``max_object_depth``: nesting levels a recursive walk of the object
      graph may go (arrays in arrays, form XObjects in forms, ``/Prev``
      chains).  Default 800.
    - ``max_tasks_per_child``: documents a worker process reads before it is
      replaced (a leak or fragmented heap costs no more).  Default 20.

    Raises ``pydantic.ValidationError`` for a value out of range.
    """

    model_config = SettingsConfigDict(env_prefix="HYOKA_", frozen=True, extra="ignore")

    max_seconds: float = Field(300.0, gt=0)
    max_memory_mb: int = Field(2048, ge=128)
    max_decompressed_mb: int = Field(512, ge=1)
    max_object_depth: int = Field(800, ge=50, le=20000)
    max_tasks_per_child: int = Field(20, ge=1)


#: Output size (bytes) of one inflate step: streams are inflated in steps of
#: this size so that the budget is checked as the output grows.
INFLATE_STEP = 1 << 20


def cap_malloc_arenas(n: int = 2) -> None:
    """Cap glibc's malloc arenas at ``n`` for this process (``mallopt``
    M_ARENA_MAX, malloc.h).  Each thread that allocates may otherwise get an
    arena of its own, reserving 64 MB of address space each, up to 8 per
    core: under a worker's RLIMIT_AS (:attr:`Limits.max_memory_mb`) that is
    memory the document cannot use, and more of it the more cores the
    machine has.  No-op where glibc is not the C library."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, n)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


class LimitExceeded(Exception):
    """A document went over one of :class:`Limits`; ``str()`` names the limit."""


class ReferenceCycle(Exception):
    """An indirect reference resolves, through references only, to itself."""


@dataclass
class _Budget:
    """Bytes a document may still inflate; ``limit_mb`` for the message."""

    remaining: int
    limit_mb: int

    def take(self, n: int) -> None:
        """Count ``n`` inflated bytes; raise :class:`LimitExceeded` past the budget."""
        self.remaining -= n
        if self.remaining < 0:
            raise LimitExceeded(f"streams decompress to more than the limit of {self.limit_mb} MB "
                                f"(max_decompressed_mb): a decompression bomb")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("hyoka_inflate_budget", default=None)


class _CountingDecompressor:
    """A ``zlib.decompressobj`` whose output counts against the current budget."""

    def __init__(self, *args, **kwargs):
        self._d = zlib.decompressobj(*args, **kwargs)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        budget = _BUDGET.get()
        if budget is None:
            return self._d.decompress(data, max_length)
        cap = budget.remaining + 1
        want = min(max_length, cap) if max_length else cap
        # in steps of INFLATE_STEP, counted as they come: a bomb is stopped
        # holding at most the budget's worth of output, never the budget plus
        # zlib's final copy of it (CPython joins its output blocks at the end,
        # twice the size at the peak; under a worker's RLIMIT_AS that peak
        # turned a bomb into an out-of-memory error instead of this limit)
        parts, got = [], 0
        while True:
            step = min(INFLATE_STEP, want - got)
            out = self._d.decompress(data, step)
            data = self._d.unconsumed_tail
            budget.take(len(out))
            parts.append(out)
            got += len(out)
            # a full step may leave output pending in zlib with no input left: ask again
            if self._d.eof or got >= want or (not data and len(out) < step):
                break
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def __getattr__(self, name: str):
        return getattr(self._d, name)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompressobj(*args, **kwargs) -> _CountingDecompressor:
        return _CountingDecompressor(*args, **kwargs)

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        """``zlib.decompress`` within the budget: same result and same
        ``zlib.error`` for a truncated stream, LimitExceeded past the budget."""
        if _BUDGET.get() is None:
            return zlib.decompress(data, wbits, bufsize)
        d = _CountingDecompressor(wbits)
        out = d.decompress(data)
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def __getattr__(self, name: str):
        return getattr(zlib, name)


_INSTALLED = False


def install() -> None:
    """Patch pdfminer once per process (see the module docstring): a
    budget-counting ``zlib`` in ``pdfminer.pdftypes`` and a cycle-detecting
    ``PDFObjRef.resolve``.  Idempotent."""
    global _INSTALLED
    if _INSTALLED:
        return
    from pdfminer import pdftypes

    original = pdftypes.PDFObjRef.resolve

    def resolve(self, default: object = None):  # noqa: ANN202 - pdfminer's signature
        """Follow a chain of references to a non-reference; raise
        ReferenceCycle when the chain comes back to an object it passed."""
        seen = {self.objid}
        x = original(self, default)
        while isinstance(x, pdftypes.PDFObjRef):
            if x.objid in seen:
                raise ReferenceCycle(f"reference cycle: object {x.objid} 0 R refers back to itself "
                                     f"through references ({' -> '.join(map(str, sorted(seen)))})")
            seen.add(x.objid)
            x = original(x, default)
        return x

    resolve.__doc__ = original.__doc__ or resolve.__doc__
    pdftypes.PDFObjRef.resolve = resolve
    pdftypes.zlib = _BoundedZlib()
    _INSTALLED = True


@contextlib.contextmanager
def document_budget(limits: Limits | None = None) -> Iterator[Limits]:
    """Apply ``limits`` (default: :class:`Limits` from the environment) to
    the document read inside the block: its decompression budget and
    recursion depth.  Yields the limits in force.  Exceptions pass through
    (see :func:`explain` to name the limit one of them reflects)."""
    install()
    limits = limits or Limits()
    token = _BUDGET.set(_Budget(limits.max_decompressed_mb * MB, limits.max_decompressed_mb))
    old_limit = sys.getrecursionlimit()
    depth = _frame_depth()
    sys.setrecursionlimit(max(depth + limits.max_object_depth, 100))
    try:
        yield limits
    finally:
        sys.setrecursionlimit(old_limit)
        _BUDGET.reset(token)


def inflated_size(raw: bytes, cap: int) -> tuple[int, str | None]:
    """Bytes FlateDecode ``raw`` inflates to, counted in steps of
    :data:`INFLATE_STEP` without keeping the output (so a bomb costs no
    bomb-sized buffer) and stopped past ``cap``: returns (bytes, capped at
    ``cap + 1``; zlib's message when the stream stops decoding, else None).
    Bytes decoded before an error are counted."""
    d, data, total = zlib.decompressobj(), raw, 0
    try:
        while total <= cap and not d.eof:
            n = len(d.decompress(data, INFLATE_STEP))
            total, data = total + n, d.unconsumed_tail
            if not data and n < INFLATE_STEP:  # input used up and no output pending
                break
    except zlib.error as e:
        return min(total, cap + 1), str(e)
    return min(total, cap + 1), None


def inflate_probe(raw: bytes) -> str | None:
    """Whether FlateDecode ``raw`` decodes, reading at most the current
    budget's worth (or 64 MB outside a budget) of output: None when it
    decodes (or would exceed the budget: that is reported by the parser),
    else zlib's message.  A stream whose adler32 trailer is cut still decodes."""
    budget = _BUDGET.get()
    return inflated_size(raw, budget.remaining if budget else 64 * MB)[1]


def _frame_depth() -> int:
    """Number of Python frames below the caller."""
    depth, f = 0, sys._getframe(1)
    while f is not None:
        depth, f = depth + 1, f.f_back
    return depth


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, its ``__cause__`` / ``__context__`` chain and exceptions held
    in ``args`` (pdfplumber wraps pdfminer's in ``PdfminerException(e)``)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend(a for a in e.args if isinstance(a, BaseException))
        todo.extend([e.__cause__, e.__context__])


def explain(exc: BaseException, limits: Limits | None = None) -> str | None:
    """A specific reason for an exception raised while reading a PDF, when
    it reflects a limit, a cycle, encryption or memory; None otherwise.

    Returns e.g. "streams decompress to more than the limit of 512 MB ...",
    "reference cycle: ...", "encrypted: a password is needed to open it
    (none was given or it is wrong)", "object nesting deeper than the limit
    of 800 levels (max_object_depth)", "out of memory: over the limit of
    2048 MB (max_memory_mb)".
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    limits = limits or Limits()
    for e in _causes(exc):
        if isinstance(e, (LimitExceeded, ReferenceCycle)):
            return str(e)
        if isinstance(e, PDFPasswordIncorrect):
            return "encrypted: a password is needed to open it (none was given or it is wrong)"
        if isinstance(e, PDFEncryptionError):
            return f"encrypted with an unsupported scheme ({e}); no password can open it here"
    for e in _causes(exc):
        if isinstance(e, RecursionError) or "maximum recursion depth" in str(e):
            return (f"object nesting (or a cycle through arrays, dictionaries or forms) deeper than the "
                    f"limit of {limits.max_object_depth} levels (max_object_depth)")
        if isinstance(e, MemoryError):
            return f"out of memory: over the limit of {limits.max_memory_mb} MB (max_memory_mb)"
    return None
