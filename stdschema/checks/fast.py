"""The fast engine: a vectorised pre-check that sends only suspect rows to the Pydantic path.

The file is read in byte blocks cut at record boundaries. Each block becomes a
polars frame of string columns; every per-cell rule of the dataset model is
compiled to a column expression (each rule's screen from :mod:`stdschema.rules`
and the column metadata, not a second rule set). A row that any expression flags, or
that has a cell of a rule without a screen, goes through
:class:`~stdschema.checks.rows.RowChecker`, which produces the exact problems,
messages and fixes. Rows that pass can only have blank-cell findings, which
are produced here in the same order the row checker would produce them.

The expressions are *conservative*: when one says "valid" the Pydantic rule
says so too; the reverse may not hold, which only costs a trip through the
Pydantic path. ``tests/test_fast_engine.py`` checks both engines report the
same problems.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from stdschema.checks.base import Col, RowCheck
from stdschema.checks.collector import Collector
from stdschema.checks.header import HeaderPlan
from stdschema.checks.rows import RowChecker, blank_code
from stdschema.datasets import Column, DatasetRecord
from stdschema.io.blocks import Block, readable, table_blocks
from stdschema.problems import CATALOGUE, Severity
from stdschema.rules import REGISTRY
from stdschema.rules.base import EXACT_PATH_ONLY
from stdschema.rules.chars import SPACE_CLASS as _SPACE_CLASS

if TYPE_CHECKING:
    import polars as pl

    from stdschema.io import Table

# polars' allocator (jemalloc) keeps freed pages for a while; block after block
# that shows up as resident memory growing with the file. Returning them at
# once keeps memory flat (set before polars is first imported).
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

BLOCK_BYTES = 4 * 1024 * 1024
FAST_MIN_BYTES = 1024 * 1024
"""Below this size the Pydantic path is faster than importing polars."""

# A space at the edge of a cell: what RowChecker strips (rules.chars, the one definition).
_SPACE_EDGE = f"(?:^|,){_SPACE_CLASS}|{_SPACE_CLASS}(?:,|$)"
_SPACE_EDGE_CELL = f"^{_SPACE_CLASS}|{_SPACE_CLASS}$"


MAX_COLUMNS = 512
"""Wider files go to the Pydantic path: a polars frame a column a cell grows with width."""


def applicable(table: Table) -> bool:
    """Whether the fast engine can read this table (else the Pydantic path reads it)."""
    return len(table.header) <= MAX_COLUMNS and readable(table)


# --- rule screens -------------------------------------------------------------


def rule_flag(rule: str, col: pl.Expr) -> pl.Expr:
    """True for the non-blank cells of ``rule`` that must go through the exact path.

    The screen comes from the rule's module (:data:`stdschema.rules.REGISTRY`). Fails
    closed: a rule the registry does not know, or one without a screen, flags every
    non-blank cell, so no value escapes its check.
    """
    spec = REGISTRY.get(rule)
    screen = spec.screen if spec is not None else None
    if screen is None or screen == EXACT_PATH_ONLY:
        return col != ""
    return (col != "") & ~screen(col)


# --- row check screens --------------------------------------------------------


def check_flag(check: RowCheck, col: Col) -> pl.Expr:
    """True for the rows ``check`` must see on the exact path.

    Fails closed: a check without a screen flags every row with a value in one of
    the columns it reads, so no row escapes it.
    """
    import polars as pl

    screen = None if check.exact_only else check.screen(col)
    if screen is not None:
        return screen
    return pl.any_horizontal([col(attr) != "" for attr in check.columns] or [pl.lit(True)])


# --- the engine ---------------------------------------------------------------


class FastChecker:
    """Checks the data rows of one CSV file with the pre-check in front of ``checker``."""

    def __init__(
        self,
        model: type[DatasetRecord],
        plan: HeaderPlan,
        checker: RowChecker,
        out: Collector,
    ) -> None:
        self.model = model
        self.plan = plan
        self.checker = checker
        self.out = out
        self.width = plan.width
        self.mapped = plan.mapped
        self.rows = 0
        self.names = [f"c{i}" for i in range(self.width)]
        self._index = {c.attr: i for i, c in self.mapped}
        # Checks that take whole blocks; the runner no longer sees their rows.
        self.vectorised = [c for c in checker.checks if c.vectorised]
        for check in self.vectorised:
            checker.hand_over(check)
        self.blanks = [
            (index, column, CATALOGUE[code].severity, code)
            for index, column in self.mapped
            if (code := blank_code(column)) is not None
        ]

    # -- frames

    def _frame(self, block: Block) -> tuple[pl.DataFrame, pl.Series] | None:
        """String columns of the block and a mask of rows the line-level screens flag.

        None when polars does not read the block one record a line (then the
        csv module reads it).
        """
        import polars as pl

        frame = block.frame(self.names)
        if frame is None:
            return None
        if block.raw is not None:
            line = pl.col("line")
            screens = block.text_lines.to_frame().select(
                # a cell with spaces around it, a blank row, extra or missing cells
                (
                    line.str.contains(_SPACE_EDGE)
                    | line.str.contains("^,*$")
                    | (line.str.count_matches(",") != self.width - 1)
                ).alias("s")
            )["s"]
            return frame, screens
        assert block.rows is not None
        spaces = pl.any_horizontal([pl.col(c).str.contains(_SPACE_EDGE_CELL) for c in self.names])
        blank = pl.all_horizontal([pl.col(c) == "" for c in self.names])
        screens = frame.select((spaces | blank).alias("s"))["s"] | (
            pl.Series([len(r) for r in block.rows], dtype=pl.Int64) != self.width
        )
        return frame, screens

    @cached_property
    def _flag_expr(self) -> pl.Expr:
        """One expression: True for rows a cell rule, a vocabulary or a row check flags."""
        import polars as pl

        exprs: list[pl.Expr] = [pl.lit(False)]
        for index, column in self.mapped:
            col = pl.col(self.names[index])
            nonblank = col != ""
            exprs.append(rule_flag(column.rule, col))
            if column.allowed_values:
                exprs.append(nonblank & ~col.is_in(list(column.allowed_values)))
        for check in self.checker.checks:
            if not check.vectorised:
                exprs.append(check_flag(check, self._col))
        return pl.any_horizontal(exprs)

    def _col(self, attr: str) -> pl.Expr:
        import polars as pl

        return pl.col(self.names[self._index[attr]])

    def _select(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Everything a block needs from its frame, computed in one polars query."""
        import polars as pl

        exprs = [self._flag_expr.alias("flag")]
        blanks = self.blanks
        exprs += [(pl.col(self.names[i]) == "").alias(f"b{i}") for i, _, _, _ in blanks]
        if blanks:
            exprs.append(
                pl.any_horizontal([pl.col(self.names[i]) == "" for i, _, _, _ in blanks]).alias(
                    "anyb"
                )
            )
        for check in self.vectorised:
            exprs += check.block_exprs(self._col)
        return frame.select(exprs)

    def finish(self) -> None:
        """After the last block: the checks' end hooks (repeated IDs, in file order)."""
        self.checker.finish()

    # -- rows

    def check_block(self, block: Block) -> None:
        framed = self._frame(block)
        if framed is None:
            block = block.reparsed()
            framed = self._frame(block)
            assert framed is not None
        frame, screens = framed
        selected = self._select(frame)
        flags = selected["flag"] | screens
        for check in self.vectorised:
            check.block(selected, block)
        blanks = self.blanks
        blank_frame = None
        interesting = flags
        if blanks:
            blank_frame = selected.select([f"b{i}" for i, _, _, _ in blanks])
            interesting = flags | selected["anyb"]
        flag_list = flags.to_list()
        out = self.out
        for k in interesting.arg_true().to_list():
            if out.full:
                self._bulk(block, flag_list, blank_frame, blanks, k)
                break
            line, sheet_row = block.lines[k], block.first_row + k
            if flag_list[k]:
                self.checker.check(line, block.cells(k), sheet_row)
            else:
                assert blank_frame is not None
                row = blank_frame.row(k)
                cells = block.cells(k)  # for the record's label (details are kept here)
                for j, (index, column, _, _) in enumerate(blanks):
                    if row[j]:
                        self.checker.blank(line, index, column, sheet_row, cells)
        self.rows += len(block.lines)

    def _bulk(
        self,
        block: Block,
        flags: list[bool],
        blank_frame: pl.DataFrame | None,
        blanks: list[tuple[int, Column, Severity, str]],
        start: int,
    ) -> None:
        """The rest of a block once details are full: flagged rows checked, blanks counted."""
        import polars as pl

        out = self.out
        for k in range(start, len(block.lines)):
            if flags[k]:
                self.checker.check(block.lines[k], block.cells(k), block.first_row + k)
        if blank_frame is None:
            return
        rest = (
            blank_frame.slice(start)
            .with_columns(pl.Series("f", flags[start:], dtype=pl.Boolean))
            .filter(~pl.col("f"))
        )
        sums = rest.select([pl.col(f"b{i}").sum() for i, _, _, _ in blanks]).row(0)
        for (index, _column, severity, code), n in zip(blanks, sums, strict=True):
            if n:
                out.by_severity[severity.value] += n
                out.by_code[code] += n
                out.by_column[self.plan.header[index]] += n
                out.truncated = True

    def run(self, table: Table, progress: Callable[[str, int], None] | None = None) -> int:
        """Check every data row of ``table``; returns the number of rows."""
        for block in table_blocks(table, BLOCK_BYTES):
            self.check_block(block)
            if progress is not None:
                progress(str(table.path), self.rows)
        self.finish()
        return self.rows
