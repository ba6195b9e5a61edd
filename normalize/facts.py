"""Facts: the typed, provenance-carrying output of the normalize stage.

Every fact keeps the page (1-based) and bbox (PDF points, origin top-left)
of the cell it came from, the raw cell text, and the ids of the
normalization rules that produced its value (see ``normalize.rules``), so
an auditor can trace any number back to the page.  The load stage writes
these objects as they are; it does not interpret them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: The contract's statuses (../shared/warehouse-contract.md, "status").
STATUSES = ("ok", "missing", "pending", "not_applicable", "source_error", "unparsed")
#: The contract's measures for v_indicator_values.
MEASURES = ("baseline", "target", "actual", "achievement_rate", "result")
#: What kind of amount a budget column prints (contract v2, v_budget_values.amount_basis).
AMOUNT_BASES = ("settled", "budget", "estimate", "plan")
#: Where a page's characters came from (contract v2, v_documents.text_source).
TEXT_SOURCES = ("text_layer", "ocr", "mixed")
#: Document statuses for v_documents.
DOCUMENT_STATUSES = ("loaded", "unchanged", "failed", "needs_ocr")
#: Severities of a validation :class:`Finding`: ``error`` = the sheet
#: contradicts itself (or another sheet); ``warning`` = implausible but
#: possible; ``info`` = worth a look (e.g. an estimate later restated).
SEVERITIES = ("error", "warning", "info")
#: Kinds of fact a :class:`FactRef` points at.
FACT_KINDS = ("indicator", "budget")


@dataclass(frozen=True)
class Value:
    """A normalized cell value.

    ``value`` is a float in the printed ``unit`` (None unless status is
    ``ok``); ``value_std``/``unit_std`` the same in a base unit (千円 -> 円
    x1000); ``value_text`` the cell as printed after joining wrapped lines;
    ``status`` one of :data:`STATUSES`; ``note`` a remark found in the cell
    besides the value (e.g. 中止); ``is_estimate`` True for 見込 figures;
    ``rule_ids`` the ids of the rules applied, in order.
    """

    value: float | None
    unit: str | None
    value_std: float | None
    unit_std: str | None
    value_text: str
    status: str
    note: str | None = None
    is_estimate: bool = False
    rule_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Provenance:
    """Where a fact was printed: 1-based page and bbox (x0, top, x1, bottom)."""

    page: int
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None


@dataclass
class IndicatorValue:
    """One (indicator, fiscal_year, measure) figure of an indicator table.

    ``policy_codes`` holds every code printed in the policy cell (the first
    is ``policy_code``); ``fiscal_year`` is None for a baseline printed
    without a year.  ``ocr_confidence``: for a cell read by OCR, the
    engine's confidence in [0, 1] (the lowest of the cell's lines,
    normalize/ocr.py); None for the text layer.
    """

    policy_code: str | None
    policy_codes: list[str]
    policy_name: str | None
    indicator_name: str
    unit: str | None
    fiscal_year: int | None
    measure: str
    value: Value
    provenance: Provenance
    ocr_confidence: float | None = None


@dataclass
class BudgetValue:
    """One (budget line, fiscal_year, amount_basis) amount, e.g. 事業費 2023 in 千円.

    ``amount_basis`` is one of :data:`AMOUNT_BASES` (contract v2,
    v_budget_values.amount_basis: 決算 -> ``settled``, 予算 -> ``budget``,
    見込 -> ``estimate``, 計画 -> ``plan``), None where the sheet does not say.
    ``ocr_confidence`` as for :class:`IndicatorValue`.
    """

    policy_code: str | None
    project_name: str | None
    item: str
    fiscal_year: int | None
    value: Value
    provenance: Provenance
    amount_basis: str | None = None
    ocr_confidence: float | None = None


@dataclass
class TextBlock:
    """One narrative block under a section heading, e.g. a 成果 bullet.

    ``section`` is one of :data:`normalize.vocabulary.SECTIONS`;
    ``ordinal`` counts from 1 within (document, section); ``heading`` is the
    heading as printed.  ``ocr_confidence``: for a block read by OCR, the
    mean confidence of its lines (normalize/ocr.py); None for the text layer.
    """

    section: str
    ordinal: int
    text: str
    heading: str
    policy_code: str | None
    provenance: Provenance
    rule_ids: tuple[str, ...] = ()
    ocr_confidence: float | None = None


@dataclass
class RawCell:
    """A table cell as extracted, whether or not a template understood it.

    ``ocr_confidence``: for a cell read by OCR, the lowest confidence of its
    lines in [0, 1]; None for the text layer (and for a blank cell)."""

    page: int
    table_index: int
    row_index: int
    col_index: int
    row_span: int
    col_span: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    rule_ids: tuple[str, ...] = ()
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class FactRef:
    """A pointer to one fact of the same document: ``kind`` is one of
    :data:`FACT_KINDS`; ``index`` the 0-based position in
    ``DocumentFacts.indicators`` (kind ``indicator``) or ``.budgets``
    (kind ``budget``)."""

    kind: str
    index: int


@dataclass
class Finding:
    """A validation finding: the sheet disagrees with itself or is implausible.

    ``rule_id`` is registered in ``normalize.rules.RULES`` (``finding.*``);
    ``severity`` one of :data:`SEVERITIES`; ``message`` says what was
    printed and what was expected, in the sheet's own labels; ``page`` the
    1-based page of the first fact involved (None when none); ``facts`` the
    facts involved; ``bbox`` (x0, top, x1, bottom, PDF points) where the
    finding is about a region rather than a fact (a table no interpreter
    read), else None.  Findings never block a load.
    """

    rule_id: str
    severity: str
    message: str
    page: int | None
    facts: tuple[FactRef, ...] = ()
    bbox: tuple[float, float, float, float] | None = None


@dataclass
class SheetFacts:
    """Everything one sheet of a file yielded (contract v2: a *sheet* is one
    evaluation sheet — one template, one subject, one fiscal year).

    ``seq`` is 1-based in page order within the file; ``first_page`` /
    ``last_page`` the file pages it covers (1-based, inclusive).
    ``sheet_type`` is a template name or ``unclassified``;
    ``classification_score`` 0-100 (normalize.classify).  ``subject`` names
    what a sheet that is not about one policy is about (the 事業名 of a
    事業評価シート, the 部局名 of a 部の基本方針), read from the template's
    ``subject`` label; with municipality_code, sheet_type, policy_code and
    document_fiscal_year it is the sheet's identity (``document_key``,
    load/rows.py).  Fact lists are in the order the interpreters produced
    them; a :class:`FactRef` of ``findings`` indexes this sheet's lists.
    ``numeric_cells`` / ``typed_cells``: numeric-looking cells of the
    sheet's tables and how many became typed facts (normalize.coverage;
    contract v_sheets.coverage).  ``text_source``: one of
    :data:`TEXT_SOURCES`.  ``rule_ids``: how the sheet was delimited
    (``sheet.*``, normalize/split.py).  ``published_at`` /
    ``published_source``: when the sheet was published (ISO date) and from
    what — ``printed``, ``pdf_moddate``, ``pdf_creationdate`` or None
    (normalize/published.py); a document_key's versions are ordered by it.
    """

    seq: int = 1
    first_page: int = 1
    last_page: int = 1
    sheet_type: str = "unclassified"
    classification_score: float | None = None
    municipality: str | None = None
    municipality_code: str | None = None
    document_fiscal_year: int | None = None
    title: str | None = None
    policy_code: str | None = None
    policy_name: str | None = None
    subject: str | None = None
    text_source: str = "text_layer"
    numeric_cells: int = 0
    typed_cells: int = 0
    rule_ids: tuple[str, ...] = ()
    published_at: str | None = None
    published_source: str | None = None
    indicators: list[IndicatorValue] = field(default_factory=list)
    budgets: list[BudgetValue] = field(default_factory=list)
    text_blocks: list[TextBlock] = field(default_factory=list)
    raw_cells: list[RawCell] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def coverage(self) -> float | None:
        """typed_cells / numeric_cells, None when the sheet has no numeric cell."""
        return self.typed_cells / self.numeric_cells if self.numeric_cells else None


def _every_sheets(name: str, doc: str) -> property:
    """A read-only DocumentFacts property: the list ``name`` of every sheet,
    concatenated in sheet order."""
    return property(lambda self: [f for sheet in self.sheets for f in getattr(sheet, name)], doc=doc)


@dataclass
class DocumentFacts:
    """Everything the pipeline learned from one file, ready to load.

    ``status`` is one of :data:`DOCUMENT_STATUSES` (``loaded`` until the
    load stage finds the SHA-256 already present); ``error`` names the file
    and page where something went wrong.  ``sheets`` are the file's sheets
    in page order (normalize.split; empty for a failed or unread file).
    ``text_source`` is one of :data:`TEXT_SOURCES`.

    The file-level metadata the contract's v_documents shows
    (``sheet_type``, ``municipality`` ...) is that of the file's
    :attr:`primary_sheet`; the fact lists (``indicators`` ...) are every
    sheet's, concatenated in sheet order (read-only views: add facts to a
    sheet).
    """

    source_file: str
    sha256: str
    status: str = "loaded"
    error: str | None = None
    page_count: int | None = None
    text_source: str = "text_layer"
    sheets: list[SheetFacts] = field(default_factory=list)

    @property
    def primary_sheet(self) -> SheetFacts | None:
        """The first recognised sheet, else the first sheet, else None."""
        return next((s for s in self.sheets if s.sheet_type != "unclassified"),
                    self.sheets[0] if self.sheets else None)

    @property
    def sheet_count(self) -> int:
        """Number of sheets found (0 when failed)."""
        return len(self.sheets)

    def _primary(self, name: str, default=None):  # noqa: ANN001, ANN202 - attribute passthrough
        sheet = self.primary_sheet
        return getattr(sheet, name) if sheet is not None else default

    sheet_type = property(lambda self: self._primary("sheet_type", "unclassified"),
                          doc="The primary sheet's template name, or 'unclassified'.")
    classification_score = property(lambda self: self._primary("classification_score"),
                                    doc="The primary sheet's classification score (0-100).")
    municipality = property(lambda self: self._primary("municipality"), doc="The primary sheet's municipality.")
    municipality_code = property(lambda self: self._primary("municipality_code"),
                                 doc="The primary sheet's JIS X 0402 code.")
    document_fiscal_year = property(lambda self: self._primary("document_fiscal_year"),
                                    doc="The primary sheet's fiscal year.")
    title = property(lambda self: self._primary("title"), doc="The primary sheet's title.")
    policy_code = property(lambda self: self._primary("policy_code"), doc="The primary sheet's policy code.")
    policy_name = property(lambda self: self._primary("policy_name"), doc="The primary sheet's policy name.")
    subject = property(lambda self: self._primary("subject"), doc="The primary sheet's subject.")

    indicators = _every_sheets("indicators", "Every sheet's indicator values, in sheet order.")
    budgets = _every_sheets("budgets", "Every sheet's budget values, in sheet order.")
    text_blocks = _every_sheets("text_blocks", "Every sheet's text blocks, in sheet order.")
    raw_cells = _every_sheets("raw_cells", "Every sheet's raw cells, in sheet order.")
    findings = _every_sheets("findings", "Every sheet's findings, in sheet order (FactRefs index their own sheet).")
