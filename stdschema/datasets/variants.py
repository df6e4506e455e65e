"""Header variants real publishers use: one table, read by detection and header checks.

A written header that is not a model's own header (nor the same after
:func:`~stdschema.datasets.headers.normalize_header`, which already folds
full-/half-width brackets, dashes, spaces and 必須/任意 notes) is looked up
here. A hit is reported as ``header-variant`` and the column is then checked
as the standard column it denotes.

Two sources of spellings:

- :data:`VARIANTS`, entries of data: the standard header, its other
  spellings, the datasets the entry applies to and where the spelling was
  seen;
- a rule computed from the model: a 定義書C 施設・設備分離型 model
  (``DatasetInfo.prefix`` set) accepts each of its prefixed columns
  ``<prefix>_X`` written as ``X`` and each unprefixed column ``X`` written as
  ``<prefix>_X`` (C-24 files use both spellings).

A spelling never shadows a column: one that is (after normalisation) a header,
alias, attribute name or English name of the model is dropped, and so is one
that would denote two different columns of the same model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from stdschema.datasets.headers import normalize_header

if TYPE_CHECKING:
    from stdschema.datasets.base import DatasetRecord

__all__ = ["VARIANTS", "HeaderVariant", "variant_spellings"]


@dataclass(frozen=True, slots=True)
class HeaderVariant:
    """Other spellings of one standard header."""

    standard: str
    """The standard header as the spec writes it. A prefixed model whose columns carry
    its prefix resolves it to ``<prefix>_<standard>`` when it has no ``standard`` itself."""
    spellings: tuple[str, ...]
    source: str
    """Where the spellings were seen."""
    datasets: frozenset[str] = frozenset()
    """Dataset ids (``aed_locations``) or editions (``aed_locations@v1``) the entry
    applies to; empty: every dataset that has the standard column."""

    def applies_to(self, dataset_id: str, key: str) -> bool:
        return not self.datasets or dataset_id in self.datasets or key in self.datasets


_HAZARD_PREFIX = "災害種別_"
_EVACUATION = frozenset({"designated_emergency_evacuation_sites"})
_GSI = (
    "国土地理院 指定緊急避難場所データ (CSV/GeoJSON) names the hazard columns without "
    "災害種別_; municipal files built from it keep those names"
)


def _hazard(wording: str, slips: tuple[str, ...], source: str) -> HeaderVariant:
    """A 災害種別_ flag of 指定緊急避難場所: its wording slips, each with and without 災害種別_."""
    spellings: list[str] = [wording]
    for slip in slips:
        spellings += [_HAZARD_PREFIX + slip, slip]
    return HeaderVariant(_HAZARD_PREFIX + wording, tuple(spellings), source, _EVACUATION)


_LANDSLIDE_SLIPS = (
    "崖崩れ_土石流及び地滑り",
    "崖崩れ・土石流及び地滑り",
    "がけ崩れ、土石流及び地滑り",
)
_FIRE_SLIPS = ("大規模火事",)

VARIANTS: tuple[HeaderVariant, ...] = (
    # The v1 sheets write the remark on opening hours two ways (公衆トイレ 利用可能時間特記事項,
    # the others 利用可能日時特記事項) and v2 公共施設 switched to 時間; publishers carry
    # their spelling from one dataset to the next. A model with both would keep both
    # (a spelling that is a column of the model is never a variant).
    HeaderVariant(
        "利用可能日時特記事項",
        ("利用可能時間特記事項",),
        "spec: v1 公衆トイレ and v2 公共施設 write 利用可能時間特記事項, the other sheets "
        "利用可能日時特記事項; both occur in many real v1 files (issue 9)",
    ),
    HeaderVariant(
        "利用可能時間特記事項",
        ("利用可能日時特記事項",),
        "spec: the counterpart of the entry above (公衆トイレ v1/v2, 公共施設 v2)",
    ),
    # Coordinates: 緯度/経度 in every layout (a C-sheet model's prefixed 緯度/経度).
    HeaderVariant(
        "緯度",
        (
            "lat",
            "latitude",
            "緯度（世界測地系）",
            "緯度(10進)",
            "北緯",
            "世界_10進_Y",
            "所在地座標（緯度）",
        ),
        "lat: code4fukui localgovjp.csv / prefjp.csv; latitude: 高松市 files (most models "
        "already know it as the English name); 緯度（世界測地系）: 和歌山県 "
        "land_prices_survey CSV; 緯度(10進): converted 気象庁 station lists; 北緯: 日本百選と座標値 "
        "CSVs (No,名称,北緯,東経,所在地); 世界_10進_Y: 印西市 投票所 (ArcGIS export, Y = latitude); "
        "所在地座標（緯度）: 厚生労働省 医療情報ネット open data",
    ),
    HeaderVariant(
        "経度",
        (
            "lon",
            "lng",
            "longitude",
            "経度（世界測地系）",
            "経度(10進)",
            "東経",
            "世界_10進_X",
            "所在地座標（経度）",
        ),
        "lng: code4fukui localgovjp.csv / prefjp.csv; lon: the lat/lon pair of ingest code for "
        "municipal CSVs; longitude: 高松市 files; the others as for 緯度 (世界_10進_X: 印西市 "
        "投票所, X = longitude)",
    ),
    # The code column, for models without a column of that name (evacuation sites have
    # 市区町村コード of their own). The edition markers 全国地方公共団体コード and
    # 都道府県コード又は市区町村コード are never variants of each other: they decide the edition.
    HeaderVariant(
        "都道府県コード又は市区町村コード",
        ("市区町村コード", "団体コード", "地方公共団体コード", "都道府県コード又は市町村コード"),
        "市区町村コード: 焼津市 222127_hinannjo.csv and the v1 指定緊急避難場所 sheet; 団体コード: "
        "総務省 全国地方公共団体コード list header; 都道府県コード又は市町村コード: 厚生労働省 "
        "介護サービス情報公表 open data (v1 介護 layout)",
    ),
    HeaderVariant(
        "全国地方公共団体コード",
        ("市区町村コード", "団体コード", "地方公共団体コード"),
        "as for the v1 code column; C-sheet models resolve it to <prefix>_全国地方公共団体コード",
    ),
    # 指定緊急避難場所 (v1 and v2): the 8 hazard flags.
    _hazard("洪水", (), _GSI),
    _hazard(
        "崖崩れ、土石流及び地滑り",
        _LANDSLIDE_SLIPS,
        _GSI + "; がけ崩れ: its GeoJSON edition; ・ and _ for 、: issue 9, apps reading "
        "municipal evacuation files",
    ),
    _hazard("高潮", (), _GSI),
    _hazard("地震", (), _GSI),
    _hazard("津波", (), _GSI),
    _hazard(
        "大規模な火事", _FIRE_SLIPS, _GSI + "; 大規模火事: an older edition of that CSV (issue 9)"
    ),
    _hazard("内水氾濫", (), _GSI),
    _hazard("火山現象", (), _GSI),
    # C-24: the address items joined with _ instead of bracketed.
    *(
        HeaderVariant(
            f"教育機関_学校所在地（{part}）",
            (f"教育機関_学校所在地_{part}", f"学校所在地_{part}"),
            "spec standard_v2_updates/educational_institutions.yaml: 日野市 / 東京都 ingest "
            "configs accept 教育機関_学校所在地_市区町村/_町字/_番地以下",
            frozenset({"educational_institutions"}),
        )
        for part in ("市区町村", "町字", "番地以下")
    ),
)
"""The variant table (see the module docstring)."""


def _prefix_spellings(prefix: str, headers: tuple[str, ...]) -> list[tuple[str, str]]:
    """施設・設備分離型: ``<prefix>_X`` written ``X`` and ``X`` written ``<prefix>_X``."""
    mark = prefix + "_"
    pairs: list[tuple[str, str]] = []
    for header in headers:
        if header.startswith(mark):
            pairs.append((header[len(mark) :], header))
        else:
            pairs.append((mark + header, header))
    return pairs


def variant_spellings(model: type[DatasetRecord]) -> dict[str, str]:
    """Other spellings of ``model``'s headers: written header → the standard header it denotes.

    Keys are compared after :func:`~stdschema.datasets.headers.normalize_header`.
    """
    info = model.__dataset__
    columns = model.__columns__
    headers = tuple(c.header for c in columns)
    own = set(headers)
    taken = {
        normalize_header(name)
        for c in columns
        for name in (c.header, c.attr, c.english_name, *c.aliases)
        if name
    }
    mark = info.prefix + "_" if info.prefix else None

    pairs: list[tuple[str, str]] = []
    for entry in VARIANTS:
        if not entry.applies_to(info.id, info.key):
            continue
        if entry.standard in own:
            target = entry.standard
        elif mark is not None and mark + entry.standard in own:
            target = mark + entry.standard
        else:
            continue
        for spelling in entry.spellings:
            pairs.append((spelling, target))
            if mark is not None and not spelling.startswith(mark):
                pairs.append((mark + spelling, target))
    if info.prefix:
        pairs += _prefix_spellings(info.prefix, headers)

    found: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()
    for spelling, target in pairs:
        key = normalize_header(spelling)
        if key in taken:
            continue
        if key in found and found[key][1] != target:
            ambiguous.add(key)
        found.setdefault(key, (spelling, target))
    return {spelling: target for key, (spelling, target) in found.items() if key not in ambiguous}
