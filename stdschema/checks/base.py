"""Row and file checks as units, and their registry.

A check (frictionless style) is a class in :mod:`stdschema.checks.builtin` that
registers itself with :func:`register`. It names the problem codes it can
produce, builds itself for a file's columns (:meth:`RowCheck.create`, None when
the file lacks them) and has three hooks the runner
(:class:`~stdschema.checks.rows.RowChecker`) calls: :meth:`~RowCheck.explain`
before a row's cells are checked, :meth:`~RowCheck.row` after, :meth:`~RowCheck.end`
after the last row.

For the fast engine a check either has a :meth:`~RowCheck.screen` (a conservative
polars expression: True for every row where the check might report), or is
``vectorised`` (it takes whole blocks itself), or declares ``exact_only``: then
every row with a value in one of its ``columns`` goes through the exact path.
A check without a screen is never skipped silently.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Final, Self

if TYPE_CHECKING:
    import polars as pl

    from stdschema.checks.rows import RowChecker
    from stdschema.io.blocks import Block

Col = Callable[[str], "pl.Expr"]
"""The string column of a block that holds a field (by attribute name)."""

POLARS_ENGINE: Final = "in-memory"
"""The polars engine of the block queries. Their frames are already in memory: the
streaming engine (polars' default) cut each into morsels on threads of its own, which on
two cores cost 4-6% of a large file's wall time and more memory (docs/performance.md)."""


@dataclass(slots=True)
class Row:
    """One data row after its cells are checked: non-blank values (stripped) by field,
    and the fields whose value failed its rule. ``row`` is its spreadsheet row
    (:attr:`stdschema.io.table.Record.row`; 0 where there is none)."""

    line: int
    cells: list[str]
    data: dict[str, str]
    failed: set[str]
    row: int = 0

    def at(self) -> dict[str, Any]:
        """Where the row is, for a problem: its line, spreadsheet row and cells (the
        collector makes the record label from them only when it keeps the problem)."""
        return {"line": self.line, "row": self.row, "record_cells": self.cells}


class RowCheck:
    """One row or file check; see the module docstring."""

    name: ClassVar[str]
    codes: ClassVar[tuple[str, ...]]
    """Every problem code the check can report (the catalogue must have each)."""
    order: ClassVar[int] = 100
    """Position among the checks of a row (their problems are added in this order)."""
    exact_only: ClassVar[bool] = False
    """No screen: the fast engine sends every row it covers through the exact path."""
    vectorised: ClassVar[bool] = False
    """The fast engine hands whole blocks to :meth:`block` instead of rows to :meth:`row`."""

    def __init__(self, runner: RowChecker, columns: tuple[str, ...]) -> None:
        self.runner = runner
        self.columns = columns
        """The fields the check reads."""

    @classmethod
    def create(cls, runner: RowChecker) -> Self | None:
        """The check for the runner's file, or None when it does not apply."""
        raise NotImplementedError

    # -- hooks of the exact path

    def explain(self, cells: list[str]) -> frozenset[str]:
        """Before the cells: the fields whose blank or value problems this check's finding
        replaces on this row (one cause, one report)."""
        return frozenset()

    def row(self, row: Row) -> None:
        """After the row's cells are checked."""

    def end(self) -> None:
        """After the last row."""

    # -- the fast engine

    def screen(self, col: Col) -> pl.Expr | None:
        """True for the rows the check may report on (conservative: never False for one
        it reports); None when the check has no screen."""
        return None

    def block_exprs(self, col: Col) -> list[pl.Expr]:
        """A vectorised check's columns, computed with the block's one query."""
        return []

    def block(self, selected: pl.DataFrame, block: Block) -> None:
        """A vectorised check's work on one block (``selected`` holds its columns; the
        block gives each row's line, spreadsheet row and cells).

        The fast engine calls it from a thread of its own, blocks in file order, while
        the rows are checked: it keeps state and reports in :meth:`end`, never here.
        """

    # -- helpers

    def where(self, attr: str) -> dict[str, Any]:
        """Column number, header as written and field of ``attr``, for a problem."""
        index = self.runner.by_attr[attr][0]
        return {"column": index + 1, "header": self.runner.plan.header[index], "field": attr}


def has_screen(check: type[RowCheck]) -> bool:
    """Whether the fast engine has a vectorised form of ``check`` (screen or blocks)."""
    return check.vectorised or check.screen is not RowCheck.screen


_CHECKS: dict[str, type[RowCheck]] = {}


def register(cls: type[RowCheck]) -> type[RowCheck]:
    """Class decorator: make ``cls`` one of the checks every file gets."""
    if cls.name in _CHECKS and _CHECKS[cls.name] is not cls:
        raise ValueError(f"two row checks named {cls.name!r}")
    _CHECKS[cls.name] = cls
    return cls


@cache
def _load() -> None:
    from stdschema.checks import builtin

    for module in pkgutil.iter_modules(builtin.__path__):
        importlib.import_module(f"{builtin.__name__}.{module.name}")


def row_checks() -> list[type[RowCheck]]:
    """Every registered check, in row order."""
    _load()
    return sorted(_CHECKS.values(), key=lambda c: (c.order, c.name))
