"""Alembic revisions, one per table layout (see load/migrations/__init__.py)."""
