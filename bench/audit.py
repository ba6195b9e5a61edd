"""Time the auditors' and analysts' paths on a growing warehouse (SQLite).

The sample set (samples/, 12 PDFs) is ingested ``--rounds`` times into one
fresh SQLite warehouse; from the second round on every file is a new
version of its sheet (a byte appended after ``%%EOF``, which PDF readers
ignore, so the SHA-256 differs), as if each sheet had been republished, so
the history grows by 12 extractions per round while the current facts stay
the same size.  Measured per round (wall seconds):

* ``ingest``: the whole run (extract, normalize, validate, load, relink);
* ``relink``: :func:`load.series.relink` alone, run again after the ingest;
* ``series`` / ``findings`` / ``history``: a full read of
  v_indicator_series, v_validation_findings and v_indicator_values_history;
* ``report``: ``hyoka.report.build_report`` without crops, then ``crops``:
  one trace crop (hyoka.trace.crop_fact) of a known 004 cell.

Run: ``.venv/bin/python bench/audit.py [--rounds 4]`` from the repo root.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hyoka.pipeline import find_pdfs, ingest  # noqa: E402
from hyoka.report import build_report  # noqa: E402
from hyoka.trace import crop_fact  # noqa: E402
from hyoka.load import Warehouse  # noqa: E402
from hyoka.load.series import relink  # noqa: E402


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def round_files(samples: list[Path], work: Path, n: int) -> list[Path]:
    """Copies of ``samples`` for round ``n`` (0: the originals' bytes)."""
    out = []
    for p in samples:
        q = work / f"r{n}" / p.relative_to(REPO / "samples")
        q.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, q)
        if n:
            with open(q, "ab") as f:
                f.write(b"\n%" + str(n).encode() + b"\n")
        out.append(q)
    return out


def main(argv: list[str]) -> int:
    """Print one Markdown table row per round; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args(argv)
    samples = find_pdfs([REPO / "samples"])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'bench.sqlite'}"
        print("| round | extractions | ingest s | s/document | relink s | series s | findings s | history s (rows) | report s | crop s |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for n in range(args.rounds):
            files = round_files(samples, work, n)
            t_ingest, _ = _timed(lambda: ingest(files, url))
            with Warehouse.connect(url) as wh:
                t_relink, _ = _timed(lambda: relink(wh))
                t_series, _ = _timed(lambda: wh.query("SELECT * FROM v_indicator_series"))
                t_findings, _ = _timed(lambda: wh.query("SELECT * FROM v_validation_findings"))
                t_history, hist = _timed(lambda: wh.query("SELECT * FROM v_indicator_values_history"))
                extractions = wh.query("SELECT COUNT(*) AS n FROM v_document_versions")[0]["n"]
                t_report, _ = _timed(lambda: build_report(wh, work / f"report{n}", db_url=url, crops=False))
                fact = wh.query("SELECT fact_id FROM v_indicator_values_history WHERE is_current AND indicator_name = '中小企業相談所の相談件数' "
                                "AND fiscal_year = 2021 AND measure = 'actual'")[0]["fact_id"]
                t_crop, _ = _timed(lambda: crop_fact(wh, fact, work / "crop.png"))
            print(f"| {n + 1} | {extractions} | {t_ingest:.1f} | {t_ingest / len(files):.2f} | {t_relink:.2f} | "
                  f"{t_series:.2f} | {t_findings:.2f} | {t_history:.2f} ({len(hist)}) | {t_report:.1f} | {t_crop:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
