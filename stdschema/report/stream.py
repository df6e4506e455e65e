"""Reports written file by file, so that a run's memory is bounded by its largest file.

:func:`stdschema.report.render.render` builds a whole report in memory; for a run of
10,000 files that is every problem of every file at once (gigabytes). :class:`ReportStream`
hands the files to the format's :meth:`~stdschema.report.formats.Reporter.stream`, which
renders each file's report as it completes (a report of one file, through the same
``render``, so that every format keeps its escaping), and keeps only counts for the run. The parts of a format that depend
on the whole run (the verdict at the top of JSON and Markdown, the totals of JUnit, the
rule table of SARIF) are written last-but-placed-first: the file parts wait in an unnamed
temporary file (:class:`~stdschema.report.formats.Spool`) and are copied after the head.

The output is the same text ``render`` gives for the whole report (tested for every
format).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from stdschema import __version__
from stdschema.messages import Lang
from stdschema.report.formats import RenderOptions, Reporter, get_reporter
from stdschema.report.model import REPORT_VERSION, FileReport, Report, SeverityName, Summary, Tool
from stdschema.report.render import render

__all__ = ["ReportStream"]


class _Counted(list[FileReport]):
    """An empty file list whose length is the number of files streamed: the render of the
    run's head or verdict iterates no file but counts them all."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self._n = n

    def __len__(self) -> int:
        return self._n


class ReportStream:
    """Renders a run as ``fmt`` one file at a time; afterwards :attr:`valid`, :attr:`files`
    and :attr:`unreadable` describe the run. It is the
    :class:`~stdschema.report.formats.StreamRun` the format's reporter writes through."""

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
        bom: bool = False,
        ascii_marks: bool = False,
        selected: frozenset[str] | None = None,
        baseline: bool = False,
    ) -> None:
        self._reporter: Reporter = get_reporter(fmt)
        self.fmt = fmt
        self.lang: Lang = lang
        self.fail_on: SeverityName = fail_on
        self.max_problems = max_problems
        self.color = color
        self.quiet = quiet
        self.max_per_code = max_per_code
        self.bom = bom
        self.ascii_marks = ascii_marks
        self.selected = selected
        self.baseline = baseline
        self.files = 0
        self.valid = True
        self.unreadable: list[tuple[str, str]] = []  # (path, why) of files that were not read
        self._totals = Summary()

    # -- the run --------------------------------------------------------------

    def chunks(self, files: Iterable[FileReport]) -> Iterator[str]:
        """The report's text in pieces, each file rendered (and forgotten) as it arrives."""
        yield from self._reporter.stream(self, self._counted(files))

    def report(self) -> Report:
        """The run's report without its files (they were written as they came)."""
        return self._report(_Counted(self.files))

    def collect(self, files: Iterable[FileReport]) -> Report:
        """The whole run's report, every file held: for a binary format, which is written
        whole (its size is bounded by ``--max-problems`` a file)."""
        held = list(self._counted(files))
        return self._report(held)

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
            totals.known += file.summary.known
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
                known=one.summary.known,
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

    # -- what the reporter asks (StreamRun) ------------------------------------

    @property
    def seen(self) -> int:
        """Files that have passed so far."""
        return self.files

    @property
    def options(self) -> RenderOptions:
        return RenderOptions(
            self.lang,
            self.color,
            self.max_per_code,
            self.quiet,
            self.bom,
            self.ascii_marks,
            selected=self.selected,
            baseline=self.baseline,
        )

    def one(self, file: FileReport) -> str:
        """A report of ``file`` alone, rendered."""
        return self._render(self._report([file], file))

    def empty(self) -> str:
        """The run's report holding no file (totals so far), rendered."""
        return self.whole([])

    def counted(self) -> str:
        """The run's report holding no file but counting every file seen, rendered."""
        return self.whole(_Counted(self.files))

    def whole(self, files: list[FileReport]) -> str:
        """The run's report holding ``files`` (totals so far), rendered."""
        return self._render(self._report(files))

    def _render(self, report: Report) -> str:
        # Through render(), the one entry every report passes, like a whole report.
        return render(
            report,
            self.fmt,
            lang=self.lang,
            color=self.color,
            max_per_code=self.max_per_code,
            quiet=self.quiet,
            bom=self.bom,
            ascii_marks=self.ascii_marks,
            selected=self.selected,
            baseline=self.baseline,
        )
