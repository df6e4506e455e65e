"""``markdown``: a GitHub step summary: the verdict, a table of files, then each file's
codes and first problems."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from stdschema.messages import Lang
from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, Spool, StreamRun
from stdschema.report.formats._shared import (
    SEVERITIES,
    by_code,
    dataset_name,
    human,
    label,
    ordered_codes,
    overall,
    path,
    severity_label,
    title,
    truncated_limit,
)

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, ProblemOut, Report


class MarkdownReporter(Reporter):
    name = "markdown"
    suffix = ".md"
    media_type = "text/markdown"
    order = 5
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        lang = options.lang
        mark = "✅" if report.valid else "❌"
        out: list[str] = [f"## {label('report.heading', lang)}", ""]
        out += [f"{mark} {_md(overall(report, lang))}", ""]
        out += _files_table(report, lang)
        for file in report.files:
            out += _file_section(report, file, lang, options.max_per_code)
        return "\n".join(out).rstrip("\n") + "\n"

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # The verdict comes first but is known last: the table rows and the details of
        # each file wait in spools.
        rows, details = Spool(), Spool()
        try:
            for file in files:
                # heading, blank, verdict, blank, table head, rule, this file's row, blank, rest
                parts = run.one(file).split("\n", 8)
                rows.write(parts[6] + "\n")
                if len(parts) > 8 and parts[8]:
                    details.write("\n" + parts[8])
            head = run.counted()
        except BaseException:
            rows.close()
            details.close()
            raise
        yield head
        yield from rows.replay()
        yield from details.replay()


REPORTER = MarkdownReporter()


def _md(text: str | int | None) -> str:
    """Cell or prose text shown literally: see :func:`stdschema.report.escape.markdown`."""
    if text is None:
        return ""
    return escape.markdown(text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _files_table(report: Report, lang: Lang) -> list[str]:
    """A row a file: dataset, rows, counts, verdict."""
    sev = {s: severity_label(s, lang) for s in SEVERITIES}
    head = [label("report.file", lang), label("report.dataset", lang), label("report.rows", lang)]
    out = [_row([*head, sev["error"], sev["warning"], sev["info"], label("report.result", lang)])]
    out.append("| --- | --- | ---: | ---: | ---: | ---: | :---: |")
    for file in report.files:
        dataset = dataset_name(file) or label("report.not_detected", lang)
        if file.dataset.name_ja:
            dataset += f" {file.dataset.name_ja}"
        counts = (file.summary.error, file.summary.warning, file.summary.info)
        cells = [_md(path(file)), _md(dataset), str(file.rows), *map(str, counts)]
        out.append(_row([*cells, "✅" if file.valid else "❌"]))
    out.append("")
    return out


def _file_section(report: Report, file: FileReport, lang: Lang, max_per_code: int) -> list[str]:
    """A file's heading, why it was not read, its codes and their first problems."""
    codes = ordered_codes(file)
    if not codes and not file.error:
        return []
    out = [f"### {_md(path(file))}", ""]
    if file.error:
        out += [f"❌ {_md(label('report.unreadable', lang, error=file.error))}", ""]
    if codes:
        columns = ["report.code", "report.title", "report.severity", "report.count_header"]
        out.append(_row([label(key, lang) for key in columns]))
        out.append("| --- | --- | --- | ---: |")
        for code, severity, n in codes:
            cells = [f"`{_md(code)}`", _md(title(code, lang))]
            out.append(_row([*cells, severity_label(severity, lang), str(n)]))
        out.append("")
    grouped = by_code(file)
    for code, _severity, n in codes:
        shown = grouped.get(code, [])[: max(max_per_code, 0)]
        if shown:
            out += _code_details(code, n, shown, lang)
    if file.problems_truncated:
        out += [_md(label("report.truncated", lang, limit=truncated_limit(report, file))), ""]
    return out


def _code_details(code: str, n: int, shown: list[ProblemOut], lang: Lang) -> list[str]:
    """The problems shown of one code, and how many more there are."""
    out = [f"#### `{_md(code)}` {_md(title(code, lang))}", ""]
    # The spreadsheet row (the line where a file has none) and the record's label first:
    # that is how a person finds the record in Excel.
    columns = ["loc.row", "column", "header", "loc.record", "value", "message", "fixed_to"]
    out.append(_row([label(f"report.{key}", lang) for key in columns]))
    out.append("| ---: | --- | --- | --- | --- | --- | --- |")
    for p in (human(p, lang) for p in shown):
        row = p.row if p.row is not None else p.line
        cells = [row, p.column_letter, p.header, p.record, p.value, p.message, p.fixed_to]
        out.append(_row([_md(cell) for cell in cells]))
    if n > len(shown):
        out += ["", _md(label("report.more", lang, n=n - len(shown)))]
    out.append("")
    return out
