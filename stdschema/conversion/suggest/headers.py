"""Header evidence: how strongly an input header denotes each standard column."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from stdschema.conversion.suggest.results import Reason, why
from stdschema.conversion.suggest.synonyms import (
    BRACKETED,
    BRACKETED_NOTE,
    EXACT,
    FUZZY,
    KEYWORD,
    KEYWORDS,
    NAME_SUFFIXES,
    NOT_NAMES,
    PAIR_SYNONYM,
    RENAMED,
    STRONG,
    SYNONYM,
    VARIANT,
    WEAK_KEYWORD,
    Word,
    header_key,
)
from stdschema.datasets import Column, DatasetRecord, normalize_header, resolve_header


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    score: float
    reason: Reason
    pair: bool = False
    keyword: bool = False


def header_matches(
    source: str,
    model: type[DatasetRecord],
    synonyms: dict[str, list[Word]],
    renames: dict[str, str],
) -> dict[str, HeaderMatch]:
    """Standard header → best header evidence that ``source`` denotes it."""
    found: dict[str, HeaderMatch] = {}
    key = header_key(source)
    if not key:
        return found
    _named(found, source, key, model, synonyms, renames)
    if any(m.score >= STRONG for m in found.values()):
        # A header that clearly names one column is not offered to others by
        # keyword ("都道府県名" ends in 名 but is not the record's name).
        return found
    _keywords(found, source, key, set(model.headers()))
    for column in model.__columns__:
        if column.header in found:
            continue
        best, similar = _fuzzy(key, column, synonyms)
        if best >= 0.75:
            reason = why("fuzzy", source=source, similar=similar)
            _offer(found, column.header, HeaderMatch(round(FUZZY * best, 3), reason))
    return found


def _offer(found: dict[str, HeaderMatch], header: str, match: HeaderMatch) -> None:
    """Keep the strongest evidence for each header (the first of equals)."""
    if header not in found or match.score > found[header].score:
        found[header] = match


def _named(
    found: dict[str, HeaderMatch],
    source: str,
    key: str,
    model: type[DatasetRecord],
    synonyms: dict[str, list[Word]],
    renames: dict[str, str],
) -> None:
    """Headers that name a column: exactly, as a variant, the other edition's name, a synonym."""
    resolved = resolve_header(model, source)
    if resolved is not None:
        column, exact = resolved
        if exact:
            _offer(found, column.header, HeaderMatch(EXACT, why("exact")))
        else:
            _offer(found, column.header, HeaderMatch(VARIANT, _variant_reason(source, column)))
    if key in renames:
        edition = why("edition_v1" if model.__dataset__.edition == "v2" else "edition_v2")
        reason = why("renamed", source=source, edition=edition, header=renames[key])
        _offer(found, renames[key], HeaderMatch(RENAMED, reason))
    for word in synonyms.get(key, ()):
        score = PAIR_SYNONYM if word.pair else SYNONYM
        if word.pair:
            reason = why("pair_header", source=source)
        else:
            reason = why("synonym", source=source, header=word.header)
        _offer(found, word.header, HeaderMatch(score, reason, pair=word.pair))
    bare = header_key(BRACKETED.sub("", unicodedata.normalize("NFKC", source)))
    if bare and bare != key:
        for word in synonyms.get(bare, ()):
            reason = why("synonym_bracketed", source=source, header=word.header)
            _offer(found, word.header, HeaderMatch(_bracketed_score(word), reason, pair=word.pair))


def _keywords(found: dict[str, HeaderMatch], source: str, key: str, present: set[str]) -> None:
    """Weaker evidence: a keyword inside the header, an age band, a name-like suffix."""
    for keyword, targets, score in KEYWORDS:
        if header_key(keyword) in key:
            header = next((t for t in targets if t in present), None)
            if header is not None:
                reason = why("keyword", source=source, keyword=keyword)
                _offer(found, header, HeaderMatch(score, reason, keyword=True))
    band = _age_band(key)
    if band is not None and band in present:
        reason = why("age_band", source=source, band=band)
        _offer(found, band, HeaderMatch(KEYWORD, reason, keyword=True))
    if key.endswith(tuple(header_key(s) for s in NAME_SUFFIXES)) and key not in NOT_NAMES:
        name_header = next((h for h in ("名称", "施設名称", "イベント名") if h in present), None)
        if name_header is not None:
            suffix = next(s for s in NAME_SUFFIXES if key.endswith(header_key(s)))
            reason = why("suffix", source=source, suffix=suffix)
            _offer(found, name_header, HeaderMatch(WEAK_KEYWORD, reason, keyword=True))


_AGE_BAND = re.compile(r"(man|male|men|woman|female|women)([0-9]{1,2})")


def _age_band(key: str) -> str | None:
    """高松市 numbers the 5-year bands of 地域・年齢別人口: man1 is 0-4歳, man18 85歳以上."""
    match = _AGE_BAND.fullmatch(key)
    if match is None or not 1 <= int(match.group(2)) <= 18:
        return None
    sex = "女性" if match.group(1).startswith(("wom", "fem")) else "男性"
    n = int(match.group(2))
    band = "85歳以上" if n == 18 else f"{5 * (n - 1)}-{5 * n - 1}歳"
    return f"{band}の{sex}"


def _bracketed_score(word: Word) -> float:
    return BRACKETED_NOTE - (0.05 if word.pair else 0.0)


def _variant_reason(source: str, column: Column) -> Reason:
    key = normalize_header(source)
    if key == normalize_header(column.header):
        return why("spelled", source=source, header=column.header)
    if key in (normalize_header(column.attr), normalize_header(column.english_name or "")):
        return why("english", source=source, header=column.header)
    return why("alias", source=source, header=column.header)


def _fuzzy(key: str, column: Column, synonyms: dict[str, list[Word]]) -> tuple[float, str]:
    words = [column.header, column.attr, column.english_name or ""]
    words += [k for k, ws in synonyms.items() if any(w.header == column.header for w in ws)]
    best, best_word = 0.0, ""
    for word in words:
        other = header_key(word)
        if len(other) < 3 or len(key) < 3:
            continue  # two letters resemble everything
        ratio = difflib.SequenceMatcher(None, key, other).ratio()
        if ratio > best:
            best, best_word = ratio, word
    return best, best_word
