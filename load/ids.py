"""Load ids and timestamps.

A load id is time-sortable like dlt's: the UTC start time to the
microsecond, 'Z', and 4 random hex digits against collisions, e.g.
'20261126T210501.123456Z-1a2b'.  Sorting load ids as text sorts runs by
start time.  Timestamps are stored as ISO-8601 UTC text (portable DDL).
"""
from __future__ import annotations

import re
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


#: fact_id prefixes by table (sql/ddl/004-009).
FACT_ID_PREFIXES = {"indicator_values": "iv", "budget_values": "bv", "text_blocks": "tb",
                    "raw_cells": "rc", "validation_findings": "vf"}


def fact_id(table: str, sha256: str, seq: int, load_id: str) -> str:
    """The stable id of one fact row: ``<prefix>:<first 12 hex of SHA-256>:<seq>@<load id>``,
    e.g. 'iv:3f2a9c1b0d4e:17@20261126T210501.123456Z-1a2b'.

    ``table``: a key of :data:`FACT_ID_PREFIXES`; ``seq``: the row's 1-based
    number within its extraction.  The part before '@' names the fact within
    one file content; the load id names the extraction (a file re-extracted
    with ``--reprocess`` gets new fact ids).  Raises KeyError for an unknown
    table.
    """
    return f"{FACT_ID_PREFIXES[table]}:{sha256[:12]}:{seq}@{load_id}"


def parse_fact_id(text: str) -> tuple[str, str, int, str | None]:
    """Split a fact id (with or without '@load id') into (table, sha256 prefix, seq, load id or None).

    Raises ValueError naming the text when it is not a fact id.
    """
    head, _, load_id = text.strip().partition("@")
    parts = head.split(":")
    tables = {v: k for k, v in FACT_ID_PREFIXES.items()}
    if (len(parts) != 3 or parts[0] not in tables or not parts[2].isdigit()
            or not re.fullmatch(r"[0-9a-fA-F]{4,64}", parts[1])):
        raise ValueError(f"not a fact id: {text!r} (expected e.g. 'iv:3f2a9c1b0d4e:17' "
                         f"or 'iv:3f2a9c1b0d4e:17@<load id>'; prefixes {sorted(tables)})")
    return tables[parts[0]], parts[1].lower(), int(parts[2]), load_id or None
