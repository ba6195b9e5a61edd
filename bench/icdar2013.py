"""ICDAR 2013 Table Competition (EU half): structure scores of each table strategy.

For every ``eu-NNN.pdf`` in ../shared/corpus/icdar2013-eu/ with ground truth
``eu-NNN-str.xml`` (cells: start/end row/col, content) and ``eu-NNN-reg.xml``
(table regions: page, bounding box in PDF points, bottom-left origin), each
strategy of :mod:`extract.tables` is run on the pages that hold a
ground-truth table.  Each ground-truth table region is matched to the found
table of that page whose bounding box overlaps it most (no overlap: not
matched, scored 0).

Score: the competition's cell-adjacency relations (Göbel, Hassan, Oro,
Orsi, "A methodology for evaluating algorithms for table understanding in
PDF documents", DocEng 2012; used by the ICDAR 2013 Table Competition).
For each non-empty cell and each grid row (column) it covers, the nearest
non-empty cell to its right (below) forms one relation (content, content,
direction).  Contents are compared after removing all whitespace (pdfplumber
and the ground truth break lines and space words differently).  Per table:
precision = correct / found relations, recall = correct / truth relations,
F1 their harmonic mean; an unmatched table scores 0/0/0.  Also printed:
micro-averaged P/R/F1 over all relations.

``eu-009b`` is an alternative ground truth for ``eu-009a.pdf`` (there is no
``eu-009b.pdf``) and is skipped.

Run: ``.venv/bin/python bench/icdar2013.py`` from the repo root
(``--json FILE`` also writes per-table results).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402

from hyoka.extract.model import BBox, Table  # noqa: E402
from hyoka.extract.tables import STRATEGIES, get_strategy  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "icdar2013-eu"

_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """Cell content for comparison: all whitespace removed."""
    return _WS.sub("", text)


@dataclass(frozen=True)
class GridCell:
    """A cell on a grid: 0-based start row/col, inclusive end row/col, text."""

    r0: int
    c0: int
    r1: int
    c1: int
    text: str


@dataclass
class TruthTable:
    """One ground-truth table region: file, table id, page, bbox (top-left origin), cells."""

    doc: str
    table_id: str
    page: int
    bbox_pdf: tuple[float, float, float, float]  # x1, y1, x2, y2 (bottom-left origin)
    cells: list[GridCell] = field(default_factory=list)


def adjacency(cells: list[GridCell]) -> Counter:
    """Multiset of adjacency relations ``(text_a, text_b, "h"|"v")``.

    ``cells`` on one grid; empty cells (after :func:`norm`) are skipped, so
    a relation links the nearest non-empty neighbours (Göbel et al. 2012).
    """
    slot: dict[tuple[int, int], int] = {}
    for i, c in enumerate(cells):
        for r in range(c.r0, c.r1 + 1):
            for col in range(c.c0, c.c1 + 1):
                slot.setdefault((r, col), i)
    texts = [norm(c.text) for c in cells]
    if not slot:
        return Counter()
    max_r = max(r for r, _ in slot)
    max_c = max(c for _, c in slot)
    pairs: set[tuple[int, int, str]] = set()
    for i, c in enumerate(cells):
        if not texts[i]:
            continue
        for r in range(c.r0, c.r1 + 1):
            for col in range(c.c1 + 1, max_c + 1):
                j = slot.get((r, col))
                if j is not None and j != i and texts[j]:
                    pairs.add((i, j, "h"))
                    break
        for col in range(c.c0, c.c1 + 1):
            for r in range(c.r1 + 1, max_r + 1):
                j = slot.get((r, col))
                if j is not None and j != i and texts[j]:
                    pairs.add((i, j, "v"))
                    break
    return Counter((texts[i], texts[j], d) for i, j, d in pairs)


def load_truth(str_xml: Path, reg_xml: Path) -> list[TruthTable]:
    """Ground-truth table regions of one document (one entry per table region)."""
    doc = str_xml.name[: -len("-str.xml")]
    boxes: dict[tuple[str, str], tuple[float, ...]] = {}
    for t in ET.parse(reg_xml).getroot().iter("table"):
        for reg in t.findall("region"):
            bb = reg.find("bounding-box")
            boxes[(t.get("id"), reg.get("id"))] = tuple(float(bb.get(k)) for k in ("x1", "y1", "x2", "y2"))
    out = []
    for t in ET.parse(str_xml).getroot().iter("table"):
        for reg in t.findall("region"):
            cells = []
            for c in reg.findall("cell"):
                r0, c0 = int(c.get("start-row")), int(c.get("start-col"))
                r1 = int(c.get("end-row", r0))
                c1 = int(c.get("end-col", c0))
                cells.append(GridCell(r0, c0, r1, c1, c.findtext("content") or ""))
            out.append(TruthTable(doc, t.get("id"), int(reg.get("page")), boxes[(t.get("id"), reg.get("id"))], cells))
    return out


def table_cells(t: Table) -> list[GridCell]:
    """Our table's cells as :class:`GridCell` (inclusive ends)."""
    return [GridCell(c.row, c.col, c.row + c.row_span - 1, c.col + c.col_span - 1, c.text) for c in t.cells]


def overlap(a: BBox, b: BBox) -> float:
    """Intersection area of two boxes (points²)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    return w * h if w > 0 and h > 0 else 0.0


def score(truth: Counter, found: Counter) -> tuple[int, int, int]:
    """(correct, n_found, n_truth) relation counts."""
    correct = sum((truth & found).values())
    return correct, sum(found.values()), sum(truth.values())


def prf(correct: int, n_found: int, n_truth: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from counts (0 where undefined)."""
    p = correct / n_found if n_found else 0.0
    r = correct / n_truth if n_truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run(strategy_names: list[str]) -> dict:
    """Score every strategy; returns {name: {"tables": [...], "pages": n, "seconds": s}}."""
    docs = []
    for str_xml in sorted(CORPUS.glob("eu-*-str.xml")):
        doc = str_xml.name[: -len("-str.xml")]
        pdf = CORPUS / f"{doc}.pdf"
        if not pdf.exists():
            continue  # eu-009b: alternative truth without its own PDF
        docs.append((pdf, load_truth(str_xml, CORPUS / f"{doc}-reg.xml")))
    results = {}
    for name in strategy_names:
        strategy = get_strategy(name)
        rows, pages, seconds = [], 0, 0.0
        for pdf_path, truths in docs:
            with pdfplumber.open(pdf_path) as pdf:
                for page_no in sorted({t.page for t in truths}):
                    page = pdf.pages[page_no - 1]
                    _ = page.chars  # parsed untimed, as extract.document does before find_tables
                    t0 = time.perf_counter()
                    found = strategy.find_tables(page, str(pdf_path))
                    seconds += time.perf_counter() - t0
                    pages += 1
                    for truth in (t for t in truths if t.page == page_no):
                        x1, y1, x2, y2 = truth.bbox_pdf
                        gt_box = BBox(x1, float(page.height) - y2, x2, float(page.height) - y1)
                        best = max(found, key=lambda t: overlap(t.bbox, gt_box), default=None)
                        if best is not None and overlap(best.bbox, gt_box) <= 0:
                            best = None
                        gt_rel = adjacency(truth.cells)
                        got_rel = adjacency(table_cells(best)) if best else Counter()
                        c, nf, nt = score(gt_rel, got_rel)
                        p, r, f = prf(c, nf, nt)
                        rows.append({"doc": truth.doc, "table": truth.table_id, "page": page_no,
                                     "matched": best is not None,
                                     "found_shape": [best.n_rows, best.n_cols] if best else None,
                                     "correct": c, "found": nf, "truth": nt,
                                     "precision": p, "recall": r, "f1": f})
        results[name] = {"tables": rows, "pages": pages, "seconds": seconds}
    return results


def summary(res: dict) -> dict:
    """Aggregate one strategy's per-table rows into the printed numbers."""
    rows = res["tables"]
    n = len(rows)
    c = sum(r["correct"] for r in rows)
    nf = sum(r["found"] for r in rows)
    nt = sum(r["truth"] for r in rows)
    mp, mr, mf = prf(c, nf, nt)
    return {
        "tables": n,
        "matched": sum(r["matched"] for r in rows),
        "mean_p": sum(r["precision"] for r in rows) / n,
        "mean_r": sum(r["recall"] for r in rows) / n,
        "mean_f1": sum(r["f1"] for r in rows) / n,
        "micro_p": mp, "micro_r": mr, "micro_f1": mf,
        "s_per_page": res["seconds"] / res["pages"],
        "pages": res["pages"],
    }


def main(argv: list[str] | None = None) -> int:
    """CLI entry: print one summary line per strategy (and per-table rows with -v)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strategy", action="append", choices=sorted(STRATEGIES),
                    help="strategy to run (repeatable; default: all)")
    ap.add_argument("--json", type=Path, help="write per-table results to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="print per-table scores")
    args = ap.parse_args(argv)
    names = args.strategy or list(STRATEGIES)
    results = run(names)
    print("| strategy | GT tables | matched | mean P | mean R | mean F1 | micro P | micro R | micro F1 | s/page |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in names:
        s = summary(results[name])
        print(f"| {name} | {s['tables']} | {s['matched']} | {s['mean_p']:.3f} | {s['mean_r']:.3f} | "
              f"{s['mean_f1']:.3f} | {s['micro_p']:.3f} | {s['micro_r']:.3f} | {s['micro_f1']:.3f} | "
              f"{s['s_per_page']:.3f} |")
    if args.verbose:
        for name in names:
            print(f"\n{name}")
            for r in results[name]["tables"]:
                print(f"  {r['doc']} t{r['table']} p{r['page']} shape={r['found_shape']} "
                      f"P={r['precision']:.2f} R={r['recall']:.2f} F1={r['f1']:.2f} "
                      f"({r['correct']}/{r['found']}/{r['truth']})")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
