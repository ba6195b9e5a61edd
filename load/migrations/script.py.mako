"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""
from alembic import op

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Upgrade to this revision's table layout (see load/schema.py SCHEMA_VERSION)."""
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    """Not supported: restore the backup made before ``hyoka migrate``."""
    raise NotImplementedError("downgrade: restore the backup made before hyoka migrate")
