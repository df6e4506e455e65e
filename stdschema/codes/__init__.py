"""The official 全国地方公共団体コード registry (総務省 list, see data/SOURCE.md).

The package data is parsed lazily on first use, so importing this module is
cheap. Codes are 6-digit strings including the check digit.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

from stdschema.checkdigits import is_valid_local_gov_code, local_gov_check_digit

__all__ = [
    "CodeRepair",
    "Kind",
    "LocalGov",
    "RepairReason",
    "all_codes",
    "code_for_name",
    "exists",
    "find_by_name",
    "lookup",
    "name_matches",
    "prefectures",
    "repair_code",
]

Kind = Literal["prefecture", "designated_city", "ward", "municipality", "special_ward"]
RepairReason = Literal[
    "valid", "zero-padded", "check-digit-added", "name-match", "ambiguous", "unknown"
]

_KINDS: dict[str, Kind] = {
    "prefecture": "prefecture",
    "designated_city": "designated_city",
    "ward": "ward",
    "municipality": "municipality",
    "special_ward": "special_ward",
}


@dataclass(frozen=True, slots=True)
class LocalGov:
    """One entry of the code list."""

    code: str
    prefecture: str
    municipality: str
    """'' for a prefecture; designated-city wards read like 札幌市中央区."""
    prefecture_kana: str
    municipality_kana: str
    kind: Kind
    parent: str
    """The designated city's code for a ward, else ''."""

    @property
    def name(self) -> str:
        """Full name such as 静岡県焼津市, or just the prefecture."""
        return self.prefecture + self.municipality

    @property
    def code5(self) -> str:
        """The 5-digit JIS X 0401/0402 code (check digit dropped)."""
        return self.code[:5]


@dataclass(frozen=True, slots=True)
class CodeRepair:
    """Outcome of :func:`repair_code`.

    ``code`` is the repaired (or confirmed) code, or None. ``candidates`` lists
    every code that was considered, so a repair chosen by context still shows
    the alternatives.
    """

    original: str
    code: str | None
    reason: RepairReason
    candidates: tuple[str, ...] = ()


# Spelling variants seen in municipal files, folded on both sides of a match.
# The 総務省 list writes 梼原町 while the town (and localgovjp) use 檮原町.
_VARIANTS = str.maketrans({"ヶ": "ケ", "檮": "梼", "﨑": "崎", "髙": "高"})


def _fold(text: str) -> str:
    """Matching key: NFKC, whitespace removed, known variants folded."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).translate(_VARIANTS)


class _Registry:
    """Parsed package data with name indexes."""

    def __init__(self, entries: Iterable[LocalGov]) -> None:
        self.entries = tuple(sorted(entries, key=lambda entry: entry.code))
        self.by_code = {entry.code: entry for entry in self.entries}
        self.prefectures = tuple(e for e in self.entries if e.kind == "prefecture")
        self.pref_by_key: dict[str, LocalGov] = {}
        for pref in self.prefectures:
            key = _fold(pref.prefecture)
            self.pref_by_key[key] = pref
            # Short forms (静岡, 東京, 京都, 大阪); 北海道 keeps its 道.
            if key != "北海道":
                self.pref_by_key.setdefault(key[:-1], pref)
        self.by_name: dict[str, list[LocalGov]] = {}
        self.by_ward_name: dict[str, list[LocalGov]] = {}
        for entry in self.entries:
            if entry.kind == "prefecture":
                continue
            self.by_name.setdefault(_fold(entry.municipality), []).append(entry)
            parent = self.by_code.get(entry.parent)
            if entry.kind == "ward" and parent is not None:
                ward = entry.municipality.removeprefix(parent.municipality)
                self.by_ward_name.setdefault(_fold(ward), []).append(entry)

    def split_prefecture(self, key: str) -> tuple[LocalGov | None, str]:
        """Split a leading full prefecture name off a folded name."""
        for pref in self.prefectures:
            pref_key = _fold(pref.prefecture)
            if key.startswith(pref_key):
                return pref, key[len(pref_key) :]
        return None, key

    def match_municipality(self, key: str) -> list[LocalGov]:
        """Entries whose municipality (or bare ward name) is ``key``."""
        found = self.by_name.get(key, []) + self.by_ward_name.get(key, [])
        if found:
            return found
        # The list has no 郡: drop a leading "…郡" only when a 町/村 remains,
        # so 郡山市 or 上郡町 are never cut.
        for index, char in enumerate(key):
            if char != "郡":
                continue
            rest = key[index + 1 :]
            if rest.endswith(("町", "村")):
                hits = [e for e in self.by_name.get(rest, []) if e.kind == "municipality"]
                if hits:
                    return hits
        return []


def _parse(text: str) -> list[LocalGov]:
    # csv.reader and the header's positions: a DictReader's dict a row costs twice as much.
    rows = csv.reader(io.StringIO(text))
    at = {name: i for i, name in enumerate(next(rows))}
    code, pref, muni, pref_kana, muni_kana, kind, parent = (
        at[name]
        for name in (
            "code",
            "prefecture",
            "municipality",
            "prefecture_kana",
            "municipality_kana",
            "kind",
            "parent",
        )
    )
    return [
        LocalGov(
            code=row[code],
            prefecture=row[pref],
            municipality=row[muni],
            prefecture_kana=row[pref_kana],
            municipality_kana=row[muni_kana],
            kind=_KINDS[row[kind]],
            parent=row[parent],
        )
        for row in rows
        if row
    ]


def _data_text() -> str:
    return files(__name__).joinpath("data", "local_gov_codes.csv").read_text(encoding="utf-8")


@cache
def _registry() -> _Registry:
    return _Registry(_parse(_data_text()))


@cache
def _own_names() -> dict[str, tuple[str, str]]:
    """Code → (prefecture, municipality), read from the first fields of each line without
    parsing whole entries or building the name indexes (issue 13: a fraction of the full
    parse). Enough for :func:`exists`, and for :func:`name_matches` when the name is the
    code's own. The list quotes no field (tests/test_startup.py compares with the parse)."""
    names: dict[str, tuple[str, str]] = {}
    for line in _data_text().splitlines()[1:]:
        if line:
            code, prefecture, municipality, _ = line.split(",", 3)
            names[code] = (prefecture, municipality)
    return names


def lookup(code: str) -> LocalGov | None:
    """The entry for an exact 6-digit code, or None."""
    return _registry().by_code.get(code)


def exists(code: str) -> bool:
    """True when ``code`` is a current 6-digit code in the list."""
    return code in _own_names()


def all_codes() -> tuple[LocalGov, ...]:
    """Every entry, sorted by code."""
    return _registry().entries


def prefectures() -> tuple[LocalGov, ...]:
    """The 47 prefectures, sorted by code."""
    return _registry().prefectures


def _prefecture_prefix(value: str) -> str | None:
    """The 2-digit prefix for a prefecture name (静岡県, 静岡) or code (22, 220001)."""
    registry = _registry()
    key = _fold(value)
    if not (key.isascii() and key.isdigit()):
        pref = registry.pref_by_key.get(key)
        return pref.code[:2] if pref is not None else None
    if len(key) <= 2:
        prefix = key.zfill(2)
        return prefix if any(p.code.startswith(prefix) for p in registry.prefectures) else None
    if len(key) == 5:
        # Either 10006 (zero dropped, 北海道) or the JIS form 22000 (静岡県).
        padded = key.zfill(6)
        key = padded if is_valid_local_gov_code(padded) else key + local_gov_check_digit(key)
    entry = registry.by_code.get(key)
    return entry.code[:2] if entry is not None and entry.kind == "prefecture" else None


def find_by_name(name: str, prefecture: str | None = None) -> list[LocalGov]:
    """All entries that ``name`` denotes, sorted by code.

    Accepts 静岡県焼津市, 焼津市, 泉南郡熊取町, 札幌市 中央区, a bare ward name
    (中央区: every ward of that name), or a prefecture (北海道). Input is NFKC
    normalised and whitespace is ignored. ``prefecture`` (name or code)
    narrows the result; an unrecognised one yields no match.
    """
    registry = _registry()
    key = _fold(name)
    if not key:
        return []
    prefix: str | None = None
    if prefecture is not None:
        prefix = _prefecture_prefix(prefecture)
        if prefix is None:
            return []
    pref, rest = registry.split_prefecture(key)
    if pref is not None:
        if prefix is not None and prefix != pref.code[:2]:
            return []
        if not rest:
            return [pref]
        prefix = pref.code[:2]
    matches = registry.match_municipality(rest)
    return sorted(
        (entry for entry in matches if prefix is None or entry.code.startswith(prefix)),
        key=lambda entry: entry.code,
    )


def code_for_name(name: str, prefecture: str | None = None) -> str | None:
    """The code when ``name`` denotes exactly one entry, else None."""
    matches = find_by_name(name, prefecture)
    return matches[0].code if len(matches) == 1 else None


def name_matches(code: str, name: str) -> bool:
    """True when ``name`` (full, short, with 郡 or ward form) denotes ``code``."""
    own = _own_names().get(code)
    if own is not None:
        # The code's own full or municipality name (a prefecture's: its name), however
        # spaced or written: find_by_name says yes to each of these for every code (checked
        # in tests/test_startup.py), so the name indexes need not be built for it.
        prefecture, municipality = own
        key = _fold(name)
        if key and key in (_fold(prefecture + municipality), _fold(municipality or prefecture)):
            return True
    return any(entry.code == code for entry in find_by_name(name))


_FILENAME_CODE = re.compile(r"(\d{6})(?!\d)")


def _existing_code(value: str | None) -> str | None:
    if value is None:
        return None
    code = unicodedata.normalize("NFKC", value).strip()
    return code if is_valid_local_gov_code(code) and exists(code) else None


def _filename_code(filename: str | None) -> str | None:
    """A leading 6-digit code of the file's base name (222127_public_toilet.csv)."""
    if filename is None:
        return None
    base = re.split(r"[/\\]", unicodedata.normalize("NFKC", filename))[-1]
    match = _FILENAME_CODE.match(base)
    return _existing_code(match.group(1)) if match else None


def _context_sets(
    publisher_code: str | None,
    prefecture: str | None,
    name: str | None,
    filename: str | None,
) -> list[frozenset[str]]:
    """Codes each piece of context points at; unusable context is skipped."""
    sets: list[frozenset[str]] = []
    for code in (_existing_code(publisher_code), _filename_code(filename)):
        if code is not None:
            sets.append(frozenset({code}))
    if prefecture is not None:
        prefix = _prefecture_prefix(prefecture)
        if prefix is not None:
            sets.append(frozenset(p.code for p in prefectures() if p.code.startswith(prefix)))
    if name is not None:
        found = frozenset(entry.code for entry in find_by_name(name))
        if found:
            sets.append(found)
    return sets


def _narrow(candidates: tuple[str, ...], contexts: list[frozenset[str]]) -> set[str]:
    """Candidates consistent with every context that says anything about them.

    A context supports the candidates it names exactly, or failing that those
    in the same prefecture (a 所在地 code next to the publisher's own code).
    Contexts that support none are ignored; contradicting ones leave several
    or no candidates, which the caller reports as ambiguous.
    """
    remaining = set(candidates)
    for context in contexts:
        support = {code for code in candidates if code in context}
        if not support:
            prefixes = {code[:2] for code in context}
            support = {code for code in candidates if code[:2] in prefixes}
        if support:
            remaining &= support
    return remaining


def repair_code(
    value: str,
    *,
    publisher_code: str | None = None,
    prefecture: str | None = None,
    name: str | None = None,
    filename: str | None = None,
) -> CodeRepair:
    """Confirm or repair a 全国地方公共団体コード value, reporting what was done.

    Full-width digits are NFKC'd. A 5-digit value is either a code that lost
    its leading zero or a JIS code lacking its check digit; a 4-digit value a
    JIS code that lost its leading zero. When both readings exist, the context
    (publisher's code, prefecture name/code, 地方公共団体名, file name) must
    decide. A wrong check digit is never corrected: the result is 'unknown'
    with the corrected code as a candidate. An empty or non-numeric value is
    matched by name ('name-match'), from the value itself or ``name``.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    contexts = _context_sets(publisher_code, prefecture, name, filename)
    if text.isascii() and text.isdigit():
        return _repair_digits(value, text, contexts)
    names = [n for n in (text, name) if n]
    for candidate_name in names:
        matches = tuple(entry.code for entry in find_by_name(candidate_name))
        if matches:
            # The name itself is the evidence here, so it is not used as context.
            other = _context_sets(publisher_code, prefecture, None, filename)
            return _choose(value, {code: "name-match" for code in matches}, other)
    return CodeRepair(value, None, "unknown")


def _repair_digits(value: str, text: str, contexts: list[frozenset[str]]) -> CodeRepair:
    registry = _registry()
    if len(text) == 6:
        if is_valid_local_gov_code(text):
            if text in registry.by_code:
                return CodeRepair(value, text, "valid", (text,))
            return CodeRepair(value, None, "unknown")
        fixed = text[:5] + local_gov_check_digit(text[:5])
        return CodeRepair(value, None, "unknown", (fixed,) if fixed in registry.by_code else ())
    options: dict[str, RepairReason] = {}
    if len(text) == 5:
        padded = "0" + text
        if is_valid_local_gov_code(padded) and padded in registry.by_code:
            options[padded] = "zero-padded"
        with_digit = text + local_gov_check_digit(text)
        if with_digit in registry.by_code:
            options[with_digit] = "check-digit-added"
    elif len(text) == 4:
        # Six-digit codes have at most one leading zero, so a 4-digit value can
        # only be a JIS code such as 01100 stored as a number.
        body = "0" + text
        with_digit = body + local_gov_check_digit(body)
        if with_digit in registry.by_code:
            options[with_digit] = "check-digit-added"
    return _choose(value, options, contexts)


def _choose(
    value: str, options: dict[str, RepairReason], contexts: list[frozenset[str]]
) -> CodeRepair:
    candidates = tuple(sorted(options))
    if not candidates:
        return CodeRepair(value, None, "unknown")
    if len(candidates) == 1:
        code = candidates[0]
        return CodeRepair(value, code, options[code], candidates)
    remaining = _narrow(candidates, contexts)
    if len(remaining) == 1:
        code = remaining.pop()
        return CodeRepair(value, code, options[code], candidates)
    return CodeRepair(value, None, "ambiguous", candidates)
