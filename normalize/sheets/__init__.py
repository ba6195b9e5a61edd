"""Interpreters shared by all templates: they read tables and text by their
printed labels, as a template (normalize/templates/*.toml) describes them.

- :mod:`normalize.sheets.cells`: a cell's text (ruby dropped, wrapped
  lines joined, paragraphs kept) and label matching;
- :mod:`normalize.sheets.indicators`: indicator tables, in both layouts
  (``year_columns`` and ``measure_rows``);
- :mod:`normalize.sheets.budget`: budget tables (決算額 x fiscal years);
- :mod:`normalize.sheets.sections`: narrative blocks under headings;
- :mod:`normalize.sheets.plans`: wide plan tables (厚木市 取組状況): yearly
  計画 / 実績 texts per policy and the 目標と実績 figures they restate.
"""
