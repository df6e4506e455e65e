"""Problems: the findings of a check, and the catalogue of their codes.

Every problem has a stable kebab-case ``code`` (frictionless names where they
fit), a severity, a location (file, physical line, column number and letter,
header as written, field) and a message and hint from :data:`CATALOGUE` in
Japanese and English. ``fixed_to`` carries the value a known repair gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from stdschema.messages import Lang


class Severity(StrEnum):
    """How bad a problem is; ``--fail-on`` compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry: default severity, title, message and hint in both languages."""

    severity: Severity
    title_ja: str
    title_en: str
    message_ja: str
    message_en: str
    hint_ja: str = ""
    hint_en: str = ""


E, W, I_ = Severity.ERROR, Severity.WARNING, Severity.INFO

CATALOGUE: dict[str, Entry] = {
    # --- file ---------------------------------------------------------------
    "encoding-not-utf8": Entry(
        I_,
        "文字コード",
        "Encoding",
        "文字コードは {encoding} として読みました。",
        "Read as {encoding}.",
        "UTF-8 で保存すると多くのツールで扱いやすくなります。",
        "Saving as UTF-8 makes the file easier to use with most tools.",
    ),
    "encoding-declaration-mismatch": Entry(
        W,
        "文字コード宣言の不一致",
        "Encoding declaration mismatch",
        "{note}",
        "{note}",
        "XML 宣言の encoding を実際の文字コードに合わせてください。",
        "Make the XML declaration's encoding match the actual bytes.",
    ),
    "encoding-note": Entry(
        I_,
        "文字コードの判定",
        "Encoding decision",
        "{note}",
        "{note}",
    ),
    "preamble-rows": Entry(
        I_,
        "見出し行より前の行",
        "Rows before the header",
        "見出し行の前にある {count} 行（{kinds}）を読み飛ばしました。",
        "Skipped {count} row(s) before the header ({kinds}).",
        "標準形式では1行目を見出し行にします。",
        "The standard puts the header on the first line.",
    ),
    "no-data-rows": Entry(
        W,
        "データなし",
        "No data",
        "見出し行だけで、データ行がありません。",
        "The file has a header but no data rows.",
    ),
    "dataset-not-recognised": Entry(
        E,
        "データセットを判定できません",
        "Dataset not recognised",
        "見出し行がどの標準データセットの様式にも一致しません。自治体独自の様式のようです"
        "（最も近い候補: {nearest}）。",
        "The header matches no standard dataset's layout; it looks like a local layout "
        "(nearest: {nearest}).",
        "標準の様式へ変換するには、対応表の下書きを作って見直し（{suggest}）、"
        "変換してください（{convert}）。標準の様式なら --dataset で指定して検査できます。",
        "To bring it into the standard, draft a mapping and review it ({suggest}), then "
        "convert ({convert}); if it is a standard layout, name the dataset with --dataset.",
    ),
    "needs-mapping": Entry(
        I_,
        "独自の様式からの変換",
        "Convert from the local layout",
        "見出し行には {dataset} の {total} 項目のうち {missing} 項目がありません（{share}）。"
        "列を書き足すより、元の様式から対応表で変換するほうが確実です。",
        "The header lacks {missing} of the {total} columns of {dataset} ({share}); converting "
        "the file with a mapping is surer than adding the columns by hand.",
        "対応表の下書きを作って見直し（{suggest}）、変換してください（{convert}）。",
        "Draft a mapping and review it ({suggest}), then convert ({convert}).",
    ),
    "dataset-not-modelled": Entry(
        W,
        "モデルのない標準データセット",
        "Standard dataset without a model",
        "標準の共通項目（{common}）がありますが、どのデータセットのモデルにも一致しません"
        "（最も近い候補: {nearest}）。共通項目の値だけを検査しました。",
        "The file has the standard's common columns ({common}) but matches no modelled dataset "
        "(nearest: {nearest}); only the common columns' values were checked.",
        "データセットが分かる場合は --dataset で指定してください。"
        "stdschema datasets でモデルのあるデータセットの一覧を確認できます。",
        "If you know the dataset, name it with --dataset; `stdschema datasets` lists the "
        "modelled ones.",
    ),
    "fetch-failed": Entry(
        E,
        "取得できないファイル",
        "File could not be fetched",
        "{reason}",
        "{reason}",
        "URL が正しいか、サーバーが応答しているかを確かめてください。大きすぎるファイルは "
        "--max-mb で上限を上げられます。",
        "Check the URL and that the server answers; raise the size cap with --max-mb for a "
        "large file.",
    ),
    # --- header -------------------------------------------------------------
    "missing-label": Entry(
        E,
        "項目がありません",
        "Missing column",
        "{requirement}の項目「{expected}」がありません。",
        "The {requirement_en} column '{expected}' is missing.",
        "見出し行に「{expected}」の列を追加してください（値が無い場合は空欄で構いません）。",
        "Add a column '{expected}' to the header (cells may be blank).",
    ),
    "extra-label": Entry(
        I_,
        "標準にない項目",
        "Column not in the standard",
        "項目「{header}」は {dataset} の標準項目にありません。",
        "Column '{header}' is not a standard column of {dataset}.",
        "独自項目は標準項目の後ろに置けます。綴りの誤りでないか確認してください。",
        "Local columns may follow the standard ones; check it is not a misspelling.",
    ),
    "duplicate-label": Entry(
        E,
        "項目名の重複",
        "Duplicate column",
        "項目名「{header}」が {first} 列目と重複しています。",
        "Column '{header}' repeats column {first}.",
        "同じ項目名は1回だけ使ってください。",
        "Use each column name once.",
    ),
    "blank-label": Entry(
        W,
        "項目名が空欄",
        "Blank column name",
        "{letter} 列の項目名が空欄です。",
        "Column {letter} has no name.",
        "項目名を入れるか、不要な列を削除してください。",
        "Name the column or delete it.",
    ),
    "header-variant": Entry(
        W,
        "項目名の表記ゆれ",
        "Column name variant",
        "項目名「{header}」は標準の表記「{expected}」と異なります。",
        "Column name '{header}' differs from the standard spelling '{expected}'.",
        "項目名を「{expected}」に直してください（この列は「{expected}」として検査しました）。",
        "Rename it to '{expected}' (it was checked as '{expected}').",
    ),
    "label-order": Entry(
        W,
        "項目の順序",
        "Column order",
        "項目「{header}」は {expected_letter} 列（{expected_no} 番目）にあるべきところ、{letter} 列にあります。",
        "Column '{header}' is at {letter}; the standard puts it at {expected_letter} (#{expected_no}).",
        "標準の項目順に並べ替えてください。",
        "Reorder the columns as the standard lists them.",
    ),
    # --- rows ---------------------------------------------------------------
    "blank-row": Entry(
        W,
        "空行",
        "Blank row",
        "空の行です。",
        "The row is blank.",
        "空行を削除してください。",
        "Delete the blank row.",
    ),
    "extra-cell": Entry(
        E,
        "列が多すぎます",
        "Extra cells",
        "この行は {cells} 列あり、見出し行（{columns} 列）より多くなっています。",
        "The row has {cells} cells, more than the header's {columns}.",
        '値の中のカンマを含むセルは "" で囲んでください。',
        "Quote cells that contain commas.",
    ),
    "missing-cell": Entry(
        E,
        "列が足りません",
        "Missing cells",
        "この行は {cells} 列しかなく、見出し行（{columns} 列）より少なくなっています。",
        "The row has {cells} cells, fewer than the header's {columns}.",
        "列がずれていないか確認してください。",
        "Check that the columns line up with the header.",
    ),
    "blank-required": Entry(
        E,
        "必須項目が空欄",
        "Required value missing",
        "必須項目（◎）「{header}」が空欄です。",
        "Required column '{header}' is blank.",
        "値を入力してください。",
        "Fill in the value.",
    ),
    "blank-recommended": Entry(
        I_,
        "推奨項目が空欄",
        "Recommended value missing",
        "推奨項目（○）「{header}」が空欄です。",
        "Recommended column '{header}' is blank.",
        "分かる場合は入力してください。",
        "Fill it in if it is known.",
    ),
    "blank-likely-required": Entry(
        W,
        "旧版で必須の項目が空欄",
        "Value required in the legacy edition missing",
        "「{header}」が空欄です（推奨データセットでは必須◎。新版の区分は未確認）。",
        "'{header}' is blank (required ◎ in the legacy edition; the current 区分 is unconfirmed).",
        "値を入力してください。",
        "Fill in the value.",
    ),
    "surrounding-whitespace": Entry(
        W,
        "前後の空白",
        "Surrounding spaces",
        "値の前後に空白があります。",
        "The value has leading or trailing spaces.",
        "前後の空白を削除してください。",
        "Remove the spaces.",
    ),
    "invalid-value": Entry(
        E,
        "形式の誤り",
        "Invalid value",
        "「{header}」の値「{value}」は{rule_name}として正しくありません（{detail}）。",
        "'{value}' is not a valid {rule_en} for '{header}' ({detail}).",
        "{fix_ja}",
        "{fix_en}",
    ),
    "check-digit-error": Entry(
        E,
        "チェックデジットの誤り",
        "Check digit error",
        "「{header}」の値「{value}」はチェックデジットが正しくありません（{detail}）。",
        "'{value}' in '{header}' has a wrong check digit ({detail}).",
        "番号を確認してください（入力ミスの可能性があります）。",
        "Check the number (probably a typing slip).",
    ),
    "not-allowed-value": Entry(
        E,
        "選択肢にない値",
        "Value not in the vocabulary",
        "「{header}」の値「{value}」は選択肢（{allowed}）にありません。",
        "'{value}' in '{header}' is not one of {allowed}.",
        "{fix_ja}",
        "{fix_en}",
    ),
    "unique-error": Entry(
        E,
        "IDの重複",
        "Duplicate ID",
        "「{header}」の値「{value}」は {first_line} 行目と重複しています。",
        "'{value}' in '{header}' repeats row {first_line}.",
        "IDはファイル内で一意にしてください。",
        "IDs must be unique within the file.",
    ),
    "unknown-local-gov-code": Entry(
        E,
        "存在しない団体コード",
        "Unknown local government code",
        "「{header}」の値「{value}」は全国地方公共団体コードの一覧にありません。",
        "'{value}' in '{header}' is not in the official local government code list.",
        "{fix_ja}",
        "{fix_en}",
    ),
    "code-name-mismatch": Entry(
        W,
        "団体コードと名称の不一致",
        "Code and name disagree",
        "「{header}」のコード {value}（{code_name}）と「{name_header}」の「{name}」が一致しません。",
        "Code {value} in '{header}' is {code_name}, but '{name_header}' says '{name}'.",
        "コードまたは名称を確認してください。",
        "Check the code or the name.",
    ),
    "coordinates-outside-japan": Entry(
        E,
        "座標が日本の範囲外",
        "Coordinates outside Japan",
        "緯度 {lat}・経度 {lon} は日本の範囲外です。",
        "Latitude {lat}, longitude {lon} is outside Japan.",
        "緯度・経度（10進数の度）を確認してください。",
        "Check the latitude and longitude (decimal degrees).",
    ),
    "coordinates-swapped": Entry(
        E,
        "緯度と経度が逆",
        "Latitude and longitude swapped",
        "緯度 {lat}・経度 {lon} は入れ替わっているようです。",
        "Latitude {lat} and longitude {lon} look swapped.",
        "緯度に {lon}、経度に {lat} を入れてください。",
        "Put {lon} in 緯度 and {lat} in 経度.",
    ),
    "coordinates-in-one-cell": Entry(
        E,
        "緯度と経度が1つのセルに",
        "Latitude and longitude in one cell",
        "「{header}」に緯度と経度の両方（{value}）が入っています。",
        "'{header}' holds both latitude and longitude ({value}).",
        "緯度に {lat}、経度に {lon} を入れてください。",
        "Put {lat} in 緯度 and {lon} in 経度.",
    ),
    "coordinates-zero": Entry(
        E,
        "座標が 0",
        "Zero coordinates",
        "緯度・経度が 0 です。",
        "Latitude and longitude are 0.",
        "分からない場合は空欄にしてください。",
        "Leave them blank when unknown.",
    ),
    "coordinates-incomplete": Entry(
        W,
        "緯度・経度の片方だけ",
        "Half a coordinate",
        "緯度と経度の片方だけが入力されています。",
        "Only one of latitude and longitude is given.",
        "両方入力するか、両方空欄にしてください。",
        "Give both or neither.",
    ),
    "time-order": Entry(
        W,
        "時刻の前後",
        "Times out of order",
        "開始 {start} が終了 {end} より後です。",
        "Start {start} is after end {end}.",
        "日をまたぐ場合は特記事項に書いてください。",
        "Explain overnight hours in the remarks column.",
    ),
}


def code_for_error_type(error_type: str) -> str:
    """The problem code a Pydantic error type of a value becomes (the rule modules say)."""
    from stdschema.rules.registry import ERROR_TYPE_CODES

    return ERROR_TYPE_CODES.get(error_type, "invalid-value")


@dataclass(slots=True)
class Problem:
    """One finding, located in a file."""

    code: str
    severity: Severity
    message: str
    hint: str = ""
    file: str = ""
    line: int | None = None
    row: int | None = None
    record: str | None = None
    column: int | None = None
    column_letter: str | None = None
    header: str | None = None
    field: str | None = None
    value: str | None = None
    fixed_to: str | None = None
    rule: str | None = None
    detail: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The fields a report carries for a problem (the file is the report's)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "line": self.line,
            "row": self.row,
            "record": self.record,
            "column": self.column,
            "column_letter": self.column_letter,
            "header": self.header,
            "field": self.field,
            "value": self.value,
            "message": self.message,
            "hint": self.hint,
            "fixed_to": self.fixed_to,
            "rule": self.rule,
        }


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, lang: Lang, **params: Any) -> tuple[str, str, Severity]:
    """Message, hint and default severity of ``code`` in ``lang``."""
    entry = CATALOGUE[code]
    values = _Blank(params)
    if lang == "ja":
        return (
            entry.message_ja.format_map(values),
            entry.hint_ja.format_map(values),
            entry.severity,
        )
    return entry.message_en.format_map(values), entry.hint_en.format_map(values), entry.severity


REQUIREMENT_NAMES: dict[str, tuple[str, str]] = {
    "required": ("必須（◎）", "required (◎)"),
    "recommended": ("推奨（○）", "recommended (○)"),
    "optional": ("任意", "optional"),
}


def error_detail(error_type: str, lang: Lang, ctx: dict[str, Any] | None, fallback: str) -> str:
    """Plain-language reason for a failed value, from its Pydantic error type."""
    from stdschema.rules.registry import ERROR_DETAILS

    texts = ERROR_DETAILS.get(error_type)
    if texts is None:
        return fallback
    text = texts[0] if lang == "ja" else texts[1]
    return text.format_map(_Blank(ctx or {}))


def __getattr__(name: str) -> Any:
    # ERROR_DETAILS and ERROR_TYPE_CODES live with their rules (stdschema.rules); the old
    # names stay readable here without importing every rule with this module.
    if name in ("ERROR_DETAILS", "ERROR_TYPE_CODES"):
        from stdschema.rules import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
