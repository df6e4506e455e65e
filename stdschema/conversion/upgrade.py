"""Built-in mappings from 推奨データセット (v1) to the current edition (v2).

Columns with the same header in both editions are carried over; the renames
below cover the rest. A v1 column with no v2 counterpart is reported (its
values are listed in the change log as dropped), never silently lost.
"""

from __future__ import annotations

from stdschema.conversion.mapping import ColumnRule, Mapping
from stdschema.datasets import DatasetRecord, UnknownDatasetError, get_dataset
from stdschema.messages import Lang, t

# v2 header -> v1 header(s); a tuple is joined (地方公共団体名 = 都道府県名 + 市区町村名).
RENAMES: dict[str, str | tuple[str, ...]] = {
    "全国地方公共団体コード": "都道府県コード又は市区町村コード",
    "ID": "NO",
    "地方公共団体名": ("都道府県名", "市区町村名"),
    "所在地_連結表記": "住所",
    "建物名等(方書)": "方書",
    "名称_英字": "名称_英語",
    # The v2 toilet sheet's English name for バリアフリートイレ数 is
    # "numberOfmMultipurposeToilet": the v1 多機能トイレ数 is the same count.
    "バリアフリートイレ数": "多機能トイレ数",
    # 公共施設一覧 v2 spells this 利用可能時間特記事項.
    "利用可能時間特記事項": "利用可能日時特記事項",
}


def upgrade_mapping(v1: type[DatasetRecord], lang: Lang | None = None) -> Mapping:
    """The v1 → v2 mapping of one dataset. Raises UnknownDatasetError when there is no v2."""
    info = v1.__dataset__
    if info.edition != "v1":
        raise UnknownDatasetError(t("convert.not_v1_layout", lang, layout=info.key))
    v2 = get_dataset(info.id, "v2")
    v1_headers = set(v1.headers())
    columns: dict[str, ColumnRule] = {}
    for column in v2.__columns__:
        header = column.header
        # v1 files mark hazard flags with ○ (焼津市); v2 writes 1 or blank.
        transforms: list[str | dict[str, object]] = ["flag_1"] if column.rule == "flag_1" else []
        if header in v1_headers:
            columns[header] = ColumnRule(source=header, transforms=transforms)
            continue
        old = RENAMES.get(header)
        if isinstance(old, tuple) and all(h in v1_headers for h in old):
            columns[header] = ColumnRule(concat=list(old))
        elif isinstance(old, str) and old in v1_headers:
            columns[header] = ColumnRule(source=old)
    return Mapping(target=v2.__dataset__.key, columns=columns)


def dropped_columns(v1: type[DatasetRecord]) -> list[str]:
    """v1 columns the upgrade has no place for."""
    mapping = upgrade_mapping(v1)
    used = set(mapping.input_columns())
    return [h for h in v1.headers() if h not in used]
