"""Named transforms for the mapping files of ``stdschema convert``.

A mapping column lists transforms in order; each is a bare name (``nfkc``) or
a one-key mapping with an argument (``{split: {sep: "、", index: 0}}``).
:func:`resolve` checks a spec once, when the mapping is loaded (arguments are
parsed and regexes compiled there); :func:`apply_chain` runs a resolved chain
over one cell.

Each entry states its arguments (:class:`Argument`: name, type, required or
optional, default) and worked examples (:class:`Example`); ``resolve`` checks a
spec against those same arguments, ``stdschema map transforms`` lists them and
docs/mapping.md is generated from them (:mod:`stdschema.conversion.transform_docs`).

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
from stdschema.messages import Lang, default_lang, t
from stdschema.rules.chars import SPACES

__all__ = [
    "TRANSFORMS",
    "Argument",
    "BadArgumentError",
    "Example",
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


@dataclass(frozen=True)
class _Words:
    """A message value that differs by language (e.g. the kind of an argument)."""

    ja: str
    en: str


class _Catalogued:
    """An error worded from the message catalogue: ``localized(lang)``; ``str()`` is English.

    A value may itself be :class:`_Words` or another catalogued error (worded in the same
    language when the message is).
    """

    key: str
    values: dict[str, Any]

    def _word(self, key: str, values: dict[str, Any]) -> None:
        self.key = key
        self.values = values

    def localized(self, lang: Lang | None = None) -> str:
        return _render(self.key, self.values, lang)


def _render(key: str, values: dict[str, Any], lang: Lang | None) -> str:
    language = lang or default_lang()
    shown: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, _Words):
            value = value.en if language == "en" else value.ja
        elif isinstance(value, _Catalogued):
            value = value.localized(language)
        shown[name] = value
    return t(key, language, **shown)


class TransformError(_Catalogued, ValueError):
    """A value the transform cannot convert (the row goes to the rejects file with this reason).

    ``key`` and ``values`` word it from the catalogue (``localized(lang)``; ``str()`` and
    ``message`` are English). :func:`apply_chain` fills in ``transform`` (the failing step),
    ``value`` (its input) and ``steps`` (the changes made before it).
    """

    def __init__(self, key: str, /, **values: Any) -> None:
        self._word(key, values)
        self.message = _render(key, values, "en")
        super().__init__(self.message)
        self.transform: str | None = None
        self.value: str | None = None
        self.steps: tuple[tuple[str, str, str], ...] = ()

    def reason(self, lang: Lang | None = None) -> str:
        """The failure without the step's name, in ``lang``."""
        return super().localized(lang)

    def localized(self, lang: Lang | None = None) -> str:
        message = self.reason(lang)
        if self.transform:
            return t("tx.in_step", lang, transform=self.transform, message=message)
        return message

    def __str__(self) -> str:
        return self.localized("en")


class UnknownTransformError(_Catalogued, KeyError):
    """A transform name that is not in :data:`TRANSFORMS`; ``suggestion`` is the closest name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.suggestion = _suggest(name, TRANSFORMS)
        hint = (
            _Hint("txarg.unknown_transform_hint", {"suggestion": repr(self.suggestion)})
            if self.suggestion
            else ""
        )
        self._word("txarg.unknown_transform", {"name": repr(name), "hint": hint})
        self.message = self.localized("en")
        super().__init__(self.message)

    def __str__(self) -> str:
        # KeyError would quote the message.
        return self.message


class _Hint(_Catalogued):
    """A catalogued fragment of a message (a hint in parentheses)."""

    def __init__(self, key: str, values: dict[str, Any]) -> None:
        self._word(key, values)


class BadArgumentError(_Catalogued, ValueError):
    """A transform spec whose argument is missing, unexpected or wrong.

    ``inner`` is the argument's own failure when the error names the transform around it.
    """

    def __init__(self, key: str, inner: BadArgumentError | None = None, /, **values: Any) -> None:
        self._word(key, values)
        self.inner = inner
        super().__init__(self.localized("en"))


@dataclass(frozen=True)
class TransformContext:
    """What a transform may know besides the cell: the publisher and the whole source row."""

    publisher_code: str | None = None
    prefecture: str | None = None
    filename: str | None = None
    row: Mapping[str, str] = field(default_factory=dict)
    """The source row keyed by source column, for transforms that read other cells."""


_Apply = Callable[[str, Any, TransformContext], str]


class _Kind(NamedTuple):
    label: str
    """What the value must be, in English (error messages and the English docs)."""
    ja: str
    """The same in Japanese (the Japanese docs)."""
    check: Callable[[Any], bool]
    text: bool = False
    """A text value: a non-text one gets the hint to quote it in YAML."""


@dataclass(frozen=True)
class Argument:
    """One argument of a transform, as the mapping file writes it and the docs show it.

    A ``positional`` argument is the value itself (``{lat_lon: latitude}``); the others are
    keys of a mapping (``{split: {sep: "、", index: 0}}``). ``default`` is what an optional
    argument is when left out (None: it is then unset).
    """

    name: str
    kind: _Kind
    required: bool
    ja: str
    en: str
    default: Any = None
    positional: bool = False

    @property
    def type_ja(self) -> str:
        return self.kind.ja

    @property
    def type_en(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class Example:
    """A worked example: the spec as written in YAML, a cell before and after.

    ``output`` None means the transform refuses the input. ``row`` holds the other
    cells of the source row a transform reads; ``context`` the mapping's context.
    tests/test_mapping_docs.py runs every example.
    """

    spec: str
    input: str
    output: str | None
    row: Mapping[str, str] = field(default_factory=dict)
    context: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Transform:
    """One named transform.

    ``apply(value, argument, context)`` gets the argument as
    ``parse_argument`` returned it (None when the transform takes none).
    ``columns(argument)`` names the source columns the transform reads from
    ``context.row``, so a mapping can be checked against the input header.
    ``arguments`` and ``examples`` are its documentation (``stdschema map transforms``,
    docs/mapping.md); the arguments are also what :func:`resolve` checks.
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
    arguments: tuple[Argument, ...] = ()
    examples: tuple[Example, ...] = ()


# --- argument parsing --------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_NONEMPTY = _Kind(
    "non-empty text", "空でない文字列", lambda v: isinstance(v, str) and v != "", text=True
)
# An empty YAML value (`to:`) is null; for replacement text it means ''.
_TEXT_OR_NULL = _Kind(
    "text", "文字列（空でもよい）", lambda v: v is None or isinstance(v, str), text=True
)
_TEXT_LIST = _Kind(
    "a list of texts",
    "文字列のリスト",
    lambda v: isinstance(v, list) and bool(v) and all(isinstance(i, str) for i in v),
    text=True,
)
_INT = _Kind("an integer", "整数", _is_int)
_COUNT = _Kind("an integer ≥ 0", "0 以上の整数", lambda v: _is_int(v) and v >= 0)
_BOOL = _Kind("true or false", "true または false", lambda v: isinstance(v, bool))
_GROUP = _Kind(
    "a group number or name", "グループの番号または名前", lambda v: _is_int(v) or isinstance(v, str)
)
_COORD = _Kind(
    "latitude or longitude", "latitude または longitude", lambda v: v in ("latitude", "longitude")
)
_ON_NO_MATCH = ("keep", "blank", "reject")
_NO_MATCH = _Kind(
    "keep, blank or reject", "keep、blank、reject のいずれか", lambda v: v in _ON_NO_MATCH
)


def _options(arg: Any, arguments: tuple[Argument, ...]) -> dict[str, Any]:
    """Check a mapping argument's keys and value types; left-out optional keys get their default."""
    allowed = {a.name: a for a in arguments}
    keys = ", ".join(allowed)
    if not isinstance(arg, Mapping):
        raise BadArgumentError("txarg.not_mapping", keys=keys, value=_show(arg))
    for key in arg:
        if key not in allowed:
            near = _suggest(str(key), allowed)
            hint = _Hint("txarg.did_you_mean", {"name": repr(near)}) if near else ""
            raise BadArgumentError("txarg.unknown_key", entry=_show(key), hint=hint, keys=keys)
    for argument in arguments:
        if argument.required and argument.name not in arg:
            raise BadArgumentError("txarg.missing_key", entry=repr(argument.name))
    for key, value in arg.items():
        _check_kind(repr(key), allowed[key].kind, value)
    return {a.name: arg.get(a.name, a.default) for a in arguments}


def _check_kind(what: str | _Hint, kind: _Kind, value: Any) -> None:
    if kind.check(value):
        return
    shown = value
    if isinstance(value, list):
        # Name the offending item, not the whole list.
        shown = next((i for i in value if not isinstance(i, str)), value)
    # YAML 1.1 reads yes/no/on/off/true/false as booleans and 01 as a number.
    quote = kind.text and not isinstance(shown, str | list)
    raise BadArgumentError(
        "txarg.wrong_kind",
        what=what,
        kind=_Words(kind.ja, kind.label),
        value=_show(shown),
        hint=_Hint("txarg.quote_it", {}) if quote else "",
    )


_THE_ARGUMENT = _Hint("txarg.the_argument", {})


def _one_column(arg: Any) -> tuple[str, ...]:
    return (arg,) if isinstance(arg, str) else ()


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, OverflowError) as err:  # OverflowError: a{4294967296}
        raise BadArgumentError("txarg.bad_regex", pattern=_show(pattern), error=err) from None
    except RecursionError:  # the parser recurses once per nested group
        raise BadArgumentError("txarg.regex_too_deep", pattern=_show(pattern)) from None


@dataclass(frozen=True, slots=True)
class _Replace:
    regex: re.Pattern[str]
    replace: str
    count: int


@dataclass(frozen=True, slots=True)
class _Extract:
    regex: re.Pattern[str]
    group: int | str
    on_no_match: str


@dataclass(frozen=True, slots=True)
class _Split:
    sep: str
    index: int


@dataclass(frozen=True, slots=True)
class _Swap:
    take: str
    other: str


def _parse_regex_replace(opts: dict[str, Any]) -> _Replace:
    regex = _compile(opts["pattern"])
    replace = opts["replace"] or ""
    # re checks a replacement (\2, \g<name>) only when something matches; an
    # empty alternative makes '' match while keeping the pattern's groups.
    # The newline ends a trailing comment in (?x) patterns.
    probe = re.compile(regex.pattern + "\n|", regex.flags)
    try:
        probe.sub(replace, "", count=1)
    except (re.error, IndexError) as err:
        raise BadArgumentError("txarg.bad_replacement", replace=_show(replace), error=err) from None
    # re.sub takes a C ssize_t; any larger count means "every match" anyway.
    return _Replace(regex, replace, min(opts["count"], sys.maxsize))


def _parse_regex_extract(opts: dict[str, Any]) -> _Extract:
    regex = _compile(opts["pattern"])
    group = opts["group"]
    if group is None:
        group = 1 if regex.groups else 0
    if isinstance(group, str):
        if group not in regex.groupindex:
            raise BadArgumentError("txarg.no_named_group", group=repr(group))
    elif not 0 <= group <= regex.groups:
        raise BadArgumentError("txarg.no_group", group=group, count=regex.groups)
    return _Extract(regex, group, opts["on_no_match"])


def _parse_split(opts: dict[str, Any]) -> _Split:
    return _Split(opts["sep"], opts["index"])


def _parse_replace(opts: dict[str, Any]) -> tuple[str, str]:
    return opts["from"], opts["to"] or ""


def _parse_blank_if(opts: dict[str, Any]) -> frozenset[str]:
    return frozenset(value.strip(_TRIM) for value in opts["values"])


def _parse_swap(opts: dict[str, Any]) -> _Swap:
    return _Swap(opts["take"], opts["other"])


def _only(key: str) -> Callable[[dict[str, Any]], Any]:
    """The parsed argument of a transform with one optional key: that key's value."""

    def parse(opts: dict[str, Any]) -> Any:
        return opts[key]

    return parse


# --- resolve and apply_chain ---------------------------------------------------


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
            raise BadArgumentError("txarg.shape", value=_show(spec))
        name = key
    else:
        raise BadArgumentError("txarg.shape", value=_show(spec))
    transform = TRANSFORMS.get(name)
    if transform is None:
        raise UnknownTransformError(name)
    example = transform.argument_example
    if raw is None:
        if transform.takes_argument is True:
            raise BadArgumentError("txarg.needs_argument", name=repr(name), example=example)
    elif transform.takes_argument is False:
        raise BadArgumentError("txarg.takes_none", name=repr(name), bare=name)
    if transform.parse_argument is None:
        return transform, None
    try:
        return transform, transform.parse_argument(raw)
    except BadArgumentError as err:
        raise BadArgumentError(
            "txarg.in_transform", err, name=repr(name), detail=err, example=example
        ) from None


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
        raise TransformError("tx.katakana_kanji", value=_show(value))
    return result


# --- dates and times -------------------------------------------------------------

_ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
_US_DATE = re.compile("[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
# 令和元年, H13年, 平成 13 年: a 和暦 year with no month or day.
_ERA_YEAR = re.compile(
    r"(?:明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])\.? ?(?:[0-9]{1,2}|元) ?年"
)


def _wareki_to_iso(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.wareki_to_iso(value)
    if result is not None:
        return result
    stripped = value.strip(_TRIM)
    # An ISO date is what this step produces, so it passes (the step is idempotent).
    if _ISO_DATE.fullmatch(stripped) and normalize.normalize_date(stripped) == stripped:
        return stripped
    if normalize.normalize_date(value, us_order=True) is not None:
        raise TransformError("tx.wareki_use_date", value=_show(value))
    if _ERA_YEAR.fullmatch(normalize.nfkc(value).strip(_TRIM)):
        # A year alone names no day: 1 January would be a guess.
        raise TransformError("tx.year_only", value=_show(value))
    raise TransformError("tx.not_wareki", value=_show(value))


def _date(value: str, us_order: bool, _ctx: TransformContext) -> str:
    result = normalize.normalize_date(value, us_order=us_order)
    if result is not None:
        return result
    prepared = normalize.nfkc(value).strip(_TRIM)
    if _ERA_YEAR.fullmatch(prepared):
        raise TransformError("tx.year_only", value=_show(value))
    if normalize.excel_serial_date(value) is not None:
        raise TransformError("tx.excel_serial", value=_show(value))
    if not us_order and _US_DATE.fullmatch(prepared):
        raise TransformError("tx.us_date", value=_show(value))
    raise TransformError("tx.not_date", value=_show(value))


def _excel_serial_date(value: str, _arg: Any, _ctx: TransformContext) -> str:
    # Any other value passes, so that [excel_serial_date, date] reads a column of both.
    return normalize.excel_serial_date(value) or value


def _fiscal_year(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.fiscal_year(value)
    if result is None:
        raise TransformError("tx.not_fiscal_year", value=_show(value))
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
    whole = clock == value
    shown = {"value": _show(value), "clock": _show(clock)}
    if option and not allow_24 and _is_24(clock):
        return TransformError("tx.time_24" if whole else "tx.time_24_in", option=option, **shown)
    return TransformError("tx.not_time" if whole else "tx.not_time_in", **shown)


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
        raise TransformError("tx.no_time_range", value=_show(value))
    if not _NOTES.fullmatch(text, match.end()):
        raise TransformError("tx.time_range_tail", value=_show(value))
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
        raise TransformError("tx.not_phone", value=_show(value))
    return result


def _postal_code(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_postal_code(value)
    if result is None:
        raise TransformError("tx.not_postal", value=_show(value))
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
    raise TransformError("tx.no_postal", value=_show(value))


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
            "tx.code_ambiguous",
            value=_show(value),
            candidates="/".join(repair.candidates),
        )
    if repair.candidates:
        raise TransformError("tx.code_check_digit", value=_show(value), near=repair.candidates[0])
    raise TransformError("tx.code_unknown", value=_show(value))


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
    suffix = "_in" if prefecture else ""
    if not matches:
        raise TransformError("tx.no_gov_named" + suffix, value=_show(value), prefecture=prefecture)
    listed = ", ".join(f"{m.code} {m.name}" for m in matches[:3])
    more = ", …" if len(matches) > 3 else ""
    raise TransformError(
        "tx.gov_ambiguous" + suffix,
        value=_show(value),
        count=len(matches),
        listed=listed + more,
        prefecture=prefecture,
    )


# --- coordinates -----------------------------------------------------------------


def _lat_lon(value: str, coordinate: str, _ctx: TransformContext) -> str:
    # 高松市 writes "," for a place without coordinates.
    if not value.strip(_TRIM + ",，、"):
        return ""
    pair = normalize.split_lat_lon(value)
    if pair is None:
        raise TransformError("tx.not_lat_lon", value=_show(value))
    return pair[0] if coordinate == "latitude" else pair[1]


def _coordinate_text(value: str) -> str:
    return normalize.to_half_width(value).strip(_TRIM)


def _fix_swapped(value: str, arg: _Swap, ctx: TransformContext) -> str:
    if arg.other not in ctx.row:
        raise TransformError("tx.no_column", name=repr(arg.other))
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
    return TransformError("tx.conditional", value=_show(value))


def _yes_no(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_yes_no(value)
    if result is not None:
        return result
    if value.strip(_TRIM) in _CONDITIONAL:
        raise _conditional_error(value)
    raise TransformError("tx.not_yes_no", value=_show(value))


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
    raise TransformError("tx.not_flag", value=_show(value))


def _weekdays(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_weekdays(value)
    if result is None:
        raise TransformError("tx.not_weekdays", value=_show(value))
    return result


# --- numbers ---------------------------------------------------------------------


def _number(value: str, _arg: Any, _ctx: TransformContext) -> str:
    result = normalize.normalize_number(value)
    if result is None:
        raise TransformError("tx.not_number", value=_show(value))
    return result


def _integer(value: str, _arg: Any, ctx: TransformContext) -> str:
    result = _number(value, None, ctx)
    whole, _dot, fraction = result.partition(".")
    if fraction.strip("0"):
        raise TransformError("tx.not_integer", value=_show(value))
    return "0" if whole == "-0" else whole


# --- generic ---------------------------------------------------------------------


def _regex_replace(value: str, arg: _Replace, _ctx: TransformContext) -> str:
    return arg.regex.sub(arg.replace, value, count=arg.count)


def _regex_extract(value: str, arg: _Extract, _ctx: TransformContext) -> str:
    match = arg.regex.search(value)
    if match is not None:
        return match.group(arg.group) or ""
    if arg.on_no_match == "keep":
        return value
    if arg.on_no_match == "blank":
        return ""
    raise TransformError("tx.no_match", value=_show(value), pattern=_show(arg.regex.pattern))


def _split(value: str, arg: _Split, _ctx: TransformContext) -> str:
    parts = value.split(arg.sep)
    if not -len(parts) <= arg.index < len(parts):
        raise TransformError(
            "tx.split_range",
            value=_show(value),
            count=len(parts),
            sep=repr(arg.sep),
            index=arg.index,
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


def _parser(
    arguments: tuple[Argument, ...], parse: Callable[[Any], Any] | None
) -> Callable[[Any], Any] | None:
    """The ``parse_argument`` of a transform: the arguments checked, then ``parse``."""
    if not arguments:
        return None
    if arguments[0].positional:
        (argument,) = arguments

        def parse_value(raw: Any) -> Any:
            _check_kind(_THE_ARGUMENT, argument.kind, raw)
            return parse(raw) if parse else raw

        return parse_value

    def parse_options(raw: Any) -> Any:
        # An optional argument left out (`- date` or `- date:`) is every key's default.
        opts = _options({} if raw is None else raw, arguments)
        return parse(opts) if parse else opts

    return parse_options


def _takes(arguments: tuple[Argument, ...]) -> bool | Literal["optional"]:
    if not arguments:
        return False
    return True if any(a.required or a.positional for a in arguments) else "optional"


def _argument_example(name: str, examples: tuple[Example, ...]) -> str:
    """The first example written with an argument, or just the name."""
    return next((e.spec for e in examples if e.spec != name), name)


def _make(
    name: str,
    ja: str,
    en: str,
    apply: _Apply,
    *,
    examples: tuple[Example, ...],
    arguments: tuple[Argument, ...] = (),
    parse: Callable[[Any], Any] | None = None,
    columns: Callable[[Any], tuple[str, ...]] | None = None,
    skip_blank: bool = True,
) -> Transform:
    return Transform(
        name=name,
        description_ja=ja,
        description_en=en,
        takes_argument=_takes(arguments),
        apply=_guarded(apply, skip_blank),
        argument_example=_argument_example(name, examples),
        parse_argument=_parser(arguments, parse),
        columns=columns,
        arguments=arguments,
        examples=examples,
    )


def _ex(
    spec: str,
    before: str,
    after: str | None,
    row: Mapping[str, str] | None = None,
    context: Mapping[str, str] | None = None,
) -> Example:
    return Example(spec, before, after, dict(row or {}), dict(context or {}))


_US_ORDER = Argument(
    "us_order",
    _BOOL,
    False,
    "true なら 3/25/2021 のような値を 月/日/年 として読みます。",
    "When true, a value such as 3/25/2021 is read as month/day/year.",
    default=False,
)
_ALLOW_24 = Argument(
    "allow_24",
    _BOOL,
    False,
    "true なら 24:00 を 24:00 のまま残します（閉所時刻などに使います）。",
    "When true, 24:00 is kept as 24:00 (for closing times).",
    default=False,
)

_ALL = (
    # Text: these never fail and keep a cell of spaces as their function makes it.
    _make(
        "nfkc",
        "Unicode の NFKC 正規化をします。全角英数字は半角に、半角カナは全角になり、"
        "㍻ のような組文字は 平成 に分かれます。",
        "Applies Unicode NFKC normalisation: full-width letters and digits become half-width, "
        "half-width kana become full-width, and a ligature such as ㍻ is spelt out.",
        _text(normalize.nfkc),
        skip_blank=False,
        examples=(_ex("nfkc", "ＡＢＣ１２３", "ABC123"), _ex("nfkc", "ｴｷﾏｴ ㍻", "エキマエ 平成")),
    ),
    _make(
        "trim",
        "前後の空白（全角空白や NBSP を含む）を取り除きます。",
        "Removes the spaces at both ends of a value, including U+3000 and NBSP.",
        _text(_trim),
        skip_blank=False,
        examples=(_ex("trim", "\u3000焼津市役所 ", "焼津市役所"),),
    ),
    _make(
        "fold_spaces",
        "前後の空白を取り除き、間の続いた空白を一つにまとめます。",
        "Removes the spaces at both ends of a value and folds each inner run of spaces into one.",
        _text(normalize.fold_spaces),
        skip_blank=False,
        examples=(_ex("fold_spaces", " 社会福祉法人   高松会 ", "社会福祉法人 高松会"),),
    ),
    _make(
        "half_width",
        "全角の英数字と記号を半角にします。カナはそのままで、数字の間の － や ー は - になります。",
        "Turns full-width letters, digits and symbols into half-width ones; kana stay as they "
        "are, and a dash between two digits becomes -.",
        _text(normalize.to_half_width),
        skip_blank=False,
        examples=(_ex("half_width", "中港５－４６３", "中港5-463"),),
    ),
    _make(
        "digits_half_width",
        "全角数字だけを半角にし、ほかの文字は変えません。",
        "Turns only full-width digits into half-width digits and leaves every other character alone.",
        _text(normalize.digits_to_half_width),
        skip_blank=False,
        examples=(_ex("digits_half_width", "２階　Ａ室", "2階　Ａ室"),),
    ),
    _make(
        "kana_full_width",
        "半角カタカナを全角カタカナにします。濁点と半濁点は前の文字と一つにします。",
        "Turns half-width katakana into full-width katakana, joining ﾞ and ﾟ with the letter before them.",
        _text(normalize.kana_to_full_width),
        skip_blank=False,
        examples=(_ex("kana_full_width", "ﾔｲﾂﾞｼ ｺｳｴﾝ", "ヤイヅシ コウエン"),),
    ),
    _make(
        "hiragana_to_katakana",
        "ひらがなをカタカナにします。",
        "Turns hiragana into katakana.",
        _text(normalize.hiragana_to_katakana),
        skip_blank=False,
        examples=(_ex("hiragana_to_katakana", "えきまえこうえん", "エキマエコウエン"),),
    ),
    _make(
        "katakana",
        "半角カナとひらがなを全角カタカナにします。漢字が残る値は読みが分からないので変換しません。",
        "Turns half-width kana and hiragana into full-width katakana; a value with kanji is "
        "refused, since its reading is unknown.",
        _katakana,
        skip_blank=False,
        examples=(
            _ex("katakana", "えきまえｺｳｴﾝ", "エキマエコウエン"),
            _ex("katakana", "駅前こうえん", None),
        ),
    ),
    _make(
        "lower",
        "英字を小文字にします。",
        "Turns letters into lower case.",
        _text(str.lower),
        skip_blank=False,
        examples=(_ex("lower", "Info@City.Yaizu.LG.JP", "info@city.yaizu.lg.jp"),),
    ),
    _make(
        "upper",
        "英字を大文字にします。",
        "Turns letters into upper case.",
        _text(str.upper),
        skip_blank=False,
        examples=(_ex("upper", "ab-01", "AB-01"),),
    ),
    # Dates and times.
    _make(
        "wareki_to_iso",
        "和暦の日付（令和3年6月1日、R5.4.1、H13. 1.29、平成 13年 1月29日）を YYYY-MM-DD にします。"
        "YYYY-MM-DD の値はそのまま通し、年だけの値（令和元年）は日付ではないので変換しません。",
        "Turns a 和暦 (Japanese era) date such as 令和3年6月1日, R5.4.1, H13. 1.29 or "
        "平成 13年 1月29日 into YYYY-MM-DD; a YYYY-MM-DD value passes unchanged, and a year "
        "alone (令和元年) is refused, as it is not a date.",
        _wareki_to_iso,
        examples=(
            _ex("wareki_to_iso", "令和元年5月1日", "2019-05-01"),
            _ex("wareki_to_iso", "H13. 1.29", "2001-01-29"),
            _ex("wareki_to_iso", "平成 13年 1月29日", "2001-01-29"),
            _ex("wareki_to_iso", "Ｈ．１３．１．２９", "2001-01-29"),
            _ex("wareki_to_iso", "S47.4.1", "1972-04-01"),
            _ex("wareki_to_iso", "令和元年", None),
        ),
    ),
    _make(
        "date",
        "日付を YYYY-MM-DD にします。2023/4/1、2023年4月1日、20230401 や和暦を読みます。",
        "Turns a date written as 2023/4/1, 2023年4月1日, 20230401 or in 和暦 into YYYY-MM-DD.",
        _date,
        arguments=(_US_ORDER,),
        parse=_only("us_order"),
        examples=(
            _ex("date", "2023/4/1", "2023-04-01"),
            _ex("date", "2023年4月1日(土)", "2023-04-01"),
            _ex("date", "R5.4.1", "2023-04-01"),
            _ex("{date: {us_order: true}}", "3/25/2021", "2021-03-25"),
            _ex("date", "3/25/2021", None),
        ),
    ),
    _make(
        "excel_serial_date",
        "Excel の日付のシリアル値（45016 など）を YYYY-MM-DD にします。1950年から2100年までの日に"
        "当たる5桁の整数だけを変換し、ほかの値はそのまま通すので、date の前に置けます。",
        "Turns an Excel serial date number such as 45016 into YYYY-MM-DD. Only a five-digit "
        "whole number naming a day from 1950 to 2100 is converted; any other value passes "
        "unchanged, so the transform can go before date.",
        _excel_serial_date,
        examples=(
            _ex("excel_serial_date", "45016", "2023-03-31"),
            _ex("excel_serial_date", "2023/3/31", "2023/3/31"),
            _ex("excel_serial_date", "120", "120"),
        ),
    ),
    _make(
        "fiscal_year",
        "年度（令和2年度、2020年度）を、その年度が始まる西暦の年にします。",
        "Turns a fiscal year (年度) such as 令和2年度 or 2020年度 into the Western year it starts in.",
        _fiscal_year,
        examples=(
            _ex("fiscal_year", "令和2年度", "2020"),
            _ex("fiscal_year", "令和元年度", "2019"),
            _ex("fiscal_year", "2020年度", "2020"),
        ),
    ),
    _make(
        "time",
        "時刻を HH:MM にします。7：30、9時30分、午後1時 のような書き方を読みます。",
        "Turns a time of day written as 7：30, 9時30分 or 午後1時 into HH:MM.",
        _time,
        arguments=(_ALLOW_24,),
        parse=_only("allow_24"),
        examples=(
            _ex("time", "7：30", "07:30"),
            _ex("time", "午後1時", "13:00"),
            _ex("{time: {allow_24: true}}", "24:00", "24:00"),
            _ex("time", "24:00", None),
        ),
    ),
    _make(
        "time_range_start",
        "7：30～18：30（18：30～19：00）のようなセルから、最初の時間帯の開始時刻を HH:MM で取り出します。",
        "Takes the start of the first time range in a cell such as 7：30～18：30（18：30～19：00）, as HH:MM.",
        _time_range_start,
        examples=(_ex("time_range_start", "7：30～18：30（18：30～19：00）", "07:30"),),
    ),
    _make(
        "time_range_end",
        "7：30～18：30（18：30～19：00）のようなセルから、最初の時間帯の終了時刻を HH:MM で取り出します。",
        "Takes the end of the first time range in a cell such as 7：30～18：30（18：30～19：00）, as HH:MM.",
        _time_range_end,
        arguments=(_ALLOW_24,),
        parse=_only("allow_24"),
        examples=(
            _ex("time_range_end", "7：30～18：30（18：30～19：00）", "18:30"),
            _ex("{time_range_end: {allow_24: true}}", "7:00～24:00", "24:00"),
        ),
    ),
    # Contact.
    _make(
        "phone",
        "電話番号を半角にします。区切り方は元のままで、10桁か11桁の番号一つでない値は変換しません。",
        "Writes a phone number in half-width digits, keeping the publisher's grouping; a value "
        "that is not one number of 10 or 11 digits is refused.",
        _phone,
        examples=(
            _ex("phone", "０５４－６２６－１１３９", "054-626-1139"),
            _ex("phone", "845-4111", None),
        ),
    ),
    _make(
        "postal_code",
        "郵便番号を7桁の数字にします。",
        "Turns a postal code into seven digits.",
        _postal_code,
        examples=(_ex("postal_code", "〒425-0022", "4250022"),),
    ),
    _make(
        "extract_postal_code",
        "住所の先頭に書かれた郵便番号を、7桁の数字で取り出します。",
        "Takes the postal code written at the start of an address, as seven digits.",
        _extract_postal_code,
        examples=(_ex("extract_postal_code", "760-0052 高松市瓦町一丁目13-8", "7600052"),),
    ),
    _make(
        "strip_postal_code",
        "住所の先頭に書かれた郵便番号を取り除き、住所だけを残します。",
        "Removes the postal code written at the start of an address and keeps the rest.",
        _strip_postal_code,
        examples=(
            _ex("strip_postal_code", "760-0052 高松市瓦町一丁目13-8", "高松市瓦町一丁目13-8"),
        ),
    ),
    # Codes.
    _make(
        "local_gov_code",
        "全国地方公共団体コードを6桁に直します。5桁のコード、先頭の0が落ちたコード、全角数字を、"
        "マッピングの context や name_column の団体名を手がかりに補います。",
        "Repairs a 全国地方公共団体コード (local government code) to six digits: a five-digit "
        "code, a code that lost its leading zero, or full-width digits, helped by the "
        "mapping's context or the name in name_column.",
        _local_gov_code,
        arguments=(
            Argument(
                "name_column",
                _NONEMPTY,
                False,
                "団体名が書かれた入力の列です。5桁のコードがどの団体か決めるのに使います。",
                "The input column holding the local government's name, used to decide what a "
                "five-digit code is.",
            ),
        ),
        parse=_only("name_column"),
        columns=_one_column,
        examples=(
            _ex("local_gov_code", "２２２１２７", "222127"),
            _ex("local_gov_code", "22212", "222127", context={"publisher_code": "222127"}),
            _ex(
                "{local_gov_code: {name_column: city}}",
                "37201",
                "372013",
                row={"city": "香川県高松市"},
            ),
        ),
    ),
    _make(
        "code_from_name",
        "団体名（静岡県焼津市、または都道府県が分かるときの焼津市）から全国地方公共団体コードを引きます。",
        "Looks up the 全国地方公共団体コード of a local government by its name (静岡県焼津市, "
        "or 焼津市 when the prefecture is known).",
        _code_from_name,
        arguments=(
            Argument(
                "prefecture_column",
                _NONEMPTY,
                False,
                "都道府県名が書かれた入力の列です。ない場合はマッピングの context の prefecture を使います。",
                "The input column holding the prefecture; without it the mapping's context "
                "prefecture is used.",
            ),
        ),
        parse=_only("prefecture_column"),
        columns=_one_column,
        examples=(
            _ex("code_from_name", "静岡県焼津市", "222127"),
            _ex("code_from_name", "高松市", "372013", context={"prefecture": "香川県"}),
            _ex(
                "{code_from_name: {prefecture_column: pref}}",
                "焼津市",
                "222127",
                row={"pref": "静岡県"},
            ),
        ),
    ),
    # Coordinates.
    _make(
        "lat_lon",
        "「緯度,経度」の形で一つのセルに書かれた座標から、緯度か経度を取り出します。「,」だけのセルは空欄にします。",
        "Takes the latitude or the longitude out of a cell holding both as 'latitude,longitude'; "
        "a cell holding only ',' becomes blank.",
        _lat_lon,
        arguments=(
            Argument(
                "latitude | longitude",
                _COORD,
                True,
                "取り出す座標です。引数は値だけを書きます（{lat_lon: latitude}）。",
                "Which coordinate to take; the argument is written as the value alone "
                "({lat_lon: latitude}).",
                positional=True,
            ),
        ),
        examples=(
            _ex("{lat_lon: latitude}", "34.34092056,134.04522972", "34.34092056"),
            _ex("{lat_lon: longitude}", "34.34092056,134.04522972", "134.04522972"),
            _ex("{lat_lon: latitude}", ",", ""),
        ),
    ),
    _make(
        "fix_swapped_coordinates",
        "緯度と経度が入れ替わって書かれていれば元に戻します。入れ替えたときだけ日本の範囲に入る場合に限ります。",
        "Puts latitude and longitude back when they were written the wrong way round, but only "
        "when the swapped pair alone lies in Japan.",
        _fix_swapped,
        arguments=(
            Argument(
                "take",
                _COORD,
                True,
                "この列が受け持つ座標です。",
                "The coordinate this column holds.",
            ),
            Argument(
                "other",
                _NONEMPTY,
                True,
                "もう一方の座標が書かれた入力の列です。",
                "The input column holding the other coordinate.",
            ),
        ),
        parse=_parse_swap,
        columns=lambda arg: (arg.other,),
        examples=(
            _ex(
                "{fix_swapped_coordinates: {take: latitude, other: 経度}}",
                "138.3178",
                "34.8669",
                row={"経度": "34.8669"},
            ),
            _ex(
                "{fix_swapped_coordinates: {take: latitude, other: 経度}}",
                "34.8669",
                "34.8669",
                row={"経度": "138.3178"},
            ),
        ),
    ),
    # Flags and lists.
    _make(
        "yes_no",
        "有無を 有 か 無 にします。あり/なし や ○/× を読みます。",
        "Turns a yes/no value such as あり/なし or ○/× into 有 or 無.",
        _yes_no,
        examples=(_ex("yes_no", "あり", "有"), _ex("yes_no", "×", "無"), _ex("yes_no", "△", None)),
    ),
    _make(
        "flag_1",
        "フラグを 1 か空欄にします（○ と 1 は 1、× と - は空欄）。△ は意味が決まらないので変換しません。",
        "Turns a flag into 1 or blank (○ and 1 become 1, × and - become blank); △ is refused, "
        "as its meaning is not clear.",
        _flag_1,
        examples=(
            _ex("flag_1", "○", "1"),
            _ex("flag_1", "-", ""),
            _ex("flag_1", "△", None),
        ),
    ),
    _make(
        "weekdays",
        "曜日を 月火水木金土日祝 の文字で書きます。月～金 のような範囲は展開します。",
        "Writes days of the week as letters of 月火水木金土日祝, expanding a range such as 月～金.",
        _weekdays,
        examples=(
            _ex("weekdays", "月～金", "月火水木金"),
            _ex("weekdays", "月曜日～金曜日", "月火水木金"),
        ),
    ),
    # Numbers.
    _make(
        "number",
        "数値を半角にします。全角数字や桁区切りのカンマ（32,500）を読みます。",
        "Writes a number in half-width digits, reading full-width digits and thousands "
        "separators such as 32,500.",
        _number,
        examples=(_ex("number", "32,500", "32500"), _ex("number", "３４．８６", "34.86")),
    ),
    _make(
        "integer",
        "整数を半角にします。小数部のある値は変換しません。",
        "Writes a whole number in half-width digits; a value with a fraction is refused.",
        _integer,
        examples=(_ex("integer", "１，２００", "1200"), _ex("integer", "2.5", None)),
    ),
    # Generic.
    _make(
        "regex_replace",
        "正規表現 pattern に一致する部分を replace に置き換えます。",
        "Replaces the parts matching the regular expression pattern by replace.",
        _regex_replace,
        skip_blank=False,
        arguments=(
            Argument(
                "pattern",
                _NONEMPTY,
                True,
                "探す正規表現（Python の re の書き方）です。",
                "The regular expression to look for (Python re syntax).",
            ),
            Argument(
                "replace",
                _TEXT_OR_NULL,
                True,
                "置き換える文字列です。\\1 や \\g<name> でグループを参照でき、空なら取り除きます。",
                r"The replacement; \1 or \g<name> refer to groups, and an empty one removes the match.",
            ),
            Argument(
                "count",
                _COUNT,
                False,
                "置き換える数です。0 ならすべて置き換えます。",
                "How many matches to replace; 0 replaces every match.",
                default=0,
            ),
        ),
        parse=_parse_regex_replace,
        examples=(
            _ex(
                '{regex_replace: {pattern: "[（(][^）)]*[）)]$", replace: ""}}',
                "40人（予約制）",
                "40人",
            ),
            _ex(
                r'{regex_replace: {pattern: "([0-9]+)階", replace: "\\1F"}}',
                "本館2階",
                "本館2F",
            ),
        ),
    ),
    _make(
        "regex_extract",
        "正規表現 pattern に一致した部分を取り出します。一致しない値をどうするかは on_no_match で"
        "決めます。既定の keep は値をそのまま残すので、値が黙って消えることも行が除外されることも"
        "なく、検査がその列の規則に照らして報告します。",
        "Takes the part of a value matching the regular expression pattern; on_no_match says "
        "what happens to a value that does not match. The default, keep, leaves that value as "
        "it is, so nothing silently vanishes and no row is lost, and validation then checks it "
        "against the column's rule.",
        _regex_extract,
        arguments=(
            Argument(
                "pattern",
                _NONEMPTY,
                True,
                "探す正規表現（Python の re の書き方）です。",
                "The regular expression to look for (Python re syntax).",
            ),
            Argument(
                "group",
                _GROUP,
                False,
                "取り出すグループの番号か名前です。省くと、グループがあれば第1グループ、なければ一致した部分全体です。",
                "The number or name of the group to take; left out, group 1 when the pattern "
                "has groups, else the whole match.",
            ),
            Argument(
                "on_no_match",
                _NO_MATCH,
                False,
                "一致しない値の扱いです。keep は値をそのまま残し（検査でその列の規則に照らされます）、"
                "blank は空欄にし、reject は変換できない値として理由とともに報告します。",
                "What to do with a value the pattern does not match: keep leaves it as it is "
                "(validation then checks it against the column's rule), blank empties the "
                "cell, and reject reports it as a value that cannot be converted.",
                default="keep",
            ),
        ),
        parse=_parse_regex_extract,
        examples=(
            _ex('{regex_extract: {pattern: "([0-9]+)人"}}', "15人 完全予約制", "15"),
            _ex('{regex_extract: {pattern: "([0-9]+)人"}}', "要相談", "要相談"),
            _ex('{regex_extract: {pattern: "([0-9]+)人", on_no_match: blank}}', "要相談", ""),
            _ex('{regex_extract: {pattern: "([0-9]+)人", on_no_match: reject}}', "要相談", None),
            _ex('{regex_extract: {pattern: "(?P<floor>[0-9]+)階", group: floor}}', "本館2階", "2"),
        ),
    ),
    _make(
        "split",
        "値を sep で区切り、index 番目の部分を前後の空白を除いて取り出します。",
        "Splits a value at sep and takes the part at index, without spaces at its ends.",
        _split,
        arguments=(
            Argument("sep", _NONEMPTY, True, "区切りの文字列です。", "The separator."),
            Argument(
                "index",
                _INT,
                True,
                "取り出す部分の番号です。最初が 0 で、-1 は最後の部分です。",
                "Which part to take: 0 is the first, -1 the last.",
            ),
        ),
        parse=_parse_split,
        examples=(
            _ex('{split: {sep: "、", index: 0}}', "5724、5713、5712", "5724"),
            _ex('{split: {sep: "、", index: -1}}', "5724、5713、5712", "5712"),
            _ex('{split: {sep: ",", index: 1}}', "087-865-3111, 080-2972-4406", "080-2972-4406"),
            _ex('{split: {sep: "、", index: 5}}', "5724、5713", None),
        ),
    ),
    _make(
        "replace",
        "文字列 from をすべて to に置き換えます。",
        "Replaces every occurrence of the text from by to.",
        _replace,
        skip_blank=False,
        arguments=(
            Argument("from", _NONEMPTY, True, "探す文字列です。", "The text to look for."),
            Argument(
                "to",
                _TEXT_OR_NULL,
                True,
                "置き換える文字列です。空なら取り除きます。",
                "The replacement; an empty one removes the text.",
            ),
        ),
        parse=_parse_replace,
        examples=(_ex('{replace: {from: "ｰ", to: "ー"}}', "2Fｽﾀｯﾌｽﾃｰｼｮﾝ", "2Fｽﾀｯﾌｽﾃーｼｮﾝ"),),
    ),
    _make(
        "prefix",
        "値の先頭に text を付けます。すでにその文字列で始まっていれば付けません。",
        "Adds text in front of a value unless the value already starts with it.",
        _prefix,
        arguments=(Argument("text", _NONEMPTY, True, "付ける文字列です。", "The text to add."),),
        parse=_only("text"),
        examples=(
            _ex("{prefix: {text: 香川県}}", "高松市番町1-8-15", "香川県高松市番町1-8-15"),
            _ex("{prefix: {text: 香川県}}", "香川県高松市番町1-8-15", "香川県高松市番町1-8-15"),
        ),
    ),
    _make(
        "suffix",
        "値の末尾に text を付けます。すでにその文字列で終わっていれば付けません。",
        "Adds text at the end of a value unless the value already ends with it.",
        _suffix,
        arguments=(Argument("text", _NONEMPTY, True, "付ける文字列です。", "The text to add."),),
        parse=_only("text"),
        examples=(
            _ex("{suffix: {text: 人}}", "105", "105人"),
            _ex("{suffix: {text: 人}}", "105人", "105人"),
        ),
    ),
    _make(
        "blank_if",
        "値が values のどれかと同じなら（前後の空白は無視）空欄にします。なし、-、ー のような"
        "「値なし」の印に使います。",
        "Blanks a value equal to one of values (spaces at its ends ignored); use it for "
        "placeholders such as なし, - or ー.",
        _blank_if,
        arguments=(
            Argument(
                "values",
                _TEXT_LIST,
                True,
                "空欄にする値のリストです。- や yes は引用符で囲みます。",
                "The values to blank; quote - or yes in YAML.",
            ),
        ),
        parse=_parse_blank_if,
        examples=(
            _ex('{blank_if: {values: [なし, "-", ー]}}', "ー", ""),
            _ex('{blank_if: {values: [なし, "-", ー]}}', "087-839-2611", "087-839-2611"),
        ),
    ),
)

TRANSFORMS: dict[str, Transform] = {t.name: t for t in _ALL}
"""Every named transform by name."""
