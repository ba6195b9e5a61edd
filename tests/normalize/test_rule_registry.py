"""normalize.rules: every id the rule modules can emit is registered."""
import re
from pathlib import Path

from hyoka.normalize.rules import RULES, unknown_rule_ids

NORMALIZE = Path(__file__).resolve().parents[2] / "normalize"
OWN_MODULES = ["width.py", "era.py", "values.py", "text.py", "policy.py", "vocabulary.py"]


def test_ids_quoted_in_rule_modules_are_registered():
    quoted = set()
    for name in OWN_MODULES:
        source = (NORMALIZE / name).read_text(encoding="utf-8")
        quoted |= set(re.findall(r"[\"`]{1,2}((?:width|era|number|unit|status|note|estimate|text|policy|result)\.[a-z_]+)[\"`]", source))
    assert quoted, "no rule ids found"
    assert unknown_rule_ids(sorted(quoted)) == []


def test_unknown_rule_ids():
    assert unknown_rule_ids(["width.fold", "nope.rule"]) == ["nope.rule"]
    assert all(isinstance(d, str) and d for d in RULES.values())
