"""hyoka: Japanese municipal evaluation-sheet PDFs -> relational warehouse.

The CLI (:mod:`hyoka.cli`) and the orchestration (:mod:`hyoka.pipeline`)
that wires the stages ``extract`` -> ``normalize`` -> ``load``.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hyoka")
except PackageNotFoundError:  # running from a checkout without install
    __version__ = "0.1.0"
