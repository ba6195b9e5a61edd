"""Stopping an ingest by a signal: the load is marked ``interrupted``, not left ``running``.

:func:`interruptible` is the context manager :func:`hyoka.pipeline.ingest`
runs its loads in.  While it is active, SIGTERM, SIGHUP and SIGINT (those
the platform has) raise :class:`Interrupted` in the main thread, wherever
it is:

- in the extraction of a file: nothing of that file was written;
- inside a document's write transaction (load/warehouse.py writes each
  document in one): the transaction is rolled back, so no half-loaded
  document is left — the documents recorded before stay;
- in the relink: its transaction is rolled back (the next ingest or
  ``hyoka link`` relinks).

Then every load the warehouse object had open when the signal came is
marked ``interrupted`` with a message naming the signal, one line goes to
stderr, and the process exits with 128 + the signal number (130 SIGINT,
129 SIGHUP, 143 SIGTERM: the shells' convention), without a traceback
(:class:`Interrupted` is a :class:`SystemExit`).  A repeated signal while
the load is being marked is ignored so that the marking completes; one that
arrives while the first is still propagating raises again.

SIGKILL (kill -9) cannot be caught: the load stays ``running`` until the
next ingest on the same host sees its process gone and marks it
(:meth:`load.warehouse.Warehouse.mark_stale_loads`, called by
``begin_load``).  ``hyoka loads`` shows both.

Handlers are installed only in the main thread (Python runs signal handlers
there only; elsewhere the context manager does nothing) and the previous
handlers are restored at the end.
"""
from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from hyoka.load.ids import iso, utc_now

#: The signals that interrupt an ingest (those this platform defines).
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


class Interrupted(SystemExit):
    """A signal stopped the run.  ``signum``: its number; ``signal_name``:
    e.g. 'SIGTERM'; the exit code (``code``) is 128 + signum."""

    def __init__(self, signum: int):
        """``signum``: the signal number received."""
        self.signum = signum
        self.signal_name = signal.Signals(signum).name
        super().__init__(128 + signum)


@contextmanager
def interruptible(wh, *, stream: TextIO | None = None) -> Iterator[None]:  # noqa: ANN001 - Warehouse
    """Run the block with SIGTERM/SIGHUP/SIGINT turned into :class:`Interrupted`
    and the loads of ``wh`` marked ``interrupted`` when one arrives (module doc).

    ``wh``: the :class:`load.warehouse.Warehouse` whose ``open_loads`` (loads
    begun and not finished) are marked; ``stream``: where the one-line
    message goes (default: sys.stderr).  Yields nothing.  Re-raises the
    :class:`Interrupted` after marking (exit code 128 + signal).  When the
    warehouse cannot be reached to mark the load, the line says so and the
    next ingest marks it as a stale load.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    state: dict = {"signum": None, "loads": (), "cleaning": False}

    def handler(signum: int, _frame) -> None:  # noqa: ANN001 - frame
        if state["cleaning"]:
            return  # let the marking finish
        if state["signum"] is None:
            state["signum"], state["loads"] = signum, tuple(sorted(wh.open_loads))
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in SIGNALS}
    try:
        yield
    except Interrupted as exc:
        state["cleaning"] = True
        name = exc.signal_name
        loads = state["loads"] or tuple(sorted(wh.open_loads))
        message = (f"interrupted by {name} (signal {exc.signum}) at {iso(utc_now())}: the document "
                   f"being written was rolled back, those recorded before are kept; re-run the same "
                   f"ingest to load the rest")
        problem = None
        for load_id in loads:
            try:
                wh.finish_load(load_id, "interrupted", message)
            except Exception as e:  # the database went away: the next ingest marks it (stale)
                problem = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
        if not loads:
            line = f"hyoka: interrupted by {name}; no load was running"
        elif problem:
            line = (f"hyoka: interrupted by {name}; could not mark load {', '.join(loads)} "
                    f"({problem}); the next ingest marks it interrupted")
        else:
            line = (f"hyoka: interrupted by {name}; load {', '.join(loads)} marked interrupted "
                    f"(the document being written was rolled back); re-run the same command to load the rest")
        print(line, file=stream or sys.stderr, flush=True)
        raise
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
