"""``sarif``: SARIF 2.1.0, a rule a problem code and a result a problem.

Levels follow ``--fail-on``, so that code scanning alerts the problems that fail the run
and no more loudly than that:

- a problem at or above ``--fail-on`` (it fails the run) is ``error``;
- a warning below ``--fail-on`` is ``warning``;
- an info below ``--fail-on`` is ``note``.

A rule's ``defaultConfiguration.level`` is its catalogue severity mapped the same way. An
unreadable file is always ``error``.

A blank recommended cell (``blank-recommended``, an info) is no result, and its rule is not
listed, unless it was selected by name (``--select blank-recommended`` or ``--select info``)
or it fails the run (``--fail-on info``): uploaded to code scanning, hundreds of them became
alerts nobody could act on.

When the run had a ``--baseline`` (:attr:`RenderOptions.baseline`), every problem's result
carries ``baselineState``: ``"unchanged"`` for a problem the baseline holds (``known``),
``"new"`` for any other; without one no result has the property.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stdschema.problems import CATALOGUE as PROBLEMS
from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, Spool, StreamRun
from stdschema.report.formats._shared import (
    FILE_ERROR_CODE,
    RANK,
    code_counts,
    code_severity,
    dataset_name,
    json_text,
    machine,
    title,
)

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, ProblemOut, Report, SeverityName

INFORMATION_URI = "https://github.com/stdschema/stdschema"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL: dict[str, str] = {"error": "error", "warning": "warning", "info": "note"}
HIDDEN_UNLESS_SELECTED = frozenset({"blank-recommended"})
"""Codes that are no result unless selected by name or failing the run (see above)."""
_LEVEL_RANK = {"none": 0, "note": 1, "warning": 2, "error": 3}
_RESULTS_START = '\n      "results": [\n'
_RESULTS_END = "\n      ]\n    }\n  ]\n}"
_NO_RESULTS = '"results": []'
_RULE_INDEX = re.compile(r'(\n          "ruleIndex": )([0-9]+)')
_PLACEHOLDER = re.compile("\0([^\0]*)\0")


class SarifReporter(Reporter):
    name = "sarif"
    suffix = ".sarif"
    media_type = "application/sarif+json"
    order = 3
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        levels = _Levels(options.fail_on or report.fail_on, options.selected)
        codes: set[str] = set()
        for file in report.files:
            codes.update(code for code in code_counts(file) if levels.listed(code))
            codes.update(p.code for p in file.problems if levels.shown(p))
            if file.error:
                codes.add(FILE_ERROR_CODE)
        ordered = sorted(codes)
        index = {code: i for i, code in enumerate(ordered)}
        results: list[dict[str, Any]] = []
        for file in report.files:
            uri = _artifact_uri(file.path)
            if file.error:
                results.append(_file_error(file.error, uri, index[FILE_ERROR_CODE]))
                if options.baseline:
                    results[-1]["baselineState"] = "new"
            for problem in file.problems:
                if not levels.shown(problem):
                    continue
                shown = machine(problem, options.lang)
                result = _result(shown, file, uri, index[problem.code], levels)
                if getattr(problem, "known", False):
                    result["baselineState"] = "unchanged"
                elif options.baseline:
                    result["baselineState"] = "new"
                results.append(result)
        rules = [_rule(report, code, options, levels) for code in ordered]
        return json_text(_log(report, rules, results, options))

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # The rule table comes first but is known last, and results point into it by
        # index: results wait in a spool with each index as a placeholder naming its rule.
        results = Spool()
        rules: dict[str, dict[str, Any]] = {}
        template: dict[str, Any] | None = None
        any_result = False
        try:
            for file in files:
                text = run.one(file)
                log = json.loads(text)
                local = _merge_rules(rules, log["runs"][0]["tool"]["driver"]["rules"])
                if log["runs"][0]["results"]:
                    results.write((",\n" if any_result else "\n") + _results_part(text, local))
                    any_result = True
                log["runs"][0]["results"] = []
                template = log
            if template is None:
                results.close()
                yield run.empty()
                return
        except BaseException:
            results.close()
            raise
        ordered = sorted(rules)
        index = {code: str(i) for i, code in enumerate(ordered)}
        template["runs"][0]["tool"]["driver"]["rules"] = [rules[code] for code in ordered]
        head = json_text(template)
        at = head.index(_NO_RESULTS)
        if not any_result:
            results.close()
            yield head
            return
        yield head[:at] + '"results": ['
        for block in results.blocks():
            yield _PLACEHOLDER.sub(lambda m: index[m[1]], block)
        yield "\n      ]" + head[at + len(_NO_RESULTS) :]


REPORTER = SarifReporter()


class _Levels:
    """A result's level and whether it is one, from --fail-on and the selection."""

    def __init__(self, fail_on: str, selected: frozenset[str] | None) -> None:
        self._threshold = RANK[fail_on]
        self._selected = selected or frozenset()

    def level(self, severity: str) -> str:
        return "error" if RANK[severity] >= self._threshold else _LEVEL[severity]

    def listed(self, code: str) -> bool:
        """False for a code whose problems are no results (so no rule either)."""
        if code not in HIDDEN_UNLESS_SELECTED:
            return True
        return code in self._selected or "info" in self._selected or self._threshold <= 1

    def shown(self, problem: ProblemOut) -> bool:
        if problem.code not in HIDDEN_UNLESS_SELECTED or RANK[problem.severity] > RANK["info"]:
            return True
        return self.listed(problem.code)


def _log(
    report: Report,
    rules: list[dict[str, Any]],
    results: list[dict[str, Any]],
    options: RenderOptions,
) -> dict[str, Any]:
    return {
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
                "language": options.lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(report: Report, code: str, options: RenderOptions, levels: _Levels) -> dict[str, Any]:
    entry = PROBLEMS.get(code)
    if entry is not None:
        default: str = entry.severity.value
    elif code == FILE_ERROR_CODE:
        default = "error"
    else:
        default = _worst_severity(report, code)
    return {
        "id": code,
        "name": _camel_case(code),
        "shortDescription": {"text": title(code, options.lang)},
        "defaultConfiguration": {"level": levels.level(default)},
    }


def _file_error(error: str, uri: str, rule_index: int) -> dict[str, Any]:
    return {
        "ruleId": FILE_ERROR_CODE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": error},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
    }


def _merge_rules(rules: dict[str, dict[str, Any]], local: list[dict[str, Any]]) -> list[str]:
    """Add one file's rules to the run's (a rule keeps its highest level); the file's rule
    ids in its own order, which its results' indexes point into."""
    for rule in local:
        known = rules.get(rule["id"])
        level = rule["defaultConfiguration"]["level"]
        if known is None:
            rules[rule["id"]] = rule
        elif _LEVEL_RANK[level] > _LEVEL_RANK[known["defaultConfiguration"]["level"]]:
            known["defaultConfiguration"]["level"] = level
    return [rule["id"] for rule in local]


def _results_part(text: str, local: list[str]) -> str:
    """The results of a one-file log, cut out as they are (they nest as deep as in the
    run's log), each rule index a placeholder naming its rule (NUL cannot occur raw in
    JSON text) until every rule is known."""
    start = text.index(_RESULTS_START) + len(_RESULTS_START)
    end = text.rindex(_RESULTS_END)
    return _RULE_INDEX.sub(_rule_placeholder(local), text[start:end])


def _rule_placeholder(rules: list[str]) -> Callable[[re.Match[str]], str]:
    def name(match: re.Match[str]) -> str:
        return f"{match[1]}\0{rules[int(match[2])]}\0"

    return name


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


def _worst_severity(report: Report, code: str) -> SeverityName:
    found = [code_severity(f, code) for f in report.files if code in code_counts(f)]
    return max(found, key=lambda s: RANK[s]) if found else "warning"


def _result(
    problem: ProblemOut, file: FileReport, uri: str, rule_index: int, levels: _Levels
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
            # The spreadsheet row and record label: where a person finds the record
            # (region.startLine stays the physical line, which tools jump to).
            ("row", problem.row),
            ("record", problem.record),
            ("header", problem.header),
            ("field", problem.field),
            ("columnLetter", problem.column_letter),
            ("value", problem.value),
            ("fixed_to", problem.fixed_to),
            ("dataset", dataset_name(file)),
        )
        if value is not None
    }
    result: dict[str, Any] = {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": levels.level(problem.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
    }
    if properties:
        result["properties"] = properties
    return result
