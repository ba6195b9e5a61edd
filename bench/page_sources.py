"""Same output from both page sources: pdfplumber (the reference) against pdfium.

    .venv/bin/python bench/page_sources.py [--generated N] [--limit N] [FILE ...]

Reads every PDF under samples/, ../shared/corpus/real-jp (minus the
corrupt file) and ../shared/corpus/archive-ikeda (or the FILEs given, and
``--generated N`` seeded sheets of :mod:`samples.generate`) with both
sources of :mod:`extract.sources` and compares, per file:

(a) each page's lines: texts in order, and the largest difference of a
    line box coordinate (points);
(b) each table's cells: (row, col, row_span, col_span, text) and the
    largest difference of a cell or table box coordinate (points);
(c) ``hyoka.pipeline.process_file``'s facts (the source chosen through
    ``HYOKA_PAGE_SOURCE``): ``DocumentFacts`` compared field by field,
    boxes and floats exactly.

Prints one line per file that differs (what differs, the first example),
the pages the pdfium source handed to pdfplumber and why, and a summary:
files and pages compared, files identical in (a)-(c), the largest box
difference.  Exit status 1 when any file's facts (c) differ.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpus"
SKIP = {"fuji-r8-corrupt-streams.pdf"}


def default_files() -> list[Path]:
    """samples/**, real-jp (minus :data:`SKIP`), archive-ikeda; sorted per set."""
    return (sorted((REPO / "samples").rglob("*.pdf"))
            + [p for p in sorted((CORPUS / "real-jp").glob("*.pdf")) if p.name not in SKIP]
            + sorted((CORPUS / "archive-ikeda").glob("*.pdf")))


def _box_delta(a, b) -> float:
    """Largest coordinate difference of two BBoxes, points."""
    return max(abs(x - y) for x, y in zip(a.as_tuple(), b.as_tuple()))


def compare_documents(ref, alt) -> tuple[list[str], float]:
    """Differences of two ExtractedDocuments in (a) lines and (b) tables;
    returns (messages, largest box delta in points; inf where shapes differ)."""
    out: list[str] = []
    delta = 0.0
    if len(ref.pages) != len(alt.pages):
        return [f"pages {len(ref.pages)} vs {len(alt.pages)}"], float("inf")
    for p, q in zip(ref.pages, alt.pages):
        if (p.has_text_layer, p.problem) != (q.has_text_layer, q.problem):
            out.append(f"p{p.number} problem {p.problem!r} vs {q.problem!r}")
        lt, mt = [ln.text for ln in p.lines], [ln.text for ln in q.lines]
        if lt != mt:
            first = next((i for i, (x, y) in enumerate(zip(lt, mt)) if x != y), min(len(lt), len(mt)))
            out.append(f"p{p.number} lines ({len(lt)} vs {len(mt)}) first at {first}: "
                       f"{lt[first:first + 1]!r} vs {mt[first:first + 1]!r}")
        else:
            for a, b in zip(p.lines, q.lines):
                delta = max(delta, _box_delta(a.bbox, b.bbox))
                if a.size != b.size:
                    out.append(f"p{p.number} line {a.text[:20]!r} size {a.size} vs {b.size}")
        if len(p.tables) != len(q.tables):
            out.append(f"p{p.number} tables {len(p.tables)} vs {len(q.tables)}")
            continue
        for t, u in zip(p.tables, q.tables):
            ct = [(c.row, c.col, c.row_span, c.col_span, c.text) for c in t.cells]
            cu = [(c.row, c.col, c.row_span, c.col_span, c.text) for c in u.cells]
            if (t.n_rows, t.n_cols, ct) != (u.n_rows, u.n_cols, cu):
                diff = next(((x, y) for x, y in zip(ct, cu) if x != y), None)
                out.append(f"p{p.number} table {t.index} {t.n_rows}x{t.n_cols} vs {u.n_rows}x{u.n_cols}, "
                           f"{len(ct)} vs {len(cu)} cells, first {diff!r}")
                continue
            delta = max([delta, _box_delta(t.bbox, u.bbox)] + [_box_delta(a.bbox, b.bbox)
                                                               for a, b in zip(t.cells, u.cells)])
    return out, delta


def compare_facts(ref, alt) -> list[str]:
    """Fields of two DocumentFacts that differ (names and the first differing item)."""
    out = []
    for f in dataclasses.fields(ref):
        a, b = getattr(ref, f.name), getattr(alt, f.name)
        if a != b:
            if isinstance(a, list) and isinstance(b, list):
                diff = next(((x, y) for x, y in zip(a, b) if x != y), (len(a), len(b)))
                out.append(f"facts.{f.name}: {str(diff)[:300]}")
            else:
                out.append(f"facts.{f.name}: {str(a)[:150]} vs {str(b)[:150]}")
    return out


def fallbacks(path: Path) -> dict[int, str]:
    """Pages the pdfium source reads through pdfplumber, page -> reason (0: the file)."""
    import pdfplumber

    from hyoka.extract.health import damaged_streams
    from hyoka.extract.sources.pdfium import PdfiumSource

    with pdfplumber.open(path) as pdf:
        reader = PdfiumSource().open(path, pdf)
        try:
            for page in pdf.pages:
                if reader.doc is not None:
                    reader.page(page, damaged_streams(page))
        finally:
            reader.close()
    return reader.fallbacks


def generated(n: int, folder: Path) -> list[Path]:
    """``n`` seeded sheets of samples.generate (templates in turn, seed i) in ``folder``."""
    from samples.generate import TEMPLATES, generate_sheet

    out = []
    names = sorted(TEMPLATES)
    for i in range(n):
        pdf, _truth = generate_sheet(names[i % len(names)], i, folder)
        out.append(pdf)
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: compare and print; exit 1 when facts differ somewhere."""
    from hyoka.extract import extract_document
    from hyoka.pipeline import process_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--generated", type=int, default=0, help="also N seeded sheets of samples.generate")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = ap.parse_args(argv)
    files = args.files or default_files()
    if args.limit:
        files = files[:args.limit]
    tmp = tempfile.TemporaryDirectory(prefix="hyoka-sources-")
    if args.generated:
        files = files + generated(args.generated, Path(tmp.name))
    n_pages = same_ab = same_c = 0
    max_delta = 0.0
    reasons: Counter = Counter()
    for path in files:
        ref = extract_document(path, source="pdfplumber")
        alt = extract_document(path, source="pdfium")
        n_pages += len(ref.pages)
        diffs, delta = compare_documents(ref, alt)
        max_delta = max(max_delta, delta if delta != float("inf") else 0.0)
        facts = []
        for name in ("pdfplumber", "pdfium"):
            os.environ["HYOKA_PAGE_SOURCE"] = name
            facts.append(process_file(path))
        os.environ.pop("HYOKA_PAGE_SOURCE")
        fdiff = compare_facts(*facts)
        fb = fallbacks(path)
        for reason in fb.values():
            reasons[reason.split(":")[0]] += 1
        same_ab += not diffs
        same_c += not fdiff
        if diffs or fdiff:
            print(f"{path.name}: box delta {delta:.4f} pt")
            for d in diffs[:6] + fdiff[:6]:
                print(f"    {d}")
        if fb:
            print(f"{path.name}: pdfplumber reads {sorted(fb)} ({'; '.join(sorted(set(fb.values())))[:200]})")
        sys.stdout.flush()
    print(f"\n{len(files)} files, {n_pages} pages; lines and tables identical in {same_ab}, "
          f"facts identical in {same_c}; largest box difference {max_delta:.5f} pt")
    print("pages read by pdfplumber under the pdfium source:", dict(reasons) or "none")
    tmp.cleanup()
    return 0 if same_c == len(files) else 1


if __name__ == "__main__":
    raise SystemExit(main())
