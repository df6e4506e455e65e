"""``stdschema.convert``: legacy file → standard file, a rejects file and a change log.

Every input record ends up in the output or in the rejects file with its
reasons (read = written + rejected), every change to a value is logged
(before → after, with the transform that made it), and the three files are
written atomically: after any error no output is left behind.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from stdschema import __version__
from stdschema.checks.collector import Collector
from stdschema.checks.header import HeaderPlan
from stdschema.checks.rows import RowChecker
from stdschema.conversion.mapping import ColumnRule, Mapping, MappingError, load_mapping
from stdschema.datasets import Column, DatasetRecord, get_dataset, resolve_header
from stdschema.messages import Lang, default_lang, t
from stdschema.problems import Severity

# normalize.suggest() repairs that change only the form of a value, never its
# meaning: these are what fix mode (no mapping) may apply.
SAFE_REPAIRS = frozenset(
    {
        "strip",
        "to_half_width",
        "digits_to_half_width",
        "kana_to_full_width",
        "hiragana_to_katakana",
        "normalize_local_gov_code",
        "repair_local_gov_code",
        "wareki_to_iso",
        "normalize_date",
        "normalize_time",
        "normalize_postal_code",
        "normalize_phone",
        "normalize_number",
    }
)

OUTPUT_FORMATS = ("csv", "jsonl", "json", "geojson", "xml")


class ConvertCounts(BaseModel):
    """Row accounting: ``read == written + rejected`` always holds."""

    read: int = 0
    written: int = 0
    rejected: int = 0
    repaired: int = Field(0, description="Written rows with at least one changed value.")
    changes: int = Field(0, description="Changed values of written rows (in the change log).")
    dropped: int = Field(
        0, description="Non-blank values of input columns the standard has no place for (logged)."
    )


class ConvertReport(BaseModel):
    """What one conversion did."""

    tool: str = f"stdschema {__version__}"
    input: str
    mode: Literal["mapping", "fix", "upgrade"]
    target: str
    output: str
    format: str
    rejects: str
    changes: str
    encoding: str | None = None
    counts: ConvertCounts
    reconciled: bool = Field(description="read == written + rejected.")
    rejected_by_code: dict[str, int] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


@dataclass
class _Source:
    """Records of the input as (line, cells by input column, raw cells)."""

    header: list[str]
    records: Iterator[tuple[int, dict[str, str], list[str]]]
    encoding: str | None
    tabular: bool
    notes: list[str] = field(default_factory=list)
    close: Callable[[], None] = lambda: None


def _open_source(
    path: Path,
    mapping: Mapping | None,
    encoding: str | None,
    canonical: type[DatasetRecord] | None = None,
) -> _Source:
    from stdschema.io import iter_xml_records, open_table, sniff

    opts = mapping.source if mapping else None
    fmt = (opts.format if opts and opts.format else None) or sniff(path)
    enc = encoding or (opts.encoding if opts else None)
    if fmt == "xml" and opts is not None and opts.record_xpath:
        it = iter_xml_records(path, opts.record_xpath, opts.namespaces or None, encoding=enc)

        def xml_records() -> Iterator[tuple[int, dict[str, str], list[str]]]:
            for line, rec in it:
                yield line, dict(rec), []

        name = it.encoding.name if it.encoding else None
        return _Source([], xml_records(), name, False, list(it.notes), it.close)
    table = open_table(
        path,
        encoding=enc,
        header_row=opts.header_row if opts else None,
        sheet=opts.sheet if opts else None,
        delimiter=opts.delimiter if opts else None,
    )
    header = list(table.header)
    # 高松市's '#property' marker column holds row numbers or IDs: keep it readable.
    labelled = any("'#property'" in note for note in table.notes)
    if labelled:
        header = ["#property", *header]
    if canonical is not None:
        # Read variant spellings (e.g. コ―ド with U+2015) as the layout's own headers.
        renamed = []
        for cell in header:
            found = resolve_header(canonical, cell) if cell.strip() else None
            renamed.append(found[0].header if found else cell)
        header = renamed

    def rows() -> Iterator[tuple[int, dict[str, str], list[str]]]:
        for record in table.records():
            cells = [record.label or "", *record.cells] if labelled else record.cells
            values: dict[str, str] = {}
            for i, name in enumerate(header):
                if name not in values:
                    values[name] = cells[i] if i < len(cells) else ""
            yield record.line, values, cells

    return _Source(
        header,
        rows(),
        table.encoding.name if table.encoding else None,
        True,
        list(table.notes),
        table.close,
    )


class _Plan:
    """How each standard column is filled from a source row."""

    def __init__(
        self,
        model: type[DatasetRecord],
        rules: dict[str, ColumnRule],
        context: dict[str, str],
        fix: bool,
    ) -> None:
        from stdschema.conversion.transforms import resolve

        self.model = model
        self.columns: tuple[Column, ...] = model.__columns__
        self.rules = rules
        self.chains = {h: [resolve(s) for s in r.transforms] for h, r in rules.items()}
        self.context = context
        self.fix = fix

    def fill(
        self, line: int, row: dict[str, str], log: list[tuple[int, str, str, str, str]]
    ) -> tuple[dict[str, str], list[str]]:
        """Standard cells for one source row, and the reasons it cannot be converted."""
        from stdschema.conversion.transforms import TransformContext, TransformError, apply_chain

        cells: dict[str, str] = {}
        reasons: list[str] = []
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
            if rule.constant is not None:
                value = rule.constant
            elif rule.concat is not None:
                parts = [row.get(name, "") for name in rule.concat]
                value = rule.separator.join(p for p in parts if p)
            elif rule.source is not None:
                value = row.get(rule.source, "")
            else:
                value = ""
            if rule.map is not None and value in rule.map:
                mapped = rule.map[value]
                if mapped != value:
                    log.append((line, column.header, value, mapped, "map"))
                value = mapped
            try:
                after, steps = apply_chain(value, self.chains[column.header], ctx)
            except TransformError as exc:
                reasons.append(f"{column.header}: {exc}")
                cells[column.header] = value
                continue
            for name, before, changed in steps:
                log.append((line, column.header, before, changed, name))
            value = after
            if value == "" and rule.default is not None:
                value = rule.default
                log.append((line, column.header, "", value, "default"))
            cells[column.header] = value
        if self.fix:
            self._safe_repairs(line, cells, log)
        return cells, reasons

    def _safe_repairs(
        self, line: int, cells: dict[str, str], log: list[tuple[int, str, str, str, str]]
    ) -> None:
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
            if repair is not None and repair.transform in SAFE_REPAIRS:
                cells[column.header] = repair.after
                log.append((line, column.header, value, repair.after, repair.transform))


def _fix_rules(
    model: type[DatasetRecord], header: list[str]
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
            notes.append(f"column {cell!r} repeats {column.header}; the first one is used")
            continue
        rules[column.header] = ColumnRule(source=cell)
        if not exact:
            notes.append(f"column {cell!r} read as {column.header}")
    return rules, notes


def _canonical_rules(
    model: type[DatasetRecord], mapping: Mapping, lang: Lang
) -> dict[str, ColumnRule]:
    rules: dict[str, ColumnRule] = {}
    for key, rule in mapping.columns.items():
        found = resolve_header(model, key)
        if found is None:  # load_mapping has checked this; a Mapping built in code may not
            raise MappingError(f"columns: {key!r} is not a column of {mapping.target}")
        header = found[0].header
        if header in rules:
            raise MappingError(f"columns: {key!r} and another entry both fill {header}")
        rules[header] = rule
    if not rules:  # parse_mapping refuses this; a Mapping built in code may not
        raise MappingError(t("misc.mapping_no_columns", lang))
    return rules


def _publisher_from_filename(path: Path) -> str | None:
    stem = path.name[:6]
    if stem.isascii() and stem.isdigit() and path.name[6:7] in ("_", "-", "."):
        from stdschema.checkdigits import is_valid_local_gov_code

        return stem if is_valid_local_gov_code(stem) else None
    return None


def default_side_paths(output: Path) -> tuple[Path, Path]:
    """``OUT.rejects.csv`` and ``OUT.changes.csv`` beside the output."""
    return (
        output.with_name(output.name + ".rejects.csv"),
        output.with_name(output.name + ".changes.csv"),
    )


def convert(
    input_path: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str],
    mapping: Mapping | str | os.PathLike[str] | None = None,
    dataset: str | None = None,
    fmt: str | None = None,
    bom: bool = False,
    rejects: str | os.PathLike[str] | None = None,
    changes: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    lang: Lang | None = None,
    mode: Literal["mapping", "fix", "upgrade"] | None = None,
    canonical: type[DatasetRecord] | None = None,
) -> ConvertReport:
    """Convert ``input_path`` to the standard format.

    With ``mapping`` (a :class:`Mapping` or a YAML path) columns are filled as
    it says; with only ``dataset`` the file is taken as near-standard and only
    safe repairs are made (fix mode). Raises :class:`stdschema.io.InputError`
    for unreadable input and :class:`MappingError` for a broken mapping.
    """
    from stdschema.conversion.writers import OutputSet, make_writer

    src_path = Path(input_path)
    out_path = Path(output)
    language = lang or default_lang()
    if isinstance(mapping, (str, os.PathLike)):
        mapping = load_mapping(mapping, language)
    if mapping is None and dataset is None:
        raise MappingError("give a mapping file (--mapping) or a target dataset (--dataset)")
    model = get_dataset(mapping.target if mapping is not None else str(dataset))
    out_fmt = fmt or (out_path.suffix.lstrip(".").lower() or "csv")
    if out_fmt not in OUTPUT_FORMATS:
        raise MappingError(
            f"unknown output format {out_fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}"
        )
    rejects_path, changes_path = default_side_paths(out_path)
    rejects_path = Path(rejects) if rejects else rejects_path
    changes_path = Path(changes) if changes else changes_path

    source = _open_source(src_path, mapping, encoding, canonical)
    context: dict[str, str] = {"filename": src_path.name}
    if mapping is not None:
        context.update({k: v for k, v in mapping.context.model_dump().items() if v})
        rules = _canonical_rules(model, mapping, language)
        notes = list(source.notes)
        if source.tabular:
            known = set(source.header)
            for name in mapping.input_columns():
                if name not in known:
                    import difflib

                    hint = difflib.get_close_matches(name, source.header, n=1)
                    source.close()
                    raise MappingError(
                        f"input column {name!r} is not in {src_path.name}"
                        + (f"; did you mean {hint[0]!r}?" if hint else "")
                        + f" (columns: {', '.join(source.header[:12])}{' …' if len(source.header) > 12 else ''})"
                    )
        run_mode = mode or "mapping"
    else:
        rules, notes = _fix_rules(model, source.header)
        notes = list(source.notes) + notes
        run_mode = mode or "fix"
    publisher = context.get("publisher_code") or _publisher_from_filename(src_path)
    if publisher:
        context["publisher_code"] = publisher
    plan = _Plan(model, rules, context, fix=run_mode in ("fix", "upgrade"))
    used = {n for r in rules.values() for n in ([r.source] if r.source else []) + (r.concat or [])}
    unused = [h for h in source.header if h.strip() and h not in used]
    if unused:
        notes.append(
            f"{len(unused)} input column(s) have no place in {model.__dataset__.key} and are not "
            f"written (their values are listed in the change log as dropped): {', '.join(unused)}"
        )
    skip = mapping.source.skip_rows if mapping is not None else 0

    headers = model.headers()
    header_plan = HeaderPlan(len(headers), tuple(enumerate(model.__columns__)), tuple(headers))
    # IDs are checked below (seen_ids), on written rows only: the checker need not track them.
    checker = RowChecker(
        model, header_plan, Collector(str(src_path), language), context, track_unique=False
    )
    counts = ConvertCounts()
    rejected_by: dict[str, int] = {}
    seen_ids: dict[str, dict[str, int]] = {
        c.header: {} for c in model.__columns__ if c.rule == "record_id"
    }

    try:
        with OutputSet() as outputs:
            out_stream = outputs.open_text(out_path, bom=bom)
            writer = make_writer(out_fmt, out_stream, model)
            rej_stream = outputs.open_text(rejects_path, bom=bom)
            rej_writer = csv.writer(rej_stream, lineterminator="\r\n")
            if source.tabular:
                rej_writer.writerow(["line", "reasons", *source.header])
            else:
                rej_writer.writerow(["line", "reasons", "record"])
            chg_stream = outputs.open_text(changes_path, bom=bom)
            chg_writer = csv.writer(chg_stream, lineterminator="\r\n")
            chg_writer.writerow(["line", "column", "before", "after", "transform"])

            def reject(
                line: int, reasons: list[str], row: dict[str, str], raw: list[str], codes: list[str]
            ) -> None:
                counts.rejected += 1
                for code in codes:
                    rejected_by[code] = rejected_by.get(code, 0) + 1
                text = "; ".join(reasons)
                if source.tabular:
                    rej_writer.writerow([line, text, *raw])
                else:
                    rej_writer.writerow([line, text, json.dumps(row, ensure_ascii=False)])

            for index, (line, row, raw) in enumerate(source.records):
                counts.read += 1
                if index < skip:
                    reject(
                        line, ["skipped by the mapping (source.skip_rows)"], row, raw, ["skipped"]
                    )
                    continue
                if not any(v.strip() for v in row.values()) and not any(c.strip() for c in raw):
                    reject(line, ["blank row"], row, raw, ["blank-row"])
                    continue
                log: list[tuple[int, str, str, str, str]] = []
                cells, reasons = plan.fill(line, row, log)
                codes = ["transform-error"] * len(reasons)
                if source.tabular and any(c.strip() for c in raw[len(source.header) :]):
                    # Cells past the header usually mean a shifted row: never drop them.
                    reasons.append(
                        f"the row has {len(raw)} cells, more than the header's {len(source.header)}"
                    )
                    codes.append("extra-cell")
                if not reasons and not any(v.strip() for v in cells.values()):
                    # A non-blank input record the mapping turned into nothing: writing a row
                    # of blanks would count it as converted while its data is gone.
                    reasons.append(t("misc.blank_output", language))
                    codes.append("blank-output")
                out = Collector(str(src_path), language)
                checker.out = out  # a fresh collector a row: its problems are this row's
                checker.check(line, [cells[h] for h in headers])
                for p in out.problems:
                    if p.severity is Severity.ERROR:
                        reasons.append(p.message)
                        codes.append(p.code)
                for header, ids in seen_ids.items():
                    value = cells.get(header, "")
                    if value and not reasons:
                        if value in ids:
                            reasons.append(f"{header}: {value} repeats line {ids[value]}")
                            codes.append("unique-error")
                        else:
                            ids[value] = line
                if reasons:
                    reject(line, reasons, row, raw, codes)
                    continue
                for header, before, after in writer.write(cells):
                    kind = (
                        "neutralise_formula"
                        if after == "'" + before
                        else "replace_invalid_xml_char"
                    )
                    log.append((line, header, before, after, kind))
                counts.written += 1
                if log:
                    counts.repaired += 1
                    counts.changes += len(log)
                    chg_writer.writerows(log)
                for name in unused:
                    value = row.get(name, "")
                    if value.strip():
                        counts.dropped += 1
                        chg_writer.writerow([line, name, value, "", "dropped"])
            writer.close()
            outputs.commit()
    finally:
        source.close()

    return ConvertReport(
        input=str(src_path),
        mode=run_mode,
        target=model.__dataset__.key,
        output=str(out_path),
        format=out_fmt,
        rejects=str(rejects_path),
        changes=str(changes_path),
        encoding=source.encoding,
        counts=counts,
        reconciled=counts.read == counts.written + counts.rejected,
        rejected_by_code=dict(sorted(rejected_by.items())),
        notes=notes,
    )


def upgrade(
    input_path: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str],
    dataset: str | None = None,
    **kwargs: Any,
) -> ConvertReport:
    """推奨データセット (v1) file → the current edition (v2) of the same dataset.

    The v1 dataset is detected from the header unless ``dataset`` names it.
    """
    from stdschema.conversion.upgrade import upgrade_mapping
    from stdschema.datasets import detect
    from stdschema.io import open_table

    src = Path(input_path)
    if dataset is not None:
        v1 = get_dataset(dataset, "v1") if "@" not in dataset else get_dataset(dataset)
    else:
        with open_table(src, encoding=kwargs.get("encoding")) as table:
            header = list(table.header)
        found = detect(header, src.name)
        if found.best is None or found.best.model.__dataset__.edition != "v1":
            got = found.best.key if found.best else "nothing"
            raise MappingError(
                f"{src.name} is not recognised as a 推奨データセット (v1) file (detected: {got}); "
                "name it with --dataset ID@v1"
            )
        v1 = found.best.model
    mapping = upgrade_mapping(v1)
    return convert(src, output=output, mapping=mapping, mode="upgrade", canonical=v1, **kwargs)


def report_to_json(report: ConvertReport) -> str:
    """The report as the JSON that ``convert --json`` prints."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
