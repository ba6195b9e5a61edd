"""Compare the OCR engines of extract/ocr/engines.py at the cell level.

Truth: the born-digital sample PDFs themselves.  Every table cell the text
layer gives (extract.extract_document, pdfplumber strategy) with non-empty
text is a truth cell; it counts as a *number* when its folded text is a
number as the sheets print them (digits, thousands commas, a decimal point,
a sign, a trailing ％ or unit-free), else as a *label*.

Scan: each page rendered with pypdfium2 at ``--dpi`` (default 200) in grey,
as an office scanner would; the image is what the engine reads.  Each
recognised line is mapped back to PDF points (72 / dpi) and given to the
truth cell containing its centre; a cell's reading is its lines joined in
reading order.  Comparison after NFKC width folding, whitespace removed and
extract/ocr/fold.py: numbers must match exactly ("cell accuracy"); labels
are scored exactly and by rapidfuzz ratio (mean).

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
    """Width-folded, whitespace-free, OCR-folded text for comparison."""
    from hyoka.extract.ocr.fold import fold_ocr_text

    return fold_ocr_text(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def truth_cells(pdf: Path, pages: int) -> list[dict]:
    """[{'page', 'bbox', 'text', 'kind'}] of the first ``pages`` pages' table cells."""
    from hyoka.extract import extract_document

    doc = extract_document(pdf)
    out = []
    for page in doc.pages[:pages]:
        for table in page.tables:
            for cell in table.cells:
                text = norm("".join(line.text for line in cell.lines))
                if text:
                    out.append({"page": page.number, "bbox": cell.bbox.as_tuple(), "text": text,
                                "kind": "number" if NUMBER.match(text) else "label"})
    return out


def worker(engine_name: str, pages: int, dpi: int) -> dict:
    """Run one engine over the samples' first ``pages`` pages; returns its figures."""
    import pypdfium2 as pdfium
    from rapidfuzz import fuzz

    from hyoka.extract.ocr.engines import get_engine

    t0 = time.perf_counter()
    engine = get_engine(engine_name)
    load_s = time.perf_counter() - t0
    stats = {"number": [0, 0], "label": [0, 0]}
    ratios: list[float] = []
    ocr_s, n_pages, misses = 0.0, 0, []
    for pdf in SAMPLES:
        cells = truth_cells(pdf, pages)
        doc = pdfium.PdfDocument(pdf)
        for i in range(min(pages, len(doc))):
            image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil()
            t = time.perf_counter()
            lines = engine.read(image)
            ocr_s += time.perf_counter() - t
            n_pages += 1
            k = 72.0 / dpi
            got: dict[int, list] = {}
            page_cells = [(j, c) for j, c in enumerate(cells) if c["page"] == i + 1]
            for line in lines:
                cx, cy = (line.box[0] + line.box[2]) / 2 * k, (line.box[1] + line.box[3]) / 2 * k
                for j, c in page_cells:
                    x0, top, x1, bottom = c["bbox"]
                    if x0 <= cx <= x1 and top <= cy <= bottom:
                        got.setdefault(j, []).append((round(line.box[1] * k / 4), line.box[0], line.text))
                        break
            # Cells the detector found nothing in: recognise the cell's crop
            # (inset past its rules), as extract/ocr/page.py does.
            empty = [(j, c) for j, c in page_cells if j not in got]
            crops = [image.crop((int(c["bbox"][0] / k) + 3, int(c["bbox"][1] / k) + 3,
                                 int(c["bbox"][2] / k) - 3, int(c["bbox"][3] / k) - 3)) for _, c in empty]
            t = time.perf_counter()
            for (j, _), (text, conf) in zip(empty, engine.read_crops(crops)):
                if text.strip():
                    got[j] = [(0, 0, text)]
            ocr_s += time.perf_counter() - t
            for j, c in page_cells:
                reading = norm("".join(t for _, _, t in sorted(got.get(j, []))))
                ok = reading == c["text"]
                stats[c["kind"]][0] += ok
                stats[c["kind"]][1] += 1
                if c["kind"] == "label":
                    ratios.append(fuzz.ratio(reading, c["text"]))
                if not ok and len(misses) < 12 and c["kind"] == "number":
                    misses.append(f"{pdf.name[:3]} p{i + 1}: {c['text']!r} read {reading!r}")
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
