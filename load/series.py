"""The warehouse side of indicator series (pure rules: normalize/series.py).

:func:`relink` rewrites ``indicator_links`` from the current facts and the
reviewed mappings — after an ingest only the series groups (municipality,
template) its sheets touched (issue 10: at 100,000 sheets a full rewrite
reads every current fact); :func:`load_mapping_file` stores a reviewed
mapping CSV in ``indicator_mappings`` and relinks the groups it names.
Both run in one transaction each.

:func:`relink` is safe against a concurrent relink (two ingests ending at
once): it reads the current facts and rewrites the links inside one write
transaction under the relink lock (PostgreSQL advisory lock
``LOCK_RELINK``; SQLite ``BEGIN IMMEDIATE``, load/warehouse.py), so relinks
run one after the other and the last one sees every committed document.

Mapping file (CSV in UTF-8, with or without BOM, or cp932; header row; README "Indicator series"):
``municipality_code,sheet_type,indicator_name,canonical_name`` — the
printed indicator_name (as in v_indicator_values) belongs to the series
whose canonical name is canonical_name; ``-`` keeps it a series of its own.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import column, select, table, tuple_

from hyoka.load.csvio import CsvEncodingError, read_csv
from hyoka.load.ids import iso, utc_now
from hyoka.load.warehouse import LOCK_RELINK, advisory_lock, write_transaction
from hyoka.normalize.series import PrintedName, link_names

#: Columns of a mapping file, in order.
MAPPING_COLUMNS = ("municipality_code", "sheet_type", "indicator_name", "canonical_name")


class MappingFileError(ValueError):
    """A mapping file that cannot be used; the message names the file and line."""


def relink(wh, load_id: str | None = None, *, keys: Iterable[str] | None = None,  # noqa: ANN001 - Warehouse
           groups: Iterable[tuple[str, str]] | None = None) -> dict[str, int]:
    """Rewrite ``indicator_links`` over the current facts: all of it, or only
    the series groups a write touched.

    Args:
        wh: a connected :class:`load.warehouse.Warehouse`.
        load_id: relink after this load (``hyoka ingest``): only the groups of
            :func:`touched_groups` — this load's and every ended load's not
            relinked yet (``loads.linked_at`` NULL: aborted, interrupted).
        keys: relink the groups of the sheets of these document_keys
            (``hyoka versions --make-current/--unpin``).
        groups: relink these (municipality_code, sheet_type) groups (a
            mapping file).
        None of them: every group (``hyoka link``).
    Returns:
        {method: number of printed names relinked} (methods of normalize.series.METHODS).
    A group is one (municipality_code, sheet_type); normalize.series.link_names
    links each group from its own names and mappings alone, so rewriting the
    touched groups gives exactly what a full rewrite gives
    (tests/load/test_incremental.py).  Documents without a municipality code
    are left out (no series).  Sets ``loads.linked_at`` of the loads relinked
    (every ended load for a full relink; never a running load's but
    ``load_id``'s own, whose sheets are all written when its relink runs).
    One write transaction holding the relink lock (module doc): a concurrent
    relink waits, then rewrites from the facts as they are then.
    """
    with write_transaction(wh.engine) as conn:
        advisory_lock(conn, LOCK_RELINK)
        loads = wh.tables["loads"]
        pending: list[str] = []
        if load_id is not None or (keys is None and groups is None):
            ended = (loads.c.linked_at.is_(None)
                     & ((loads.c.status != "running") | (loads.c.load_id == (load_id or ""))))
            pending = list(conn.execute(select(loads.c.load_id).where(ended)).scalars())
        if load_id is None and keys is None and groups is None:
            wanted = None
        else:
            wanted = set(groups or ())
            if keys is not None:
                wanted |= _groups_of_keys(conn, keys)
            if load_id is not None:
                wanted |= touched_groups(conn, pending)
        counts = _relink(wh, conn, wanted)
        if pending:
            now = iso(utc_now())
            for i in range(0, len(pending), _CHUNK):
                conn.execute(loads.update().where(loads.c.load_id.in_(pending[i:i + _CHUNK]))
                             .values(linked_at=now))
        return counts


#: Keys / loads / groups per statement (bind parameters stay far below SQLite's limit).
_CHUNK = 400
_SHEETS = table("sheets", column("source_sha256"), column("load_id"), column("document_key"),
                column("municipality_code"), column("sheet_type"))


def _groups_of_keys(conn, keys: Iterable[str]) -> set[tuple[str, str]]:  # noqa: ANN001 - Connection
    """The (municipality_code, sheet_type) of every stored sheet of these
    document_keys (NULL codes left out: no series)."""
    keys = sorted(set(keys))
    out: set[tuple[str, str]] = set()
    s = _SHEETS
    for i in range(0, len(keys), _CHUNK):
        out.update(tuple(r) for r in conn.execute(
            select(s.c.municipality_code, s.c.sheet_type).distinct()
            .where(s.c.document_key.in_(keys[i:i + _CHUNK]), s.c.municipality_code.is_not(None))))
    return out


def touched_groups(conn, load_ids: Iterable[str]) -> set[tuple[str, str]]:  # noqa: ANN001 - Connection
    """The series groups whose current facts the loads ``load_ids`` may have
    changed: the groups of every sheet of every document_key that a sheet of
    a content these loads stored has (in any extraction) — the same keys
    load/versions.py refreshes when the content is recorded, so every sheet
    whose is_current changed is in one of them.  Returns a set of
    (municipality_code, sheet_type)."""
    from hyoka.load.versions import keys_of_contents

    load_ids = sorted(set(load_ids))
    shas: set[str] = set()
    s = _SHEETS
    for i in range(0, len(load_ids), _CHUNK):
        shas.update(conn.execute(select(s.c.source_sha256).distinct()
                                 .where(s.c.load_id.in_(load_ids[i:i + _CHUNK]))).scalars())
    return _groups_of_keys(conn, keys_of_contents(conn, shas))


def _relink(wh, conn, wanted: set[tuple[str, str]] | None) -> dict[str, int]:  # noqa: ANN001 - Warehouse, Connection
    """The body of :func:`relink` inside its locked transaction ``conn``:
    rewrite the links of the groups ``wanted`` (every group when None)."""
    groups: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    v = wh.tables["v_indicator_values"]
    columns = (v.c.municipality_code, v.c.sheet_type, v.c.indicator_name, v.c.document_fiscal_year,
               v.c.unit, v.c.measure, v.c.source_sha256)
    if wanted is None:
        batches = [select(*columns).where(v.c.municipality_code.is_not(None))]
    else:
        # one equality query per group: both backends then reach the sheets'
        # (municipality_code, sheet_type) index, with or without statistics
        batches = [select(*columns).where(v.c.municipality_code == code, v.c.sheet_type == sheet_type)
                   for code, sheet_type in sorted(wanted)]
    for query in batches:
        for r in conn.execute(query).mappings():
            entry = groups[(r["municipality_code"], r["sheet_type"])].setdefault(
                r["indicator_name"], {"year": None, "docs": set(), "units": set()})
            year = r["document_fiscal_year"]
            if year is not None and (entry["year"] is None or year > entry["year"]):
                entry["year"] = year
            entry["docs"].add(r["source_sha256"])
            if r["unit"] and r["measure"] in ("target", "actual", "baseline"):
                entry["units"].add(r["unit"])
    mappings: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    table_ = wh.tables["indicator_mappings"]
    for m in conn.execute(select(table_)).mappings():
        mappings[(m["municipality_code"], m["sheet_type"])][m["indicator_name"]] = m["canonical_name"]
    now = iso(utc_now())
    out, counts = [], defaultdict(int)
    for (code, sheet_type), names in sorted(groups.items()):
        printed = [PrintedName(n, e["year"], frozenset(e["docs"]), frozenset(e["units"]))
                   for n, e in names.items()]
        for link in link_names(printed, mappings.get((code, sheet_type))):
            counts[link.method] += 1
            out.append({"municipality_code": code, "sheet_type": sheet_type,
                        "indicator_name": link.name, "series_id": f"{code}/{sheet_type}/{link.canonical_name}",
                        "canonical_name": link.canonical_name, "method": link.method,
                        "score": link.score,
                        "candidates": "; ".join(f"{n} ({s:g})" for n, s in link.candidates) or None,
                        "linked_at": now})
    links = wh.tables["indicator_links"]
    if wanted is None:
        conn.execute(links.delete())
    else:
        ordered = sorted(wanted)
        for i in range(0, len(ordered), _CHUNK):
            conn.execute(links.delete().where(
                tuple_(links.c.municipality_code, links.c.sheet_type).in_(ordered[i:i + _CHUNK])))
    if out:
        conn.execute(links.insert(), out)
    return dict(counts)


def read_mapping_file(path: Path) -> list[dict[str, str]]:
    """Read a mapping CSV (see module doc) into row dicts.

    The file may be UTF-8 (with or without BOM) or cp932, as Japanese Excel
    saves it (load/csvio.py).  Raises MappingFileError naming the file (and
    line) for a missing file, another encoding, missing columns or an empty
    field.
    """
    try:
        data = read_csv(path)
    except CsvEncodingError as exc:
        raise MappingFileError(str(exc)) from None
    except OSError as exc:
        raise MappingFileError(f"{path}: cannot read mapping file: {exc}") from exc
    missing = [c for c in MAPPING_COLUMNS if c not in data.fieldnames]
    if missing:
        raise MappingFileError(f"{path}: missing column(s) {', '.join(missing)}; "
                               f"expected header {','.join(MAPPING_COLUMNS)}")
    rows = []
    for line, row in zip(data.lines, data.rows):
        values = {c: (row.get(c) or "").strip() for c in MAPPING_COLUMNS}
        empty = [c for c, v in values.items() if not v]
        if empty:
            raise MappingFileError(f"{path}:{line}: empty {', '.join(empty)}")
        rows.append(values)
    return rows


def load_mapping_file(wh, path: Path) -> int:  # noqa: ANN001 - Warehouse
    """Store the reviewed mappings of ``path`` (replacing earlier decisions
    for the same printed names) and relink.  Returns the number of mappings
    read.  Raises MappingFileError (see :func:`read_mapping_file`)."""
    rows = read_mapping_file(path)
    table = wh.tables["indicator_mappings"]
    now = iso(utc_now())
    with wh.engine.begin() as conn:
        for r in rows:
            conn.execute(table.delete().where(
                table.c.municipality_code == r["municipality_code"],
                table.c.sheet_type == r["sheet_type"],
                table.c.indicator_name == r["indicator_name"]))
            conn.execute(table.insert().values(**r, mapping_file=str(path), loaded_at=now))
    relink(wh, groups={(r["municipality_code"], r["sheet_type"]) for r in rows})
    return len(rows)
