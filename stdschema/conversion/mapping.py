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
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from stdschema.messages import Lang, t

MAX_MAPPING_BYTES = 1024 * 1024

TransformSpec = str | dict[str, Any]


class MappingError(ValueError):
    """A mapping file that cannot be used, located at a line when possible."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = " ".join(message.split())
        self.path = path
        self.line = line
        where = f"{path}:{line}" if path and line else (path or "")
        super().__init__(f"{where}: {self.message}" if where else self.message)


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
        if len(given) > 1:
            raise ValueError(
                f"give only one of source, concat and constant (got {', '.join(given)})"
            )
        if not given and self.default is None:
            raise ValueError("give one of source, concat, constant or default")
        return self


class Mapping(_Strict):
    """A whole mapping file."""

    version: Literal[1] = 1
    target: str = Field(description="Target dataset and edition, e.g. public_toilets@v2.")
    source: SourceOptions = Field(default_factory=SourceOptions)
    context: Context = Field(default_factory=Context)
    columns: dict[str, ColumnRule] = Field(description="Standard column → how to fill it.")

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


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors/aliases: they allow exponential documents ("YAML bombs").

    Repeated keys in one mapping are refused rather than last-wins.
    """

    lang: Lang | None = None

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None,
                None,
                "YAML aliases (*name) are not allowed in mapping files",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def scan_flow_scalar_non_spaces(self, double: bool, start_mark: Any) -> Any:
        # Escapes reach chr() unchecked: "\UFFFFFFFF" raises OverflowError or ValueError,
        # and "\uD800" makes a lone surrogate that no output file can encode.
        problem = None
        try:
            chunks = super().scan_flow_scalar_non_spaces(double, start_mark)
        except (ValueError, OverflowError):
            problem = "escape sequence beyond the last Unicode character (\\U0010FFFF)"
        else:
            if any(_SURROGATE.search(chunk) for chunk in chunks):
                problem = "escape of a lone surrogate (D800-DFFF); write the character itself"
        if problem is not None:
            raise yaml.scanner.ScannerError(
                "while scanning a double-quoted scalar", start_mark, problem, self.get_mark()
            )
        return chunks

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        # PyYAML keeps the last of two equal keys: a second 名称 would silently replace the first.
        seen: dict[Any, Any] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node)  # "yes" and "true" are the same key
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    t(
                        "misc.mapping_duplicate_key",
                        self.lang,
                        name=key_node.value,
                        first=seen[key],
                    ),
                    key_node.start_mark,
                )
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
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{shown!r} is not a valid {kind}; quote it if it is text",
                node.start_mark,
            ) from None


def _node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (keys and list indexes), or its nearest parent."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    node = v
                    line = k.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def load_mapping(path: str | os.PathLike[str], lang: Lang | None = None) -> Mapping:
    """Read and check a mapping file. Raises :class:`MappingError` with file and line."""
    p = Path(path)
    name = str(p)
    try:
        mode = p.stat().st_mode
        if stat.S_ISDIR(mode):
            raise MappingError("mapping path is a directory", name)
        if not stat.S_ISREG(mode):
            # A FIFO blocks on open; a device such as /dev/zero reports size 0 and never ends.
            raise MappingError(
                "mapping file is not a regular file (a FIFO, socket or device)", name
            )
        with open(p, "rb") as f:
            data = f.read(MAX_MAPPING_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(data) > MAX_MAPPING_BYTES:
            raise MappingError("mapping file is larger than 1 MiB", name)
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise MappingError("mapping file not found", name) from None
    except IsADirectoryError:
        raise MappingError("mapping path is a directory", name) from None
    except PermissionError:
        raise MappingError("mapping file cannot be read (permission denied)", name) from None
    except UnicodeDecodeError as exc:
        raise MappingError(f"mapping file is not UTF-8 text (byte {exc.start})", name) from None
    except OSError as exc:  # e.g. a parent that is a file, a symlink loop
        raise MappingError(f"mapping file cannot be read: {exc.strerror or exc}", name) from None
    return parse_mapping(text, name, lang)


def parse_mapping(text: str, name: str = "<mapping>", lang: Lang | None = None) -> Mapping:
    """Parse mapping YAML text; see :func:`load_mapping`."""

    class Loader(_NoAliasLoader):
        pass

    Loader.lang = lang
    try:
        root = yaml.compose(text, Loader=Loader)
        data = yaml.load(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        raise MappingError(
            f"invalid YAML: {reason}", name, mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise MappingError(f"invalid YAML: {exc}", name) from None
    except RecursionError:
        # PyYAML composes nested collections recursively: "[[[[…" a few hundred deep.
        raise MappingError("invalid YAML: collections are nested too deeply", name) from None
    if not isinstance(data, dict):
        raise MappingError("a mapping file is a YAML mapping with target and columns", name, 1)
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        where = ".".join(str(part) for part in loc) or "top level"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            allowed = _allowed_keys(loc)
            hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            message = f"unknown key {loc[-1]!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
        raise MappingError(f"{where}: {message}", name, _node_line(root, loc)) from None
    _check_target(mapping, root, name)
    if not mapping.columns:
        # Every output cell would be blank: rows of nothing, written as if converted.
        raise MappingError(t("misc.mapping_no_columns", lang), name, _node_line(root, ("columns",)))
    return mapping


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    if loc[:1] == ("source",):
        return list(SourceOptions.model_fields)
    if loc[:1] == ("context",):
        return list(Context.model_fields)
    if loc[:1] == ("columns",):
        return list(ColumnRule.model_fields)
    return list(Mapping.model_fields)


def _check_target(mapping: Mapping, root: yaml.Node | None, name: str) -> None:
    from stdschema.conversion.transforms import BadArgumentError, UnknownTransformError, resolve
    from stdschema.datasets import UnknownDatasetError, get_dataset, resolve_header

    try:
        model = get_dataset(mapping.target)
    except UnknownDatasetError as exc:
        raise MappingError(f"target: {exc}", name, _node_line(root, ("target",))) from None
    if "@" not in mapping.target:
        mapping.target = model.__dataset__.key
    options = [c.header for c in model.__columns__] + [c.attr for c in model.__columns__]
    for column, rule in mapping.columns.items():
        line = _node_line(root, ("columns", column))
        found = resolve_header(model, column)
        if found is None:
            hint = difflib.get_close_matches(column, options, n=1, cutoff=0.4)
            raise MappingError(
                f"columns: {column!r} is not a column of {model.__dataset__.key}"
                + (f"; did you mean {hint[0]!r}?" if hint else ""),
                name,
                line,
            )
        for index, spec in enumerate(rule.transforms):
            try:
                resolve(spec)
            except (UnknownTransformError, BadArgumentError) as exc:
                message = exc.args[0] if exc.args else str(exc)
                raise MappingError(
                    f"columns.{column}.transforms: {message}",
                    name,
                    _node_line(root, ("columns", column, "transforms", index)),
                ) from None
