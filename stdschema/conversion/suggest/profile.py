"""Profiling: what the sample values of one input column look like (kinds of value)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from stdschema.checkdigits import is_valid_local_gov_code, local_gov_check_digit
from stdschema.normalize import (
    lat_lon_in_one_cell,
    normalize_date,
    normalize_flag_1,
    normalize_number,
    normalize_phone,
    normalize_postal_code,
    normalize_time,
    normalize_weekdays,
    normalize_yes_no,
    split_lat_lon,
    to_katakana,
    wareki_to_iso,
)

KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
_HALF_KANA = re.compile("[\uff61-\uff9f]")
_HIRAGANA = re.compile("[\u3041-\u3096]")
_KATAKANA = re.compile("[\u30a1-\u30fa]")
_FULL_DIGIT = re.compile("[０-９]")
_FULL_ASCII = re.compile("[\uff01-\uff5e]")
_DECIMAL = re.compile(r"-?[0-9]{1,3}\.[0-9]+")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_PLAIN_INT = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
TIME_RANGE = re.compile(r"\s*([0-9]{1,2}:[0-9]{2})\s*[~〜\-ー−―‐]\s*([0-9]{1,2}:[0-9]{2})")
_POSTAL_PREFIX = re.compile(r"〒?\s*[0-9]{3}[-ー−‐―]?[0-9]{4}[\s]+\S")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_ALNUM = re.compile(r"[0-9A-Za-z_\-]+")
_CIRCLES = frozenset({"○", "〇", "◯", "●"})
_CROSSES = frozenset({"×", "✕", "✖", "-", "－", "ー"})
_EDGE_SPACE = " \t\r\n\u3000\u00a0"


@dataclass
class Profile:
    """What the sample values of one input column look like."""

    name: str
    index: int
    values: list[str]
    """Non-blank values of the sample, stripped."""
    edge_space: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    distinct: int = 0

    @property
    def n(self) -> int:
        return len(self.values)

    def frac(self, kind: str) -> float:
        return self.counts[kind] / self.n if self.n else 0.0

    def without(self, drop: frozenset[str]) -> Profile:
        """The same column judged without the values in ``drop``."""
        kept = [v for v in self.values if v not in drop]
        if len(kept) == len(self.values):
            return self
        out = Profile(self.name, self.index, kept, self.edge_space, distinct=len(set(kept)))
        for value in kept:
            out.counts.update(classify(value))
        return out

    def constant(self) -> str | None:
        """The single value of the column when every sampled row has it."""
        return self.values[0] if self.n and self.distinct == 1 else None


@lru_cache(maxsize=65536)
def classify(value: str) -> frozenset[str]:
    """The kinds a single (stripped, non-blank) value has."""
    kinds: set[str] = set()
    folded = unicodedata.normalize("NFKC", value)
    for kinds_of in _CLASSIFIERS:
        kinds_of(value, folded, kinds)
    return frozenset(kinds)


def _coordinates(value: str, folded: str, kinds: set[str]) -> None:
    if _DECIMAL.fullmatch(folded):
        number = float(folded)
        if 20.0 <= number <= 46.0:
            kinds.add("lat")
        if 122.0 <= number <= 154.0:
            kinds.add("lon")
    ordered = lat_lon_in_one_cell(value)
    if ordered is not None:
        kinds.add("pair")
        if ordered != split_lat_lon(value):
            kinds.add("pair_swapped")


def _digit_codes(value: str, folded: str, kinds: set[str]) -> None:
    digits = folded.strip()
    if not (digits.isascii() and digits.isdigit()):
        return
    if len(digits) == 6 and is_valid_local_gov_code(digits) and known_code(digits):
        kinds.add("code6")
    if len(digits) == 5 and known_code(digits + local_gov_check_digit(digits)):
        kinds.add("code5")
    if len(digits) == 7:
        kinds.add("digits7")
    if len(digits) == 13:
        kinds.add("digits13")


def _numbers(value: str, folded: str, kinds: set[str]) -> None:
    number = normalize_number(value)
    if number is None:
        return
    kinds.add("number")
    if _PLAIN_NUMBER.fullmatch(value):
        kinds.add("number_plain")
    if "." not in number:
        kinds.add("int")
        if _PLAIN_INT.fullmatch(value):
            kinds.add("int_plain")


def _dates(value: str, folded: str, kinds: set[str]) -> None:
    if normalize_date(value) is not None:
        kinds.add("date")
        if _ISO_DATE.fullmatch(value):
            kinds.add("date_iso")
        if wareki_to_iso(value) is not None:
            kinds.add("wareki")
    elif normalize_date(value, us_order=True) is not None:
        kinds.update(("date", "date_us"))


def _times(value: str, folded: str, kinds: set[str]) -> None:
    if normalize_time(value) is not None:
        kinds.add("time")
        if _PLAIN_TIME.fullmatch(value):
            kinds.add("time_plain")
    elif folded.strip() in ("24:00", "24時"):
        kinds.update(("time", "time24"))
    elif TIME_RANGE.match(folded):
        kinds.add("time_range")


def _scripts(value: str, folded: str, kinds: set[str]) -> None:
    for kind, pattern in (
        ("half_kana", _HALF_KANA),
        ("hiragana", _HIRAGANA),
        ("kanji", KANJI),
        ("full_digits", _FULL_DIGIT),
        ("full_ascii", _FULL_ASCII),
    ):
        if pattern.search(value):
            kinds.add(kind)
    kana = to_katakana(value)
    if kana is not None and _KATAKANA.search(kana) and not _FULL_ASCII.search(kana):
        kinds.add("kana")
    if value.isascii():
        kinds.add("ascii")
        if _ALNUM.fullmatch(value):
            kinds.add("alnum")


def _marks(value: str, folded: str, kinds: set[str]) -> None:
    if value in _CIRCLES or normalize_flag_1(value) is not None:
        kinds.update(("flag", "circle") if value != "1" else ("flag",))
    if value in _CROSSES:
        kinds.add("cross")
    if normalize_yes_no(value) is not None:
        kinds.add("yes_no")
        if value in ("有", "無"):
            kinds.add("yes_no_plain")
    weekdays = normalize_weekdays(value)
    if weekdays is not None:
        kinds.add("weekdays")
        if weekdays == value:
            kinds.add("weekdays_plain")


def _contacts(value: str, folded: str, kinds: set[str]) -> None:
    phone = normalize_phone(value)
    if phone is not None:
        kinds.add("phone")
        if phone == value:
            kinds.add("phone_plain")
    if normalize_postal_code(value) is not None:
        kinds.add("postal")
        if value.isascii() and len(value) == 7 and value.isdigit():
            kinds.add("postal_plain")
    if _POSTAL_PREFIX.match(folded):
        kinds.add("postal_prefix")
    if _URL.match(value):
        kinds.add("url")
    if _EMAIL.fullmatch(value):
        kinds.add("email")


_CLASSIFIERS = (_coordinates, _digit_codes, _numbers, _dates, _times, _scripts, _marks, _contacts)
"""Each adds the kinds of one family; a value may have kinds of several."""


def known_code(code: str) -> bool:
    from stdschema.codes import exists

    return exists(code)


def profile_column(name: str, index: int, raw: Iterable[str]) -> Profile:
    values: list[str] = []
    edge = 0
    for cell in raw:
        stripped = cell.strip(_EDGE_SPACE)
        # 高松市 writes "," for a missing "lat,lon": no data, like a blank cell.
        if not stripped.strip(",，、 "):
            continue
        if stripped != cell:
            edge += 1
        values.append(stripped)
    profile = Profile(name, index, values, edge_space=edge, distinct=len(set(values)))
    for value in values:
        profile.counts.update(classify(value))
    return profile


def pct(x: float) -> str:
    return "<1%" if 0 < x < 0.005 else f"{round(100 * x)}%"


def short(text: str, limit: int = 24) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
