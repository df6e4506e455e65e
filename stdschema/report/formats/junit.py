"""``junit``: JUnit XML, a test suite a file and a test case a problem code and severity.

A case fails when its severity is at or above ``--fail-on`` (the problems that make the run
exit 1), so the failures of the XML and the exit code agree: ``--fail-on warning`` on a file
with warnings only gives failures and exit 1; the default ``--fail-on error`` gives none and
exit 0. A case below ``--fail-on``, or whose problems a ``--baseline`` holds (``known``),
passes and lists its problems in ``system-out``. A code found both as an error and as a
warning is two cases, so errors and warnings never share one ``<failure>``. ``valid`` is a
passing case of a file with no failure.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from stdschema.messages import Lang
from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, Spool, StreamRun
from stdschema.report.formats._shared import (
    FILE_ERROR_CODE,
    RANK,
    by_code_severity,
    code_severity_counts,
    dataset_name,
    human,
    label,
    path,
    severity_label,
    title,
    visible,
)

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, ProblemOut, Report

_TOTALS = re.compile(r' (tests|failures|errors|skipped)="([0-9]+)"')


class JunitReporter(Reporter):
    name = "junit"
    suffix = ".xml"
    media_type = "application/xml"
    order = 2
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        root = ET.Element("testsuites", name="stdschema")
        totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
        for file in report.files:
            suite = _suite(root, file, options.lang, options.fail_on or report.fail_on)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, n in totals.items():
            root.set(key, str(n))
        ET.indent(root)
        body = escape.xml_document(ET.tostring(root, encoding="unicode"))
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # The totals sit on the root element: the suites wait in a spool.
        suites = Spool()
        totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
        start = ""
        try:
            for file in files:
                lines = run.one(file).split("\n")
                # declaration, <testsuites …>, the file's <testsuite>, </testsuites>, ""
                start = "\n".join(lines[:2])
                for key, n in _TOTALS.findall(lines[1]):
                    totals[key] += int(n)
                suites.write("\n".join(lines[2:-2]) + "\n")
            if run.seen == 0:
                suites.close()
                yield run.empty()
                return
        except BaseException:
            suites.close()
            raise
        yield _TOTALS.sub(lambda m: f' {m[1]}="{totals[m[1]]}"', start) + "\n"
        yield from suites.replay()
        yield "</testsuites>\n"


REPORTER = JunitReporter()


def _suite(root: ET.Element, file: FileReport, lang: Lang, fail_on: str) -> ET.Element:
    """The file's test suite: a case for an unreadable file, one a problem code and severity
    (failing at or above ``fail_on``), and ``valid`` when nothing failed."""
    suite = ET.SubElement(root, "testsuite", name=escape.xml_text(path(file)))
    classname = escape.xml_text(dataset_name(file) or path(file))
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    if file.error:
        case = ET.SubElement(suite, "testcase", name=FILE_ERROR_CODE, classname=classname)
        error = ET.SubElement(
            case, "error", message=escape.xml_text(file.error), type=FILE_ERROR_CODE
        )
        error.text = escape.xml_text(file.error)
        counts["tests"] += 1
        counts["errors"] += 1
    grouped = by_code_severity(file)
    for code, severity, n in code_severity_counts(file):
        name = escape.xml_text(f"{code} ({severity})")
        case = ET.SubElement(suite, "testcase", name=name, classname=classname)
        counts["tests"] += 1
        problems = grouped.get((code, severity), [])
        body = "\n".join(_plain_line(p, lang) for p in problems)
        # Problems the baseline holds do not fail the run (those past --max-problems are
        # not held, so they count as new).
        known = sum(1 for p in problems if getattr(p, "known", False))
        if RANK[severity] >= RANK[fail_on] and n > known:
            failure = ET.SubElement(
                case,
                "failure",
                message=escape.xml_text(f"{title(code, lang)} ({n})"),
                type=severity,
            )
            failure.text = escape.xml_text(body)
            counts["failures"] += 1
        else:
            out = ET.SubElement(case, "system-out")
            kind = severity_label(severity, lang)
            why = (
                "report.junit.known"
                if RANK[severity] >= RANK[fail_on]
                else "report.junit.below_fail_on"
            )
            head = label(why, lang, severity=kind, fail_on=fail_on)
            text = f"{head}: {title(code, lang)} ({n})" + (f"\n{body}" if body else "")
            out.text = escape.xml_text(text)
    if counts["failures"] == 0 and not file.error:
        ET.SubElement(suite, "testcase", name="valid", classname=classname)
        counts["tests"] += 1
    for key, n in counts.items():
        suite.set(key, str(n))
    return suite


def _location(problem: ProblemOut, lang: Lang) -> str:
    """'12 行目 C 列「名称_カナ」（ID 3 駅前トイレ）' / "row 12 column C '名称_カナ' (ID 3 …)":
    the spreadsheet row a person finds the record on (the line where a file has none)."""
    parts = []
    if problem.row is not None:
        parts.append(label("report.loc.at_row", lang, n=problem.row))
    elif problem.line is not None:
        parts.append(label("report.at_line", lang, n=problem.line))
    if problem.column_letter:
        parts.append(label("report.at_column", lang, letter=problem.column_letter))
    place = " ".join(parts)
    if problem.header is not None:
        # Japanese brackets need no space before them.
        place += f"「{problem.header}」" if lang == "ja" else f" '{problem.header}'"
    if problem.record:
        place += label("report.loc.record_label", lang, record=problem.record)
    return place.strip()


def _plain_line(problem: ProblemOut, lang: Lang) -> str:
    """One problem on one line, for JUnit bodies."""
    problem = human(problem, lang)
    text = problem.message
    location = _location(problem, lang)
    if location:
        text = f"{location}: {text}"
    if problem.hint:
        text += f" {label('report.hint', lang)}: {problem.hint}"
    if problem.fixed_to is not None:
        text += f" → {label('report.fixed_to', lang)}: {problem.fixed_to}"
    return visible(text)
