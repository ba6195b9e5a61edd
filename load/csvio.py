"""Reading CSV files people make by hand or save from Excel.

Japanese Excel saves "CSV" in cp932 (Shift_JIS with Microsoft's extensions)
and "CSV UTF-8" with a byte-order mark; other tools write UTF-8 without one.
:func:`read_csv` accepts all three: UTF-8 (a BOM is dropped) is tried
first, then cp932 (a file of plain ASCII reads the same either way, and
Japanese text in cp932 is practically never valid UTF-8).  Anything else is
a :class:`CsvEncodingError` naming the file and the line of the first byte
UTF-8 could not read.

Used by load/series.py (reviewed mapping files); it lives in load/ because
the load stage reads the mapping files and must not import the CLI package.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

#: Encodings tried, in order (Python codec names).
ENCODINGS = ("utf-8-sig", "cp932")


class CsvEncodingError(ValueError):
    """A CSV file that is neither UTF-8 (with or without BOM) nor cp932; the
    message is one line naming the file, line and byte."""


@dataclass(frozen=True)
class CsvFile:
    """A decoded CSV file: ``encoding`` it was read with (one of ENCODINGS),
    ``fieldnames`` (the header row, stripped) and ``rows`` (dicts, one per
    data row, as csv.DictReader gives them) with ``lines`` (the 1-based
    line each row starts on, the header being line 1)."""

    path: Path
    encoding: str
    fieldnames: tuple[str, ...]
    rows: tuple[dict[str, str | None], ...]
    lines: tuple[int, ...]


def decode(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode CSV bytes: returns (text, encoding) trying UTF-8 (BOM dropped)
    and then cp932.  Raises CsvEncodingError naming ``path`` and the line
    (1-based) of the first byte that is not UTF-8."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise CsvEncodingError(
            f"{path}:{line}: not UTF-8 (with or without BOM) nor cp932 (byte 0x{data[e.start]:02x}); "
            f"save the file as \"CSV UTF-8\" or \"CSV\" from Excel") from None
    raise AssertionError("unreachable: utf-8 decoded on the second try")  # pragma: no cover


def read_csv(path: str | Path) -> CsvFile:
    """Read a CSV file with a header row in UTF-8 (BOM or not) or cp932.

    Returns a :class:`CsvFile`.  Raises CsvEncodingError (see
    :func:`decode`) and OSError for a file that cannot be read.
    """
    path = Path(path)
    text, encoding = decode(path.read_bytes(), path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fieldnames = tuple((f or "").strip() for f in (reader.fieldnames or ()))
    reader.fieldnames = list(fieldnames)
    rows, lines = [], []
    start = reader.line_num + 1
    for row in reader:
        rows.append(row)
        lines.append(start)
        start = reader.line_num + 1
    return CsvFile(path, encoding, fieldnames, tuple(rows), tuple(lines))
