"""``github``: GitHub Actions workflow commands, an annotation a problem, capped at what
GitHub shows.

GitHub turns at most :data:`ANNOTATIONS_PER_KIND` workflow commands of each kind
(``error``, ``warning``, ``notice``) of a step into annotations and drops the rest without
a word (it also keeps at most 50 a job). So the format prints at most that many of each
kind, the most severe first and then in file and line order, and when any problem is left
out, one ``::notice`` that counts them and says where they are: the Markdown step summary
(``--format markdown >> "$GITHUB_STEP_SUMMARY"``) or SARIF. That line is a notice
annotation rather than a plain log line because the annotations are what a reader of the
run sees; it takes one of the notice slots.

Infos are annotated only when they can fail the run (``--fail-on info``), and only then
counted in the summary line. Problems already in a baseline (``known``) are never annotated
but are counted there, as left out: the step summary lists them.

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
from stdschema.report.formats._shared import FILE_ERROR_CODE, RANK, human, label, path

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, ProblemOut, Report, SeverityName

ANNOTATIONS_PER_KIND = 10
"""Workflow commands of one kind (error, warning, notice) GitHub turns into annotations in a
step; it drops any more silently (actions/toolkit docs/problem-matchers.md, "Limitations")."""

_COMMAND: dict[str, str] = {"error": "error", "warning": "warning", "info": "notice"}


class GithubReporter(Reporter):
    name = "github"
    suffix = ".txt"
    media_type = "text/plain"
    order = 4
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        fail_on = options.fail_on or report.fail_on
        shown = _chosen(report.files, fail_on)
        total = _annotatable(report, fail_on)
        notices = [item for item in shown if item[0] == "info"]
        if total > len(shown) and len(notices) == ANNOTATIONS_PER_KIND:
            # The summary line is a notice too: it takes the last notice's slot.
            shown.remove(notices[-1])
        lines = []
        for _severity, file, problem in shown:
            where = escape.github_property(path(file))
            if problem is None:
                data = escape.github_data(file.error)
                lines.append(f"::error file={where},title={FILE_ERROR_CODE}::{data}")
            else:
                lines.append(_command(where, problem, options.lang))
        if total > len(shown):
            known: int = getattr(report.summary, "known", 0)  # with --baseline
            lines.append(_summary(len(shown), total, known, options.lang))
        return "".join(line + "\n" for line in lines)

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # The annotations are the first of each kind in file and line order, and the summary
        # line counts the whole run: each file passes keeping only the problems that may
        # still be annotated (the first ANNOTATIONS_PER_KIND of each severity in the run,
        # whatever --fail-on, which render() applies) and unreadable files (each an
        # annotation); the run then renders once, with its totals.
        held: list[FileReport] = []
        room: dict[str, int] = dict.fromkeys(_COMMAND, ANNOTATIONS_PER_KIND)
        for file in files:
            keep: list[ProblemOut] = []
            for problem in sorted(_annotated(file, "info"), key=_line):
                if room[problem.severity] > 0:
                    room[problem.severity] -= 1
                    keep.append(problem)
            if keep or file.error:
                held.append(file.model_copy(update={"problems": keep}))
        yield run.whole(held)


REPORTER = GithubReporter()


def _line(problem: ProblemOut) -> int:
    """Where a problem sorts in its file: file-wide problems (no line) first."""
    return problem.line if problem.line is not None else 0


def _kinds(fail_on: str) -> set[str]:
    # Infos are annotated only when they can fail the run: GitHub shows few annotations.
    return {"error", "warning"} | ({"info"} if fail_on == "info" else set())


def _annotated(file: FileReport, fail_on: str) -> list[ProblemOut]:
    """The file's problems of the kinds annotated, known (baseline) ones left out."""
    kinds = _kinds(fail_on)
    return [
        p
        for p in file.problems
        if p.severity in kinds and not getattr(p, "known", False)  # `known`: baselines
    ]


def _chosen(
    files: list[FileReport], fail_on: str
) -> list[tuple[SeverityName, FileReport, ProblemOut | None]]:
    """At most ANNOTATIONS_PER_KIND annotations of a kind: the most severe first, then in file
    and line order (an unreadable file is an error before its problems)."""
    found: list[tuple[int, int, int, SeverityName, FileReport, ProblemOut | None]] = []
    for index, file in enumerate(files):
        if file.error:
            found.append((-RANK["error"], index, -1, "error", file, None))
        for problem in _annotated(file, fail_on):
            key = (-RANK[problem.severity], index, _line(problem))
            found.append((*key, problem.severity, file, problem))
    found.sort(key=lambda item: item[:3])
    room: dict[str, int] = dict.fromkeys(_COMMAND, ANNOTATIONS_PER_KIND)
    chosen: list[tuple[SeverityName, FileReport, ProblemOut | None]] = []
    for *_key, severity, where, what in found:
        if room[severity] > 0:
            room[severity] -= 1
            chosen.append((severity, where, what))
    return chosen


def _annotatable(report: Report, fail_on: str) -> int:
    """Problems of the kinds annotated in the whole run (also those past --max-problems, and
    known ones), and unreadable files."""
    counts = {"error": report.summary.error, "warning": report.summary.warning}
    counts["info"] = report.summary.info
    unreadable = sum(1 for file in report.files if file.error)
    return unreadable + sum(counts[kind] for kind in _kinds(fail_on))


def _summary(shown: int, total: int, known: int, lang: Lang) -> str:
    title = escape.github_property(label("report.github.summary_title", lang))
    text = label(
        "report.github.left_out",
        lang,
        shown=shown,
        total=total,
        left=total - shown,
        per_kind=ANNOTATIONS_PER_KIND,
    )
    if known:
        text += label("report.github.known", lang, known=known)
    return f"::notice title={title}::{escape.github_data(text)}"


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
