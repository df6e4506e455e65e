"""The report model. Its JSON Schema is exported to ``schemas/report.schema.json``.

``report_version`` changes when a field is removed or changes meaning; adding
a field keeps the version.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

REPORT_VERSION: Literal["1.2"] = "1.2"
"""1.1 added ``row`` and ``record`` to each problem (1.0 fields unchanged); 1.2 added
``known`` to each problem and to the summary (``--baseline``), and ``config`` and ``schema``
(``--schema``) as ways a dataset is chosen."""

SeverityName = Literal["error", "warning", "info"]

DATASET_PLACEHOLDER = "ID@v2"
"""Stands for the dataset in ``FileReport.next_commands`` when no dataset is near enough to
name: the reader picks one from ``stdschema datasets``."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemOut(_Model):
    """One problem as reported."""

    code: str = Field(description="Stable kebab-case problem code.")
    severity: SeverityName
    line: int | None = Field(None, description="Physical line in the file (1-based).")
    row: int | None = Field(
        None,
        description="The row a spreadsheet shows for the record: title and header rows "
        "counted, one record one row (differs from line when cells hold line breaks); "
        "XLSX: the sheet's row number.",
    )
    record: str | None = Field(
        None, description="Short label of the record: its ID and 名称 where the dataset has them."
    )
    column: int | None = Field(None, description="Column number in the file (1-based).")
    column_letter: str | None = Field(None, description="Spreadsheet column letter (A, B, …, AA).")
    header: str | None = Field(None, description="Header cell as written in the file.")
    field: str | None = Field(None, description="English attribute name of the standard column.")
    value: str | None = Field(None, description="The cell value (masked with --mask-values).")
    message: str
    hint: str = ""
    fixed_to: str | None = Field(None, description="The value a known repair gives.")
    rule: str | None = Field(None, description="Value rule that failed, e.g. local_gov_code.")
    known: bool = Field(
        False,
        description="True when the --baseline report holds this problem (same file, code, "
        "column header and value): it is reported but does not fail the run.",
    )


class DatasetRef(_Model):
    """Which dataset edition a file was checked against, and how that was decided."""

    id: str | None
    edition: str | None
    name_ja: str | None = None
    detected_by: Literal[
        "option", "config", "schema", "header", "filename", "header+filename", "xml", "none"
    ] = Field(
        description="option: --dataset; config: the configuration's datasets; schema: the "
        "dataset a --schema file defines; header, filename, header+filename: detection; xml: "
        "the file's own declaration."
    )
    score: float | None = None
    confidence: str | None = Field(
        None, description="complete, partial, names-only or config-only (lowest)."
    )


class Summary(_Model):
    """Counts of all problems found (also those past --max-problems); with --select or
    --ignore, of the problems kept only."""

    error: int = 0
    warning: int = 0
    info: int = 0
    known: int = Field(
        0,
        description="How many of the problems counted above the --baseline holds: they do "
        "not fail the run.",
    )
    by_code: dict[str, int] = Field(default_factory=dict)
    by_column: dict[str, int] = Field(default_factory=dict)


class FileReport(_Model):
    """The result for one input file."""

    path: str
    format: str | None = None
    encoding: str | None = None
    dataset: DatasetRef
    rows: int = Field(0, description="Data rows read (blank rows included).")
    valid: bool
    summary: Summary
    problems: list[ProblemOut]
    problems_truncated: bool = Field(
        False, description="True when --max-problems stopped collecting details."
    )
    error: str | None = Field(None, description="Why the file could not be read, if it could not.")
    engine: Literal["fast", "pydantic"] | None = Field(
        None, description="Which engine checked the rows (fast: vectorised pre-check)."
    )
    error_code: str | None = Field(
        None, description="Stable code of the read failure, e.g. encoding-error, xml-unsafe."
    )
    values_masked: bool = Field(
        False,
        description="--mask-values: cell values are hidden, so reports copy no data "
        "(no data sheet, no map).",
    )
    sheet: str | None = Field(None, description="XLSX: the name of the worksheet that was read.")
    hidden_sheets_skipped: list[str] = Field(
        default_factory=list,
        description="XLSX: hidden sheets before it, passed over for the first visible one "
        "(--sheet reads another).",
    )
    next_commands: list[str] = Field(
        default_factory=list,
        description="The commands to run next, filled in, when the file is a local layout "
        "that needs a mapping (dataset-not-recognised, needs-mapping): map suggest, then "
        "convert.",
    )


class Tool(_Model):
    name: Literal["stdschema"] = "stdschema"
    version: str


class Report(_Model):
    """The whole validation run."""

    report_version: Literal["1.2"] = REPORT_VERSION
    tool: Tool
    valid: bool
    lang: Literal["ja", "en"]
    fail_on: SeverityName
    max_problems: int | None = None
    files: list[FileReport]
    summary: Summary
