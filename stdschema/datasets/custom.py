"""Dataset models built at run time from a file (``--schema FILE`` of validate and convert).

Two kinds of file define a dataset the project does not ship:

- a **Table Schema** (JSON or YAML with ``fields``), such as the ones ``stdschema schema
  export`` writes: ``constraints.required`` makes a ◎ column, ``unique`` an ID column, and
  the Japanese value rules are named formats (``"format": "local-gov-code"``, or
  ``"x-stdschema": {"format": ...}`` in a file frictionless must also read);
- a **dataset YAML** (``columns``): the same facts written flat (``docs/table-schema.md``).

Either becomes a :class:`~stdschema.datasets.base.DatasetRecord` subclass declared with
:func:`~stdschema.datasets.base.col`, exactly as a generated module declares one, so every
check, both engines and fix mode treat it like a shipped edition. A file that cannot define
a dataset raises :class:`SchemaFileError`, worded from the catalogue.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Final

from stdschema.datasets.base import (
    EDITIONS,
    Confidence,
    DatasetInfo,
    DatasetRecord,
    Edition,
    Requirement,
    col,
)
from stdschema.messages import CatalogueError

__all__ = ["FORMAT_ALIASES", "SchemaFileError", "format_names", "load_dataset_file"]


class SchemaFileError(CatalogueError, ValueError):
    """A ``--schema`` file that does not define a dataset (one line, from the catalogue)."""


# Table Schema field types that state one of the standard's rules (frictionless' names).
_TYPES: Final[dict[str, str | None]] = {
    "string": None,
    "any": None,
    "number": "number",
    "date": "date",
}
_CONSTRAINTS: Final = ("required", "unique", "pattern", "enum", "minimum")
_FIELD_KEYS: Final = ("name", "title", "description", "format", "required", "recommended")
_YAML_FIELD_KEYS: Final = (*_FIELD_KEYS, "unique", "enum", "example", "confirmed")
_YAML_KEYS: Final = ("id", "edition", "name", "name_en", "description", "columns")
FORMAT_ALIASES: Final[dict[str, str]] = {"default": "text", "string": "text"}
"""Format names that mean "no rule" (Table Schema's own default)."""

_ID = re.compile(r"[a-z][a-z0-9_]*")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def format_names() -> dict[str, str]:
    """Every named format a column can give → its rule key (``local-gov-code`` and
    ``local_gov_code`` both name ``local_gov_code``)."""
    from stdschema.schema.table_schema import format_name
    from stdschema.types import RULES

    names = {format_name(key): key for key in RULES}
    names.update({key: key for key in RULES})
    names.update(FORMAT_ALIASES)
    return names


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    rule: str
    requirement: Requirement
    confirmed: bool = True
    title: str | None = None
    description: str | None = None
    example: str | None = None
    allowed_values: tuple[str, ...] = ()
    likely_required: bool = False


@dataclass(slots=True)
class _Reader:
    """Reads one file's definition, raising :class:`SchemaFileError` at the first fault."""

    path: str

    def fail(self, name: str, /, **values: object) -> SchemaFileError:
        """The error of catalogue entry ``custom.<name>`` about this file."""
        return SchemaFileError(f"custom.{name}", path=self.path, **values)

    # -- the file ---------------------------------------------------------------------

    def load(self, text: str, suffix: str) -> Any:
        import yaml

        try:
            if suffix == ".json":
                return json.loads(text)
            return yaml.safe_load(text)
        except json.JSONDecodeError as exc:
            raise self.fail("syntax", line=exc.lineno, reason=exc.msg) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            reason = getattr(exc, "problem", None) or type(exc).__name__
            raise self.fail("syntax", line=line, reason=reason) from None

    def dataset(self, doc: Any, stem: str) -> type[DatasetRecord]:
        if isinstance(doc, Mapping) and isinstance(doc.get("fields"), list):
            return self.table_schema(doc, stem)
        if isinstance(doc, Mapping) and ("columns" in doc or "id" in doc):
            return self.dataset_yaml(doc)  # a misspelt key is named there
        raise self.fail("not_a_schema")

    # -- Table Schema -----------------------------------------------------------------

    def table_schema(self, doc: Mapping[str, Any], stem: str) -> type[DatasetRecord]:
        extra = doc.get("x-stdschema")
        extra = extra if isinstance(extra, Mapping) else {}
        if doc.get("missingValues", [""]) != [""]:
            # stdschema takes only an empty cell as blank; "-" or "NA" would be values here.
            raise self.fail("missing_values", value=doc["missingValues"])
        columns = [self.ts_field(f, i) for i, f in enumerate(doc["fields"], 1)]
        key = doc.get("primaryKey", [])
        for name in [key] if isinstance(key, str) else key:
            # A primary key is unique and required: stdschema checks uniqueness of IDs only.
            at = next((i for i, c in enumerate(columns) if c.header == name), None)
            if at is None:
                raise self.fail("primary_key", value=name)
            self.check_unique(True, columns[at].rule, name)
            columns[at] = replace(columns[at], requirement=Requirement.REQUIRED)
        dataset_id = extra.get("id") or _slug(stem)
        return self.build(
            dataset_id,
            extra.get("edition", "v2"),
            str(extra.get("name_ja") or doc.get("title") or dataset_id),
            str(extra.get("name_en") or ""),
            columns,
        )

    def ts_field(self, field: Any, index: int) -> _Column:
        header = self.header(field, index)
        extra = field.get("x-stdschema")
        extra = extra if isinstance(extra, Mapping) else {}
        constraints = field.get("constraints") or {}
        if not isinstance(constraints, Mapping):
            raise self.fail("bad_value", field=header, item="constraints", value=constraints)
        for name in constraints:
            if name not in _CONSTRAINTS:
                raise self.fail(
                    "unsupported_constraint",
                    field=header,
                    name=name,
                    supported=", ".join(_CONSTRAINTS[:-1]),
                )
        rule = self.type_rule(field, header, constraints)
        named = extra.get("format", field.get("format"))
        if named is not None and named not in FORMAT_ALIASES:
            rule = self.rule(named, header)
        required = self.flag(constraints, "required", header)
        requirement = Requirement.REQUIRED if required else Requirement.OPTIONAL
        if "requirement" in extra:
            try:
                requirement = Requirement(extra["requirement"])
            except ValueError:
                raise self.fail(
                    "bad_value", field=header, item="requirement", value=extra["requirement"]
                ) from None
        confirmed = extra.get("confirmed", True) is not False
        enum = self.strings(constraints.get("enum", extra.get("enum")), header, "enum")
        rule, enum = self.vocabulary(rule, enum)
        self.check_pattern(constraints.get("pattern"), rule, header)
        self.check_unique(self.flag(constraints, "unique", header), rule, header)
        return _Column(
            header=header,
            rule=rule,
            requirement=requirement,
            confirmed=confirmed,
            title=_text(field.get("title")),
            description=_text(field.get("description")),
            example=_text(field.get("example")),
            allowed_values=enum,
            likely_required=extra.get("likely_required") is True,
        )

    def type_rule(self, field: Mapping[str, Any], header: str, constraints: Any) -> str:
        """The rule a Table Schema type states (string: none; integer needs minimum 0)."""
        kind = field.get("type", "string")
        if kind == "integer" and constraints.get("minimum") == 0:
            return "count"
        if "minimum" in constraints:
            raise self.fail(
                "unsupported_constraint",
                field=header,
                name="minimum",
                supported=", ".join(_CONSTRAINTS[:-1]),
            )
        if kind not in _TYPES:
            raise self.fail("unsupported_type", field=header, value=kind)
        return _TYPES[kind] or "text"

    # -- dataset YAML -----------------------------------------------------------------

    def dataset_yaml(self, doc: Mapping[str, Any]) -> type[DatasetRecord]:
        self.known_keys(doc, _YAML_KEYS, None)
        if "id" not in doc:
            raise self.fail("missing_id")
        if not isinstance(doc.get("columns"), list):
            raise self.fail("no_columns")
        columns = [self.yaml_column(c, i) for i, c in enumerate(doc["columns"], 1)]
        return self.build(
            doc["id"],
            doc.get("edition", "v2"),
            str(doc.get("name") or doc["id"]),
            str(doc.get("name_en") or ""),
            columns,
        )

    def yaml_column(self, column: Any, index: int) -> _Column:
        header = self.header(column, index)
        self.known_keys(column, _YAML_FIELD_KEYS, header)
        rule = "text" if column.get("format") is None else self.rule(column["format"], header)
        enum = self.strings(column.get("enum"), header, "enum")
        rule, enum = self.vocabulary(rule, enum)
        self.check_unique(self.flag(column, "unique", header), rule, header)
        if self.flag(column, "required", header):
            requirement = Requirement.REQUIRED
        elif self.flag(column, "recommended", header):
            requirement = Requirement.RECOMMENDED
        else:
            requirement = Requirement.OPTIONAL
        return _Column(
            header=header,
            rule=rule,
            requirement=requirement,
            confirmed=self.flag(column, "confirmed", header, default=True),
            title=_text(column.get("title")),
            description=_text(column.get("description")),
            example=_text(column.get("example")),
            allowed_values=enum,
        )

    # -- shared -----------------------------------------------------------------------

    def header(self, field: Any, index: int) -> str:
        if not isinstance(field, Mapping):
            raise self.fail("field_not_mapping", index=index)
        name = field.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail("field_name", index=index)
        return name

    def known_keys(
        self, doc: Mapping[str, Any], known: tuple[str, ...], column: str | None
    ) -> None:
        """Raise for the first key not in ``known`` (of a column, or of the file itself)."""
        for key in doc:
            if key not in known:
                near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
                hint = near[0] if near else ", ".join(known)
                if column is None:
                    raise self.fail("unknown_key", item=key, hint=hint)
                raise self.fail("unknown_column_key", field=column, item=key, hint=hint)

    def rule(self, named: Any, header: str) -> str:
        names = format_names()
        if isinstance(named, str) and named in names:
            return names[named]
        near = difflib.get_close_matches(str(named), list(names), n=1, cutoff=0.5)
        raise self.fail(
            "unknown_format",
            field=header,
            value=named,
            hint=near[0] if near else ", ".join(sorted(n for n in names if "-" in n)),
        )

    def flag(self, doc: Mapping[str, Any], key: str, header: str, *, default: bool = False) -> bool:
        value = doc.get(key, default)
        if not isinstance(value, bool):
            raise self.fail("bad_value", field=header, item=key, value=value)
        return value

    def strings(self, value: Any, header: str, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail("bad_value", field=header, item=key, value=value)
        return tuple(value)

    def vocabulary(self, rule: str, enum: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """An ``enum`` that is one of the standard's vocabularies is that rule (an error when
        broken); any other is a list of allowed values (a warning, as the legacy ones)."""
        from stdschema.schema.table_schema import VOCABULARY_RULES, vocabulary

        if enum and rule == "text":
            for key in sorted(VOCABULARY_RULES):
                if tuple(vocabulary(key)) == enum:
                    return key, ()
        if enum and rule in VOCABULARY_RULES:
            return rule, () if tuple(vocabulary(rule)) == enum else enum
        return rule, enum

    def check_pattern(self, pattern: Any, rule: str, header: str) -> None:
        """A pattern is accepted where it is the named rule's own, as exported: stdschema
        checks rules, not free regular expressions."""
        from stdschema.schema.table_schema import NOT_BLANK, cell_pattern, rule_pattern

        own = rule_pattern(rule)
        accepted = {NOT_BLANK}
        if own is not None:
            accepted |= {own, *(cell_pattern(own, required) for required in (True, False))}
        if pattern is None or pattern in accepted:
            return
        raise self.fail("pattern", field=header, value=pattern)

    def check_unique(self, unique: bool, rule: str, header: str) -> None:
        if unique and rule != "record_id":
            raise self.fail("unique", field=header)

    def build(
        self,
        dataset_id: Any,
        edition: Any,
        name_ja: str,
        name_en: str,
        columns: list[_Column],
    ) -> type[DatasetRecord]:
        if not isinstance(dataset_id, str) or not _ID.fullmatch(dataset_id):
            raise self.fail("bad_id", value=dataset_id)
        if edition not in EDITIONS:
            raise self.fail("bad_edition", value=edition, expected=", ".join(EDITIONS))
        if not columns:
            raise self.fail("no_columns")
        seen: set[str] = set()
        for c in columns:
            if c.header in seen:
                raise self.fail("duplicate", field=c.header)
            seen.add(c.header)
        info = DatasetInfo(
            id=dataset_id,
            edition=_edition(edition),
            name_ja=name_ja,
            name_en=name_en,
            slug=None,
            sheet=None,
            version=f"--schema {os.path.basename(self.path)}",
            confidence=Confidence.COMPLETE,
            status="defined at run time by --schema",
        )
        return _model(info, columns)


def _edition(value: str) -> Edition:
    return "v1" if value == "v1" else "v2"


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9_]+", "_", stem.lower().split("@")[0]).strip("_")
    return slug if _ID.fullmatch(slug) else f"custom_{slug}".rstrip("_")


def _attr(column: _Column, no: int, taken: set[str]) -> str:
    """The column's attribute name: its title when that is a plain identifier no model
    attribute uses, else ``column_<no>``."""
    title = column.title or ""
    if _IDENTIFIER.fullmatch(title) and not hasattr(DatasetRecord, title) and title not in taken:
        return title
    attr = f"column_{no}"
    while attr in taken:  # a title may have taken it
        attr += "_"
    return attr


def _model(info: DatasetInfo, columns: list[_Column]) -> type[DatasetRecord]:
    from stdschema.types import RULES

    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__, "__dataset__": info}
    taken: set[str] = set()
    for no, c in enumerate(columns, 1):
        attr = _attr(c, no, taken)
        taken.add(attr)
        # As the generated modules: a confirmed rule types the field, others are text.
        kind: Any = RULES[c.rule].type if c.confirmed else str
        required = c.requirement is Requirement.REQUIRED and c.rule != "flag_1"
        annotations[attr] = kind if required else kind | None
        namespace[attr] = col(
            no,
            c.header,
            requirement=c.requirement,
            rule=c.rule,
            rule_confirmed=c.confirmed,
            english_name=c.title,
            format=None,
            example=c.example,
            description=c.description,
            allowed_values=c.allowed_values,
            requirement_hint=Requirement.REQUIRED if c.likely_required else None,
        )
    namespace["__annotations__"] = annotations
    namespace["__doc__"] = f"{info.name_ja} ({info.key}), defined by {info.version}."
    name = "".join(part.title() for part in info.id.split("_")) + info.edition.upper()
    model: type[DatasetRecord] = type(name, (DatasetRecord,), namespace)
    return model


def load_dataset_file(path: str | os.PathLike[str]) -> type[DatasetRecord]:
    """The dataset model a Table Schema or dataset YAML file defines.

    Raises :class:`SchemaFileError` (one line, from the catalogue) for a file that cannot be
    read or does not define a dataset. The model is built once a file and version.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise SchemaFileError(
            "custom.unreadable", path=str(path), reason=exc.strerror or str(exc)
        ) from None
    return _load(str(path), st.st_mtime_ns, st.st_size)


@cache
def _load(path: str, mtime_ns: int, size: int) -> type[DatasetRecord]:
    reader = _Reader(path)
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise reader.fail("not_utf8") from None
    except OSError as exc:
        raise reader.fail("unreadable", reason=exc.strerror or str(exc)) from None
    doc = reader.load(text, p.suffix.lower())
    return reader.dataset(doc, p.stem)
