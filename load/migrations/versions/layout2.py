"""Baseline: table layout 2 (hyoka before the sheet layer, commit 53f6080).

A warehouse of layout 2 has no Alembic stamp; load/schema.py migrate stamps it
with this revision (read from schema_meta.schema_version = '2') and upgrades
from here.  Nothing to run: the tables exist.
"""
revision = "layout2"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing: layout 2 is the baseline (existing warehouses are stamped with it)."""


def downgrade() -> None:
    """Not supported: restore the backup made before ``hyoka migrate``."""
    raise NotImplementedError("downgrade: restore the backup made before hyoka migrate")
