"""``hyoka migrate [--db URL]``: upgrade a warehouse of an older table layout
in place (load/schema.py migrate: Alembic revisions in load/migrations/, then
the views re-created), serialised against other hyoka processes.

Registered on :data:`hyoka.cli.app` when imported (by hyoka/cli.py).  Exit
codes: 0 migrated or already current (it says which); 2 no warehouse at the
URL, a layout that cannot be migrated (1, or a newer hyoka's), or the
database refused a step (one line; the transaction rolled back, nothing changed).
"""
from __future__ import annotations

import typer
from rich.console import Console
from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError

from hyoka.cli import DEFAULT_URL, DbOption, app
from hyoka.load.schema import SchemaVersionError, WarehouseNotFound, migrate as run_migrate


@app.command()
def migrate(db: DbOption = DEFAULT_URL) -> None:
    """Upgrade a warehouse made by an earlier hyoka to this one's table layout, keeping every fact."""
    console = Console(soft_wrap=True)
    engine = create_engine(db)
    shown = engine.url.render_as_string(hide_password=True)
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        from pathlib import Path
        if not Path(engine.url.database).is_file():
            console.print(f"[red]error:[/red] no hyoka warehouse at {Path(engine.url.database).resolve()}")
            raise typer.Exit(2)
    try:
        result = run_migrate(engine)
    except (WarehouseNotFound, SchemaVersionError) as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    except SQLAlchemyError as e:
        first = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        console.print(f"[red]error:[/red] {shown}: migration refused, nothing changed: {first}")
        raise typer.Exit(2)
    finally:
        engine.dispose()
    if result.from_layout == result.to_layout:
        what = "views re-created" if result.views_recreated else "nothing to do"
        console.print(f"{shown}: already at table layout {result.to_layout} ({what})")
    else:
        console.print(f"{shown}: migrated table layout {result.from_layout} → {result.to_layout}, views re-created")
