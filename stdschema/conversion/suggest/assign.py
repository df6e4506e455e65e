"""Assignment: candidates from header and value evidence, chosen greedily by confidence."""

from __future__ import annotations

from dataclasses import dataclass

from stdschema.conversion.mapping import ColumnRule, TransformSpec
from stdschema.conversion.suggest.headers import header_matches
from stdschema.conversion.suggest.judges import Evidence, evidence, judge_of
from stdschema.conversion.suggest.profile import Profile
from stdschema.conversion.suggest.results import MAPPED_THRESHOLD, ColumnSuggestion, Reason, why
from stdschema.conversion.suggest.synonyms import (
    ADDRESS_HEADERS,
    POSTAL_HEADERS,
    RANGE_PARTNERS,
    rename_index,
    synonym_index,
)
from stdschema.datasets import Column, DatasetRecord

ALTERNATIVE_FLOOR = 0.3
VALUE_ONLY_CAP = 0.45  # values alone never map a column: a person confirms


@dataclass
class Candidate:
    column: Column
    source: str
    index: int
    confidence: float
    rule: ColumnRule
    reasons: list[Reason]
    shared: bool
    by_header: bool = True
    """False when only the values suggested it."""


def _confidence(header: float, fit: float, rule: str) -> float:
    if header <= 0:
        if fit >= 0.8 and judge_of(rule).specific:
            return min(VALUE_ONLY_CAP, 0.2 + 0.25 * fit)
        return 0.0
    if fit >= 0:
        return header + (1 - header) * 0.5 * fit
    return max(0.0, header + 0.4 * fit)


def find_candidates(model: type[DatasetRecord], profiles: list[Profile]) -> list[Candidate]:
    synonyms = synonym_index(model)
    renames = rename_index(model)
    by_header = {c.header: c for c in model.__columns__}
    out: list[Candidate] = []
    for p in profiles:
        matches = header_matches(p.name, model, synonyms, renames)
        for column in model.__columns__:
            match = matches.get(column.header)
            ev = evidence(p, column, pair_header=bool(match and match.pair))
            score = match.score if match else 0.0
            confidence = _confidence(score, ev.fit, column.rule)
            if confidence <= 0:
                continue
            reasons = [match.reason] if match else [why("values_only")]
            reasons += ev.reasons
            shared = ev.shared or bool(match and match.keyword and column.rule == "flag_1")
            rule = ColumnRule(source=p.name, transforms=list(ev.transforms))
            out.append(
                Candidate(
                    column, p.name, p.index, confidence, rule, reasons, shared, match is not None
                )
            )
            partner = _partner(column, ev, by_header)
            if partner is not None:
                pev = evidence(p, partner, pair_header=bool(match and match.pair))
                prule = ColumnRule(source=p.name, transforms=list(pev.transforms))
                preasons = [*reasons[:1], *pev.reasons, why("also_fills", header=column.header)]
                out.append(
                    Candidate(
                        partner,
                        p.name,
                        p.index,
                        confidence,
                        prule,
                        preasons,
                        True,
                        match is not None,
                    )
                )
            if column.header in ADDRESS_HEADERS and p.frac("postal_prefix") >= 0.5:
                postal = next((by_header[h] for h in POSTAL_HEADERS if h in by_header), None)
                if postal is not None:
                    pev = evidence(p, postal)
                    prule = ColumnRule(source=p.name, transforms=list(pev.transforms))
                    preasons = [
                        why("address_postal", source=p.name),
                        *pev.reasons,
                    ]
                    out.append(
                        Candidate(postal, p.name, p.index, confidence * 0.85, prule, preasons, True)
                    )
    return out


def _partner(column: Column, ev: Evidence, by_header: dict[str, Column]) -> Column | None:
    """The other column one cell also fills: 経度 for 緯度 from a pair, the end of a range."""
    if not ev.shared:
        return None
    if column.header == "緯度" and "経度" in by_header:
        return by_header["経度"]
    partner = RANGE_PARTNERS.get(column.header)
    if partner is not None and partner in by_header and "time_range_start" in ev.transforms:
        return by_header[partner]
    return None


def assign(
    model: type[DatasetRecord], candidates: list[Candidate]
) -> tuple[dict[str, Candidate], dict[str, list[Candidate]]]:
    """Greedy by confidence: each standard column once, each input column once unless shared."""
    order = sorted(candidates, key=lambda c: (-c.confidence, c.column.no, c.index))
    chosen: dict[str, Candidate] = {}
    uses: dict[str, list[Candidate]] = {}
    for cand in order:
        if cand.confidence < MAPPED_THRESHOLD or cand.column.header in chosen:
            continue
        previous = uses.get(cand.source, [])
        if previous and not (cand.shared or all(c.shared for c in previous)):
            continue
        chosen[cand.column.header] = cand
        uses.setdefault(cand.source, []).append(cand)
    per_target: dict[str, list[Candidate]] = {}
    for cand in order:
        per_target.setdefault(cand.column.header, []).append(cand)
    return chosen, per_target


def fix_swapped(chosen: dict[str, Candidate], profiles: list[Profile]) -> None:
    """Add fix_swapped_coordinates when some rows hold 緯度 and 経度 the wrong way round."""
    lat, lon = chosen.get("緯度"), chosen.get("経度")
    if lat is None or lon is None or lat.source == lon.source:
        return
    by_name = {p.name: p for p in profiles}
    lat_p, lon_p = by_name[lat.source], by_name[lon.source]
    swapped = min(lat_p.counts["lon"], lon_p.counts["lat"]) if lon_p.n else lat_p.counts["lon"]
    if not swapped:
        return
    for cand, take, other in ((lat, "latitude", lon.source), (lon, "longitude", lat.source)):
        fix: TransformSpec = {"fix_swapped_coordinates": {"take": take, "other": other}}
        cand.rule = ColumnRule(source=cand.source, transforms=[*cand.rule.transforms, fix])
        cand.reasons.append(why("swapped_rows", count=swapped))


def column_suggestion(
    column: Column,
    chosen: dict[str, Candidate],
    per_target: dict[str, list[Candidate]],
    extra: dict[str, ColumnSuggestion],
) -> ColumnSuggestion:
    mark = column.requirement.mark
    taken = {c.source for c in chosen.values()}
    # Values alone suggest many columns for an input column already placed
    # (a URL column looks like every URL column): only unplaced ones are offered.
    others = [
        c
        for c in per_target.get(column.header, [])
        if c.by_header or c.source not in taken or c is chosen.get(column.header)
    ]
    cand = chosen.get(column.header)
    if cand is not None:
        alternatives = _alternatives(others, exclude=cand.source)
        return ColumnSuggestion(
            column.header, cand.rule, round(cand.confidence, 2), cand.reasons, alternatives, mark
        )
    if column.header in extra:
        suggestion = extra[column.header]
        source = suggestion.rule.source if suggestion.rule is not None else None
        suggestion.alternatives = _alternatives(others, exclude=source)
        return suggestion
    if others and others[0].confidence >= ALTERNATIVE_FLOOR:
        best = others[0]
        reasons = list(best.reasons)
        if best.confidence >= MAPPED_THRESHOLD:
            reasons.insert(0, why("already_used", source=best.source))
        return ColumnSuggestion(
            column.header,
            best.rule,
            round(min(best.confidence, MAPPED_THRESHOLD - 0.01), 2),
            reasons,
            _alternatives(others, exclude=best.source),
            mark,
        )
    return ColumnSuggestion(column.header, None, 0.0, [why("no_candidate")], [], mark)


def _alternatives(cands: list[Candidate], exclude: str | None = None) -> list[str]:
    names: list[str] = []
    for cand in cands:
        if cand.confidence < ALTERNATIVE_FLOOR or cand.source == exclude or cand.source in names:
            continue
        names.append(cand.source)
    return names[:3]
