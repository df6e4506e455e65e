"""How a conversion fills the standard columns: the column rules and their transforms.

``prepare`` turns a mapping (or, in fix mode, the input header) into a :class:`RunPlan`;
``ColumnPlan.fill`` makes the standard cells of one source row and logs every change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from stdschema.conversion.mapping import ColumnRule, Mapping, MappingError, check_sources
from stdschema.conversion.source import Source
from stdschema.conversion.transforms import (
    Transform,
    TransformContext,
    TransformError,
    apply_chain,
    resolve,
)
from stdschema.datasets import Column, DatasetRecord, resolve_header
from stdschema.io.notes import note_text
from stdschema.messages import Lang, t

Mode = Literal["mapping", "fix", "upgrade"]

Change = tuple[int, str, str, str, str]
"""One change-log row: line, column, before, after, transform."""


class ColumnPlan:
    """How each standard column is filled from a source row."""

    def __init__(
        self,
        model: type[DatasetRecord],
        rules: dict[str, ColumnRule],
        context: dict[str, str],
        safe_repairs: frozenset[str],
    ) -> None:
        self.model = model
        self.columns: tuple[Column, ...] = model.__columns__
        self.rules = rules
        self.chains: dict[str, list[tuple[Transform, Any]]] = {
            h: [resolve(s) for s in r.transforms] for h, r in rules.items()
        }
        self.context = context
        # Fix and upgrade modes apply the value rules' safe repairs after the rules.
        self.safe_repairs = safe_repairs

    def fill(
        self, line: int, row: dict[str, str], log: list[Change]
    ) -> tuple[dict[str, str], list[tuple[str, TransformError]]]:
        """Standard cells for one source row, and (column, error) of each transform error.

        A cell whose chain failed keeps its value before the chain (``error.value`` is the
        failing step's input)."""
        cells: dict[str, str] = {}
        errors: list[tuple[str, TransformError]] = []
        ctx = TransformContext(
            publisher_code=self.context.get("publisher_code"),
            prefecture=self.context.get("prefecture"),
            filename=self.context.get("filename"),
            row=row,
        )
        for column in self.columns:
            rule = self.rules.get(column.header)
            if rule is None:
                cells[column.header] = ""
                continue
            try:
                cells[column.header] = self._cell(line, column.header, rule, row, ctx, log)
            except _CellError as exc:
                errors.append((column.header, exc.error))
                cells[column.header] = exc.value
        if self.safe_repairs:
            self._safe_repairs(line, cells, log)
        return cells, errors

    def _cell(
        self,
        line: int,
        header: str,
        rule: ColumnRule,
        row: dict[str, str],
        ctx: TransformContext,
        log: list[Change],
    ) -> str:
        value = _source_value(rule, row)
        if rule.map is not None and value in rule.map:
            mapped = rule.map[value]
            if mapped != value:
                log.append((line, header, value, mapped, "map"))
            value = mapped
        try:
            after, steps = apply_chain(value, self.chains[header], ctx)
        except TransformError as exc:
            raise _CellError(exc, value) from exc
        for name, before, changed in steps:
            log.append((line, header, before, changed, name))
        if after == "" and rule.default is not None:
            log.append((line, header, "", rule.default, "default"))
            return rule.default
        return after

    def _safe_repairs(self, line: int, cells: dict[str, str], log: list[Change]) -> None:
        from stdschema.normalize import suggest

        for column in self.columns:
            value = cells[column.header]
            if not value:
                continue
            stripped = value.strip()
            if stripped != value:  # spaces around a value are never part of it
                log.append((line, column.header, value, stripped, "strip"))
                cells[column.header] = value = stripped
                if not value:
                    continue
            repair = suggest(value, column.rule, **self.context)
            if repair is not None and repair.transform in self.safe_repairs:
                cells[column.header] = repair.after
                log.append((line, column.header, value, repair.after, repair.transform))


class _CellError(Exception):
    """A transform refused the value; the cell keeps ``value`` (before the chain)."""

    def __init__(self, error: TransformError, value: str) -> None:
        super().__init__(str(error))
        self.error = error
        self.value = value


def _source_value(rule: ColumnRule, row: dict[str, str]) -> str:
    if rule.constant is not None:
        return rule.constant
    if rule.concat is not None:
        parts = [row.get(name, "") for name in rule.concat]
        return rule.separator.join(p for p in parts if p)
    if rule.source is not None:
        return row.get(rule.source, "")
    return ""


@dataclass
class RunPlan:
    """Everything decided before the first row: rules, context, notes and unused columns."""

    mode: Mode
    columns: ColumnPlan
    notes: list[str]
    context: dict[str, str]
    unused: list[str]
    """Input columns no rule reads: their non-blank values are logged as dropped."""
    skip: int
    """Leading records the mapping skips (``source.skip_rows``)."""


def prepare(
    model: type[DatasetRecord],
    source: Source,
    src_path: Path,
    mapping: Mapping | None,
    mode: Mode | None,
    safe_repairs: frozenset[str],
    lang: Lang,
) -> RunPlan:
    """The plan of one conversion; raises :class:`MappingError` for a mapping that cannot run."""
    context: dict[str, str] = {"filename": src_path.name}
    if mapping is not None:
        context.update({k: v for k, v in mapping.context.model_dump().items() if v})
        rules = canonical_rules(model, mapping, lang)
        notes = [note_text(n, lang) for n in source.notes]
        if source.tabular:
            check_sources(mapping, source.header, src_path.name, lang)
        run_mode: Mode = mode or "mapping"
    else:
        rules, fix_notes = fix_rules(model, source.header, lang)
        notes = [note_text(n, lang) for n in source.notes] + fix_notes
        run_mode = mode or "fix"
    publisher = context.get("publisher_code") or publisher_from_filename(src_path)
    if publisher:
        context["publisher_code"] = publisher
    fix = run_mode in ("fix", "upgrade")
    plan = ColumnPlan(model, rules, context, safe_repairs if fix else frozenset())
    used = {n for r in rules.values() for n in ([r.source] if r.source else []) + (r.concat or [])}
    unused = [h for h in source.header if h.strip() and h not in used]
    if unused:
        notes.append(
            t(
                "convert.note_unused",
                lang,
                count=len(unused),
                target=model.__dataset__.key,
                columns=t("convert.list_sep", lang).join(unused),
            )
        )
    skip = mapping.source.skip_rows if mapping is not None else 0
    return RunPlan(run_mode, plan, notes, context, unused, skip)


def fix_rules(
    model: type[DatasetRecord], header: list[str], lang: Lang | None = None
) -> tuple[dict[str, ColumnRule], list[str]]:
    """Fix mode: each standard column from the input column that spells it (or a variant)."""
    rules: dict[str, ColumnRule] = {}
    notes: list[str] = []
    for cell in header:
        found = resolve_header(model, cell) if cell.strip() else None
        if found is None:
            continue
        column, exact = found
        if column.header in rules:
            notes.append(t("convert.note_repeats", lang, cell=cell, header=column.header))
            continue
        rules[column.header] = ColumnRule(source=cell)
        if not exact:
            notes.append(t("convert.note_read_as", lang, cell=cell, header=column.header))
    return rules, notes


def canonical_rules(
    model: type[DatasetRecord], mapping: Mapping, lang: Lang
) -> dict[str, ColumnRule]:
    """The mapping's rules keyed by the model's own headers (a key may be a variant)."""
    rules: dict[str, ColumnRule] = {}
    for key, rule in mapping.columns.items():
        found = resolve_header(model, key)
        if found is None:  # load_mapping has checked this; a Mapping built in code may not
            raise MappingError(
                t("convert.not_a_column", lang, entry=repr(key), target=mapping.target)
            )
        header = found[0].header
        if header in rules:
            raise MappingError(t("convert.fills_twice", lang, entry=repr(key), header=header))
        rules[header] = rule
    if not rules:  # parse_mapping refuses this; a Mapping built in code may not
        raise MappingError(t("misc.mapping_no_columns", lang))
    return rules


def publisher_from_filename(path: Path) -> str | None:
    """The 全国地方公共団体コード a file name starts with (``222127_…``), when valid."""
    stem = path.name[:6]
    if stem.isascii() and stem.isdigit() and path.name[6:7] in ("_", "-", "."):
        from stdschema.checkdigits import is_valid_local_gov_code

        return stem if is_valid_local_gov_code(stem) else None
    return None
