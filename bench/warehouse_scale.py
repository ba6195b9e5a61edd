"""Contract-view latencies, relink and one record on a synthetic warehouse of N sheets (issue 10).

Builds a warehouse of ``--sheets`` sheets (default 100,000) with the real
DDL (``Warehouse.connect`` creates the schema from sql/) and bulk inserts
(SQLite: executemany on one connection, then the ``ANALYZE`` an ingest
runs at its end, ``Warehouse.refresh_statistics``; PostgreSQL: COPY, then
``VACUUM ANALYZE`` as autovacuum would after a large load), then brings the
derived state up the way the load code does (the version table of layout 5
through ``load.versions.refresh_versions`` when it exists, the indicator
series through ``load.series.relink``).  Shape of the data:

- 51 municipalities (one is 平塚市 142034) x 4 templates x policy codes x
  fiscal years 2015-2024 make the document keys; 80 % of keys have one
  version, 15 % two (a republication), 5 % three; 2 % of contents are
  re-extracted by a later load (``--reprocess``: extraction 2); 1 % of the
  keys with several versions are pinned to their first version
  (version_pins); publication dates printed for most, some undated, some
  reprints of the same day that print fewer cells; 20 loads.
- per sheet: 16 indicator values (8 indicators x target/actual; names from a
  vocabulary of 40 per (municipality, template), some re-worded), 2
  indicator_policies rows, 8 budget values, 3 text blocks, 10 raw cells and
  one validation finding per 10 sheets.

Timed queries (median wall seconds of ``--repeat`` runs, all rows fetched),
per contract view; ``:key`` is a key with three versions, ``:sha`` its
current content, ``:code``/``:policy`` one policy of one municipality,
``:year`` one fiscal year:

- ``key``: the facts of one document_key — ``SELECT * FROM v_X WHERE
  document_key = :key`` (v_documents: ``WHERE source_sha256 = :sha``;
  v_raw_cells, which has no key: ``WHERE source_sha256 = :sha``);
- ``policy``: one policy's series — v_indicator_values / v_budget_values
  ``WHERE municipality_code = :code AND policy_code = :policy ORDER BY
  document_fiscal_year, fiscal_year``; v_text_blocks ``WHERE municipality =
  :name AND policy_code = :policy``; v_sheets ``WHERE municipality_code =
  :code AND policy_code = :policy``;
- ``year``: ``SELECT * FROM v_X WHERE fiscal_year = :year LIMIT 1000``
  (document_fiscal_year for v_documents, v_sheets, v_text_blocks; v_raw_cells
  plain ``LIMIT 1000``);
- ``count``: ``SELECT COUNT(*) FROM v_X``;
- ``current``: the current-version lookup — ``SELECT source_sha256, load_id,
  sheet_seq FROM v_sheets WHERE document_key = :key AND is_current`` and the
  same on v_document_versions;
- references on the raw tables in the same run: ``COUNT(*)`` of the fact
  table and ``SELECT * FROM <table> WHERE source_sha256 = :sha``.

Then, in the 100k warehouse: ``relink`` (the full rewrite of
indicator_links), ``record``: ``Warehouse.record`` of a real sheet
(samples/000, then its republished correction, each a new version of a key
the synthetic warehouse already holds, so the version succession changes),
and the relink that follows one such load (incremental where
``load.series.relink`` takes ``load_id``).

Run from the repo root::

    .venv/bin/python bench/warehouse_scale.py                 # SQLite, 100,000 sheets
    .venv/bin/python bench/warehouse_scale.py --pg postgresql+psycopg://hyoka:hyoka@127.0.0.1:5432/hyoka_test
    HYOKA_TEST_PG_URL=... .venv/bin/python bench/warehouse_scale.py --sheets 20000

``--pg URL`` (or $HYOKA_TEST_PG_URL) benchmarks PostgreSQL too, in a fresh
schema dropped afterwards.  Prints Markdown tables.
"""
from __future__ import annotations

import argparse
import inspect
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.schema import CreateSchema, DropSchema  # noqa: E402

from hyoka.load import Warehouse  # noqa: E402
from hyoka.load.schema import warehouse_engine  # noqa: E402
from hyoka.load.series import relink  # noqa: E402

TEMPLATES = ("hiratsuka_shisaku_hyoka", "hiratsuka_jigyo_hyoka", "atsugi_torikumi", "generic_sheet")
REAL_KEY = "142034/hiratsuka_shisaku_hyoka/４－①/2023"
SAMPLE = REPO / "samples" / "000-hiratsuka-r5-shisaku-4-1.pdf"
REPUBLISHED = REPO / "samples" / "republished" / "000r1-hiratsuka-r5-shisaku-4-1-corrected.pdf"


def _sha(rng: random.Random) -> str:
    return "%064x" % rng.getrandbits(256)


def generate(n_sheets: int, seed: int = 10):
    """Yield (table, row dict) for a synthetic warehouse of ``n_sheets`` sheets
    (module doc: the shape), parents before children."""
    rng = random.Random(seed)
    loads = [f"2025{m:02d}{d:02d}T0{h}0000.000000Z-{i:04x}"
             for i, (m, d, h) in enumerate((1 + k // 2, 1 + 10 * (k % 2), k % 10) for k in range(20))]
    for i, lid in enumerate(loads):
        yield "loads", {"load_id": lid, "started_at": f"2025-{1 + i // 2:02d}-01T00:00:00+00:00",
                        "finished_at": f"2025-{1 + i // 2:02d}-01T01:00:00+00:00", "tool_version": "bench",
                        "status": "finished", "pid": None, "host": "bench", "message": None}
    codes = ["142034"] + [f"{140000 + 37 * i:06d}" for i in range(1, 51)]
    vocab = {}
    made = 0
    serial = 0
    keys_done = 0
    while made < n_sheets:
        code = codes[keys_done % len(codes)]
        template = TEMPLATES[(keys_done // len(codes)) % len(TEMPLATES)]
        policy = f"P-{(keys_done // (len(codes) * len(TEMPLATES))) % 50 + 1}"
        year = 2015 + (keys_done // (len(codes) * len(TEMPLATES) * 50)) % 10
        keys_done += 1
        key = f"{code}/{template}/{policy}/{year}"
        if made == 0:
            code, template, policy, year, key = "142034", TEMPLATES[0], "４－①", 2023, REAL_KEY
        r = rng.random()
        n_versions = 3 if (made == 0 or r < 0.05) else 2 if r < 0.20 else 1
        names = vocab.setdefault((code, template), [f"指標{j}（年間）" for j in range(40)])
        for v in range(n_versions):
            sha = _sha(rng)
            load = loads[min(19, v * 6 + rng.randrange(6))]
            extractions = [load] + ([loads[19]] if rng.random() < 0.02 and load != loads[19] else [])
            dated = rng.random() < 0.9
            published = f"{year + 1}-{6 + v:02d}-{1 + (0 if rng.random() < 0.05 else v * 3):02d}" if dated else None
            fname = f"{code}-{template}-{policy}-{year}" + ("" if v == 0 else f"-r{v}") + ".pdf"
            for ex_load in extractions:
                serial += 1
                recorded = f"{ex_load[:4]}-{ex_load[4:6]}-{ex_load[6:8]}T{ex_load[9:11]}:00:00.{serial % 1000000:06d}+00:00"
                yield "documents", {
                    "source_sha256": sha, "load_id": ex_load, "source_file": fname,
                    "source_path": f"/archive/{fname}", "recorded_at": recorded, "tool_version": "bench",
                    "status": "loaded", "municipality": f"市{code}", "municipality_code": code,
                    "document_fiscal_year": year, "sheet_type": template, "classification_score": 95.0,
                    "page_count": 2, "title": f"{policy} 評価シート", "subject": None, "policy_code": policy,
                    "policy_name": f"{policy}の施策", "sheet_count": 1, "text_source": "text_layer"}
                typed = 24 - (3 if published and rng.random() < 0.1 else 0)
                yield "sheets", {
                    "source_sha256": sha, "load_id": ex_load, "sheet_seq": 1, "document_key": key,
                    "first_page": 1, "last_page": 2, "sheet_type": template, "classification_score": 95.0,
                    "municipality": f"市{code}", "municipality_code": code, "document_fiscal_year": year,
                    "title": f"{policy} 評価シート", "subject": None, "policy_code": policy,
                    "policy_name": f"{policy}の施策", "text_source": "text_layer", "numeric_cells": 26,
                    "typed_cells": typed, "coverage": typed / 26, "rule_ids": None,
                    "published_at": published, "published_source": "printed" if published else None}
                yield "load_documents", {
                    "load_id": ex_load, "source_file": fname, "source_path": f"/archive/{fname}",
                    "source_path_hex": None, "source_sha256": sha, "status": "loaded", "error": None,
                    "municipality": f"市{code}", "municipality_code": code, "document_fiscal_year": year,
                    "sheet_type": template, "classification_score": 95.0, "page_count": 2, "sheet_count": 1,
                    "text_source": "text_layer", "extraction_load_id": ex_load,
                    "started_at": recorded, "finished_at": recorded}
                yield from _facts(rng, sha, ex_load, code, policy, year, names, v)
                made += 1
        if n_versions > 1 and rng.random() < 0.01:
            yield "version_pins", {"document_key": key, "source_sha256": "__first__", "pinned_at":
                                   "2025-12-01T00:00:00+00:00", "reason": "bench"}


def _facts(rng, sha, load, code, policy, year, names, version):
    """The fact rows of one synthetic sheet (module doc)."""
    where = {"page": 1, "x0": 10.0, "top": 20.0, "x1": 110.0, "bottom": 40.0}
    chosen = rng.sample(range(len(names)), 8)
    seq = 0
    for k, j in enumerate(chosen):
        name = names[j] if rng.random() > 0.05 else names[j].replace("（年間）", "【年間】")
        for measure in ("target", "actual"):
            seq += 1
            value = float(rng.randrange(1, 5000)) + version
            yield "indicator_values", {
                "source_sha256": sha, "seq": seq, "load_id": load, "sheet_seq": 1,
                "fact_id": f"iv:{sha[:16]}:{load[-4:]}:{seq}", "policy_code": policy,
                "policy_name": f"{policy}の施策", "indicator_name": name, "fiscal_year": year - (k % 3),
                "measure": measure, "unit": "件", "value": value, "value_unit": "件", "value_std": value,
                "unit_std": "件", "value_text": f"{value:,.0f}件", "status": "ok", "note": None,
                "is_estimate": False, "rule_ids": "value.thousands", "ocr_confidence": None, **where}
            if seq <= 2:
                yield "indicator_policies", {
                    "source_sha256": sha, "indicator_seq": seq, "ordinal": 1, "load_id": load,
                    "policy_code": policy, "rule_ids": None, **where}
    for seq in range(1, 9):
        value = float(rng.randrange(100, 90000))
        yield "budget_values", {
            "source_sha256": sha, "seq": seq, "load_id": load, "sheet_seq": 1,
            "fact_id": f"bv:{sha[:16]}:{load[-4:]}:{seq}", "policy_code": policy, "project_name": f"事業{seq % 3}",
            "item": ("事業費", "国庫支出金", "県支出金", "一般財源")[seq % 4], "fiscal_year": year - (seq % 2),
            "value": value, "unit": "千円", "value_std": value * 1000, "unit_std": "円",
            "value_text": f"{value:,.0f}", "status": "ok", "note": None, "is_estimate": False,
            "amount_basis": "settled", "rule_ids": None, "ocr_confidence": None, **where}
    for seq, section in enumerate(("成果", "課題", "今後の方針"), 1):
        yield "text_blocks", {
            "source_sha256": sha, "seq": seq, "load_id": load, "sheet_seq": 1,
            "fact_id": f"tb:{sha[:16]}:{load[-4:]}:{seq}", "section": section, "ordinal": 1, "heading": section,
            "text": f"{policy}の{section}について、事業を着実に推進した。" * 3, "policy_code": policy,
            "rule_ids": None, "ocr_confidence": None, **where}
    for seq in range(1, 11):
        yield "raw_cells", {
            "source_sha256": sha, "seq": seq, "load_id": load, "sheet_seq": 1,
            "fact_id": f"rc:{sha[:16]}:{load[-4:]}:{seq}", "ocr_confidence": None, "page": 1,
            "table_index": 1, "row_index": seq // 4, "col_index": seq % 4, "row_span": 1, "col_span": 1,
            "text": str(seq * 100), "rule_ids": None, "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0}
    if rng.random() < 0.1:
        yield "validation_findings", {
            "source_sha256": sha, "load_id": load, "sheet_seq": 1, "seq": 1,
            "finding_id": f"vf:{sha[:16]}:{load[-4:]}:1", "rule_id": "bench.rule", "severity": "warning",
            "message": "bench finding", "fact_ids": None, "page": 1, "x0": None, "top": None, "x1": None,
            "bottom": None}


ORDER = ("loads", "documents", "sheets", "load_documents", "indicator_values", "indicator_policies",
         "budget_values", "text_blocks", "raw_cells", "validation_findings", "version_pins")


def build(url: str, n_sheets: int) -> dict:
    """Create the schema at ``url`` and bulk-load the synthetic rows; returns
    {'rows': {table: n}, 'insert_s', 'derive_s'} (derive: versions + relink)."""
    Warehouse.connect(url).close()
    engine = create_engine(url)
    counts: dict[str, int] = {}
    first_sha: dict[str, str] = {}
    start = time.perf_counter()
    with engine.begin() as conn:
        cols = {t: [c for c in _columns(conn, t)] for t in ORDER}
        buffers: dict[str, list] = {t: [] for t in ORDER}
        raw = conn.connection.driver_connection
        pg = engine.dialect.name == "postgresql"

        def flush(t):
            rows = buffers[t]
            if not rows:
                return
            if pg:
                with raw.cursor() as cur, cur.copy(f"COPY {t} ({', '.join(cols[t])}) FROM STDIN") as cp:
                    for r in rows:
                        cp.write_row(r)
            else:
                raw.executemany(f"INSERT INTO {t} ({', '.join(cols[t])}) VALUES ({', '.join('?' * len(cols[t]))})",
                                rows)
            counts[t] = counts.get(t, 0) + len(rows)
            buffers[t] = []

        if not pg:
            raw.execute("PRAGMA foreign_keys = OFF")
        for t, row in generate(n_sheets):
            if t == "sheets":
                first_sha.setdefault(row["document_key"], row["source_sha256"])
            if t == "version_pins":
                row["source_sha256"] = first_sha[row["document_key"]]
            buffers[t].append(tuple(row.get(c) for c in cols[t]))
            if len(buffers[t]) >= 20000:
                for p in ORDER[:ORDER.index(t) + 1]:  # parents first (PostgreSQL checks foreign keys)
                    flush(p)
        for t in ORDER:
            flush(t)
    insert_s = time.perf_counter() - start
    start = time.perf_counter()
    with engine.begin() as conn:
        from sqlalchemy import inspect as sa_inspect
        if "sheet_versions" in sa_inspect(conn).get_table_names():  # layout 5 on
            from hyoka.load.versions import refresh_versions
            refresh_versions(conn)
    derive_versions = time.perf_counter() - start
    if engine.dialect.name == "postgresql":
        # what autovacuum does to a warehouse after a large load: statistics and
        # the visibility map (index-only scans), the versions table included
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with Warehouse(warehouse_engine(url)) as wh:
            wh.refresh_statistics()  # what an ingest does at its end
    engine.dispose()
    return {"rows": counts, "insert_s": insert_s, "versions_s": derive_versions}


def _columns(conn, table: str) -> list[str]:
    from sqlalchemy import inspect as sa_inspect
    return [c["name"] for c in sa_inspect(conn).get_columns(table)]


def queries() -> list[tuple[str, str, str]]:
    """(view, kind, SQL) of the timed queries (module doc)."""
    q = []
    for v in ("v_indicator_values", "v_budget_values"):
        q += [(v, "key", f"SELECT * FROM {v} WHERE document_key = :key"),
              (v, "policy", f"SELECT * FROM {v} WHERE municipality_code = :code AND policy_code = :policy "
                            f"ORDER BY document_fiscal_year, fiscal_year"),
              (v, "year", f"SELECT * FROM {v} WHERE fiscal_year = :year LIMIT 1000"),
              (v, "count", f"SELECT COUNT(*) FROM {v}")]
    v = "v_text_blocks"
    q += [(v, "key", f"SELECT * FROM {v} WHERE document_key = :key"),
          (v, "policy", f"SELECT * FROM {v} WHERE municipality = :name AND policy_code = :policy"),
          (v, "year", f"SELECT * FROM {v} WHERE document_fiscal_year = :year LIMIT 1000"),
          (v, "count", f"SELECT COUNT(*) FROM {v}")]
    v = "v_sheets"
    q += [(v, "key", f"SELECT * FROM {v} WHERE document_key = :key"),
          (v, "policy", f"SELECT * FROM {v} WHERE municipality_code = :code AND policy_code = :policy"),
          (v, "year", f"SELECT * FROM {v} WHERE document_fiscal_year = :year LIMIT 1000"),
          (v, "count", f"SELECT COUNT(*) FROM {v}"),
          (v, "current", f"SELECT source_sha256, load_id, sheet_seq FROM {v} WHERE document_key = :key AND is_current")]
    v = "v_documents"
    q += [(v, "key", f"SELECT * FROM {v} WHERE source_sha256 = :sha"),
          (v, "year", f"SELECT * FROM {v} WHERE document_fiscal_year = :year LIMIT 1000"),
          (v, "count", f"SELECT COUNT(*) FROM {v}")]
    v = "v_raw_cells"
    q += [(v, "key", f"SELECT * FROM {v} WHERE source_sha256 = :sha"),
          (v, "year", f"SELECT * FROM {v} LIMIT 1000"),
          (v, "count", f"SELECT COUNT(*) FROM {v}")]
    q += [("v_document_versions", "current", "SELECT source_sha256, load_id, sheet_seq FROM v_document_versions "
                                             "WHERE document_key = :key AND is_current")]
    for t in ("indicator_values", "budget_values", "text_blocks", "raw_cells", "sheets"):
        q += [(t, "key", f"SELECT * FROM {t} WHERE source_sha256 = :sha"), (t, "count", f"SELECT COUNT(*) FROM {t}")]
    return q


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(url: str, repeat: int) -> dict:
    """Time every query of :func:`queries`, then relink and two records; returns
    {(view, kind): seconds, ('relink', ...): seconds, ...}."""
    out: dict = {}
    with Warehouse.connect(url) as wh:
        key = REAL_KEY
        sha = wh.query("SELECT source_sha256 FROM v_sheets WHERE document_key = :k AND is_current", {"k": key})[0][
            "source_sha256"]
        params = {"key": key, "sha": sha, "code": "142034", "policy": "P-7", "name": "市142034", "year": 2020}
        with wh.engine.connect() as conn:
            for view, kind, sql in queries():
                out[(view, kind)] = _median(lambda: conn.execute(text(sql), params).all(), repeat)
        out[("relink", "full")] = _median(lambda: relink(wh), 1)
        from hyoka.pipeline import process_file
        incremental = "load_id" in inspect.signature(relink).parameters
        for n, path in enumerate((SAMPLE, REPUBLISHED), 1):
            facts = process_file(path)
            load_id = wh.begin_load("bench")
            start = time.perf_counter()
            status = wh.record(load_id, facts, source_path=str(path))
            out[("record", f"sheet {n}")] = time.perf_counter() - start
            assert status == "loaded", status
            start = time.perf_counter()
            relink(wh, load_id=load_id) if incremental else relink(wh)
            out[("relink", f"after load {n}")] = time.perf_counter() - start
            wh.finish_load(load_id)
        current = wh.query("SELECT source_sha256 FROM v_sheets WHERE document_key = :k AND is_current", {"k": key})
        out["current_after"] = [r["source_sha256"][:12] for r in current]
    return out


def main(argv: list[str]) -> int:
    """Build, measure and print the tables for SQLite and (with --pg) PostgreSQL; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sheets", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pg", default=os.environ.get("HYOKA_TEST_PG_URL"))
    ap.add_argument("--no-sqlite", action="store_true")
    args = ap.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_sqlite:
            url = f"sqlite:///{Path(tmp) / 'scale.sqlite'}"
            results["sqlite"] = (build(url, args.sheets), measure(url, args.repeat))
        if args.pg:
            schema = f"hyoka_bench_{secrets.token_hex(4)}"
            admin = create_engine(args.pg)
            with admin.begin() as conn:
                conn.execute(CreateSchema(schema))
            url = make_url(args.pg).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
                hide_password=False)
            try:
                results["postgresql"] = (build(url, args.sheets), measure(url, args.repeat))
            finally:
                with admin.begin() as conn:
                    conn.execute(DropSchema(schema, cascade=True))
                admin.dispose()
    backends = list(results)
    for b in backends:
        built, _ = results[b]
        print(f"{b}: {built['rows']['sheets']} sheets, {sum(built['rows'].values())} rows; "
              f"bulk insert {built['insert_s']:.1f} s, versions {built['versions_s']:.2f} s; "
              f"current after the records: {results[b][1]['current_after']}")
    print()
    print("| view | query | " + " | ".join(f"{b} s" for b in backends) + " |")
    print("|---|---|" + "---|" * len(backends))
    for key in results[backends[0]][1]:
        if key == "current_after":
            continue
        print(f"| {key[0]} | {key[1]} | " + " | ".join(f"{results[b][1][key]:.4f}" for b in backends) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
