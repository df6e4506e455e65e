"""``text``: the terminal report (Rich), summary first, then the first problems of each
kind; ``quiet`` gives one line a problem for CI logs."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeAlias

from stdschema.messages import Lang
from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, StreamRun
from stdschema.report.formats._shared import (
    RANK,
    ascii_marks,
    by_code_severity,
    code_counts,
    code_severity_counts,
    counts,
    dataset_name,
    how_detected,
    human,
    label,
    overall,
    path,
    severity_label,
    title,
    truncated_limit,
    visible,
)

if TYPE_CHECKING:
    from stdschema.report.model import (
        FileReport,
        ProblemOut,
        Report,
        SeverityName,
    )

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_STYLE: dict[str, str] = {"error": "bold red", "warning": "bold yellow", "info": "cyan"}
_Codes: TypeAlias = "list[tuple[str, SeverityName, int]]"


class _Marks:
    """The marks the report draws: Unicode, or ASCII on a console that cannot encode them
    (``RenderOptions.ascii_marks``, decided once from the stream's encoding by the CLI)."""

    def __init__(self, plain: bool) -> None:
        self.plain = plain
        self.ok = self.text("✓")
        self.ng = self.text("✗")
        self.rule = self.text("─")
        self.arrow = self.text("→")
        self.severity = {"error": self.ng, "warning": "!", "info": "i"}

    def text(self, text: str) -> str:
        """``text`` (a catalogue sentence or a mark) with its marks as this console draws them."""
        return ascii_marks(text) if self.plain else text


class TextReporter(Reporter):
    name = "text"
    suffix = ".txt"
    media_type = "text/plain"
    order = 0
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        # Rich is imported only when a text report is written (the CLI starts faster).
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=options.color,
            color_system="auto" if options.color else None,
            width=120,
            highlight=False,
            emoji=False,
            markup=False,
            force_jupyter=False,
        )
        lang = options.lang
        marks = _Marks(options.ascii_marks)
        if options.quiet:
            # CI on success prints nothing; otherwise only the problems that matter: warnings
            # and errors, and infos too when --fail-on info makes them fail the run.
            threshold = min(RANK["warning"], RANK[report.fail_on])
            _quiet(console, report, lang, threshold, options.max_per_code, marks)
            return _log_lines(buffer.getvalue(), strip=False)
        for index, file in enumerate(report.files):
            if index:
                console.print()
            _file(console, report, file, lang, options.max_per_code, marks)
        console.print()
        console.print(_overall(report, lang))
        return _log_lines(buffer.getvalue(), strip=not options.color)

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        if run.options.quiet:
            for file in files:
                yield run.one(file)
            return
        for index, file in enumerate(files):
            # One file's text ends with a blank line and that file's verdict: drop both.
            text = run.one(file)
            cut = text.rstrip("\n").rfind("\n")
            yield ("\n" if index else "") + text[: max(cut, 0)]
        # A blank line and the run's verdict (over every file, from the counts).
        yield run.counted()


REPORTER = TextReporter()


def _log_lines(text: str, *, strip: bool) -> str:
    """Every line safe in a CI log: Rich wraps long values, and a wrapped line must not start
    a workflow command (``::error::``). Without colour, trailing blanks go too: Rich pads
    table cells to the column width, and plain text has no use for them."""
    lines = text.splitlines()
    return "".join(escape.log_line(line.rstrip() if strip else line) + "\n" for line in lines)


def _file(
    console: Console,
    report: Report,
    file: FileReport,
    lang: Lang,
    max_per_code: int,
    marks: _Marks,
) -> None:
    """One file: its facts, its counts by code and column, then the details."""
    _facts(console, file, lang, marks)
    codes = code_severity_counts(file)
    if _summary(console, file, lang, codes, marks):
        _details(console, report, file, lang, codes, max_per_code, marks)
    _next_commands(console, file, lang)


def _next_commands(console: Console, file: FileReport, lang: Lang) -> None:
    """validate's guidance, last: the commands that convert a local layout, filled in."""
    from rich.text import Text

    if not file.next_commands:
        return
    console.print()
    from stdschema.report.model import DATASET_PLACEHOLDER

    pick = any(DATASET_PLACEHOLDER in command for command in file.next_commands)
    heading = label("guidance.next_pick" if pick else "guidance.next", lang)
    console.print(Text(heading, style="bold"), soft_wrap=True)
    for command in file.next_commands:
        # One line however narrow the console: the command is to be copied whole.
        console.print(Text(f"  {visible(command)}"), soft_wrap=True)


def _facts(console: Console, file: FileReport, lang: Lang, marks: _Marks) -> None:
    """The file's rule line and facts (dataset, encoding, sheet, rows), and why it was
    not read."""
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    mark = marks.ok if file.valid else marks.ng
    console.print(
        Rule(
            Text(f"{mark} {visible(path(file))}", style="bold"),
            characters=marks.rule,
            align="left",
            style="dim",
        )
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts.add_row(Text(label("report.dataset", lang)), Text(_dataset(file, lang)))
    if file.encoding:
        facts.add_row(Text(label("report.encoding", lang)), Text(visible(file.encoding)))
    if file.sheet:
        hidden = ", ".join(repr(n) for n in file.hidden_sheets_skipped)
        sheet = label("input.sheet_hidden_skipped", lang, sheet=file.sheet, hidden=hidden)
        facts.add_row(
            Text(label("input.sheet", lang)), Text(visible(sheet if hidden else file.sheet))
        )
    facts.add_row(Text(label("report.rows", lang)), Text(str(file.rows)))
    console.print(facts)
    if file.error:
        console.print(
            Text(label("report.unreadable", lang, error=visible(file.error)), style="bold red")
        )


def _summary(console: Console, file: FileReport, lang: Lang, codes: _Codes, marks: _Marks) -> bool:
    """The counts, the table by (code, severity) and the table by column; False when there
    is no problem to detail."""
    from rich.table import Table
    from rich.text import Text

    summary = file.summary
    console.print()
    console.print(
        Text.assemble(
            (f"{label('report.summary', lang)}  ", "bold"),
            counts(summary.error, summary.warning, summary.info, lang),
        )
    )
    if summary.known:
        console.print(Text(label("baseline.known_file", lang, n=summary.known), style="dim"))
    if not codes:
        # An unreadable file has no problem list, but it is not free of problems: its
        # error line above says why it failed.
        if not file.error:
            console.print(Text(label("report.no_problems", lang), style="green"))
        return False
    table = Table(title=label("report.by_code", lang), title_justify="left", box=None)
    table.add_column(label("report.severity", lang))
    table.add_column(label("report.code", lang))
    table.add_column(label("report.title", lang))
    table.add_column(label("report.count_header", lang), justify="right")
    for code, severity, n in codes:
        table.add_row(
            Text(
                f"{marks.severity[severity]} {severity_label(severity, lang)}",
                style=_STYLE[severity],
            ),
            Text(visible(code)),
            Text(visible(title(code, lang))),
            Text(str(n)),
        )
    console.print(table)
    if summary.by_column:
        columns = Table(title=label("report.by_column", lang), title_justify="left", box=None)
        columns.add_column(label("report.header", lang))
        columns.add_column(label("report.count_header", lang), justify="right")
        for header, n in sorted(summary.by_column.items(), key=lambda kv: (-kv[1], kv[0])):
            columns.add_row(Text(visible(escape.shorten(header, lang))), Text(str(n)))
        console.print(columns)
    return True


def _details(
    console: Console,
    report: Report,
    file: FileReport,
    lang: Lang,
    codes: _Codes,
    max_per_code: int,
    marks: _Marks,
) -> None:
    """The first ``max_per_code`` problems of each (code, severity), how many more there
    are, and how to get every one of them."""
    from rich.text import Text

    console.print()
    console.print(Text(label("report.details", lang), style="bold"))
    grouped = by_code_severity(file)
    cut = False
    for code, severity, n in codes:
        console.print(
            Text.assemble(
                (f"{marks.severity[severity]} {severity_label(severity, lang)} ", _STYLE[severity]),
                (visible(code), "bold"),
                f" {visible(title(code, lang))} ({n})",
            )
        )
        shown = grouped.get((code, severity), [])[: max(max_per_code, 0)]
        for problem in shown:
            for line in _problem(problem, lang, marks):
                console.print(line)
        if n > len(shown):
            cut = True
            more = marks.text(label("report.text.more", lang, n=n - len(shown)))
            console.print(Text("    " + more, style="dim"))
    if file.problems_truncated:
        limit = truncated_limit(report, file)
        total = sum(code_counts(file).values())
        console.print(Text(label("report.truncated", lang, limit=limit), style="yellow"))
        console.print(Text(label("report.text.raise_limit", lang, total=total), style="yellow"))
    if cut or file.problems_truncated:
        # One line however narrow the console: the command is to be copied whole.
        console.print(Text(label("report.text.all_problems", lang), style="dim"), soft_wrap=True)


def _dataset(file: FileReport, lang: Lang) -> str:
    """'public_toilets@v2 公衆トイレ一覧（見出し行により判定、確度: 完全、一致度: 1.00）'."""
    ref = file.dataset
    name = dataset_name(file)
    head = name if name is not None else label("report.not_detected", lang)
    if ref.name_ja:
        head += f" {ref.name_ja}"
    return visible(head + how_detected(ref.detected_by, ref.confidence, ref.score, lang))


def _where(problem: ProblemOut, lang: Lang) -> list[tuple[str, str]]:
    """The problem's place as people look for it: the spreadsheet row (the file's line
    when the row is not known, and the line too when the two differ), the record's label,
    the column and the header."""
    fields: list[tuple[str, str]] = []
    if problem.row is not None:
        row = str(problem.row)
        if problem.line is not None and problem.line != problem.row:
            row += label("report.text.file_line", lang, line=problem.line)
        fields.append((label("report.text.row", lang), row))
    elif problem.line is not None:
        fields.append((label("report.line", lang), str(problem.line)))
    if problem.record:
        fields.append((label("report.text.record", lang), problem.record))
    if problem.column_letter:
        fields.append((label("report.column", lang), problem.column_letter))
    if problem.header is not None:
        fields.append((label("report.header", lang), problem.header))
    return fields


def _problem(problem: ProblemOut, lang: Lang, marks: _Marks) -> Iterator[Text]:
    """The lines of one problem: location, record and value, message, hint, fix."""
    from rich.text import Text

    problem = human(problem, lang)
    head = Text("    ")
    fields = _where(problem, lang)
    if problem.value is not None:
        quoted = f"「{problem.value}」" if lang == "ja" else repr(problem.value)
        fields.append((label("report.value", lang), quoted))
    for index, (name, value) in enumerate(fields):
        if index:
            head.append("  ")
        head.append(f"{name} ", style="dim")
        head.append(visible(value))
    if fields:
        yield head
    yield Text("      " + visible(problem.message))
    if problem.hint:
        yield Text(f"      {label('report.hint', lang)}: {visible(problem.hint)}", style="dim")
    if problem.fixed_to is not None:
        yield Text(
            f"      {marks.arrow} {label('report.fixed_to', lang)}: {visible(problem.fixed_to)}",
            style="green",
        )


def _quiet(
    console: Console,
    report: Report,
    lang: Lang,
    threshold: int,
    max_per_code: int,
    marks: _Marks,
) -> None:
    """One line per problem at or above ``threshold`` (and per unreadable file), nothing else."""
    from rich.text import Text

    for file in report.files:
        where = visible(path(file))
        if file.error:
            unreadable = label("report.unreadable", lang, error=visible(file.error))
            console.print(Text(f"{where}: {unreadable}"), soft_wrap=True)
        grouped = by_code_severity(file)
        for code, severity, n in code_severity_counts(file):
            if RANK[severity] < threshold:
                continue
            # Problems the baseline knows do not fail the run: quiet leaves them out too.
            details = grouped.get((code, severity), [])
            pending = [p for p in details if not p.known]
            shown = pending[: max(max_per_code, 0)]
            for problem in shown:
                # One problem per physical line, whatever its length: CI logs get grepped.
                line = _quiet_line(where, human(problem, lang), lang, marks)
                console.print(line, soft_wrap=True)
            rest = n - (len(details) - len(pending)) - len(shown)
            if rest > 0:
                more = marks.text(label("report.text.more", lang, n=rest))
                console.print(Text(f"{where}: [{code}] {more}", style="dim"), soft_wrap=True)


def _quiet_line(where: str, problem: ProblemOut, lang: Lang, marks: _Marks) -> Text:
    """'path:12:C: ✗ エラー [code] message → fix': the file's line, as compilers print it
    (editors and CI jump to it)."""
    from rich.text import Text

    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column_letter:
            where += f":{problem.column_letter}"
    line = Text(f"{where}: ")
    severity = f"{marks.severity[problem.severity]} {severity_label(problem.severity, lang)}"
    line.append(severity, style=_STYLE[problem.severity])
    line.append(f" [{problem.code}] {visible(problem.message)}")
    if problem.fixed_to is not None:
        line.append(f" {marks.arrow} {visible(problem.fixed_to)}", style="green")
    return line


def _overall(report: Report, lang: Lang) -> Text:
    from rich.text import Text

    text = overall(report, lang)
    if report.summary.known:
        text += label("baseline.known_run", lang, n=report.summary.known)
    return Text(text, style="bold green" if report.valid else "bold red")
