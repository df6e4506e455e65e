"""Publisher inference: the publisher's code and name, and the columns they fill."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from stdschema.checkdigits import is_valid_local_gov_code, local_gov_check_digit
from stdschema.conversion.mapping import ColumnRule, Context
from stdschema.conversion.suggest.assign import Candidate
from stdschema.conversion.suggest.profile import KANJI, Profile
from stdschema.conversion.suggest.results import ColumnSuggestion, Reason, why
from stdschema.conversion.suggest.synonyms import CODE_HEADERS, header_key
from stdschema.datasets import DatasetRecord
from stdschema.normalize import (
    normalize_local_gov_code,
)


@dataclass(frozen=True, slots=True)
class Publisher:
    code: str
    reason: Reason
    source: str | None = None  # the input column it was read from


_FILENAME_CODE = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")


def find_publisher(
    path: Path, profiles: list[Profile], attribution: str | None
) -> Publisher | None:
    """The publisher's 全国地方公共団体コード, from a constant code column, the file name,
    the '#attribution_name' row or constant prefecture and municipality names."""
    from stdschema.codes import code_for_name, lookup

    for p in profiles:
        value = p.constant()
        if value is None:
            continue
        code = normalize_local_gov_code(value)
        if code is None:
            digits = unicodedata.normalize("NFKC", value).strip()
            if len(digits) == 5 and digits.isdigit():
                code = digits + local_gov_check_digit(digits)
        if code is not None and is_valid_local_gov_code(code) and lookup(code) is not None:
            return Publisher(code, why("pub_constant_code", source=p.name), p.name)
    match = _FILENAME_CODE.search(path.stem)
    if match and is_valid_local_gov_code(match.group(1)) and lookup(match.group(1)) is not None:
        return Publisher(match.group(1), why("pub_filename"))
    if attribution:
        code = code_for_name(attribution)
        if code is not None:
            return Publisher(code, why("pub_attribution", name=attribution))
    # Constant prefecture and municipality names ("香川県", "高松市") name the publisher.
    names = [p.constant() for p in profiles]
    constants = [v for v in names if v and KANJI.search(v) and len(v) <= 12]
    prefecture = next((v for v in constants if v.endswith(("都", "道", "府", "県"))), None)
    for value in constants:
        if value == prefecture:
            continue
        code = code_for_name(value, prefecture)
        entry = lookup(code) if code else None
        if code and entry is not None and entry.kind != "prefecture":
            return Publisher(code, why("pub_municipality", value=value))
    return None


def publisher_context(publisher: Publisher | None) -> Context:
    """The mapping's ``context``: the publisher's code and prefecture."""
    if publisher is None:
        return Context()
    from stdschema.codes import lookup

    entry = lookup(publisher.code)
    return Context(publisher_code=publisher.code, prefecture=entry.prefecture if entry else None)


def publisher_constants(
    model: type[DatasetRecord],
    chosen: dict[str, Candidate],
    per_target: dict[str, list[Candidate]],
    profiles: list[Profile],
    publisher: Publisher | None,
) -> dict[str, ColumnSuggestion]:
    """Rules for publisher columns no input column fills: constants and the v1 name concat."""
    mark = {c.header: c.requirement.mark for c in model.__columns__ if c.header not in chosen}
    out: dict[str, ColumnSuggestion] = {}
    if publisher is not None:
        out.update(_code_columns(publisher, per_target, mark))
        out.update(_name_columns(publisher, mark))
    # 推奨 (v1) files name the publisher in two columns; the upgrade joins them.
    if "地方公共団体名" in mark:
        concat = _v1_name_concat(profiles, chosen, mark["地方公共団体名"])
        if concat is not None:
            out["地方公共団体名"] = concat
    return out


def _code_columns(
    publisher: Publisher, per_target: dict[str, list[Candidate]], mark: dict[str, str]
) -> dict[str, ColumnSuggestion]:
    """The publisher's code for the unfilled code columns (``mark``: unfilled header → ◎/○)."""
    out: dict[str, ColumnSuggestion] = {}
    for header in CODE_HEADERS:
        if header not in mark:
            continue
        confidence = 0.7
        rule = ColumnRule(constant=publisher.code)
        reasons = [publisher.reason]
        if publisher.source is not None:
            # A constant code column is read rather than copied: a later
            # file may hold other codes. Its header may be no evidence
            # here (市区町村コード also fills its own column).
            confidence = 0.8
            rule = ColumnRule(source=publisher.source, transforms=["local_gov_code"])
            for cand in per_target.get(header, []):
                if cand.source == publisher.source:
                    rule = cand.rule
                    reasons += cand.reasons
                    confidence = max(confidence, min(cand.confidence, 0.9))
                    break
        out[header] = ColumnSuggestion(header, rule, confidence, reasons, [], mark[header])
    return out


def _name_columns(publisher: Publisher, mark: dict[str, str]) -> dict[str, ColumnSuggestion]:
    """The publisher's names from the code registry for the unfilled name columns."""
    from stdschema.codes import lookup

    entry = lookup(publisher.code)
    if entry is None:
        return {}
    names = {"地方公共団体名": entry.name, "都道府県名": entry.prefecture}
    if entry.municipality:
        names["市区町村名"] = entry.municipality
    return {
        header: ColumnSuggestion(
            header,
            ColumnRule(constant=value),
            0.65,
            [why("pub_registry_name", code=publisher.code)],
            [],
            mark[header],
        )
        for header, value in names.items()
        if header in mark and value
    }


def _v1_name_concat(
    profiles: list[Profile], chosen: dict[str, Candidate], mark: str
) -> ColumnSuggestion | None:
    """地方公共団体名 as 都道府県名 + 市区町村名 when both columns are there and unused."""
    pref = _named_column(profiles, (header_key("都道府県名"), "pref", "prefname"))
    city = _named_column(profiles, (header_key("市区町村名"), "city", "cityname"))
    if pref is None or city is None or not (pref.n and city.n):
        return None
    used = {c.source for c in chosen.values() if not c.shared}
    if pref.name in used or city.name in used:
        return None
    return ColumnSuggestion(
        "地方公共団体名",
        ColumnRule(concat=[pref.name, city.name]),
        0.75,
        [why("pub_pref_city", pref=pref.name, city=city.name)],
        [],
        mark,
    )


def _named_column(profiles: list[Profile], keys: tuple[str, ...]) -> Profile | None:
    return next((p for p in profiles if header_key(p.name) in keys), None)
