"""The mapping file: how a legacy file's columns become a standard dataset's columns.

A mapping is YAML (schema: ``schemas/mapping.schema.json``)::

    version: 1
    target: public_toilets@v2
    source:
      encoding: cp932          # optional; detected otherwise
      header_row: 9            # optional physical line of the header
    context:
      publisher_code: "372013" # helps repair 5-digit codes
    columns:
      全国地方公共団体コード: {constant: "372013"}
      名称: {source: name, transforms: [trim]}
      名称_カナ: {source: fullNameInKana, transforms: [kana_full_width]}
      所在地_連結表記: {concat: [pref, city, address]}
      緯度: {source: location, transforms: [{lat_lon: latitude}]}
      災害種別_洪水: {source: flood, map: {"○": "1"}}

Target columns are named by their exact Japanese header or English attribute
name. Errors name the mapping file, the line and, where one is near, a
suggestion.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from stdschema.messages import Lang, default_lang, t

MAX_MAPPING_BYTES = 1024 * 1024

TransformSpec = str | dict[str, Any]


class MappingError(ValueError):
    """A mapping file that cannot be used, located at a line (and column) when possible.

    ``key`` is the catalogue key of the message when it came from the catalogue.
    """

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        *,
        lang: Lang | None = None,
        key: str | None = None,
    ) -> None:
        self.message = " ".join(message.split())
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        if path and line and column:
            text = t(
                "mapping.error_at", lang, path=path, line=line, column=column, message=self.message
            )
        elif path and line:
            text = t("mapping.error_at_line", lang, path=path, line=line, message=self.message)
        else:
            text = f"{path}: {self.message}" if path else self.message
        super().__init__(text)

    @classmethod
    def of(
        cls,
        key: str,
        lang: Lang | None,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        /,
        **values: Any,
    ) -> MappingError:
        """The error whose message is the catalogue text of ``key``."""
        return cls(t(key, lang, **values), path, line, column, lang=lang, key=key)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceOptions(_Strict):
    """How to read the input file."""

    format: Literal["csv", "xlsx", "xml"] | None = Field(
        None, description="Input format; from the file extension when omitted."
    )
    encoding: str | None = Field(None, description="Text encoding; detected when omitted.")
    header_row: int | None = Field(
        None, ge=1, description="Physical line (CSV) or row (XLSX) of the header row."
    )
    skip_rows: int = Field(0, ge=0, description="Data rows to skip after the header.")
    sheet: str | int | None = Field(None, description="XLSX sheet name or 1-based number.")
    delimiter: str | None = Field(None, min_length=1, max_length=1)
    record_xpath: str | None = Field(
        None, description="XML: path of the record elements, e.g. //Placemark or /root/item."
    )
    namespaces: dict[str, str] = Field(
        default_factory=dict, description="XML: prefix → namespace URI used in record_xpath."
    )


class Context(_Strict):
    """Facts about the publisher that repairs may use."""

    publisher_code: str | None = Field(
        None, description="全国地方公共団体コード of the publisher (repairs 5-digit codes)."
    )
    prefecture: str | None = Field(None, description="Prefecture of the publisher, e.g. 香川県.")


class ColumnRule(_Strict):
    """How one standard column is filled."""

    source: str | None = Field(
        None, description="Input column (header as written), or for XML a path inside the record."
    )
    concat: list[str] | None = Field(
        None, min_length=1, description="Several input columns joined with `separator`."
    )
    separator: str = Field("", description="Joins `concat` parts (blank parts are skipped).")
    constant: str | None = Field(None, description="The same value on every row.")
    map: dict[str, str] | None = Field(
        None, description="Value map applied before the transforms, e.g. {'○': '1'}."
    )
    transforms: list[TransformSpec] = Field(
        default_factory=list,
        description="Named transforms in order: a name, or {name: argument}.",
    )
    default: str | None = Field(None, description="Used when the result is blank.")
    note: str | None = Field(None, description="Free comment, kept for people.")

    @model_validator(mode="after")
    def _one_origin(self) -> ColumnRule:
        given = [k for k in ("source", "concat", "constant") if getattr(self, k) is not None]
        # Custom error types: the loader words them from the catalogue in the user's language.
        if len(given) > 1:
            raise PydanticCustomError(
                "one_origin_many",
                "give only one of source, concat and constant (got {given})",
                {"given": ", ".join(given)},
            )
        if not given and self.default is None:
            raise PydanticCustomError(
                "one_origin_none", "give one of source, concat, constant or default"
            )
        return self


class Mapping(_Strict):
    """A whole mapping file."""

    version: Literal[1] = 1
    target: str = Field(description="Target dataset and edition, e.g. public_toilets@v2.")
    source: SourceOptions = Field(default_factory=SourceOptions)
    context: Context = Field(default_factory=Context)
    columns: dict[str, ColumnRule] = Field(description="Standard column → how to fill it.")

    # Where the file named each input column (for errors found once the input is read).
    _origin: str | None = PrivateAttr(None)
    _source_places: dict[str, tuple[int, int]] = PrivateAttr(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        # Where the file named things (private) is not part of what the mapping says.
        if not isinstance(other, Mapping):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def input_columns(self) -> list[str]:
        """Every input column the mapping reads."""
        names: list[str] = []
        for rule in self.columns.values():
            if rule.source is not None:
                names.append(rule.source)
            names.extend(rule.concat or [])
        return names


def mapping_json_schema() -> dict[str, Any]:
    """JSON Schema of the mapping file, for editors."""
    return Mapping.model_json_schema()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _marked(key: str, values: dict[str, Any], mark: Any) -> yaml.MarkedYAMLError:
    """A YAML error that carries its catalogue key (read by ``explain_yaml_error``)."""
    err = yaml.MarkedYAMLError(None, None, key, mark)
    err.catalogue = (key, values)  # type: ignore[attr-defined]
    return err


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors/aliases: they allow exponential documents ("YAML bombs").

    Repeated keys in one mapping are refused rather than last-wins.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _marked("mapping.yaml_alias", {}, event.start_mark)
        return super().compose_node(parent, index)

    def scan_flow_scalar_non_spaces(self, double: bool, start_mark: Any) -> Any:
        # Escapes reach chr() unchecked: "\UFFFFFFFF" raises OverflowError or ValueError,
        # and "\uD800" makes a lone surrogate that no output file can encode.
        problem = None
        try:
            chunks = super().scan_flow_scalar_non_spaces(double, start_mark)
        except (ValueError, OverflowError):
            problem = "mapping.yaml_escape_range"
        else:
            if any(_SURROGATE.search(chunk) for chunk in chunks):
                problem = "mapping.yaml_escape_surrogate"
        if problem is not None:
            raise _marked(problem, {}, self.get_mark())
        return chunks

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        # PyYAML keeps the last of two equal keys: a second 名称 would silently replace the first.
        seen: dict[Any, Any] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node)  # "yes" and "true" are the same key
            if key in seen:
                values = {"name": key_node.value, "first": seen[key]}
                raise _marked("misc.mapping_duplicate_key", values, key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # PyYAML's constructors trust their resolvers and explicit tags: 0x_, 2020-13-45,
        # !!int x or !!bool x raise bare ValueError/KeyError/... instead of a YAML error.
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, LookupError, AttributeError, OverflowError):
            kind = str(node.tag).rsplit(":", 1)[-1]
            shown = node.value if isinstance(node, yaml.ScalarNode) else node.id
            values = {"value": repr(shown), "kind": kind}
            raise _marked("mapping.yaml_bad_scalar", values, node.start_mark) from None


Place = tuple[int | None, int | None]


def _node_place(root: yaml.Node | None, loc: tuple[Any, ...], value: bool = False) -> Place:
    """1-based line and column of the key at ``loc`` (its value with ``value``), or of the
    nearest parent found."""
    node = root
    place: Place = (None, None)
    if node is not None:
        place = (node.start_mark.line + 1, node.start_mark.column + 1)
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    node = v
                    mark = v.start_mark if value else k.start_mark
                    place = (mark.line + 1, mark.column + 1)
                    break
            else:
                return place
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            place = (node.start_mark.line + 1, node.start_mark.column + 1)
        else:
            return place
    return place


def load_mapping(path: str | os.PathLike[str], lang: Lang | None = None) -> Mapping:
    """Read and check a mapping file. Raises :class:`MappingError` with file and line."""
    p = Path(path)
    name = str(p)
    try:
        mode = p.stat().st_mode
        if stat.S_ISDIR(mode):
            raise MappingError.of("mapping.is_directory", lang, name)
        if not stat.S_ISREG(mode):
            # A FIFO blocks on open; a device such as /dev/zero reports size 0 and never ends.
            raise MappingError.of("mapping.not_regular", lang, name)
        with open(p, "rb") as f:
            data = f.read(MAX_MAPPING_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(data) > MAX_MAPPING_BYTES:
            raise MappingError.of("mapping.too_large", lang, name)
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise MappingError.of("mapping.not_found", lang, name) from None
    except IsADirectoryError:
        raise MappingError.of("mapping.is_directory", lang, name) from None
    except PermissionError:
        raise MappingError.of("mapping.permission", lang, name) from None
    except UnicodeDecodeError as exc:
        raise MappingError.of("mapping.not_utf8", lang, name, byte=exc.start) from None
    except OSError as exc:  # e.g. a parent that is a file, a symlink loop
        reason = exc.strerror or str(exc)
        raise MappingError.of("mapping.unreadable", lang, name, reason=reason) from None
    return parse_mapping(text, name, lang)


def parse_mapping(text: str, name: str = "<mapping>", lang: Lang | None = None) -> Mapping:
    """Parse mapping YAML text; see :func:`load_mapping`.

    When the text does not load, the first typing slip in it (a full-width colon or
    space, a tab, no space after a colon) is reported in place of the error it caused:
    most slips still parse, and fail only later as an odd key or value.
    """
    from stdschema.conversion.mapping_slips import find_slips

    try:
        return _parse(text, name, lang)
    except MappingError:
        slips = find_slips(text)
        if not slips:
            raise
        slip = slips[0]
        raise MappingError.of(slip.key, lang, name, slip.line, slip.column, **slip.values) from None


def _parse(text: str, name: str, lang: Lang | None) -> Mapping:
    from stdschema.conversion.mapping_slips import explain_yaml_error

    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
        data = yaml.load(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        found = explain_yaml_error(exc, text)
        raise MappingError.of(
            found.key, lang, name, found.line, found.column, **found.values
        ) from None
    except yaml.YAMLError:
        raise MappingError.of("mapping.yaml_other", lang, name) from None
    except RecursionError:
        # PyYAML composes nested collections recursively: "[[[[…" a few hundred deep.
        raise MappingError.of("mapping.yaml_too_deep", lang, name) from None
    if not isinstance(data, dict):
        raise MappingError.of("mapping.not_a_mapping", lang, name, 1)
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise _model_error(dict(err), root, name, lang) from None
    _check_target(mapping, root, name, lang)
    if not mapping.columns:
        # Every output cell would be blank: rows of nothing, written as if converted.
        line, column = _node_place(root, ("columns",))
        raise MappingError.of("misc.mapping_no_columns", lang, name, line, column)
    mapping._origin = name
    mapping._source_places = _source_places(mapping, root)
    return mapping


def _show(value: Any, lang: Lang | None) -> str:
    """A value of the file as the person wrote it, short and on one line."""
    if value is None:
        return t("mapping.value_empty", lang)
    if isinstance(value, str):
        text = '"' + value + '"'
    else:
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
        text = text.removesuffix("...").strip()
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


_TYPE_KEYS = {
    "dict_type": "mapping.expected_mapping",
    "model_type": "mapping.expected_mapping",
    "model_attributes_type": "mapping.expected_mapping",
    "string_type": "mapping.expected_text",
    "list_type": "mapping.expected_list",
    "int_type": "mapping.expected_int",
    "int_parsing": "mapping.expected_int",
    "int_from_float": "mapping.expected_int",
    "string_too_short": "mapping.one_char",
    "string_too_long": "mapping.one_char",
    "too_short": "mapping.empty_list",
}


def _model_error(
    err: dict[str, Any], root: yaml.Node | None, name: str, lang: Lang | None
) -> MappingError:
    """One pydantic error of the mapping model, worded from the catalogue (never pydantic's)."""
    loc = tuple(err["loc"])
    kind = str(err["type"])
    ctx = err.get("ctx") or {}
    parent = ".".join(str(part) for part in loc[:-1]) or t("mapping.top_level", lang)
    where = ".".join(str(part) for part in loc) or t("mapping.top_level", lang)
    shown = _show(err.get("input"), lang)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc)
        near = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        line, column = _node_place(root, loc)
        return MappingError.of(
            "mapping.unknown_key", lang, name, line, column,
            where=parent, entry=loc[-1], hint=_did_you_mean(near, lang), allowed=", ".join(allowed),
        )  # fmt: skip
    if kind == "missing":
        line, column = _node_place(root, loc[:-1])
        return MappingError.of(
            "mapping.missing_key", lang, name, line, column, where=parent, entry=loc[-1]
        )
    line, column = _node_place(root, loc, value=True)
    if len(loc) >= 4 and loc[0] == "columns" and loc[2] == "transforms" and isinstance(loc[3], int):
        # A transform spec is a name or a one-key mapping: pydantic reports each union member.
        line, column = _node_place(root, loc[:4], value=True)
        return MappingError.of(
            "mapping.transform_shape", lang, name, line, column, column_name=loc[1], value=shown
        )
    if kind in ("one_origin_many", "one_origin_none"):
        line, column = _node_place(root, loc)
        return MappingError.of(
            f"mapping.{kind}", lang, name, line, column, column_name=loc[-1], **ctx
        )
    if len(loc) == 2 and loc[0] == "columns" and _TYPE_KEYS.get(kind) == "mapping.expected_mapping":
        return MappingError.of(
            "mapping.expected_rule", lang, name, line, column, column_name=loc[1], value=shown
        )
    if kind in _TYPE_KEYS:
        return MappingError.of(_TYPE_KEYS[kind], lang, name, line, column, where=where, value=shown)
    if kind == "greater_than_equal":
        limit = ctx.get("ge")
        return MappingError.of(
            "mapping.too_small", lang, name, line, column, where=where, value=shown, limit=limit
        )
    if kind == "literal_error":
        choices = str(ctx.get("expected", ""))
        return MappingError.of(
            "mapping.choice", lang, name, line, column, where=where, value=shown, choices=choices
        )
    return MappingError.of(
        "mapping.invalid_value", lang, name, line, column, where=where, value=shown
    )


def _did_you_mean(near: list[str], lang: Lang | None) -> str:
    return t("mapping.hint_did_you_mean", lang, name=near[0]) if near else ""


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    if loc[:1] == ("source",):
        return list(SourceOptions.model_fields)
    if loc[:1] == ("context",):
        return list(Context.model_fields)
    if loc[:1] == ("columns",):
        return list(ColumnRule.model_fields)
    return list(Mapping.model_fields)


def _source_places(mapping: Mapping, root: yaml.Node | None) -> dict[str, tuple[int, int]]:
    """Where each input column is first named (line and column of the name)."""
    places: dict[str, tuple[int, int]] = {}
    for column, rule in mapping.columns.items():
        named: list[tuple[str, tuple[Any, ...]]] = []
        if rule.source is not None:
            named.append((rule.source, ("columns", column, "source")))
        named += [(n, ("columns", column, "concat", i)) for i, n in enumerate(rule.concat or [])]
        for source, loc in named:
            line, col = _node_place(root, loc, value=True)
            if source not in places and line is not None and col is not None:
                places[source] = (line, col)
    return places


def check_sources(
    mapping: Mapping, header: list[str], file_name: str, lang: Lang | None = None
) -> None:
    """Every input column ``mapping`` reads is in ``header``; otherwise a :class:`MappingError`
    at the line of the mapping that names it, with the nearest input header."""
    known = set(header)
    for name in mapping.input_columns():
        if name in known:
            continue
        near = difflib.get_close_matches(name, header, n=1, cutoff=0.5)
        listed = ", ".join(header[:12]) + (" …" if len(header) > 12 else "")
        line, column = mapping._source_places.get(name, (None, None))
        raise MappingError.of(
            "mapping.unknown_source", lang, mapping._origin, line, column,
            name=name, file=file_name, hint=_did_you_mean(near, lang), columns=listed,
        )  # fmt: skip


def _nearest_dataset(target: str) -> list[str]:
    from stdschema.datasets import list_datasets

    models = list_datasets()
    keys = [m.__dataset__.key for m in models] + sorted({m.__dataset__.id for m in models})
    return difflib.get_close_matches(target, keys, n=1, cutoff=0.6)


def _nearest_column(model: Any, column: str) -> list[str]:
    """The standard header nearest ``column``: headers, attribute names and known variants."""
    from stdschema.datasets.variants import variant_spellings

    options = {c.header: c.header for c in model.__columns__}
    options.update({c.attr: c.attr for c in model.__columns__})
    for spelling, header in variant_spellings(model).items():
        options.setdefault(spelling, header)
    near = difflib.get_close_matches(column, list(options), n=1, cutoff=0.4)
    return [options[near[0]]] if near else []


def _check_target(mapping: Mapping, root: yaml.Node | None, name: str, lang: Lang | None) -> None:
    from stdschema.datasets import UnknownDatasetError, get_dataset, resolve_header

    try:
        model = get_dataset(mapping.target)
    except UnknownDatasetError:
        line, col = _node_place(root, ("target",), value=True)
        hint = _did_you_mean(_nearest_dataset(mapping.target), lang)
        raise MappingError.of(
            "mapping.unknown_target", lang, name, line, col, target=mapping.target, hint=hint
        ) from None
    if "@" not in mapping.target:
        mapping.target = model.__dataset__.key
    filled: dict[str, tuple[str, int | None]] = {}
    for column, rule in mapping.columns.items():
        line, col = _node_place(root, ("columns", column))
        found = resolve_header(model, column)
        if found is None:
            hint = _did_you_mean(_nearest_column(model, column), lang)
            raise MappingError.of(
                "mapping.unknown_column", lang, name, line, col,
                column_name=column, dataset=model.__dataset__.key, hint=hint,
            )  # fmt: skip
        header = found[0].header
        if header in filled:
            other, other_line = filled[header]
            raise MappingError.of(
                "mapping.duplicate_target", lang, name, line, col,
                column_name=column, other=other, other_line=other_line, header=header,
            )  # fmt: skip
        filled[header] = (column, line)
        for index, spec in enumerate(rule.transforms):
            _check_transform(spec, column, root, name, lang, index)


def _check_transform(
    spec: Any, column: str, root: yaml.Node | None, name: str, lang: Lang | None, index: int
) -> None:
    from stdschema.conversion.transforms import (
        TRANSFORMS,
        BadArgumentError,
        UnknownTransformError,
        resolve,
    )

    try:
        resolve(spec)
    except (UnknownTransformError, BadArgumentError) as exc:
        line, col = _node_place(root, ("columns", column, "transforms", index))
        if isinstance(exc, UnknownTransformError):
            hint = _did_you_mean([exc.suggestion] if exc.suggestion else [], lang)
            key, values = "mapping.unknown_transform", {"name": exc.name, "hint": hint}
        else:
            key, values = _bad_argument(spec, exc, TRANSFORMS, lang)
        raise MappingError.of(key, lang, name, line, col, column_name=column, **values) from None


def _bad_argument(
    spec: Any, exc: Exception, transforms: Any, lang: Lang | None
) -> tuple[str, dict[str, Any]]:
    """The catalogue key and values for a transform spec whose argument is wrong."""
    if isinstance(spec, str):
        tname, raw = spec, None
    elif isinstance(spec, dict) and len(spec) == 1 and isinstance(next(iter(spec)), str):
        ((tname, raw),) = spec.items()
    else:
        return "mapping.transform_shape", {"value": _show(spec, lang)}
    transform = transforms[tname]
    example = transform.argument_example
    if raw is None:
        return "mapping.transform_needs_argument", {"name": tname, "example": example}
    if transform.takes_argument is False:
        return "mapping.transform_no_argument", {"name": tname}
    # The argument's own failure (BadArgumentError.inner), worded in the reader's language.
    localized = getattr(getattr(exc, "inner", None) or exc, "localized", None)
    if callable(localized):
        detail = str(localized(lang))
    elif (lang or default_lang()) == "en":
        detail = str(exc).removeprefix(f"transform {tname!r}: ").split("; e.g. ")[0]
    else:  # the transform's own words are English: show what was written instead
        detail = _show(raw, lang)
    return "mapping.transform_bad_argument", {"name": tname, "detail": detail, "example": example}
