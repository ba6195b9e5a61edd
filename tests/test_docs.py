"""docs/data-dictionary.md is what hyoka/dictionary.toml generates, every view
column has an entry, and the declared types on both backends belong to it."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from hyoka.datadict import DEFAULT_OUT, TYPE_FAMILIES, _toml, build, declared_types, render
from hyoka.load import Warehouse
from tests.conftest import BACKENDS, fresh_db_url


def test_dictionary_is_generated_and_complete():
    views = build()
    missing = [(v.name, c.name) for v in views for c in v.columns if not c.type]
    assert missing == []
    used = {(v.name, c.name) for v in views for c in v.columns}
    stale = [(v, c) for v, spec in _toml().get("views", {}).items() for c in spec.get("columns", {})
             if (v, c) not in used]
    assert stale == []
    assert DEFAULT_OUT.read_text(encoding="utf-8") == render(views), "run python -m hyoka.datadict"


@pytest.mark.parametrize("backend", BACKENDS)
def test_declared_types_match_the_dictionary(backend, tmp_path):
    url = fresh_db_url(backend, tmp_path, "docs")
    Warehouse.connect(url).close()
    engine = create_engine(url)
    wrong = []
    by_view = {v.name: {c.name: c.type for c in v.columns} for v in build()}
    for view, cols in declared_types(engine).items():
        for name, declared in cols:
            if not declared and backend == "sqlite":
                continue  # marked "undeclared on SQLite" in the dictionary
            if not declared.startswith(TYPE_FAMILIES[by_view[view][name]]):
                wrong.append((view, name, by_view[view][name], declared))
    engine.dispose()
    assert wrong == []


def bi_queries() -> list[str]:
    """The ```sql blocks of docs/bi.md."""
    import re
    text = (DEFAULT_OUT.parent / "bi.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, re.S)


@pytest.mark.parametrize("backend", BACKENDS)
def test_bi_example_queries_run(backend, tmp_path):
    """Every example query of docs/bi.md runs on a warehouse holding 004
    (indicators, findings) and 000 (budget lines), and returns rows."""
    import hyoka
    from tests.expected import sample_pdf
    queries = bi_queries()
    assert len(queries) >= 3
    url = fresh_db_url(backend, tmp_path, "bi")
    hyoka.ingest([sample_pdf("004"), sample_pdf("000")], db=url)
    with Warehouse.connect(url) as wh:
        counts = [len(wh.query(q)) for q in queries]
    assert all(n > 0 for n in counts), counts
