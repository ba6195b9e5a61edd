"""What the ``hyoka`` command prints, and how it ends: one place for the
output settings, password masking, the log file and one-line errors.

Exit codes (DEVELOPERS.md): 0 done; 1 some documents failed (they are
recorded with their reason, the others loaded); 2 a usage or configuration
error (a bad option or URL, an unreachable or read-only database, a folder
that cannot be written, an invalid mapping or template file): one line
``error: …`` on stderr, never a traceback, nothing read or written;
3 an internal error (a bug in hyoka): one line on stderr, the traceback in
the log file (``--log-file``) or on stderr with ``--verbose``.

:class:`HyokaGroup` is the Typer group class of ``hyoka`` (``typer.Typer(cls=
HyokaGroup)``).  It

- gives every command (and the group itself, ``hyoka -q ingest …``) the
  options ``--quiet/-q``, ``--verbose/-v`` and ``--log-file PATH`` (env
  ``HYOKA_LOG_FILE``), read by commands through :func:`settings`;
- prints click's usage errors as one line (``error: <problem> (hyoka
  ingest --help)``) with click's exit code 2, instead of the usage box;
- turns the configuration errors below into one line and exit 2 wherever a
  command raises them (:func:`config_error_message`), anything else into
  one line and exit 3 with the traceback logged.

Every console made here (:func:`out`, :func:`err`) writes through a filter
that masks the password of any URL (``scheme://user:***@host``), and so do
the log handlers; show a URL with :func:`safe_url`.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from typer.core import TyperGroup

try:  # Typer >= 0.26 carries its own copy of click
    from typer._click.core import Context
    from typer._click.exceptions import BadParameter, ClickException, UsageError
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover - older Typer on click
    from click import BadParameter, ClickException, Context, UsageError, get_current_context

#: The logger of the ``hyoka`` command and its modules (``hyoka.*``).
log = logging.getLogger("hyoka")
log.addHandler(logging.NullHandler())  # no "last resort" echo of our records on stderr

#: Exit codes, see the module doc.
EXIT_FAILED_DOCUMENTS = 1
EXIT_CONFIG = 2
EXIT_INTERNAL = 3

_META = "hyoka.settings"
#: ``scheme://user:password@`` as found in any text; the password is group ``pw``.
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s/:@]*:)(?P<pw>\S*?)(?P<tail>@[^\s@]*(?:\s|$))")


class ConfigError(Exception):
    """A usage or configuration error found while a command runs (not by
    click's parser): printed as ``error: <message>`` on one line, exit 2."""


@dataclass
class Settings:
    """Output settings of one ``hyoka`` invocation.

    quiet: print only errors and failed documents (one line each);
    verbose: print each file's status as it is recorded, and an internal
    error's traceback; log_file: also log there (statuses, errors,
    tracebacks of internal errors); db: the ``--db`` URL as given, if any.
    """

    quiet: bool = False
    verbose: bool = False
    log_file: Path | None = None
    db: str | None = None


def settings() -> Settings:
    """The settings of the running invocation (defaults outside one)."""
    ctx = get_current_context(silent=True)
    if ctx is None:
        return Settings()
    return ctx.meta.setdefault(_META, Settings())


def mask_secrets(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@host``
    replaced by ``***`` (SQLAlchemy's ``hide_password`` spelling)."""
    if "://" not in text:
        return text
    return _URL_PASSWORD.sub(lambda m: m["head"] + ("***" if m["pw"] else "") + m["tail"], text)


def safe_url(url: str) -> str:
    """A database URL for display: SQLAlchemy's rendering with the password
    hidden (``URL.render_as_string(hide_password=True)``); a string that is
    not a URL comes back with :func:`mask_secrets` applied."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError, TypeError):
        return mask_secrets(str(url))


class _MaskedStream:
    """A text stream writing to the current sys.stdout or sys.stderr (looked
    up at each write, so click's test runner and redirections apply) with
    :func:`mask_secrets` applied."""

    def __init__(self, stderr: bool):
        """``stderr``: write to sys.stderr, else sys.stdout."""
        self._stderr = stderr

    @property
    def _target(self) -> Any:
        return sys.stderr if self._stderr else sys.stdout

    def write(self, text: str) -> int:
        """Write ``text`` masked; returns the length given (callers count what they gave)."""
        self._target.write(mask_secrets(text))
        return len(text)

    def flush(self) -> None:
        """Flush the target stream."""
        self._target.flush()

    def __getattr__(self, name: str) -> Any:
        """Everything else (isatty, fileno, encoding …) from the target stream."""
        return getattr(self._target, name)


def out(quiet: bool = False) -> Console:
    """A Rich console on stdout for a command's results, silent with
    ``--quiet`` or when ``quiet`` (e.g. ``--json``: stdout is the JSON)."""
    return Console(file=_MaskedStream(stderr=False), quiet=quiet or settings().quiet)  # type: ignore[arg-type]


def err() -> Console:
    """A Rich console on stderr for errors and warnings: never silenced,
    not wrapped (one message = one line), no markup or highlighting."""
    return Console(file=_MaskedStream(stderr=True), soft_wrap=True, highlight=False,  # type: ignore[arg-type]
                   markup=False)


def one_line(message: str) -> str:
    """``message`` on one line: line breaks (and the indentation after them) become one space."""
    return re.sub(r"\s*\n\s*", " ", str(message).strip())


def print_error(message: str, prefix: str = "error: ") -> None:
    """Print ``prefix + message`` as one line on stderr and log it at ERROR."""
    line = one_line(message)
    err().print(prefix + line)
    log.error("%s", line)


def fail(message: str) -> NoReturn:
    """Stop the command with a configuration error: ``error: <message>`` on one line, exit 2."""
    raise ConfigError(message)


def warn(message: str) -> None:
    """Print ``warning: <message>`` on one line on stderr (even with ``--quiet``) and log it."""
    line = one_line(message)
    err().print("warning: " + line)
    log.warning("%s", line)


# -- what a configuration error says ------------------------------------------------------
_config_error_types: list[type[BaseException]] = [ConfigError]


def register_config_error(*types: type[BaseException]) -> None:
    """Declare exception classes whose message is a complete one-line
    configuration error (exit 2), e.g. a module's own ``…Error`` class."""
    for t in types:
        if t not in _config_error_types:
            _config_error_types.append(t)


def _known_config_errors() -> tuple[type[BaseException], ...]:
    """The registered classes plus hyoka's own configuration errors (imported here, lazily).

    SchemaVersionError covers its subclass MigrationNeeded (load/schema.py);
    a CSV with an unreadable encoding reaches here as MappingFileError
    (load/series.py wraps CsvEncodingError).
    """
    from hyoka.load.schema import SchemaVersionError
    from hyoka.load.series import MappingFileError
    from hyoka.load.warehouse import WarehouseNotFound
    from hyoka.normalize.templates.model import TemplateError

    register_config_error(WarehouseNotFound, SchemaVersionError, MappingFileError, TemplateError)
    return tuple(_config_error_types)


def _driver_message(exc: BaseException) -> str:
    """The database driver's own message of an SQLAlchemy DBAPIError (first
    meaningful line; SQLAlchemy's statement and background link dropped)."""
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip()]
    text = lines[0] if lines else type(orig).__name__
    for extra in lines[1:]:
        if extra.startswith(("FATAL", "DETAIL", "Is the server")):
            text += " " + extra
    return text.removeprefix("connection failed: ")


def _database_message(exc: BaseException) -> str:
    """One line for a database that cannot be opened or written."""
    db = settings().db
    where = f"database {safe_url(db)}" if db else "database"
    message = _driver_message(exc)
    low = message.lower()
    if "readonly database" in low or "read-only" in low:
        return f"{where} is read-only ({message}); give a writable file or copy it first"
    if "unable to open database file" in low:
        return f"{where} cannot be opened: {message} (does its folder exist and is it writable?)"
    if "database is locked" in low:
        return f"{where} is locked by another process ({message}); try again when it finishes"
    return f"{where}: {message}"


def config_error_message(exc: BaseException) -> str | None:
    """The one-line message of a configuration error, or None when ``exc``
    is not one (then it is a bug in hyoka).

    Configuration errors: :class:`ConfigError` and the classes registered
    with :func:`register_config_error` (their message as is); SQLAlchemy's
    ArgumentError for an unparsable URL and NoSuchModuleError for an unknown
    dialect; OperationalError / InterfaceError (and the psycopg and sqlite3
    driver errors of those kinds): an unreachable server, a missing database,
    a read-only or locked file; OSError with a file name (a folder that
    cannot be created or written, a file that cannot be read)."""
    import sqlite3

    from sqlalchemy import exc as sa_exc

    if isinstance(exc, _known_config_errors()):
        return str(exc)
    if isinstance(exc, sa_exc.NoSuchModuleError):
        return f"unknown database dialect: {exc}; hyoka warehouses are sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"
    if isinstance(exc, sa_exc.ArgumentError) and "parse" in str(exc).lower() and "url" in str(exc).lower():
        return f"not a database URL: {exc}; e.g. sqlite:///hyoka.sqlite or postgresql+psycopg://USER@HOST/DB"
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sqlite3.OperationalError)):
        return _database_message(exc)
    try:
        import psycopg
        if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
            return _database_message(exc)
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    if isinstance(exc, OSError) and (exc.filename or exc.strerror):
        name = f"{exc.filename}: " if exc.filename else ""
        also = f" -> {exc.filename2}" if exc.filename2 else ""
        return f"{name}{exc.strerror or exc}{also}"
    return None


# -- logging ----------------------------------------------------------------------------
class _MaskFilter(logging.Filter):
    """Masks URL passwords in every record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message by its masked rendering; keep the record."""
        record.msg = mask_secrets(record.getMessage())
        record.args = None
        return True


_handlers: list[logging.Handler] = []


def start(ctx: typer.Context, quiet: bool, verbose: bool, log_file: Path | None) -> None:
    """Apply the global options ``--quiet``, ``--verbose``, ``--log-file`` of
    ``hyoka`` (its callback calls this): store them for :func:`settings` and
    install the log handlers.  Raises UsageError when both quiet and verbose."""
    if quiet and verbose:
        raise UsageError("--quiet and --verbose exclude each other", ctx=ctx)
    s = ctx.meta.setdefault(_META, Settings())
    s.quiet, s.verbose, s.log_file = quiet, verbose, log_file
    _start_logging(s)


def _start_logging(s: Settings) -> None:
    """Install the log handlers of ``s`` on the ``hyoka`` logger (file: DEBUG
    with time and level; stderr with --verbose: INFO)."""
    _stop_logging()
    if s.log_file is not None:
        try:
            s.log_file.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(s.log_file, encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"--log-file {s.log_file}: {e.strerror or e}") from None
        handler.setLevel(logging.DEBUG)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        _handlers.append(handler)
    if s.verbose:
        handler = logging.StreamHandler(_MaskedStream(stderr=True))  # type: ignore[arg-type]
        handler.setLevel(logging.INFO)
        handler.setFormatter(logging.Formatter("%(message)s"))
        _handlers.append(handler)
    for h in _handlers:
        h.addFilter(_MaskFilter())
        log.addHandler(h)
    if _handlers:
        log.setLevel(logging.DEBUG)
    log.debug("hyoka %s", " ".join(mask_secrets(a) for a in sys.argv[1:]) if sys.argv else "")


def _stop_logging() -> None:
    """Remove and close the handlers :func:`_start_logging` installed."""
    while _handlers:
        h = _handlers.pop()
        log.removeHandler(h)
        h.close()
    log.setLevel(logging.NOTSET)


# -- the group ---------------------------------------------------------------------------
def _usage_line(e: ClickException) -> str:
    """One line for a click error: its message and where to read the usage."""
    message = one_line(e.format_message())
    ctx = getattr(e, "ctx", None)
    if ctx is not None and isinstance(e, UsageError):
        message += f" ({ctx.command_path} --help)"
    return message


class HyokaGroup(TyperGroup):
    """The ``hyoka`` group: common options on every command, one-line errors
    and the exit codes of the module doc."""

    def invoke(self, ctx: Context) -> Any:
        """Run the command; a configuration error ends in one line and exit 2,
        any other exception (a bug) in one line and exit 3, traceback logged."""
        try:
            return super().invoke(ctx)
        except (typer.Exit, ClickException, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as e:
            message = config_error_message(e)
            if message is not None:
                print_error(message)
                raise typer.Exit(EXIT_CONFIG) from None
            log.exception("internal error")
            if settings().verbose:
                err().print_exception()
            where = f"the traceback is in {settings().log_file}" if settings().log_file else \
                "--verbose or --log-file PATH shows the traceback"
            print_error(f"{type(e).__name__}: {e} (a bug in hyoka; {where})", prefix="internal error: ")
            raise typer.Exit(EXIT_INTERNAL) from None

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """click's main, with click's errors printed as one line (exit code
        kept: 2 for usage errors) and the log handlers removed at the end.
        Exits (standalone) or returns the exit code."""
        try:
            rv = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                              standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except ClickException as e:
            if type(e).__name__ != "NoArgsIsHelpError":  # Typer has printed the help already
                print_error(_usage_line(e))
            code = e.exit_code
        except typer.Abort:
            err().print("aborted")
            code = 130
        finally:
            _stop_logging()
        if standalone_mode:
            sys.exit(code)
        return code


def db_url_callback(ctx: typer.Context, value: str | None) -> str | None:
    """Check a ``--db`` value before anything is read (a usage error, exit 2):
    an SQLAlchemy URL of an installed SQLite or PostgreSQL driver; for an
    SQLite file, its folder must exist.  Records the URL in :func:`settings`
    (error messages name it, password hidden).  Returns ``value``."""
    if value is None:
        return value
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    shown = mask_secrets(value)
    ctx.meta.setdefault(_META, Settings()).db = value
    try:
        url = make_url(value)
    except (ArgumentError, ValueError):
        raise BadParameter(f"{shown!r} is not a database URL; give e.g. sqlite:///hyoka.sqlite "
                                 f"or postgresql+psycopg://USER@HOST/DB") from None
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise BadParameter(f"unknown database dialect {url.drivername!r} in {safe_url(value)!r}; "
                                 f"give sqlite:///FILE or postgresql+psycopg://USER@HOST/DB") from None
    if dialect.name not in ("sqlite", "postgresql"):
        raise BadParameter(f"{safe_url(value)!r}: hyoka warehouses are SQLite or PostgreSQL, "
                                 f"not {dialect.name}") from None
    try:
        dialect.import_dbapi()
    except ImportError as e:
        raise BadParameter(f"{safe_url(value)!r}: the database driver is not installed ({e})") from None
    if dialect.name == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        path = Path(url.database)
        if path.is_dir():
            raise BadParameter(f"{path} is a folder, not an SQLite file; give sqlite:///{path}/hyoka.sqlite")
        if not path.parent.is_dir():
            raise BadParameter(f"folder {path.parent.resolve()} does not exist (for {path.name}); "
                                     f"create it first or give another path")
    return value


def writable_folder(path: Path, option: str) -> Path:
    """Create folder ``path`` if missing and check a file can be written in
    it, before anything is read; a configuration error (exit 2) naming
    ``option`` and the reason otherwise.  Returns ``path``."""
    if path.exists() and not path.is_dir():
        fail(f"{option} {path} is a file; give a folder (it is created if missing)")
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".hyoka-write-check-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        fail(f"{option} {path}: cannot write there: {e.strerror or e}")
    return path
