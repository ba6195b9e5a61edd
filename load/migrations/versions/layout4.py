"""Table layout 4 (stub, being written)."""
revision = "layout4"
down_revision = "layout3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Upgrade layout 3 -> 4."""
    raise NotImplementedError("layout 3 -> 4")


def downgrade() -> None:
    """Not supported: restore the backup made before hyoka migrate."""
    raise NotImplementedError("downgrade: restore the backup made before hyoka migrate")
