"""Collects the problems of one file: counts all, keeps details up to a limit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stdschema.datasets import column_letter
from stdschema.messages import Lang
from stdschema.problems import CATALOGUE, Problem, Severity, render

if TYPE_CHECKING:
    from stdschema.checks.label import Labeler

MASK = "***"

# Message parameters that are cell contents (masked whole with --mask-values).
CELL_PARAMS = frozenset({"lat", "lon", "name", "char"})


def _masked(
    value: str | None, fixed_to: str | None, params: dict[str, Any]
) -> tuple[str | None, str | None, dict[str, Any]]:
    """Hide cell contents: the value, its fix, and wherever a message quotes them."""
    quoted = [v for v in (value, fixed_to) if v]
    hidden: dict[str, Any] = {}
    for key, param in params.items():
        if key in CELL_PARAMS and param:
            param = MASK
        elif isinstance(param, str):
            for text in quoted:
                param = param.replace(text, MASK)
        hidden[key] = param
    return (MASK if value else value, MASK if fixed_to else fixed_to, hidden)


class Collector:
    """Problem sink for one file.

    Counting never stops; details stop at ``max_problems`` (messages are only
    rendered for problems that are kept, which keeps large files cheap).

    ``labeler`` makes a kept problem's record label from the cells of its record (given
    to :meth:`add` as ``record_cells``), so that no label is made for a problem only counted.
    ``column_offset`` is 1 when the reader dropped a leading column (the '#property'
    marker): problems name the column a spreadsheet shows, not the index in the cells.
    """

    def __init__(
        self, path: str, lang: Lang, max_problems: int | None = None, *, mask: bool = False
    ) -> None:
        self.path = path
        self.lang = lang
        self.max_problems = max_problems
        self.mask = mask
        self.problems: list[Problem] = []
        self.by_severity: Counter[str] = Counter()
        self.by_code: Counter[str] = Counter()
        self.by_column: Counter[str] = Counter()
        self.truncated = False
        self.labeler: Labeler | None = None
        self._label_of: Sequence[str] | None = None  # the cells the last label was made of
        self._label: str | None = None
        self.column_offset = 0

    def add(
        self,
        code: str,
        *,
        severity: Severity | None = None,
        line: int | None = None,
        row: int | None = None,
        record: str | None = None,
        column: int | None = None,
        header: str | None = None,
        field: str | None = None,
        value: str | None = None,
        fixed_to: str | None = None,
        rule: str | None = None,
        record_cells: Sequence[str] | None = None,
        **params: Any,
    ) -> None:
        """Count a problem; keep its details while there is room.

        ``row`` 0 means the file has no spreadsheet rows (XML): reports fall back to
        ``line``. ``record_cells`` (the record's cells) give the ``record`` label when none is given.
        """
        sev = severity or CATALOGUE[code].severity
        self.by_severity[sev.value] += 1
        self.by_code[code] += 1
        if header is not None:
            self.by_column[header] += 1
        if self.max_problems is not None and len(self.problems) >= self.max_problems:
            self.truncated = True
            return
        if record is None and record_cells is not None and self.labeler is not None:
            # A row's problems share one label: made once for the row's cells.
            if record_cells is not self._label_of:
                self._label_of, self._label = record_cells, self.labeler(record_cells)
            record = self._label
        if column is not None:
            column += self.column_offset
        if self.mask:
            value, fixed_to, params = _masked(value, fixed_to, params)
            record = MASK if record else record
        message, hint, _ = render(
            code, self.lang, header=header, value=value, fixed_to=fixed_to, **params
        )
        self.problems.append(
            Problem(
                code=code,
                severity=sev,
                message=message,
                hint=hint,
                file=self.path,
                line=line,
                row=row or None,
                record=record,
                column=column,
                column_letter=column_letter(column) if column else None,
                header=header,
                field=field,
                value=value,
                fixed_to=fixed_to,
                rule=rule,
            )
        )

    def room(self) -> int | None:
        """How many more problems would keep their details (None: no limit)."""
        if self.max_problems is None:
            return None
        return max(self.max_problems - len(self.problems), 0)

    def tally(self, code: str, n: int, *, severity: Severity, header: str | None = None) -> None:
        """Count ``n`` problems past ``max_problems`` at once, as ``n`` calls of :meth:`add`
        would (no details are kept); for repeats numbering millions."""
        if n <= 0:
            return
        if not self.full:
            raise ValueError("tally() is for problems past max_problems")
        self._count(code, n, severity, header)

    def _count(self, code: str, n: int, severity: Severity, header: str | None) -> None:
        """Count ``n`` problems whose details are not kept."""
        self.by_severity[severity.value] += n
        self.by_code[code] += n
        if header is not None:
            self.by_column[header] += n
        self.truncated = True

    @property
    def full(self) -> bool:
        """True once details are no longer kept (counts still are)."""
        return self.max_problems is not None and len(self.problems) >= self.max_problems

    def count(self, severity: Severity) -> int:
        return self.by_severity[severity.value]
