"""``hyoka templates list/check`` and the global ``--templates DIR`` option
(issue 7 part 4), through typer's CliRunner on real shipped template files
copied and edited the way a user would."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hyoka.cli import app
from hyoka.normalize.templates import SHIPPED_DIR, configure
from tests.expected import sample_pdf

SHISAKU = SHIPPED_DIR / "hiratsuka_shisaku_hyoka.toml"
WIDE = {"COLUMNS": "300"}


@pytest.fixture(autouse=True)
def no_user_templates(monkeypatch):
    """Start and end with the shipped templates only (the CLI configures the process)."""
    monkeypatch.delenv("HYOKA_TEMPLATES", raising=False)
    configure(())
    yield
    configure(())


def edited(dest: Path, *edits: tuple[str, str]) -> Path:
    """The shipped 施策評価 template written to ``dest`` with each (old, new) replaced once."""
    text = SHISAKU.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    return dest


def misspelt(dest: Path) -> Path:
    return edited(dest, ('name = "指標名"', 'nmae = "指標名"'))


def test_check_reports_ok_and_the_one_line_error(tmp_path):
    bad = misspelt(tmp_path / "mytemplate.toml")
    result = CliRunner().invoke(app, ["templates", "check", str(SHISAKU), str(bad)], env=WIDE)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"ok {SHISAKU} (hiratsuka_shisaku_hyoka)",
        f"{bad}: indicator_tables[0].nmae: unknown key (did you mean 'name'?)",
    ]


def test_check_of_valid_files_exits_0():
    files = [str(p) for p in sorted(SHIPPED_DIR.glob("*.toml"))]
    result = CliRunner().invoke(app, ["templates", "check", *files], env=WIDE)
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == len(files)
    assert all(line.startswith("ok ") for line in result.output.splitlines())


def test_list_shows_shipped_and_user_templates(tmp_path):
    mine = edited(tmp_path / "dir" / "ikeda.toml", ('name = "hiratsuka_shisaku_hyoka"', 'name = "ikeda_copy"'),
                  ('name = "平塚市"\ncode = "142034"', 'name = "池田市"\ncode = "272043"'))
    result = CliRunner().invoke(app, ["--templates", str(mine.parent), "templates", "list"], env=WIDE)
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in result.output.splitlines() if line.startswith("│")}
    assert rows["ikeda_copy"] == ["池田市", "272043", "施策評価シート【分野別施策】", str(mine)]
    assert rows["hiratsuka_shisaku_hyoka"] == ["平塚市", "142034", "施策評価シート【分野別施策】",
                                               "shipped: hiratsuka_shisaku_hyoka.toml"]
    without = CliRunner().invoke(app, ["templates", "list"], env=WIDE)
    assert without.exit_code == 0 and "ikeda_copy" not in without.output


def test_an_invalid_template_stops_ingest_before_any_file_is_read(tmp_path):
    bad = misspelt(tmp_path / "dir" / "t.toml")
    db = tmp_path / "w.sqlite"
    for args, env in ((["--templates", str(bad.parent)], WIDE), ([], {**WIDE, "HYOKA_TEMPLATES": str(bad.parent)})):
        result = CliRunner().invoke(app, [*args, "ingest", str(sample_pdf("000")), "--db", f"sqlite:///{db}"],
                                    env=env)
        assert result.exit_code == 2
        assert result.output.strip() == f"error: {bad}: indicator_tables[0].nmae: unknown key (did you mean 'name'?)"
        assert not db.exists()
