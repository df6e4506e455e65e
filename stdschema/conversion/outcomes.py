"""What becomes of one source row in a conversion: standard cells, or the problems that reject it.

The reasons are :class:`~stdschema.problems.Problem` objects: the row checks' own problems
(in the catalogue's language) and the conversion's (transform errors, extra cells, a blank
result, a repeated ID). A row with any of them goes to the rejects file.
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


@dataclass
class Outcome:
    """One source row: its cells and change log when written, its problems when rejected.

    ``line`` is its physical line, ``sheet_row`` its spreadsheet row (0 for XML input).
    """

    line: int
    row: dict[str, str]
    raw: list[str]
    cells: dict[str, str] = field(default_factory=dict)
    log: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet_row: int = 0

    @property
    def rejected(self) -> bool:
        return bool(self.problems)

    def reject(self, code: str, message: str, header: str | None = None) -> None:
        self.problems.append(
            Problem(
                code,
                Severity.ERROR,
                message,
                line=self.line,
                row=self.sheet_row or None,
                header=header,
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
    ) -> None:
        self.plan = plan
        self.source = source
        self.file = str(src_path)
        self.lang = lang
        self.headers = model.headers()
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
            out.reject("skipped", "skipped by the mapping (source.skip_rows)")
            return out
        if not any(v.strip() for v in row.values()) and not any(c.strip() for c in raw):
            out.reject("blank-row", "blank row")
            return out
        out.cells, errors = self.plan.columns.fill(line, row, out.log)
        for header, message in errors:
            out.reject("transform-error", f"{header}: {message}", header)
        header_width = len(self.source.header)
        if self.source.tabular and any(c.strip() for c in raw[header_width:]):
            # Cells past the header usually mean a shifted row: never drop them.
            out.reject(
                "extra-cell", f"the row has {len(raw)} cells, more than the header's {header_width}"
            )
        if not out.rejected and not any(v.strip() for v in out.cells.values()):
            # A non-blank input record the mapping turned into nothing: writing a row
            # of blanks would count it as converted while its data is gone.
            out.reject("blank-output", t("misc.blank_output", self.lang))
        self._check(out)
        self._unique(out)
        return out

    def _check(self, out: Outcome) -> None:
        """The row checks of ``validate``; their errors reject the row."""
        collector = Collector(self.file, self.lang)
        self.checker.out = collector  # a fresh collector a row: its problems are this row's
        self.checker.check(out.line, [out.cells[h] for h in self.headers], out.sheet_row)
        out.problems += [p for p in collector.problems if p.severity is Severity.ERROR]

    def _unique(self, out: Outcome) -> None:
        """A record ID may appear once among the written rows."""
        for header, ids in self.seen_ids.items():
            value = out.cells.get(header, "")
            if not value or out.rejected:
                continue
            if value in ids:
                out.reject("unique-error", f"{header}: {value} repeats line {ids[value]}", header)
            else:
                ids[value] = out.line
