"""Character classes of the value rules, stated once.

Every module that trims a cell, looks for kana or kanji, or asks whether a point lies in
Japan reads these: the row checker, the fast engine's screens, the repairs, the transforms
and ``map suggest``. Ranges are written as the inside of a regex character class with the
characters themselves (not escapes), so Python's ``re`` and polars read them alike.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "HALF_WIDTH_KANA",
    "HIRAGANA",
    "JAPAN_LAT",
    "JAPAN_LON",
    "KANJI",
    "KANJI_RARE",
    "SPACES",
    "SPACE_CLASS",
    "has_edge_space",
    "strip_spaces",
]

# Python's str.isspace() set, plus the zero-width space and a stray BOM: both come from
# copy-paste out of web pages, are invisible, and so are spaces around a value like any
# other (a cell "222127\u200b" is "222127" with a space after it, as "222127\u3000" is).
SPACES: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
    + "\u200b\ufeff"
)
"""Every character that counts as a space at the edge of a cell."""

SPACE_CLASS: Final = "[" + "".join(f"\\u{{{ord(c):x}}}" for c in SPACES) + "]"
""":data:`SPACES` as a polars (Rust regex) character class."""

HALF_WIDTH_KANA: Final = "\uff61-\uff9f"
"""Half-width katakana and punctuation (｡ to ﾟ)."""
HIRAGANA: Final = "\u3041-\u309f"
"""Hiragana with its marks (ぁ to ゟ)."""
KANJI: Final = "\u3400-\u4dbf\u4e00-\u9fff々〆"
"""CJK ideographs (extension A and the unified block) and 々〆: what the katakana rule
reports as kanji (its pattern is published in ``schemas/``)."""
KANJI_RARE: Final = "\uf900-\ufaff\U00020000-\U0003134f"
"""Compatibility ideographs and the supplementary planes: kanji too, which a repair to
katakana must not pass on as kana."""

JAPAN_LAT: Final = (20.0, 46.0)
"""Latitude bounds of the box that holds Japan (Okinotorishima to Etorofu)."""
JAPAN_LON: Final = (122.0, 154.0)
"""Longitude bounds of the box that holds Japan (Yonaguni to Minamitorishima)."""


def strip_spaces(text: str) -> str:
    """``text`` without :data:`SPACES` at either end."""
    return text.strip(SPACES)


def has_edge_space(text: str) -> bool:
    """Whether ``text`` starts or ends with one of :data:`SPACES`."""
    return bool(text) and (text[0] in SPACES or text[-1] in SPACES)
