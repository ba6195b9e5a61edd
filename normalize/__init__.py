"""Normalize stage: ExtractedDocument -> DocumentFacts (pure functions).

Rules for eras, widths, numbers, units, statuses and text live in their
own modules (era, width, values, text, policy), labels in ``vocabulary``,
rule ids in ``rules``; templates are data in ``templates/``; the shared
interpreters are in ``sheets/``.
"""
from hyoka.normalize.document import normalize_document

__all__ = ["normalize_document"]
