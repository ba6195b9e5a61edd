"""Robustness on generated layouts: hyoka's facts against the generator's truth.

    .venv/bin/python bench/generated.py [--sheets 200] [--books 20] [--seed 0]
                                        [--out DIR] [--jobs 2] [--json FILE]

Generates ``--sheets`` single sheets (templates in turn, sheet i has seed
``--seed + i``) and ``--books`` books (seeds ``--seed + j``) with
:mod:`samples.generate`, runs ``hyoka.pipeline.process_file`` on each PDF
(``--jobs`` worker processes, generation and reading both in the
workers), and matches the facts read to the truth recorded while printing.

Matching (per sheet): an indicator fact is identified by (indicator name
with whitespace removed, fiscal_year, measure), a budget fact by (item via
``normalize.vocabulary.budget_item_for_label``, fiscal_year).  A truth
fact is *correct* when a read fact of that identity exists with the same
status, value (relative 1e-6), unit (width-folded; only for status ok),
is_estimate and page; a truth name found only width-folded among the
facts read is the failure ``name_not_as_printed`` (still one miss and one
spurious fact, as the identity is wrong); ``amount_basis`` is compared when the reader sets one.
Precision = correct / facts read, recall = correct / truth facts; a read
fact of a wrong value counts against both.  A read sheet is paired with a
truth sheet: the file's only sheet for single-sheet files; for books,
the read sheet with the same first page (``DocumentFacts.sheets``; books
are skipped while the pipeline has no ``sheets``).  Splitting accuracy:
truth sheets whose (first_page, last_page, sheet_type) a read sheet
reproduces exactly.

Reports (markdown): P/R/F1 overall and per template, per printing feature
(sheet-level choices such as font or era form, over the single-sheet
files; the value form per cell, recall only), sheet-level accuracy (sheet_type, document_fiscal_year,
policy_code), splitting accuracy, runtime, and the worst failure classes
(template, fact kind, failure) with one reproducing seed each and an
expected-vs-read example.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from samples.generate import TEMPLATES, generate_book, generate_sheet  # noqa: E402


# ---------------------------------------------------------------------------
# Reading: DocumentFacts -> plain sheet dicts (picklable)


def _sheets_of(doc) -> list[dict]:
    """Read sheets of a DocumentFacts as dicts: seq, first/last page,
    sheet_type, document_fiscal_year, policy_code, indicators, budgets."""
    raw = list(getattr(doc, "sheets", None) or [])
    if not raw:
        raw = [doc]
    out = []
    for i, s in enumerate(raw, start=1):
        out.append({
            "seq": getattr(s, "seq", i), "first_page": getattr(s, "first_page", None),
            "last_page": getattr(s, "last_page", None), "sheet_type": getattr(s, "sheet_type", None),
            "document_fiscal_year": getattr(s, "document_fiscal_year", None),
            "policy_code": getattr(s, "policy_code", None),
            "indicators": [{"indicator_name": iv.indicator_name, "fiscal_year": iv.fiscal_year,
                            "measure": iv.measure, "value": iv.value.value, "status": iv.value.status,
                            "unit": iv.unit, "is_estimate": iv.value.is_estimate,
                            "value_text": iv.value.value_text, "page": iv.provenance.page}
                           for iv in s.indicators],
            "budgets": [{"item": bv.item, "fiscal_year": bv.fiscal_year, "value": bv.value.value,
                         "status": bv.value.status, "unit": bv.value.unit,
                         "amount_basis": getattr(bv, "amount_basis", None),
                         "value_text": bv.value.value_text, "page": bv.provenance.page}
                        for bv in s.budgets],
        })
    return out


def _work(job: tuple[str, str, int, str]) -> dict:
    """Generate one file and read it: {truth, read, has_sheets, status, error, t_gen, t_read}."""
    from hyoka.pipeline import process_file
    kind, template, seed, out_dir = job
    t0 = time.perf_counter()
    if kind == "book":
        pdf, truth = generate_book(seed, Path(out_dir))
    else:
        pdf, truth = generate_sheet(template, seed, Path(out_dir))
    t1 = time.perf_counter()
    doc = process_file(pdf)
    t2 = time.perf_counter()
    return {"truth": truth, "read": _sheets_of(doc), "has_sheets": bool(getattr(doc, "sheets", None)),
            "status": doc.status, "error": doc.error, "t_gen": t1 - t0, "t_read": t2 - t1,
            "pdf": str(pdf), "kind": kind, "seed": seed}


# ---------------------------------------------------------------------------
# Matching


def fold_width(text: str) -> str:
    """Width-folded text (normalize.width.fold_width)."""
    from hyoka.normalize.width import fold_width as fw
    return fw(text)


def _name_key(name: str | None) -> str:
    return "".join((name or "").split())


def _item_key(item: str) -> str:
    from hyoka.normalize.vocabulary import budget_item_for_label
    return budget_item_for_label(item) or _name_key(item)


def _unit_key(unit: str | None) -> str | None:
    if unit is None:
        return None
    from hyoka.normalize.width import fold_width
    return "".join(fold_width(unit).split())


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def compare(t: dict, r: dict) -> str | None:
    """None when read fact ``r`` matches truth ``t``, else the failing field."""
    if t["status"] != r["status"]:
        return "wrong_status"
    if not _same_value(t["value"], r["value"]):
        return "wrong_value"
    if t["status"] == "ok" and t.get("unit") and _unit_key(t["unit"]) != _unit_key(r["unit"]):
        return "wrong_unit"
    if bool(t["is_estimate"]) != bool(r.get("is_estimate")):
        return "wrong_estimate"
    if t.get("page") is not None and r.get("page") is not None and t["page"] != r["page"]:
        return "wrong_page"
    if t["kind"] == "budget" and r.get("amount_basis") is not None and r["amount_basis"] != t.get("amount_basis"):
        return "wrong_amount_basis"
    return None


def _tkey(f: dict) -> tuple:
    if f["kind"] == "indicator":
        return ("indicator", _name_key(f["indicator_name"]), f["fiscal_year"], f["measure"])
    return ("budget", f["item"], f["fiscal_year"])


def _rkey_ind(f: dict) -> tuple:
    return ("indicator", _name_key(f["indicator_name"]), f["fiscal_year"], f["measure"])


def _rkey_bud(f: dict) -> tuple:
    return ("budget", _item_key(f["item"]), f["fiscal_year"])


def match_sheet(ts: dict, rs: dict | None) -> dict:
    """Score one truth sheet against one read sheet (None: not found).

    Returns {tp, fp, fn, failures: [(class kind, failure, truth, read)], by_form: {form: [ok, n]}}.
    """
    truth_facts = {_tkey(f): f for f in ts["facts"]}
    read = {}
    dup = 0
    if rs is not None:
        for f in rs["indicators"]:
            read.setdefault(_rkey_ind(f), f) if _rkey_ind(f) not in read else None
        for f in rs["budgets"]:
            k = _rkey_bud(f)
            if k in read:
                dup += 1
            read.setdefault(k, f)
    tp = fp = fn = 0
    failures = []
    by_form: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    folded = {}
    for k in read:
        if k[0] == "indicator" and k not in truth_facts:
            folded.setdefault(("indicator", fold_width(k[1])) + k[2:], k)
    renamed = set()
    for k, t in truth_facts.items():
        kind = t["measure"] if t["kind"] == "indicator" else "budget:" + t["item"]
        r = read.get(k)
        by_form[t["form"]][1] += 1
        if r is None:
            fn += 1
            alt = folded.get(("indicator", fold_width(k[1])) + k[2:]) if k[0] == "indicator" else None
            if alt is not None:  # read, but its name not as printed (width folded)
                renamed.add(alt)
                failures.append((kind, "name_not_as_printed", t, read[alt]))
            else:
                failures.append((kind, "missed", t, None))
            continue
        why = compare(t, r)
        if why is None:
            tp += 1
            by_form[t["form"]][0] += 1
        else:
            fn += 1
            fp += 1
            failures.append((kind, why, t, r))
    for k, r in read.items():
        if k not in truth_facts:
            fp += 1
            if k in renamed:
                continue
            kind = k[3] if k[0] == "indicator" else "budget:" + str(k[1])
            failures.append((kind, "spurious", None, r))
    fp += dup
    return {"tp": tp, "fp": fp, "fn": fn, "failures": failures, "by_form": dict(by_form)}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """(precision, recall, F1); 1.0 for an empty side."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pair_sheets(res: dict) -> list[tuple[dict, dict | None]]:
    """(truth sheet, read sheet or None) pairs of one file (see module doc)."""
    tsheets = res["truth"]["sheets"]
    read = res["read"]
    if res["kind"] == "sheet":
        return [(tsheets[0], read[0] if read else None)]
    by_first = {r["first_page"]: r for r in read}
    return [(t, by_first.get(t["first_page"])) for t in tsheets]


# ---------------------------------------------------------------------------
# Report


#: Printing features every template varies (reported across templates);
#: the others are reported per template, prefixed with its seed number.
COMMON_FEATURES = ("paper", "orientation", "font", "font_size", "value_form", "era_form", "n_years")
SHORT = {"hiratsuka_shisaku_hyoka": "000", "hiratsuka_jigyo_hyoka": "001", "hiratsuka_kobetsu_shisaku": "002",
         "atsugi_jisshi_keikaku_torikumi": "004"}


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def report(results: list[dict], wall: float, jobs: int) -> tuple[str, dict]:
    """Markdown report and a JSON-able summary of ``results`` (see module doc)."""
    totals = Counter()
    per_template: dict[str, Counter] = defaultdict(Counter)
    per_feature: dict[tuple[str, str], Counter] = defaultdict(Counter)
    per_form: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sheet_acc = Counter()
    classes: dict[tuple, list] = defaultdict(list)
    split = Counter()
    books_skipped = 0
    sheets_scored = 0
    for res in results:
        if res["kind"] == "book":
            if not res["has_sheets"]:
                books_skipped += 1
                continue
            tsheets = res["truth"]["sheets"]
            spans = {(r["first_page"], r["last_page"], r["sheet_type"]) for r in res["read"]}
            ok = sum((t["first_page"], t["last_page"], t["template"]) in spans for t in tsheets)
            split["sheets"] += len(tsheets)
            split["sheets_ok"] += ok
            split["books"] += 1
            split["books_exact"] += int(ok == len(tsheets) and len(res["read"]) == len(tsheets))
        for ts, rs in pair_sheets(res):
            sheets_scored += 1
            m = match_sheet(ts, rs)
            key = "book" if res["kind"] == "book" else "sheet"
            for c in (totals, per_template[ts["template"]], per_template[f"({key}s)"]):
                c.update(tp=m["tp"], fp=m["fp"], fn=m["fn"])
            for fname, fval in (ts["features"].items() if res["kind"] == "sheet" else ()):
                if fname not in COMMON_FEATURES:
                    fname = f"{SHORT[ts['template']]}.{fname}"
                per_feature[(fname, str(fval))].update(tp=m["tp"], fp=m["fp"], fn=m["fn"], sheets=1,
                                                       perfect=int(m["fp"] == m["fn"] == 0))
            for form, (ok, n) in m["by_form"].items():
                per_form[form][0] += ok
                per_form[form][1] += n
            sheet_acc["n"] += 1
            if rs is not None:
                sheet_acc["type"] += int(rs["sheet_type"] == ts["template"])
                sheet_acc["year"] += int(rs["document_fiscal_year"] == ts["document_fiscal_year"])
                sheet_acc["policy"] += int(_name_key(rs["policy_code"]) == _name_key(ts["policy_code"]))
            sheet_acc["perfect"] += int(m["fp"] == m["fn"] == 0)
            seed_label = (f"book {res['seed']} sheet {ts['seq']}" if res["kind"] == "book"
                          else f"{ts['template']} {res['seed']}")
            for kind, why, t, r in m["failures"]:
                classes[(ts["template"], kind, why)].append((seed_label, t, r))
    lines = []
    P, R, F = prf(totals["tp"], totals["fp"], totals["fn"])
    n_files = len(results)
    n_pages = sum(r["truth"]["pages"] for r in results)
    t_gen = sum(r["t_gen"] for r in results)
    t_read = sum(r["t_read"] for r in results)
    lines.append(f"files {n_files} ({sum(r['kind'] == 'sheet' for r in results)} sheets, "
                 f"{sum(r['kind'] == 'book' for r in results)} books), pages {n_pages}, "
                 f"sheets scored {sheets_scored}; books skipped (no DocumentFacts.sheets): {books_skipped}")
    lines.append(f"wall {wall:.1f} s with {jobs} workers; generation {t_gen:.1f} s CPU "
                 f"({t_gen / max(n_files, 1):.3f} s/file), reading {t_read:.1f} s "
                 f"({t_read / max(n_pages, 1):.3f} s/page)")
    statuses = Counter(r["status"] for r in results)
    lines.append("document statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    errors = Counter((r["error"] or "")[:120] for r in results if r["status"] == "failed")
    for e, k in errors.most_common(3):
        lines.append(f"  failed x{k}: {e}")
    lines.append("")
    lines.append("| scope | truth facts | read facts | correct | precision | recall | F1 |")
    lines.append("|---|---|---|---|---|---|---|")

    def row(name, c):
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        lines.append(f"| {name} | {c['tp'] + c['fn']} | {c['tp'] + c['fp']} | {c['tp']} | {_fmt(p)} | {_fmt(r)} | {_fmt(f)} |")

    row("**all**", totals)
    for t in sorted(per_template):
        row(t, per_template[t])
    lines.append("")
    n = max(sheet_acc["n"], 1)
    lines.append(f"sheets with F1 = 1: {sheet_acc['perfect']}/{sheet_acc['n']}; sheet_type right "
                 f"{sheet_acc['type']}/{n}, document_fiscal_year right {sheet_acc['year']}/{n}, "
                 f"policy_code right {sheet_acc['policy']}/{n}")
    if split["books"]:
        lines.append(f"book splitting: {split['sheets_ok']}/{split['sheets']} sheets with exact pages and type, "
                     f"{split['books_exact']}/{split['books']} books split exactly")
    lines.append("")
    lines.append("Per printing feature (single-sheet files only, so splitting errors do not blur them; "
                 "worst F1 first, features with F1 < 1 only):")
    lines.append("")
    lines.append("| feature = value | sheets | perfect sheets | precision | recall | F1 |")
    lines.append("|---|---|---|---|---|---|")
    feats = []
    for (fname, fval), c in per_feature.items():
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        feats.append((f, fname, fval, c, p, r))
    for f, fname, fval, c, p, r in sorted(feats, key=lambda x: (x[0], x[1], x[2])):
        if f < 1.0:
            lines.append(f"| {fname} = {fval} | {c['sheets']} | {c['perfect']} | {_fmt(p)} | {_fmt(r)} | {_fmt(f)} |")
    lines.append("")
    lines.append("Per value form (recall of the cells printed that way):")
    lines.append("")
    lines.append("| form | cells | correct | recall |")
    lines.append("|---|---|---|---|")
    for form, (ok, nn) in sorted(per_form.items()):
        lines.append(f"| {form} | {nn} | {ok} | {_fmt(ok / nn if nn else 1.0)} |")
    lines.append("")
    lines.append("Worst failure classes (one reproducing seed each: the one with most failures of the class):")
    lines.append("")
    lines.append("| template | fact | failure | count | sheets | seed | expected | read |")
    lines.append("|---|---|---|---|---|---|---|---|")
    worst = sorted(classes.items(), key=lambda kv: -len(kv[1]))[:25]
    summary_classes = []
    for (tmpl, kind, why), items in worst:
        per_seed = Counter(s for s, _, _ in items)
        seed, _ = per_seed.most_common(1)[0]
        _, t, r = next(x for x in items if x[0] == seed)
        exp = _brief(t)
        got = _brief(r)
        lines.append(f"| {tmpl} | {kind} | {why} | {len(items)} | {len(per_seed)} | {seed} | {exp} | {got} |")
        summary_classes.append({"template": tmpl, "fact": kind, "failure": why, "count": len(items),
                                "sheets": len(per_seed), "seed": seed, "expected": exp, "read": got})
    summary = {"precision": P, "recall": R, "f1": F, "wall_s": wall, "files": n_files, "pages": n_pages,
               "per_template": {t: dict(zip(("precision", "recall", "f1"), prf(c["tp"], c["fp"], c["fn"])))
                                for t, c in per_template.items()},
               "split": dict(split), "sheet_accuracy": dict(sheet_acc), "classes": summary_classes}
    return "\n".join(lines), summary


def _brief(f: dict | None) -> str:
    if f is None:
        return "—"
    name = f.get("indicator_name") or f.get("item")
    name = name if len(name) <= 14 else name[:13] + "…"
    parts = [name, str(f.get("fiscal_year")), f.get("measure") or "", repr(f.get("value_text")),
             f"{f.get('status')}:{f.get('value')}{f.get('unit') or ''}", f"p{f.get('page')}"]
    if f.get("is_estimate"):
        parts.append("est")
    return " ".join(p for p in parts if p).replace("|", "/")


def jobs_for(n_sheets: int, n_books: int, seed: int, out: str) -> list[tuple]:
    """The (kind, template, seed, out dir) jobs of one run."""
    jobs = [("sheet", TEMPLATES[i % len(TEMPLATES)], seed + i, out) for i in range(n_sheets)]
    jobs += [("book", "", seed + j, out) for j in range(n_books)]
    return jobs


def run(n_sheets: int, n_books: int, seed: int, out: str, jobs: int) -> tuple[list[dict], float]:
    """Generate and read every job; returns (results, wall seconds)."""
    from samples.generate import fonts
    fonts.register(fonts.NOTO_SANS_CJK)  # build the font cache once, before the workers
    t0 = time.perf_counter()
    todo = jobs_for(n_sheets, n_books, seed, out)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as ex:
            results = list(ex.map(_work, todo, chunksize=4))
    else:
        results = [_work(j) for j in todo]
    return results, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sheets", type=int, default=200)
    ap.add_argument("--books", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="keep the PDFs and truth here (default: a temp dir)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--json", default=None, help="write the summary as JSON")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = a.out or tmp
        results, wall = run(a.sheets, a.books, a.seed, out, a.jobs)
        text, summary = report(results, wall, a.jobs)
    print(text)
    if a.json:
        Path(a.json).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
