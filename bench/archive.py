"""Archive-scale throughput: hyoka ingest against bare pdfplumber, serial and on Dask.

Every figure is measured in this one run, and speeds are given as ratios to
bare pdfplumber measured on the same files in the same run (the reference
of issue 10: per page ``page.chars`` + ``page.find_tables`` with hyoka's
settings + ``page.extract_text``, then ``flush_cache``):

1. **speed per file set** -- ``samples`` (every PDF under samples/),
   ``real-jp`` (../shared/corpus/real-jp minus the corrupt file) and
   ``archive-ikeda`` (../shared/corpus/archive-ikeda, 100 real 池田市
   sheets): documents/s and pages/s of bare pdfplumber and of a serial
   ``hyoka.pipeline.ingest`` into a fresh SQLite warehouse (hashing,
   extraction, normalization, writing and relinking included);
   ``speed x`` = bare seconds / ingest seconds (>= 1.0: ingest is at least
   as fast as the parser alone);
2. **Dask** -- ``archive-ikeda`` through ``hyoka.distributed.ingest`` on a
   LocalCluster of ``--dask-workers`` single-threaded worker processes
   (cluster start included), its speed against serial, and each worker's
   peak RSS (``ru_maxrss``, read on the worker after the run); the serial
   row's RSS is this process's;
3. **re-scan of 2,000 unchanged files** -- the samples copied to 2,000 files
   with distinct bytes (a PDF comment ``%hyoka-bench-copy N`` appended after
   ``%%EOF``, which readers ignore), stored once, then ingested again: every
   file hashed, found by one indexed lookup and recorded ``unchanged``
   without extraction.  The store step records each copy with the facts of
   its base sample (extracted once), i.e. the rows an ingest would write,
   so the bench stays within minutes; ``--extract-all`` extracts all 2,000
   instead.  Target: >= 200 documents/s.

Run from the repo root: ``.venv/bin/python bench/archive.py`` (about 4
minutes on the 2-core machine; ``--skip-dask`` and ``--copies N`` shorten it).
"""
from __future__ import annotations

import argparse
import dataclasses
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpus"
SKIP = {"fuji-r8-corrupt-streams.pdf"}


def file_sets() -> dict[str, list[Path]]:
    """The three file sets benchmarked, name -> sorted PDF paths."""
    return {
        "samples": sorted((REPO / "samples").rglob("*.pdf")),
        "real-jp": [p for p in sorted((CORPUS / "real-jp").glob("*.pdf")) if p.name not in SKIP],
        "archive-ikeda": sorted((CORPUS / "archive-ikeda").glob("*.pdf")),
    }


def rss_mib() -> float:
    """Peak resident set of the calling process, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_pdfplumber(files: list[Path]) -> tuple[float, int]:
    """Seconds and pages of the reference: chars + find_tables + extract_text per page."""
    import pdfplumber

    from hyoka.extract.tables.plumber import SETTINGS

    pages = 0
    t0 = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                _ = page.chars
                page.find_tables(SETTINGS)
                page.extract_text()
                page.flush_cache()
                pages += 1
    return time.perf_counter() - t0, pages


def serial_ingest(files: list[Path], db: str) -> float:
    """Seconds of one serial ``pipeline.ingest`` of ``files`` into ``db``."""
    from hyoka.pipeline import ingest

    t0 = time.perf_counter()
    ingest(files, db)
    return time.perf_counter() - t0


def dask_ingest(files: list[Path], db: str, n_workers: int) -> tuple[float, list[float]]:
    """Seconds of a Dask LocalCluster ingest (cluster start included) and
    the workers' peak RSS in MiB, read on each worker after the run."""
    from distributed import Client, LocalCluster

    from hyoka import distributed as hd

    t0 = time.perf_counter()
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        hd.ingest(files, db, cluster.scheduler_address)
        secs = time.perf_counter() - t0
        with Client(cluster) as client:
            rss = list(client.run(rss_mib).values())
    return secs, rss


def make_copies(n: int, folder: Path) -> list[tuple[Path, Path]]:
    """``n`` copies of the samples with distinct bytes in ``folder``;
    returns (copy, base sample) pairs in file order."""
    bases = file_sets()["samples"]
    out = []
    for i in range(n):
        base = bases[i % len(bases)]
        dst = folder / f"{i:05d}-{base.name}"
        shutil.copyfile(base, dst)
        with open(dst, "ab") as f:
            f.write(f"\n%hyoka-bench-copy {i}\n".encode())
        out.append((dst, base))
    return out


def store_copies(pairs: list[tuple[Path, Path]], db: str) -> float:
    """Store every copy as the ingest would (its base's facts under the
    copy's name and SHA-256, one transaction each); returns seconds."""
    from hyoka import __version__
    from hyoka.extract import sha256_of
    from hyoka.load import Warehouse
    from hyoka.load.series import relink
    from hyoka.pipeline import process_file

    t0 = time.perf_counter()
    facts = {base: process_file(base) for base in {b for _, b in pairs}}
    with Warehouse.connect(db) as wh:
        load_id = wh.begin_load(__version__)
        for copy, base in pairs:
            f = dataclasses.replace(facts[base], source_file=copy.name, sha256=sha256_of(copy))
            wh.record(load_id, f, source_path=str(copy.resolve()), tool_version=__version__)
        relink(wh)
        wh.finish_load(load_id, "finished")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    """CLI: run the three parts and print markdown tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2000, help="files of the re-scan archive (default 2000)")
    ap.add_argument("--dask-workers", type=int, default=2)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--extract-all", action="store_true", help="extract every copy instead of storing its base's facts")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="hyoka-archive-"))
    try:
        print("| files | docs | pages | bare pdfplumber s | serial ingest s | ingest docs/s | ingest pages/s "
              "| speed x bare |")
        print("|---|---|---|---|---|---|---|---|")
        serial = {}
        for name, files in file_sets().items():
            bare_s, pages = bare_pdfplumber(files)
            ing_s = serial_ingest(files, f"sqlite:///{tmp / (name + '.sqlite')}")
            serial[name] = (bare_s, ing_s, pages)
            print(f"| {name} | {len(files)} | {pages} | {bare_s:.2f} | {ing_s:.2f} | {len(files) / ing_s:.2f} | "
                  f"{pages / ing_s:.2f} | {bare_s / ing_s:.2f} |", flush=True)
        print(f"\nserial process peak RSS: {rss_mib():.0f} MiB")
        if not args.skip_dask:
            files = file_sets()["archive-ikeda"]
            bare_s, ing_s, pages = serial["archive-ikeda"]
            d_s, rss = dask_ingest(files, f"sqlite:///{tmp / 'dask.sqlite'}", args.dask_workers)
            print(f"\n| archive-ikeda | s | docs/s | pages/s | x serial | x bare | worker peak RSS MiB |")
            print("|---|---|---|---|---|---|---|")
            print(f"| serial | {ing_s:.2f} | {len(files) / ing_s:.2f} | {pages / ing_s:.2f} | 1.00 | "
                  f"{bare_s / ing_s:.2f} | {rss_mib():.0f} (this process) |")
            print(f"| Dask LocalCluster {args.dask_workers} workers | {d_s:.2f} | {len(files) / d_s:.2f} | "
                  f"{pages / d_s:.2f} | {ing_s / d_s:.2f} | {bare_s / d_s:.2f} | "
                  f"{', '.join(f'{r:.0f}' for r in rss)} |", flush=True)
        folder = tmp / "copies"
        folder.mkdir()
        pairs = make_copies(args.copies, folder)
        db = f"sqlite:///{tmp / 'rescan.sqlite'}"
        if args.extract_all:
            store_s = serial_ingest([folder], db)
        else:
            store_s = store_copies(pairs, db)
        t0 = time.perf_counter()
        from hyoka.pipeline import ingest
        result = ingest([folder], db)
        rescan_s = time.perf_counter() - t0
        statuses = set(result.statuses.values())
        mib = sum(p.stat().st_size for p, _ in pairs) / 2**20
        print(f"\n| re-scan archive | files | MiB | first load s | re-scan s | re-scan docs/s | statuses |")
        print("|---|---|---|---|---|---|---|")
        print(f"| samples x copies | {len(pairs)} | {mib:.0f} | {store_s:.1f} "
              f"({'extracted' if args.extract_all else 'stored'}) | {rescan_s:.2f} | "
              f"{len(pairs) / rescan_s:.0f} | {', '.join(sorted(statuses))} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
