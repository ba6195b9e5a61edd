"""Export views to files for Excel and BI: CSV, Parquet, xlsx.

One file per view, ``<out>/<view>.<csv|parquet|xlsx>``, the view's rows
ordered by every column (:func:`hyoka.api.read_view`) with the
dictionary's types (docs/data-dictionary.md):

- **CSV**: header row, ``\\r\\n`` line ends, NULL as an empty field, booleans
  ``True``/``False``, in UTF-8 with a byte-order mark by default (Excel
  opens it with the right characters) or in cp932 (``encoding="cp932"``,
  for older Excel and tools that expect Shift_JIS).  cp932 cannot write
  every character (e.g. an em dash U+2014): such a value is an
  :class:`ExportEncodingError` naming the view, line, column and character,
  and nothing is written for that view; no character is ever replaced.
- **Parquet** (pyarrow): ``int`` columns int64 (nullable; pandas ``Int64``
  on reading back), ``numeric`` double, ``boolean`` bool, ``text`` string.
- **xlsx** (openpyxl): one sheet named after the view, header row, typed
  cells; text beginning with ``=`` is stored as text, never as a formula.

Files are written to a temporary name and renamed, so a failed export
never leaves half a file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from hyoka.load import Warehouse

FORMATS = ("csv", "parquet", "xlsx")
#: CSV encodings (Python codec names): UTF-8 with BOM (the default), cp932.
CSV_ENCODINGS = ("utf-8-sig", "cp932")
#: Excel's row limit per sheet (header included).
XLSX_MAX_ROWS = 1_048_576


class ExportError(ValueError):
    """An export that cannot be written (the message is one line)."""


class ExportUsageError(ExportError):
    """A usage error: unknown view, format or encoding (CLI exit 2)."""


class ExportEncodingError(ExportError):
    """A value the chosen CSV encoding cannot represent; names the view,
    the CSV line (the header is line 1), the column and the character."""


@dataclass(frozen=True)
class ExportedFile:
    """One written file: ``view``, ``path``, ``rows`` (data rows) and ``format``."""

    view: str
    path: Path
    rows: int
    format: str


def check_request(views: list[str], fmt: str, encoding: str) -> None:
    """Raise ExportUsageError (one line) for no view, an unknown view, format
    or CSV encoding; the views are checked all before anything is written."""
    from hyoka.api import view_names
    if not views:
        raise ExportUsageError("name at least one view")
    if fmt not in FORMATS:
        raise ExportUsageError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    if encoding not in CSV_ENCODINGS:
        raise ExportUsageError(f"unknown encoding {encoding!r}; encodings: {', '.join(CSV_ENCODINGS)}")
    known = view_names()
    for v in views:
        if v not in known:
            raise ExportUsageError(f"unknown view {v!r}; views: {', '.join(known)}")


def csv_text(frame: "pd.DataFrame") -> str:
    """The CSV text of ``frame`` (module doc: header, \\r\\n, NULL empty)."""
    return frame.to_csv(index=False, lineterminator="\r\n")


def check_encodable(view: str, frame: "pd.DataFrame", encoding: str) -> None:
    """Raise ExportEncodingError at the first value of ``frame`` (in row
    order, then column order) that ``encoding`` cannot write."""
    for name in frame.columns:  # header first
        _encode_or_raise(view, 1, name, str(name), encoding)
    text_columns = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype) in ("str", "string")]
    for i, row in enumerate(frame[text_columns].itertuples(index=False, name=None)):
        for name, value in zip(text_columns, row):
            if isinstance(value, str):
                _encode_or_raise(view, i + 2, name, value, encoding)


def _encode_or_raise(view: str, line: int, column: str, value: str, encoding: str) -> None:
    try:
        value.encode(encoding)
    except UnicodeEncodeError as e:
        ch = value[e.start]
        raise ExportEncodingError(
            f"{view}: line {line}, column {column}: {ch!r} (U+{ord(ch):04X}) cannot be written in {encoding}; "
            f"export with --encoding utf-8-sig (opens in Excel too)") from None


def _atomic_write(path: Path, write) -> None:  # noqa: ANN001 - callable(Path)
    """Call ``write(tmp)`` with a temporary path beside ``path``, then rename it to ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(view: str, frame: "pd.DataFrame", path: Path, encoding: str = "utf-8-sig") -> None:
    """Write ``frame`` as CSV in ``encoding`` (module doc).  Raises
    ExportEncodingError (nothing written) for a value cp932 cannot hold."""
    if encoding != "utf-8-sig":
        check_encodable(view, frame, encoding)
    data = csv_text(frame).encode(encoding)
    _atomic_write(path, lambda tmp: tmp.write_bytes(data))


def write_parquet(frame: "pd.DataFrame", path: Path) -> None:
    """Write ``frame`` as Parquet (pyarrow), keeping pandas' dtypes in its metadata."""
    _atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False, engine="pyarrow"))


def write_xlsx(view: str, frame: "pd.DataFrame", path: Path) -> None:
    """Write ``frame`` as one xlsx sheet named ``view`` (module doc).  Raises
    ExportError beyond Excel's row limit or for a control character
    openpyxl refuses (naming line and column)."""
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    if len(frame) + 1 > XLSX_MAX_ROWS:
        raise ExportError(f"{view}: {len(frame)} rows exceed Excel's {XLSX_MAX_ROWS - 1} per sheet; "
                          f"export as csv or parquet")

    def write(tmp: Path) -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=view[:31])
        ws.append(list(frame.columns))
        for i, row in enumerate(frame.itertuples(index=False, name=None)):
            cells = []
            for name, value in zip(frame.columns, row):
                if value is None or (not isinstance(value, str) and pd.isna(value)):
                    cells.append(None)
                    continue
                if hasattr(value, "item"):  # numpy scalar -> Python
                    value = value.item()
                try:
                    if isinstance(value, str) and value.startswith("="):
                        cell = WriteOnlyCell(ws, value=value)
                        cell.data_type = "s"
                        cells.append(cell)
                    else:
                        cells.append(WriteOnlyCell(ws, value=value))
                except IllegalCharacterError:
                    raise ExportError(f"{view}: line {i + 2}, column {name}: a control character xlsx "
                                      f"cannot hold; export as csv or parquet") from None
            ws.append(cells)
        wb.save(tmp)

    _atomic_write(path, write)


def export_views(wh: "Warehouse", views: list[str], fmt: str, out: Path,
                 encoding: str = "utf-8-sig") -> list[ExportedFile]:
    """Export each of ``views`` from ``wh`` to ``out/<view>.<fmt>``.

    Args:
        wh: a connected Warehouse.
        views: view names (docs/data-dictionary.md); duplicates written once.
        fmt: ``csv``, ``parquet`` or ``xlsx``.
        out: output folder, created when missing.
        encoding: CSV only: ``utf-8-sig`` (default) or ``cp932``.
    Returns:
        the files written, in ``views`` order.
    Raises:
        ExportUsageError before anything is written (unknown view, format,
        encoding; ``out`` is a file); ExportEncodingError, ExportError for
        a view that cannot be written (the views before it are written).
    """
    from hyoka.api import read_view
    check_request(views, fmt, encoding)
    if out.exists() and not out.is_dir():
        raise ExportUsageError(f"--out {out} is a file; give a folder (it is created if missing)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportUsageError(f"--out {out}: cannot create the folder: {e.strerror}") from None
    written = []
    for view in dict.fromkeys(views):
        frame = read_view(wh, view)
        path = out / f"{view}.{fmt}"
        if fmt == "csv":
            write_csv(view, frame, path, encoding)
        elif fmt == "parquet":
            write_parquet(frame, path)
        else:
            write_xlsx(view, frame, path)
        written.append(ExportedFile(view, path, len(frame), fmt))
    return written
