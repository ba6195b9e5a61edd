"""A large warehouse for the report, built from generated sheets, and a
headless-Chromium driver that scrolls through a report.

``build_warehouse(folder)`` prints the sheets of :data:`SEEDS` with the
seeded generator (samples/generate, the same sheets for the same seeds) into
``folder/pdf`` and ingests them with ``hyoka.pipeline.ingest`` into a
fresh SQLite warehouse ``folder/w.sqlite``: 24 sheets of three templates
(平塚市 施策評価シート and 個別施策, 厚木市 取組状況), about 320 indicator
series, 1,400 series-years and the 厚木市 sheets' 結果 rows (達成 / 概ね達成 /
未達成 / 見込み / #VALUE! after 集計中).  The seeds were chosen once, by
the number of distinct indicator names each sheet prints (a printing
feature, read from the generator's truth: greedy, most new names first,
over seeds 0-149 of each template), so that few sheets give many series;
not by what hyoka reads from them.

``Chromium`` drives Debian's ``chromium`` over the DevTools protocol
(websocket-client): open a page from disk, evaluate JavaScript, take a
screenshot.  :data:`SCROLL_CHECK` scrolls every chart container of a report
into view in turn and reports, per container, whether an SVG was drawn,
plus the time to first paint and the DOM size before and after.

Used by tests/test_report.py (one build per module) and bench/report_scale.py.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from samples.generate import generate_sheet

#: template -> seeds (see the module doc for how they were chosen).
SEEDS: dict[str, tuple[int, ...]] = {
    "hiratsuka_kobetsu_shisaku": (0, 16, 52, 61, 67, 113, 134, 141),
    "hiratsuka_shisaku_hyoka": (17, 32, 56, 67, 76, 124, 136, 143, 145),
    "atsugi_jisshi_keikaku_torikumi": (62, 66, 67, 72, 77, 111, 129),
}

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def build_warehouse(folder: Path, seeds: dict[str, tuple[int, ...]] | None = None) -> tuple[str, dict]:
    """Print the generated sheets and ingest them into ``folder/w.sqlite``.

    Args:
        folder: an empty (or new) folder; gets pdf/ (PDFs and truth JSON) and w.sqlite.
        seeds: template -> seeds (default :data:`SEEDS`).
    Returns:
        (SQLAlchemy URL of the warehouse, the IngestResult's statuses {path: status}).
    Raises:
        whatever the generator or ingest raise (nothing is expected).
    """
    from hyoka.pipeline import ingest
    folder = Path(folder)
    pdfs = folder / "pdf"
    for template, chosen in (seeds or SEEDS).items():
        for seed in chosen:
            generate_sheet(template, seed, pdfs)
    url = f"sqlite:///{folder / 'w.sqlite'}"
    result = ingest([pdfs], url)
    return url, dict(result.statuses)


# -- headless Chromium over the DevTools protocol ------------------------------

#: JavaScript (an async function body) run in the report: every ``.lazy-chart``
#: is scrolled to the middle of the viewport in page order, then given up to
#: 5 s to hold a plotly SVG.  Returns first paint (ms after navigation start),
#: DOM element counts before and after, how many charts were drawn before any
#: scrolling, the scroll-through time, and per chart its id, series id, class
#: (series-chart / rate-chart), drawn (bool), number of plotted points and
#: the texts of its SVG (legend, axis, unit).
SCROLL_CHECK = r"""
const paint = performance.getEntriesByType("paint");
const fcp = paint.find(p => p.name === "first-contentful-paint");
const fp = paint.find(p => p.name === "first-paint");
const els = Array.from(document.querySelectorAll(".lazy-chart"));
const domBefore = document.getElementsByTagName("*").length;
const drawnBefore = els.filter(e => e.querySelector("svg.main-svg")).length;
const pageHeight = document.documentElement.scrollHeight;
const t0 = performance.now();
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
const charts = [];
for (const el of els) {
  el.scrollIntoView({block: "center"});
  const deadline = performance.now() + 5000;
  while (!(el.getAttribute("data-drawn") === "1" && el.querySelector("svg.main-svg")) && performance.now() < deadline) {
    await frame();
  }
  charts.push({id: el.id, series_id: el.getAttribute("data-series-id"),
               kind: el.classList.contains("rate-chart") ? "rate-chart" : "series-chart",
               drawn: !!el.querySelector("svg.main-svg"),
               points: el.querySelectorAll("path.point").length,
               legend: Array.from(el.querySelectorAll("text.legendtext")).map(t => t.textContent),
               texts: Array.from(el.querySelectorAll("text")).map(t => t.textContent)});
}
return {first_paint_ms: fp ? fp.startTime : null, first_contentful_paint_ms: fcp ? fcp.startTime : null,
        dom_before: domBefore, dom_after: document.getElementsByTagName("*").length,
        drawn_before_scroll: drawnBefore, scroll_ms: performance.now() - t0, page_height: pageHeight,
        charts: charts};
"""


class Chromium:
    """One headless Chromium with one page, driven over the DevTools protocol.

    ``Chromium(profile)`` starts ``chromium --headless`` with its profile in
    ``profile`` and connects to its first page; use as a context manager (the
    browser is closed on exit).  Raises RuntimeError when chromium is not
    installed or does not open its DevTools port within 30 s.
    """

    def __init__(self, profile: Path, width: int = 1280, height: int = 900):
        import websocket
        if CHROMIUM is None:
            raise RuntimeError("chromium is not installed")
        profile = Path(profile)
        profile.mkdir(parents=True, exist_ok=True)
        port_file = profile / "DevToolsActivePort"
        port_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-default-apps", "--disable-sync", "--no-first-run",
             "--disable-extensions", "--remote-allow-origins=*", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.proc.kill()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            pages = [p for p in json.load(r) if p.get("type") == "page"]
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=120,
                                              suppress_origin=True)
        self._id = 0
        self.events: list[dict] = []
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    def send(self, method: str, **params: Any) -> dict:
        """Call a DevTools method; returns its result. Raises RuntimeError on a protocol error."""
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def open(self, url: str, timeout: float = 60) -> float:
        """Navigate to ``url`` and wait for its load event; returns the seconds it took."""
        self.events.clear()
        t0 = time.perf_counter()
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not load in {timeout} s")
            self.events.append(json.loads(self.ws.recv()))
        return time.perf_counter() - t0

    def evaluate(self, body: str) -> Any:
        """Run ``body`` as the body of an async function in the page; returns its
        JSON value. Raises RuntimeError when it throws."""
        res = self.send("Runtime.evaluate", expression=f"(async () => {{ {body} }})()", awaitPromise=True,
                        returnByValue=True)
        if "exceptionDetails" in res:
            raise RuntimeError(json.dumps(res["exceptionDetails"], ensure_ascii=False)[:2000])
        return res["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        """Write a PNG of the viewport to ``path``."""
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def close(self) -> None:
        """Close the page's connection and the browser."""
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def scroll_check(report_dir: Path, profile: Path, screenshot: Path | None = None) -> dict:
    """Open ``report_dir/index.html`` from disk in headless Chromium, take an
    optional screenshot of the first viewport, then run :data:`SCROLL_CHECK`.

    Returns its result plus ``load_s`` (navigation to load event, seconds)
    and ``html_bytes`` (size of index.html).
    """
    index = Path(report_dir) / "index.html"
    with Chromium(profile) as browser:
        load_s = browser.open(index.resolve().as_uri())
        if screenshot is not None:
            browser.evaluate("await document.fonts.ready; return 0;")
            browser.screenshot(screenshot)
        out = browser.evaluate(SCROLL_CHECK)
    out["load_s"] = load_s
    out["html_bytes"] = os.path.getsize(index)
    return out
