"""``stdschema.convert``: legacy file → standard file, a rejects file and a change log.

Every input record ends up in the output or in the rejects file with its
reasons (read = written + rejected), every change to a value is logged
(before → after, with the transform that made it), and the three files are
written atomically: after any error no output is left behind.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from stdschema import __version__
from stdschema.conversion import writers
from stdschema.conversion.mapping import Mapping, MappingError, load_mapping
from stdschema.conversion.outcomes import Outcome, RowJudge
from stdschema.conversion.plan import Mode, prepare
from stdschema.conversion.source import Source, open_source
from stdschema.conversion.writers import OutputSet
from stdschema.datasets import DatasetRecord, get_dataset
from stdschema.messages import Lang, default_lang

# The repairs fix mode may apply: those that change only the form of a value, never its
# meaning (each rule module marks its own; the names are those of the transforms).
from stdschema.rules.registry import SAFE_REPAIRS

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
    mode: Mode
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
    mode: Mode | None = None,
    canonical: type[DatasetRecord] | None = None,
    excel_safe: bool = False,
) -> ConvertReport:
    """Convert ``input_path`` to the standard format.

    With ``mapping`` (a :class:`Mapping` or a YAML path) columns are filled as
    it says; with only ``dataset`` the file is taken as near-standard and only
    safe repairs are made (fix mode). ``excel_safe`` prefixes the cells a
    spreadsheet would evaluate as formulas in the CSV output, the rejects file
    and the change log (:mod:`stdschema.conversion.excel_safe`); by default every
    cell is written as it is. Raises :class:`stdschema.io.InputError`
    for unreadable input and :class:`MappingError` for a broken mapping.
    """
    language = lang or default_lang()
    if isinstance(mapping, (str, os.PathLike)):
        mapping = load_mapping(mapping, language)
    if mapping is None and dataset is None:
        raise MappingError("give a mapping file (--mapping) or a target dataset (--dataset)")
    model = get_dataset(mapping.target if mapping is not None else str(dataset))
    files = _output_files(output, fmt, rejects, changes, bom)
    src_path = Path(input_path)
    source = open_source(src_path, mapping, encoding, canonical)
    counts = ConvertCounts()
    rejected_by: dict[str, int] = {}
    try:
        plan = prepare(model, source, src_path, mapping, mode, SAFE_REPAIRS, language)
        judge = RowJudge(model, plan, source, src_path, language)
        with OutputSet() as outputs:
            sink = _Sink(outputs, files, model, source, counts, rejected_by, excel_safe)
            for index, (line, row, raw, sheet_row) in enumerate(source.records):
                counts.read += 1
                outcome = judge.judge(index, line, row, raw, sheet_row)
                if outcome.rejected:
                    sink.reject(outcome)
                else:
                    sink.write(outcome, plan.unused)
            sink.close()
            outputs.commit()
    finally:
        source.close()
    return ConvertReport(
        input=str(src_path),
        mode=plan.mode,
        target=model.__dataset__.key,
        output=str(files.output),
        format=files.format,
        rejects=str(files.rejects),
        changes=str(files.changes),
        encoding=source.encoding,
        counts=counts,
        reconciled=counts.read == counts.written + counts.rejected,
        rejected_by_code=dict(sorted(rejected_by.items())),
        notes=plan.notes,
    )


@dataclass(frozen=True)
class _OutputFiles:
    output: Path
    format: str
    rejects: Path
    changes: Path
    bom: bool


def _output_files(
    output: str | os.PathLike[str],
    fmt: str | None,
    rejects: str | os.PathLike[str] | None,
    changes: str | os.PathLike[str] | None,
    bom: bool,
) -> _OutputFiles:
    out_path = Path(output)
    out_fmt = fmt or (out_path.suffix.lstrip(".").lower() or "csv")
    if out_fmt not in OUTPUT_FORMATS:
        raise MappingError(
            f"unknown output format {out_fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}"
        )
    rejects_path, changes_path = default_side_paths(out_path)
    return _OutputFiles(
        out_path,
        out_fmt,
        Path(rejects) if rejects else rejects_path,
        Path(changes) if changes else changes_path,
        bom,
    )


class _Sink:
    """The three output files of a conversion: the standard file, the rejects and the change log."""

    def __init__(
        self,
        outputs: OutputSet,
        files: _OutputFiles,
        model: type[DatasetRecord],
        source: Source,
        counts: ConvertCounts,
        rejected_by: dict[str, int],
        excel_safe: bool = False,
    ) -> None:
        self.tabular = source.tabular
        self.counts = counts
        self.rejected_by = rejected_by
        # Looked up at call time: tests replace writers.make_writer.
        self.writer = writers.make_writer(
            files.format,
            outputs.open_text(files.output, bom=files.bom),
            model,
            excel_safe=excel_safe,
        )
        # 'row' (the spreadsheet row; blank for XML input) beside the physical 'line':
        # the row is where a person finds the record in Excel. The rejects file and the
        # change log follow --excel-safe like the standard CSV.
        rej_stream = outputs.open_text(files.rejects, bom=files.bom)
        self.rejects = writers.SafeCsvWriter(rej_stream, excel_safe=excel_safe)
        if source.tabular:
            self.rejects.writerow(["line", "row", "reasons", *source.header])
        else:
            self.rejects.writerow(["line", "row", "reasons", "record"])
        chg_stream = outputs.open_text(files.changes, bom=files.bom)
        self.changes = writers.SafeCsvWriter(chg_stream, excel_safe=excel_safe)
        self.changes.writerow(["line", "row", "column", "before", "after", "transform"])

    def reject(self, outcome: Outcome) -> None:
        self.counts.rejected += 1
        for problem in outcome.problems:
            self.rejected_by[problem.code] = self.rejected_by.get(problem.code, 0) + 1
        text = "; ".join(p.message for p in outcome.problems)
        where = [outcome.line, outcome.sheet_row or ""]
        if self.tabular:
            self.rejects.writerow([*where, text, *outcome.raw])
        else:
            self.rejects.writerow([*where, text, json.dumps(outcome.row, ensure_ascii=False)])

    def write(self, outcome: Outcome, unused: list[str]) -> None:
        """Write the row, log its changes (the writer's too) and the values no column takes."""
        log, line = outcome.log, outcome.line
        row: int | str = outcome.sheet_row or ""
        for header, before, after, kind in self.writer.write(outcome.cells):
            log.append((line, header, before, after, kind))
        self.counts.written += 1
        if log:
            self.counts.repaired += 1
            self.counts.changes += len(log)
            self.changes.writerows([(at, row, *rest) for at, *rest in log])
        for name in unused:
            value = outcome.row.get(name, "")
            if value.strip():
                self.counts.dropped += 1
                self.changes.writerow([line, row, name, value, "", "dropped"])

    def close(self) -> None:
        self.writer.close()


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
