"""What a value rule is made of (:class:`RuleSpec`), and the helpers rule modules share.

A rule module states one rule (or a family, such as 緯度/経度) completely: its Annotated
type and validator, the error types the validator raises with their ja/en details, the
repairs that may fix a failing value, and the vectorised screen of the fast engine.
:mod:`stdschema.rules.registry` collects the ``SPECS`` of every module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from stdschema import normalize

if TYPE_CHECKING:
    import polars as pl

Screen = Callable[["pl.Expr"], "pl.Expr"]
"""A polars expression over a column of non-blank cells: True where the cell is surely valid."""
RepairFunc = Callable[[str, Mapping[str, Any]], "str | None"]

EXACT_PATH_ONLY: Final = "exact-path-only"
"""A rule's screen when no vectorised test is safe: the fast engine sends every non-blank
cell of it through the exact (Pydantic) path."""
ANY_VALUE: Final = "any-value"
"""A rule's screen when every value passes (free text): the fast engine neither screens
nor reads the column for the rule."""


@dataclass(frozen=True, slots=True)
class ErrorType:
    """A Pydantic error type a validator raises; ``ja``/``en`` say why the value failed
    ({names} come from the error's context), ``code`` is the problem code it becomes."""

    key: str
    ja: str
    en: str
    code: str = "invalid-value"


@dataclass(frozen=True, slots=True)
class RepairStep:
    """One repair of a failing value; None when it does not apply.

    ``name`` is what the change log and the repair's record show; a repair that a named
    transform of ``stdschema convert`` also does carries that transform's name. ``safe``
    repairs change only the form of a value, never its meaning: fix mode applies those.
    """

    name: str
    apply: RepairFunc
    safe: bool


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A value rule a column can carry; ``type`` is what the model field uses."""

    key: str
    type: Any
    python_type: str
    ja: str
    en: str
    errors: tuple[ErrorType, ...] = ()
    repairs: tuple[RepairStep, ...] = ()
    screen: Screen | Literal["exact-path-only", "any-value"] | None = None
    """None means forgotten: the fast engine fails closed on it and the registry test fails."""
    judge: Callable[..., Any] | None = None
    """Reserved for ``map suggest``'s judge of the rule (still in conversion/suggest.py)."""


def plain(name: str, func: Callable[[str], str | None], *, safe: bool) -> RepairStep:
    """A repair that needs no context."""
    return RepairStep(name, lambda text, _context: func(text), safe)


HALF_WIDTH = plain("half_width", normalize.to_half_width, safe=True)
DIGITS_HALF_WIDTH = plain("digits_half_width", normalize.digits_to_half_width, safe=True)
NUMBER = plain("number", normalize.normalize_number, safe=True)


# --- validators --------------------------------------------------------------


def err(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    """The error a validator raises; ``kind`` is one of the rule's :class:`ErrorType` keys."""
    return PydanticCustomError(kind, message, ctx or None)


def require_str(value: Any) -> str:
    if not isinstance(value, str):
        raise err("string_type", "Input should be a string")
    return value


def matches(pattern: str, kind: str, message: str) -> BeforeValidator:
    """A validator accepting strings that fully match ``pattern``, else raising ``kind``."""
    regex = re.compile(pattern)

    def check(raw: Any) -> str:
        value = require_str(raw)
        if not regex.fullmatch(value):
            raise err(kind, message)
        return value

    return BeforeValidator(check)


def schema(pattern: str | None, description: str, examples: list[Any]) -> Any:
    """JSON Schema facts of a type; the pattern is documentation, the validator enforces it."""
    extra: Any = {"pattern": f"^(?:{pattern})$"} if pattern else None
    return Field(json_schema_extra=extra, description=description, examples=examples)


# --- screens -----------------------------------------------------------------


def regex_screen(pattern: str) -> Screen:
    """Valid when the whole cell matches ``pattern`` (written for both re and polars)."""

    def valid(col: pl.Expr) -> pl.Expr:
        return col.str.contains(f"^(?:{pattern})$")

    return valid


def one_of_screen(values: tuple[str, ...]) -> Screen:
    def valid(col: pl.Expr) -> pl.Expr:
        return col.is_in(list(values))

    return valid


# Errors of Pydantic's own that values of several rules raise.
PYDANTIC_ERRORS: Final = (
    ErrorType(
        "literal_error",
        "{expected} のいずれかで書きます",
        "write one of {expected}",
        code="not-allowed-value",
    ),
    ErrorType("string_type", "文字列ではありません", "not a string"),
)
