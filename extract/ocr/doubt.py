"""What makes an OCR engine's reading of a figure doubtful, in one place
for both stages that act on it (issue 8): extract/ocr/page.py reads such a
cell again from its own crop, normalize/ocr.py keeps a figure still
doubtful after that as text with status ``unparsed``.
"""
from __future__ import annotations

import re

#: Below this engine confidence an OCR'd figure is not trusted.  Chosen on
#: the scans of the samples (bench/ocr_scans.py, bench/README.md "OCR
#: scans"): PP-OCRv5's misread number cells score below it, and above it no
#: ``ok`` fact differs from the born-digital reading (tests/test_ocr_scans.py).
OCR_MIN_CONFIDENCE = 0.90
#: A decimal point that may be a misread thousands comma: a '.' before
#: exactly three digits after one to three digits or a comma-grouped number
#: (1.260 — is it 1,260?  2,511.853 — is it 2,511,853?), which changes the
#: number by a factor of 1000.  PP-OCRv5 reads a sheet's thousands comma as
#: a point at high confidence (bench/ocr_scans.py: '1,260件' read '1.260件'
#: at 0.92 on a 300 dpi scan of sample 004, '2,511,853' read '2,511.853' at
#: 0.97 on a blurred 200 dpi scan of sample 000), so such an OCR'd figure is
#: doubtful whatever its confidence (normalize/ocr.py) and is read again
#: from its cell (extract/ocr/page.py).  Japanese sheets print thousands
#: commas and at most two decimals (達成率 98.5%, 1.25倍).  The other
#: confusion, a comma where a point was printed (1,26), needs no rule:
#: normalize/values.py does not parse a comma before other than three digits.
SEPARATOR_DOUBT = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]{3}(?![0-9])")
