"""Header-cell normalisation used to match written headers to standard ones."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters publishers use where the standard writes ー (U+30FC) or a hyphen.
# ー―‐－ are the variants named by the issue; the others occur in real files.
_DASHES = "ー―‐－-−—–ｰ─"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "ー"))
_ANNOTATION = re.compile(r"[(（](?:必須|推奨|任意)[)）]$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def normalize_header(text: str) -> str:
    """Fold a header cell to a comparison key.

    NFKC (full/half-width letters, digits, brackets and kana), every dash
    variant to ー, all white space (incl. line breaks inside a cell) removed,
    a trailing 必須/推奨/任意 annotation dropped, and case folded (English names).
    """
    folded = unicodedata.normalize("NFKC", text.lstrip("\ufeff"))
    folded = _SPACES.sub("", folded)
    folded = _ANNOTATION.sub("", folded)
    folded = folded.translate(_DASH_TABLE)
    return folded.casefold()
