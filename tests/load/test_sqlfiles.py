"""sql/ layout rules and the statement splitter (load/sqlfiles.py); no database."""
from __future__ import annotations

import re

import pytest

from hyoka.load.schema import BI_VIEWS
from hyoka.load.sqlfiles import SqlFileError, ddl_files, split_statements, view_files


def test_split_ignores_semicolons_in_strings_comments_and_dollar_bodies():
    sql = """
    -- a comment; with a semicolon and 100%
    CREATE TABLE a (x TEXT DEFAULT 'a;b''c;');  /* block; /* nested; */ still; */
    INSERT INTO "we;ird" VALUES ($$x;y$$, $tag$ ; $tag$);
    ;
    SELECT 1
    """
    assert split_statements(sql) == [
        "CREATE TABLE a (x TEXT DEFAULT 'a;b''c;')",
        'INSERT INTO "we;ird" VALUES ($$x;y$$, $tag$ ; $tag$)',
        "SELECT 1",
    ]


@pytest.mark.parametrize("sql", ["SELECT 'open", 'SELECT "open', "SELECT 1 /* open", "SELECT $$ open"])
def test_split_rejects_unterminated(sql):
    with pytest.raises(SqlFileError):
        split_statements(sql)


def test_view_files_are_one_create_view_named_as_the_file_in_layer_order():
    files = view_files()
    layers = [f.layer for f in files]
    assert layers == sorted(layers, key=("staging", "core", "views").index)
    names = [f.view_name for f in files]
    assert set(BI_VIEWS) <= set(names)
    assert [n for n in names if n.startswith("v_")] == sorted(BI_VIEWS)


PORTABLE_TYPES = {"TEXT", "INTEGER", "BIGINT", "DOUBLE PRECISION", "BOOLEAN"}


def test_ddl_uses_portable_types_only():
    """Column types are TEXT/INTEGER/BIGINT/DOUBLE PRECISION/BOOLEAN; no SERIAL/AUTOINCREMENT;
    seed rows only as idempotent INSERT … WHERE NOT EXISTS (run on every connect)."""
    seen = set()
    for f in ddl_files():
        for statement in f.statements:
            assert not re.search(r"SERIAL|AUTOINCREMENT|IDENTITY", statement, re.I), f.path
            if statement.upper().startswith("INSERT INTO"):  # seed rows: idempotent only
                assert re.search(r"WHERE\s+NOT\s+EXISTS", statement, re.I), f.path
                continue
            if not statement.upper().startswith("CREATE TABLE"):
                assert statement.upper().startswith("CREATE INDEX IF NOT EXISTS"), f.path
                continue
            assert statement.upper().startswith("CREATE TABLE IF NOT EXISTS"), f.path
            body = statement[statement.index("(") + 1:statement.rindex(")")]
            for line in body.split(",\n"):
                line = line.strip()
                if re.match(r"(PRIMARY|FOREIGN)\s+KEY", line):
                    continue
                column_type = re.match(r"\w+\s+(DOUBLE PRECISION|\w+)", line).group(1)
                seen.add(column_type)
    assert seen == PORTABLE_TYPES - {"BIGINT"}
