"""The load stage: DocumentFacts -> warehouse tables (SQLite or PostgreSQL).

The schema lives in sql/ (see sql/README.md); :class:`load.warehouse.Warehouse`
is the only entry point the orchestrator needs.
"""
from hyoka.load.warehouse import DEFAULT_URL, Warehouse

__all__ = ["DEFAULT_URL", "Warehouse"]
