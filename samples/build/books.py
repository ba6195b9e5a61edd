"""Bind sample sheets into one book PDF (評価シート集), as cities publish them.

Cities publish their evaluation sheets bound into one 評価シート集 PDF: the
sheets are made one by one (one Excel form each) and the printed PDFs are
joined page for page.  This module does the same with the samples the city
builders wrote: :data:`BOOKS` lists each book's sheets by base sample id,
in page order; every page of every base PDF is copied unchanged (pypdf),
so each sheet of the book prints exactly what its base sample prints.

Output (relative to the ``samples/`` folder handed to :func:`build`):

* ``books/book-hyoka-shu-2016-2023.pdf`` — 000 (施策評価 令和5年度, 1 page),
  000v1 (施策評価 令和4年度, 2 pages), 001p (事業評価 平成28年度分 産業活性化会議,
  1 page), 005 (事業評価 平成28年度分 産業間連携促進事業, 1 page), 004 (厚木市
  取組状況 令和5年度, 10 pages): 15 pages, five sheets, three templates.

The book's PDF creation date is the document context of its bare years
(seed 000 prints "2 年度".."5 年度" without an era; 000v1 "元年度".."4年度"):
it is set to 000's own date (2024-08-05, the latest sheet's publication),
so each sheet's bare years resolve as they do in its single file
(reference year 2024: 5年度 -> 2023, 元年度 -> 2019; 000v1's single file has
2023, which gives the same years).  The other sheets print their eras
(平成28年度分, R3-R5 / 令和5年度).  Needs pypdf (the ``dev`` extra).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workbook import stabilize_pdf  # noqa: E402  (sibling module, run as a script)

#: Base sample PDFs, relative to the samples folder, by sample id.
BASE_FILES = {
    "000": "000-hiratsuka-r5-shisaku-4-1.pdf",
    "000v1": "variants/000v1-hiratsuka-r4-shisaku-4-1.pdf",
    "001p": "planted/001p-hiratsuka-h28-jigyo-sangyo-kasseika-kaigi.pdf",
    "005": "005-hiratsuka-h28-jigyo-katsudo-shihyo.pdf",
    "004": "004-atsugi-r5-sangyo-mp-torikumi.pdf",
}
#: Books: output path -> (creation date YYYYMMDD, base sample ids in page order).
BOOKS = {
    "books/book-hyoka-shu-2016-2023.pdf": ("20240805", ("000", "000v1", "001p", "005", "004")),
}
#: Title written into the book's metadata.
TITLE = "評価シート集（試験用合本）"


def bind(out: Path, parts: list[Path], published: str) -> Path:
    """Join ``parts`` page for page into ``out``; creation date ``published``
    (YYYYMMDD, 09:00 UTC); byte-identical on rebuild (:func:`stabilize_pdf`).

    Raises ImportError without pypdf, FileNotFoundError for a missing part.
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(part).pages:
            writer.add_page(page)
    writer.add_metadata({"/Title": TITLE,
                         "/CreationDate": f"D:{published}090000Z",
                         "/Producer": "pypdf"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        writer.write(f)
    return stabilize_pdf(out, stamp=f"D:{published}090000Z")


def build(samples_dir: Path) -> list[Path]:
    """Write every book of :data:`BOOKS` under ``samples_dir`` from the base
    PDFs already built there; return the written paths."""
    d = Path(samples_dir)
    return [bind(d / name, [d / BASE_FILES[i] for i in ids], published)
            for name, (published, ids) in BOOKS.items()]


if __name__ == "__main__":
    for path in build(Path(__file__).resolve().parents[1]):
        print(path)
