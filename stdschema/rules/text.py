"""Free text (形式 文字列): any value passes, so neither errors nor repairs."""

from __future__ import annotations

from stdschema.rules.base import ANY_VALUE, RuleSpec

Text = str
"""Free text (形式 文字列)."""

SPECS = (RuleSpec("text", Text, "str", "文字列", "text", screen=ANY_VALUE),)
