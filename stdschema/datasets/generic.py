"""The current standard's common columns, checked in a file whose dataset has no model.

A file written in the standard's form (a 全国地方公共団体コード column, possibly with a
定義書C item prefix) whose dataset is not modelled still has columns every dataset shares:
the publisher's code and name, ID, 名称 and its readings, the address block, coordinates,
contact columns, URLs. :class:`CommonColumnsV2` declares those (all optional, so nothing is
claimed about which a dataset requires), and :func:`common_plan_columns` says which file
column is which. It is not a dataset: it is never listed or detected.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from stdschema.datasets.base import Column, Confidence, DatasetInfo, DatasetRecord, col
from stdschema.datasets.headers import normalize_header
from stdschema.types import (
    CorporateNumber,
    HalfWidthText,
    HttpUrl,
    KatakanaText,
    Latitude,
    LocalGovCode,
    Longitude,
    RecordId,
)

__all__ = ["CommonColumnsV2", "common_plan_columns"]


class CommonColumnsV2(DatasetRecord):
    """Columns shared by the current standard's datasets (only for unmodelled datasets)."""

    __dataset__ = DatasetInfo(
        id="common_columns",
        edition="v2",
        name_ja="標準の共通項目",
        name_en="Common columns of the standard",
        slug=None,
        sheet=None,
        version="定義書A/C 共通項目",
        confidence=Confidence.NAMES_ONLY,
        status="columns shared by the modelled v2 datasets; used when a file's dataset has no model",
    )

    local_government_code: LocalGovCode | None = col(1, "全国地方公共団体コード")
    id: RecordId | None = col(2, "ID")
    local_government_name: str | None = col(3, "地方公共団体名")
    name: str | None = col(4, "名称")
    name_kana: KatakanaText | None = col(5, "名称_カナ", rule="katakana", aliases=("名称（カナ）",))
    name_en: HalfWidthText | None = col(
        6, "名称_英字", rule="half_width", aliases=("名称（英字）", "名称_英語")
    )
    located_local_government_code: LocalGovCode | None = col(7, "所在地_全国地方公共団体コード")
    chome_id: str | None = col(8, "町字ID")
    full_address: str | None = col(9, "所在地_連結表記")
    address_prefecture: str | None = col(10, "所在地_都道府県")
    address_municipality: str | None = col(11, "所在地_市区町村")
    address_town: str | None = col(12, "所在地_町字")
    address_block: str | None = col(13, "所在地_番地以下")
    address_building: str | None = col(14, "建物名等(方書)")
    latitude: Latitude | None = col(15, "緯度")
    longitude: Longitude | None = col(16, "経度")
    phone: str | None = col(17, "電話番号")
    fax: str | None = col(18, "FAX番号")
    contact_email: str | None = col(19, "連絡先メールアドレス")
    contact_form_url: HttpUrl | None = col(20, "連絡先FormURL")
    postal_code: str | None = col(21, "郵便番号")
    corporate_number: CorporateNumber | None = col(22, "法人番号")
    url: HttpUrl | None = col(23, "URL")
    image: HttpUrl | None = col(24, "画像")
    image_license: str | None = col(25, "画像_ライセンス")
    remarks: str | None = col(26, "備考")


@cache
def _by_spelling() -> dict[str, Column]:
    found: dict[str, Column] = {}
    for c in CommonColumnsV2.columns():
        for name in (c.header, *c.aliases):
            found.setdefault(normalize_header(name), c)
    return found


_CODE = normalize_header("全国地方公共団体コード")


def common_plan_columns(header: Sequence[str]) -> list[tuple[int, Column]]:
    """(0-based index, common column) for each header cell that is a common column.

    A 定義書C file prefixes its own items (``赤ちゃんの駅_名称``): the prefix is read from
    its code column (``<prefix>_全国地方公共団体コード``) and stripped before matching.
    Each common column is taken once (its first cell).
    """
    keys = [normalize_header(h) if h else "" for h in header]
    prefixes = {k[: -len(_CODE)] for k in keys if k.endswith(_CODE) and k != _CODE}
    by_spelling = _by_spelling()
    mapped: list[tuple[int, Column]] = []
    taken: set[str] = set()
    for index, key in enumerate(keys):
        if not key:
            continue
        column = by_spelling.get(key)
        if column is None:
            for prefix in prefixes:
                if key.startswith(prefix) and (column := by_spelling.get(key[len(prefix) :])):
                    break
        if column is not None and column.header not in taken:
            taken.add(column.header)
            mapped.append((index, column))
    return mapped
