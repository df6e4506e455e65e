"""The row runner: every value through the dataset's rules, then the row and file checks.

The hot path validates one dict per row with a ``TypedDict`` schema derived
from the model (no model instances: they cost more than the rules), holding
only the non-blank cells. The cross-column and cross-row checks are units in
:mod:`stdschema.checks.builtin` (see :mod:`stdschema.checks.base`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

from stdschema.checks.base import Row, RowCheck, row_checks
from stdschema.checks.collector import Collector
from stdschema.checks.header import HeaderPlan
from stdschema.checks.label import record_labeler
from stdschema.datasets import Column, DatasetRecord, Requirement
from stdschema.problems import Severity, code_for_error_type, error_detail
from stdschema.rules.chars import has_edge_space, strip_spaces
from stdschema.types import RULES

CODES = (
    "blank-row",
    "extra-cell",
    "missing-cell",
    "surrounding-whitespace",
    "blank-required",
    "blank-likely-required",
    "blank-recommended",
    "not-allowed-value",
)
"""The codes the runner reports itself (a failed value's code comes from its rule)."""


@cache
def row_adapter(model: type[DatasetRecord]) -> TypeAdapter[dict[str, Any]]:
    """A TypedDict validator over the model's columns, every rule applied (advisory ones too)."""
    fields = {c.attr: RULES[c.rule].type for c in model.__columns__}
    row_type = TypedDict(f"{model.__name__}Row", fields, total=False)  # type: ignore[misc]
    return TypeAdapter(row_type)


def blank_code(column: Column) -> str | None:
    """The problem a blank cell of ``column`` is (its severity the catalogue's), or None.

    The one place that decides it, for both engines.
    """
    if column.rule == "flag_1":
        return None  # blank is the flag's "no"
    if column.requirement is Requirement.REQUIRED:
        return "blank-required"
    if column.requirement_hint is Requirement.REQUIRED:
        return "blank-likely-required"
    if column.requirement is Requirement.RECOMMENDED:
        return "blank-recommended"
    return None


def suggest_value(value: str, rule: str, context: dict[str, str]) -> str | None:
    """The repaired value the rule's repairs give, or None."""
    from stdschema.normalize import suggest

    repair = suggest(value, rule, **context)
    return repair.after if repair else None


def fix_text(fixed: str | None, column: Column | None = None) -> tuple[str, str]:
    """The hint (ja, en) for a value with the repair ``fixed``; for a ``column`` whose rule
    is unconfirmed, why the problem is a warning."""
    ja, en = ("", "") if fixed is None else (f"「{fixed}」に直してください。", f"Write '{fixed}'.")
    if column is not None and not column.rule_confirmed:
        ja += "（この規則は標準で未確認のため警告としています）"
        en += " (This rule is not confirmed by the standard, so it is a warning.)"
    return ja, en.strip()


class RowChecker:
    """Checks the data rows of one file against one dataset edition: the row's shape and
    cells, then each row check (:func:`stdschema.checks.base.row_checks`)."""

    def __init__(
        self,
        model: type[DatasetRecord],
        plan: HeaderPlan,
        out: Collector,
        context: dict[str, str] | None = None,
        *,
        track_unique: bool = True,
    ) -> None:
        self.model = model
        self.plan = plan
        self.labeler = record_labeler(plan.mapped)
        self.out = out
        self.context = context or {}
        self.adapter = row_adapter(model)
        self.width = plan.width
        self.mapped = plan.mapped
        self.by_attr: dict[str, tuple[int, Column]] = {c.attr: (i, c) for i, c in plan.mapped}
        self.rows = 0
        # track_unique=False: the caller checks IDs itself (convert: on written rows only).
        self.checks: list[RowCheck] = [
            check
            for cls in row_checks()
            if track_unique or cls.name != "unique"
            if (check := cls.create(self)) is not None
        ]
        self._row_checks = list(self.checks)
        self._explainers = [c for c in self.checks if type(c).explain is not RowCheck.explain]

    @property
    def out(self) -> Collector:
        """Where problems go; a collector given here makes its records' labels."""
        return self._out

    @out.setter
    def out(self, collector: Collector) -> None:
        collector.labeler = self.labeler
        self._out = collector

    def hand_over(self, check: RowCheck) -> None:
        """The fast engine runs ``check`` on whole blocks: its row hook is not called here."""
        self._row_checks.remove(check)

    # -- per row --------------------------------------------------------------

    def check(self, line: int, cells: list[str], row: int = 0) -> None:
        """Check one data row: ``line`` is its physical line, ``row`` its spreadsheet row."""
        self.rows += 1
        if not any(strip_spaces(c) for c in cells):
            self.out.add("blank-row", line=line, row=row)
            return
        at = Row(line, cells, {}, set(), row)
        self._shape(at)
        quiet: frozenset[str] = frozenset()
        for explainer in self._explainers:
            quiet |= explainer.explain(cells)
        at.data = data = self._cells(at, quiet)
        failed = at.failed
        try:
            self.adapter.validate_python(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False, include_input=False):
                attr = str(err["loc"][0])
                if attr in failed:
                    continue
                failed.add(attr)
                if attr not in quiet:
                    self._invalid(at, attr, data[attr], err)
        for check in self._row_checks:
            check.row(at)

    def _shape(self, at: Row) -> None:
        cells = at.cells
        n = len(cells)
        if n > self.width:
            extra = cells[self.width :]
            self.out.add(
                "extra-cell",
                severity=Severity.ERROR
                if any(strip_spaces(c) for c in extra)
                else Severity.WARNING,
                **at.at(),
                column=self.width + 1,
                cells=n,
                columns=self.width,
            )
        elif n < self.width:
            self.out.add("missing-cell", **at.at(), column=n + 1, cells=n, columns=self.width)

    def _cells(self, at: Row, quiet: frozenset[str]) -> dict[str, str]:
        """The row's non-blank values by field (stripped); spaces, blanks and values
        outside a column's vocabulary reported on the way."""
        out = self.out
        cells = at.cells
        n = len(cells)
        data: dict[str, str] = {}
        for index, column in self.mapped:
            value = cells[index] if index < n else ""
            if has_edge_space(value):  # the one definition of a space (rules.chars)
                stripped = strip_spaces(value)
                out.add(
                    "surrounding-whitespace",
                    **at.at(),
                    column=index + 1,
                    header=self.plan.header[index],
                    field=column.attr,
                    value=value,
                    fixed_to=stripped,
                )
                value = stripped
            if not value:
                if column.attr not in quiet:
                    self.blank(at.line, index, column, at.row, cells)
                continue
            data[column.attr] = value
            if column.allowed_values and value not in column.allowed_values:
                self._not_allowed(at, index, column, value)
        return data

    # -- helpers --------------------------------------------------------------

    def _where(self, index: int, column: Column) -> dict[str, Any]:
        return {"column": index + 1, "header": self.plan.header[index], "field": column.attr}

    def blank(
        self, line: int, index: int, column: Column, row: int = 0, cells: list[str] | None = None
    ) -> None:
        """Report the blank cell ``index`` (of ``column``) if a blank is a problem there;
        ``row`` and ``cells`` are the record's spreadsheet row and cells (for its label)."""
        code = blank_code(column)
        if code is not None:
            self.out.add(code, line=line, row=row, record_cells=cells, **self._where(index, column))

    def _severity(self, column: Column) -> Severity:
        return Severity.ERROR if column.rule_confirmed else Severity.WARNING

    def _invalid(self, at: Row, attr: str, value: str, err: Any) -> None:
        index, column = self.by_attr[attr]
        kind = str(err["type"])
        code = code_for_error_type(kind)
        if self.out.full:
            # Past --max-problems only the counts change: skip the repair and wording.
            self.out.add(
                code, severity=self._severity(column), line=at.line, **self._where(index, column)
            )
            return
        lang = self.out.lang
        fixed = suggest_value(value, column.rule, self.context)
        fix_ja, fix_en = fix_text(fixed, column)
        rule = RULES[column.rule]
        ctx = None if self.out.mask else err.get("ctx")  # the context may quote the value
        detail = error_detail(kind, lang, ctx, str(err["msg"]))
        # Catalogue parameters: a vocabulary names its choices, other rules their reason.
        params: dict[str, Any] = (
            {"allowed": "、".join(str(v) for v in getattr(rule.type, "__args__", ()))}
            if code == "not-allowed-value"
            else {"detail": detail, "rule_name": rule.ja, "rule_en": rule.en}
        )
        self.out.add(
            code,
            severity=self._severity(column),
            **at.at(),
            value=value,
            fixed_to=fixed,
            rule=column.rule,
            fix_ja=fix_ja,
            fix_en=fix_en,
            **params,
            **self._where(index, column),
        )

    def _not_allowed(self, at: Row, index: int, column: Column, value: str) -> None:
        # The legacy vocabularies are not confirmed for current files: warn only.
        self.out.add(
            "not-allowed-value",
            severity=Severity.WARNING,
            **at.at(),
            value=value,
            allowed="、".join(column.allowed_values),
            **self._where(index, column),
        )

    # -- end of file ----------------------------------------------------------

    def finish(self) -> None:
        for check in self.checks:
            check.end()
