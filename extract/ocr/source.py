"""OCR in the extract stage: a post-pass over a document's pages (issue 8).

:func:`apply_ocr` runs after the text layer has been read
(extract/document.py ``extract_document``): pages without a usable text
layer are replaced by their OCR reading (extract/ocr/page.py
:func:`ocr_page`), pages with one keep it.  Which pages lack a usable
text layer is extract/health.py's verdict: ``no text layer`` (a scan,
outlined text) or a garbage layer (``(cid:N)`` codes, Private Use glyphs,
mojibake).  A page that draws nothing at all (``no content``) or whose
content streams are damaged is not OCR'd: there is nothing to read, or the
file is broken.

Modes (``hyoka ingest --ocr``, :data:`OCR_MODES`):

- ``auto`` (the CLI's default): OCR the pages health.py sends to OCR;
- ``always``: OCR every page that draws something, text layer or not (to
  compare a reading with the text layer, or for a layer known to be wrong);
- ``never``: no OCR (the file stays ``needs_ocr`` as before OCR existed).

Nothing is lost when OCR cannot help: when the engine is not installed (or
cannot load within the worker's memory limit), or reads nothing on a page,
the page keeps its text-layer reading and its ``problem`` gains the
reason (``"...; OCR not run: OCR engine ppocr needs ... pip install ..."``),
so the document stays ``needs_ocr`` and v_validation_findings'
``finding.needs_ocr`` says what to install (normalize/document.py).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from hyoka.extract.health import NO_CONTENT, needs_ocr_problem
from hyoka.extract.model import ExtractedDocument, Page
from hyoka.extract.ocr.engines import DEFAULT_ENGINE, OcrEngine, OcrUnavailable, get_engine
from hyoka.extract.ocr.page import DEFAULT_DPI, ocr_page

log = logging.getLogger(__name__)

#: ``--ocr`` values, see the module docstring.
OCR_MODES = ("auto", "always", "never")
#: Default of the library functions (extract_document, pipeline.ingest); the
#: CLI's is ``auto`` too.
DEFAULT_MODE = "auto"
#: Said when an engine fails to load for want of memory (ONNX Runtime
#: reports it as a failed mmap or allocation): PP-OCRv5 needs about 1 GB
#: resident and 1.5 GB of address space (bench/README.md "OCR engines";
#: a worker at RLIMIT_AS 1024 MB fails to run it, 2048 MB is enough).
MEMORY_HINT = ("OCR needs a worker memory limit of at least 2048 MB "
               "(HYOKA_MAX_MEMORY_MB, README: Limits)")
_MEMORY_WORDS = ("failed to map segment", "allocate memory", "cannot allocate", "MemoryError", "bad_alloc")


def wants_ocr(page: Page, mode: str) -> bool:
    """Whether ``page`` is to be read by OCR in ``mode`` (one of :data:`OCR_MODES`).

    ``auto``: the page has no usable text layer by extract/health.py
    (:func:`extract.health.needs_ocr_problem`) and draws something (not
    :data:`extract.health.NO_CONTENT`); ``always``: any page that is not
    ``NO_CONTENT``; ``never``: none.  Raises ValueError for another mode."""
    if mode not in OCR_MODES:
        raise ValueError(f"unknown OCR mode {mode!r}; expected one of {', '.join(OCR_MODES)}")
    if mode == "never" or page.problem == NO_CONTENT:
        return False
    if mode == "always":
        return True
    return not page.has_text_layer and needs_ocr_problem(page.problem)


def _why(e: BaseException, limit_mb: int | None) -> str:
    """The reason an engine could not run, with the memory hint when it ran out of memory."""
    text = f"{e}" if isinstance(e, OcrUnavailable) else f"{type(e).__name__}: {e}"
    text = text.strip().splitlines()[0][:300] if text.strip() else type(e).__name__
    if isinstance(e, MemoryError) or any(w.lower() in text.lower() for w in _MEMORY_WORDS):
        where = f" (this worker's limit: {limit_mb} MB)" if limit_mb else ""
        text += f"; out of memory: {MEMORY_HINT}{where}"
    return text


def _not_read(page: Page, reason: str) -> Page:
    """``page`` unchanged but for its problem, which gains ``OCR not run: reason``."""
    return replace(page, problem=f"{page.problem}; OCR not run: {reason}" if page.problem
                   else f"OCR not run: {reason}")


def apply_ocr(path: str | Path, doc: ExtractedDocument, mode: str = DEFAULT_MODE,
              engine: OcrEngine | str | None = None, dpi: int = DEFAULT_DPI,
              memory_limit_mb: int | None = None) -> ExtractedDocument:
    """``doc`` (the text-layer reading of the PDF at ``path``) with the pages
    :func:`wants_ocr` picks read by OCR instead.

    Args: ``path`` the PDF the pages come from (rendered again with
    pypdfium2); ``doc`` its :class:`ExtractedDocument`; ``mode`` one of
    :data:`OCR_MODES`; ``engine`` an engine object or name (default
    :data:`extract.ocr.engines.DEFAULT_ENGINE`, loaded once per process,
    only when a page needs it); ``dpi`` the rendering resolution;
    ``memory_limit_mb`` the worker's memory limit, named in the reason when
    the engine runs out of memory.

    Returns the same document object, its ``pages`` list replaced: an OCR'd
    page has ``text_source='ocr'``, ``has_text_layer=False``, no
    ``problem``, lines with :attr:`TextLine.confidence`.  A page OCR could
    not read keeps its text-layer reading and its problem gains "OCR not
    run: <reason>" (engine missing, with the install command; out of
    memory; nothing recognised; a rendering error).  Never raises for a
    page or an engine failure; raises ValueError for an unknown ``mode``.
    """
    todo = [p.number for p in doc.pages if wants_ocr(p, mode)]
    if not todo:
        return doc
    try:
        eng = engine if engine is not None and not isinstance(engine, str) else get_engine(engine or DEFAULT_ENGINE)
    except (OcrUnavailable, MemoryError, OSError, RuntimeError) as e:
        reason = _why(e, memory_limit_mb)
        log.warning("%s: pages %s need OCR, which cannot run: %s", doc.source_file, todo, reason)
        doc.pages = [_not_read(p, reason) if p.number in todo else p for p in doc.pages]
        return doc
    pages = []
    for p in doc.pages:
        if p.number not in todo:
            pages.append(p)
            continue
        try:
            read = ocr_page(path, p.number, p.width, p.height, eng, dpi)
        except Exception as e:  # an engine or renderer failure costs this page only  # noqa: BLE001
            pages.append(_not_read(p, _why(e, memory_limit_mb)))
            continue
        if read.problem or not read.lines:
            pages.append(_not_read(p, read.problem or "OCR found no text on the page"))
        else:
            pages.append(read)
    doc.pages = pages
    return doc


def document_text_source(pages: list[Page]) -> str:
    """``text_layer``, ``ocr`` or ``mixed`` (normalize.facts.TEXT_SOURCES) for
    ``pages``: ``ocr`` when every page with text was read by OCR,
    ``mixed`` when some were and others came from the text layer,
    ``text_layer`` otherwise (also for no page).  Pages without lines
    (blank, unread) do not count."""
    sources = {p.text_source for p in pages if p.lines}
    if "ocr" not in sources:
        return "text_layer"
    return "ocr" if sources == {"ocr"} else "mixed"
