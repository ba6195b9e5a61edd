"""Rebuild every sample PDF under samples/ (and samples/variants/).

Usage (from the repository root)::

    .venv/bin/python samples/build/build_all.py [OUT_DIR]

``OUT_DIR`` defaults to the ``samples/`` folder.  Each builder module exposes
``build(samples_dir: Path) -> list[Path]``; ``hiratsuka`` is required,
``atsugi`` is built when it can be imported, then ``books`` binds the
built sheets into ``books/`` (needs pypdf, the ``dev`` extra).  Needs LibreOffice (soffice)
and the IPAex / Noto CJK fonts.  Prints each written path.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

#: Builder modules, in build order; (module name, required?).  ``books``
#: binds PDFs the city builders wrote, so it runs last.
BUILDERS = [("hiratsuka", True), ("atsugi", False), ("books", False)]


def build_all(out_dir: Path) -> list[Path]:
    """Run every available city builder into ``out_dir``; return the written PDFs.

    Raises ``ImportError`` when a required builder is missing and whatever
    a builder raises (``RuntimeError`` without LibreOffice).
    """
    written: list[Path] = []
    for name, required in BUILDERS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            if required:
                raise
            print(f"skip {name}: module not importable", file=sys.stderr)
            continue
        written += module.build(out_dir)
    return written


def main(argv: list[str]) -> int:
    """CLI entry: ``argv[1]`` is an optional output folder; returns the exit code."""
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE.parent
    for path in build_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
