"""The data dictionary: every view's description, columns, types and meanings.

One source, so the dictionary cannot drift from the SQL:

- a view's description is the header comment of its ``sql/views/<view>.sql``;
- its columns, in order, are read from a freshly created warehouse;
- each column's type word (``text``, ``int``, ``numeric``, ``boolean``) and
  meaning come from ``hyoka/dictionary.toml`` (a shared entry per column
  name, overridden per view);
- the declared type on SQLite is read from that warehouse too, and a column
  SQLite leaves undeclared is marked so in the dictionary.

:func:`column_types` is what :mod:`hyoka.api` and :mod:`hyoka.export` use
to give DataFrames their dtypes.  ``python -m hyoka.datadict`` writes
``docs/data-dictionary.md``; ``--check`` exits 1 when the file is stale.
tests/test_docs.py checks the TOML against the views on both backends.
"""
from __future__ import annotations

import re
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hyoka.load.sqlfiles import SQL_ROOT

DICTIONARY_TOML = Path(__file__).with_name("dictionary.toml")
#: The type words and the declared types (upper-cased prefixes) each admits.
TYPE_FAMILIES = {"text": ("TEXT", "CHARACTER VARYING", "VARCHAR"), "int": ("INTEGER", "BIGINT", "SMALLINT"),
                 "numeric": ("DOUBLE PRECISION", "REAL", "NUMERIC", "FLOAT"), "boolean": ("BOOLEAN",)}
#: The contract's BI views (../shared/warehouse-contract.md, version 2), listed first.
CONTRACT_VIEWS = ("v_documents", "v_sheets", "v_indicator_values", "v_budget_values", "v_text_blocks",
                  "v_raw_cells")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"


class DictionaryError(ValueError):
    """dictionary.toml names an unknown type word."""


@dataclass(frozen=True)
class Column:
    """One view column: ``name``, ``type`` (a TYPE_FAMILIES key), ``meaning``,
    and ``sqlite_declared`` (the declared type on SQLite, '' when undeclared)."""

    name: str
    type: str
    meaning: str
    sqlite_declared: str = ""


@dataclass(frozen=True)
class View:
    """One view of sql/views/: ``name``, ``description`` (its SQL header
    comment, lines joined) and ``columns`` in view order."""

    name: str
    description: str
    columns: tuple[Column, ...]


@cache
def _toml() -> dict:
    """dictionary.toml parsed, type words checked (DictionaryError otherwise)."""
    data = tomllib.loads(DICTIONARY_TOML.read_text(encoding="utf-8"))
    entries = list(data.get("columns", {}).items())
    for view in data.get("views", {}).values():
        entries += list(view.get("columns", {}).items())
    for name, entry in entries:
        if entry.get("type") not in TYPE_FAMILIES:
            raise DictionaryError(f"{DICTIONARY_TOML}: column {name}: type {entry.get('type')!r} "
                                  f"is not one of {', '.join(TYPE_FAMILIES)}")
    return data


def entry(view: str, column: str) -> dict | None:
    """The TOML entry {'type', 'meaning'} of ``column`` in ``view`` (the
    view's own, else the shared one), None when the dictionary has none."""
    data = _toml()
    own = data.get("views", {}).get(view, {}).get("columns", {})
    return own.get(column) or data.get("columns", {}).get(column)


def column_types(view: str, columns: list[str]) -> dict[str, str | None]:
    """{column: type word or None} for ``columns`` of ``view`` (None: not in
    the dictionary, the caller infers)."""
    return {c: (e["type"] if (e := entry(view, c)) else None) for c in columns}


def view_description(name: str, root: Path = SQL_ROOT) -> str:
    """The header comment of ``sql/views/<name>.sql`` (the ``--`` lines before
    ``CREATE VIEW``), joined into one paragraph; '' when there is none."""
    lines = []
    for line in (root / "views" / f"{name}.sql").read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*CREATE\s+VIEW", line, re.IGNORECASE):
            break
        if line.strip().startswith("--"):
            lines.append(line.strip()[2:].strip())
    return " ".join(x for x in lines if x)


def view_names(root: Path = SQL_ROOT) -> list[str]:
    """The BI views (files of sql/views/), contract views first, then by name."""
    names = sorted(p.stem for p in (root / "views").glob("*.sql"))
    return [v for v in CONTRACT_VIEWS if v in names] + [v for v in names if v not in CONTRACT_VIEWS]


def declared_types(engine) -> dict[str, list[tuple[str, str]]]:  # noqa: ANN001 - sqlalchemy Engine
    """{view: [(column, declared type upper-cased, '' when undeclared)]} for
    every view of sql/views/, read from the database's catalogue."""
    from sqlalchemy import inspect
    insp = inspect(engine)
    out = {}
    for v in view_names():
        cols = []
        for c in insp.get_columns(v):
            declared = str(c["type"]).upper()
            cols.append((c["name"], "" if declared == "NULL" else declared))
        out[v] = cols
    return out


def build(engine=None) -> list[View]:  # noqa: ANN001 - sqlalchemy Engine
    """Every view of sql/views/ with its description and columns.

    ``engine``: a warehouse's engine (SQLite); None creates an empty SQLite
    warehouse in a temporary folder.  Columns missing from dictionary.toml
    come with type '' and meaning '' (tests/test_docs.py fails on them).
    """
    if engine is None:
        from hyoka.load import Warehouse
        with tempfile.TemporaryDirectory() as tmp:
            wh = Warehouse.connect(f"sqlite:///{Path(tmp) / 'dictionary.sqlite'}")
            try:
                return build(wh.engine)
            finally:
                wh.close()
    views = []
    for name, cols in declared_types(engine).items():
        columns = []
        for col, declared in cols:
            e = entry(name, col) or {"type": "", "meaning": ""}
            columns.append(Column(col, e["type"], e["meaning"], declared))
        views.append(View(name, view_description(name), tuple(columns)))
    return views


def _cell(text: str) -> str:
    """Markdown table cell text: pipes escaped."""
    return text.replace("|", "\\|")


def render(views: list[View]) -> str:
    """docs/data-dictionary.md for ``views`` (from :func:`build`)."""
    out = ["# Data dictionary", "",
           "<!-- Generated by `python -m hyoka.datadict` from hyoka/dictionary.toml, the views' SQL header",
           "     comments and a freshly created warehouse; do not edit (tests/test_docs.py checks it). -->", "",
           "Every view of the warehouse (`sql/views/`), the same on SQLite and PostgreSQL.",
           "The six contract views (`v_documents`, `v_sheets`, `v_indicator_values`, `v_budget_values`,",
           "`v_text_blocks`, `v_raw_cells`) show the current version of every sheet and keep their",
           "names, columns and meanings across releases (columns are only appended); the others are",
           "the auditors' and analysts' views.",
           "",
           "Types: `text`, `int` (whole numbers; pandas `Int64`), `numeric` (pandas `float64`),",
           "`boolean` (pandas `boolean`; 1/0 in raw SQLite SQL). Every column's type is declared in",
           "the database on PostgreSQL; on SQLite the few marked *undeclared on SQLite* carry no",
           "declared type (a BI tool may read them as text there), while `hyoka.read` and",
           "`hyoka export` still give them their type. Conventions (fiscal years, statuses, units):",
           "see the contract conventions in the README's \"Data dictionary\" section.",
           "", "## Views", ""]
    for v in views:
        out.append(f"- [`{v.name}`](#{v.name}) — {len(v.columns)} columns")
    for v in views:
        out += ["", f"## {v.name}", ""]
        if v.description:
            out += [_cell(v.description), ""]
        out += ["| column | type | meaning |", "|---|---|---|"]
        for c in v.columns:
            kind = c.type or "?"
            if not c.sqlite_declared:
                kind += " (undeclared on SQLite)"
            out.append(f"| `{c.name}` | {kind} | {_cell(c.meaning)} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m hyoka.datadict [--check] [OUT]``: write (or, with
    ``--check``, compare) the dictionary; returns the exit code (1: stale)."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    out = Path(args[0]) if args else DEFAULT_OUT
    text = render(build())
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is stale: run python -m hyoka.datadict", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
