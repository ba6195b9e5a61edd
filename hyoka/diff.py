"""Compare the facts of two extractions or two loads (``hyoka diff A B``).

An auditor's questions "did this number change between the original and the
corrected republication?" and "did a newer hyoka read the archive
differently?" are both a diff of stored facts.  Each side is one of:

- a PDF path (its SHA-256 is computed and looked up),
- a SHA-256 or a prefix of 8+ hex digits, or a source file name as ingested
  (the latest extraction of that content),
- a load id (every extraction that load stored).

Sides with one sheet each are compared directly.  Sides with several (a
load, a book) are paired sheet by sheet (:func:`pair_extractions`): first
the same content (SHA-256; a re-extraction of unchanged bytes is compared
with its earlier reading, so ``--reprocess`` with the same tool diffs as no
change), then by document_key (load/rows.py: the same sheet) in publication
order (a load holding an original and its correction pairs each with its
counterpart, not both with one); sheets with no partner are listed as only
in A / only in B, not as fact changes.
Facts are matched by what they are, not where they were printed:

- indicator values by (policy_code, indicator_name, fiscal_year, measure),
- budget values by (policy_code, project_name, item, fiscal_year),
- text blocks by (section, ordinal),
- raw cells (with ``include_raw``) by (page, table_index, row_index, col_index),

and compared on what was read (value_text, value, status, unit, note,
is_estimate; text).  Page or bbox moves alone are not changes.
:func:`write_csv` writes the changes for Excel: UTF-8 with a BOM, one flat
column per key and compared column.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hyoka.extract import sha256_of
from hyoka.load import Warehouse

#: kind -> (history view, key columns, compared columns).
KINDS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "indicator": ("v_indicator_values_history",
                  ("policy_code", "indicator_name", "fiscal_year", "measure"),
                  ("value_text", "value", "status", "unit", "note", "is_estimate")),
    "budget": ("v_budget_values_history",
               ("policy_code", "project_name", "item", "fiscal_year", "amount_basis"),
               ("value_text", "value", "status", "unit", "note")),
    "text": ("v_text_blocks_history", ("section", "ordinal"), ("text",)),
    "raw": ("v_raw_cells_history", ("page", "table_index", "row_index", "col_index"), ("text",)),
}


#: The v_document_versions columns an :class:`Extraction` is made of.
_COLUMNS = "SELECT source_sha256, load_id, source_file, document_key, sheet_seq, published_at, version"


class DiffError(LookupError):
    """A side that names nothing in the warehouse (the message says which)."""


@dataclass(frozen=True)
class Extraction:
    """One sheet of a stored extraction: file content ``source_sha256`` as
    read by ``load_id``, its sheet ``sheet_seq`` (1-based) and that sheet's
    ``document_key``; ``published_at`` (ISO date or None) and ``version``
    (its publication rank within its key, v_document_versions) order a key's
    sheets for pairing."""

    source_sha256: str
    load_id: str
    source_file: str
    document_key: str
    sheet_seq: int = 1
    published_at: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class Change:
    """One difference: ``change`` is added, removed or changed; ``kind`` a key
    of :data:`KINDS`; ``key`` the fact's identity (dict of key columns);
    ``old``/``new`` the compared columns (None for added/removed);
    ``old_fact_id``/``new_fact_id`` for ``hyoka trace``; ``document`` the
    source file of side B (of A for removed); ``document_key`` that sheet's."""

    change: str
    kind: str
    document: str
    key: dict[str, Any]
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    old_fact_id: str | None
    new_fact_id: str | None
    document_key: str | None = None


@dataclass
class DiffResult:
    """What :func:`diff` found: ``changes`` in a stable order, the document
    ``pairs`` compared, and the documents ``only_a`` / ``only_b``."""

    a: list[Extraction]
    b: list[Extraction]
    pairs: list[tuple[Extraction, Extraction]] = field(default_factory=list)
    only_a: list[Extraction] = field(default_factory=list)
    only_b: list[Extraction] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """{'added', 'removed', 'changed': number of facts}."""
        out = {"added": 0, "removed": 0, "changed": 0}
        for c in self.changes:
            out[c.change] += 1
        return out


def resolve_side(wh: Warehouse, side: str) -> list[Extraction]:
    """The extractions a side names (see module doc).

    Raises DiffError naming the side when nothing matches.
    """
    rows: list[dict] = []
    if wh.query("SELECT load_id FROM loads WHERE load_id = :s", {"s": side}):
        rows = wh.query(_COLUMNS + " FROM v_document_versions "
                        "WHERE load_id = :s ORDER BY document_key, source_sha256, sheet_seq", {"s": side})
        if not rows:
            raise DiffError(f"load {side} stored no extraction (every file unchanged or failed?)")
        return [Extraction(**r) for r in rows]
    path = Path(side)
    if path.is_file():
        sha, label = sha256_of(path), str(path)
        rows = wh.query(_COLUMNS + " FROM v_document_versions "
                        "WHERE source_sha256 = :s ORDER BY recorded_at DESC, sheet_seq", {"s": sha})
    elif re.fullmatch(r"[0-9a-fA-F]{8,64}", side):
        label = side
        rows = wh.query(_COLUMNS + " FROM v_document_versions "
                        "WHERE source_sha256 LIKE :s ORDER BY recorded_at DESC, sheet_seq", {"s": side.lower() + "%"})
        if len({r["source_sha256"] for r in rows}) > 1:
            raise DiffError(f"{side}: several files share this SHA-256 prefix; give more digits")
    else:
        label = side
        rows = wh.query(_COLUMNS + " FROM v_document_versions "
                        "WHERE source_file = :s ORDER BY recorded_at DESC, sheet_seq", {"s": path.name})
        if len({r["source_sha256"] for r in rows}) > 1:
            shas = ", ".join(sorted({r["source_sha256"][:12] for r in rows}))
            raise DiffError(f"{side}: several contents were ingested under this name ({shas}); "
                            f"give a SHA-256 or the file path")
    if not rows:
        raise DiffError(f"{label}: not in this warehouse (not a load id, ingested file, path or SHA-256)")
    latest = (rows[0]["source_sha256"], rows[0]["load_id"])  # the latest extraction, every sheet of it
    return [Extraction(**r) for r in rows if (r["source_sha256"], r["load_id"]) == latest]


def _facts(wh: Warehouse, ex: Extraction, kind: str) -> dict[tuple, dict]:
    """{key tuple: row} of one extraction's facts of one kind."""
    view, keys, compared = KINDS[kind]
    rows = wh.query(f"SELECT {', '.join((*keys, *compared, 'fact_id'))} FROM {view} "
                    f"WHERE source_sha256 = :sha AND load_id = :load AND sheet_seq = :seq",
                    {"sha": ex.source_sha256, "load": ex.load_id, "seq": ex.sheet_seq})
    out: dict[tuple, dict] = {}
    for r in rows:
        out.setdefault(tuple(r[k] for k in keys), r)
    return out


def _same(a: Any, b: Any) -> bool:
    """Equal as read: numbers compared as floats (SQLite 1/0 vs bool too), None only equals None."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float, bool)) and isinstance(b, (int, float, bool)):
        return float(a) == float(b)
    return a == b


def diff(wh: Warehouse, side_a: str, side_b: str, *, include_raw: bool = False) -> DiffResult:
    """Compare the facts of ``side_a`` (old) and ``side_b`` (new).

    Args:
        wh: a connected warehouse.
        side_a, side_b: see :func:`resolve_side`.
        include_raw: also compare raw cells (every table cell).
    Returns:
        a :class:`DiffResult`; changes ordered by document, kind, key.
    Raises:
        DiffError: a side names nothing.
    """
    a, b = resolve_side(wh, side_a), resolve_side(wh, side_b)
    result = DiffResult(a, b)
    if len(a) == 1 and len(b) == 1:
        result.pairs = [(a[0], b[0])]
    else:
        result.pairs, result.only_a, result.only_b = pair_extractions(a, b)
    kinds = [k for k in KINDS if include_raw or k != "raw"]
    for old_ex, new_ex in result.pairs:
        for kind in kinds:
            _, keys, compared = KINDS[kind]
            old, new = _facts(wh, old_ex, kind), _facts(wh, new_ex, kind)
            for key in sorted(set(old) | set(new), key=lambda k: tuple("" if v is None else str(v) for v in k)):
                o, n = old.get(key), new.get(key)
                if o is not None and n is not None and all(_same(o[c], n[c]) for c in compared):
                    continue
                change = "added" if o is None else "removed" if n is None else "changed"
                side = new_ex if n is not None else old_ex
                result.changes.append(Change(
                    change, kind, side.source_file,
                    dict(zip(keys, key)),
                    {c: o[c] for c in compared} if o else None,
                    {c: n[c] for c in compared} if n else None,
                    o["fact_id"] if o else None, n["fact_id"] if n else None, side.document_key))
    return result


def _publication_order(e: Extraction) -> tuple:
    """Sort key of a key's sheets: their publication rank ``version`` as
    v_document_versions computes it (sql/core/core_document_versions.sql is
    the one place the order of versions is decided: printed date, PDF dates,
    fuller reading, run), then content and sheet (a total, stable order);
    a sheet without a rank last."""
    return (e.version is None, e.version or 0, e.source_sha256, e.sheet_seq)


def pair_extractions(a: list[Extraction], b: list[Extraction]
                     ) -> tuple[list[tuple[Extraction, Extraction]], list[Extraction], list[Extraction]]:
    """Pair the sheets of two sides: ``(pairs, only_a, only_b)``.

    1. Same content: a sheet of A and one of B with the same SHA-256 and
       document_key, then (a newer tool may name the sheet differently) the
       same SHA-256 and sheet_seq — an unchanged file re-extracted pairs with
       its earlier reading, never with another printing of its key.
    2. The rest by document_key, each side's sheets of a key in publication
       order (:func:`_publication_order`), the i-th of A with the i-th of B:
       a load holding an original and its correction, diffed against a load
       holding both again, compares each with its counterpart.
    3. Sheets left over are ``only_a`` / ``only_b``.
    Pairs come in A's order; each sheet is in at most one pair.  Pure.
    """
    left_a, left_b = list(a), list(b)
    pairs: list[tuple[Extraction, Extraction]] = []
    for same in (lambda x, y: (x.source_sha256, x.document_key) == (y.source_sha256, y.document_key),
                 lambda x, y: (x.source_sha256, x.sheet_seq) == (y.source_sha256, y.sheet_seq)):
        for x in list(left_a):
            y = next((y for y in left_b if same(x, y)), None)
            if y is not None:
                pairs.append((x, y))
                left_a.remove(x)
                left_b.remove(y)
    for key in dict.fromkeys(e.document_key for e in left_a):
        xs = sorted((e for e in left_a if e.document_key == key), key=_publication_order)
        ys = sorted((e for e in left_b if e.document_key == key), key=_publication_order)
        for x, y in zip(xs, ys):
            pairs.append((x, y))
            left_a.remove(x)
            left_b.remove(y)
    order = {id(e): i for i, e in enumerate(a)}
    pairs.sort(key=lambda p: order[id(p[0])])
    return pairs, left_a, left_b


#: Key columns of every kind (:data:`KINDS`), in one flat order for CSV.
CSV_KEY_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(k for _, keys, _ in KINDS.values() for k in keys))
#: Compared columns of every kind, each written as old_<column> and new_<column>.
CSV_COMPARED_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(c for _, _, cols in KINDS.values() for c in cols))
#: The header of :func:`write_csv`.
CSV_COLUMNS: tuple[str, ...] = (("change", "kind", "document", "document_key") + CSV_KEY_COLUMNS
                                + tuple(f"{side}_{c}" for side in ("old", "new") for c in CSV_COMPARED_COLUMNS)
                                + ("old_fact_id", "new_fact_id"))


def _csv_cell(v: Any) -> str:
    """A value as a CSV cell: '' for NULL, TRUE/FALSE for booleans (Excel's
    own words), integral floats without '.0' (108.0 -> '108'), else str."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def write_csv(result: DiffResult, path: str | Path) -> int:
    """Write ``result.changes`` to ``path`` as CSV for Japanese Excel: UTF-8
    with a BOM (Excel reads BOM-less UTF-8 as cp932 and garbles Japanese),
    CRLF line ends, header :data:`CSV_COLUMNS` — one column per fact key
    (policy_code … col_index; empty where the kind has no such key) and
    per compared column on each side (old_value_text, new_value_text …;
    empty for an added or removed side).  is_estimate is TRUE/FALSE on both
    backends.  Returns the number of rows written; OSError propagates.
    """
    boolean = {"is_estimate"}
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(CSV_COLUMNS)
        for ch in result.changes:
            row = [ch.change, ch.kind, ch.document, ch.document_key or ""]
            row += [_csv_cell(ch.key.get(k)) for k in CSV_KEY_COLUMNS]
            for side in (ch.old, ch.new):
                for c in CSV_COMPARED_COLUMNS:
                    v = (side or {}).get(c)
                    row.append(_csv_cell(bool(v) if c in boolean and v is not None else v))
            w.writerow(row + [ch.old_fact_id or "", ch.new_fact_id or ""])
    return len(result.changes)
