"""What becomes of one source row in a conversion: standard cells, or the problems that reject it.

The reasons are :class:`~stdschema.problems.Problem` objects: the row checks' own problems
(in the catalogue's language) and the conversion's (transform errors, extra cells, a blank
result, a repeated ID). A row with any of them goes to the rejects file.

With ``keep_incomplete`` a row whose only problems sit in its own cells (a blank ◎ cell, a
value a transform or a rule refused, a repeated ID) is written with those cells blank; each
such cell is a *gap*, kept as a problem for the change log and the summary. Rows that cannot
be placed at all (skipped, blank, cells past the header, nothing left) are still rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stdschema.checks.collector import Collector
from stdschema.checks.header import HeaderPlan
from stdschema.checks.rows import RowChecker
from stdschema.conversion.plan import Change, RunPlan
from stdschema.conversion.source import Source
from stdschema.datasets import DatasetRecord
from stdschema.messages import Lang, t
from stdschema.problems import Problem, Severity

# Problems of the row as a whole: no cell to leave blank would cure them.
_STRUCTURAL = frozenset({"skipped", "blank-row", "extra-cell", "missing-cell", "blank-output"})
# Enough rounds for blanking to settle: a blanked cell can only add blank-cell problems.
_ROUNDS = 3


@dataclass
class Outcome:
    """One source row: its cells and change log when written, its problems when rejected.

    ``line`` is its physical line, ``sheet_row`` its spreadsheet row (0 for XML input).
    ``gaps`` are the cells written blank (``--keep-incomplete``): one problem a cell, with
    the value it had (``value``) and why it is blank (``message``).
    """

    line: int
    row: dict[str, str]
    raw: list[str]
    cells: dict[str, str] = field(default_factory=dict)
    log: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet_row: int = 0
    gaps: list[Problem] = field(default_factory=list)
    keepable: bool = False
    """Rejected only for problems a gap would cure (what --keep-incomplete would write)."""

    @property
    def rejected(self) -> bool:
        return bool(self.problems)

    def reject(
        self,
        code: str,
        message: str,
        header: str | None = None,
        value: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Add a reason; ``detail`` is the message without the column it names."""
        self.problems.append(
            Problem(
                code,
                Severity.ERROR,
                message,
                line=self.line,
                row=self.sheet_row or None,
                header=header,
                value=value,
                detail=detail,
            )
        )


class RowJudge:
    """Decides the outcome of each row: fill it, check it like ``validate`` does, track IDs."""

    def __init__(
        self,
        model: type[DatasetRecord],
        plan: RunPlan,
        source: Source,
        src_path: Path,
        lang: Lang,
        keep_incomplete: bool = False,
    ) -> None:
        self.plan = plan
        self.source = source
        self.file = str(src_path)
        self.lang = lang
        self.keep_incomplete = keep_incomplete
        self.headers = model.headers()
        self.header_set = frozenset(self.headers)
        header_plan = HeaderPlan(
            len(self.headers), tuple(enumerate(model.__columns__)), tuple(self.headers)
        )
        # IDs are checked here (seen_ids), on written rows only: the checker need not track them.
        self.checker = RowChecker(
            model, header_plan, Collector(self.file, lang), plan.context, track_unique=False
        )
        self.seen_ids: dict[str, dict[str, int]] = {
            c.header: {} for c in model.__columns__ if c.rule == "record_id"
        }

    def judge(
        self, index: int, line: int, row: dict[str, str], raw: list[str], sheet_row: int = 0
    ) -> Outcome:
        out = Outcome(line, row, raw, sheet_row=sheet_row)
        if index < self.plan.skip:
            out.reject("skipped", t("convert.skipped", self.lang))
            return out
        if not any(v.strip() for v in row.values()) and not any(c.strip() for c in raw):
            out.reject("blank-row", t("convert.blank_row", self.lang))
            return out
        out.cells, errors = self.plan.columns.fill(line, row, out.log)
        for header, error in errors:
            message = error.localized(self.lang)
            out.reject(
                "transform-error",
                t("convert.transform_error", self.lang, column=header, message=message),
                header,
                out.cells.get(header),
                message,
            )
        header_width = len(self.source.header)
        if self.source.tabular and any(c.strip() for c in raw[header_width:]):
            # Cells past the header usually mean a shifted row: never drop them.
            out.reject(
                "extra-cell",
                t("convert.extra_cells", self.lang, cells=len(raw), width=header_width),
            )
        if not out.rejected and not any(v.strip() for v in out.cells.values()):
            # A non-blank input record the mapping turned into nothing: writing a row
            # of blanks would count it as converted while its data is gone.
            out.reject("blank-output", t("misc.blank_output", self.lang))
        out.problems += self._check(out)
        self._unique(out)
        out.keepable = out.rejected and all(self._curable(p) for p in out.problems)
        if out.keepable and self.keep_incomplete:
            self._keep(out)
        return out

    def _curable(self, problem: Problem) -> bool:
        """Whether leaving one cell blank answers ``problem``."""
        return problem.code not in _STRUCTURAL and problem.header in self.header_set

    def _cells_of(self, problem: Problem) -> list[str]:
        """The cells a problem condemns: its own, and for a coordinate pair both halves
        (a swapped or misplaced pair leaves no half worth keeping)."""
        header = problem.header or ""
        if not problem.code.startswith("coordinates-"):
            return [header]
        for one, other in (("緯度", "経度"), ("経度", "緯度")):
            if header.endswith(one):
                partner = header[: -len(one)] + other
                return [header, partner] if partner in self.header_set else [header]
        return [header]

    def _check(self, out: Outcome) -> list[Problem]:
        """The row checks of ``validate``: their errors for the row's current cells."""
        collector = Collector(self.file, self.lang)
        self.checker.out = collector  # a fresh collector a row: its problems are this row's
        self.checker.check(out.line, [out.cells[h] for h in self.headers], out.sheet_row)
        return [p for p in collector.problems if p.severity is Severity.ERROR]

    def _unique(self, out: Outcome) -> None:
        """A record ID may appear once among the written rows."""
        if out.rejected:
            return
        for header in self.seen_ids:
            self._repeat(out, header)

    def _repeat(self, out: Outcome, header: str) -> None:
        """Reject ``out`` when its ``header`` ID is one a written row has; else note the ID."""
        ids = self.seen_ids[header]
        value = out.cells.get(header, "")
        if not value:
            return
        if value in ids:
            message = t(
                "convert.id_repeats", self.lang, header=header, value=value, line=ids[value]
            )
            out.reject("unique-error", message, header, value)
        else:
            ids[value] = out.line

    def _keep(self, out: Outcome) -> None:
        """Write the row with every cell its problems name left blank, each one a gap."""
        gapped: dict[str, Problem] = {}
        problems = out.problems
        for _round in range(_ROUNDS):
            for problem in problems:
                for header in self._cells_of(problem):
                    if header in gapped:
                        continue
                    before = out.cells.get(header, "")
                    gapped[header] = _gap(problem, before, header)
                    out.cells[header] = ""
            problems = [p for p in self._check(out) if p.header not in gapped]
            if not problems or not all(self._curable(p) for p in problems):
                break
        out.problems = []
        if problems:  # blanking did not settle the row: it stays rejected, with these reasons
            out.problems, out.keepable = problems, False
            return
        if not any(v.strip() for v in out.cells.values()):
            out.reject("blank-output", t("misc.blank_output", self.lang))
            out.keepable = False
            return
        for header in self.seen_ids:
            if header in gapped:
                continue
            self._repeat(out, header)
            for problem in out.problems:  # a repeated ID: left blank too
                gapped[header] = _gap(problem, out.cells[header])
                out.cells[header] = ""
            out.problems = []
        out.gaps = [gapped[h] for h in self.headers if h in gapped]


def _gap(problem: Problem, before: str, header: str | None = None) -> Problem:
    """The gap a problem leaves in ``header`` (its own cell by default): the same problem,
    carrying the value written blank."""
    return Problem(
        problem.code,
        problem.severity,
        # A transform's reason without the column, which the gap names anyway.
        (problem.detail or problem.message)
        if problem.code == "transform-error"
        else problem.message,
        problem.hint,
        line=problem.line,
        row=problem.row,
        header=header or problem.header,
        field=problem.field if header in (None, problem.header) else None,
        value=before,
        rule=problem.rule,
    )
