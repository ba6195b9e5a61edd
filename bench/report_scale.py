"""The report at plan scale: first paint, DOM size and chart drawing in headless Chromium.

    .venv/bin/python bench/report_scale.py [--out DIR]

Builds the generated warehouse of tests/report_warehouse.py (24 generated
sheets, about 320 indicator series, SQLite), writes the report
(hyoka.report.build_report, no crops) and opens it from disk in headless
Chromium, then scrolls every chart container into view in turn
(report_warehouse.SCROLL_CHECK).  Prints (markdown) the build, ingest and
report times, index.html size, time to first (contentful) paint, DOM
elements before and after scrolling, charts drawn before any scrolling
(lazy rendering: only those near the first viewport), charts that failed to
draw, and the scroll-through time.  Numbers are for the machine it runs on;
bench/README.md "Report" records one run.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.report_warehouse import build_warehouse, scroll_check  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the bench; returns 0, or 1 when a chart did not draw when scrolled to."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="work folder (default: a temporary one)")
    args = ap.parse_args(argv)
    from hyoka.load import Warehouse
    from hyoka.report import build_report
    work = args.out or Path(tempfile.mkdtemp(prefix="hyoka-report-scale-"))
    t0 = time.perf_counter()
    url, _ = build_warehouse(work)
    t1 = time.perf_counter()
    with Warehouse.connect(url) as wh:
        result = build_report(wh, work / "out", db_url=url, crops=False)
    t2 = time.perf_counter()
    got = scroll_check(work / "out", work / "profile", screenshot=work / "shot.png")
    charts = got["charts"]
    failed = [c["id"] for c in charts if not c["drawn"]]
    print("| measure | value |\n|---|---|")
    for k, v in (("indicator series", result.series), ("chart containers", len(charts)),
                 ("generate + ingest", f"{t1 - t0:.1f} s"), ("build_report", f"{t2 - t1:.1f} s"),
                 ("index.html", f"{got['html_bytes'] / 1e6:.2f} MB"),
                 ("load event", f"{got['load_s']:.2f} s"),
                 ("first contentful paint", f"{got['first_contentful_paint_ms']:.0f} ms"),
                 ("DOM elements before scrolling", got["dom_before"]),
                 ("DOM elements after scrolling through", got["dom_after"]),
                 ("charts drawn before scrolling", got["drawn_before_scroll"]),
                 ("charts not drawn when scrolled to", len(failed)),
                 ("scroll-through (every container)", f"{got['scroll_ms'] / 1000:.1f} s"),
                 ("page height", f"{got['page_height']:,} px")):
        print(f"| {k} | {v} |")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
