"""Several values separated by a half-width ';'; no item may be empty."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer

from stdschema.rules.base import ErrorType, RuleSpec, err, plain
from stdschema.rules.chars import SPACE_CLASS, strip_spaces

if TYPE_CHECKING:
    import polars as pl


def _split_multi(value: Any) -> Any:
    if isinstance(value, str):
        return [part for part in value.split(";")]
    return value


def _check_multi(value: list[str]) -> list[str]:
    if any(strip_spaces(part) == "" for part in value):
        raise err("multi_value_empty", "has an empty item between ';' separators")
    return value


MultiValue = Annotated[
    list[str],
    BeforeValidator(_split_multi, json_schema_input_type=str | list[str]),
    AfterValidator(_check_multi),
    PlainSerializer(lambda v: ";".join(v), return_type=str, when_used="always"),
    Field(description="Several values separated by a half-width ';'.", examples=["内科;外科"]),
]


def _drop_empty_items(text: str) -> str | None:
    items = [item for item in text.split(";") if strip_spaces(item)]
    return ";".join(items) if items else None


def _screen(col: pl.Expr) -> pl.Expr:
    return ~col.str.contains(f"(?:^|;){SPACE_CLASS}*(?:;|$)")


SPECS = (
    RuleSpec(
        "multi",
        MultiValue,
        "MultiValue",
        "「;」区切りの複数値",
        "';'-separated values",
        errors=(
            ErrorType(
                "multi_value_empty", "「;」の間が空です", "an item between ';' separators is empty"
            ),
        ),
        repairs=(plain("drop_empty_items", _drop_empty_items, safe=False),),
        screen=_screen,
    ),
)
