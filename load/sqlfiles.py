"""The project's .sql files: finding them in layer order and splitting them.

``sql/`` is layered like dbt (see sql/README.md): ``ddl/NNN_*.sql`` (tables,
run in file-name order), then ``staging/``, ``core/`` and ``views/``, each a
set of ``CREATE VIEW`` files created in that layer order, file-name order
within a layer.  This module only reads text; load/schema.py executes it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

#: The repository's sql/ folder.
SQL_ROOT = Path(__file__).resolve().parents[1] / "sql"
#: Table layer, then the view layers in dependency order (sql/README.md).
DDL_LAYER = "ddl"
VIEW_LAYERS = ("staging", "core", "views")

_VIEW_RE = re.compile(r"^\s*CREATE\s+VIEW\s+([A-Za-z_][A-Za-z0-9_]*)\s+AS\b", re.IGNORECASE)


class SqlFileError(ValueError):
    """A .sql file breaks the layout rules (unterminated quote/comment, a view
    file that is not exactly one ``CREATE VIEW <file stem> AS`` statement)."""


@dataclass(frozen=True)
class SqlFile:
    """One .sql file: ``layer`` (ddl/staging/core/views), ``path``, and its
    ``statements`` with comments removed, in file order."""

    layer: str
    path: Path
    statements: tuple[str, ...]

    @property
    def view_name(self) -> str:
        """The view a staging/core/views file creates (its file stem).

        Raises SqlFileError unless the file holds exactly one
        ``CREATE VIEW <stem> AS ...`` statement.
        """
        if len(self.statements) != 1:
            raise SqlFileError(f"{self.path}: a view file must hold exactly one statement, "
                               f"found {len(self.statements)}")
        match = _VIEW_RE.match(self.statements[0])
        if not match:
            raise SqlFileError(f"{self.path}: expected 'CREATE VIEW {self.path.stem} AS ...'")
        if match.group(1) != self.path.stem:
            raise SqlFileError(f"{self.path}: creates view {match.group(1)!r}, "
                               f"but the file is named {self.path.stem!r}")
        return match.group(1)


def split_statements(sql: str) -> list[str]:
    """Split SQL text into statements at top-level semicolons.

    Semicolons inside '...' strings ('' escapes), "..." identifiers,
    PostgreSQL $tag$...$tag$ bodies, -- line comments and /* */ block
    comments (nested, as PostgreSQL allows) do not split.  Comments are
    removed from the returned statements (a line comment becomes a newline),
    so a '%' or ':' in a comment never reaches a DB-API driver as a
    placeholder.  Returns the non-empty statements, stripped, without their
    trailing semicolon.  Raises SqlFileError on an unterminated quote,
    dollar body or block comment.
    """
    statements: list[str] = []
    current: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        two = sql[i:i + 2]
        if two == "--":
            end = sql.find("\n", i)
            i = n if end < 0 else end  # keep the newline itself
            current.append(" ")
            continue
        if two == "/*":
            depth, j = 1, i + 2
            while depth and j < n:
                if sql.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif sql.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            if depth:
                raise SqlFileError("unterminated /* comment")
            current.append(" ")
            i = j
            continue
        if ch in ("'", '"'):
            j = i + 1
            while True:
                k = sql.find(ch, j)
                if k < 0:
                    raise SqlFileError(f"unterminated {ch} quote")
                if sql.startswith(ch * 2, k):  # doubled quote = escaped
                    j = k + 2
                    continue
                break
            current.append(sql[i:k + 1])
            i = k + 1
            continue
        if ch == "$":
            tag = re.match(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$", sql[i:])
            if tag and not (current and re.match(r"[A-Za-z0-9_]", current[-1][-1:] or " ")):
                close = sql.find(tag.group(0), i + len(tag.group(0)))
                if close < 0:
                    raise SqlFileError(f"unterminated {tag.group(0)} body")
                end = close + len(tag.group(0))
                current.append(sql[i:end])
                i = end
                continue
        if ch == ";":
            _flush(current, statements)
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    _flush(current, statements)
    return statements


def _flush(parts: list[str], out: list[str]) -> None:
    """Append the joined, stripped statement in ``parts`` to ``out`` unless empty."""
    text = "".join(parts).strip()
    if text:
        out.append(text)


def read_layer(layer: str, root: Path = SQL_ROOT) -> list[SqlFile]:
    """The .sql files of one layer folder under ``root``, in file-name order.

    Returns [] when the folder is missing.  Raises SqlFileError (naming the
    file) when a file cannot be split.
    """
    files = []
    for path in sorted((root / layer).glob("*.sql")):
        try:
            statements = split_statements(path.read_text(encoding="utf-8"))
        except SqlFileError as exc:
            raise SqlFileError(f"{path}: {exc}") from None
        files.append(SqlFile(layer, path, tuple(statements)))
    return files


def ddl_files(root: Path = SQL_ROOT) -> list[SqlFile]:
    """The table DDL files (sql/ddl/NNN_*.sql), in the order they must run."""
    return read_layer(DDL_LAYER, root)


def view_files(root: Path = SQL_ROOT) -> list[SqlFile]:
    """The view files of staging, core and views, in creation (dependency) order.

    Raises SqlFileError if a file is not one ``CREATE VIEW <stem> AS`` or two
    files create the same view.
    """
    files = [f for layer in VIEW_LAYERS for f in read_layer(layer, root)]
    seen: dict[str, Path] = {}
    for f in files:
        name = f.view_name
        if name in seen:
            raise SqlFileError(f"{f.path}: view {name!r} also created by {seen[name]}")
        seen[name] = f.path
    return files


def fingerprint(root: Path = SQL_ROOT) -> str:
    """Hex SHA-256 over every layer's file names and bytes: changes whenever
    any .sql file under ``root`` changes (used to decide whether to re-create views)."""
    digest = hashlib.sha256()
    for layer in (DDL_LAYER, *VIEW_LAYERS):
        for path in sorted((root / layer).glob("*.sql")):
            digest.update(f"{layer}/{path.name}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()
