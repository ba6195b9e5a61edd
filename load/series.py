"""The warehouse side of indicator series (pure rules: normalize/series.py).

:func:`relink` rewrites ``indicator_links`` from the current facts and the
reviewed mappings; :func:`load_mapping_file` stores a reviewed mapping CSV
in ``indicator_mappings``.  Both run in one transaction each.

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
from pathlib import Path

from sqlalchemy import select, text

from hyoka.load.csvio import CsvEncodingError, read_csv
from hyoka.load.ids import iso, utc_now
from hyoka.load.warehouse import LOCK_RELINK, advisory_lock, write_transaction
from hyoka.normalize.series import PrintedName, link_names

#: Columns of a mapping file, in order.
MAPPING_COLUMNS = ("municipality_code", "sheet_type", "indicator_name", "canonical_name")


class MappingFileError(ValueError):
    """A mapping file that cannot be used; the message names the file and line."""


def relink(wh) -> dict[str, int]:  # noqa: ANN001 - load.warehouse.Warehouse (import cycle)
    """Rewrite ``indicator_links`` for every indicator name of the current facts.

    Args:
        wh: a connected :class:`load.warehouse.Warehouse`.
    Returns:
        {method: number of printed names} (methods of normalize.series.METHODS).
    Names are grouped by (municipality_code, sheet_type); documents without a
    municipality code are left out (no series).  One write transaction
    holding the relink lock (module doc): a concurrent relink waits, then
    rewrites from the facts as they are then.
    """
    with write_transaction(wh.engine) as conn:
        advisory_lock(conn, LOCK_RELINK)
        return _relink(wh, conn)


def _relink(wh, conn) -> dict[str, int]:  # noqa: ANN001 - Warehouse, Connection
    """The body of :func:`relink` inside its locked transaction ``conn``."""
    groups: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    rows = conn.execute(text(
        "SELECT municipality_code, sheet_type, indicator_name, document_fiscal_year, unit, "
        "measure, source_sha256 FROM v_indicator_values WHERE municipality_code IS NOT NULL")).mappings()
    for r in rows:
        entry = groups[(r["municipality_code"], r["sheet_type"])].setdefault(
            r["indicator_name"], {"year": None, "docs": set(), "units": set()})
        year = r["document_fiscal_year"]
        if year is not None and (entry["year"] is None or year > entry["year"]):
            entry["year"] = year
        entry["docs"].add(r["source_sha256"])
        if r["unit"] and r["measure"] in ("target", "actual", "baseline"):
            entry["units"].add(r["unit"])
    mappings: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    table = wh.tables["indicator_mappings"]
    for m in conn.execute(select(table)).mappings():
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
    conn.execute(links.delete())
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
    relink(wh)
    return len(rows)
