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
from stdschema.messages import Lang, default_lang, t
from stdschema.problems import Problem

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
    incomplete: int = Field(
        0, description="Written rows with cells left blank (--keep-incomplete): part of written."
    )
    gaps: int = Field(
        0, description="Cells written blank by --keep-incomplete (in the change log)."
    )
    keepable: int = Field(
        0,
        description="Rejected rows that --keep-incomplete would have written with gaps "
        "(their only problems were in their own cells).",
    )


class ConvertGap(BaseModel):
    """A cell written blank by ``--keep-incomplete``: where, what it held and why."""

    line: int
    row: int | None = None
    column: str
    value: str = Field(description="The value that was left out ('' for a blank ◎ cell).")
    code: str
    message: str


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
    keep_incomplete: bool = False
    gaps: list[ConvertGap] = Field(
        default_factory=list, description="Every cell written blank (--keep-incomplete)."
    )


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
    dataset: str | type[DatasetRecord] | None = None,
    fmt: str | None = None,
    bom: bool = False,
    rejects: str | os.PathLike[str] | None = None,
    changes: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    lang: Lang | None = None,
    mode: Mode | None = None,
    canonical: type[DatasetRecord] | None = None,
    excel_safe: bool = False,
    keep_incomplete: bool = False,
) -> ConvertReport:
    """Convert ``input_path`` to the standard format.

    With ``mapping`` (a :class:`Mapping` or a YAML path) columns are filled as
    it says; with only ``dataset`` (an id, or a model such as ``--schema`` builds) the file
    is taken as near-standard and only safe repairs are made (fix mode). ``excel_safe`` prefixes the cells a
    spreadsheet would evaluate as formulas in the CSV output, the rejects file
    and the change log (:mod:`stdschema.conversion.excel_safe`); by default every
    cell is written as it is. ``keep_incomplete`` writes a row whose only problems
    are in its own cells (blank ◎ cells, values a transform or rule refused) with those
    cells blank, each listed in the change log and in ``ConvertReport.gaps``. Raises
    :class:`stdschema.io.InputError` for unreadable input and :class:`MappingError` for a
    broken mapping, or for ``dataset`` alone on a file in another layout (it needs a mapping).
    """
    language = lang or default_lang()
    if isinstance(mapping, (str, os.PathLike)):
        mapping = load_mapping(mapping, language)
    if mapping is None and dataset is None:
        raise MappingError(t("convert.need_mapping_or_dataset", language))
    if mapping is None and isinstance(dataset, type):
        model = dataset  # a model built at run time (--schema)
    else:
        model = get_dataset(mapping.target if mapping is not None else str(dataset))
    files = _output_files(output, fmt, rejects, changes, bom, language)
    src_path = Path(input_path)
    source = open_source(src_path, mapping, encoding, canonical)
    counts = ConvertCounts()
    rejected_by: dict[str, int] = {}
    gaps: list[ConvertGap] = []
    try:
        if mapping is None and mode is None:
            _needs_no_mapping(model, source, src_path, files.output, language)
        plan = prepare(model, source, src_path, mapping, mode, SAFE_REPAIRS, language)
        judge = RowJudge(model, plan, source, src_path, language, keep_incomplete)
        with OutputSet() as outputs:
            sink = _Sink(outputs, files, model, source, counts, rejected_by, excel_safe, language)
            for index, (line, row, raw, sheet_row) in enumerate(source.records):
                counts.read += 1
                outcome = judge.judge(index, line, row, raw, sheet_row)
                if outcome.rejected:
                    counts.keepable += outcome.keepable
                    sink.reject(outcome)
                else:
                    sink.write(outcome, plan.unused)
                    gaps += (_gap_out(g) for g in outcome.gaps)
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
        keep_incomplete=keep_incomplete,
        gaps=gaps,
    )


def _gap_out(gap: Problem) -> ConvertGap:
    return ConvertGap(
        line=gap.line or 0,
        row=gap.row,
        column=gap.header or "",
        value=gap.value or "",
        code=gap.code,
        message=gap.message,
    )


# A file is in another layout when the target explains less than this share of its columns
# and it holds less than this share of the target's columns: a standard file with many local
# columns (56 of 56 standard ones beside 139 of its own) or a subset of the standard's columns
# is still fixed.
_LAYOUT_SHARE = 0.5


def _needs_no_mapping(
    model: type[DatasetRecord], source: Source, src_path: Path, output: Path, lang: Lang
) -> None:
    """Fix mode reads the target's own headers; stop when the file is in another layout.

    Converting it would reject every row for blank required cells although the data is
    there under other names: say it needs a mapping and how to draft one.
    """
    from stdschema.conversion.source import PROPERTY_COLUMN
    from stdschema.datasets import resolve_header

    if not source.tabular:
        return
    cells = [c for c in source.header if c.strip() and c != PROPERTY_COLUMN]
    resolved = [hit for c in cells if (hit := resolve_header(model, c)) is not None]
    found = {hit[0].header for hit in resolved}
    explained = len(resolved)
    if not cells or explained / len(cells) >= _LAYOUT_SHARE:
        return
    if len(found) / max(len(model.__columns__), 1) >= _LAYOUT_SHARE:
        return
    raise MappingError(
        t(
            "convert.needs_mapping",
            lang,
            file=_shell_word(str(src_path)),
            target=model.__dataset__.key,
            found=len(found),
            total=len(model.__columns__),
            output=_shell_word(str(output)),
        )
    )


def _shell_word(text: str) -> str:
    """``text`` as one word of a shell command to copy (quoted when it needs to be)."""
    import shlex

    return shlex.quote(text)


def describe_change(kind: str, lang: Lang) -> str:
    """The change log's description of a kind of change: the transform's own, or the catalogue's."""
    from stdschema.conversion.transforms import TRANSFORMS
    from stdschema.messages import CATALOGUE

    transform = TRANSFORMS.get(kind)
    if transform is not None:
        return transform.description_en if lang == "en" else transform.description_ja
    key = f"convert.change.{kind}"
    return t(key, lang) if key in CATALOGUE else ""


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
    lang: Lang | None = None,
) -> _OutputFiles:
    out_path = Path(output)
    out_fmt = fmt or (out_path.suffix.lstrip(".").lower() or "csv")
    if out_fmt not in OUTPUT_FORMATS:
        raise MappingError(
            t("convert.unknown_format", lang, fmt=repr(out_fmt), choices=", ".join(OUTPUT_FORMATS))
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
        lang: Lang | None = None,
    ) -> None:
        self.lang: Lang = lang or default_lang()
        self.described: dict[str, str] = {}
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
        # 'description' says in the reader's language what the transform (or other kind of
        # change) does, or why a cell was left blank.
        self.changes.writerow(
            ["line", "row", "column", "before", "after", "transform", "description"]
        )

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
            self.changes.writerows(
                [(at, row, *rest, kind, self._describe(kind)) for at, *rest, kind in log]
            )
        if outcome.gaps:
            self.counts.incomplete += 1
            self.counts.gaps += len(outcome.gaps)
            self.changes.writerows(
                [line, row, g.header, g.value or "", "", "left_blank", g.message]
                for g in outcome.gaps
            )
        for name in unused:
            value = outcome.row.get(name, "")
            if value.strip():
                self.counts.dropped += 1
                self.changes.writerow(
                    [line, row, name, value, "", "dropped", self._describe("dropped")]
                )

    def _describe(self, kind: str) -> str:
        text = self.described.get(kind)
        if text is None:
            text = self.described[kind] = describe_change(kind, self.lang)
        return text

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
        lang = kwargs.get("lang") or default_lang()
        if found.best is not None and found.best.model.__dataset__.edition == "v2":
            raise MappingError(t("convert.already_v2", lang, file=src.name, got=found.best.key))
        if found.best is None or found.best.model.__dataset__.edition != "v1":
            got = found.best.key if found.best else t("convert.detected_nothing", lang)
            raise MappingError(t("convert.not_v1", lang, file=src.name, got=got))
        v1 = found.best.model
    mapping = upgrade_mapping(v1, kwargs.get("lang"))
    return convert(src, output=output, mapping=mapping, mode="upgrade", canonical=v1, **kwargs)


def report_to_json(report: ConvertReport) -> str:
    """The report as the JSON that ``convert --json`` prints."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
