"""``stdschema validate``: check files against a dataset and report every problem."""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import typer

from stdschema.cli.common import (
    LangOption,
    check_outputs,
    check_report_format,
    fail,
    one_line,
    report_format_help,
    resolve_lang,
    stdout_ascii_marks,
    stdout_is_utf8,
    write_atomic,
)
from stdschema.messages import Lang, t

LARGE_FILE = 5 * 1024 * 1024
# Details kept a file by default: every detail is held in memory until the report is
# rendered, so a file with a problem on each of a million rows needs a cap (counts stay
# complete; --max-problems raises it).
DEFAULT_MAX_PROBLEMS = 10_000


# Long only by its Typer options, declared in the signature; the body is short.
def validate_command(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories or globs (CSV, XLSX, XML).", show_default=False
    ),
    dataset: str | None = typer.Option(
        None, "--dataset", "-d", help="Dataset to check against, e.g. public_toilets@v2."
    ),
    schema: Path | None = typer.Option(
        None,
        "--schema",
        help="Check against the dataset a Table Schema or dataset YAML file defines "
        "(see docs/table-schema.md).",
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", help="Read with this encoding instead of detecting it."
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="XLSX sheet name or number."),
    fmt: str = typer.Option("text", "--format", "-f", help=report_format_help()),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here."),
    bom: bool | None = typer.Option(
        None,
        "--bom/--no-bom",
        help="--format csv: start with a UTF-8 byte-order mark, which Excel needs to read "
        "UTF-8. Default: a BOM when -o ends in .csv, none on stdout (never on a stdout "
        "that is not UTF-8).",
        show_default=False,
    ),
    fail_on: str = typer.Option(
        "error", "--fail-on", help="Exit 1 on problems of this severity or worse."
    ),
    max_problems: int = typer.Option(
        DEFAULT_MAX_PROBLEMS,
        "--max-problems",
        min=0,
        help="Keep details of at most N problems a file (counts stay complete).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing when all is well."),
    mask_values: bool = typer.Option(
        False, "--mask-values", help="Replace cell values with *** in the report (CI logs)."
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Check files in N processes."),
    engine: str = typer.Option(
        "auto",
        "--engine",
        help="fast (vectorised pre-check), pydantic, or auto: fast for CSV files of 1 MiB or more.",
    ),
    lang: str | None = LangOption,
) -> None:
    """Validate files against a standard dataset and report every problem.

    Exit codes: 0 valid, 1 problems at or above --fail-on, 2 usage error or unreadable input.
    """
    from stdschema.report.formats import get_reporter
    from stdschema.report.stream import ReportStream
    from stdschema.validation import Options, PathError, expand_paths, iter_reports

    language = resolve_lang(lang)
    _check_options(fmt, engine, fail_on, dataset, language)
    _check_schema(schema, dataset, language)
    if bom is not None and fmt != "csv":
        fail(t("report.csv.bom_csv_only", language), lang=language)
    try:
        files = expand_paths(paths, language)
    except PathError as exc:
        fail(exc, lang=language)
    if not files:
        fail(t("usage.no_input", language, paths=" ".join(paths)), lang=language)
    check_outputs([output], files, language)
    options = Options(
        dataset=dataset,
        encoding=encoding,
        sheet=sheet,
        lang=language,
        fail_on=fail_on,  # type: ignore[arg-type]
        max_problems=max_problems,
        mask_values=mask_values,
        engine=engine,  # type: ignore[arg-type]
        schema=None if schema is None else str(schema),
    )
    # Each file's report is written as it completes and then forgotten: memory is bounded
    # by the largest file, not by the number of files (see stdschema.report.stream).
    stream = ReportStream(
        fmt,
        lang=language,
        fail_on=options.fail_on,
        max_problems=max_problems,
        color=output is None and sys.stdout.isatty(),
        quiet=quiet,
        bom=fmt == "csv" and _bom(bom, output),
        # Written to a file the report is UTF-8 and keeps its marks; on stdout it draws
        # them in ASCII when the stream's encoding lacks them (CP932 has no ✓).
        ascii_marks=output is None and stdout_ascii_marks(),
    )
    reporter = get_reporter(fmt)
    if reporter.binary and output is None:
        fail(t("report.binary_needs_output", language, format=fmt), lang=language)
    stdout = sys.stdout  # the real one: a progress bar redirects sys.stdout to its console
    with ExitStack() as stack:
        progress = _progress(stack, files) if jobs == 1 else None
        reports = iter_reports(files, options, jobs=jobs, progress=progress)
        if reporter.binary and output is not None:
            # A workbook is written whole; its size is bounded by --max-problems a file.
            report = stream.collect(reports)
            data = reporter.render_bytes(report, stream.options)
            write_atomic(output, data, language)
        elif output is not None:
            write_atomic(output, stream.chunks(reports), language)
        else:
            for chunk in stream.chunks(reports):
                stdout.write(chunk)

    for path, error in stream.unreadable:
        sys.stderr.write(f"stdschema: {one_line(f'{path}: {error}')}\n")
    if stream.unreadable:
        raise typer.Exit(2)
    if not stream.valid:
        raise typer.Exit(1)


def _bom(asked: bool | None, output: Path | None) -> bool:
    """Whether a CSV report starts with a BOM: as asked; otherwise when it is written to a
    ``.csv`` file (Excel reads a UTF-8 CSV without one as CP932: mojibake). On stdout only
    when asked and the stream is UTF-8: U+FEFF means nothing in another encoding."""
    if output is None:
        return bool(asked) and stdout_is_utf8()
    return asked if asked is not None else output.suffix.lower() == ".csv"


def _check_options(
    fmt: str, engine: str, fail_on: str, dataset: str | None, language: Lang
) -> None:
    """Exit 2 on an option value no run could use, before any file is read."""
    from stdschema.datasets import UnknownDatasetError, get_dataset

    check_report_format(fmt, language)
    if engine not in ("auto", "fast", "pydantic"):
        fail(t("usage.engine", language, value=repr(engine)), lang=language)
    if fail_on not in ("error", "warning", "info"):
        fail(t("usage.fail_on", language, value=repr(fail_on)), lang=language)
    if dataset is not None:
        try:
            get_dataset(dataset)
        except UnknownDatasetError as exc:
            fail(exc, lang=language)


def _check_schema(schema: Path | None, dataset: str | None, language: Lang) -> None:
    """Exit 2 when the --schema file does not define a dataset, before any file is read."""
    if schema is None:
        return
    from stdschema.datasets.custom import SchemaFileError, load_dataset_file

    if dataset is not None:
        fail(t("custom.schema_and_dataset", language), lang=language)
    try:
        load_dataset_file(schema)
    except SchemaFileError as exc:
        fail(exc, lang=language)


def _progress(stack: ExitStack, files: list[Path]) -> Any:
    """A row counter on stderr for large files when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    try:
        big = any(f.is_file() and os.path.getsize(f) > LARGE_FILE for f in files)
    except OSError:
        big = False
    if not big:
        return None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from stdschema.report import escape

    bar = stack.enter_context(
        Progress(
            SpinnerColumn(),
            # The description is a file name: untrusted, so never read as rich markup.
            TextColumn("{task.description}", markup=False),
            TextColumn("{task.completed:,} rows"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
    )
    tasks: dict[str, Any] = {}

    def update(path: str, rows: int) -> None:
        if path not in tasks:
            name = escape.terminal(escape.path_text(Path(path).name))
            tasks[path] = bar.add_task(name, total=None)
        bar.update(tasks[path], completed=rows)

    return update
