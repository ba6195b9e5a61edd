"""Table strategies by name.

``STRATEGIES`` maps each strategy's name (as stored in
:attr:`extract.model.Table.strategy`) to its class; :func:`get_strategy`
makes one.  See :mod:`extract.tables.base` for the interface.
"""
from __future__ import annotations

from hyoka.extract.tables.base import TableStrategy
from hyoka.extract.tables.camelot_lattice import CamelotLattice
from hyoka.extract.tables.plumber import PlumberLines

#: name -> strategy class; "pdfplumber" is the default of the extract stage.
STRATEGIES: dict[str, type] = {"pdfplumber": PlumberLines, "camelot-lattice": CamelotLattice}


def get_strategy(name: str) -> TableStrategy:
    """A new strategy object for ``name`` (a key of :data:`STRATEGIES`).

    Raises ValueError naming the valid names when ``name`` is unknown.
    """
    try:
        cls = STRATEGIES[name]
    except KeyError:
        raise ValueError(f"unknown table strategy {name!r}; valid: {', '.join(sorted(STRATEGIES))}") from None
    return cls()
