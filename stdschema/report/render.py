"""Renderers: a :class:`~stdschema.report.model.Report` as text, JSON, JUnit XML, SARIF,
GitHub Actions workflow commands, Markdown or CSV.

``max_per_code`` limits the examples of the human formats (text, Markdown); the machine
formats (JUnit, SARIF, GitHub, CSV) carry every problem the report holds, which
``--max-problems`` already bounds.

Untrusted text (file names, headers, values, messages quoting them) goes through
:mod:`stdschema.report.escape`, one function a format. Formats read by people (text,
Markdown, GitHub, JUnit) show values, headers and messages shortened
(:func:`~stdschema.report.escape.shorten`); JSON, SARIF and CSV keep them whole (the reader's
limits, such as the 10 MiB CSV field, bound them).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stdschema.conversion.writers import neutralise_formula
from stdschema.messages import CATALOGUE as MESSAGES
from stdschema.messages import Lang
from stdschema.problems import CATALOGUE as PROBLEMS
from stdschema.report import escape
from stdschema.report.model import FileReport, ProblemOut, Report, SeverityName

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "junit", "sarif", "github", "markdown", "csv")

INFORMATION_URI = "https://github.com/stdschema/stdschema"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

# A file that could not be read has no catalogue code (FileReport.error is free text);
# the machine formats still need a rule id for it.
FILE_ERROR_CODE = "file-error"

_SEVERITIES: tuple[SeverityName, ...] = ("error", "warning", "info")
_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}
_SARIF_LEVEL: dict[str, str] = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_COMMAND: dict[str, str] = {"error": "error", "warning": "warning", "info": "notice"}
_TEXT_MARK: dict[str, tuple[str, str]] = {
    "error": ("✗", "bold red"),
    "warning": ("!", "bold yellow"),
    "info": ("i", "cyan"),
}

CSV_COLUMNS = (
    "file",
    "line",
    "column",
    "column_letter",
    "header",
    "field",
    "code",
    "severity",
    "value",
    "message",
    "hint",
    "fixed_to",
)


def render(
    report: Report,
    fmt: str,
    *,
    lang: Lang | None = None,
    color: bool = False,
    max_per_code: int = 5,
    quiet: bool = False,
) -> str:
    """``report`` rendered as ``fmt`` (one of :data:`FORMATS`) in ``lang`` (default: the report's).

    ``color`` and ``quiet`` apply to ``text`` only; ``max_per_code`` to ``text`` and ``markdown``.
    """
    language: Lang = lang or report.lang
    if fmt == "text":
        return _render_text(report, language, color=color, max_per_code=max_per_code, quiet=quiet)
    if fmt == "json":
        return _render_json(report, language)
    if fmt == "junit":
        return _render_junit(report, language)
    if fmt == "sarif":
        return _render_sarif(report, language)
    if fmt == "github":
        return _render_github(report, language)
    if fmt == "markdown":
        return _render_markdown(report, language, max_per_code=max_per_code)
    if fmt == "csv":
        return _render_csv(report, language)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


# --- shared helpers ----------------------------------------------------------


def _label(key: str, lang: Lang, **values: object) -> str:
    text = MESSAGES[key][lang]
    return text.format(**values) if values else text


def _title(code: str, lang: Lang) -> str:
    """The catalogue title of ``code``; the code itself when the catalogue lacks it."""
    if code == FILE_ERROR_CODE:
        return _label("report.file_error", lang)
    entry = PROBLEMS.get(code)
    if entry is None:
        return code
    return entry.title_ja if lang == "ja" else entry.title_en


def _severity_label(severity: str, lang: Lang) -> str:
    return _label(f"report.severity.{severity}", lang)


def _counts(error: int, warning: int, info: int, lang: Lang) -> str:
    """'エラー 2 件、警告 1 件、情報 0 件' / '2 errors, 1 warning, 0 infos'."""
    parts = []
    for severity, n in zip(_SEVERITIES, (error, warning, info), strict=True):
        key = f"report.severity.{severity}" + ("" if n == 1 else ".plural")
        parts.append(_label("report.count", lang, label=_label(key, lang), n=n))
    return _label("report.count_sep", lang).join(parts)


def _dataset_name(file: FileReport) -> str | None:
    ref = file.dataset
    if ref.id is None:
        return None
    return f"{ref.id}@{ref.edition}" if ref.edition else ref.id


def _code_counts(file: FileReport) -> dict[str, int]:
    """Problems per code: the summary's counts (which include problems past
    ``--max-problems``), never fewer than the problems held."""
    held: dict[str, int] = {}
    for problem in file.problems:
        held[problem.code] = held.get(problem.code, 0) + 1
    counts = {code: max(n, held.get(code, 0)) for code, n in file.summary.by_code.items()}
    for code, n in held.items():
        counts.setdefault(code, n)
    return counts


def _code_severity(file: FileReport, code: str) -> SeverityName:
    """The worst severity a code has in ``file``; its catalogue default when no detail is held."""
    held = [p.severity for p in file.problems if p.code == code]
    if held:
        return max(held, key=lambda s: _RANK[s])
    entry = PROBLEMS.get(code)
    return entry.severity.value if entry is not None else "warning"


def _ordered_codes(file: FileReport) -> list[tuple[str, SeverityName, int]]:
    """(code, severity, count), worst severity first, then most frequent."""
    counts = _code_counts(file)
    rows = [(code, _code_severity(file, code), n) for code, n in counts.items()]
    rows.sort(key=lambda r: (-_RANK[r[1]], -r[2], r[0]))
    return rows


def _by_code(file: FileReport) -> dict[str, list[ProblemOut]]:
    grouped: dict[str, list[ProblemOut]] = {}
    for problem in file.problems:
        grouped.setdefault(problem.code, []).append(problem)
    return grouped


def _visible(text: str) -> str:
    """Untrusted text for the terminal: see :func:`stdschema.report.escape.terminal`."""
    return escape.terminal(text)


def _path(file: FileReport) -> str:
    """The file's path as valid Unicode (bytes that were not UTF-8 as ``\\xff``)."""
    return escape.path_text(file.path)


def _short(text: str | None, lang: Lang, limit: int) -> str | None:
    return None if text is None else escape.shorten(text, lang, limit)


def _human(problem: ProblemOut, lang: Lang, longest: int = escape.SHORT_LIMIT) -> ProblemOut:
    """``problem`` as the human formats show it: values, headers and fixes longer than
    ``longest`` shortened, and the message (which quotes them) too, so a 9 MB cell is never
    laid out in full."""
    message_limit = 4 * longest
    quoted = [v for v in (problem.value, problem.header, problem.fixed_to) if v is not None]
    if all(len(v) <= longest for v in quoted) and len(problem.message) <= message_limit:
        return problem
    message = problem.message
    for value in sorted(quoted, key=len, reverse=True):
        if len(value) > longest:
            message = message.replace(value, escape.shorten(value, lang, longest))
    return problem.model_copy(
        update={
            "value": _short(problem.value, lang, longest),
            "header": _short(problem.header, lang, longest),
            "fixed_to": _short(problem.fixed_to, lang, longest),
            "message": escape.shorten(message, lang, message_limit),
            "hint": escape.shorten(problem.hint, lang, message_limit),
        }
    )


def _machine(problem: ProblemOut, lang: Lang) -> ProblemOut:
    """``problem`` as the machine formats (JSON, SARIF, CSV) carry it: whole, unless a value
    passes :data:`~stdschema.report.escape.MACHINE_LIMIT` characters (a report of a file of
    9 MB cells stays small)."""
    return _human(problem, lang, escape.MACHINE_LIMIT)


def _location(problem: ProblemOut, lang: Lang) -> str:
    """'12 行目 C 列「名称_カナ」' / "line 12 column C '名称_カナ'"."""
    parts = []
    if problem.line is not None:
        parts.append(_label("report.at_line", lang, n=problem.line))
    if problem.column_letter:
        parts.append(_label("report.at_column", lang, letter=problem.column_letter))
    place = " ".join(parts)
    if problem.header is not None:
        # Japanese brackets need no space before them.
        place += f"「{problem.header}」" if lang == "ja" else f" '{problem.header}'"
    return place.strip()


def _plain_line(problem: ProblemOut, lang: Lang) -> str:
    """One problem on one line, for JUnit bodies."""
    problem = _human(problem, lang)
    text = problem.message
    location = _location(problem, lang)
    if location:
        text = f"{location}: {text}"
    if problem.hint:
        text += f" {_label('report.hint', lang)}: {problem.hint}"
    if problem.fixed_to is not None:
        text += f" → {_label('report.fixed_to', lang)}: {problem.fixed_to}"
    return _visible(text)


# --- text --------------------------------------------------------------------


def _render_text(report: Report, lang: Lang, *, color: bool, max_per_code: int, quiet: bool) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        color_system="auto" if color else None,
        width=120,
        highlight=False,
        emoji=False,
        markup=False,
        force_jupyter=False,
    )
    if quiet:
        # CI on success prints nothing; otherwise only the problems that matter: warnings and
        # errors, and infos too when --fail-on info makes them fail the run.
        threshold = min(_RANK["warning"], _RANK[report.fail_on])
        _text_quiet(console, report, lang, threshold, max_per_code)
        return _log_lines(buffer.getvalue(), strip=False)
    for index, file in enumerate(report.files):
        if index:
            console.print()
        _text_file(console, report, file, lang, max_per_code)
    console.print()
    console.print(_text_overall(report, lang))
    return _log_lines(buffer.getvalue(), strip=not color)


def _log_lines(text: str, *, strip: bool) -> str:
    """Every line safe in a CI log: Rich wraps long values, and a wrapped line must not start
    a workflow command (``::error::``). Without colour, trailing blanks go too: Rich pads
    table cells to the column width, and plain text has no use for them."""
    lines = text.splitlines()
    return "".join(escape.log_line(line.rstrip() if strip else line) + "\n" for line in lines)


def _text_file(
    console: Console, report: Report, file: FileReport, lang: Lang, max_per_code: int
) -> None:
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    mark = "✓" if file.valid else "✗"
    console.print(
        Rule(Text(f"{mark} {_visible(_path(file))}", style="bold"), align="left", style="dim")
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts.add_row(Text(_label("report.dataset", lang)), Text(_text_dataset(file, lang)))
    if file.encoding:
        facts.add_row(Text(_label("report.encoding", lang)), Text(_visible(file.encoding)))
    if file.sheet:
        hidden = ", ".join(repr(n) for n in file.hidden_sheets_skipped)
        sheet = _label("input.sheet_hidden_skipped", lang, sheet=file.sheet, hidden=hidden)
        facts.add_row(
            Text(_label("input.sheet", lang)), Text(_visible(sheet if hidden else file.sheet))
        )
    facts.add_row(Text(_label("report.rows", lang)), Text(str(file.rows)))
    console.print(facts)
    if file.error:
        console.print(
            Text(_label("report.unreadable", lang, error=_visible(file.error)), style="bold red")
        )

    summary = file.summary
    console.print()
    console.print(
        Text.assemble(
            (f"{_label('report.summary', lang)}  ", "bold"),
            _counts(summary.error, summary.warning, summary.info, lang),
        )
    )
    codes = _ordered_codes(file)
    if not codes:
        console.print(Text(_label("report.no_problems", lang), style="green"))
        return

    table = Table(title=_label("report.by_code", lang), title_justify="left", box=None)
    table.add_column(_label("report.severity", lang))
    table.add_column(_label("report.code", lang))
    table.add_column(_label("report.title", lang))
    table.add_column(_label("report.count_header", lang), justify="right")
    for code, severity, n in codes:
        symbol, style = _TEXT_MARK[severity]
        table.add_row(
            Text(f"{symbol} {_severity_label(severity, lang)}", style=style),
            Text(_visible(code)),
            Text(_visible(_title(code, lang))),
            Text(str(n)),
        )
    console.print(table)
    if summary.by_column:
        columns = Table(title=_label("report.by_column", lang), title_justify="left", box=None)
        columns.add_column(_label("report.header", lang))
        columns.add_column(_label("report.count_header", lang), justify="right")
        for header, n in sorted(summary.by_column.items(), key=lambda kv: (-kv[1], kv[0])):
            columns.add_row(Text(_visible(escape.shorten(header, lang))), Text(str(n)))
        console.print(columns)

    console.print()
    console.print(Text(_label("report.details", lang), style="bold"))
    grouped = _by_code(file)
    for code, severity, n in codes:
        symbol, style = _TEXT_MARK[severity]
        console.print(
            Text.assemble(
                (f"{symbol} {_severity_label(severity, lang)} ", style),
                (_visible(code), "bold"),
                f" {_visible(_title(code, lang))} ({n})",
            )
        )
        shown = grouped.get(code, [])[: max(max_per_code, 0)]
        for problem in shown:
            for line in _text_problem(problem, lang):
                console.print(line)
        if n > len(shown):
            console.print(Text("    " + _label("report.more", lang, n=n - len(shown)), style="dim"))
    if file.problems_truncated:
        limit = report.max_problems if report.max_problems is not None else len(file.problems)
        console.print(Text(_label("report.truncated", lang, limit=limit), style="yellow"))


def _text_dataset(file: FileReport, lang: Lang) -> str:
    ref = file.dataset
    name = _dataset_name(file)
    head = name if name is not None else _label("report.not_detected", lang)
    if ref.name_ja:
        head += f" {ref.name_ja}"
    method = _label(f"report.detected_by.{ref.detected_by}", lang)
    if ref.confidence:
        key = f"confidence.{ref.confidence}"
        confidence = _label(key, lang) if key in MESSAGES else ref.confidence
        how = _label("report.detected", lang, method=method, confidence=confidence)
    else:
        how = _label("report.detected_no_confidence", lang, method=method)
    if ref.score is not None:
        how += _label("report.count_sep", lang) + _label(
            "report.score", lang, score=f"{ref.score:.2f}"
        )
    return _visible(f"{head}（{how}）" if lang == "ja" else f"{head} ({how})")


def _text_problem(problem: ProblemOut, lang: Lang) -> Iterator[Text]:
    """The lines of one problem: location and value, message, hint, fix."""
    from rich.text import Text

    problem = _human(problem, lang)
    head = Text("    ")
    fields: list[tuple[str, str]] = []
    if problem.line is not None:
        fields.append((_label("report.line", lang), str(problem.line)))
    if problem.column_letter:
        fields.append((_label("report.column", lang), problem.column_letter))
    if problem.header is not None:
        fields.append((_label("report.header", lang), problem.header))
    if problem.value is not None:
        quoted = f"「{problem.value}」" if lang == "ja" else repr(problem.value)
        fields.append((_label("report.value", lang), quoted))
    for index, (name, value) in enumerate(fields):
        if index:
            head.append("  ")
        head.append(f"{name} ", style="dim")
        head.append(_visible(value))
    if fields:
        yield head
    yield Text("      " + _visible(problem.message))
    if problem.hint:
        yield Text(f"      {_label('report.hint', lang)}: {_visible(problem.hint)}", style="dim")
    if problem.fixed_to is not None:
        yield Text(
            f"      → {_label('report.fixed_to', lang)}: {_visible(problem.fixed_to)}",
            style="green",
        )


def _text_quiet(
    console: Console, report: Report, lang: Lang, threshold: int, max_per_code: int
) -> None:
    """One line per problem at or above ``threshold`` (and per unreadable file), nothing else."""
    from rich.text import Text

    for file in report.files:
        path = _visible(_path(file))
        if file.error:
            unreadable = _label("report.unreadable", lang, error=_visible(file.error))
            console.print(Text(f"{path}: {unreadable}"), soft_wrap=True)
        grouped = _by_code(file)
        for code, severity, n in _ordered_codes(file):
            if _RANK[severity] < threshold:
                continue
            shown = [p for p in grouped.get(code, []) if _RANK[p.severity] >= threshold]
            shown = shown[: max(max_per_code, 0)]
            for problem in (_human(p, lang) for p in shown):
                symbol, style = _TEXT_MARK[problem.severity]
                where = path
                if problem.line is not None:
                    where += f":{problem.line}"
                    if problem.column_letter:
                        where += f":{problem.column_letter}"
                line = Text(f"{where}: ")
                line.append(f"{symbol} {_severity_label(problem.severity, lang)}", style=style)
                line.append(f" [{problem.code}] {_visible(problem.message)}")
                if problem.fixed_to is not None:
                    line.append(f" → {_visible(problem.fixed_to)}", style="green")
                # One problem per physical line, whatever its length: CI logs get grepped.
                console.print(line, soft_wrap=True)
            if n > len(shown):
                more = _label("report.more", lang, n=n - len(shown))
                console.print(Text(f"{path}: [{code}] {more}", style="dim"), soft_wrap=True)


def _text_overall(report: Report, lang: Lang) -> Text:
    from rich.text import Text

    summary = report.summary
    verdict = _label("report.valid" if report.valid else "report.invalid", lang)
    line = _label(
        "report.overall",
        lang,
        verdict=verdict,
        files=len(report.files),
        counts=_counts(summary.error, summary.warning, summary.info, lang),
    )
    return Text(line, style="bold green" if report.valid else "bold red")


# --- json --------------------------------------------------------------------


def _render_json(report: Report, lang: Lang) -> str:
    data = report.model_dump(mode="json", exclude={"files": {"__all__": {"problems"}}})
    for file, out in zip(report.files, data["files"], strict=True):
        out["path"] = escape.path_text(file.path)
        out["problems"] = [_machine(p, lang).model_dump(mode="json") for p in file.problems]
    # Keys in the model's order, as before (problems after summary).
    keys = list(FileReport.model_fields)
    data["files"] = [{k: out[k] for k in keys if k in out} for out in data["files"]]
    return json_text(data)


def json_text(data: Any) -> str:
    """``data`` as JSON. ensure_ascii=False keeps Japanese readable rather than as \\uXXXX
    escapes; controls, bidi and zero-width characters and lone surrogates are escaped
    (:func:`~stdschema.report.escape.json_document`), so the output is valid UTF-8 and safe
    to print."""
    return escape.json_document(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


# --- junit -------------------------------------------------------------------


def _xml_text(text: str) -> str:
    return escape.xml_text(text)


def _render_junit(report: Report, lang: Lang) -> str:
    root = ET.Element("testsuites", name="stdschema")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for file in report.files:
        suite = ET.SubElement(root, "testsuite", name=_xml_text(_path(file)))
        classname = _xml_text(_dataset_name(file) or _path(file))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if file.error:
            case = ET.SubElement(suite, "testcase", name=FILE_ERROR_CODE, classname=classname)
            error = ET.SubElement(
                case, "error", message=_xml_text(file.error), type=FILE_ERROR_CODE
            )
            error.text = _xml_text(file.error)
            counts["tests"] += 1
            counts["errors"] += 1
        grouped = _by_code(file)
        for code, severity, n in _ordered_codes(file):
            case = ET.SubElement(suite, "testcase", name=_xml_text(code), classname=classname)
            counts["tests"] += 1
            body = "\n".join(_plain_line(p, lang) for p in grouped.get(code, []))
            if severity == "error":
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_xml_text(f"{_title(code, lang)} ({n})"),
                    type=severity,
                )
                failure.text = _xml_text(body)
                counts["failures"] += 1
            else:
                out = ET.SubElement(case, "system-out")
                out.text = _xml_text(f"{_severity_label(severity, lang)}: {body}")
        if file.summary.error == 0 and not file.error:
            ET.SubElement(suite, "testcase", name="valid", classname=classname)
            counts["tests"] += 1
        for key, n in counts.items():
            suite.set(key, str(n))
            totals[key] += n
    for key, n in totals.items():
        root.set(key, str(n))
    ET.indent(root)
    body = escape.xml_document(ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


# --- sarif -------------------------------------------------------------------


def _camel_case(code: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", code))


def _artifact_uri(path: str) -> str:
    """``path`` as a URI reference: relative paths stay relative (posix, percent-encoded);
    absolute ones become relative to the working directory when under it, else file URIs."""
    if escape.has_surrogate(path):
        # Bytes that are not UTF-8: percent-encode the name's own bytes, which is the URI
        # of the real file (quote() of the str would fail).
        return _artifact_uri_bytes(os.fsencode(path))
    if "\\" in path or re.match(r"[A-Za-z]:", path):
        windows = PureWindowsPath(path)
        if windows.is_absolute():
            return windows.as_uri()
        return quote(windows.as_posix(), safe="/")
    posix = Path(path)
    if posix.is_absolute():
        try:
            posix = posix.relative_to(Path.cwd())
        except ValueError:
            return posix.as_uri()
    # quote() also encodes ':' so that a first segment like 'a:b.csv' is not read as a scheme.
    return quote(posix.as_posix(), safe="/")


def _artifact_uri_bytes(path: bytes) -> str:
    if path.startswith(b"/"):
        cwd = os.fsencode(Path.cwd()).rstrip(b"/") + b"/"
        if not path.startswith(cwd):
            return "file://" + quote(path, safe="/")
        path = path[len(cwd) :]
    return quote(path, safe="/")


def _render_sarif(report: Report, lang: Lang) -> str:
    codes: set[str] = set()
    for file in report.files:
        codes.update(_code_counts(file))
        if file.error:
            codes.add(FILE_ERROR_CODE)
    ordered = sorted(codes)
    index = {code: i for i, code in enumerate(ordered)}
    rules = []
    for code in ordered:
        entry = PROBLEMS.get(code)
        if entry is not None:
            default: str = entry.severity.value
        elif code == FILE_ERROR_CODE:
            default = "error"
        else:
            default = _worst_severity(report, code)
        rules.append(
            {
                "id": code,
                "name": _camel_case(code),
                "shortDescription": {"text": _title(code, lang)},
                "defaultConfiguration": {"level": _SARIF_LEVEL[default]},
            }
        )
    results: list[dict[str, Any]] = []
    for file in report.files:
        uri = _artifact_uri(file.path)
        if file.error:
            results.append(
                {
                    "ruleId": FILE_ERROR_CODE,
                    "ruleIndex": index[FILE_ERROR_CODE],
                    "level": "error",
                    "message": {"text": file.error},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
        for problem in file.problems:
            shown = _machine(problem, lang)
            results.append(_sarif_result(shown, file, uri, index[problem.code]))
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "stdschema",
                        "version": report.tool.version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_text(log)


def _worst_severity(report: Report, code: str) -> SeverityName:
    found = [_code_severity(f, code) for f in report.files if code in _code_counts(f)]
    return max(found, key=lambda s: _RANK[s]) if found else "warning"


def _sarif_result(
    problem: ProblemOut, file: FileReport, uri: str, rule_index: int
) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if problem.line is not None:
        # ProblemOut.column counts fields, not characters, so no startColumn:
        # the column letter travels in the result's properties.
        physical["region"] = {"startLine": problem.line}
    text = problem.message + (f"\n{problem.hint}" if problem.hint else "")
    properties: dict[str, Any] = {
        key: value
        for key, value in (
            ("header", problem.header),
            ("field", problem.field),
            ("columnLetter", problem.column_letter),
            ("value", problem.value),
            ("fixed_to", problem.fixed_to),
            ("dataset", _dataset_name(file)),
        )
        if value is not None
    }
    result: dict[str, Any] = {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[problem.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
    }
    if properties:
        result["properties"] = properties
    return result


# --- github ------------------------------------------------------------------


def _github_data(text: str) -> str:
    return escape.github_data(text)


def _github_property(text: str) -> str:
    return escape.github_property(text)


def _render_github(report: Report, lang: Lang) -> str:
    # GitHub shows only a few annotations per step: infos only when they can fail the run.
    shown = {"error", "warning"} | ({"info"} if report.fail_on == "info" else set())
    lines = []
    for file in report.files:
        path = _github_property(_path(file))
        if file.error:
            lines.append(f"::error file={path},title={FILE_ERROR_CODE}::{_github_data(file.error)}")
        for problem in file.problems:
            if problem.severity not in shown:
                continue
            problem = _human(problem, lang)
            props = [f"file={path}"]
            if problem.line is not None:
                props.append(f"line={problem.line}")
                if problem.column is not None:
                    props.append(f"col={problem.column}")
            props.append(f"title={_github_property(problem.code)}")
            message = problem.message
            if problem.hint:
                message += f"\n{problem.hint}"
            if problem.fixed_to is not None:
                message += f"\n→ {problem.fixed_to}"
            command = _GITHUB_COMMAND[problem.severity]
            lines.append(f"::{command} {','.join(props)}::{_github_data(message)}")
    return "".join(line + "\n" for line in lines)


# --- markdown ----------------------------------------------------------------


def _md(text: str | int | None) -> str:
    """Cell or prose text shown literally: see :func:`stdschema.report.escape.markdown`."""
    if text is None:
        return ""
    return escape.markdown(text)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _render_markdown(report: Report, lang: Lang, *, max_per_code: int) -> str:
    out: list[str] = [f"## {_label('report.heading', lang)}", ""]
    summary = report.summary
    verdict = _label("report.valid" if report.valid else "report.invalid", lang)
    mark = "✅" if report.valid else "❌"
    counts = _counts(summary.error, summary.warning, summary.info, lang)
    overall = _label(
        "report.overall", lang, verdict=verdict, files=len(report.files), counts=counts
    )
    out += [f"{mark} {_md(overall)}", ""]

    sev = {s: _severity_label(s, lang) for s in _SEVERITIES}
    out.append(
        _md_row(
            [
                _label("report.file", lang),
                _label("report.dataset", lang),
                _label("report.rows", lang),
                sev["error"],
                sev["warning"],
                sev["info"],
                _label("report.result", lang),
            ]
        )
    )
    out.append("| --- | --- | ---: | ---: | ---: | ---: | :---: |")
    for file in report.files:
        dataset = _dataset_name(file) or _label("report.not_detected", lang)
        if file.dataset.name_ja:
            dataset += f" {file.dataset.name_ja}"
        out.append(
            _md_row(
                [
                    _md(_path(file)),
                    _md(dataset),
                    str(file.rows),
                    str(file.summary.error),
                    str(file.summary.warning),
                    str(file.summary.info),
                    "✅" if file.valid else "❌",
                ]
            )
        )
    out.append("")

    for file in report.files:
        codes = _ordered_codes(file)
        if not codes and not file.error:
            continue
        out += [f"### {_md(_path(file))}", ""]
        if file.error:
            out += [f"❌ {_md(_label('report.unreadable', lang, error=file.error))}", ""]
        if codes:
            out.append(
                _md_row(
                    [
                        _label("report.code", lang),
                        _label("report.title", lang),
                        _label("report.severity", lang),
                        _label("report.count_header", lang),
                    ]
                )
            )
            out.append("| --- | --- | --- | ---: |")
            for code, severity, n in codes:
                out.append(
                    _md_row([f"`{_md(code)}`", _md(_title(code, lang)), sev[severity], str(n)])
                )
            out.append("")
        grouped = _by_code(file)
        for code, _severity, n in codes:
            shown = grouped.get(code, [])[: max(max_per_code, 0)]
            if not shown:
                continue
            out += [f"#### `{_md(code)}` {_md(_title(code, lang))}", ""]
            out.append(
                _md_row(
                    [
                        _label("report.line", lang),
                        _label("report.column", lang),
                        _label("report.header", lang),
                        _label("report.value", lang),
                        _label("report.message", lang),
                        _label("report.fixed_to", lang),
                    ]
                )
            )
            out.append("| ---: | --- | --- | --- | --- | --- |")
            for p in (_human(p, lang) for p in shown):
                out.append(
                    _md_row(
                        [
                            _md(p.line),
                            _md(p.column_letter),
                            _md(p.header),
                            _md(p.value),
                            _md(p.message),
                            _md(p.fixed_to),
                        ]
                    )
                )
            if n > len(shown):
                out += ["", _md(_label("report.more", lang, n=n - len(shown)))]
            out.append("")
        if file.problems_truncated:
            limit = report.max_problems if report.max_problems is not None else len(file.problems)
            out += [_md(_label("report.truncated", lang, limit=limit)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- csv ---------------------------------------------------------------------


def _csv_cell(value: str | int | None) -> str | int:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection advice)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    # Escaped first: a report opened in a terminal or a log must not drive it either.
    return neutralise_formula(escape.csv_text(value))


def _render_csv(report: Report, lang: Lang) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for file in report.files:
        records: list[dict[str, Any]] = []
        if file.error:
            records.append({"code": FILE_ERROR_CODE, "severity": "error", "message": file.error})
        records += [_machine(p, lang).model_dump(include=set(CSV_COLUMNS)) for p in file.problems]
        for record in records:
            record["file"] = _path(file)
            writer.writerow([_csv_cell(record.get(column)) for column in CSV_COLUMNS])
    return buffer.getvalue()
