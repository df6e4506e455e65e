"""``markdown``: a GitHub step summary: the verdict, a table of files, then each file's
codes and its problems.

It is where the problems the ``github`` format could not annotate are read (GitHub shows 10
annotations of a kind a step), so it lists every problem the report holds: the first
``max_per_code`` of a code in a table, the others in a collapsed ``<details>`` table below
it. GitHub takes at most 1 MiB of step summary a step; once the files' rows and sections
pass :data:`STEP_SUMMARY_BUDGET`, a file's section keeps its table of codes and says why
its problems are not listed. Problems past ``--max-problems`` are counted, not held, so not
listed either (the section says so).
"""

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

STEP_SUMMARY_BUDGET = 1_000_000
"""UTF-8 bytes the table rows and sections of files may take: GitHub refuses a step summary
over 1 MiB (1,048,576 bytes); the rest is room for the heading, verdict and table head."""


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
        table = _files_table(report, lang)
        out += table
        used = 0
        for file, row in zip(report.files, table[2:], strict=False):
            section = _file_section(report, file, lang, options.max_per_code)
            used += _size([row])
            section = _fit(section, used, lang)
            used += _size(section)
            out += section
        return "\n".join(out).rstrip("\n") + "\n"

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # The verdict comes first but is known last: the table rows and the details of
        # each file wait in spools.
        rows, details = Spool(), Spool()
        lang = run.options.lang
        used = 0
        try:
            for file in files:
                # heading, blank, verdict, blank, table head, rule, this file's row, blank, rest
                parts = run.one(file).split("\n", 8)
                rows.write(parts[6] + "\n")
                used += _size([parts[6]])
                if len(parts) > 8 and parts[8]:
                    # As render() does: the section shortened once the budget is spent.
                    section = _fit(parts[8].split("\n"), used, lang)
                    used += _size(section)
                    details.write("\n" + "\n".join(section))
            head = run.counted()
        except BaseException:
            rows.close()
            details.close()
            raise
        yield head
        yield from rows.replay()
        yield from details.replay()


REPORTER = MarkdownReporter()


def _size(lines: list[str]) -> int:
    """The UTF-8 bytes of ``lines``, each with its line break."""
    return sum(len(line.encode("utf-8", "surrogatepass")) + 1 for line in lines)


def _fit(section: list[str], used: int, lang: Lang) -> list[str]:
    """A file's section as it is, or, when it would pass the budget after ``used`` bytes,
    its heading and table of codes with the note why no problem is listed (the same for a
    section already shortened, so render and stream agree)."""
    if used + _size(section) <= STEP_SUMMARY_BUDGET:
        return section
    note = _md(label("report.markdown.budget", lang))
    kept: list[str] = []
    for line in section:
        if line.startswith("#### ") or line == note:
            break
        kept.append(line)
    return [*kept, note, ""]


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
        held = grouped.get(code, [])
        if held and max_per_code > 0:
            out += _code_details(code, n, held, max_per_code, lang)
    if file.problems_truncated:
        out += [_md(label("report.truncated", lang, limit=truncated_limit(report, file))), ""]
    return out


def _code_details(
    code: str, n: int, held: list[ProblemOut], max_per_code: int, lang: Lang
) -> list[str]:
    """The problems of one code: the first ``max_per_code`` in a table, the others in a
    collapsed one, and how many past --max-problems are not held."""
    out = [f"#### `{_md(code)}` {_md(title(code, lang))}", ""]
    out += _problem_table(held[:max_per_code], lang)
    rest = held[max_per_code:]
    if rest:
        summary = _md(label("report.markdown.more_rows", lang, n=len(rest)))
        # A blank line after <summary> so that GitHub renders the table inside as Markdown.
        out += ["", f"<details><summary>{summary}</summary>", ""]
        out += _problem_table(rest, lang)
        out += ["", "</details>"]
    if n > len(held):
        out += ["", _md(label("report.more", lang, n=n - len(held)))]
    out.append("")
    return out


def _problem_table(problems: list[ProblemOut], lang: Lang) -> list[str]:
    # The spreadsheet row (the line where a file has none) and the record's label first:
    # that is how a person finds the record in Excel.
    columns = ["loc.row", "column", "header", "loc.record", "value", "message", "fixed_to"]
    out = [_row([label(f"report.{key}", lang) for key in columns])]
    out.append("| ---: | --- | --- | --- | --- | --- | --- |")
    for p in (human(p, lang) for p in problems):
        row = p.row if p.row is not None else p.line
        cells = [row, p.column_letter, p.header, p.record, p.value, p.message, p.fixed_to]
        out.append(_row([_md(cell) for cell in cells]))
    return out
