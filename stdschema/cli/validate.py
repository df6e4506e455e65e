"""``stdschema validate``: check files against a dataset and report every problem."""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack, closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from stdschema import config
from stdschema.cli.common import (
    Engine,
    FailOn,
    LangName,
    LangOption,
    ReportFormat,
    check_outputs,
    check_report_format,
    dask_target,
    fail,
    h,
    one_line,
    resolve_lang,
    stdout_ascii_marks,
    stdout_is_utf8,
    write_atomic,
)
from stdschema.messages import Lang, t

if TYPE_CHECKING:
    from collections.abc import Iterator

    from stdschema.baseline import Baseline
    from stdschema.distributed.runner import Resolve
    from stdschema.report.model import FileReport
    from stdschema.validation import Options

LARGE_FILE = 5 * 1024 * 1024
DEFAULT_MAX_PROBLEMS = config.DEFAULT_MAX_PROBLEMS

# The settings a configuration file may give too: its key → this command's parameter.
CONFIGURABLE = {
    "lang": "lang",
    "format": "fmt",
    "fail-on": "fail_on",
    "max-problems": "max_problems",
    "select": "select",
    "ignore": "ignore",
    "baseline": "baseline",
}


# Long only by its Typer options, declared in the signature; the body is short.
def validate_command(
    context: typer.Context,
    paths: list[str] = typer.Argument(..., help=h("validate.paths"), show_default=False),
    dataset: str | None = typer.Option(None, "--dataset", "-d", help=h("validate.dataset")),
    schema: Path | None = typer.Option(
        None,
        "--schema",
        help=h("validate.schema"),
    ),
    encoding: str | None = typer.Option(None, "--encoding", help=h("opt.encoding")),
    sheet: str | None = typer.Option(None, "--sheet", help=h("opt.sheet")),
    fmt: ReportFormat = typer.Option("text", "--format", "-f", help=h("validate.format")),
    output: Path | None = typer.Option(None, "--output", "-o", help=h("validate.output")),
    bom: bool | None = typer.Option(
        None,
        "--bom/--no-bom",
        help=h("validate.bom"),
        show_default=False,
    ),
    fail_on: FailOn = typer.Option("error", "--fail-on", help=h("validate.fail_on")),
    max_problems: int = typer.Option(
        DEFAULT_MAX_PROBLEMS,
        "--max-problems",
        min=0,
        help=h("validate.max_problems"),
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=h("validate.quiet")),
    mask_values: bool = typer.Option(False, "--mask-values", help=h("validate.mask_values")),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help=h("validate.jobs")),
    dask: str | None = typer.Option(
        None, "--dask", metavar="ADDRESS", help=h("validate.dask"), show_default=False
    ),
    engine: Engine = typer.Option("auto", "--engine", help=h("validate.engine")),
    lang: LangName | None = LangOption,
    select: str | None = typer.Option(
        None,
        "--select",
        help=h("validate.select"),
    ),
    ignore: str | None = typer.Option(
        None,
        "--ignore",
        help=h("validate.ignore"),
    ),
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        help=h("validate.baseline"),
    ),
    write_baseline: Path | None = typer.Option(
        None,
        "--write-baseline",
        help=h("validate.write_baseline"),
    ),
    config_file: Path | None = typer.Option(
        None,
        "--config",
        help=h("opt.config"),
    ),
    no_config: bool = typer.Option(False, "--no-config", help=h("opt.no_config")),
) -> None:
    """Validate files against a standard dataset and report every problem.

    Exit codes: 0 valid, 1 problems at or above --fail-on, 2 usage error or unreadable input.
    """
    from stdschema.distributed.runner import RunnerError, dask_client, iter_source_reports
    from stdschema.report.formats import get_reporter
    from stdschema.report.stream import ReportStream
    from stdschema.validation import Options, PathError

    language = resolve_lang(lang)
    # The configuration file fills in what the command line does not say.
    given: dict[str, Any] = {"lang": lang, "fmt": fmt, "fail_on": fail_on}
    given |= {"max_problems": max_problems}
    given |= {"select": select, "ignore": ignore, "baseline": baseline}
    language, settings, project = _configured(context, given, config_file, no_config, language)
    if write_baseline is not None:
        settings["max-problems"] = None  # a baseline holds every problem
    fmt, fail_on, max_problems = settings["format"], settings["fail-on"], settings["max-problems"]
    _check_options(fmt, engine, fail_on, dataset, language)
    _check_schema(schema, dataset, language)
    if bom is not None and fmt != "csv":
        fail(t("report.csv.bom_csv_only", language), lang=language)
    target = dask_target(context, dask, jobs, language)
    try:
        sources, files, resolve = _sources(paths, language)
    except PathError as exc:
        fail(exc, lang=language)
    if not sources:
        fail(t("usage.no_input", language, paths=" ".join(paths)), lang=language)
    check_outputs([output, write_baseline], files, language, ["-o", "--write-baseline"])
    options = Options(
        dataset=dataset,
        encoding=encoding,
        sheet=sheet,
        lang=language,
        fail_on=fail_on,
        max_problems=max_problems,
        mask_values=mask_values,
        select=settings["select"],
        ignore=settings["ignore"],
        baseline=_baseline(settings["baseline"], write_baseline, language),
        datasets=_datasets(project, files) if dataset is None else (),
        engine=engine,
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
        # SARIF: a blank recommended cell is a result only when selected by name, and
        # every result says whether the baseline holds it.
        selected=frozenset(options.select) or None,
        baseline=options.baseline is not None,
    )
    reporter = get_reporter(fmt)
    if reporter.binary and output is None:
        fail(t("report.binary_needs_output", language, format=fmt), lang=language)
    stdout = sys.stdout  # the real one: a progress bar redirects sys.stdout to its console
    with ExitStack() as stack:
        client = None
        if target is not None:
            # Started (or reached) before any output: a cluster that cannot be used is one
            # line and exit 2, with no partial report. Closed on the way out, whatever
            # happens (an interrupt included).
            try:
                client = stack.enter_context(dask_client(target))
            except RunnerError as exc:
                fail(exc, lang=language)
        progress = _progress(stack, files, language) if jobs == 1 and client is None else None
        reports: Iterator[FileReport] = stack.enter_context(
            closing(
                iter_source_reports(
                    sources, options, jobs=jobs, dask=client, progress=progress, resolve=resolve
                )
            )
        )
        if progress is None:
            reports = _counted(reports, _files_progress(stack, len(sources), language))
        held: list[FileReport] = []
        if write_baseline is not None:
            reports = _holding(reports, held)
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
    if write_baseline is not None:
        _write_baseline(write_baseline, held, options)
    if stream.unreadable:
        raise typer.Exit(2)
    if write_baseline is not None:
        return  # every problem of this run is in the baseline now: none is new
    if not stream.valid:
        raise typer.Exit(1)


def _sources(
    paths: list[str], language: Lang
) -> tuple[list[str] | list[Path], list[Path], Resolve | None]:
    """The run's sources in order (local files expanded from folders and globs, URLs from
    remote globs), the local files among them (for output and configuration checks), and
    the runner's hook that fetches a URL where it is checked (a Dask worker fetches its
    own; None without a URL, and then nothing of remote inputs is imported)."""
    from stdschema.validation import expand_paths

    if not any("://" in p for p in paths):
        files = expand_paths(paths, language)
        return files, files, None
    from stdschema.distributed.remote import (
        RemoteExtraMissing,
        expand_sources,
        is_remote,
        local_copy,
    )

    try:
        sources = expand_sources(paths, language)
    except RemoteExtraMissing as exc:
        fail(exc, lang=language)
    local = [Path(s) for s in sources if not is_remote(s)]
    return sources, local, (local_copy if len(local) < len(sources) else None)


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


FILES_PROGRESS = 20
"""From this many sources on, a run shows how many files it has checked (on a terminal)."""


def _files_progress(stack: ExitStack, total: int, language: Lang) -> Any:
    """A bar of files checked out of ``total`` on stderr, for a run of many files (any
    --jobs or --dask) when stderr is a terminal; None otherwise."""
    if total < FILES_PROGRESS or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    bar = stack.enter_context(
        Progress(
            TextColumn(t("validate.progress.files", language)),
            BarColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
    )
    task = bar.add_task("", total=total)
    return lambda: bar.advance(task)


def _counted(reports: Iterator[FileReport], tick: Any) -> Iterator[FileReport]:
    """``reports`` as they come, ticking ``tick`` for each (nothing when it is None)."""
    for report in reports:
        if tick is not None:
            tick()
        yield report


def _progress(stack: ExitStack, files: list[Path], language: Lang) -> Any:
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
            TextColumn(t("validate.progress.rows", language)),
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


def _configured(
    context: typer.Context,
    given: dict[str, Any],
    config_file: Path | None,
    no_config: bool,
    language: Lang,
) -> tuple[Lang, dict[str, Any], config.Config]:
    """The run's settings by configuration key: the command line's (the parameters in
    ``given`` that were typed), else the configuration file's, else the defaults; and the
    run's language (the file's ``lang`` applies when neither --lang nor STDSCHEMA_LANG
    says). Exit 2 on a setting no run could use, with the nearest name."""
    typed = {}
    for key, parameter in CONFIGURABLE.items():
        source = context.get_parameter_source(parameter)
        if source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP"):
            typed[key] = given[parameter]
    try:
        for key in ("select", "ignore"):
            if key in typed:
                typed[key] = config.parse_selectors([typed[key]], f"--{key}")
        project = config.discover(config_file, disabled=no_config, lang=language)
    except config.ConfigError as exc:
        fail(exc, lang=language)
    settings = {key: setting.value for key, setting in config.effective(project, typed).items()}
    if settings["lang"] != language:
        language = resolve_lang(settings["lang"])
    return language, settings, project


def _baseline(
    path: str | os.PathLike[str] | None, writing: Path | None, language: Lang
) -> Baseline | None:
    """The known problems of ``--baseline`` (or the configuration's); exit 2 when it
    cannot be read. A run that writes the first baseline may name it before it exists."""
    if path is None or (writing is not None and not Path(path).exists()):
        return None
    from stdschema.baseline import BaselineError, load_baseline

    try:
        return load_baseline(Path(path), language)
    except BaselineError as exc:
        fail(exc, lang=language)


def _datasets(project: config.Config, files: list[Path]) -> tuple[tuple[str, str], ...]:
    """(file, dataset) for each file a ``datasets`` glob of the configuration names."""
    named = ((str(file), project.dataset_for(file)) for file in files)
    return tuple((file, dataset) for file, dataset in named if dataset is not None)


def _holding(reports: Iterator[FileReport], held: list[FileReport]) -> Iterator[FileReport]:
    """``reports`` as they come, each also kept in ``held`` (for the baseline)."""
    for report in reports:
        held.append(report)
        yield report


def _write_baseline(target: Path, files: list[FileReport], options: Options) -> None:
    """Write ``files`` as a baseline (the JSON report, paths relative to its folder)."""
    from stdschema.baseline import baseline_text
    from stdschema.validation import build_report

    report = build_report(files, options)
    write_atomic(target, baseline_text(report, target), options.lang)
    problems = sum(len(file.problems) for file in files)
    note = t("baseline.written", options.lang, path=target, files=len(files), problems=problems)
    sys.stderr.write(f"stdschema: {one_line(note)}\n")
