"""Base record class and metadata shared by every dataset edition.

A dataset edition is a Pydantic class whose fields carry the column metadata
(:class:`Column`) in ``json_schema_extra``; the class itself carries a
:class:`DatasetInfo`. Fields are declared with :func:`col`, which fills in the
shared facts of well-known columns (the address block, contact columns) from
:mod:`stdschema.datasets.common` so they are written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.fields import FieldInfo

from stdschema.datasets.common import SHARED_COLUMNS
from stdschema.types import RULES

Edition = Literal["v1", "v2"]
EDITIONS: tuple[Edition, ...] = ("v1", "v2")

EDITION_NAMES: dict[str, str] = {
    "v1": "推奨データセット",
    "v2": "自治体標準オープンデータセット（正式版, 定義書A/C 2026-08-01）",
}


class Requirement(StrEnum):
    """区分 of a column: ◎ required, ○ recommended, blank optional."""

    REQUIRED = "required"
    RECOMMENDED = "recommended"
    OPTIONAL = "optional"

    @property
    def mark(self) -> str:
        return {"required": "◎", "recommended": "○", "optional": ""}[self.value]

    @classmethod
    def from_mark(cls, mark: str | None) -> Requirement:
        if mark == "◎":
            return cls.REQUIRED
        if mark in ("○", "〇"):
            return cls.RECOMMENDED
        return cls.OPTIONAL


class Confidence(StrEnum):
    """How much of a dataset edition's definition is known."""

    COMPLETE = "complete"
    """Names, order, 区分, 形式 and 記入例 all from the definition sheet."""
    PARTIAL = "partial"
    """Names and order known; 区分 or 形式 known for some columns only."""
    NAMES_ONLY = "names-only"
    """Only column names and order are known (from real files or third-party code)."""
    CONFIG_ONLY = "config-only"
    """Only names from third-party ingest configs: column order is not checked and a
    missing column is at most a warning."""

    @property
    def order_known(self) -> bool:
        """Whether the column order is attested (and so checked)."""
        return self is not Confidence.CONFIG_ONLY


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a dataset edition, as the standard defines it."""

    no: int
    header: str
    attr: str
    requirement: Requirement
    rule: str
    requirement_confirmed: bool = True
    rule_confirmed: bool = True
    english_name: str | None = None
    format: str | None = None
    example: str | None = None
    description: str | None = None
    allowed_values: tuple[str, ...] = ()
    requirement_hint: Requirement | None = None
    header_confirmed: bool = True
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def advisory(self) -> bool:
        """True when the value rule is unconfirmed: failures are warnings, not errors."""
        return not self.rule_confirmed

    @property
    def letter(self) -> str:
        """Spreadsheet column letter of the standard position (A, B, …, AA)."""
        return column_letter(self.no)


def column_letter(index: int) -> str:
    """1-based column number → spreadsheet letter (1 → A, 27 → AA)."""
    if index < 1:
        raise ValueError("column numbers start at 1")
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """Identity and provenance of a dataset edition."""

    id: str
    edition: Edition
    name_ja: str
    slug: str | None
    sheet: str | None
    version: str
    confidence: Confidence
    status: str
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    name_en: str = ""
    slug_aliases: tuple[str, ...] = field(default=())
    prefix: str | None = None
    """定義書C 施設・設備分離型: the item prefix of every own column (``防災行政無線``)."""

    @property
    def key(self) -> str:
        """``id@edition``, e.g. ``public_toilets@v2``."""
        return f"{self.id}@{self.edition}"


_META_KEY = "x-stdschema"


def field_meta(info: FieldInfo) -> dict[str, Any]:
    """The column facts :func:`col` put on a field (raises TypeError for other fields)."""
    extra = info.json_schema_extra
    if not isinstance(extra, dict) or _META_KEY not in extra:
        raise TypeError("dataset fields must be declared with col()")
    return extra[_META_KEY]  # type: ignore[return-value]


def with_field_meta(info: FieldInfo, meta: dict[str, Any]) -> None:
    """Replace the column facts of ``info`` (a field's own copy) by ``meta``."""
    info.json_schema_extra = {_META_KEY: meta}


def col(
    no: int,
    header: str,
    *,
    requirement: Requirement = Requirement.OPTIONAL,
    rule: str | None = None,
    requirement_confirmed: bool = True,
    rule_confirmed: bool | None = None,
    english_name: str | None = None,
    format: str | None = None,
    example: str | None = None,
    description: str | None = None,
    allowed_values: tuple[str, ...] = (),
    requirement_hint: Requirement | None = None,
    header_confirmed: bool = True,
    aliases: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
    notes: tuple[str, ...] = (),
) -> Any:
    """Declare a dataset column: a Pydantic ``Field`` carrying its :class:`Column` facts.

    Facts not given fall back to :data:`~stdschema.datasets.common.SHARED_COLUMNS`.

    A required column whose blank cell has no meaning of its own has no
    default; every other column defaults to ``None`` (blank cell).
    """
    shared = SHARED_COLUMNS.get(header, {})
    rule = rule or shared.get("rule", "text")
    if rule_confirmed is None:
        rule_confirmed = shared.get("rule_confirmed", True)
    english_name = english_name or shared.get("english_name")
    description = description or shared.get("description")
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r} for column {header!r}")
    meta = {
        "no": no,
        "requirement": requirement.value,
        "requirement_confirmed": requirement_confirmed,
        "rule": rule,
        "rule_confirmed": rule_confirmed,
        "english_name": english_name,
        "format": format,
        "allowed_values": list(allowed_values),
        "requirement_hint": requirement_hint.value if requirement_hint else None,
        "header_confirmed": header_confirmed,
        "aliases": list(aliases),
        "sources": list(sources),
        "notes": list(notes),
    }
    blank_is_value = rule == "flag_1"
    required = requirement is Requirement.REQUIRED and not blank_is_value
    kwargs: dict[str, Any] = {
        "alias": header,
        "description": description,
        "examples": [example] if example not in (None, "") else None,
        "json_schema_extra": {_META_KEY: meta},
    }
    if not required:
        kwargs["default"] = None
    return Field(**kwargs)


class DatasetRecord(BaseModel):
    """One row of a dataset edition.

    Accepts data keyed by the exact Japanese header or by the English
    attribute name; blank cells (``""``) mean "no value". Serialise with
    ``model_dump(by_alias=True)`` for Japanese headers, or :meth:`to_row`
    for the cells of a CSV row in standard column order.
    """

    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        extra="ignore",
        str_strip_whitespace=False,
        populate_by_name=True,
        # Build validators on first use: detection only needs the column facts,
        # and 28 editions' validators would cost most of a small run's start-up.
        defer_build=True,
    )

    __dataset__: ClassVar[DatasetInfo]
    __columns__: ClassVar[tuple[Column, ...]]
    _blank_to_missing: ClassVar[frozenset[str]]
    _blank_keys: ClassVar[frozenset[str]]
    _english_keys: ClassVar[dict[str, str]]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "__dataset__" not in cls.__dict__:
            return
        columns: list[Column] = []
        for attr, info in cls.model_fields.items():
            try:
                meta = field_meta(info)
            except TypeError:
                raise TypeError(f"{cls.__name__}.{attr} must be declared with col()") from None
            hint = meta["requirement_hint"]
            columns.append(
                Column(
                    no=meta["no"],
                    header=str(info.alias),
                    attr=attr,
                    requirement=Requirement(meta["requirement"]),
                    rule=meta["rule"],
                    requirement_confirmed=meta["requirement_confirmed"],
                    rule_confirmed=meta["rule_confirmed"],
                    english_name=meta["english_name"],
                    format=meta["format"],
                    example=info.examples[0] if info.examples else None,
                    description=info.description,
                    allowed_values=tuple(meta["allowed_values"]),
                    requirement_hint=Requirement(hint) if hint else None,
                    header_confirmed=meta["header_confirmed"],
                    aliases=tuple(meta["aliases"]),
                    sources=tuple(meta["sources"]),
                    notes=tuple(meta["notes"]),
                )
            )
        numbers = [c.no for c in columns]
        if numbers != list(range(1, len(columns) + 1)):
            raise TypeError(f"{cls.__name__}: columns must be numbered 1..n in order")
        cls.__columns__ = tuple(columns)
        required = {c.attr for c in columns if cls.model_fields[c.attr].is_required()}
        cls._blank_to_missing = frozenset(
            key for c in columns if c.attr in required for key in (c.attr, c.header)
        )
        cls._blank_keys = frozenset(key for c in columns for key in (c.attr, c.header))
        # The standard's published English item names (英語名) name the columns too.
        taken = {key for c in columns for key in (c.attr, c.header)}
        cls._english_keys = {
            c.english_name: c.header
            for c in columns
            if c.english_name and c.english_name not in taken
        }

    @model_validator(mode="before")
    @classmethod
    def _blank_cells(cls, data: Any) -> Any:
        # A blank cell of a required column is reported as "missing", of any
        # other column as None, so that the value types never see "". A key that is
        # the column's English name (英語名) becomes its header, unless that is given too.
        if not isinstance(data, dict):
            return data
        english: dict[str, str] = getattr(cls, "_english_keys", {})
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key in english:
                if english[key] in data:
                    continue
                key = english[key]
            if value == "" and key in cls._blank_keys:
                if key in cls._blank_to_missing:
                    continue
                out[key] = None
            else:
                out[key] = value
        return out

    @classmethod
    def columns(cls) -> tuple[Column, ...]:
        """The standard columns, in order."""
        return cls.__columns__

    @classmethod
    def headers(cls) -> list[str]:
        """The exact Japanese header row."""
        return [c.header for c in cls.__columns__]

    @classmethod
    def info(cls) -> DatasetInfo:
        """Identity and provenance of this dataset edition."""
        return cls.__dataset__

    @classmethod
    def unconfirmed_rules(cls) -> tuple[Column, ...]:
        """Columns whose value rule is not confirmed by the standard (checked as warnings)."""
        return tuple(c for c in cls.__columns__ if not c.rule_confirmed and c.rule != "text")

    def to_row(self) -> list[str]:
        """The record as CSV cells in standard column order (blank for None)."""
        dumped = self.model_dump(mode="json")
        cells: list[str] = []
        for c in self.__columns__:
            value = dumped[c.attr]
            cells.append("" if value is None else str(value))
        return cells
