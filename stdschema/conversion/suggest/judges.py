"""Judging values: what the sample values say about filling one standard column."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from stdschema.conversion.mapping import TransformSpec
from stdschema.conversion.suggest.profile import TIME_RANGE, Profile, classify, pct, short
from stdschema.conversion.suggest.results import Reason, warn, why
from stdschema.conversion.suggest.synonyms import ADDRESS_HEADERS, END_TIMES
from stdschema.datasets import Column


@dataclass
class Evidence:
    """What the values say about filling one standard column from one input column."""

    fit: float = 0.0
    """-1 (values contradict the column) … 0 (no opinion) … 1 (values are what the column holds)."""
    transforms: list[TransformSpec] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    shared: bool = False
    """The cell can also feed another column (a pair, a range, a glued postal code)."""


# Cells that say "nothing here" in columns whose values have a format.
PLACEHOLDERS = frozenset(
    {"-", "－", "ー", "―", "‐", "−", "—", "なし", "無し", "不明", "未定", "該当なし", "*", "＊", "/"}
)  # fmt: skip

Judge = Callable[[Profile, Column], Evidence]


@dataclass(frozen=True, slots=True)
class RuleJudge:
    """How ``map suggest`` judges the values of a column with one value rule."""

    judge: Judge
    specific: bool = False
    """Values alone may suggest the column (capped): they are too distinctive to be chance."""
    blankable: bool = False
    """Placeholders such as 'ー' or 'なし' mean "no value" and become blank (``blank_if``)."""


def evidence(p: Profile, column: Column, *, pair_header: bool = False) -> Evidence:
    """Judge the values of ``p`` as contents of ``column`` and pick transforms."""
    if column.rule in ("latitude", "longitude") and pair_header:
        ev = pair_evidence(p, column.rule == "latitude")
        if p.n:
            ev.fit = p.frac("pair") * 2 - 1
        return ev
    if p.n == 0:
        return Evidence(0.0, [], [why("empty_column")])
    rule = judge_of(column.rule)
    placeholders: list[str] = []
    if rule.blankable:
        # "ー" or "なし" in a phone or date column means "no value": blank_if
        # keeps those rows instead of rejecting them.
        placeholders = sorted({v for v in p.values if v in PLACEHOLDERS})
        before = p.n
        p = p.without(frozenset(placeholders))
        if p.n == 0:
            return Evidence(0.0, [], [why("only_placeholders")])
        blanked = before - p.n
    ev = rule.judge(p, column)
    if placeholders and ev.fit > 0:
        listed = ", ".join(f'"{v}"' for v in placeholders)
        ev.transforms.insert(0, {"blank_if": {"values": placeholders}})
        if column.requirement.mark == "◎":
            # Blanking a required cell makes its row a reject (or a reported gap with
            # --keep-incomplete); it is still the truth of the source, so the rule is
            # proposed, and the comment says so where it cannot be missed.
            header = column.header
            ev.reasons.append(
                warn("placeholders_blank_required", header=header, values=listed, count=blanked)
            )
        else:
            ev.reasons.append(why("placeholders_blank", values=listed))
    if p.edge_space and not any(t == "trim" for t in ev.transforms):
        ev.transforms.insert(0, "trim")
    return ev


def judge_of(rule: str) -> RuleJudge:
    """The judge of a value rule; a rule missing from :data:`JUDGES` is judged as text
    (tests/test_suggest.py asserts that every rule has an entry)."""
    return JUDGES.get(rule, _TEXT)


def judge_local_gov_code(p: Profile, column: Column) -> Evidence:
    six, five = p.frac("code6"), p.frac("code5")
    if six + five < 0.5:
        return Evidence(-0.6, [], [why("not_codes")])
    reasons: list[Reason] = []
    if six:
        reasons.append(why("codes6", share=pct(six)))
    if five:
        reasons.append(why("codes5", share=pct(five)))
    needs = five > 0 or six < 1
    return Evidence(min(1.0, six + five), ["local_gov_code"] if needs else [], reasons)


def judge_record_id(p: Profile, column: Column) -> Evidence:
    unique = p.distinct / p.n
    alnum = max(p.frac("alnum"), p.frac("int"))
    transforms: list[TransformSpec] = ["half_width"] if p.frac("full_ascii") else []
    if unique >= 0.95 and alnum >= 0.9:
        return Evidence(0.6, transforms, [why("unique_ids")])
    if unique < 0.9:
        return Evidence(-0.4, transforms, [why("values_repeat", distinct=p.distinct, n=p.n)])
    return Evidence(0.0, transforms, [])


def judge_katakana(p: Profile, column: Column) -> Evidence:
    kana = p.frac("kana")
    if kana < 0.5:
        if p.frac("kanji") >= 0.5:
            return Evidence(-0.7, [], [why("kanji_not_kana", share=pct(p.frac("kanji")))])
        return Evidence(-0.3, [], [why("not_kana")])
    reasons = [why("kana", share=pct(kana))]
    half, hira = p.frac("half_kana"), p.frac("hiragana")
    transforms: list[TransformSpec] = []
    if half and hira:
        transforms = ["katakana"]
    elif half:
        transforms = ["kana_full_width"]
    elif hira:
        transforms = ["hiragana_to_katakana"]
    if half:
        reasons.append(why("half_kana", share=pct(half)))
    if hira:
        reasons.append(why("hiragana", share=pct(hira)))
    return Evidence(kana, transforms, reasons)


def judge_half_width(p: Profile, column: Column) -> Evidence:
    if p.frac("ascii") + p.frac("full_ascii") >= 0.5 and not p.frac("kanji"):
        transforms: list[TransformSpec] = ["half_width"] if p.frac("full_ascii") else []
        return Evidence(0.5, transforms, [why("latin")])
    return Evidence(-0.5, [], [why("not_half_width")])


def judge_postal_code(p: Profile, column: Column) -> Evidence:
    postal = p.frac("postal")
    if postal >= 0.5:
        needs = p.frac("postal_plain") < 1
        return Evidence(
            postal, ["postal_code"] if needs else [], [why("postal", share=pct(postal))]
        )
    prefix = p.frac("postal_prefix")
    if prefix >= 0.5:
        return Evidence(
            prefix,
            ["extract_postal_code"],
            [why("postal_prefix", share=pct(prefix))],
            shared=True,
        )
    return Evidence(-0.6, [], [why("not_postal")])


def judge_phone(p: Profile, column: Column) -> Evidence:
    phone = p.frac("phone")
    if phone < 0.5:
        return Evidence(-0.6, [], [why("not_phone")])
    reasons = [why("phone", share=pct(phone))]
    odd = [v for v in p.values if "phone" not in classify(v)]
    if odd:
        reasons.append(why("phone_odd", count=len(odd), example=short(odd[0])))
    needs = p.frac("phone_plain") < 1
    return Evidence(phone, ["phone"] if needs else [], reasons)


def _share_judge(
    kind: str,
    fit: Callable[[float], float],
    found: str,
    missing: str,
    miss_fit: float,
    transform: tuple[str, str] | None = None,
) -> Judge:
    """A judge by the share of values of one kind: ``found`` (with the share) when at least
    half are, else ``missing``; ``transform`` is (name, kind of the values that need none)."""

    def judge(p: Profile, column: Column) -> Evidence:
        share = p.frac(kind)
        if share < 0.5:
            return Evidence(miss_fit, [], [why(missing)])
        needs = transform is not None and p.frac(transform[1]) < 1
        transforms: list[TransformSpec] = [transform[0]] if transform and needs else []
        return Evidence(fit(share), transforms, [why(found, share=pct(share))])

    return judge


def _same(share: float) -> float:
    return share


def _numeric(share: float) -> float:
    # A column of numbers could be many columns: numbers alone are weak evidence.
    return share * 0.6


judge_url = _share_judge("url", _same, "urls", "not_urls", -0.6)
judge_email = _share_judge("email", _same, "emails", "not_emails", -0.6)
judge_count = _share_judge(
    "int", _numeric, "numbers", "not_numbers", -0.5, ("integer", "int_plain")
)
judge_number = _share_judge(
    "number",
    _numeric,
    "numbers",
    "not_numbers",
    -0.5,
    ("number", "number_plain"),
)
judge_weekdays = _share_judge(
    "weekdays",
    _same,
    "weekdays",
    "not_weekdays",
    -0.3,
    ("weekdays", "weekdays_plain"),
)
judge_yes_no = _share_judge(
    "yes_no",
    _same,
    "yes_no",
    "not_yes_no",
    -0.4,
    ("yes_no", "yes_no_plain"),
)
judge_corporate_number = _share_judge("digits13", _same, "digits13", "not_digits13", -0.5)
judge_chome_id = _share_judge("digits7", _same, "digits7", "not_digits7", -0.5)


def judge_coordinate(p: Profile, column: Column) -> Evidence:
    latitude = column.rule == "latitude"
    want, other = ("lat", "lon") if latitude else ("lon", "lat")
    noun, other_noun = ("latitudes", "longitudes") if latitude else ("longitudes", "latitudes")
    pair = p.frac("pair")
    if pair >= 0.5:
        return pair_evidence(p, latitude)
    mine, theirs = p.frac(want), p.frac(other)
    if mine >= 0.5:
        transforms: list[TransformSpec] = ["half_width"] if p.frac("full_ascii") else []
        return Evidence(mine, transforms, [why(noun, share=pct(mine))])
    if theirs >= 0.5:
        return Evidence(
            -theirs,
            [],
            [why(f"swapped_{other_noun}", share=pct(theirs))],
        )
    return Evidence(-0.6, [], [why("not_coordinates")])


def pair_evidence(p: Profile, latitude: bool) -> Evidence:
    """lat_lon for one cell holding both coordinates (lat_lon takes the parts in written order)."""
    reasons = [why("pairs", share=pct(p.frac("pair")))] if p.n else []
    first = latitude
    if p.frac("pair_swapped") >= 0.5:
        reasons.append(why("pairs_lon_first"))
        first = not latitude
    arg = "latitude" if first else "longitude"
    return Evidence(p.frac("pair"), [{"lat_lon": arg}], reasons, shared=True)


def judge_date(p: Profile, column: Column) -> Evidence:
    dates = p.frac("date")
    if dates < 0.5:
        return Evidence(-0.5, [], [why("not_dates")])
    wareki, iso, us = p.frac("wareki"), p.frac("date_iso"), p.counts["date_us"]
    if wareki >= 0.5:
        reasons = [why("wareki", share=pct(wareki))]
    else:
        reasons = [why("dates", share=pct(dates))]
    transform: TransformSpec = "date"
    if us:
        # 高松市 writes 3/25/2021; us_order also reads every other form.
        reasons.append(why("us_dates", count=us))
        transform = {"date": {"us_order": True}}
    elif wareki == dates:
        transform = "wareki_to_iso"
    return Evidence(dates, [] if iso == 1 else [transform], reasons)


def judge_time(p: Profile, column: Column) -> Evidence:
    times, ranges = p.frac("time"), p.frac("time_range")
    if times >= 0.5:
        needs = p.frac("time_plain") < 1
        reasons = [why("times", share=pct(times))]
        if p.frac("full_ascii"):
            reasons.append(why("full_width_time"))
        if p.counts["time24"]:
            reasons.append(why("time24", count=p.counts["time24"]))
        return Evidence(times, ["time"] if needs else [], reasons)
    if ranges >= 0.5:
        end = column.header in END_TIMES
        example = next(v for v in p.values if TIME_RANGE.match(unicodedata.normalize("NFKC", v)))
        return Evidence(
            ranges,
            ["time_range_end" if end else "time_range_start"],
            [why("time_ranges", example=short(example), share=pct(ranges))],
            shared=True,
        )
    return Evidence(-0.5, [], [why("not_times")])


def judge_flag(p: Profile, column: Column) -> Evidence:
    marks = p.frac("flag") + p.frac("cross")
    if marks < 0.5:
        return Evidence(-0.5, [], [why("not_flags")])
    reasons = [why("flags", share=pct(marks))]
    others = Counter(v for v in p.values if not {"flag", "cross"} & classify(v))
    if others:
        listed = ", ".join(f'"{v}" ×{n}' for v, n in others.most_common(3))
        reasons.append(why("other_values", values=listed))
        if any(v in ("△", "▲") for v in others):
            reasons.append(warn("triangle"))
    needs = p.frac("circle") > 0 or p.frac("cross") > 0
    return Evidence(marks, ["flag_1"] if needs else [], reasons)


def judge_text(p: Profile, column: Column) -> Evidence:
    ev = Evidence()
    address = column.header in ADDRESS_HEADERS
    for kind, noun in (
        ("pair", "noun_pair"),
        ("lat", "noun_lat"),
        ("lon", "noun_lon"),
        ("url", "noun_url"),
        ("time", "noun_time"),
        ("date", "noun_date"),
        ("phone", "noun_phone"),
    ):
        if p.frac(kind) >= 0.8:
            ev.fit = -0.4
            ev.reasons.append(why("not_text", noun=why(noun), share=pct(p.frac(kind))))
            return ev
    if address:
        if p.frac("kanji") >= 0.8:
            ev.fit = 0.3
        prefix = p.frac("postal_prefix")
        if prefix:
            ev.transforms.append("strip_postal_code")
            ev.reasons.append(why("postal_before_address", share=pct(prefix)))
    if p.frac("half_kana"):
        ev.transforms.append("kana_full_width")
        ev.reasons.append(why("half_kana", share=pct(p.frac("half_kana"))))
    if p.frac("full_digits"):
        ev.transforms.append("digits_half_width")
        ev.reasons.append(why("full_digits", share=pct(p.frac("full_digits"))))
    return ev


_TEXT = RuleJudge(judge_text)

JUDGES: dict[str, RuleJudge] = {
    "text": _TEXT,
    "local_gov_code": RuleJudge(judge_local_gov_code, specific=True, blankable=True),
    "corporate_number": RuleJudge(judge_corporate_number, specific=True, blankable=True),
    "record_id": RuleJudge(judge_record_id),
    "katakana": RuleJudge(judge_katakana, specific=True),
    "half_width": RuleJudge(judge_half_width),
    "latitude": RuleJudge(judge_coordinate, specific=True, blankable=True),
    "longitude": RuleJudge(judge_coordinate, specific=True, blankable=True),
    "chome_id": RuleJudge(judge_chome_id, specific=True),
    "postal_code": RuleJudge(judge_postal_code, specific=True, blankable=True),
    "phone": RuleJudge(judge_phone, specific=True, blankable=True),
    # Explicitly judged as text: an extension has no shape of its own to recognise.
    "extension": RuleJudge(judge_text, blankable=True),
    "email": RuleJudge(judge_email, specific=True, blankable=True),
    "url": RuleJudge(judge_url, specific=True, blankable=True),
    "count": RuleJudge(judge_count, blankable=True),
    "number": RuleJudge(judge_number, blankable=True),
    "date": RuleJudge(judge_date, specific=True, blankable=True),
    "time": RuleJudge(judge_time, specific=True, blankable=True),
    "weekdays": RuleJudge(judge_weekdays, specific=True, blankable=True),
    "yes_no": RuleJudge(judge_yes_no),
    "flag_1": RuleJudge(judge_flag),
    # Explicitly judged as text: their values are words a header must name.
    "height_kind": _TEXT,
    "multi": _TEXT,
}
"""Value rule → its judge. Every rule of :data:`stdschema.types.RULES` has an entry (tested)."""
