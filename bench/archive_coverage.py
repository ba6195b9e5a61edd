"""Read a real archive through the template files and report what came in.

Usage: ``.venv/bin/python bench/archive_coverage.py [DIR]`` (default
../shared/corpus/archive-ikeda: 100 real 池田市 事務事業評価 目標設定シート).
Prints the (status, sheet_type) counts, the document fiscal years, the mean
sheet coverage (typed cells / numeric cells, normalize/coverage.py) and the
coverage findings by message prefix, so a template author sees at once
whether a whole archive is read and what it leaves.
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hyoka.pipeline import process_file  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "archive-ikeda"


def main(folder: Path = DEFAULT) -> None:
    """Print the archive's counts (see module doc)."""
    kinds, years, coverage, shortfalls = collections.Counter(), collections.Counter(), [], collections.Counter()
    files = sorted(folder.glob("*.pdf"))
    for f in files:
        d = process_file(f)
        if not d.sheets:
            kinds[(d.status, None)] += 1
        for s in d.sheets:
            kinds[(d.status, s.sheet_type)] += 1
            years[s.document_fiscal_year] += 1
            if s.coverage is not None:
                coverage.append(s.coverage)
            for finding in s.findings:
                if finding.rule_id == "coverage.table_not_interpreted":
                    shortfalls[finding.message.split(")", 1)[1][:40].strip()] += 1
    print(f"{len(files)} files in {folder}")
    print("sheets by (status, sheet_type):", dict(kinds))
    print("document fiscal years:", dict(years))
    if coverage:
        print(f"mean coverage {sum(coverage) / len(coverage):.3f} over {len(coverage)} sheets; "
              f"{sum(1 for c in coverage if c < 1)} below 1")
    for text, n in shortfalls.most_common(10):
        print(f"  {n} x table not read: {text}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
