"""Time and memory of each table strategy per page on the real Japanese sheets.

For every PDF in ../shared/corpus/real-jp/ except the corrupt one
(``fuji-r8-corrupt-streams.pdf``), each strategy's ``find_tables`` runs on
every page.  Each strategy runs in its own fresh Python process so peak
memory figures do not mix:

* time: wall seconds of ``find_tables`` per page (the page's chars are read
  first, untimed, as :func:`extract.document.extract_document` does; the
  camelot import is done before timing; camelot's per-page cache is cold);
* ``py peak``: the largest ``tracemalloc`` peak over single pages (Python
  heap only; measured in a second pass so tracing does not slow the timed
  pass);
* ``RSS``: the process's peak resident set (``resource.getrusage``
  ``ru_maxrss``) after all pages, and its growth over the value after
  imports; it includes native memory (pdfium bitmaps, OpenCV arrays).

Run: ``.venv/bin/python bench/throughput.py`` from the repo root.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpus" / "real-jp"
SKIP = {"fuji-r8-corrupt-streams.pdf"}  # corrupt streams: a malformed-input case, not a timing one


def pdfs() -> list[Path]:
    """The real-jp PDFs benchmarked, sorted by name."""
    return [p for p in sorted(CORPUS.glob("*.pdf")) if p.name not in SKIP]


def _rss_mib() -> float:
    """Peak resident set of this process so far, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(name: str) -> dict:
    """Measure one strategy in this process; returns a JSON-able dict.

    Keys: ``per_file`` {file: {"pages", "seconds", "tables"}}, ``pages``,
    ``seconds``, ``py_peak_mib`` (max per-page tracemalloc peak),
    ``rss_base_mib``, ``rss_peak_mib``.
    """
    import pdfplumber

    from hyoka.extract.tables import get_strategy
    from hyoka.extract.tables import camelot_lattice

    if name == "camelot-lattice":
        import camelot  # noqa: F401  (import cost is not per page)
    strategy = get_strategy(name)
    rss_base = _rss_mib()
    per_file, total_s, total_pages = {}, 0.0, 0
    for path in pdfs():
        secs, tables, n = 0.0, 0, 0
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                _ = page.chars
                t0 = time.perf_counter()
                found = strategy.find_tables(page, str(path))
                secs += time.perf_counter() - t0
                tables += len(found)
                n += 1
                page.flush_cache()
        per_file[path.name] = {"pages": n, "seconds": secs, "tables": tables}
        total_s += secs
        total_pages += n
    camelot_lattice._CACHE.clear()
    py_peak = 0
    for path in pdfs():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                _ = page.chars
                tracemalloc.start()
                strategy.find_tables(page, str(path))
                py_peak = max(py_peak, tracemalloc.get_traced_memory()[1])
                tracemalloc.stop()
                page.flush_cache()
    return {"per_file": per_file, "pages": total_pages, "seconds": total_s,
            "py_peak_mib": py_peak / 2**20, "rss_base_mib": rss_base, "rss_peak_mib": _rss_mib()}


def main(argv: list[str] | None = None) -> int:
    """CLI: run each strategy in a subprocess and print a markdown table."""
    from hyoka.extract.tables import STRATEGIES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", choices=sorted(STRATEGIES), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    results = {}
    for name in STRATEGIES:
        out = subprocess.run([sys.executable, __file__, "--worker", name], check=True,
                             capture_output=True, text=True).stdout
        results[name] = json.loads(out.strip().splitlines()[-1])
    names = list(results)
    print("| file | pages | " + " | ".join(f"{n} s/page (tables)" for n in names) + " |")
    print("|---|---|" + "---|" * len(names))
    for f in results[names[0]]["per_file"]:
        cols = []
        for n in names:
            r = results[n]["per_file"][f]
            cols.append(f"{r['seconds'] / r['pages']:.3f} ({r['tables']})")
        print(f"| {f} | {results[names[0]]['per_file'][f]['pages']} | " + " | ".join(cols) + " |")
    print()
    print("| strategy | pages | s/page | py heap peak/page MiB | RSS after imports MiB | RSS peak MiB |")
    print("|---|---|---|---|---|---|")
    for n in names:
        r = results[n]
        print(f"| {n} | {r['pages']} | {r['seconds'] / r['pages']:.3f} | {r['py_peak_mib']:.1f} | "
              f"{r['rss_base_mib']:.0f} | {r['rss_peak_mib']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
