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
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache, cached_property
from typing import TYPE_CHECKING

from stdschema.checks.base import POLARS_ENGINE, Col, RowCheck
from stdschema.checks.collector import Collector
from stdschema.checks.header import HeaderPlan
from stdschema.checks.rows import RowChecker, blank_code
from stdschema.datasets import Column, DatasetRecord
from stdschema.io._pump_child import LEADS
from stdschema.io.blocks import LINE, WIDTH, Block, readable, table_blocks
from stdschema.io.pump import rare_leads
from stdschema.problems import CATALOGUE, Severity
from stdschema.rules import REGISTRY
from stdschema.rules.base import ANY_VALUE, EXACT_PATH_ONLY
from stdschema.rules.chars import SPACE_CLASS as _SPACE_CLASS
from stdschema.rules.chars import SPACES

if TYPE_CHECKING:
    import polars as pl

    from stdschema.io import Table

# polars' allocator (jemalloc) keeps freed pages for a while; block after block
# that shows up as resident memory growing with the file. Returning them at
# once keeps memory flat (set before polars is first imported).
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:50,muzzy_decay_ms:0")

MALLOC_ARENAS = 4
"""glibc gives each thread that allocates its own malloc arena, 64 MiB of address space
each; the engine's threads would reserve hundreds of MiB they never use (a run under an
address-space limit failed for it). Capped once, when the engine first runs."""


@cache
def _cap_malloc_arenas() -> None:
    if not sys.platform.startswith("linux"):
        return
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(-8, MALLOC_ARENAS)  # M_ARENA_MAX (glibc; musl ignores it)


BLOCK_BYTES = 6 * 1024 * 1024
"""Cells are cut from a block's lines (io.blocks): the lists of cells on top of the lines
and columns took 1M rows to 290 MB at 8 MiB blocks; 274 MB at 6 MiB, ~1.5% slower."""
PROJECTED_SHARE = 0.75
"""Parse only the columns the query reads when they are at most this share of all."""
PREPARERS = 2
AHEAD = 2
"""Blocks parsed and queried at once (polars' own threads alone left a core idle)."""
READ_AHEAD = 1
"""Blocks read before a preparing thread is free for them: a block was read only once
one was checked, and the preparing thread then waited for the reading process (on two
cores 3-5% of a large file's wall time; one more raw block in memory, 8 MiB)."""

# A space at the edge of a cell: what RowChecker strips (rules.chars, the one definition).
_SPACE_EDGE_CELL = f"^{_SPACE_CLASS}|{_SPACE_CLASS}$"
# The two spaces real text is full of, and the rest (controls and rare Unicode spaces).
_COMMON_SPACES = " \u3000"
_ASCII_SPACES = "".join(c for c in SPACES if c.isascii() and c != " ")
_RARE_SPACES = tuple(c for c in SPACES if not c.isascii() and c not in _COMMON_SPACES)


def rare_spaces(block: Block) -> tuple[str, ...]:
    """The rare spaces a quote-free block may hold: those whose first byte occurs.

    A one-byte search runs at memory speed (the reading process has done it for a large
    file); most blocks lack some first bytes (0xC2, 0xE1), and the screen then has fewer
    searches a line.
    """
    assert block.raw is not None
    if block.leads is not None:
        present = rare_leads(block.leads)
    else:
        present = frozenset(b for b in LEADS if bytes((b,)) in block.raw)
    return tuple(c for c in _RARE_SPACES if c.encode()[0] in present)


def _edge_space(line: pl.Expr, rare: tuple[str, ...] = _RARE_SPACES) -> pl.Expr:
    """True for a record's text with a space at the edge of a cell, or with one of the
    ``rare`` spaces anywhere (a superset: the exact path decides).

    One regex over the line for "a space class after a comma or before one" runs at the
    speed of its DFA over every byte (the comma starts a match everywhere); literal
    searches for the common spaces at cell edges are several times faster and flag the
    same rows. The rare spaces of one first byte are one character class (one pass over
    the line, not one search each); rows with one inside a cell are flagged too.
    """
    import polars as pl

    parts = [line.str.starts_with(c) | line.str.ends_with(c) for c in _COMMON_SPACES]
    parts += [line.str.contains(f"{c},", literal=True) for c in _COMMON_SPACES]
    parts += [line.str.contains(f",{c}", literal=True) for c in _COMMON_SPACES]
    parts.append(line.str.contains(_class(_ASCII_SPACES)))
    by_lead: dict[int, list[str]] = {}
    for c in rare:
        by_lead.setdefault(c.encode()[0], []).append(c)
    for chars in by_lead.values():
        if len(chars) == 1:
            parts.append(line.str.contains(chars[0], literal=True))
        else:
            parts.append(line.str.contains(_class("".join(chars))))
    return pl.any_horizontal(parts)


def _class(chars: str) -> str:
    """``chars`` as a Rust regex character class."""
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"


MAX_COLUMNS = 512
"""Wider files go to the Pydantic path: a polars frame a column a cell grows with width."""


def applicable(table: Table) -> bool:
    """Whether the fast engine can read this table (else the Pydantic path reads it)."""
    return len(table.header) <= MAX_COLUMNS and readable(table)


# --- rule screens -------------------------------------------------------------


def rule_flag(rule: str, col: pl.Expr) -> pl.Expr | None:
    """True for the non-blank cells of ``rule`` that must go through the exact path;
    None when the rule passes every value (the column need not be read for it).

    The screen comes from the rule's module (:data:`stdschema.rules.REGISTRY`). Fails
    closed: a rule the registry does not know, or one without a screen, flags every
    non-blank cell, so no value escapes its check.
    """
    spec = REGISTRY.get(rule)
    screen = spec.screen if spec is not None else None
    if screen == ANY_VALUE:
        return None
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
        # Where run() has the vectorised checks work beside the rows (their block()
        # reports nothing: see RowCheck.block), and their pending work.
        self._beside: ThreadPoolExecutor | None = None
        self._beside_done: list[Future[None]] = []
        self._one_by_one = threading.Lock()
        self.blanks = [
            (index, column, CATALOGUE[code].severity, code)
            for index, column in self.mapped
            if (code := blank_code(column)) is not None
        ]

    # -- the block's one query

    @cached_property
    def _flag_parts(self) -> list[pl.Expr]:
        """Boolean columns, True for rows a cell rule, a vocabulary or a row check flags.

        Separate outputs, not one expression: polars evaluates the outputs of a
        ``select`` in parallel but the inputs of one expression in turn.
        """
        import polars as pl

        parts: list[pl.Expr] = []
        for index, column in self.mapped:
            col = pl.col(self.names[index])
            flag = rule_flag(column.rule, col)
            if column.allowed_values:
                outside = (col != "") & ~col.is_in(list(column.allowed_values))
                flag = outside if flag is None else flag | outside
            if flag is not None:
                parts.append(flag.alias(f"f.{index}"))
        for k, check in enumerate(self.checker.checks):
            if not check.vectorised:
                parts.append(check_flag(check, self._col).alias(f"f.check.{k}"))
        return parts

    def _shape_parts(self, raw: bool, rare: tuple[str, ...], shaped: bool) -> list[pl.Expr]:
        """True for rows with a cell with spaces around it, a blank row, or extra or
        missing cells: from the record's text (quote-free block) or its cells."""
        import polars as pl

        if raw:
            line = pl.col(LINE)
            parts = [
                _edge_space(line, rare).alias("f.space"),
                line.str.contains("^,*$").alias("f.blank"),
            ]
            if not shaped:  # a shaped block's records all have their cells (Block.frame)
                commas = line.str.count_matches(",", literal=True)
                parts.append((commas != self.width - 1).alias("f.width"))
            return parts
        spaces = [pl.col(c).str.contains(_SPACE_EDGE_CELL) for c in self.names]
        return [
            pl.any_horizontal(spaces).alias("f.space"),
            pl.all_horizontal([pl.col(c) == "" for c in self.names]).alias("f.blank"),
            (pl.col(WIDTH) != self.width).alias("f.width"),
        ]

    @cache  # noqa: B019  (one checker a file; each kind's query is built once)
    def _query(
        self, raw: bool, rare: tuple[str, ...] = (), shaped: bool = False
    ) -> tuple[list[pl.Expr], list[str], list[str]]:
        """The block query's outputs (flag parts, blank cells, the vectorised checks'
        columns), the names of the flag parts and of the blank cells."""
        import polars as pl

        parts = self._flag_parts + self._shape_parts(raw, rare, shaped)
        blanks = [(pl.col(self.names[i]) == "").alias(f"b{i}") for i, _, _, _ in self.blanks]
        exprs = parts + blanks
        for check in self.vectorised:
            exprs += check.block_exprs(self._col)
        names = [e.meta.output_name() for e in parts]
        return exprs, names, [e.meta.output_name() for e in blanks]

    def _select(self, frame: pl.DataFrame, block: Block) -> pl.DataFrame:
        """Everything a block needs from its frame, in one query: ``flag`` (the row goes
        through the exact path), ``b{i}`` (a blank cell of a column with a blank finding),
        ``visit`` (flagged or with such a blank) and the vectorised checks' columns."""
        import polars as pl

        raw = block.raw is not None
        exprs, flags, blanks = self._query(raw, rare_spaces(block) if raw else (), block.shaped)
        flag = pl.any_horizontal(flags)
        visit = (pl.col("flag") | pl.any_horizontal(blanks)) if blanks else pl.col("flag")
        return (
            frame.lazy()
            .select(exprs)
            .with_columns(flag.alias("flag"))
            .with_columns(visit.alias("visit"))
            .drop(flags)
            .collect(engine=POLARS_ENGINE)
        )

    @cached_property
    def _read(self) -> list[str] | None:
        """The columns a quote-free block's query reads, when few enough that parsing only
        them pays for counting each line's cells (else None: every column).

        Taken from the query itself, so a column a screen, a check or a blank finding
        reads is never left out.
        """
        # Any quote-free variant names the same columns: its line screens read only LINE.
        exprs, _, _ = self._query(True, _RARE_SPACES, False)
        used = {name for e in exprs for name in e.meta.root_names()}
        read = [name for name in self.names if name in used]
        return read if len(read) <= PROJECTED_SHARE * self.width else None

    def _col(self, attr: str) -> pl.Expr:
        import polars as pl

        return pl.col(self.names[self._index[attr]])

    def finish(self) -> None:
        """After the last block: the checks' end hooks (repeated IDs, in file order)."""
        for done in self._beside_done:
            done.result()  # an error of a vectorised check surfaces here
        self._beside_done.clear()
        self.checker.finish()

    # -- rows

    def prepare(self, block: Block) -> tuple[Block, pl.DataFrame]:
        """A block's frame and its query's result (polars work: no Python per row).

        A block the csv module reads is prepared one at a time: its rows are Python
        objects (memory that two at once would double) built with the GIL held (no gain
        from a second thread).
        """
        frame = block.frame(self.names, self._read) if block.raw is not None else None
        if frame is None:
            with self._one_by_one:
                if block.raw is not None:
                    block = block.reparsed()
                frame = block.frame(self.names)
                assert frame is not None
                return self._done(block, frame)
        return self._done(block, frame)

    def _done(self, block: Block, frame: pl.DataFrame) -> tuple[Block, pl.DataFrame]:
        selected = self._select(frame, block)
        if block.raw is not None:
            block.raw = b""  # parsed: the rows' text is in the frame (memory while queued)
        return block, selected

    def check_block(self, block: Block) -> None:
        self.consume(*self.prepare(block))

    def consume(self, block: Block, selected: pl.DataFrame) -> None:
        """A prepared block's problems: the vectorised checks (in a thread of their own
        during :meth:`run`), then the rows it visits."""
        if self._beside is not None and self.vectorised:
            self._beside_done.append(self._beside.submit(self._vectorised, selected, block))
        else:
            self._vectorised(selected, block)
        flags = selected["flag"]
        blanks = self.blanks
        out = self.out
        visit = selected["visit"].arg_true().to_list()
        if not visit:
            self.rows += len(block.lines)
            return
        flag_list = flags.to_list()
        # The visited rows' blank cells, fetched at once (a cell at a time was a call into
        # polars each).
        names = [f"b{i}" for i, _, _, _ in blanks]
        blank_rows = selected.select(names)[visit].rows() if names else [()] * len(visit)
        for k, row_blanks in zip(visit, blank_rows, strict=True):
            if out.full:
                self._bulk(block, flag_list, selected, blanks, k)
                break
            line, sheet_row = block.lines[k], block.first_row + k
            if flag_list[k]:
                self.checker.check(line, block.cells(k), sheet_row)
            else:
                cells = block.cells(k)  # for the record's label (details are kept here)
                for (index, column, _, _), blank in zip(blanks, row_blanks, strict=True):
                    if blank:
                        self.checker.blank(line, index, column, sheet_row, cells)
        self.rows += len(block.lines)

    def _vectorised(self, selected: pl.DataFrame, block: Block) -> None:
        for check in self.vectorised:
            check.block(selected, block)

    def _bulk(
        self,
        block: Block,
        flags: list[bool],
        selected: pl.DataFrame,
        blanks: list[tuple[int, Column, Severity, str]],
        start: int,
    ) -> None:
        """The rest of a block once details are full: flagged rows checked, blanks counted."""
        import polars as pl

        out = self.out
        for k in range(start, len(block.lines)):
            if flags[k]:
                self.checker.check(block.lines[k], block.cells(k), block.first_row + k)
        if not blanks:
            return
        rest = selected.slice(start).filter(~pl.col("flag"))
        sums = rest.select([pl.col(f"b{i}").sum() for i, _, _, _ in blanks]).row(0)
        for (index, _column, severity, code), n in zip(blanks, sums, strict=True):
            if n:
                out.by_severity[severity.value] += n
                out.by_code[code] += n
                out.by_column[self.plan.header[index]] += n
                out.truncated = True

    def run(self, table: Table, progress: Callable[[str, int], None] | None = None) -> int:
        """Check every data row of ``table``; returns the number of rows.

        Three stages overlap: one thread reads blocks, :data:`READ_AHEAD` ahead (a
        reading process does the bytes of a large file, :mod:`stdschema.io.pump`),
        :data:`PREPARERS` threads parse and query them (polars releases the GIL), and
        this thread checks the rows of each prepared block in file order. An error
        raised while reading or preparing a block surfaces when it is that block's turn.
        """
        from collections import deque

        _cap_malloc_arenas()
        source = table_blocks(table, BLOCK_BYTES)

        def prepared(read: Future[Block | None]) -> tuple[Block, pl.DataFrame] | None:
            block = read.result()
            return None if block is None else self.prepare(block)

        try:
            with (
                ThreadPoolExecutor(1, thread_name_prefix="stdschema-read") as reader,
                ThreadPoolExecutor(PREPARERS, thread_name_prefix="stdschema-blocks") as pool,
                ThreadPoolExecutor(1, thread_name_prefix="stdschema-beside") as beside,
            ):
                self._beside = beside
                pending: deque[Future[tuple[Block, pl.DataFrame] | None]] = deque()
                reads: deque[Future[Block | None]] = deque()

                def ahead() -> None:
                    # The reader keeps READ_AHEAD blocks read past those being prepared.
                    while len(reads) <= READ_AHEAD:
                        reads.append(reader.submit(next, source, None))
                    pending.append(pool.submit(prepared, reads.popleft()))

                for _ in range(AHEAD):
                    ahead()
                # While the first blocks are read (the reading process starting), this
                # thread imports polars and builds the queries: not the preparing threads
                # once a block is there.
                self._read  # noqa: B018
                while (item := pending.popleft().result()) is not None:
                    ahead()
                    self.consume(*item)
                    if progress is not None:
                        progress(str(table.path), self.rows)
        finally:
            self._beside = None
            source.close()  # ends the reading process early on an error
        self.finish()
        return self.rows
