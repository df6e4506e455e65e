"""Controlled vocabularies (文字列（統制語彙）): 有/無, the 1-or-blank flag and 高度の種別.

Their values fail with Pydantic's own ``literal_error`` (see ``base.PYDANTIC_ERRORS``).
"""

from __future__ import annotations

from typing import Literal

from stdschema.normalize import normalize_flag_1, normalize_yes_no
from stdschema.rules.base import RuleSpec, one_of_screen, plain

YesNo = Literal["有", "無"]
"""有/無 flag (文字列（統制語彙）)."""

Flag1 = Literal["1"]
"""1 = applies; a blank cell means it does not (災害種別_*, 指定避難所との重複)."""

HeightKind = Literal["階数", "標高", "地表高"]
"""高度の種別 vocabulary of note 9 on the toilet sheet."""


def _replace_height_kind(text: str) -> str | None:
    # 焼津市 writes 階 for 階数 in 高度の種別.
    return "階数" if text == "階" else None


# Reading あり as 有 or ○ as 1 interprets the value: none of these is applied in fix mode.
SPECS = (
    RuleSpec(
        "yes_no",
        YesNo,
        "YesNo",
        "有／無",
        "有 (yes) / 無 (no)",
        repairs=(plain("yes_no", normalize_yes_no, safe=False),),
        screen=one_of_screen(("有", "無")),
    ),
    RuleSpec(
        "flag_1",
        Flag1,
        "Flag1",
        "1または空欄",
        "1 or blank",
        repairs=(plain("flag_1", normalize_flag_1, safe=False),),
        screen=one_of_screen(("1",)),
    ),
    RuleSpec(
        "height_kind",
        HeightKind,
        "HeightKind",
        "階数／標高／地表高",
        "階数 / 標高 / 地表高",
        repairs=(plain("height_kind", _replace_height_kind, safe=False),),
        screen=one_of_screen(("階数", "標高", "地表高")),
    ),
)
