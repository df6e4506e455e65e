"""``github``: GitHub Actions workflow commands, an annotation a problem.

``line=`` is the physical line (GitHub opens the file there). The message leads with the
spreadsheet row when it differs from that line (a record after cells with line breaks) and
with the record's label, so that the record can be found in Excel too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from stdschema.messages import Lang
from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, StreamRun
from stdschema.report.formats._shared import FILE_ERROR_CODE, human, label, path

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, ProblemOut, Report

_COMMAND: dict[str, str] = {"error": "error", "warning": "warning", "info": "notice"}


class GithubReporter(Reporter):
    name = "github"
    suffix = ".txt"
    media_type = "text/plain"
    order = 4
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        # GitHub shows only a few annotations per step: infos only when they can fail the run.
        shown = {"error", "warning"} | ({"info"} if report.fail_on == "info" else set())
        lines = []
        for file in report.files:
            where = escape.github_property(path(file))
            if file.error:
                data = escape.github_data(file.error)
                lines.append(f"::error file={where},title={FILE_ERROR_CODE}::{data}")
            lines += [
                _command(where, problem, options.lang)
                for problem in file.problems
                if problem.severity in shown
            ]
        return "".join(line + "\n" for line in lines)

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # No head: each file's commands as it comes.
        for file in files:
            yield run.one(file)


REPORTER = GithubReporter()


def _command(where: str, problem: ProblemOut, lang: Lang) -> str:
    problem = human(problem, lang)
    props = [f"file={where}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        if problem.column is not None:
            props.append(f"col={problem.column}")
    props.append(f"title={escape.github_property(problem.code)}")
    message = _where(problem, lang) + problem.message
    if problem.hint:
        message += f"\n{problem.hint}"
    if problem.fixed_to is not None:
        message += f"\n→ {problem.fixed_to}"
    command = _COMMAND[problem.severity]
    return f"::{command} {','.join(props)}::{escape.github_data(message)}"


def _where(problem: ProblemOut, lang: Lang) -> str:
    """'203 行目（ID 12 田中公園）: ' before the message; empty when the line says it all."""
    place = ""
    if problem.row is not None and problem.row != problem.line:
        place = label("report.loc.at_row", lang, n=problem.row)
    if problem.record:
        place += label("report.loc.record_label", lang, record=problem.record)
    return f"{place.strip()}: " if place else ""
