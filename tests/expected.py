"""Read the hand-written expected files of samples/expected/.

``<id>.document.json``, ``<id>.indicator_values.csv``,
``<id>.budget_values.csv``, ``<id>.text_blocks.csv`` are written from the
seed text (samples/README.md).  A variant ``<id>.variant.json`` derives its
expectations from its base sample's files: fiscal years shifted by
``fiscal_year_shift``, rows limited to ``keep_fiscal_years`` and
``is_estimate`` recomputed from ``estimate_fiscal_years`` when given; then
``changes`` (figures printed differently, e.g. a corrected republication or
a planted inconsistency) replace value and value_text (and value_std of a
budget row, at the base row's unit factor) of the rows they name, and
``added_rows`` ({'indicator_values'|'budget_values': [CSV-shaped rows]})
adds the variant's own figures (e.g. the 元年度 column of the 令和4年度
sheet 000v1), and ``indicator_names`` ({base name: name as printed})
renames indicators (added rows included).  ``text_sections`` (a list of
section names) keeps only the base's text blocks of those sections, for a
printing that leaves some text out (004v1 and 004v2 print 004's indicator
table only: 反映, not the wide table's 計画 / 実績); without it every
base text block is expected.
A change's ``fiscal_year`` is the variant's (after the shift), its
``indicator_name`` the base sample's.

Every budget row gets ``amount_basis`` (contract v2): the row's own
``amount_basis`` column where a CSV has one, else the basis
``amount_basis.json`` lists for the sample (a variant: its base's), else
'' (NULL: the sheet does not say).

A book (``samples/books/<book id>-*.pdf``) has ``<book id>.sheets.json``:
its ``page_count`` and, per sheet, ``seq``, ``first_page``, ``last_page``,
``sheet_type``, ``municipality_code``, ``document_fiscal_year``,
``policy_code``, ``subject``, the ``base`` sample whose pages it binds
unchanged and the ``page_offset`` (book page = base page + offset);
:func:`book_sheet_expected` derives a sheet's expected rows from the base's.
"""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from tests.conftest import EXPECTED, SAMPLES

ESTIMABLE = ("actual", "result", "achievement_rate")
#: Folders under samples/ holding sample PDFs, besides samples/ itself.
SAMPLE_FOLDERS = ("variants", "republished", "planted", "books")


def sample_pdf(sample_id: str) -> Path:
    """The PDF of a sample, variant, audit-sample or book id ("000", "004v1",
    "000r1", "004p", "book-hyoka-shu")."""
    hits = sorted(SAMPLES.glob(f"{sample_id}-*.pdf"))
    for folder in SAMPLE_FOLDERS:
        hits += sorted((SAMPLES / folder).glob(f"{sample_id}-*.pdf"))
    assert len(hits) == 1, f"expected one PDF for {sample_id}, found {hits}"
    return hits[0]


def _number_text(value) -> str:
    """A JSON number as the expected CSVs write it ('' for null)."""
    return "" if value is None else str(value)


def apply_changes(indicator_rows: list[dict], budget_rows: list[dict], changes: list[dict]) -> None:
    """Apply a variant's ``changes`` to its derived rows, in place.

    Each change names one row (kind ``indicator``: indicator_name,
    fiscal_year, measure; kind ``budget``: item, fiscal_year) whose
    value_text must be ``old_value_text``; it gets ``new_value_text`` and
    ``new_value`` (budget rows also value_std = new_value x the base row's
    value_std / value).  Raises AssertionError when a change matches no row
    or the old text differs (the expected file is then wrong).
    """
    for ch in changes:
        if ch["kind"] == "indicator":
            rows = indicator_rows
            hit = [r for r in rows if r["indicator_name"] == ch["indicator_name"]
                   and r["fiscal_year"] == str(ch["fiscal_year"]) and r["measure"] == ch["measure"]]
        else:
            rows = budget_rows
            hit = [r for r in rows if r["item"] == ch["item"] and r["fiscal_year"] == str(ch["fiscal_year"])]
        assert len(hit) == 1, f"change {ch} matches {len(hit)} rows"
        row = hit[0]
        assert row["value_text"] == ch["old_value_text"], (row, ch)
        if ch["kind"] == "budget" and row.get("value_std") and row.get("value"):
            factor = Decimal(row["value_std"]) / Decimal(row["value"])
            row["value_std"] = "" if ch["new_value"] is None else str(Decimal(str(ch["new_value"])) * factor)
        row["value"] = _number_text(ch["new_value"])
        row["value_text"] = ch["new_value_text"]


def _csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def amount_basis(sample_id: str) -> str:
    """The amount_basis ``amount_basis.json`` gives the budget rows of
    ``sample_id`` (a variant: its base's); '' when it lists none."""
    variant = EXPECTED / f"{sample_id}.variant.json"
    if variant.exists():
        return amount_basis(json.loads(variant.read_text("utf-8"))["base"])
    listed = json.loads((EXPECTED / "amount_basis.json").read_text("utf-8"))
    hits = [basis for basis, ids in listed.items() if basis != "note" and sample_id in ids]
    assert len(hits) <= 1, f"{sample_id} has several amount bases: {hits}"
    return hits[0] if hits else ""


def load_expected(sample_id: str) -> dict:
    """{'document': dict, 'indicator_values', 'budget_values', 'text_blocks': list[dict]}
    (CSV-shaped rows: every value a str, '' = NULL; budget rows with amount_basis)."""
    out = _load_expected(sample_id)
    basis = amount_basis(sample_id)
    for r in out["budget_values"]:
        if not r.get("amount_basis"):
            r["amount_basis"] = basis
    return out


def _load_expected(sample_id: str) -> dict:
    variant = EXPECTED / f"{sample_id}.variant.json"
    if not variant.exists():
        return {"document": json.loads((EXPECTED / f"{sample_id}.document.json").read_text("utf-8")),
                **{k: _csv(EXPECTED / f"{sample_id}.{k}.csv")
                   for k in ("indicator_values", "budget_values", "text_blocks")}}
    spec = json.loads(variant.read_text("utf-8"))
    base = load_expected(spec["base"])
    shift = int(spec.get("fiscal_year_shift") or 0)
    keep = spec.get("keep_fiscal_years")
    est = spec.get("estimate_fiscal_years")

    def move(rows: list[dict], indicator: bool) -> list[dict]:
        out = []
        for r in rows:
            r = dict(r)
            if r.get("fiscal_year"):
                r["fiscal_year"] = str(int(r["fiscal_year"]) + shift)
            if keep is not None and r.get("fiscal_year") and int(r["fiscal_year"]) not in keep:
                continue
            if indicator and est is not None:
                fy = int(r["fiscal_year"]) if r.get("fiscal_year") else None
                marked = "見込" in r.get("value_text", "")
                r["is_estimate"] = "true" if (marked or (fy in est and r["measure"] in ESTIMABLE)) else "false"
            out.append(r)
        return out

    doc = dict(base["document"], document_fiscal_year=spec["document_fiscal_year"])
    indicators = move(base["indicator_values"], True)
    budgets = move(base["budget_values"], False)
    added = spec.get("added_rows", {})
    indicators += [dict(r) for r in added.get("indicator_values", [])]
    budgets += [dict(r) for r in added.get("budget_values", [])]
    apply_changes(indicators, budgets, spec.get("changes", []))
    names = spec.get("indicator_names", {})
    unknown = set(names) - {r["indicator_name"] for r in indicators}
    assert not unknown, f"indicator_names of {sample_id} not in {spec['base']}: {unknown}"
    for r in indicators:  # added_rows are written with the base's names too
        r["indicator_name"] = names.get(r["indicator_name"], r["indicator_name"])
    sections = spec.get("text_sections")
    blocks = [dict(b) for b in base["text_blocks"] if sections is None or b["section"] in sections]
    return {"document": doc, "indicator_values": indicators, "budget_values": budgets,
            "text_blocks": blocks}


#: Fields of a book's sheet entry that must equal its base's expected document.
BOOK_SHEET_FIELDS = ("sheet_type", "municipality_code", "document_fiscal_year", "policy_code", "subject")


def load_book(book_id: str) -> dict:
    """``<book_id>.sheets.json`` as a dict, checked: sheets numbered 1..n in
    page order, covering pages 1..page_count exactly once, each sheet's
    ``first_page`` = 1 + ``page_offset`` and its fields
    (:data:`BOOK_SHEET_FIELDS`) equal to its base's expected document
    (``subject`` None where the base document has none).  AssertionError
    names what is inconsistent (the expected file is then wrong)."""
    spec = json.loads((EXPECTED / f"{book_id}.sheets.json").read_text("utf-8"))
    sheets = spec["sheets"]
    assert [s["seq"] for s in sheets] == list(range(1, len(sheets) + 1)), "seq must run 1..n"
    page = 1
    for s in sheets:
        assert s["first_page"] == page == 1 + s["page_offset"], s
        assert s["last_page"] >= s["first_page"], s
        page = s["last_page"] + 1
        base = load_expected(s["base"])["document"]
        for k in BOOK_SHEET_FIELDS:
            assert s[k] == base.get(k), (book_id, s["seq"], k, s[k], base.get(k))
    assert page - 1 == spec["page_count"], "sheets must cover every page"
    return spec


def book_sheet_expected(book_id: str, seq: int) -> dict:
    """The expected facts of sheet ``seq`` of a book, derived from its base.

    Returns {'sheet': the sheets.json entry, 'document': the base's expected
    document, 'indicator_values', 'budget_values', 'text_blocks': the base's
    expected rows (:func:`load_expected`), each with ``sheet_seq`` (str of
    ``seq``), ``page_offset``, ``first_page`` and ``last_page`` (str) added:
    the book prints the base's pages unchanged, so a fact the base prints on
    its page p is the book's fact on page p + page_offset, within
    first_page..last_page.  KeyError for an unknown seq.
    """
    spec = load_book(book_id)
    by_seq = {s["seq"]: s for s in spec["sheets"]}
    sheet = by_seq[seq]
    base = load_expected(sheet["base"])
    extra = {"sheet_seq": str(seq), "page_offset": str(sheet["page_offset"]),
             "first_page": str(sheet["first_page"]), "last_page": str(sheet["last_page"])}
    return {"sheet": sheet, "document": base["document"],
            **{k: [dict(r, **extra) for r in base[k]]
               for k in ("indicator_values", "budget_values", "text_blocks")}}
