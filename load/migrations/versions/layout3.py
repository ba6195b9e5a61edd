"""Table layout 3 (stub, being written)."""
revision = "layout3"
down_revision = "layout2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Upgrade layout 2 -> 3."""
    raise NotImplementedError("layout 2 -> 3")


def downgrade() -> None:
    """Not supported: restore the backup made before hyoka migrate."""
    raise NotImplementedError("downgrade: restore the backup made before hyoka migrate")
