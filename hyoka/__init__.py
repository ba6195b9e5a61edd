"""hyoka: Japanese municipal evaluation-sheet PDFs -> relational warehouse.

The CLI (:mod:`hyoka.cli`) and the orchestration (:mod:`hyoka.pipeline`)
that wires the stages :mod:`hyoka.extract` -> :mod:`hyoka.normalize` ->
:mod:`hyoka.load`; the Python API ``hyoka.ingest(paths, db=...)`` and
``hyoka.read(view, db=..., **filters)`` (:mod:`hyoka.api`), imported lazily.

In the repository the stages live in top-level folders (``extract/``,
``normalize/``, ``load/``, ``sql/``); the wheel installs them inside this
package (``package-dir`` in pyproject.toml).  Run from a checkout, this
package's search path is extended with the repository root so that the same
``hyoka.extract`` imports resolve to those folders.
"""
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path as _Path

_CHECKOUT = _Path(__file__).resolve().parent.parent
if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "extract" / "__init__.py").is_file():
    __path__.append(str(_CHECKOUT))  # noqa: F821  (package __path__)

try:
    __version__ = version("hyoka")
except PackageNotFoundError:  # running from a checkout without install
    __version__ = "0.1.0"


def __getattr__(name: str):
    """``hyoka.ingest`` and ``hyoka.read`` (hyoka/api.py), imported on first
    use so that ``import hyoka`` loads neither pandas nor SQLAlchemy.
    Raises AttributeError for any other missing name."""
    if name in ("ingest", "read"):
        from hyoka import api
        return getattr(api, name)
    raise AttributeError(f"module 'hyoka' has no attribute {name!r}")
