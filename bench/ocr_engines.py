"""Compare the OCR engines of extract/ocr/engines.py at the cell level.

Truth: the born-digital sample PDFs themselves.  Every table cell the text
layer gives (extract.extract_document, pdfplumber strategy) with non-empty
text is a truth cell; it counts as a *number* when its folded text is a
number as the sheets print them (digits, thousands commas, a decimal point,
a sign, a trailing ％ or unit-free), else as a *label*.

Scan: each page rendered with pypdfium2 at ``--dpi`` (default 200) in grey,
as an office scanner would, and read by the page reader itself
(extract/ocr/page.py ``ocr_image``: deskew, ruled cells from the image, the
engine's lines cut at cell borders, undetected cells read from their crop)
with each engine in turn.  A truth cell is compared with the cell at the
same (table, row, column) of the OCR'd page; a table the image yields with
another shape counts all its truth cells as misses.  Comparison after NFKC
width folding and whitespace removal: numbers must match exactly ("cell
accuracy"); labels are scored exactly and by rapidfuzz ratio (mean).

Each engine runs in its own fresh Python process (``--engine NAME
--worker``), so its peak RSS (``ru_maxrss``) and model load do not mix;
s/page is recognition alone (model load reported apart).

Run: ``.venv/bin/python bench/ocr_engines.py [--pages-per-file 1] [--dpi 200]``.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SAMPLES = sorted((REPO / "samples").glob("[0-9][0-9][0-9]-*.pdf"))
NUMBER = re.compile(r"^[-+▲△]?\d[\d,]*(\.\d+)?[%％]?$")


def norm(text: str) -> str:
    """Width-folded, whitespace-free text for comparison (the page reader has
    already folded the engine's character forms)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def worker(engine_name: str, pages: int, dpi: int) -> dict:
    """Run one engine over the samples' first ``pages`` pages; returns its figures."""
    import pypdfium2 as pdfium
    from rapidfuzz import fuzz

    from hyoka.extract import extract_document
    from hyoka.extract.ocr.engines import get_engine
    from hyoka.extract.ocr.page import ocr_image

    t0 = time.perf_counter()
    engine = get_engine(engine_name)
    load_s = time.perf_counter() - t0
    stats = {"number": [0, 0], "label": [0, 0]}
    ratios: list[float] = []
    ocr_s, n_pages, misses = 0.0, 0, []
    for pdf in SAMPLES:
        digital = extract_document(pdf)
        doc = pdfium.PdfDocument(pdf)
        for page in digital.pages[:pages]:
            image = doc[page.number - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            t = time.perf_counter()
            read = ocr_image(image, page.number, page.width, page.height, engine, dpi)
            ocr_s += time.perf_counter() - t
            n_pages += 1
            for i, table in enumerate(page.tables):
                got = read.tables[i] if i < len(read.tables) else None
                same_shape = got is not None and (got.n_rows, got.n_cols) == (table.n_rows, table.n_cols)
                cells = {(c.row, c.col): c for c in got.cells} if same_shape else {}
                for cell in table.cells:
                    truth = norm("".join(line.text for line in cell.lines))
                    if not truth:
                        continue
                    kind = "number" if NUMBER.match(truth) else "label"
                    other = cells.get((cell.row, cell.col))
                    reading = norm("".join(line.text for line in other.lines)) if other else ""
                    stats[kind][0] += reading == truth
                    stats[kind][1] += 1
                    if kind == "label":
                        ratios.append(fuzz.ratio(reading, truth))
                    elif reading != truth and len(misses) < 12:
                        misses.append(f"{pdf.name[:3]} p{page.number}: {truth!r} read {reading!r}")
    return {"engine": engine_name, "dpi": dpi, "pages": n_pages,
            "numbers": stats["number"][1], "number_acc": stats["number"][0] / max(1, stats["number"][1]),
            "labels": stats["label"][1], "label_acc": stats["label"][0] / max(1, stats["label"][1]),
            "label_ratio": sum(ratios) / max(1, len(ratios)),
            "s_per_page": ocr_s / max(1, n_pages), "load_s": load_s,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "number_misses": misses}


def main() -> None:
    """Run every engine in its own process and print the comparison table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", choices=("ppocr", "tesseract"))
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--pages-per-file", type=int, default=1)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.engine, args.pages_per_file, args.dpi)))
        return
    rows = []
    for name in ([args.engine] if args.engine else ["ppocr", "tesseract"]):
        out = subprocess.run([sys.executable, __file__, "--engine", name, "--worker",
                              "--pages-per-file", str(args.pages_per_file), "--dpi", str(args.dpi)],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print("| engine | dpi | pages | number cells | number accuracy | label cells | label exact | "
          "label ratio | s/page | model load s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['engine']} | {r['dpi']} | {r['pages']} | {r['numbers']} | {r['number_acc']:.3f} | "
              f"{r['labels']} | {r['label_acc']:.3f} | {r['label_ratio']:.1f} | {r['s_per_page']:.2f} | "
              f"{r['load_s']:.2f} | {r['peak_rss_mb']:.0f} |")
    for r in rows:
        for m in r["number_misses"]:
            print(f"  {r['engine']} miss: {m}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
