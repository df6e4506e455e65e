"""Free text (形式 文字列): any value passes, so neither errors nor repairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stdschema.rules.base import RuleSpec

if TYPE_CHECKING:
    import polars as pl

Text = str
"""Free text (形式 文字列)."""


def _any_text(col: pl.Expr) -> pl.Expr:
    import polars as pl

    return pl.lit(True)


SPECS = (RuleSpec("text", Text, "str", "文字列", "text", screen=_any_text),)
