"""Seeded random printings of the evaluation-sheet templates, with truth.

``generate_sheet(template, seed, out_dir)`` prints one sheet of
``template`` (one of :data:`TEMPLATES`: hiratsuka_shisaku_hyoka (seed 000),
hiratsuka_kobetsu_shisaku (002), atsugi_jisshi_keikaku_torikumi (004),
hiratsuka_jigyo_hyoka (001)) to ``<out_dir>/<template>-<seed>.pdf`` and its
truth to ``….truth.json`` (:mod:`samples.generate.truth`): every value
cell's expected fact, recorded while the cell is drawn, and the sheet's
type, fiscal year, policy code and pages.  ``generate_book(seed, out_dir)``
(:mod:`samples.generate.books`) binds 2-6 such sheets into one PDF.

Design: reportlab draws the ruled tables directly (:mod:`pdf`), so the
generator knows where every cell and page break falls; layouts per
template (:mod:`layouts`) draw their choices (paper, font, labels, era and
value forms, widths, order, breaks) from ``random.Random(seed)``; the same
seed gives the same PDF bytes (reportlab invariant mode, creation date
pinned to a plausible publication date: the August after the sheet's
fiscal year).  Why reportlab rather than openpyxl + LibreOffice: see
bench/README.md "Generated layouts".
"""
from __future__ import annotations

import random
from pathlib import Path

from samples.generate import truth
from samples.generate.layouts import DRAW, TEMPLATES, YEARS
from samples.generate.pdf import Writer

AUTHORS = {"hiratsuka_shisaku_hyoka": "平塚市", "hiratsuka_kobetsu_shisaku": "平塚市",
           "hiratsuka_jigyo_hyoka": "平塚市", "atsugi_jisshi_keikaku_torikumi": "厚木市"}


def sheet_year(template: str, rng: random.Random) -> int:
    """A document fiscal year for ``template`` within :data:`layouts.YEARS`."""
    lo, hi = YEARS[template]
    return rng.randint(lo, hi)


def generate_sheet(template: str, seed: int, out_dir: Path) -> tuple[Path, dict]:
    """Print one random sheet; returns (pdf path, sheet truth record).

    The truth record (see :mod:`truth`) is also saved beside the PDF.
    """
    if template not in DRAW:
        raise KeyError(f"unknown template {template!r}; one of {TEMPLATES}")
    rng = random.Random(f"{template}:{seed}")
    fy = sheet_year(template, rng)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{template}-{seed:05d}.pdf"
    w = Writer(pdf, created=f"{fy + 1}08{rng.randint(1, 28):02d}", author=AUTHORS[template])
    record = DRAW[template](w, rng, fy, 1, seed)
    w.save()
    record = {"file": pdf.name, "kind": "sheet", "pages": w.page, "sheets": [record]}
    truth.save(pdf, record)
    return pdf, record


def generate_book(seed: int, out_dir: Path) -> tuple[Path, dict]:
    """See :func:`samples.generate.books.generate_book`."""
    from samples.generate.books import generate_book as _gb
    return _gb(seed, out_dir)
