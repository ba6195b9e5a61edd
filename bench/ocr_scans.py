"""Scanned samples read by OCR against their born-digital readings (issue 8).

Every page of every born-digital sample (samples/[0-9][0-9][0-9]-*.pdf: six
files, 16 pages) is "scanned" under each condition of
tests/test_scans.py ``CONDITIONS`` (150/200/300 dpi, grey and bilevel,
tilt ±1°, blur, noise, JPEG, binding shadow; scans written to a temp dir),
and each scan is ingested as ``hyoka ingest`` does — hyoka.workers'
ProcessExecutor, ``--ocr auto``, the default per-document limits — on
``--workers`` processes (default 2, this machine's cores).

Truth: the same sample's born-digital reading (text layer, ``--ocr
never``).  Per condition (tests/test_scans.py ``fact_scores``; facts paired
by page, year, measure / basis and nearest cell):

- indicator + budget facts: *recall* = truth facts read with the same value
  and status / truth facts; *precision* = facts read with status ok whose
  value is the truth's / facts read with status ok (a doubtful reading is
  ``unparsed``, not a claim); *precision (all)* = facts whose value and
  status are the truth's / all facts read;
- *false certain*: ok facts that differ from the truth with ocr_confidence
  at or above normalize.ocr.OCR_MIN_CONFIDENCE (must be 0);
- text blocks: each truth block against the best rapidfuzz ratio among the
  scan's blocks of the same section; share of truth blocks >= 90;
- pages/s: pages / wall seconds of the whole ingest of that condition's
  files on the workers; the slowest document (sample 004: 10 pages) against
  the wall-time limit (``Limits.max_seconds``).

Run: ``.venv/bin/python bench/ocr_scans.py [--conditions 200dpi-grey,...]
[--samples 000,005] [--workers 2] [--json out.json]`` (all conditions:
about 15-40 min on 2 cores, depending on load).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SAMPLES = sorted((REPO / "samples").glob("[0-9][0-9][0-9]-*.pdf"))


def run(conditions, samples, workers: int) -> list[dict]:  # noqa: ANN001
    """Figures per condition (see the module docstring)."""
    from hyoka.extract import extract_document, sha256_of
    from hyoka.extract.limits import Limits
    from hyoka.normalize import normalize_document
    from hyoka.workers import Job, ProcessExecutor
    from tests.test_scans import block_share, fact_scores, scanned

    truths = {p.name: normalize_document(extract_document(p, ocr="never")) for p in samples}
    limits = Limits()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, ProcessExecutor(workers, limits) as ex:
        for cond in conditions:
            folder = Path(tmp) / cond.name
            folder.mkdir()
            files = [scanned(p, folder / p.name, scanner=cond) for p in samples]
            jobs = [Job(i, f, f.name, sha256_of(f), ocr="auto") for i, f in enumerate(files)]
            t0 = time.perf_counter()
            results = list(ex.map(jobs))
            wall = time.perf_counter() - t0
            agg = {"truth": 0, "read": 0, "correct": 0, "ok": 0, "ok_correct": 0, "false_certain": 0,
                   "doubted": 0, "doubted_right": 0}
            blocks_good = blocks = pages = 0
            statuses, wrong = {}, []
            for job, facts in results:
                truth = truths[job.name]
                statuses[job.name] = facts.status if facts.status == "loaded" else f"{facts.status}: {facts.error}"
                pages += truth.page_count or 0
                s = fact_scores(truth, facts)
                for k in agg:
                    agg[k] += len(s[k]) if k == "false_certain" else s[k]
                wrong += [f"{job.name}: {t and t.value.value_text!r} read {g.value.value_text!r} "
                          f"({g.ocr_confidence})" for t, g in s["false_certain"]]
                g, n = block_share(truth, facts)
                blocks_good, blocks = blocks_good + g, blocks + n
            rows.append({"condition": cond.name, "files": len(files), "pages": pages, "seconds": round(wall, 1),
                         "pages_per_s": round(pages / wall, 3), **agg,
                         "recall": round(agg["correct"] / agg["truth"], 3) if agg["truth"] else None,
                         "precision": round(agg["ok_correct"] / agg["ok"], 4) if agg["ok"] else None,
                         "precision_all": round(agg["correct"] / agg["read"], 3) if agg["read"] else None,
                         "blocks": blocks, "blocks_ge_90": round(blocks_good / blocks, 3) if blocks else None,
                         "statuses": statuses, "false_certain_facts": wrong,
                         "max_seconds_limit": limits.max_seconds})
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return rows


def table(rows: list[dict]) -> str:
    """The markdown table of bench/README.md "OCR scans"."""
    out = ["| condition | pages | truth facts | read ok | precision (ok) | precision (all) | recall | "
           "false certain | doubted (right after all) | blocks ≥ 90 | pages/s |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['condition']} | {r['pages']} | {r['truth']} | {r['ok']} | {r['precision']} | "
                   f"{r['precision_all']} | {r['recall']} | {r['false_certain']} | "
                   f"{r['doubted']} ({r['doubted_right']}) | {r['blocks_ge_90']} | {r['pages_per_s']} |")
    tot = {k: sum(r[k] for r in rows) for k in ("pages", "truth", "ok", "ok_correct", "correct", "read",
                                               "false_certain", "seconds", "doubted", "doubted_right")}
    if rows and tot["truth"]:
        share = sum(r["blocks_ge_90"] * r["blocks"] for r in rows) / max(1, sum(r["blocks"] for r in rows))
        out.append(f"| **all** | {tot['pages']} | {tot['truth']} | {tot['ok']} | "
                   f"{tot['ok_correct'] / max(1, tot['ok']):.4f} | {tot['correct'] / max(1, tot['read']):.3f} | "
                   f"{tot['correct'] / tot['truth']:.3f} | {tot['false_certain']} | "
                   f"{tot['doubted']} ({tot['doubted_right']}) | {share:.3f} | "
                   f"{tot['pages'] / tot['seconds']:.3f} |")
    return "\n".join(out)


def main() -> None:
    """Parse the arguments, run, print the table (and write --json)."""
    from tests.test_scans import CONDITIONS

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conditions", help="comma-separated condition names (default: all)")
    ap.add_argument("--samples", help="comma-separated sample ids (default: all six)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    conds = [c for c in CONDITIONS if not a.conditions or c.name in a.conditions.split(",")]
    samples = [p for p in SAMPLES if not a.samples or p.name[:3] in a.samples.split(",")]
    rows = run(conds, samples, a.workers)
    if a.json:
        a.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    print(table(rows))


if __name__ == "__main__":
    main()
