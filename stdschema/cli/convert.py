"""``stdschema convert``, ``stdschema upgrade`` and ``stdschema map suggest``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from stdschema.cli.common import (
    ConvertFormat,
    LangName,
    LangOption,
    check_outputs,
    fail,
    h,
    printable,
    resolve_lang,
    write_atomic,
)
from stdschema.cli.usage import LocalizedGroup
from stdschema.messages import Lang, t

map_app = typer.Typer(cls=LocalizedGroup, help=h("map"), no_args_is_help=True)

OUT_HELP = h("opt.convert_output")
KEEP_HELP = h("opt.keep_incomplete")
EXCEL_SAFE_HELP = h("opt.excel_safe")
FORMAT_HELP = h("opt.convert_format")


# How many gaps the console lists; the change log has all of them.
GAPS_SHOWN = 20


def _summary(report: Any, lang: Lang) -> str:
    from stdschema.report import escape

    c = report.counts
    # File names may hold control characters that would drive the terminal.
    report = report.model_copy(
        update={k: printable(getattr(report, k)) for k in ("input", "output", "rejects", "changes")}
    )
    # The input name starts the line: a name like "::error::x.csv" must not be a CI command.
    report = report.model_copy(update={"input": escape.log_line(report.input)})
    extra = (
        t("convert.summary_incomplete", lang, incomplete=c.incomplete, gaps=c.gaps)
        if c.incomplete
        else ""
    )
    lines = [
        t(
            "convert.summary",
            lang,
            input=report.input,
            output=report.output,
            target=report.target,
            mode=t(f"convert.mode.{report.mode}", lang),
            read=c.read,
            written=c.written,
            rejected=c.rejected,
            repaired=c.repaired,
            changes=c.changes,
            dropped=c.dropped,
            extra=extra,
        ),
        t("convert.summary_rejects", lang, path=report.rejects),
        t("convert.summary_changes", lang, path=report.changes),
    ]
    if c.keepable and not report.keep_incomplete:
        lines.append(t("convert.keep_hint", lang, count=c.keepable))
    if report.gaps:
        lines.append(t("convert.gaps_heading", lang, gaps=c.gaps, rows=c.incomplete))
        for gap in report.gaps[:GAPS_SHOWN]:
            where = gap.row or gap.line
            text = t("convert.gap_line", lang, row=where, column=gap.column, reason=gap.message)
            lines.append("  " + printable(text))
        if len(report.gaps) > GAPS_SHOWN:
            lines.append("  " + t("convert.gaps_more", lang, count=len(report.gaps) - GAPS_SHOWN))
    return "".join(line + "\n" for line in lines)


def _run(call: Any, lang: Lang, as_json: bool) -> None:
    from stdschema.conversion.engine import report_to_json
    from stdschema.conversion.mapping import MappingError
    from stdschema.datasets import UnknownDatasetError
    from stdschema.io import InputError
    from stdschema.outputs import OutputError

    try:
        report = call()
    except InputError as exc:
        fail(exc.localized(lang), lang=lang)
    except (MappingError, UnknownDatasetError) as exc:
        fail(exc, lang=lang)
    except OutputError as exc:  # a target changed since the checks (see stdschema.outputs)
        fail(exc, lang=lang)
    except OSError as exc:  # reading errors are InputError: this is an output that failed
        fail(t("output.failed", lang, reason=exc.strerror or exc), lang=lang)
    if as_json:
        sys.stdout.write(report_to_json(report))
    else:
        sys.stdout.write(_summary(report, lang))
        for note in report.notes:  # notes quote input headers: escape control characters
            sys.stdout.write(f"  - {printable(note)}\n")
    if not report.reconciled:  # would be a bug: say so loudly
        fail(t("convert.counts_mismatch", lang), lang=lang)
    if report.counts.rejected:
        raise typer.Exit(1)


def _check_outputs(
    source: Path,
    output: Path,
    rejects: Path | None,
    changes: Path | None,
    mapping: Path | None,
    lang: Any,
) -> None:
    """Refuse, before reading anything, outputs that cannot be written, name the same
    file twice (however spelt) or would replace an input."""
    from stdschema.conversion.engine import default_side_paths

    side_rejects, side_changes = default_side_paths(output)
    outputs = [output, rejects or side_rejects, changes or side_changes]
    check_outputs(outputs, [source, mapping], lang, labels=("-o", "--rejects", "--changes"))


def convert_command(
    source: Path = typer.Argument(..., help=h("convert.source")),
    output: Path = typer.Option(..., "--output", "-o", help=OUT_HELP),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help=h("convert.mapping")),
    dataset: str | None = typer.Option(None, "--dataset", "-d", help=h("convert.dataset")),
    schema: Path | None = typer.Option(
        None,
        "--schema",
        help=h("convert.schema"),
    ),
    fmt: ConvertFormat | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    bom: bool = typer.Option(False, "--bom", help=h("opt.bom")),
    excel_safe: bool = typer.Option(False, "--excel-safe/--no-excel-safe", help=EXCEL_SAFE_HELP),
    rejects: Path | None = typer.Option(None, "--rejects", help=h("opt.rejects")),
    changes: Path | None = typer.Option(None, "--changes", help=h("opt.changes")),
    encoding: str | None = typer.Option(None, "--encoding", help=h("opt.encoding")),
    as_json: bool = typer.Option(False, "--json", help=h("opt.json_report")),
    keep_incomplete: bool = typer.Option(False, "--keep-incomplete", help=KEEP_HELP),
    lang: LangName | None = LangOption,
) -> None:
    """Convert a file to the standard: output, rejected rows and a log of every change.

    Exit codes: 0 all rows written, 1 some rows rejected, 2 usage error, unreadable input or
    broken mapping (nothing is written then).
    """
    from stdschema.conversion.engine import convert

    language = resolve_lang(lang)
    target: Any = dataset
    if schema is not None:
        target = _schema_model(schema, dataset, mapping, language)
    if mapping is None and target is None:
        fail(t("convert.need_mapping_or_dataset", language), lang=language)
    if mapping is not None and dataset is not None:
        fail(t("convert.mapping_and_dataset", language), lang=language)
    _check_outputs(source, output, rejects, changes, mapping, language)
    outputs = _outputs(output, fmt, bom, rejects, changes, encoding, language)
    _run(
        lambda: convert(
            source,
            mapping=mapping,
            dataset=target,
            excel_safe=excel_safe,
            keep_incomplete=keep_incomplete,
            **outputs,
        ),
        language,
        as_json,
    )


def _schema_model(schema: Path, dataset: str | None, mapping: Path | None, lang: Lang) -> Any:
    """The dataset model the --schema file defines (exit 2 when it defines none)."""
    from stdschema.datasets.custom import SchemaFileError, load_dataset_file

    if dataset is not None:
        fail(t("custom.schema_and_dataset", lang), lang=lang)
    if mapping is not None:
        fail(t("custom.schema_and_mapping", lang), lang=lang)
    try:
        return load_dataset_file(schema)
    except SchemaFileError as exc:
        fail(exc, lang=lang)


def upgrade_command(
    source: Path = typer.Argument(..., help=h("upgrade.source")),
    output: Path = typer.Option(..., "--output", "-o", help=OUT_HELP),
    dataset: str | None = typer.Option(None, "--dataset", "-d", help=h("upgrade.dataset")),
    fmt: ConvertFormat | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    bom: bool = typer.Option(False, "--bom", help=h("opt.bom")),
    excel_safe: bool = typer.Option(False, "--excel-safe/--no-excel-safe", help=EXCEL_SAFE_HELP),
    rejects: Path | None = typer.Option(None, "--rejects", help=h("opt.rejects")),
    changes: Path | None = typer.Option(None, "--changes", help=h("opt.changes")),
    encoding: str | None = typer.Option(None, "--encoding", help=h("opt.encoding")),
    as_json: bool = typer.Option(False, "--json", help=h("opt.json_report")),
    keep_incomplete: bool = typer.Option(False, "--keep-incomplete", help=KEEP_HELP),
    lang: LangName | None = LangOption,
) -> None:
    """Upgrade a 推奨データセット (v1) file to the current edition (v2)."""
    from stdschema.conversion.engine import upgrade

    language = resolve_lang(lang)
    _check_outputs(source, output, rejects, changes, None, language)
    outputs = _outputs(output, fmt, bom, rejects, changes, encoding, language)
    _run(
        lambda: upgrade(
            source,
            dataset=dataset,
            excel_safe=excel_safe,
            keep_incomplete=keep_incomplete,
            **outputs,
        ),
        language,
        as_json,
    )


def _outputs(
    output: Path,
    fmt: str | None,
    bom: bool,
    rejects: Path | None,
    changes: Path | None,
    encoding: str | None,
    language: Lang,
) -> dict[str, Any]:
    """The keyword arguments ``convert`` and ``upgrade`` share (where and how to write)."""
    return {
        "output": output,
        "fmt": fmt,
        "bom": bom,
        "rejects": rejects,
        "changes": changes,
        "encoding": encoding,
        "lang": language,
    }


@map_app.command("suggest", help=h("map.suggest"))
def suggest_command(
    source: Path = typer.Argument(..., help=h("suggest.source")),
    dataset: str = typer.Option(..., "--dataset", "-d", help=h("suggest.dataset")),
    output: Path | None = typer.Option(None, "--output", "-o", help=h("suggest.output")),
    encoding: str | None = typer.Option(None, "--encoding", help=h("opt.encoding")),
    sheet: str | None = typer.Option(None, "--sheet", help=h("opt.sheet")),
    record_xpath: str | None = typer.Option(None, "--record-xpath", help=h("suggest.record_xpath")),
    lang: LangName | None = LangOption,
) -> None:
    """Draft a mapping file from header names and sample values, with a confidence per column."""
    from stdschema.conversion.suggest import render_yaml, suggest_mapping, written_line
    from stdschema.datasets import UnknownDatasetError, get_dataset
    from stdschema.io import InputError

    language = resolve_lang(lang)
    check_outputs([output], [source], language)
    try:
        target = get_dataset(dataset).__dataset__.key
        found = suggest_mapping(
            source, target, encoding=encoding, sheet=sheet, record_xpath=record_xpath
        )
    except InputError as exc:
        fail(exc.localized(language), lang=language)
    except (UnknownDatasetError, ValueError) as exc:
        fail(exc, lang=language)
    text = render_yaml(found, language)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text, language)
        from stdschema.report.escape import log_line

        # The name is the user's, but may hold any byte: shown like every other file name.
        typer.echo(written_line(log_line(printable(output)), found, language))
