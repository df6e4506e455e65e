"""Japanese value types of the standard datasets, as Annotated Pydantic types.

Each type holds one rule of ``shared/spec/common_rules.md`` and serves three
uses: validating a cell, converting it, and describing it in JSON Schema.
Errors are raised as :class:`pydantic_core.PydanticCustomError` with a stable
``type`` (listed in :data:`ERROR_TYPES`) so that reports can map them to
catalogue messages.

All parsing works on the raw cell text: Pydantic's lax number parsing would
accept ``"1_000"`` or ``" 35.1 "`` and ``\\d`` would accept full-width digits,
so every pattern here spells ``[0-9]``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer
from pydantic_core import PydanticCustomError

from stdschema.checkdigits import (
    corporate_number_check_digit,
    is_valid_corporate_number,
    is_valid_local_gov_code,
    local_gov_check_digit,
)

__all__ = [
    "DEGREES_PATTERN",
    "PHONE_DIGITS",
    "PHONE_PATTERN",
    "RULES",
    "ChomeId",
    "CorporateNumber",
    "Email",
    "ExtensionNumber",
    "Flag1",
    "HalfWidthText",
    "HeightKind",
    "HttpUrl",
    "IsoDate",
    "KatakanaText",
    "Latitude",
    "LocalGovCode",
    "Longitude",
    "MultiValue",
    "NonNegativeCount",
    "NumberText",
    "PhoneNumber",
    "PostalCode",
    "RecordId",
    "Rule",
    "Text",
    "TimeHHMM",
    "Weekdays",
    "YesNo",
]

_DIGITS = re.compile(r"[0-9]+")


def _err(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx or None)


def _require_str(value: Any) -> str:
    if not isinstance(value, str):
        raise _err("string_type", "Input should be a string")
    return value


def _matches(pattern: str, kind: str, message: str) -> BeforeValidator:
    """A validator accepting strings that fully match ``pattern``, else raising ``kind``."""
    regex = re.compile(pattern)

    def check(raw: Any) -> str:
        value = _require_str(raw)
        if not regex.fullmatch(value):
            raise _err(kind, message)
        return value

    return BeforeValidator(check)


def _schema(pattern: str | None, description: str, examples: list[Any]) -> Any:
    """JSON Schema facts of a type; the pattern is documentation, the validator enforces it."""
    extra: Any = {"pattern": f"^(?:{pattern})$"} if pattern else None
    return Field(json_schema_extra=extra, description=description, examples=examples)


# --- codes -------------------------------------------------------------------


def _check_local_gov_code(raw: Any) -> str:
    value = _require_str(raw)
    if len(value) != 6 or not value.isascii() or not value.isdigit():
        raise _err(
            "local_gov_code_format",
            "must be 6 half-width digits including the check digit, got {value!r}",
            value=value,
        )
    if not is_valid_local_gov_code(value):
        expected = local_gov_check_digit(value[:5])
        raise _err(
            "local_gov_code_check_digit",
            "check digit should be {expected}, got {actual}",
            expected=expected,
            actual=value[5],
        )
    return value


LocalGovCode = Annotated[
    str,
    BeforeValidator(_check_local_gov_code),
    Field(
        json_schema_extra={"pattern": r"^[0-9]{6}$"},
        description="全国地方公共団体コード: 6 digits, the last a modulus-11 check digit.",
        examples=["222127", "011002"],
    ),
]
"""全国地方公共団体コード (6 digits incl. check digit; existence is checked by the registry)."""


def _check_corporate_number(raw: Any) -> str:
    value = _require_str(raw)
    if len(value) != 13 or not value.isascii() or not value.isdigit() or value[0] == "0":
        raise _err(
            "corporate_number_format",
            "must be 13 half-width digits, the first not 0, got {value!r}",
            value=value,
        )
    if not is_valid_corporate_number(value):
        raise _err(
            "corporate_number_check_digit",
            "check digit should be {expected}, got {actual}",
            expected=corporate_number_check_digit(value[1:]),
            actual=value[0],
        )
    return value


CorporateNumber = Annotated[
    str,
    BeforeValidator(_check_corporate_number),
    Field(
        json_schema_extra={"pattern": r"^[1-9][0-9]{12}$"},
        description="法人番号: 13 digits, the first a modulus-9 check digit.",
        examples=["8000020130001"],
    ),
]
"""法人番号 (13 digits, leading check digit)."""


# --- contact -----------------------------------------------------------------

PostalCode = Annotated[
    str,
    _matches(r"[0-9]{7}", "postal_code_format", "must be 7 half-width digits without a hyphen"),
    _schema(r"[0-9]{7}", "郵便番号: 7 digits, no hyphen.", ["4250022"]),
]

# Digit groups with the area code first; a hyphen or one space separates two groups, and a
# group in brackets needs no separator: 054-626-1139, (054)-626-1139, 0476(42)5111,
# 090 1234 5678. Everything half-width, as the sheet's 形式 (文字列（半角文字）) says:
# （054）626-1139 fails and gets the half-width repair. Each repetition starts with a
# separator or an opening bracket, so the pattern never backtracks (Python) and polars
# reads it as is.
PHONE_PATTERN = (
    r"(?:0[0-9]*|\(0[0-9]*\)[0-9]*)"
    r"(?:[- ](?:[0-9]+|\([0-9]+\)[0-9]*)|\([0-9]+\)[0-9]*)*"
)
"""The form of 電話番号 (the digit count, 10 or 11, is checked besides)."""
PHONE_DIGITS = (10, 11)
"""Digits of a Japanese number with its area code (11 for 0X0 mobile/IP numbers and 0800)."""

_PHONE = re.compile(PHONE_PATTERN)


def _check_phone(raw: Any) -> str:
    value = _require_str(raw)
    if not _PHONE.fullmatch(value) or sum(c in "0123456789" for c in value) not in PHONE_DIGITS:
        raise _err(
            "phone_format",
            "must be a 10 or 11 digit number starting with the area code, in half-width "
            "digits; hyphens, single spaces or brackets may separate the groups",
        )
    return value


PhoneNumber = Annotated[
    str,
    BeforeValidator(_check_phone),
    Field(
        json_schema_extra={"pattern": f"^(?:{PHONE_PATTERN})$"},
        description="電話番号: 10 or 11 half-width digits from the area code; hyphens, spaces "
        "or brackets may separate the groups.",
        examples=["054-626-1139", "(054)626-1139", "0476(42)5111"],
    ),
]

ExtensionNumber = Annotated[
    str,
    _matches(r"[0-9]{1,8}", "extension_format", "must be half-width digits only"),
    _schema(r"[0-9]{1,8}", "内線番号: half-width digits.", ["1234"]),
]

_EMAIL = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"

Email = Annotated[
    str,
    _matches(_EMAIL, "email_format", "must be an e-mail address in half-width characters"),
    _schema(_EMAIL, "E-mail address, half-width.", ["info@city.yaizu.lg.jp"]),
]


# Printable ASCII but the backslash: browsers read "\" as "/", so in
# "https://evil.invalid\@city.lg.jp/" the host they visit is not the one urlsplit sees.
_URL_CHARS = re.compile(r"[!-\[\]-~]+")
# scheme:// then the authority, which ends at the first / ? or #.
_AUTHORITY = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)", re.DOTALL)


def _idn_label(label: str) -> str | None:
    """The ASCII (xn--) form of a host label written in Unicode; None if it is no domain label.

    Only letters (kanji, kana, ー, 々, accented Latin, ...) may be non-ASCII: full-width ASCII
    and half-width kana are width slips the rule reports, and 。 or ・ are not letters.
    """
    for ch in label:
        if ch.isascii():
            if not (ch.isalnum() or ch == "-"):
                return None
        elif 0xFF00 <= ord(ch) <= 0xFFEF or unicodedata.category(ch)[0] not in "LM":
            return None
    try:
        return label.encode("idna").decode("ascii")
    except UnicodeError:  # too long, or refused by nameprep
        return None


def _ascii_url(value: str) -> str | None:
    """``value`` with an internationalised host name in its ASCII form (例え.jp →
    xn--r8jz45g.jp); None when anything but the host name is non-ASCII."""
    if value.isascii():
        return value
    match = _AUTHORITY.fullmatch(value)
    if match is None or not match.group(3).isascii():
        return None
    userinfo, at, host_port = match.group(2).rpartition("@")
    host, colon, port = host_port.partition(":")
    if not (userinfo.isascii() and port.isascii()):
        return None
    labels: list[str] = []
    for label in host.split("."):
        ascii_label = label if label.isascii() else _idn_label(label)
        if ascii_label is None:
            return None
        labels.append(ascii_label)
    return f"{match.group(1)}{userinfo}{at}{'.'.join(labels)}{colon}{port}{match.group(3)}"


def _check_url(raw: Any) -> str:
    value = _require_str(raw)
    ascii_form = _ascii_url(value)
    if ascii_form is None or not _URL_CHARS.fullmatch(ascii_form):
        raise _err(
            "url_format",
            "must be an absolute http(s) URL without spaces, control characters, backslashes "
            "or full-width characters (only the domain name may be internationalised)",
        )
    parts = urlsplit(ascii_form)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _err("url_format", "must be an absolute URL starting with http:// or https://")
    return value


HttpUrl = Annotated[
    str,
    BeforeValidator(_check_url),
    Field(
        json_schema_extra={"pattern": r"^https?://[^\s]+$"},
        description="Absolute http(s) URL (形式 URI). Kept exactly as written.",
        examples=["https://www.city.yaizu.lg.jp/"],
    ),
]


# --- places ------------------------------------------------------------------

DEGREES_PATTERN = r"-?[0-9]{1,3}(?:\.[0-9]+)?"
"""The form of 緯度 and 経度 (the range, ±90 or ±180, is checked besides)."""
_DECIMAL = re.compile(DEGREES_PATTERN)


def _coordinate(kind: str, limit: int) -> Any:
    def check(raw: Any) -> str:
        value = _require_str(raw)
        if not _DECIMAL.fullmatch(value):
            raise _err(
                f"{kind}_format",
                "must be decimal degrees in half-width digits, e.g. {example}",
                example="34.876012" if kind == "latitude" else "138.320763",
            )
        if abs(float(value)) > limit:
            raise _err(f"{kind}_range", "must be between -{limit} and {limit}", limit=limit)
        return value

    return check


Latitude = Annotated[
    str,
    BeforeValidator(_coordinate("latitude", 90)),
    Field(
        json_schema_extra={"pattern": r"^-?[0-9]{1,2}(\.[0-9]+)?$"},
        description="緯度: decimal degrees, kept as written (e.g. 43.064310).",
        examples=["34.8760119"],
    ),
]
Longitude = Annotated[
    str,
    BeforeValidator(_coordinate("longitude", 180)),
    Field(
        json_schema_extra={"pattern": r"^-?[0-9]{1,3}(\.[0-9]+)?$"},
        description="経度: decimal degrees, kept as written (e.g. 141.346814).",
        examples=["138.3207625"],
    ),
]

ChomeId = Annotated[
    str,
    _matches(
        r"[0-9]{7}|[0-9]{4}-[0-9]{3}",
        "chome_id_format",
        "must be 7 half-width digits (e.g. 0003000) or 0000-000",
    ),
    _schema(
        r"[0-9]{7}|[0-9]{4}-[0-9]{3}",
        "町字ID of the Address Base Registry: 7 digits (the sheet example writes 0008-001).",
        ["0003000"],
    ),
]

HeightKind = Literal["階数", "標高", "地表高"]
"""高度の種別 vocabulary of note 9 on the toilet sheet."""


NumberText = Annotated[
    str,
    _matches(
        r"-?[0-9]+(?:\.[0-9]+)?",
        "number_format",
        "must be a number in half-width digits, e.g. 3 or 30.5",
    ),
    _schema(
        r"-?[0-9]+(?:\.[0-9]+)?",
        "A decimal number in half-width digits, kept as written.",
        ["30.5"],
    ),
]


# --- numbers, dates, times ---------------------------------------------------


def _check_count(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise _err("count_format", "must be a whole number of 0 or more")
        return value
    value = _require_str(value)
    if not _DIGITS.fullmatch(value):
        raise _err("count_format", "must be a whole number of 0 or more in half-width digits")
    return int(value)


NonNegativeCount = Annotated[
    int,
    BeforeValidator(_check_count),
    Field(
        json_schema_extra={"minimum": 0},
        description="数値（半角数字）: a whole number of 0 or more.",
        examples=[3],
    ),
]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _check_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    value = _require_str(value)
    if not _ISO_DATE.fullmatch(value):
        raise _err("date_format", "must be a date written YYYY-MM-DD, e.g. 2026-04-01")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _err("date_value", "is not a real calendar date") from None


IsoDate = Annotated[
    date,
    BeforeValidator(_check_date),
    Field(description="日付: YYYY-MM-DD (ISO 8601).", examples=["2026-04-01"]),
]

_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def _check_time(raw: Any) -> str:
    value = _require_str(raw)
    if _TIME.fullmatch(value):
        return value
    if value == "24:00":
        raise _err(
            "time_24", "24:00 is not a valid hh:mm time; write 23:59 or explain in the remarks"
        )
    raise _err("time_format", "must be a time written hh:mm from 00:00 to 23:59, e.g. 09:00")


TimeHHMM = Annotated[
    str,
    BeforeValidator(_check_time),
    Field(
        json_schema_extra={"pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"},
        description="時刻（hh:mm）, 00:00 to 23:59, zero-padded.",
        examples=["09:00"],
    ),
]

_WEEKDAYS = r"(?:[月火水木金土日祝](?:曜日?)?[;・、,]?)+"

Weekdays = Annotated[
    str,
    _matches(_WEEKDAYS, "weekdays_format", "must list days as 月火水木金土日祝 (e.g. 月火水木金)"),
    _schema(_WEEKDAYS, "利用可能曜日: days written with 月火水木金土日祝.", ["月火水木金"]),
]


# --- text --------------------------------------------------------------------

Text = str
"""Free text (形式 文字列)."""


def _classify_non_kana(value: str) -> str | None:
    for ch in value:
        cp = ord(ch)
        if 0xFF61 <= cp <= 0xFF9F:
            return "kana_half_width"
        if 0x3041 <= cp <= 0x309F:
            return "kana_hiragana"
        if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or ch in "々〆":
            return "kana_kanji"
    return None


_KANA_MESSAGES = {
    "kana_half_width": "contains half-width katakana; write full-width katakana",
    "kana_hiragana": "contains hiragana; write katakana",
    "kana_kanji": "contains kanji; write the reading in full-width katakana",
}


def _check_katakana(raw: Any) -> str:
    value = _require_str(raw)
    kind = _classify_non_kana(value)
    if kind:
        raise _err(kind, _KANA_MESSAGES[kind])
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


def _check_half_width(raw: Any) -> str:
    value = _require_str(raw)
    for ch in value:
        if not (" " <= ch <= "~"):
            fixed = unicodedata.normalize("NFKC", ch)
            raise _err(
                "not_half_width",
                "contains {char!r}, which is not a half-width character",
                char=ch,
                suggestion=fixed if fixed.isascii() else "",
            )
    return value


HalfWidthText = Annotated[
    str,
    BeforeValidator(_check_half_width),
    Field(
        json_schema_extra={"pattern": r"^[\x20-\x7e]*$"},
        description="文字列（半角英数字）: half-width (ASCII) letters, digits, spaces and punctuation.",
        examples=["Yaizu City Hall"],
    ),
]

RecordId = Annotated[
    str,
    _matches(r"[0-9A-Za-z]+", "id_format", "must be half-width letters and digits only"),
    _schema(
        r"[0-9A-Za-z]+",
        "ID / NO: half-width letters and digits, unique within the publisher's file.",
        ["LL0100022200", "1"],
    ),
]


# --- flags and lists ---------------------------------------------------------

YesNo = Literal["有", "無"]
"""有/無 flag (文字列（統制語彙）)."""

Flag1 = Literal["1"]
"""1 = applies; a blank cell means it does not (災害種別_*, 指定避難所との重複)."""


def _split_multi(value: Any) -> Any:
    if isinstance(value, str):
        return [part for part in value.split(";")]
    return value


def _check_multi(value: list[str]) -> list[str]:
    if any(part.strip() == "" for part in value):
        raise _err("multi_value_empty", "has an empty item between ';' separators")
    return value


MultiValue = Annotated[
    list[str],
    BeforeValidator(_split_multi, json_schema_input_type=str | list[str]),
    AfterValidator(_check_multi),
    PlainSerializer(lambda v: ";".join(v), return_type=str, when_used="always"),
    Field(description="Several values separated by a half-width ';'.", examples=["内科;外科"]),
]


# --- rule catalogue ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """A value rule a column can carry; ``type`` is what the model field uses."""

    key: str
    type: Any
    python_type: str
    ja: str
    en: str


RULES: dict[str, Rule] = {
    r.key: r
    for r in (
        Rule("text", Text, "str", "文字列", "text"),
        Rule(
            "local_gov_code",
            LocalGovCode,
            "LocalGovCode",
            "全国地方公共団体コード（6桁）",
            "local government code (6 digits)",
        ),
        Rule(
            "corporate_number",
            CorporateNumber,
            "CorporateNumber",
            "法人番号（13桁）",
            "corporate number (13 digits)",
        ),
        Rule("record_id", RecordId, "RecordId", "半角英数字のID", "half-width alphanumeric ID"),
        Rule("katakana", KatakanaText, "KatakanaText", "全角カタカナ", "full-width katakana"),
        Rule(
            "half_width", HalfWidthText, "HalfWidthText", "半角英数字", "half-width alphanumerics"
        ),
        Rule("latitude", Latitude, "Latitude", "緯度（10進数の度）", "latitude (decimal degrees)"),
        Rule(
            "longitude", Longitude, "Longitude", "経度（10進数の度）", "longitude (decimal degrees)"
        ),
        Rule("chome_id", ChomeId, "ChomeId", "町字ID（7桁）", "town ID (7 digits)"),
        Rule("postal_code", PostalCode, "PostalCode", "郵便番号（7桁）", "postal code (7 digits)"),
        Rule("phone", PhoneNumber, "PhoneNumber", "電話番号", "telephone number"),
        Rule("extension", ExtensionNumber, "ExtensionNumber", "内線番号", "extension number"),
        Rule("email", Email, "Email", "メールアドレス", "e-mail address"),
        Rule("url", HttpUrl, "HttpUrl", "URL（http/https）", "URL (http/https)"),
        Rule(
            "count",
            NonNegativeCount,
            "NonNegativeCount",
            "0以上の整数",
            "whole number of 0 or more",
        ),
        Rule("number", NumberText, "NumberText", "数値（半角）", "number (half-width)"),
        Rule("date", IsoDate, "IsoDate", "日付（YYYY-MM-DD）", "date (YYYY-MM-DD)"),
        Rule("time", TimeHHMM, "TimeHHMM", "時刻（hh:mm）", "time (hh:mm)"),
        Rule("weekdays", Weekdays, "Weekdays", "曜日（月火水木金土日祝）", "days of the week"),
        Rule("yes_no", YesNo, "YesNo", "有／無", "有 (yes) / 無 (no)"),
        Rule("flag_1", Flag1, "Flag1", "1または空欄", "1 or blank"),
        Rule("height_kind", HeightKind, "HeightKind", "階数／標高／地表高", "階数 / 標高 / 地表高"),
        Rule("multi", MultiValue, "MultiValue", "「;」区切りの複数値", "';'-separated values"),
    )
}
"""Every rule a column can name, keyed by a stable identifier."""

ERROR_TYPES: frozenset[str] = frozenset(
    {
        "local_gov_code_format",
        "local_gov_code_check_digit",
        "corporate_number_format",
        "corporate_number_check_digit",
        "postal_code_format",
        "phone_format",
        "extension_format",
        "email_format",
        "url_format",
        "latitude_format",
        "latitude_range",
        "longitude_format",
        "longitude_range",
        "chome_id_format",
        "number_format",
        "count_format",
        "date_format",
        "date_value",
        "time_format",
        "time_24",
        "weekdays_format",
        "kana_half_width",
        "kana_hiragana",
        "kana_kanji",
        "not_half_width",
        "id_format",
        "multi_value_empty",
    }
)
"""The custom error types raised by the types above."""
