"""Named transforms for the mapping files of ``stdschema convert``.

A mapping column lists transforms in order; each is a bare name (``nfkc``) or
a one-key mapping with an argument (``{split: {sep: "、", index: 0}}``).
:func:`resolve` checks a spec once, when the mapping is loaded (arguments are
parsed and regexes compiled there); :func:`apply_chain` runs a resolved chain
over one cell.

Every transform returns ``''`` for ``''``. Transforms that read a value
(dates, times, codes, numbers, flags, splitting, …) also take a cell of only
spaces as blank and return ``''``. A value they cannot convert raises
:class:`TransformError` and the row goes to the rejects file. The repairs
themselves live in :mod:`stdschema.normalize` and :mod:`stdschema.codes`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from stdschema import codes, normalize
from stdschema.rules.chars import SPACES

__all__ = [
    "TRANSFORMS",
    "BadArgumentError",
    "Transform",
    "TransformContext",
    "TransformError",
    "UnknownTransformError",
    "apply_chain",
    "referenced_columns",
    "resolve",
]

# Spaces around a value, as the row checker and normalize see them.
_TRIM = SPACES
_SHOWN = 60


def _show(value: object) -> str:
    """A value for a one-line message: repr (so line breaks stay escaped), shortened."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 4] + "…" + text[-3:]


def _suggest(name: str, known: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


# --- errors and types --------------------------------------------------------


class TransformError(ValueError):
    """A value the transform cannot convert (the row goes to the rejects file with this reason).

    :func:`apply_chain` fills in ``transform`` (the failing step), ``value``
    (its input) and ``steps`` (the changes made before it).
    """

    def __init__(
        self, message: str, *, transform: str | None = None, value: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.transform = transform
        self.value = value
        self.steps: tuple[tuple[str, str, str], ...] = ()

    def __str__(self) -> str:
        return f"{self.transform}: {self.message}" if self.transform else self.message


class UnknownTransformError(KeyError):
    """A transform name that is not in :data:`TRANSFORMS`; ``suggestion`` is the closest name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.suggestion = _suggest(name, TRANSFORMS)
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        self.message = f"unknown transform {name!r}{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        # KeyError would quote the message.
        return self.message


class BadArgumentError(ValueError):
    """A transform spec whose argument is missing, unexpected or wrong."""


@dataclass(frozen=True)
class TransformContext:
    """What a transform may know besides the cell: the publisher and the whole source row."""

    publisher_code: str | None = None
    prefecture: str | None = None
    filename: str | None = None
    row: Mapping[str, str] = field(default_factory=dict)
    """The source row keyed by source column, for transforms that read other cells."""


_Apply = Callable[[str, Any, TransformContext], str]


@dataclass(frozen=True)
class Transform:
    """One named transform.

    ``apply(value, argument, context)`` gets the argument as
    ``parse_argument`` returned it (None when the transform takes none).
    ``columns(argument)`` names the source columns the transform reads from
    ``context.row``, so a mapping can be checked against the input header.
    """

    name: str
    description_ja: str
    description_en: str
    takes_argument: bool | Literal["optional"]
    apply: _Apply
    argument_example: str = ""
    """The spec with an argument as written in YAML, shown in error messages."""
    parse_argument: Callable[[Any], Any] | None = None
    columns: Callable[[Any], tuple[str, ...]] | None = None


# --- argument parsing --------------------------------------------------------


class _Kind(NamedTuple):
    label: str
    check: Callable[[Any], bool]
    text: bool = False
    """A text value: a non-text one gets the hint to quote it in YAML."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_NONEMPTY = _Kind("non-empty text", lambda v: isinstance(v, str) and v != "", text=True)
# An empty YAML value (`to:`) is null; for replacement text it means ''.
_TEXT_OR_NULL = _Kind("text", lambda v: v is None or isinstance(v, str), text=True)
_TEXT_LIST = _Kind(
    "a list of texts",
    lambda v: isinstance(v, list) and bool(v) and all(isinstance(i, str) for i in v),
    text=True,
)
_INT = _Kind("an integer", _is_int)
_COUNT = _Kind("an integer ≥ 0", lambda v: _is_int(v) and v >= 0)
_BOOL = _Kind("true or false", lambda v: isinstance(v, bool))
_GROUP = _Kind("a group number or name", lambda v: _is_int(v) or isinstance(v, str))
_COORD = _Kind("latitude or longitude", lambda v: v in ("latitude", "longitude"))


def _options(
    arg: Any, required: Mapping[str, _Kind], optional: Mapping[str, _Kind] | None = None
) -> dict[str, Any]:
    """Check a mapping argument's keys and value types."""
    allowed = {**required, **(optional or {})}
    keys = ", ".join(allowed)
    if not isinstance(arg, Mapping):
        raise BadArgumentError(f"the argument must be a mapping with {keys}, got {_show(arg)}")
    for key in arg:
        if key not in allowed:
            near = _suggest(str(key), allowed)
            hint = f" (did you mean {near!r}?)" if near else ""
            raise BadArgumentError(f"unknown key {_show(key)}{hint}; allowed: {keys}")
    for key in required:
        if key not in arg:
            raise BadArgumentError(f"missing key {key!r}")
    for key, value in arg.items():
        kind = allowed[key]
        if kind.check(value):
            continue
        shown = value
        if isinstance(value, list):
            # Name the offending item, not the whole list.
            shown = next((i for i in value if not isinstance(i, str)), value)
        # YAML 1.1 reads yes/no/on/off/true/false as booleans and 01 as a number.
        hint = " (quote it in YAML)" if kind.text and not isinstance(shown, str | list) else ""
        raise BadArgumentError(f"{key!r} must be {kind.label}, got {_show(shown)}{hint}")
    return dict(arg)


def _flag_option(key: str) -> Callable[[Any], bool]:
    def parse(arg: Any) -> bool:
        return arg is not None and bool(_options(arg, {}, {key: _BOOL}).get(key, False))

    return parse


def _column_option(key: str) -> Callable[[Any], str | None]:
    def parse(arg: Any) -> str | None:
        if arg is None:
            return None
        column: str | None = _options(arg, {}, {key: _NONEMPTY}).get(key)
        return column

    return parse


def _one_column(arg: Any) -> tuple[str, ...]:
    return (arg,) if isinstance(arg, str) else ()


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, OverflowError) as err:  # OverflowError: a{4294967296}
        raise BadArgumentError(f"invalid regular expression {_show(pattern)}: {err}") from None
    except RecursionError:  # the parser recurses once per nested group
        raise BadArgumentError(
            f"invalid regular expression {_show(pattern)}: groups are nested too deeply"
        ) from None


@dataclass(frozen=True, slots=True)
class _Replace:
    regex: re.Pattern[str]
    replace: str
    count: int


@dataclass(frozen=True, slots=True)
class _Extract:
    regex: re.Pattern[str]
    group: int | str


@dataclass(frozen=True, slots=True)
class _Split:
    sep: str
    index: int


@dataclass(frozen=True, slots=True)
class _Swap:
    take: str
    other: str


def _parse_regex_replace(arg: Any) -> _Replace:
    opts = _options(arg, {"pattern": _NONEMPTY, "replace": _TEXT_OR_NULL}, {"count": _COUNT})
    regex = _compile(opts["pattern"])
    replace = opts["replace"] or ""
    # re checks a replacement (\2, \g<name>) only when something matches; an
    # empty alternative makes '' match while keeping the pattern's groups.
    # The newline ends a trailing comment in (?x) patterns.
    probe = re.compile(regex.pattern + "\n|", regex.flags)
    try:
        probe.sub(replace, "", count=1)
    except (re.error, IndexError) as err:
        raise BadArgumentError(f"invalid replacement {_show(replace)}: {err}") from None
    # re.sub takes a C ssize_t; any larger count means "every match" anyway.
    return _Replace(regex, replace, min(opts.get("count", 0), sys.maxsize))


def _parse_regex_extract(arg: Any) -> _Extract:
    opts = _options(arg, {"pattern": _NONEMPTY}, {"group": _GROUP})
    regex = _compile(opts["pattern"])
    group = opts.get("group", 1 if regex.groups else 0)
    if isinstance(group, str):
        if group not in regex.groupindex:
            raise BadArgumentError(f"the pattern has no group named {group!r}")
    elif not 0 <= group <= regex.groups:
        raise BadArgumentError(f"group {group} does not exist (the pattern has {regex.groups})")
    return _Extract(regex, group)


def _parse_split(arg: Any) -> _Split:
    opts = _options(arg, {"sep": _NONEMPTY, "index": _INT})
    return _Split(opts["sep"], opts["index"])


def _parse_replace(arg: Any) -> tuple[str, str]:
    opts = _options(arg, {"from": _NONEMPTY, "to": _TEXT_OR_NULL})
    return opts["from"], opts["to"] or ""


def _parse_text(arg: Any) -> str:
    text: str = _options(arg, {"text": _NONEMPTY})["text"]
    return text


def _parse_blank_if(arg: Any) -> frozenset[str]:
    values: list[str] = _options(arg, {"values": _TEXT_LIST})["values"]
    return frozenset(value.strip(_TRIM) for value in values)


def _parse_coordinate(arg: Any) -> str:
    if arg not in ("latitude", "longitude"):
        raise BadArgumentError(f"the argument must be latitude or longitude, got {_show(arg)}")
    coordinate: str = arg
    return coordinate


def _parse_swap(arg: Any) -> _Swap:
    opts = _options(arg, {"take": _COORD, "other": _NONEMPTY})
    return _Swap(opts["take"], opts["other"])


# --- resolve and apply_chain ---------------------------------------------------

_SPEC_SHAPE = 'a transform is a name or a one-key mapping such as {split: {sep: "、", index: 0}}'


def resolve(spec: str | dict[str, Any]) -> tuple[Transform, Any]:
    """The transform a mapping spec names, with its parsed argument.

    Raises :class:`UnknownTransformError` for an unknown name and
    :class:`BadArgumentError` for a malformed spec or a missing, unexpected
    or wrong argument. ``{name: null}`` (YAML ``- nfkc:``) counts as no argument.
    """
    raw: Any = None
    if isinstance(spec, str):
        name = spec
    elif isinstance(spec, Mapping) and len(spec) == 1:
        ((key, raw),) = spec.items()
        if not isinstance(key, str):
            raise BadArgumentError(f"{_SPEC_SHAPE}, got {_show(spec)}")
        name = key
    else:
        raise BadArgumentError(f"{_SPEC_SHAPE}, got {_show(spec)}")
    transform = TRANSFORMS.get(name)
    if transform is None:
        raise UnknownTransformError(name)
    example = transform.argument_example
    if raw is None:
        if transform.takes_argument is True:
            raise BadArgumentError(f"transform {name!r} needs an argument, e.g. {example}")
    elif transform.takes_argument is False:
        raise BadArgumentError(f"transform {name!r} takes no argument; write just {name}")
    if transform.parse_argument is None:
        return transform, None
    try:
        return transform, transform.parse_argument(raw)
    except BadArgumentError as err:
        raise BadArgumentError(f"transform {name!r}: {err}; e.g. {example}") from None


def apply_chain(
    value: str, chain: list[tuple[Transform, Any]], ctx: TransformContext
) -> tuple[str, list[tuple[str, str, str]]]:
    """Run ``chain`` over ``value``; the result and the steps that changed it (name, before, after).

    A :class:`TransformError` from a step is re-raised with ``transform``,
    ``value`` and ``steps`` filled in.
    """
    steps: list[tuple[str, str, str]] = []
    for transform, arg in chain:
        try:
            after = transform.apply(value, arg, ctx)
        except TransformError as err:
            if err.transform is None:
                err.transform = transform.name
                err.value = value
            err.steps = tuple(steps)
            raise
        if after != value:
            steps.append((transform.name, value, after))
            value = after
    return value, steps


def referenced_columns(chain: Iterable[tuple[Transform, Any]]) -> tuple[str, ...]:
    """The source columns a resolved chain reads from ``TransformContext.row``."""
    found: list[str] = []
    for transform, arg in chain:
        if transform.columns is not None:
            found.extend(c for c in transform.columns(arg) if c not in found)
    return tuple(found)


# --- text ----------------------------------------------------------------------


def _is_blank(value: str) -> bool:
    return not value.strip(_TRIM)


def _text(func: Callable[[str], str]) -> _Apply:
    def apply(value: str, _arg: Any, _ctx: TransformContext) -> str:
        return func(value)

    return apply


def _trim(value: str) -> str:
    return value.strip(_TRIM)


def _katakana(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.to_katakana(value)
    if result is None:
        raise TransformError(
            f"{_show(value)} has kanji, which cannot become katakana without a reading"
        )
    return result


# --- dates and times -------------------------------------------------------------

_ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
_US_DATE = re.compile("[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")


def _wareki_to_iso(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.wareki_to_iso(value)
    if result is not None:
        return result
    stripped = value.strip(_TRIM)
    # An ISO date is what this step produces, so it passes (the step is idempotent).
    if _ISO_DATE.fullmatch(stripped) and normalize.normalize_date(stripped) == stripped:
        return stripped
    if normalize.normalize_date(value, us_order=True) is not None:
        raise TransformError(f"{_show(value)} is not a 和暦 date; use the date transform")
    raise TransformError(
        f"{_show(value)} is not a 和暦 date such as 令和3年6月1日, R5.4.1 or H30/4/1"
    )


def _date(value: str, us_order: bool, _ctx: TransformContext) -> str:
    result = normalize.normalize_date(value, us_order=us_order)
    if result is not None:
        return result
    if not us_order and _US_DATE.fullmatch(normalize.nfkc(value).strip(_TRIM)):
        raise TransformError(
            f"{_show(value)} reads as month/day/year; use {{date: {{us_order: true}}}} if the file writes dates so"
        )
    raise TransformError(f"{_show(value)} is not a date")


def _fiscal_year(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.fiscal_year(value)
    if result is None:
        raise TransformError(f"{_show(value)} is not a 年度 such as 令和2年度 or 2020年度")
    return result


def _clock(text: str, allow_24: bool) -> str | None:
    """HH:MM via normalize_time, or '24:00' when ``allow_24`` and the text says 24:00."""
    result = normalize.normalize_time(text)
    if result is None and allow_24 and _is_24(text):
        return "24:00"
    return result


def _is_24(text: str) -> bool:
    # normalize_time refuses 24:00; reading the same text with 00 for the hour
    # accepts exactly its spellings (24:00, ２４：００, 24時, 2400).
    prepared = normalize.nfkc(text).strip(_TRIM)
    return prepared.startswith("24") and normalize.normalize_time("00" + prepared[2:]) == "00:00"


def _time_error(clock: str, value: str, allow_24: bool, option: str | None) -> TransformError:
    """Why ``clock`` (part of ``value``, or all of it) is not a time; ``option`` keeps 24:00."""
    what = _show(value) if clock == value else f"{_show(clock)} in {_show(value)}"
    if option and not allow_24 and _is_24(clock):
        return TransformError(f"{what} is not a time of day; add {option} to keep 24:00")
    if clock == value:
        return TransformError(f"{what} is not a time of day such as 9:00 or 9時30分")
    return TransformError(f"{what} is not a time of day")


def _time(value: str, allow_24: bool, _ctx: TransformContext) -> str:
    result = _clock(value, allow_24)
    if result is None:
        raise _time_error(value, value, allow_24, "{time: {allow_24: true}}")
    return result


_CLOCK = r"(?:午前|午後)?[0-9]{1,2}(?: ?: ?[0-9]{2}|時(?:[0-9]{1,2}分|半)?)"
_TIME_RANGE = re.compile(rf"(?P<start>{_CLOCK}) ?(?:~|〜|-|ー|―|‐|−|から) ?(?P<end>{_CLOCK})")
# What may follow the range: notes in parentheses, e.g. 延長保育 hours.
_NOTES = re.compile(r"(?: ?\([^()]*\))*", re.DOTALL)


def _time_range(value: str, end: bool, allow_24: bool) -> str:
    # NFKC turns ～ into ~, ： into : and （） into ().
    text = normalize.fold_spaces(normalize.nfkc(value))
    match = _TIME_RANGE.match(text)
    if match is None:
        # A cell holding one time counts as already split.
        single = _clock(text.replace(" ", ""), allow_24)
        if single is not None:
            return single
        raise TransformError(f"no time range such as 9:00～17:00 at the start of {_show(value)}")
    if not _NOTES.fullmatch(text, match.end()):
        raise TransformError(
            f"only notes in parentheses may follow the first time range in {_show(value)}"
        )
    clock = match.group("end" if end else "start")
    result = _clock(clock.replace(" ", ""), allow_24)
    if result is None:
        option = "{time_range_end: {allow_24: true}}" if end else None
        raise _time_error(clock, value, allow_24, option)
    return result


def _time_range_start(value: str, _arg: Any, _ctx: TransformContext) -> str:
    return _time_range(value, end=False, allow_24=False)


def _time_range_end(value: str, allow_24: bool, _ctx: TransformContext) -> str:
    return _time_range(value, end=True, allow_24=allow_24)


# --- contact ---------------------------------------------------------------------

# Matched on the half-width text, which has the same length as the original.
_LEADING_POSTAL = re.compile(
    "〒? ?(?P<code>[0-9]{3}-[0-9]{4})(?![0-9]) *|〒 ?(?P<code7>[0-9]{7})(?![0-9]) *"
)


def _phone(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_phone(value)
    if result is None:
        raise TransformError(f"{_show(value)} is not one phone number of 10 or 11 digits")
    return result


def _postal_code(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_postal_code(value)
    if result is None:
        raise TransformError(f"{_show(value)} is not a 7-digit postal code")
    return result


def _split_postal(value: str) -> tuple[str | None, str]:
    """The leading postal code of an address (as 7 digits) and the rest, or (None, value)."""
    stripped = value.strip(_TRIM)
    match = _LEADING_POSTAL.match(normalize.to_half_width(stripped))
    if match is None:
        return None, value
    code = (match.group("code") or match.group("code7")).replace("-", "")
    return code, stripped[match.end() :]


def _extract_postal_code(value: str, _arg: Any, _ctx: TransformContext) -> str:
    code, _rest = _split_postal(value)
    if code is not None:
        return code
    # The transform's own output passes again.
    whole = normalize.normalize_postal_code(value)
    if whole is not None:
        return whole
    raise TransformError(f"no postal code such as 760-0052 at the start of {_show(value)}")


def _strip_postal_code(value: str, _arg: Any, _ctx: TransformContext) -> str:
    return _split_postal(value)[1]


# --- codes -----------------------------------------------------------------------


def _local_gov_code(value: str, name_column: str | None, ctx: TransformContext) -> str:
    name = ctx.row.get(name_column) if name_column else None
    repair = codes.repair_code(
        value,
        publisher_code=ctx.publisher_code,
        prefecture=ctx.prefecture,
        name=name or None,
        filename=ctx.filename,
    )
    if repair.code is not None:
        return repair.code
    if repair.reason == "ambiguous":
        raise TransformError(
            f"ambiguous local government code {_show(value)}: could be "
            f"{' or '.join(repair.candidates)}; set the publisher code or prefecture in the mapping context"
        )
    if repair.candidates:
        raise TransformError(
            f"unknown local government code {_show(value)} (wrong check digit? {repair.candidates[0]} exists)"
        )
    raise TransformError(f"unknown local government code {_show(value)}")


def _code_from_name(value: str, prefecture_column: str | None, ctx: TransformContext) -> str:
    stripped = value.strip(_TRIM)
    if codes.exists(stripped):
        return stripped
    prefecture = ctx.prefecture
    if prefecture_column:
        prefecture = ctx.row.get(prefecture_column, "").strip(_TRIM) or prefecture
    matches = codes.find_by_name(value, prefecture)
    if len(matches) == 1:
        return matches[0].code
    where = f" in {prefecture}" if prefecture else ""
    if not matches:
        raise TransformError(f"no local government named {_show(value)}{where}")
    listed = ", ".join(f"{m.code} {m.name}" for m in matches[:3])
    more = ", …" if len(matches) > 3 else ""
    raise TransformError(
        f"{_show(value)} names {len(matches)} local governments{where} ({listed}{more}); set the prefecture"
    )


# --- coordinates -----------------------------------------------------------------


def _lat_lon(value: str, coordinate: str, _ctx: TransformContext) -> str:
    # 高松市 writes "," for a place without coordinates.
    if not value.strip(_TRIM + ",，、"):
        return ""
    pair = normalize.split_lat_lon(value)
    if pair is None:
        raise TransformError(f"{_show(value)} is not a 'latitude,longitude' pair")
    return pair[0] if coordinate == "latitude" else pair[1]


def _coordinate_text(value: str) -> str:
    return normalize.to_half_width(value).strip(_TRIM)


def _fix_swapped(value: str, arg: _Swap, ctx: TransformContext) -> str:
    if arg.other not in ctx.row:
        raise TransformError(f"the source row has no column {arg.other!r}")
    other = _coordinate_text(ctx.row[arg.other])
    if not other:
        return value
    this = _coordinate_text(value)
    lat, lon = (this, other) if arg.take == "latitude" else (other, this)
    swapped = normalize.swap_if_lat_lon_swapped(lat, lon)
    if swapped is None:
        return value
    return swapped[0] if arg.take == "latitude" else swapped[1]


# --- flags and lists -------------------------------------------------------------

_CONDITIONAL = frozenset({"△", "▲", "▵"})
# Dashes and 0 mean "no" in a flag column; ー is a dash there, not a long vowel.
_FLAG_NO = frozenset({"-", "－", "ー", "―", "‐", "−", "0", "０"})


def _conditional_error(value: str) -> TransformError:
    return TransformError(
        f"{_show(value)} means 'conditional / partly' (hazard tables use it for e.g. "
        "safe only at some levels); mapping it to yes or no would be a guess, so "
        "decide per file with map, replace or blank_if first"
    )


def _yes_no(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_yes_no(value)
    if result is not None:
        return result
    if value.strip(_TRIM) in _CONDITIONAL:
        raise _conditional_error(value)
    raise TransformError(f"{_show(value)} is not yes/no (有/無, あり/なし, ○/×)")


def _flag_1(value: str, _arg: Any, _ctx: TransformContext) -> str:
    if normalize.normalize_flag_1(value) is not None:
        return "1"
    yes_no = normalize.normalize_yes_no(value)
    if yes_no is not None:
        return "1" if yes_no == "有" else ""
    stripped = value.strip(_TRIM)
    if stripped in _FLAG_NO:
        return ""
    if stripped in _CONDITIONAL:
        raise _conditional_error(value)
    raise TransformError(f"{_show(value)} is not a flag (○ or 1 for yes; ×, - or blank for no)")


def _weekdays(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_weekdays(value)
    if result is None:
        raise TransformError(f"{_show(value)} is not a list of days such as 月火水木金 or 月～金")
    return result


# --- numbers ---------------------------------------------------------------------


def _number(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_number(value)
    if result is None:
        raise TransformError(f"{_show(value)} is not a number")
    return result


def _integer(value: str, _arg: Any, ctx: TransformContext) -> str:
    result = _number(value, None, ctx)
    whole, _dot, fraction = result.partition(".")
    if fraction.strip("0"):
        raise TransformError(f"{_show(value)} is not a whole number")
    return "0" if whole == "-0" else whole


# --- generic ---------------------------------------------------------------------


def _regex_replace(value: str, arg: _Replace, _ctx: TransformContext) -> str:
    return arg.regex.sub(arg.replace, value, count=arg.count)


def _regex_extract(value: str, arg: _Extract, _ctx: TransformContext) -> str:
    match = arg.regex.search(value)
    if match is None:
        raise TransformError(f"{_show(value)} does not match {_show(arg.regex.pattern)}")
    return match.group(arg.group) or ""


def _split(value: str, arg: _Split, _ctx: TransformContext) -> str:
    parts = value.split(arg.sep)
    if not -len(parts) <= arg.index < len(parts):
        raise TransformError(
            f"{_show(value)} has {len(parts)} part(s) split by {arg.sep!r}, so index {arg.index} is out of range"
        )
    return parts[arg.index].strip(_TRIM)


def _replace(value: str, arg: tuple[str, str], _ctx: TransformContext) -> str:
    return value.replace(arg[0], arg[1])


def _prefix(value: str, text: str, _ctx: TransformContext) -> str:
    # Already prefixed values are left alone, so running twice adds it once.
    return value if value.startswith(text) else text + value


def _suffix(value: str, text: str, _ctx: TransformContext) -> str:
    return value if value.endswith(text) else value + text


def _blank_if(value: str, values: frozenset[str], _ctx: TransformContext) -> str:
    return "" if value.strip(_TRIM) in values else value


# --- registry --------------------------------------------------------------------


def _guarded(apply: _Apply, skip_blank: bool) -> _Apply:
    """Return '' for '' (and, with ``skip_blank``, for a cell of only spaces) without calling ``apply``."""

    def guarded(value: str, arg: Any, ctx: TransformContext) -> str:
        if not value or (skip_blank and _is_blank(value)):
            return ""
        return apply(value, arg, ctx)

    return guarded


def _make(
    name: str,
    ja: str,
    en: str,
    apply: _Apply,
    *,
    takes: bool | Literal["optional"] = False,
    example: str = "",
    parse: Callable[[Any], Any] | None = None,
    columns: Callable[[Any], tuple[str, ...]] | None = None,
    skip_blank: bool = True,
) -> Transform:
    return Transform(
        name=name,
        description_ja=ja,
        description_en=en,
        takes_argument=takes,
        apply=_guarded(apply, skip_blank),
        argument_example=example or name,
        parse_argument=parse,
        columns=columns,
    )


_ALL = (
    # Text: these never fail and keep a cell of spaces as their function makes it.
    _make(
        "nfkc",
        "Unicode NFKC 正規化（全角英数・半角カナ等をまとめて正規化）",
        "Unicode NFKC (folds full-width ASCII, half-width kana, ㍻ …)",
        _text(normalize.nfkc),
        skip_blank=False,
    ),
    _make(
        "trim",
        "前後の空白（全角空白・NBSP を含む）を除去",
        "Strip leading/trailing spaces, including U+3000 and NBSP",
        _text(_trim),
        skip_blank=False,
    ),
    _make(
        "fold_spaces",
        "前後の空白を除去し、連続する空白を一つにまとめる",
        "Trim and fold inner runs of spaces to one",
        _text(normalize.fold_spaces),
        skip_blank=False,
    ),
    _make(
        "half_width",
        "全角英数記号を半角に（カナはそのまま、数字間の－は -）",
        "Full-width ASCII to half-width (kana untouched; dashes between digits to -)",
        _text(normalize.to_half_width),
        skip_blank=False,
    ),
    _make(
        "digits_half_width",
        "全角数字だけを半角に",
        "Only full-width digits to half-width",
        _text(normalize.digits_to_half_width),
        skip_blank=False,
    ),
    _make(
        "kana_full_width",
        "半角カナを全角カナに（濁点・半濁点を合成）",
        "Half-width katakana to full-width, composing ﾞ/ﾟ",
        _text(normalize.kana_to_full_width),
        skip_blank=False,
    ),
    _make(
        "hiragana_to_katakana",
        "ひらがなをカタカナに",
        "Hiragana to katakana",
        _text(normalize.hiragana_to_katakana),
        skip_blank=False,
    ),
    _make(
        "katakana",
        "半角カナ・ひらがなを全角カタカナに（漢字が残ればエラー）",
        "Half-width kana and hiragana to full-width katakana; fails if kanji remain",
        _katakana,
        skip_blank=False,
    ),
    _make("lower", "英字を小文字に", "Lower-case", _text(str.lower), skip_blank=False),
    _make("upper", "英字を大文字に", "Upper-case", _text(str.upper), skip_blank=False),
    # Dates and times.
    _make(
        "wareki_to_iso",
        "和暦（令和3年6月1日, R5.4.1, H30/4/1）を YYYY-MM-DD に",
        "和暦 date (令和3年6月1日, R5.4.1, H30/4/1) to YYYY-MM-DD; ISO dates pass",
        _wareki_to_iso,
    ),
    _make(
        "date",
        "日付を YYYY-MM-DD に（2023/4/1, 2023年4月1日, 20230401, 和暦）",
        "Date to YYYY-MM-DD from 2023/4/1, 2023年4月1日, 20230401 or 和暦; us_order reads M/D/YYYY",
        _date,
        takes="optional",
        example="{date: {us_order: true}}",
        parse=_flag_option("us_order"),
    ),
    _make(
        "fiscal_year",
        "年度（令和2年度, 2020年度）を西暦の開始年に",
        "Fiscal year (令和2年度, 2020年度) to the Western year it starts in",
        _fiscal_year,
    ),
    _make(
        "time",
        "時刻を HH:MM に（7：30, 9時30分, 午後1時）",
        "Time to HH:MM from 7：30, 9時30分, 午後1時; allow_24 keeps 24:00",
        _time,
        takes="optional",
        example="{time: {allow_24: true}}",
        parse=_flag_option("allow_24"),
    ),
    _make(
        "time_range_start",
        "「7：30～18：30（延長…）」の最初の範囲の開始時刻",
        "Start of the first range in a cell like 7：30～18：30（18：30～19：00）",
        _time_range_start,
    ),
    _make(
        "time_range_end",
        "「7：30～18：30（延長…）」の最初の範囲の終了時刻",
        "End of the first range in a cell like 7：30～18：30（18：30～19：00）; allow_24 keeps 24:00",
        _time_range_end,
        takes="optional",
        example="{time_range_end: {allow_24: true}}",
        parse=_flag_option("allow_24"),
    ),
    # Contact.
    _make(
        "phone",
        "電話番号を半角に（区切りはそのまま）",
        "Phone number in half-width digits, the publisher's grouping kept",
        _phone,
    ),
    _make(
        "postal_code",
        "郵便番号を7桁に（〒425-0022 → 4250022）",
        "Postal code to 7 digits (〒425-0022 → 4250022)",
        _postal_code,
    ),
    _make(
        "extract_postal_code",
        "住所の先頭の郵便番号を取り出す（760-0052 高松市… → 7600052）",
        "The postal code at the start of an address (760-0052 高松市… → 7600052)",
        _extract_postal_code,
    ),
    _make(
        "strip_postal_code",
        "住所の先頭の郵便番号を取り除く",
        "The address without its leading postal code",
        _strip_postal_code,
    ),
    # Codes.
    _make(
        "local_gov_code",
        "全国地方公共団体コードを6桁に補正（5桁、先頭0落ち、全角）",
        "全国地方公共団体コード repaired to 6 digits (5-digit, zero dropped, full-width) using the context",
        _local_gov_code,
        takes="optional",
        example="{local_gov_code: {name_column: city}}",
        parse=_column_option("name_column"),
        columns=_one_column,
    ),
    _make(
        "code_from_name",
        "団体名（静岡県焼津市, 焼津市）から全国地方公共団体コードを引く",
        "全国地方公共団体コード from a name (静岡県焼津市, or 焼津市 with the prefecture)",
        _code_from_name,
        takes="optional",
        example="{code_from_name: {prefecture_column: pref}}",
        parse=_column_option("prefecture_column"),
        columns=_one_column,
    ),
    # Coordinates.
    _make(
        "lat_lon",
        "「緯度,経度」のセルから緯度または経度を取り出す",
        "Latitude or longitude out of a 'lat,lon' cell (',' alone is blank)",
        _lat_lon,
        takes=True,
        example="{lat_lon: latitude}",
        parse=_parse_coordinate,
    ),
    _make(
        "fix_swapped_coordinates",
        "緯度と経度が入れ替わっていれば正す（other は相方の列）",
        "Swap latitude and longitude back when only the swapped pair lies in Japan; other names the column with the other coordinate",
        _fix_swapped,
        takes=True,
        example="{fix_swapped_coordinates: {take: latitude, other: 経度}}",
        parse=_parse_swap,
        columns=lambda arg: (arg.other,),
    ),
    # Flags and lists.
    _make(
        "yes_no", "有無を 有/無 に（あり/なし, ○/×）", "Yes/no to 有/無 (あり/なし, ○/×)", _yes_no
    ),
    _make(
        "flag_1",
        "フラグを 1 または空欄に（○/1 → 1, ×/- → 空欄; △ はエラー）",
        "Flag to 1 or blank (○/1 → 1, ×/- → blank); △ is refused",
        _flag_1,
    ),
    _make(
        "weekdays",
        "曜日を 月火水木金土日祝 の並びに（月～金 は展開）",
        "Days as 月火水木金土日祝 letters (月～金 expanded)",
        _weekdays,
    ),
    # Numbers.
    _make(
        "number",
        "数値を半角に（全角、桁区切りのカンマ 32,500）",
        "Number in half-width digits (full-width, thousands commas 32,500)",
        _number,
    ),
    _make(
        "integer",
        "整数を半角に（小数部があればエラー）",
        "Whole number in half-width digits; a fraction is refused",
        _integer,
    ),
    # Generic.
    _make(
        "regex_replace",
        "正規表現で置換",
        "Regular-expression substitution (count 0 = all)",
        _regex_replace,
        takes=True,
        skip_blank=False,
        example='{regex_replace: {pattern: "[（(][^）)]*[）)]$", replace: ""}}',
        parse=_parse_regex_replace,
    ),
    _make(
        "regex_extract",
        "正規表現に一致した部分（既定は第1グループ）を取り出す",
        "The part matching a regular expression (group 1 by default, else the whole match)",
        _regex_extract,
        takes=True,
        example='{regex_extract: {pattern: "([0-9]+)人"}}',
        parse=_parse_regex_extract,
    ),
    _make(
        "split",
        "区切り文字で分けた index 番目（負数は後ろから）",
        "The index-th part split by sep (negative counts from the end), trimmed",
        _split,
        takes=True,
        example='{split: {sep: "、", index: 0}}',
        parse=_parse_split,
    ),
    _make(
        "replace",
        "文字列を置換",
        "Replace text",
        _replace,
        takes=True,
        skip_blank=False,
        example='{replace: {from: "ｰ", to: "ー"}}',
        parse=_parse_replace,
    ),
    _make(
        "prefix",
        "先頭に文字列を付ける（既にあれば付けない）",
        "Add text in front unless already there",
        _prefix,
        takes=True,
        example='{prefix: {text: "https://"}}',
        parse=_parse_text,
    ),
    _make(
        "suffix",
        "末尾に文字列を付ける（既にあれば付けない）",
        "Add text at the end unless already there",
        _suffix,
        takes=True,
        example='{suffix: {text: "番地"}}',
        parse=_parse_text,
    ),
    _make(
        "blank_if",
        "指定の値（なし, -, ー など）を空欄に",
        "Blank out placeholder values such as なし, - or ー",
        _blank_if,
        takes=True,
        example='{blank_if: {values: [なし, "-", ー]}}',
        parse=_parse_blank_if,
    ),
)

TRANSFORMS: dict[str, Transform] = {t.name: t for t in _ALL}
"""Every named transform by name."""
