"""Reports written file by file, so that a run's memory is bounded by its largest file.

:func:`stdschema.report.render.render` builds a whole report in memory; for a run of
10,000 files that is every problem of every file at once (gigabytes). :class:`ReportStream`
renders each file's report as it completes, through the same ``render`` (a report of one
file) so that every format keeps its escaping, and keeps only counts for the run. The
parts of a format that depend on the whole run (the verdict at the top of JSON and
Markdown, the totals of JUnit, the rule table of SARIF) are written last-but-placed-first:
the file parts wait in an unnamed temporary file (``tempfile.TemporaryFile``, deleted by
the system even on kill -9) and are copied after the head.

The output is the same text ``render`` gives for the whole report (tested for every
format).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from stdschema import __version__
from stdschema.messages import Lang
from stdschema.report.model import REPORT_VERSION, FileReport, Report, SeverityName, Summary, Tool
from stdschema.report.render import FORMATS, json_text, render

__all__ = ["ReportStream"]

_LEVEL_RANK = {"none": 0, "note": 1, "warning": 2, "error": 3}
_JUNIT_TOTALS = re.compile(r' (tests|failures|errors|skipped)="([0-9]+)"')
_COPY_CHUNK = 1 << 20
_JSON_FILES_START = '\n  "files": [\n'
_JSON_FILES_END = '\n  ],\n  "summary": '
_SARIF_RESULTS_START = '\n      "results": [\n'
_SARIF_RESULTS_END = "\n      ]\n    }\n  ]\n}"
_SARIF_RULE_INDEX = re.compile(r'(\n          "ruleIndex": )([0-9]+)')
_SARIF_PLACEHOLDER = re.compile("\0([^\0]*)\0")


class _Counted(list[FileReport]):
    """An empty file list whose length is the number of files streamed: ``render`` of the
    run's head or verdict iterates no file but counts them all."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self._n = n

    def __len__(self) -> int:
        return self._n


class _Spool:
    """Text held on disk until the head is known, in a file no other process can see."""

    def __init__(self) -> None:
        # Closed by replay() or close(), not a with block: it lives across generator steps.
        self._file: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115
            "w+", encoding="utf-8", errors="surrogatepass", newline=""
        )

    def write(self, text: str) -> None:
        self._file.write(text)

    def replay(self) -> Iterator[str]:
        self._file.flush()
        self._file.seek(0)
        while chunk := self._file.read(_COPY_CHUNK):
            yield chunk
        self._file.close()

    def blocks(self) -> Iterator[str]:
        """The text in pieces of whole lines (about a MiB each)."""
        self._file.flush()
        self._file.seek(0)
        while lines := self._file.readlines(_COPY_CHUNK):
            yield "".join(lines)
        self._file.close()

    def close(self) -> None:
        self._file.close()


def _rule_placeholder(rules: list[str]) -> Callable[[re.Match[str]], str]:
    def name(match: re.Match[str]) -> str:
        return f"{match[1]}\0{rules[int(match[2])]}\0"

    return name


class ReportStream:
    """Renders a run as ``fmt`` one file at a time; afterwards :attr:`valid`, :attr:`files`
    and :attr:`unreadable` describe the run."""

    def __init__(
        self,
        fmt: str,
        *,
        lang: Lang,
        fail_on: SeverityName = "error",
        max_problems: int | None = None,
        color: bool = False,
        quiet: bool = False,
        max_per_code: int = 5,
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt = fmt
        self.lang: Lang = lang
        self.fail_on: SeverityName = fail_on
        self.max_problems = max_problems
        self.color = color
        self.quiet = quiet
        self.max_per_code = max_per_code
        self.files = 0
        self.valid = True
        self.unreadable: list[tuple[str, str]] = []  # (path, why) of files that were not read
        self._totals = Summary()
        self._any_result = False

    # -- the run --------------------------------------------------------------

    def chunks(self, files: Iterable[FileReport]) -> Iterator[str]:
        """The report's text in pieces, each file rendered (and forgotten) as it arrives."""
        writer = getattr(self, f"_{self.fmt}")
        yield from writer(self._counted(files))

    def report(self) -> Report:
        """The run's report without its files (they were written as they came)."""
        return self._report(_Counted(self.files))

    def _counted(self, files: Iterable[FileReport]) -> Iterator[FileReport]:
        totals = self._totals
        for file in files:
            self.files += 1
            self.valid = self.valid and file.valid
            if file.error:
                self.unreadable.append((file.path, file.error))
            totals.error += file.summary.error
            totals.warning += file.summary.warning
            totals.info += file.summary.info
            for code, n in file.summary.by_code.items():
                totals.by_code[code] = totals.by_code.get(code, 0) + n
            yield file

    def _report(self, files: list[FileReport], one: FileReport | None = None) -> Report:
        if one is not None:
            valid = one.valid
            summary = Summary(
                error=one.summary.error,
                warning=one.summary.warning,
                info=one.summary.info,
                by_code=dict(sorted(one.summary.by_code.items())),
            )
        else:
            valid = self.valid
            summary = self._totals.model_copy(
                update={"by_code": dict(sorted(self._totals.by_code.items()))}
            )
        return Report.model_construct(
            report_version=REPORT_VERSION,
            tool=Tool(version=__version__),
            valid=valid,
            lang=self.lang,
            fail_on=self.fail_on,
            max_problems=self.max_problems,
            files=files,
            summary=summary,
        )

    def _render(self, report: Report) -> str:
        return render(
            report,
            self.fmt,
            lang=self.lang,
            color=self.color,
            max_per_code=self.max_per_code,
            quiet=self.quiet,
        )

    def _one(self, file: FileReport) -> str:
        return self._render(self._report([file], file))

    # -- formats without a head: each file's part as it comes -----------------

    def _github(self, files: Iterable[FileReport]) -> Iterator[str]:
        for file in files:
            yield self._one(file)

    def _csv(self, files: Iterable[FileReport]) -> Iterator[str]:
        yield self._render(self._report([]))  # the header row
        for file in files:
            yield self._one(file).partition("\r\n")[2]

    def _text(self, files: Iterable[FileReport]) -> Iterator[str]:
        if self.quiet:
            for file in files:
                yield self._one(file)
            return
        for index, file in enumerate(files):
            # One file's text ends with a blank line and that file's verdict: drop both.
            text = self._one(file)
            cut = text.rstrip("\n").rfind("\n")
            yield ("\n" if index else "") + text[: max(cut, 0)]
        # A blank line and the run's verdict (over every file, from the counts).
        yield self._render(self._report(_Counted(self.files)))

    # -- formats with a head that depends on the whole run ---------------------

    def _json(self, files: Iterable[FileReport]) -> Iterator[str]:
        spool = _Spool()
        try:
            for file in files:
                # A one-file report nests its file as deep as the run's report does: its
                # text is cut out as it is. Newlines in strings are escaped, so the
                # structural "\n  ]," is found whatever the file holds.
                text = self._one(file)
                start = text.index(_JSON_FILES_START) + len(_JSON_FILES_START)
                end = text.rindex(_JSON_FILES_END)
                spool.write(("\n" if self.files == 1 else ",\n") + text[start:end])
            head = self._render(self._report([]))
        except BaseException:
            spool.close()
            raise
        marker = '"files": []'
        if self.files == 0:
            spool.close()
            yield head
            return
        at = head.index(marker)
        yield head[:at] + '"files": ['
        yield from spool.replay()
        yield "\n  ]" + head[at + len(marker) :]

    def _markdown(self, files: Iterable[FileReport]) -> Iterator[str]:
        rows, details = _Spool(), _Spool()
        try:
            for file in files:
                # heading, blank, verdict, blank, table head, rule, this file's row, blank, rest
                parts = self._one(file).split("\n", 8)
                rows.write(parts[6] + "\n")
                if len(parts) > 8 and parts[8]:
                    details.write("\n" + parts[8])
            head = self._render(self._report(_Counted(self.files)))
        except BaseException:
            rows.close()
            details.close()
            raise
        yield head
        yield from rows.replay()
        yield from details.replay()

    def _junit(self, files: Iterable[FileReport]) -> Iterator[str]:
        suites = _Spool()
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        start = ""
        try:
            for file in files:
                lines = self._one(file).split("\n")
                # declaration, <testsuites …>, the file's <testsuite>, </testsuites>, ""
                start = "\n".join(lines[:2])
                for key, n in _JUNIT_TOTALS.findall(lines[1]):
                    totals[key] += int(n)
                suites.write("\n".join(lines[2:-2]) + "\n")
            if self.files == 0:
                suites.close()
                yield self._render(self._report([]))
                return
        except BaseException:
            suites.close()
            raise
        yield _JUNIT_TOTALS.sub(lambda m: f' {m[1]}="{totals[m[1]]}"', start) + "\n"
        yield from suites.replay()
        yield "</testsuites>\n"

    def _sarif(self, files: Iterable[FileReport]) -> Iterator[str]:
        results = _Spool()
        rules: dict[str, dict[str, Any]] = {}
        template: dict[str, Any] | None = None
        try:
            for file in files:
                text = self._one(file)
                log = json.loads(text)
                run = log["runs"][0]
                local = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
                for rule in run["tool"]["driver"]["rules"]:
                    known = rules.get(rule["id"])
                    level = rule["defaultConfiguration"]["level"]
                    if known is None:
                        rules[rule["id"]] = rule
                    elif _LEVEL_RANK[level] > _LEVEL_RANK[known["defaultConfiguration"]["level"]]:
                        known["defaultConfiguration"]["level"] = level
                if run["results"]:
                    # The results nest as deep as in the run's log: cut out as they are, each
                    # rule index left as a placeholder naming its rule (NUL cannot occur raw
                    # in JSON text) until every rule is known.
                    start = text.index(_SARIF_RESULTS_START) + len(_SARIF_RESULTS_START)
                    end = text.rindex(_SARIF_RESULTS_END)
                    part = _SARIF_RULE_INDEX.sub(_rule_placeholder(local), text[start:end])
                    results.write((",\n" if self._any_result else "\n") + part)
                    self._any_result = True
                run["results"] = []
                template = log
            if template is None:
                results.close()
                yield self._render(self._report([]))
                return
        except BaseException:
            results.close()
            raise
        ordered = sorted(rules)
        index = {code: str(i) for i, code in enumerate(ordered)}
        template["runs"][0]["tool"]["driver"]["rules"] = [rules[code] for code in ordered]
        head = json_text(template)
        marker = '"results": []'
        at = head.index(marker)
        if not self._any_result:
            results.close()
            yield head
            return
        yield head[:at] + '"results": ['
        for block in results.blocks():
            yield _SARIF_PLACEHOLDER.sub(lambda m: index[m[1]], block)
        yield "\n      ]" + head[at + len(marker) :]
