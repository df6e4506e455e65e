"""Header checks: which file column is which standard column, and what is off."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from stdschema.checks.collector import Collector
from stdschema.datasets import (
    Column,
    Confidence,
    DatasetRecord,
    Requirement,
    column_letter,
    resolve_header,
)
from stdschema.problems import REQUIREMENT_NAMES, Severity

CODES = (
    "blank-label",
    "extra-label",
    "duplicate-label",
    "header-variant",
    "missing-label",
    "label-order",
)
"""Every problem code the header planner reports."""


@dataclass(frozen=True, slots=True)
class HeaderPlan:
    """How the cells of each row map onto the standard columns."""

    width: int
    """Number of cells in the header row."""
    mapped: tuple[tuple[int, Column], ...]
    """(0-based file column index, standard column) for every recognised column."""
    header: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _At:
    """Where the header is: physical line, spreadsheet row, dropped leading columns."""

    line: int
    row: int
    offset: int


def _missing_severity(column: Column, confidence: Confidence) -> Severity:
    if not column.header_confirmed:
        return Severity.INFO
    if column.requirement is Requirement.REQUIRED and confidence.order_known:
        return Severity.ERROR
    if column.requirement is Requirement.REQUIRED:
        # A list known only from ingest configs cannot make a column mandatory.
        return Severity.WARNING
    if column.requirement is Requirement.RECOMMENDED or column.requirement_hint:
        return Severity.WARNING
    return Severity.INFO


def _out_of_order(positions: list[int]) -> set[int]:
    """Indexes (into ``positions``) not on a longest increasing run: the moved columns."""
    tails: list[int] = []
    tail_idx: list[int] = []
    parent = [-1] * len(positions)
    for i, p in enumerate(positions):
        k = bisect_left(tails, p)
        if k == len(tails):
            tails.append(p)
            tail_idx.append(i)
        else:
            tails[k] = p
            tail_idx[k] = i
        parent[i] = tail_idx[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_idx[-1] if tail_idx else -1
    while i != -1:
        keep.add(i)
        i = parent[i]
    return set(range(len(positions))) - keep


def plan_header(
    model: type[DatasetRecord],
    header: list[str],
    line: int,
    out: Collector,
    *,
    attribute_names: bool = False,
    row: int = 0,
) -> HeaderPlan:
    """Match ``header`` to ``model``'s columns, reporting every header problem.

    ``line`` and ``row`` are the header's physical line and spreadsheet row. With
    ``attribute_names`` (the dataset XML form) the English attribute names are the
    expected spelling, not variants of the Japanese headers. Column letters in messages
    are the spreadsheet's (``out.column_offset`` counts a dropped marker column).
    """
    info = model.__dataset__
    mapped: list[tuple[int, Column]] = []
    seen: dict[str, int] = {}
    at = _At(line, row, out.column_offset)
    for index, cell in enumerate(header):
        column = _match(model, cell, index, at, out, seen, attribute_names=attribute_names)
        if column is not None:
            mapped.append((index, column))

    for column in model.__columns__:
        if column.header not in seen:
            req_ja, req_en = REQUIREMENT_NAMES[column.requirement.value]
            out.add(
                "missing-label",
                severity=_missing_severity(column, info.confidence),
                line=line,
                row=row,
                field=column.attr,
                expected=column.header,
                requirement=req_ja,
                requirement_en=req_en,
            )

    # Config-only lists give the order a config was written in, not the sheet's.
    moved = _out_of_order([c.no for _, c in mapped]) if info.confidence.order_known else set()
    for k in sorted(moved):
        index, column = mapped[k]
        out.add(
            "label-order",
            line=line,
            row=row,
            column=index + 1,
            header=header[index],
            field=column.attr,
            letter=column_letter(index + 1 + at.offset),
            expected_letter=column.letter,
            expected_no=column.no,
        )
    return HeaderPlan(len(header), tuple(mapped), tuple(header))


def _match(
    model: type[DatasetRecord],
    cell: str,
    index: int,
    at: _At,
    out: Collector,
    seen: dict[str, int],
    *,
    attribute_names: bool,
) -> Column | None:
    """The standard column header cell ``index`` names (noted in ``seen``), or None; a blank,
    unknown, repeated or variant spelling reported."""
    number = index + 1
    line, row, offset = at.line, at.row, at.offset
    if not cell.strip():
        letter = column_letter(number + offset)
        out.add("blank-label", line=line, row=row, column=number, letter=letter)
        return None
    found = resolve_header(model, cell)
    if found is None:
        out.add(
            "extra-label",
            line=line,
            row=row,
            column=number,
            header=cell,
            dataset=model.__dataset__.key,
        )
        return None
    column, exact = found
    if column.header in seen:
        out.add(
            "duplicate-label",
            line=line,
            row=row,
            column=number,
            header=cell,
            field=column.attr,
            first=column_letter(seen[column.header] + offset),
        )
        return None
    seen[column.header] = number
    if not exact and not (attribute_names and cell == column.attr):
        out.add(
            "header-variant",
            line=line,
            row=row,
            column=number,
            header=cell,
            field=column.attr,
            value=cell,
            fixed_to=column.header,
            expected=column.header,
        )
    return column
