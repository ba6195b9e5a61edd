"""Load ids and timestamps.

A load id is time-sortable like dlt's: the UTC start time to the
microsecond, 'Z', and 4 random hex digits against collisions, e.g.
'20261126T210501.123456Z-1a2b'.  Sorting load ids as text sorts runs by
start time.  Timestamps are stored as ISO-8601 UTC text (portable DDL).
"""
from __future__ import annotations

import secrets
from datetime import datetime, timezone


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """ISO-8601 UTC text with microseconds, e.g. '2026-11-26T21:05:01.123456+00:00'."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def new_load_id(moment: datetime | None = None) -> str:
    """A new load id for a run started at ``moment`` (default: now), see module doc."""
    moment = (moment or utc_now()).astimezone(timezone.utc)
    return f"{moment.strftime('%Y%m%dT%H%M%S.%f')}Z-{secrets.token_hex(2)}"
