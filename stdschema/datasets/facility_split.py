"""定義書C 施設・設備分離型: the prefixed item block of the C sheets, declared once.

A C-sheet file writes every item with the sheet's prefix (``防災行政無線_名称``,
``公営駐輪場_緯度``, ``観光ポイント_名称（カナ）``) and links its rows to a facility file
through an unprefixed column (``施設_ID``, ``設備_ID``, ``地物・地点_ID``). The ten items
every such sheet shares are the typed fields of :class:`FacilitySplitRecord`, named by
their unprefixed item. A sheet model declares only its prefix (``DatasetInfo.prefix``),
its own columns with their positions, and what the sheet attests of each shared item
(:class:`SharedItem`); on subclass creation the shared fields take the prefixed header as
their alias and the free positions, in block order.

>>> from stdschema.datasets.v2 import DisasterRadioStationsV2 as Radio
>>> Radio.model_fields["latitude"].alias
'防災行政無線_緯度'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic.fields import FieldInfo

from stdschema.datasets.base import DatasetRecord, col, field_meta, with_field_meta
from stdschema.types import (
    HalfWidthText,
    KatakanaText,
    Latitude,
    LocalGovCode,
    Longitude,
    RecordId,
)

__all__ = ["FacilitySplitRecord", "SharedItem"]


@dataclass(frozen=True, slots=True)
class SharedItem:
    """What one sheet's sources say about one shared item: its provenance."""

    sources: tuple[str, ...] = ()
    header_confirmed: bool = True
    notes: tuple[str, ...] = ()


class FacilitySplitRecord(DatasetRecord):
    """One row of a 施設・設備分離型 sheet: the shared prefixed items, typed.

    No 区分 is known for any of them (the 定義書C workbook was not retrieved), so each is
    optional with its requirement unconfirmed; the value rules are those of the
    unprefixed columns of 定義書A.
    """

    __shared_items__: ClassVar[dict[str, SharedItem]] = {}
    """Per sheet: unprefixed item → what the sheet's sources attest (generated)."""

    local_government_code: LocalGovCode | None = col(
        0, "全国地方公共団体コード", requirement_confirmed=False
    )
    id: RecordId | None = col(0, "ID", requirement_confirmed=False)
    name: str | None = col(0, "名称", requirement_confirmed=False, description="Name.")
    name_kana: KatakanaText | None = col(
        0,
        "名称（カナ）",
        rule="katakana",
        requirement_confirmed=False,
        description="Reading of the name in full-width katakana.",
    )
    name_en: HalfWidthText | None = col(
        0,
        "名称（英字）",
        rule="half_width",
        requirement_confirmed=False,
        description="Name in half-width Latin letters.",
    )
    description: str | None = col(
        0, "説明", requirement_confirmed=False, description="Free-text description."
    )
    latitude: Latitude | None = col(0, "緯度", requirement_confirmed=False)
    longitude: Longitude | None = col(0, "経度", requirement_confirmed=False)
    crs: str | None = col(
        0,
        "座標参照系",
        requirement_confirmed=False,
        description="Coordinate reference system of 緯度/経度 (e.g. 世界測地系).",
    )
    crs_code: str | None = col(
        0,
        "座標参照系コード",
        requirement_confirmed=False,
        description="Code of the coordinate reference system.",
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        if "__dataset__" in cls.__dict__:
            cls._place_shared_items()
        super().__pydantic_init_subclass__(**kwargs)

    @classmethod
    def _place_shared_items(cls) -> None:
        # Runs before the validators are built (models use defer_build), so the
        # prefixed aliases and the sheet order are what validation, dumps and the
        # JSON Schema see.
        info = cls.__dataset__
        if not info.prefix:
            raise TypeError(f"{cls.__name__}: a 施設・設備分離型 sheet needs DatasetInfo.prefix")
        template = FacilitySplitRecord.__pydantic_fields__
        items = {str(f.alias): attr for attr, f in template.items()}
        facts = cls.__dict__.get("__shared_items__", {})
        unknown = sorted(set(facts) - set(items))
        if unknown:
            raise TypeError(f"{cls.__name__}: no shared item {unknown}")
        own = {a: f for a, f in cls.__pydantic_fields__.items() if a not in template}
        total = len(own) + len(template)
        taken = sorted(field_meta(f)["no"] for f in own.values())
        free = [n for n in range(1, total + 1) if n not in taken]
        if len(free) != len(template) or any(n > total for n in taken):
            raise TypeError(f"{cls.__name__}: own column numbers {taken} do not fit {total}")
        placed: dict[str, FieldInfo] = {}
        for (item, attr), no in zip(items.items(), free, strict=True):
            fact = facts.get(item, SharedItem())
            header = f"{info.prefix}_{item}"
            field = template[attr]._copy()
            field.alias = field.validation_alias = field.serialization_alias = header
            field.alias_priority = 2
            field._attributes_set.update(
                alias=header, validation_alias=header, serialization_alias=header
            )
            meta = dict(field_meta(template[attr]))
            meta.update(
                no=no,
                sources=list(fact.sources),
                header_confirmed=fact.header_confirmed,
                notes=list(fact.notes),
            )
            with_field_meta(field, meta)
            placed[attr] = field
        merged = own | placed
        cls.__pydantic_fields__ = dict(
            sorted(merged.items(), key=lambda kv: field_meta(kv[1])["no"])
        )
