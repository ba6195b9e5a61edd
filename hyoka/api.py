"""The Python API: ``hyoka.ingest`` and ``hyoka.read``.

>>> import hyoka
>>> summary = hyoka.ingest(["samples/"], db="sqlite:///hyoka.sqlite")
>>> df = hyoka.read("v_indicator_values", db="sqlite:///hyoka.sqlite", municipality="厚木市")

Both take ``db``: an SQLAlchemy URL (``sqlite:///path.sqlite``,
``postgresql+psycopg://user:pw@host/db``) or a connected
:class:`hyoka.load.Warehouse`; None means ``$HYOKA_DB``, else
``sqlite:///hyoka.sqlite`` in the working directory (as the CLI).

DataFrames carry the dictionary's types (hyoka/dictionary.toml,
docs/data-dictionary.md) on both backends: ``int`` columns are pandas
``Int64`` (nullable), ``numeric`` ``float64`` (NULL = NaN), ``boolean``
pandas ``boolean`` (nullable), ``text`` pandas ``str`` (NULL = NaN).
Values are in the units the view says (``value`` in ``unit`` as printed,
``value_std`` in ``unit_std``; bboxes in PDF points; fiscal years western).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # imported lazily: ``import hyoka`` stays cheap
    import pandas as pd

    from hyoka.load import Warehouse

#: pandas dtypes of the dictionary's type words.
DTYPES = {"int": "Int64", "numeric": "float64", "boolean": "boolean", "text": "str"}


def default_db() -> str:
    """The warehouse URL used when ``db`` is None: $HYOKA_DB, else the CLI's default."""
    from hyoka.load import DEFAULT_URL
    return os.environ.get("HYOKA_DB") or DEFAULT_URL


@contextmanager
def _warehouse(db: "str | Warehouse | None", *, must_exist: bool) -> Iterator["Warehouse"]:
    """A Warehouse for ``db`` (URL, Warehouse or None); closed afterwards
    unless the caller passed its own."""
    from hyoka.load import Warehouse
    if isinstance(db, Warehouse):
        yield db
        return
    wh = Warehouse.connect(db or default_db(), must_exist=must_exist)
    try:
        yield wh
    finally:
        wh.close()


def ingest(paths: "str | Path | Iterable[str | Path]", db: "str | Warehouse | None" = None, *,
           strategy: str = "pdfplumber", reprocess: bool = False) -> dict[str, Any]:
    """Ingest PDFs (files or folders, searched recursively for ``*.pdf``) into
    the warehouse ``db`` (created when missing), as ``hyoka ingest`` does.

    Args:
        paths: one path or several.
        db: URL or Warehouse (see module doc).
        strategy: table strategy, ``pdfplumber`` or ``camelot-lattice``.
        reprocess: extract files already stored again (the new extraction
            supersedes the old one).
    Returns:
        the load summary (:meth:`hyoka.load.Warehouse.summary`) plus the files:
        ``{'load_id': str, 'status': 'finished', 'tool_version': str,
        'started_at', 'finished_at': ISO-8601 UTC str,
        'documents': {'loaded', 'unchanged', 'failed', 'needs_ocr', 'total': int},
        'pages': int, 'indicator_values', 'indicator_policies', 'budget_values',
        'text_blocks', 'raw_cells', 'validation_findings': int (rows this load wrote),
        'sheets': {sheet_type: int}, 'low_coverage': [v_sheets row dicts with coverage < 1],
        'failures': [{'source_file': str, 'error': str}],
        'files': {path as given: 'loaded' | 'unchanged' | 'failed' | 'needs_ocr'}}``.
        A file that cannot be read does not raise: it is in ``failures``.
    Raises:
        FileNotFoundError naming a path that does not exist (nothing is written);
        hyoka.load.schema.SchemaVersionError for a warehouse of another table layout.
    """
    from hyoka.pipeline import ingest as run_ingest
    if isinstance(paths, (str, Path)):
        paths = [paths]
    from hyoka.load import Warehouse
    url = db.engine.url.render_as_string(hide_password=False) if isinstance(db, Warehouse) else (db or default_db())
    result = run_ingest(list(paths), url, strategy=strategy, reprocess=reprocess)
    return {**result.summary, "files": dict(result.statuses)}


def view_names() -> list[str]:
    """The views ``read`` and ``hyoka export`` accept: every view of sql/views/
    (contract views first; docs/data-dictionary.md)."""
    from hyoka.datadict import view_names as names
    return names()


def check_view(view: str) -> None:
    """Raise ValueError naming ``view`` when it is not one of :func:`view_names`."""
    names = view_names()
    if view not in names:
        raise ValueError(f"unknown view {view!r}; views: {', '.join(names)}")


def typed_frame(view: str, columns: list[str], rows: Iterable[tuple]) -> "pd.DataFrame":
    """A DataFrame of ``rows`` (tuples in ``columns`` order) with the dtypes
    of ``view``'s columns (module doc); a column the dictionary does not
    know is left to pandas.  Decimals become floats, SQLite's 1/0 booleans
    bools.  Raises ValueError for a value that does not fit its type."""
    import pandas as pd

    from hyoka.datadict import column_types
    rows = list(rows)
    data = list(zip(*rows)) if rows else [()] * len(columns)
    types = column_types(view, columns)
    out = {}
    for name, values in zip(columns, data):
        kind = types[name]
        if kind == "int":
            out[name] = pd.array([None if v is None else int(v) for v in values], dtype="Int64")
        elif kind == "numeric":
            out[name] = pd.array([float("nan") if v is None else float(v) for v in values], dtype="float64")
        elif kind == "boolean":
            out[name] = pd.array([None if v is None else bool(v) for v in values], dtype="boolean")
        elif kind == "text":
            out[name] = pd.Series([None if v is None else str(v) for v in values], dtype="str")
        else:
            out[name] = pd.Series(list(values))
    return pd.DataFrame(out, columns=columns)


def read_view(wh: "Warehouse", view: str, filters: dict[str, Any] | None = None) -> "pd.DataFrame":
    """Rows of ``view`` in ``wh`` as a typed DataFrame (:func:`typed_frame`),
    ordered by every column in order (NULLs first), so two reads of one
    warehouse give the same frame.

    ``filters``: {column: value}; a scalar is ``=``, None is ``IS NULL``, a
    list / tuple / set is ``IN``.  Raises ValueError naming an unknown view
    or column.
    """
    from sqlalchemy import select
    check_view(view)
    table = wh.tables[view]
    query = select(table)
    for column, value in (filters or {}).items():
        if column not in table.c:
            raise ValueError(f"{view} has no column {column!r}; columns: {', '.join(table.c.keys())}")
        col = table.c[column]
        if value is None:
            query = query.where(col.is_(None))
        elif isinstance(value, (list, tuple, set, frozenset)):
            query = query.where(col.in_(list(value)))
        else:
            query = query.where(col == value)
    query = query.order_by(*[c.asc().nulls_first() for c in table.c])
    with wh.engine.connect() as conn:
        result = conn.execute(query)
        columns = list(result.keys())
        rows = [tuple(r) for r in result]
    return typed_frame(view, columns, rows)


def read(view: str, db: "str | Warehouse | None" = None, **filters: Any) -> "pd.DataFrame":
    """One view of the warehouse as a pandas DataFrame with proper dtypes.

    Args:
        view: a view of docs/data-dictionary.md, e.g. ``v_indicator_values``.
        db: URL or Warehouse (module doc); a missing SQLite file is an error,
            not a new warehouse.
        **filters: equality filters on columns, e.g. ``municipality="厚木市",
            fiscal_year=2023``; None matches NULL, a list matches any of its values.
    Returns:
        one row per view row, the view's columns in order; dtypes ``Int64``,
        ``float64``, ``boolean``, ``str`` by the dictionary's types (module doc).
    Raises:
        ValueError naming an unknown view or column;
        hyoka.load.warehouse.WarehouseNotFound (a FileNotFoundError) for a
        missing SQLite file; SchemaVersionError for another table layout.
    """
    check_view(view)
    with _warehouse(db, must_exist=True) as wh:
        return read_view(wh, view, filters)
