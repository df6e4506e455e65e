"""Repairs for common malformed cell values (full-width digits, 和暦, half-width kana, …).

Every function takes the raw cell text and returns the standard form, or None
when the value cannot be repaired without guessing. All of them are
idempotent and leave values already in standard form unchanged. They run per
cell, so patterns and translation tables are built once at import.

:func:`suggest` tries the repairs a value rule of :mod:`stdschema.rules` lists and only
offers one when the result validates.

Patterns spell ``[0-9]`` because ``\\d`` would also match full-width digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from stdschema.lazyre import lazy
from stdschema.rules.chars import JAPAN_LAT, JAPAN_LON, KANJI, KANJI_RARE, SPACES

__all__ = [
    "Repair",
    "digits_to_half_width",
    "excel_serial_date",
    "excel_serial_number",
    "fiscal_year",
    "fold_spaces",
    "hiragana_to_katakana",
    "in_japan",
    "iso_to_wareki",
    "kana_to_full_width",
    "kana_to_half_width",
    "lat_lon_in_one_cell",
    "nfkc",
    "normalize_date",
    "normalize_flag_1",
    "normalize_local_gov_code",
    "normalize_number",
    "normalize_phone",
    "normalize_postal_code",
    "normalize_time",
    "normalize_weekdays",
    "normalize_yes_no",
    "repair_local_gov_code",
    "split_lat_lon",
    "suggest",
    "swap_if_lat_lon_swapped",
    "to_half_width",
    "to_katakana",
    "wareki_to_iso",
]


# --- width and spaces -------------------------------------------------------

# NBSP, zero-width space and a stray BOM come from copy-paste out of web pages
# (広島市 wrote "34.399833\xa0"); they are invisible, so trimming them is safe.
_TRIM = SPACES
_SPACE_RUN = lazy("[ \u3000\u00a0]{2,}")

_FULL_TO_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20
_FULL_TO_HALF[0x00A0] = 0x20
_HALF_WIDTH_TABLE = str.maketrans(_FULL_TO_HALF)
_DIGITS_TABLE = str.maketrans({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)})

# Minus-like characters that stand for '-' only between digits (住所 "７６２−２",
# 電話 "054ー629ー6847"); elsewhere ー is the katakana long-vowel mark.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\uff70"
_DASH_BETWEEN_DIGITS = lazy(f"(?<=[0-9])[{_DASHES}](?=[0-9])")
_ALL_DASHES_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))


def nfkc(text: str) -> str:
    """Unicode NFKC (full-width ASCII, half-width kana, ㍻ … all folded)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _strip(text: str) -> str:
    return text.strip(_TRIM)


def _first_char(match: re.Match[str]) -> str:
    return match.group()[0]


def fold_spaces(text: str) -> str:
    """Trim the ends and fold inner runs of spaces to the run's first space.

    Inner tabs and line breaks are kept: in free text they carry meaning.
    """
    return _SPACE_RUN.sub(_first_char, text.strip(_TRIM))


def to_half_width(text: str) -> str:
    """Full-width ASCII (U+FF01–U+FF5E), U+3000 and NBSP to half-width.

    Kana and kanji are left alone (unlike NFKC). Minus-like dashes and ー
    between two digits become '-'.
    """
    if text.isascii():
        return text
    return _DASH_BETWEEN_DIGITS.sub("-", text.translate(_HALF_WIDTH_TABLE))


def digits_to_half_width(text: str) -> str:
    """Only the full-width digits ０-９ to 0-9."""
    return text if text.isascii() else text.translate(_DIGITS_TABLE)


# --- kana -------------------------------------------------------------------


def _build_kana_tables() -> tuple[dict[str, str], dict[str, str]]:
    full: dict[str, str] = {}
    for cp in range(0xFF61, 0xFFA0):
        char = chr(cp)
        full[char] = unicodedata.normalize("NFKC", char)
        for mark in "\uff9e\uff9f":
            composed = unicodedata.normalize("NFKC", char + mark)
            if len(composed) == 1:
                full[char + mark] = composed
    # NFKC turns a lone ﾞ/ﾟ into a combining mark; the spacing ゛/゜ is what a
    # full-width writer types.
    full["\uff9e"] = "\u309b"
    full["\uff9f"] = "\u309c"
    half = {value: key for key, value in full.items()}
    half["\u3099"] = "\uff9e"
    half["\u309a"] = "\uff9f"
    return full, half


_KANA_FULL, _KANA_HALF = _build_kana_tables()
_HALF_KANA = lazy("[\uff61-\uff9d][\uff9e\uff9f]?|[\uff9e\uff9f]")
_FULL_KANA = lazy("[" + "".join(sorted(_KANA_HALF)) + "]")
_HIRAGANA_TABLE = str.maketrans(
    {**{cp: cp + 0x60 for cp in range(0x3041, 0x3097)}, 0x309D: 0x30FD, 0x309E: 0x30FE}
)
_KANJI = lazy(f"[{KANJI}{KANJI_RARE}]")


def _full_kana(match: re.Match[str]) -> str:
    seq = match.group()
    found = _KANA_FULL.get(seq)
    # A mark that does not compose with its base (ｱﾞ) stays a separate ゛.
    return found if found is not None else "".join(_KANA_FULL[c] for c in seq)


def _half_kana(match: re.Match[str]) -> str:
    return _KANA_HALF[match.group()]


def kana_to_full_width(text: str) -> str:
    """Half-width katakana to full-width, composing ﾞ/ﾟ (ｶﾞ → ガ, ｳﾞ → ヴ)."""
    if text.isascii():
        return text
    return _HALF_KANA.sub(_full_kana, text)


def kana_to_half_width(text: str) -> str:
    """Full-width katakana (and 。「」、・ー) to half-width.

    The inverse of :func:`kana_to_full_width`; kana without a half-width form
    (ヰ, ヶ) stay as they are.
    """
    if text.isascii():
        return text
    return _FULL_KANA.sub(_half_kana, text)


def hiragana_to_katakana(text: str) -> str:
    """Hiragana ぁ-ゖ to katakana ァ-ヶ, and ゝゞ to ヽヾ."""
    return text if text.isascii() else text.translate(_HIRAGANA_TABLE)


def to_katakana(text: str) -> str | None:
    """Half-width kana and hiragana to full-width katakana; None if kanji remain."""
    result = hiragana_to_katakana(kana_to_full_width(text))
    return None if _KANJI.search(result) else result


# --- dates ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Era:
    name: str
    first: date
    last: date


# 明治 and 大正 end on the day the next era began: those 改元 took effect on
# the day of the emperor's death, so 明治45年7月30日 and 大正元年7月30日 are
# the same day (likewise 大正15年12月25日). 明治 counts from 1868-01-25
# (明治元年1月1日 in the old calendar); dates before 明治6年 are read as
# Gregorian, as is usual.
_ERAS = (
    _Era("令和", date(2019, 5, 1), date.max),
    _Era("平成", date(1989, 1, 8), date(2019, 4, 30)),
    _Era("昭和", date(1926, 12, 25), date(1989, 1, 7)),
    _Era("大正", date(1912, 7, 30), date(1926, 12, 25)),
    _Era("明治", date(1868, 1, 25), date(1912, 7, 30)),
)


def _era_keys() -> dict[str, _Era]:
    """令和, 令, R and r all name 令和."""
    keys: dict[str, _Era] = {}
    for era in _ERAS:
        letter = "MTSHR"["明大昭平令".index(era.name[0])]
        for key in (era.name, era.name[0], letter, letter.lower()):
            keys[key] = era
    return keys


_ERA_BY_KEY = _era_keys()

_WEEKDAYS = "月火水木金土日"
_ERA_RE = "(?P<era>明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])"
# A trailing day of the week, "(月)", "（月曜日）", "月曜" or "(水・祝)"; it is
# checked against the date. Midnight ("2023/4/1 0:00:00") is what Excel adds.
_SUFFIX_RE = (
    r" ?(?:\((?P<wd>[月火水木金土日])(?:曜日?)?(?:・?祝日?)?\)|(?P<wd2>[月火水木金土日])曜日?)?"
    r"(?:[ T]0?0:00(?::00)?)?"
)
# Year first, the order is month then day whatever the separators: 高松市
# writes "2020.10/5" next to "10/19/2017".
# Spaces may pad a month or day to a fixed width ("H13. 1.29", "平成 13年 1月29日").
_MDAY_RE = (
    r"(?: ?年 ?(?P<m>[0-9]{1,2}) ?月 ?(?P<d>[0-9]{1,2}) ?日"
    r"| ?[./-] ?(?P<m2>[0-9]{1,2}) ?[./-] ?(?P<d2>[0-9]{1,2}))"
)
# "H.13.1.29": some systems put a dot after the era letter.
_WAREKI = lazy(_ERA_RE + r"\.? ?(?P<y>[0-9]{1,2}|元)" + _MDAY_RE + _SUFFIX_RE)
_WESTERN = lazy(r"(?P<y>[0-9]{4})" + _MDAY_RE + _SUFFIX_RE)
_COMPACT = lazy(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})")
_US = lazy(r"(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/(?P<y>[0-9]{4})" + _SUFFIX_RE)
_FISCAL = lazy(r"(?:" + _ERA_RE + r" ?(?P<ey>[0-9]{1,2}|元)|(?P<y>[0-9]{4})) ?年度")
_YEAR = lazy("[0-9]{4}")


def _prepare(text: str) -> str:
    """NFKC (㍻ → 平成, full-width digits) with spaces trimmed and folded."""
    return _SPACE_RUN.sub(" ", nfkc(text).strip(_TRIM))


def _make_date(year: int, month: int, day: int, weekday: str | None) -> date | None:
    try:
        result = date(year, month, day)
    except ValueError:
        return None
    if weekday and _WEEKDAYS[result.weekday()] != weekday:
        return None
    return result


def _month_day(match: re.Match[str]) -> tuple[int, int, str | None]:
    month = match.group("m") or match.group("m2")
    day = match.group("d") or match.group("d2")
    return int(month), int(day), match.group("wd") or match.group("wd2")


def _era_year(era_key: str, year_text: str) -> tuple[_Era, int] | None:
    era = _ERA_BY_KEY[era_key]
    year = 1 if year_text == "元" else int(year_text)
    if year < 1:
        return None
    return era, era.first.year + year - 1


def wareki_to_iso(text: str) -> str | None:
    """A 和暦 date (令和3年6月1日, R5.4.1, H30/4/1, ㍻31年4月30日) as YYYY-MM-DD.

    None when the date is not a calendar date, lies outside its era
    (平成31年5月1日) or contradicts a given day of the week.
    """
    match = _WAREKI.fullmatch(_prepare(text))
    if match is None:
        return None
    era_year = _era_year(match.group("era"), match.group("y"))
    if era_year is None:
        return None
    era, year = era_year
    result = _make_date(year, *_month_day(match))
    if result is None or not era.first <= result <= era.last:
        return None
    return result.isoformat()


def iso_to_wareki(value: date | str) -> str:
    """A date (or ISO string) as 和暦, e.g. 令和5年4月1日, with 元年 for year 1.

    A day shared by two eras gets the newer one. Raises ValueError before 明治.
    """
    day = date.fromisoformat(value) if isinstance(value, str) else value
    for era in _ERAS:
        if day >= era.first:
            year = day.year - era.first.year + 1
            year_text = "元" if year == 1 else str(year)
            return f"{era.name}{year_text}年{day.month}月{day.day}日"
    raise ValueError(f"{day.isoformat()} is before the 明治 era")


def fiscal_year(text: str) -> str | None:
    """The Western year a 年度 starts in: 令和2年度, R2年度, 2020年度 → "2020"."""
    prepared = _prepare(text)
    if _YEAR.fullmatch(prepared):
        return prepared
    match = _FISCAL.fullmatch(prepared)
    if match is None:
        return None
    if match.group("y"):
        return match.group("y")
    era_year = _era_year(match.group("era"), match.group("ey"))
    if era_year is None:
        return None
    era, year = era_year
    # 平成31年度 and 令和元年度 are both 2019, so only the era's own years count.
    if year > era.last.year:
        return None
    return str(year)


def normalize_date(text: str, *, us_order: bool = False) -> str | None:
    """A date as YYYY-MM-DD from ISO, 2023/4/1, 2023.4.1, 2023年4月1日, 20230401 or 和暦.

    ``us_order`` also reads M/D/YYYY (高松市 writes 3/1/2023); without it
    that form is refused since D/M/YYYY would read it differently.
    Excel serial numbers are not dates here (see :func:`excel_serial_date`).
    """
    prepared = _prepare(text)
    result: date | None = None
    if match := _WESTERN.fullmatch(prepared):
        result = _make_date(int(match.group("y")), *_month_day(match))
    elif match := _COMPACT.fullmatch(prepared):
        result = _make_date(int(match["y"]), int(match["m"]), int(match["d"]), None)
    elif us_order and (match := _US.fullmatch(prepared)):
        result = _make_date(int(match["y"]), *_month_day(match))
    else:
        return wareki_to_iso(prepared)
    return None if result is None else result.isoformat()


# Excel counts days from 1900-01-01 = 1 and treats 1900 as a leap year (serial 60 is the
# fictitious 1900-02-29), so from serial 61 on, day 0 is 1899-12-30. Only serials of days in
# 1950..2100 are read: a smaller or larger number in a date column is more likely a count
# or a typo than a date.
_EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIAL_FIRST = date(1950, 1, 1)
EXCEL_SERIAL_LAST = date(2100, 12, 31)
_EXCEL_SERIAL = lazy("[0-9]{5}")


def excel_serial_date(text: str) -> str | None:
    """An Excel serial date number (45016 → 2023-03-31) as YYYY-MM-DD.

    Only a whole number of five digits naming a day from 1950-01-01 to 2100-12-31
    (serials 18264 to 73415) is read; None for anything else, including
    fractions (a time of day) and the 1904 date system of old Mac workbooks.
    """
    prepared = _prepare(text)
    if not _EXCEL_SERIAL.fullmatch(prepared):
        return None
    day = _EXCEL_EPOCH + timedelta(days=int(prepared))
    if not EXCEL_SERIAL_FIRST <= day <= EXCEL_SERIAL_LAST:
        return None
    return day.isoformat()


def excel_serial_number(day: date) -> int:
    """The Excel serial number of ``day`` (1900 date system), for days after 1900-02-28."""
    return (day - _EXCEL_EPOCH).days


# --- times ------------------------------------------------------------------

_TIME_COLON = lazy(r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?")
_TIME_COMPACT = lazy(r"(?P<h>[0-9]{2})(?P<m>[0-9]{2})")
_TIME_KANJI = lazy(r"(?P<h>[0-9]{1,2}) ?時 ?(?:(?P<m>[0-9]{1,2}) ?分|(?P<half>半))?")
_TIME_MERIDIEM = lazy(
    r"(?:(?P<ja>午前|午後)|(?P<en>[AaPp]\.?[Mm]\.?)) ?(?P<rest>.+)"
    r"|(?P<rest2>.+?) ?(?P<en2>[AaPp]\.?[Mm]\.?)"
)


def _clock(rest: str) -> tuple[int, int] | None:
    if match := _TIME_COLON.fullmatch(rest):
        if match.group("s") not in (None, "00"):
            return None
    elif not (match := _TIME_COMPACT.fullmatch(rest)) and not (
        match := _TIME_KANJI.fullmatch(rest)
    ):
        return None
    hour = int(match.group("h"))
    minute = 30 if match.groupdict().get("half") else int(match.group("m") or 0)
    return (hour, minute) if minute < 60 else None


def normalize_time(text: str) -> str | None:
    """A time as HH:MM from 9:00, ７：３０, 9時30分, 9時半, 0900, 09:00:00, 午後1時30分.

    None for 24:00 and later (the caller decides), for seconds other than 00,
    for one-digit minutes (9:0) and for 午前/午後12時, whose reading varies.
    """
    prepared = _prepare(text)
    meridiem: str | None = None
    if match := _TIME_MERIDIEM.fullmatch(prepared):
        rest = match.group("rest") or match.group("rest2")
        meridiem = match.group("ja") or (match.group("en") or match.group("en2"))[0].upper()
    else:
        rest = prepared
    clock = _clock(rest)
    if clock is None:
        return None
    hour, minute = clock
    if meridiem in ("午前", "午後"):
        if hour > 11:
            return None
        hour += 12 if meridiem == "午後" else 0
    elif meridiem is not None:
        # English usage is settled: 12 AM is midnight, 12 PM noon.
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "P" else 0)
    if hour > 23:
        return None
    return f"{hour:02d}:{minute:02d}"


# --- codes and contact ------------------------------------------------------

_POSTAL = lazy("〒? ?([0-9]{3})[- ]?([0-9]{4})")
_PHONE_CHARS = lazy(r"[0-9()\-]+")
_SPACES = lazy("[ \t\u3000\u00a0]+")


def normalize_postal_code(text: str) -> str | None:
    """〒425-0022, ４２５－００２２ or 425-0022 as 4250022; None unless 7 digits."""
    match = _POSTAL.fullmatch(fold_spaces(to_half_width(text)))
    return match.group(1) + match.group(2) if match else None


def normalize_phone(text: str) -> str | None:
    """Half-width digits, hyphens and parentheses, spaces removed.

    The publisher's grouping is kept ((054)626-1139 stays). None when other
    characters remain (two numbers, "TEL", "なし") or there are not 10–11 digits.
    """
    # Inside a phone number every dash-like character, ー included, is a hyphen.
    value = _SPACES.sub("", to_half_width(text).translate(_ALL_DASHES_TABLE)).strip(_TRIM)
    if not _PHONE_CHARS.fullmatch(value):
        return None
    digits = sum(c.isdigit() for c in value)
    return value if 10 <= digits <= 11 else None


def normalize_local_gov_code(text: str) -> str | None:
    """Six digits after NFKC and space removal (the check digit is checked elsewhere)."""
    value = _SPACES.sub("", nfkc(text)).strip(_TRIM)
    return value if len(value) == 6 and value.isascii() and value.isdigit() else None


def repair_local_gov_code(text: str, **context: Any) -> str | None:
    """The code :func:`stdschema.codes.repair_code` settles on, else None.

    ``context`` may hold ``publisher_code``, ``prefecture``, ``name`` and
    ``filename``; anything else is ignored.
    """
    from stdschema.codes import repair_code

    known = {
        key: value
        for key in ("publisher_code", "prefecture", "name", "filename")
        if isinstance(value := context.get(key), str)
    }
    return repair_code(text, **known).code


# --- numbers and vocabularies -----------------------------------------------

_NUMBER = lazy(r"-?[0-9]+(?:\.[0-9]+)?")
_GROUPED_NUMBER = lazy(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_LEADING_MINUS = lazy(f"^[{_DASHES}](?=[0-9])")


def normalize_number(text: str) -> str | None:
    """A decimal number in half-width digits: full-width digits, −5 and 32,500 repaired."""
    value = _LEADING_MINUS.sub("-", to_half_width(text).strip(_TRIM))
    if _GROUPED_NUMBER.fullmatch(value):
        # In Japanese data a comma in a number only groups thousands.
        value = value.replace(",", "")
    return value if _NUMBER.fullmatch(value) else None


_YES = frozenset({"有", "有り", "あり", "アリ", "○", "〇", "◯"})
_NO = frozenset({"無", "無し", "なし", "ナシ", "×", "✕", "✖"})
_CIRCLES = frozenset({"○", "〇", "◯", "1"})


def normalize_yes_no(text: str) -> str | None:
    """有/無 from あり/なし, 有り/無し and ○/×; None for anything else (△, -)."""
    value = kana_to_full_width(_strip(text))
    if value in _YES:
        return "有"
    if value in _NO:
        return "無"
    return None


def normalize_flag_1(text: str) -> str | None:
    """The flag value 1 from a circle (○ 〇 ◯), as legacy hazard columns write it, or from １."""
    return "1" if digits_to_half_width(_strip(text)) in _CIRCLES else None


_DAY = "[月火水木金土日祝](?:曜日?)?"
_RANGE_DAY = "[月火水木金土日](?:曜日?)?"
_RANGE_SEP = "(?:~|〜|-|‐|−|ー|から)"
_WEEKDAY_ITEM = lazy(f"(?P<a>{_RANGE_DAY}) ?{_RANGE_SEP} ?(?P<b>{_RANGE_DAY})|(?P<one>{_DAY})")
_WEEKDAY_LIST = lazy(
    f"(?:{_RANGE_DAY} ?{_RANGE_SEP} ?{_RANGE_DAY}|{_DAY})"
    f"(?:[ ・、,;/]*(?:{_RANGE_DAY} ?{_RANGE_SEP} ?{_RANGE_DAY}|{_DAY}))*"
)
_VALID_WEEKDAYS = lazy("(?:[月火水木金土日祝](?:曜日?)?[;・、,]?)+")


def normalize_weekdays(text: str) -> str | None:
    """Days as 月火水木金土日祝 from 月 水 金, 月/水, 月～金 (a range expands)."""
    value = _prepare(text)
    if _VALID_WEEKDAYS.fullmatch(value):
        return value
    if not _WEEKDAY_LIST.fullmatch(value):
        return None
    days: list[str] = []
    for match in _WEEKDAY_ITEM.finditer(value):
        if match.group("one"):
            days.append(match.group("one")[0])
            continue
        start = _WEEKDAYS.index(match.group("a")[0])
        stop = _WEEKDAYS.index(match.group("b")[0])
        if start == stop:
            return None
        span = (stop - start) % 7
        days.extend(_WEEKDAYS[(start + i) % 7] for i in range(span + 1))
    # A day listed twice means the publisher meant something we cannot see.
    return "".join(days) if len(set(days)) == len(days) else None


# --- coordinates ------------------------------------------------------------

_LAT_LON = lazy(r"(-?[0-9]{1,3}(?:\.[0-9]+)?) ?(?:,|、| ) ?(-?[0-9]{1,3}(?:\.[0-9]+)?)")


def split_lat_lon(text: str) -> tuple[str, str] | None:
    """Split one cell holding both, as 高松市's location column does.

    "34.34551,134.05267" (also with a space or a full-width comma) gives
    ("34.34551", "134.05267"); the order is not checked here.
    """
    match = _LAT_LON.fullmatch(fold_spaces(to_half_width(text)))
    return (match.group(1), match.group(2)) if match else None


def in_japan(lat: float, lon: float) -> bool:
    """True inside the box lat 20–46, lon 122–154."""
    return JAPAN_LAT[0] <= lat <= JAPAN_LAT[1] and JAPAN_LON[0] <= lon <= JAPAN_LON[1]


def lat_lon_in_one_cell(text: str) -> tuple[str, str] | None:
    """(latitude, longitude) of a cell holding both, in either order, when the pair lies in
    Japan: "34.86,138.32" and "138.32, 34.86" both give ("34.86", "138.32")."""
    pair = split_lat_lon(text)
    if pair is None:
        return None
    first, second = float(pair[0]), float(pair[1])
    if in_japan(first, second):
        return pair
    if in_japan(second, first):
        return pair[1], pair[0]
    return None


def swap_if_lat_lon_swapped(lat: str, lon: str) -> tuple[str, str] | None:
    """(lon, lat) when only the swapped pair lies in Japan, else None."""
    try:
        lat_value, lon_value = float(lat), float(lon)
    except ValueError:
        return None
    if not in_japan(lat_value, lon_value) and in_japan(lon_value, lat_value):
        return lon, lat
    return None


# --- suggestions ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repair:
    """A suggested fix: ``after`` validates under the rule, ``transform`` names the step."""

    before: str
    after: str
    transform: str


@cache
def _validator(rule: str) -> Callable[[str], bool]:
    # Imported here: the rule modules themselves use this module's repairs.
    from pydantic import TypeAdapter, ValidationError

    from stdschema.rules import REGISTRY

    adapter: TypeAdapter[Any] = TypeAdapter(REGISTRY[rule].type)

    def is_valid(value: str) -> bool:
        try:
            adapter.validate_python(value)
        except ValidationError:
            return False
        return True

    return is_valid


def suggest(value: str, rule: str, **context: Any) -> Repair | None:
    """A repair of ``value`` that passes ``rule`` (a key of the rule registry), or None.

    Trimming (``trim``) is tried first, then the rule's own repairs on the trimmed text;
    ``Repair.transform`` names the repair as the change log and the transforms do.
    A value that already passes gets no suggestion. ``context`` is handed to
    the code repair (publisher_code, prefecture, name, filename) and the date
    parser (``us_order=True`` for M/D/YYYY files).
    """
    is_valid = _validator(rule)  # KeyError for a rule the registry does not know
    if not isinstance(value, str) or is_valid(value):
        return None
    from stdschema.rules import REGISTRY

    stripped = _strip(value)
    if stripped != value and is_valid(stripped):
        return Repair(value, stripped, "trim")
    for step in REGISTRY[rule].repairs:
        after = step.apply(stripped, context)
        if after is not None and after != value and is_valid(after):
            return Repair(value, after, step.name)
    return None
