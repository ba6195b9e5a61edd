"""Books: one PDF binding several generated sheets, as cities publish them.

A book holds 2-6 sheets of mixed templates and fiscal years (at least one
004-style multi-page 取組状況 table; no two sheets of one template and
year, as a city does not print a sheet twice), each starting on a new page, printed
in sequence by the same :class:`pdf.Writer`, so page numbers in the truth
are the book's.  Its truth (``<book>.truth.json``) is
``{"file", "kind": "book", "pages", "sheets": [sheet record ...]}`` with
each sheet's ``seq`` (1-based), ``first_page`` and ``last_page``.  The
PDF's creation date is the August after the latest sheet's fiscal year.
"""
from __future__ import annotations

import random
from pathlib import Path

from samples.generate import truth
from samples.generate.layouts import DRAW, TEMPLATES, TORIKUMI
from samples.generate.pdf import Writer


def generate_book(seed: int, out_dir: Path) -> tuple[Path, dict]:
    """Print book ``seed`` into ``out_dir/book-<seed>.pdf``; return (path, truth)."""
    rng = random.Random(f"book:{seed}")
    n = rng.randint(2, 6)
    templates = [TORIKUMI] + [rng.choice(TEMPLATES) for _ in range(n - 1)]
    rng.shuffle(templates)
    from samples.generate import sheet_year
    # one sheet per (template, year): a book does not print the same sheet twice
    years, seen = [], set()
    for t in templates:
        fy = sheet_year(t, rng)
        while (t, fy) in seen:
            fy = sheet_year(t, rng)
        seen.add((t, fy))
        years.append(fy)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"book-{seed:05d}.pdf"
    w = Writer(pdf, created=f"{max(years) + 1}08{rng.randint(1, 28):02d}", author="")
    sheets = []
    for seq, (t, fy) in enumerate(zip(templates, years), start=1):
        sub = random.Random(f"book:{seed}:{seq}")
        sheets.append(DRAW[t](w, sub, fy, seq, seed * 100 + seq))
    w.save()
    record = {"file": pdf.name, "kind": "book", "pages": w.page, "sheets": sheets}
    truth.save(pdf, record)
    return pdf, record
