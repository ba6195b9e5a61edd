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
2. **workers and Dask** -- over ``archive-ikeda`` and over
   ``samples-copies`` (the first ``--extract-copies`` copies of the
   re-scan archive below: the samples again with distinct bytes, so none
   is ``unchanged``): the serial ingest (``workers=0``, in this process),
   ``--workers 1`` and ``--workers 2`` (``hyoka.workers.ProcessExecutor``,
   pool start included) and, for ``archive-ikeda``, ``hyoka.distributed``
   on a LocalCluster of ``--dask-workers`` single-threaded worker processes
   (cluster start included), and for ``archive-ikeda`` the CLI itself,
   ``hyoka ingest --workers 0`` and ``--workers 2`` in fresh processes
   (``x serial`` still against the in-process serial run; the CLI pair's own
   ratio in brackets): documents/s, pages/s, ``x serial`` = serial
   seconds / these seconds, ``x bare``, the parent's CPU seconds
   (``time.process_time``: the single writer, hashing, pebble's threads)
   how busy the workers were (the share of workers x wall seconds spent in
   documents, from the (pid, start, end) each pebble worker reports) and
   each worker's peak RSS.  A pebble worker reports its own
   ``ru_maxrss`` with every result (``ProcessExecutor.peak_rss_mib``: one
   figure per worker process, a worker being replaced after
   ``max_tasks_per_child`` documents); a Dask worker's is read on the worker
   after the run (``client.run``); the serial row's is this process's;
3. **re-scan of 2,000 unchanged files** -- the samples copied to 2,000 files
   with distinct bytes (a PDF comment ``%hyoka-bench-copy N`` appended after
   ``%%EOF``, which readers ignore), stored once, then ingested again: every
   file hashed, found by one indexed lookup and recorded ``unchanged``
   without extraction.  The store step records each copy with the facts of
   its base sample (extracted once), i.e. the rows an ingest would write,
   so the bench stays within minutes; ``--extract-all`` extracts all 2,000
   instead.  Target: >= 200 documents/s.

4. **memory per worker** (``--memory``, about 10 more minutes) -- a 500-page
   book (samples/books' 15-page book bound again and again with pypdf, each
   copy with its own objects) and a 3000-page file (one small sheet per page,
   made with reportlab), generated in the temporary folder; each ingested
   alone with ``--workers 1`` and both together with ``--workers 2`` (one
   per worker), the wall-time limit raised to an hour; the peak RSS each
   worker reported.  Target: < 400 MB per worker.

Run from the repo root: ``.venv/bin/python bench/archive.py`` (about 6
minutes on the 2-core machine; ``--skip-dask``, ``--copies N`` and
``--extract-copies N`` shorten it).
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


def timed_serial_ingest(files: list[Path], db: str) -> tuple[float, float]:
    """:func:`serial_ingest`: (wall seconds, this process's CPU seconds)."""
    c0 = time.process_time()
    secs = serial_ingest(files, db)
    return secs, time.process_time() - c0


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


def pages_of(files: list[Path]) -> int:
    """Pages of ``files`` (pypdf's count)."""
    import pypdf

    return sum(len(pypdf.PdfReader(f).pages) for f in files)


def parallel_ingest(files: list[Path], db: str, workers: int, limits=None) -> tuple[float, float, dict[int, float], str]:  # noqa: ANN001
    """One ``pipeline.ingest`` of ``files`` into ``db`` through a
    ``ProcessExecutor(workers)`` (pool start and stop included).  Returns
    (wall seconds, this process's CPU seconds, {worker pid: peak RSS MiB},
    how busy the workers were: the share of workers x wall time spent in
    documents, and when the first document started and the last ended,
    seconds from the start)."""
    from hyoka.pipeline import ingest
    from hyoka.workers import ProcessExecutor

    t0, c0, w0 = time.perf_counter(), time.process_time(), time.time()
    with ProcessExecutor(workers, limits) as ex:
        ingest(files, db, executor=ex)
    secs = time.perf_counter() - t0
    busy = sum(end - start for _, start, end in ex.spans) / (workers * secs)
    first = min(start for _, start, _ in ex.spans) - w0
    last = max(end for _, _, end in ex.spans) - w0
    return secs, time.process_time() - c0, dict(ex.peak_rss_mib), f"{busy:.0%} ({first:.1f}–{last:.1f} s)"


def cli_ingest(files: list[Path], db: str, workers: int) -> float:
    """Wall seconds of ``hyoka ingest --workers N --quiet`` over ``files``
    into ``db`` in a fresh process (interpreter start and imports included)."""
    import subprocess

    t0 = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("hyoka")), "--quiet", "ingest", "--db", db, "--workers", str(workers),
                    *map(str, files)], check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def workers_rows(name: str, files: list[Path], bare_s: float, serial_s: float, serial_cpu: float | None,
                 pages: int, tmp: Path, dask_workers: int | None, cli: bool = False) -> None:
    """Print the workers table of one file set (part 2 of the module doc)."""
    def row(label: str, secs: float, cpu: float | None, rss: str, busy: str = "–") -> None:
        cpu_text = f"{cpu:.1f}" if cpu is not None else "–"
        print(f"| {label} | {secs:.2f} | {len(files) / secs:.2f} | {pages / secs:.2f} | {serial_s / secs:.2f} | "
              f"{bare_s / secs:.2f} | {cpu_text} | {busy} | {rss} |", flush=True)

    print(f"\n{name}: {len(files)} documents, {pages} pages; load average {load_average()}")
    print("| run | s | docs/s | pages/s | x serial | x bare | parent CPU s | workers busy (first start–last end) "
          "| worker peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    row("serial (in process)", serial_s, serial_cpu, f"{rss_mib():.0f} (this process)")
    for n in (1, 2):
        secs, cpu, rss, busy = parallel_ingest(files, f"sqlite:///{tmp / f'{name}-w{n}.sqlite'}", n)
        row(f"--workers {n}", secs, cpu, f"{min(rss.values()):.0f}–{max(rss.values()):.0f} over {len(rss)} processes",
            busy)
    if cli:
        cli_serial = cli_ingest(files, f"sqlite:///{tmp / f'{name}-cli0.sqlite'}", 0)
        cli_two = cli_ingest(files, f"sqlite:///{tmp / f'{name}-cli2.sqlite'}", 2)
        print(f"| `hyoka ingest --workers 0` (CLI, fresh process) | {cli_serial:.2f} | {len(files) / cli_serial:.2f} | "
              f"{pages / cli_serial:.2f} | {serial_s / cli_serial:.2f} | {bare_s / cli_serial:.2f} | – | – | – |")
        print(f"| `hyoka ingest --workers 2` (CLI, fresh process) | {cli_two:.2f} | {len(files) / cli_two:.2f} | "
              f"{pages / cli_two:.2f} | {serial_s / cli_two:.2f} (x CLI serial {cli_serial / cli_two:.2f}) | "
              f"{bare_s / cli_two:.2f} | – | – | – |", flush=True)
    if dask_workers:
        c0 = time.process_time()
        d_s, rss = dask_ingest(files, f"sqlite:///{tmp / f'{name}-dask.sqlite'}", dask_workers)
        row(f"Dask LocalCluster {dask_workers} workers", d_s, time.process_time() - c0,
            ", ".join(f"{r:.0f}" for r in rss))
    print(f"load average after: {load_average()}")


def load_average() -> str:
    """The 1, 5 and 15-minute load averages, as ``uptime`` prints them."""
    import os

    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def bind_book(pages: int, out: Path) -> Path:
    """samples/books' book bound again and again up to ``pages`` pages into
    ``out`` (pypdf; a fresh reader per copy, so each copy's objects are
    written again rather than shared).  Returns ``out``."""
    import pypdf

    src = next((REPO / "samples" / "books").glob("*.pdf"))
    writer, k = pypdf.PdfWriter(), 0
    while k < pages:
        for page in pypdf.PdfReader(src).pages[:pages - k]:
            writer.add_page(page)
            k += 1
    with open(out, "wb") as f:
        writer.write(f)
    return out


def many_pages(pages: int, out: Path) -> Path:
    """A ``pages``-page PDF with one small sheet per page (a title and a
    3 x 4 ruled table of Japanese text and numbers, reportlab's
    HeiseiKakuGo-W5), written to ``out``.  Returns ``out``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(out), pagesize=A4)
    for i in range(pages):
        c.setFont("HeiseiKakuGo-W5", 10)
        c.drawString(60, 800, f"事務事業評価シート 第{i + 1}頁")
        rows = [("指標名", "単位", "目標", "実績"), (f"参加者数{i}", "人", str(100 + i), str(90 + i)),
                ("開催回数", "回", "12", str(i % 13))]
        for r, cells in enumerate(rows):
            for k, text in enumerate(cells):
                c.rect(60 + k * 110, 760 - r * 20, 110, 20)
                c.drawString(64 + k * 110, 766 - r * 20, text)
        c.showPage()
    c.save()
    return out


def memory_rows(tmp: Path) -> None:
    """Print the memory table (part 4 of the module doc)."""
    from hyoka.extract.limits import Limits

    limits = Limits(max_seconds=3600)
    book = bind_book(500, tmp / "book-500-pages.pdf")
    big = many_pages(3000, tmp / "sheets-3000-pages.pdf")
    print(f"\nmemory per worker; load average {load_average()}")
    print("| run | files | pages | MiB on disk | s | worker peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for label, files, n in (("--workers 1", [book], 1), ("--workers 1", [big], 1), ("--workers 2", [book, big], 2)):
        secs, _, rss, _ = parallel_ingest(files, f"sqlite:///{tmp / f'mem-{n}-{files[0].stem}.sqlite'}", n, limits)
        print(f"| {label} | {', '.join(f.name for f in files)} | {pages_of(files)} | "
              f"{sum(f.stat().st_size for f in files) / 2**20:.1f} | {secs:.0f} | "
              f"{', '.join(f'{r:.0f}' for r in rss.values())} |", flush=True)
    print(f"load average after: {load_average()}")


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
    ap.add_argument("--extract-copies", type=int, default=28,
                    help="copies of the samples read by serial, --workers 1 and --workers 2 (default 28: each sample twice)")
    ap.add_argument("--memory", action="store_true", help="also the 500-page book and the 3000-page file (~10 min)")
    ap.add_argument("--extract-all", action="store_true", help="extract every copy instead of storing its base's facts")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="hyoka-archive-"))
    try:
        print(f"load average: {load_average()}\n")
        print("| files | docs | pages | bare pdfplumber s | serial ingest s | ingest docs/s | ingest pages/s "
              "| speed x bare |")
        print("|---|---|---|---|---|---|---|---|")
        serial = {}
        for name, files in file_sets().items():
            bare_s, pages = bare_pdfplumber(files)
            ing_s, cpu = timed_serial_ingest(files, f"sqlite:///{tmp / (name + '.sqlite')}")
            serial[name] = (bare_s, ing_s, pages, cpu)
            print(f"| {name} | {len(files)} | {pages} | {bare_s:.2f} | {ing_s:.2f} | {len(files) / ing_s:.2f} | "
                  f"{pages / ing_s:.2f} | {bare_s / ing_s:.2f} |", flush=True)
        print(f"\nserial process peak RSS: {rss_mib():.0f} MiB")
        files = file_sets()["archive-ikeda"]
        bare_s, ing_s, pages, cpu = serial["archive-ikeda"]
        workers_rows("archive-ikeda", files, bare_s, ing_s, cpu, pages, tmp,
                     None if args.skip_dask else args.dask_workers, cli=True)
        folder = tmp / "copies"
        folder.mkdir()
        pairs = make_copies(args.copies, folder)
        if args.extract_copies:
            files = [p for p, _ in pairs[:args.extract_copies]]
            bare_s, pages = bare_pdfplumber(files)
            db = f"sqlite:///{tmp / 'copies-serial.sqlite'}"
            ing_s, cpu = timed_serial_ingest(files, db)
            workers_rows("samples-copies", files, bare_s, ing_s, cpu, pages, tmp, None)
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
        if args.memory:
            memory_rows(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
