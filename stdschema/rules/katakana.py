"""文字列（全角カナ）: full-width katakana; no hiragana, kanji or half-width kana."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.lazyre import lazy
from stdschema.normalize import hiragana_to_katakana, kana_to_full_width, to_katakana
from stdschema.rules.base import ErrorType, RuleSpec, err, plain, require_str
from stdschema.rules.chars import HALF_WIDTH_KANA, HIRAGANA, KANJI

if TYPE_CHECKING:
    import polars as pl

_NOT_KANA = f"[{HALF_WIDTH_KANA}{HIRAGANA}{KANJI}]"
_FIRST_NOT_KANA = lazy(_NOT_KANA)
_KINDS = (
    (lazy(f"[{HALF_WIDTH_KANA}]"), "kana_half_width"),
    (lazy(f"[{HIRAGANA}]"), "kana_hiragana"),
    (lazy(f"[{KANJI}]"), "kana_kanji"),
)
_MESSAGES = {
    "kana_half_width": "contains half-width katakana; write full-width katakana",
    "kana_hiragana": "contains hiragana; write katakana",
    "kana_kanji": "contains kanji; write the reading in full-width katakana",
}


def _check_katakana(raw: Any) -> str:
    value = require_str(raw)
    found = _FIRST_NOT_KANA.search(value)
    if found:  # the first character that is not katakana names the error
        kind = next(kind for regex, kind in _KINDS if regex.fullmatch(found.group()))
        raise err(kind, _MESSAGES[kind])
    return value


KatakanaText = Annotated[
    str,
    BeforeValidator(_check_katakana),
    Field(
        json_schema_extra={
            "pattern": r"^[^\uff61-\uff9f\u3041-\u309f\u3400-\u4dbf\u4e00-\u9fff々〆]*$"
        },
        description="文字列（全角カナ）: full-width katakana; no hiragana, kanji or half-width kana.",
        examples=["ヤイヅシヤクショ"],
    ),
]


def _screen(col: pl.Expr) -> pl.Expr:
    return ~col.str.contains(_NOT_KANA)


SPECS = (
    RuleSpec(
        "katakana",
        KatakanaText,
        "KatakanaText",
        "全角カタカナ",
        "full-width katakana",
        errors=(
            ErrorType(
                "kana_half_width",
                "半角カナが含まれています。全角カタカナで書きます",
                "it contains half-width katakana; write full-width katakana",
            ),
            ErrorType(
                "kana_hiragana",
                "ひらがなが含まれています。カタカナで書きます",
                "it contains hiragana; write katakana",
            ),
            ErrorType(
                "kana_kanji",
                "漢字が含まれています。読みを全角カタカナで書きます",
                "it contains kanji; write the reading in full-width katakana",
            ),
        ),
        repairs=(
            plain("kana_full_width", kana_to_full_width, safe=True),
            plain("hiragana_to_katakana", hiragana_to_katakana, safe=True),
            # Both at once may hide a misreading the publisher should see: not in fix mode.
            plain("katakana", to_katakana, safe=False),
        ),
        screen=_screen,
    ),
)
