"""Collects the problems of one file: counts all, keeps details up to a limit."""

from __future__ import annotations

from collections import Counter
from typing import Any

from stdschema.datasets import column_letter
from stdschema.messages import Lang
from stdschema.problems import CATALOGUE, Problem, Severity, render


class Collector:
    """Problem sink for one file.

    Counting never stops; details stop at ``max_problems`` (messages are only
    rendered for problems that are kept, which keeps large files cheap).
    """

    def __init__(self, path: str, lang: Lang, max_problems: int | None = None) -> None:
        self.path = path
        self.lang = lang
        self.max_problems = max_problems
        self.problems: list[Problem] = []
        self.by_severity: Counter[str] = Counter()
        self.by_code: Counter[str] = Counter()
        self.by_column: Counter[str] = Counter()
        self.truncated = False

    def add(
        self,
        code: str,
        *,
        severity: Severity | None = None,
        line: int | None = None,
        column: int | None = None,
        header: str | None = None,
        field: str | None = None,
        value: str | None = None,
        fixed_to: str | None = None,
        rule: str | None = None,
        **params: Any,
    ) -> None:
        sev = severity or CATALOGUE[code].severity
        self.by_severity[sev.value] += 1
        self.by_code[code] += 1
        if header is not None:
            self.by_column[header] += 1
        if self.max_problems is not None and len(self.problems) >= self.max_problems:
            self.truncated = True
            return
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
                column=column,
                column_letter=column_letter(column) if column else None,
                header=header,
                field=field,
                value=value,
                fixed_to=fixed_to,
                rule=rule,
            )
        )

    def count(self, severity: Severity) -> int:
        return self.by_severity[severity.value]
