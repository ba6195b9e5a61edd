"""Table layout 2 -> 3: contract version 2 (the sheet layer, commit 471f936).

A layout-2 file was one sheet: each documents row becomes one sheets row
(sheet_seq 1, pages 1..page_count, its document_key and metadata; numeric/
typed cells 0 and coverage NULL: not measured then; rule_ids
``migration.layout2_one_sheet``); documents lose document_key (now per sheet)
and gain sheet_count 1 and text_source; every fact table gains sheet_seq 1
(foreign key to its sheet) and ocr_confidence NULL (no OCR then), budget_values
amount_basis NULL (not recorded); load_documents gain sheet_count, text_source
and extraction_load_id (the latest stored extraction of the file's SHA-256 at
or before that load).  Tables are rebuilt to the exact layout-3 column order
(load/migrations/rebuild.py) from the frozen DDL below (sql/ddl at 8831ec1).
"""
from hyoka.load.migrations.rebuild import rebuild

revision = "layout3"
down_revision = "layout2"
branch_labels = None
depends_on = None

#: sql/ddl statements of layout 3 (commit 8831ec1), per table.
DDL = {'budget_values': ['CREATE TABLE IF NOT EXISTS budget_values (\n'
                   '    source_sha256   TEXT NOT NULL,\n'
                   '    seq             INTEGER NOT NULL,\n'
                   '    load_id         TEXT NOT NULL,\n'
                   '    sheet_seq       INTEGER NOT NULL,\n'
                   '    fact_id         TEXT NOT NULL UNIQUE,\n'
                   '    policy_code     TEXT,\n'
                   '    project_name    TEXT,\n'
                   '    item            TEXT NOT NULL,\n'
                   '    fiscal_year     INTEGER,\n'
                   '    value           DOUBLE PRECISION,\n'
                   '    unit            TEXT,\n'
                   '    value_std       DOUBLE PRECISION,\n'
                   '    unit_std        TEXT,\n'
                   '    value_text      TEXT NOT NULL,\n'
                   '    status          TEXT NOT NULL,\n'
                   '    note            TEXT,\n'
                   '    is_estimate     BOOLEAN NOT NULL,\n'
                   '    amount_basis    TEXT,\n'
                   '    rule_ids        TEXT,\n'
                   '    ocr_confidence  DOUBLE PRECISION,\n'
                   '    page            INTEGER NOT NULL,\n'
                   '    x0              DOUBLE PRECISION,\n'
                   '    top             DOUBLE PRECISION,\n'
                   '    x1              DOUBLE PRECISION,\n'
                   '    bottom          DOUBLE PRECISION,\n'
                   '    PRIMARY KEY (source_sha256, load_id, seq),\n'
                   '    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id),\n'
                   '    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, '
                   'load_id, sheet_seq)\n'
                   ')'],
 'documents': ['CREATE TABLE IF NOT EXISTS documents (\n'
               '    source_sha256         TEXT NOT NULL,\n'
               '    load_id               TEXT NOT NULL REFERENCES loads (load_id),\n'
               '    source_file           TEXT NOT NULL,\n'
               '    source_path           TEXT,\n'
               '    recorded_at           TEXT NOT NULL,\n'
               '    tool_version          TEXT NOT NULL,\n'
               '    status                TEXT NOT NULL,\n'
               '    municipality          TEXT,\n'
               '    municipality_code     TEXT,\n'
               '    document_fiscal_year  INTEGER,\n'
               '    sheet_type            TEXT NOT NULL,\n'
               '    classification_score  DOUBLE PRECISION,\n'
               '    page_count            INTEGER,\n'
               '    title                 TEXT,\n'
               '    subject               TEXT,\n'
               '    policy_code           TEXT,\n'
               '    policy_name           TEXT,\n'
               '    sheet_count           INTEGER NOT NULL,\n'
               '    text_source           TEXT NOT NULL,\n'
               '    PRIMARY KEY (source_sha256, load_id)\n'
               ')'],
 'indicator_values': ['CREATE TABLE IF NOT EXISTS indicator_values (\n'
                      '    source_sha256   TEXT NOT NULL,\n'
                      '    seq             INTEGER NOT NULL,\n'
                      '    load_id         TEXT NOT NULL,\n'
                      '    sheet_seq       INTEGER NOT NULL,\n'
                      '    fact_id         TEXT NOT NULL UNIQUE,\n'
                      '    policy_code     TEXT,\n'
                      '    policy_name     TEXT,\n'
                      '    indicator_name  TEXT NOT NULL,\n'
                      '    fiscal_year     INTEGER,\n'
                      '    measure         TEXT NOT NULL,\n'
                      '    unit            TEXT,\n'
                      '    value           DOUBLE PRECISION,\n'
                      '    value_unit      TEXT,\n'
                      '    value_std       DOUBLE PRECISION,\n'
                      '    unit_std        TEXT,\n'
                      '    value_text      TEXT NOT NULL,\n'
                      '    status          TEXT NOT NULL,\n'
                      '    note            TEXT,\n'
                      '    is_estimate     BOOLEAN NOT NULL,\n'
                      '    rule_ids        TEXT,\n'
                      '    ocr_confidence  DOUBLE PRECISION,\n'
                      '    page            INTEGER NOT NULL,\n'
                      '    x0              DOUBLE PRECISION,\n'
                      '    top             DOUBLE PRECISION,\n'
                      '    x1              DOUBLE PRECISION,\n'
                      '    bottom          DOUBLE PRECISION,\n'
                      '    PRIMARY KEY (source_sha256, load_id, seq),\n'
                      '    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, '
                      'load_id),\n'
                      '    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, '
                      'load_id, sheet_seq)\n'
                      ')'],
 'load_documents': ['CREATE TABLE IF NOT EXISTS load_documents (\n'
                    '    load_id               TEXT NOT NULL REFERENCES loads (load_id),\n'
                    '    source_file           TEXT NOT NULL,\n'
                    '    source_sha256         TEXT,\n'
                    '    status                TEXT NOT NULL,\n'
                    '    error                 TEXT,\n'
                    '    municipality          TEXT,\n'
                    '    municipality_code     TEXT,\n'
                    '    document_fiscal_year  INTEGER,\n'
                    '    sheet_type            TEXT NOT NULL,\n'
                    '    classification_score  DOUBLE PRECISION,\n'
                    '    page_count            INTEGER,\n'
                    '    sheet_count           INTEGER,\n'
                    '    text_source           TEXT,\n'
                    '    extraction_load_id    TEXT,\n'
                    '    started_at            TEXT NOT NULL,\n'
                    '    finished_at           TEXT NOT NULL,\n'
                    '    PRIMARY KEY (load_id, source_file)\n'
                    ')',
                    'CREATE INDEX IF NOT EXISTS ix_load_documents_sha256 ON load_documents (source_sha256)'],
 'raw_cells': ['CREATE TABLE IF NOT EXISTS raw_cells (\n'
               '    source_sha256   TEXT NOT NULL,\n'
               '    seq             INTEGER NOT NULL,\n'
               '    load_id         TEXT NOT NULL,\n'
               '    sheet_seq       INTEGER NOT NULL,\n'
               '    fact_id         TEXT NOT NULL UNIQUE,\n'
               '    ocr_confidence  DOUBLE PRECISION,\n'
               '    page            INTEGER NOT NULL,\n'
               '    table_index     INTEGER NOT NULL,\n'
               '    row_index       INTEGER NOT NULL,\n'
               '    col_index       INTEGER NOT NULL,\n'
               '    row_span        INTEGER NOT NULL,\n'
               '    col_span        INTEGER NOT NULL,\n'
               '    text            TEXT NOT NULL,\n'
               '    rule_ids        TEXT,\n'
               '    x0              DOUBLE PRECISION,\n'
               '    top             DOUBLE PRECISION,\n'
               '    x1              DOUBLE PRECISION,\n'
               '    bottom          DOUBLE PRECISION,\n'
               '    PRIMARY KEY (source_sha256, load_id, seq),\n'
               '    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id),\n'
               '    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, '
               'load_id, sheet_seq)\n'
               ')'],
 'sheets': ['CREATE TABLE IF NOT EXISTS sheets (\n'
            '    source_sha256         TEXT NOT NULL,\n'
            '    load_id               TEXT NOT NULL,\n'
            '    sheet_seq             INTEGER NOT NULL,\n'
            '    document_key          TEXT NOT NULL,\n'
            '    first_page            INTEGER NOT NULL,\n'
            '    last_page             INTEGER NOT NULL,\n'
            '    sheet_type            TEXT NOT NULL,\n'
            '    classification_score  DOUBLE PRECISION,\n'
            '    municipality          TEXT,\n'
            '    municipality_code     TEXT,\n'
            '    document_fiscal_year  INTEGER,\n'
            '    title                 TEXT,\n'
            '    subject               TEXT,\n'
            '    policy_code           TEXT,\n'
            '    policy_name           TEXT,\n'
            '    text_source           TEXT NOT NULL,\n'
            '    numeric_cells         INTEGER NOT NULL,\n'
            '    typed_cells           INTEGER NOT NULL,\n'
            '    coverage              DOUBLE PRECISION,\n'
            '    rule_ids              TEXT,\n'
            '    PRIMARY KEY (source_sha256, load_id, sheet_seq),\n'
            '    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id)\n'
            ')',
            'CREATE INDEX IF NOT EXISTS ix_sheets_document_key ON sheets (document_key)'],
 'text_blocks': ['CREATE TABLE IF NOT EXISTS text_blocks (\n'
                 '    source_sha256   TEXT NOT NULL,\n'
                 '    seq             INTEGER NOT NULL,\n'
                 '    load_id         TEXT NOT NULL,\n'
                 '    sheet_seq       INTEGER NOT NULL,\n'
                 '    fact_id         TEXT NOT NULL UNIQUE,\n'
                 '    section         TEXT NOT NULL,\n'
                 '    ordinal         INTEGER NOT NULL,\n'
                 '    heading         TEXT,\n'
                 '    text            TEXT NOT NULL,\n'
                 '    policy_code     TEXT,\n'
                 '    rule_ids        TEXT,\n'
                 '    ocr_confidence  DOUBLE PRECISION,\n'
                 '    page            INTEGER NOT NULL,\n'
                 '    x0              DOUBLE PRECISION,\n'
                 '    top             DOUBLE PRECISION,\n'
                 '    x1              DOUBLE PRECISION,\n'
                 '    bottom          DOUBLE PRECISION,\n'
                 '    PRIMARY KEY (source_sha256, load_id, seq),\n'
                 '    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id),\n'
                 '    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, '
                 'load_id, sheet_seq)\n'
                 ')'],
 'validation_findings': ['CREATE TABLE IF NOT EXISTS validation_findings (\n'
                         '    source_sha256   TEXT NOT NULL,\n'
                         '    load_id         TEXT NOT NULL,\n'
                         '    sheet_seq       INTEGER NOT NULL,\n'
                         '    seq             INTEGER NOT NULL,\n'
                         '    finding_id      TEXT NOT NULL UNIQUE,\n'
                         '    rule_id         TEXT NOT NULL,\n'
                         '    severity        TEXT NOT NULL,\n'
                         '    message         TEXT NOT NULL,\n'
                         '    fact_ids        TEXT,\n'
                         '    page            INTEGER,\n'
                         '    x0              DOUBLE PRECISION,\n'
                         '    top             DOUBLE PRECISION,\n'
                         '    x1              DOUBLE PRECISION,\n'
                         '    bottom          DOUBLE PRECISION,\n'
                         '    PRIMARY KEY (source_sha256, load_id, seq),\n'
                         '    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, '
                         'load_id),\n'
                         '    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets '
                         '(source_sha256, load_id, sheet_seq)\n'
                         ')']}

_TEXT_SOURCE = "CASE WHEN old.status = 'needs_ocr' THEN 'ocr' ELSE 'text_layer' END"
_FACTS = ("indicator_values", "budget_values", "text_blocks", "raw_cells", "validation_findings")


def upgrade() -> None:
    """Layout 2 -> 3, keeping every row (see the module docstring)."""
    from alembic import op

    op.get_bind().exec_driver_sql(DDL["sheets"][0])
    op.get_bind().exec_driver_sql(
        "INSERT INTO sheets (source_sha256, load_id, sheet_seq, document_key, first_page, last_page, "
        "sheet_type, classification_score, municipality, municipality_code, document_fiscal_year, title, "
        "subject, policy_code, policy_name, text_source, numeric_cells, typed_cells, coverage, rule_ids) "
        "SELECT old.source_sha256, old.load_id, 1, old.document_key, 1, COALESCE(old.page_count, 1), "
        "old.sheet_type, old.classification_score, old.municipality, old.municipality_code, "
        "old.document_fiscal_year, old.title, old.subject, old.policy_code, old.policy_name, "
        f"{_TEXT_SOURCE}, 0, 0, NULL, 'migration.layout2_one_sheet' FROM documents AS old")
    op.get_bind().exec_driver_sql("DROP INDEX IF EXISTS ix_documents_document_key")
    rebuild("documents", DDL["documents"][0], {"sheet_count": "1", "text_source": _TEXT_SOURCE})
    op.get_bind().exec_driver_sql(DDL["sheets"][1])
    rebuild("load_documents", DDL["load_documents"][0], {
        "sheet_count": "CASE WHEN old.status = 'failed' THEN NULL ELSE 1 END",
        "text_source": f"CASE WHEN old.status = 'failed' THEN NULL ELSE {_TEXT_SOURCE} END",
        "extraction_load_id": "CASE WHEN old.status = 'failed' THEN NULL ELSE "
                              "(SELECT MAX(d.load_id) FROM documents d WHERE d.source_sha256 = old.source_sha256 "
                              "AND d.load_id <= old.load_id) END"},
        indexes=DDL["load_documents"][1:])
    for table in _FACTS:
        rebuild(table, DDL[table][0], {"sheet_seq": "1"}, indexes=DDL[table][1:])


def downgrade() -> None:
    """Not supported: restore the backup made before ``hyoka migrate``."""
    raise NotImplementedError("downgrade: restore the backup made before hyoka migrate")
