"""Unique IDs: a value of an ID column (rule ``record_id``) that repeats an earlier row's."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from stdschema.checks.base import POLARS_ENGINE, Col, Row, RowCheck, register
from stdschema.checks.rows import RowChecker
from stdschema.problems import CATALOGUE
from stdschema.rules.chars import SPACES

if TYPE_CHECKING:
    import polars as pl

    from stdschema.io.blocks import Block


class SortedRuns:
    """A set of (hash, first line) in sorted runs merged as they grow (an LSM in miniature).

    Lookups are vectorised binary searches; memory stays near 12 bytes an ID.
    """

    def __init__(self) -> None:
        self.runs: list[Any] = []

    def contains(self, hashes: pl.Expr) -> pl.Expr:
        """True where ``hashes`` is in a run: binary searches, one expression for all runs
        (evaluated in the caller's query, not one query a run)."""
        import polars as pl

        found = pl.lit(False)
        for run in self.runs:
            keys = pl.lit(run["h"])
            idx = keys.search_sorted(hashes).clip(0, run.height - 1)
            found = found | (keys.gather(idx) == hashes)
        return found

    def add_sorted(self, part: pl.DataFrame) -> None:
        """Add a run already sorted by ``h``; merge runs as they grow."""
        import polars as pl

        if part.height == 0:
            return
        self.runs.append(part)
        while len(self.runs) > 1 and self.runs[-1].height * 2 >= self.runs[-2].height:
            last = self.runs.pop()
            self.runs[-1] = pl.concat([self.runs[-1], last]).sort("h")

    def first_lines(self, hashes: set[int]) -> dict[int, int]:
        import polars as pl

        wanted = pl.Series(sorted(hashes), dtype=pl.UInt64)
        found: dict[int, int] = {}
        for run in self.runs:
            for h, line in run.filter(pl.col("h").is_in(wanted.implode())).iter_rows():
                found[h] = line
        return found


Kept = tuple[int, int, str, int, Sequence[str]]
"""A repeat that keeps its details: (line, row, value, hash, the record's cells)."""


def first_place(line: int, row: int) -> int:
    """Where a repeat's message says the ID was first used: the spreadsheet row a person
    sees, or the line in a file without rows (XML)."""
    return row or line


class UniqueTracker:
    """Finds repeated IDs exactly, in memory that grows with the distinct IDs, not the repeats.

    IDs are held as 64-bit hashes with the place of their first occurrence (its spreadsheet
    row, or line: 12 bytes an ID, in sorted runs); new IDs are resolved against them in
    batches. A repeat keeps its line, row, value and cells only while the collector can
    still keep details (``room``); later repeats are only counted, so one ID on millions of
    rows costs a counter, not a list.
    """

    BATCH = 8192

    def __init__(self, room: Callable[[], int | None]) -> None:
        self._room = room
        self._runs: SortedRuns | None = None  # once a batch has been resolved
        self._hashes = array("Q")
        self._lines = array("L")
        self._rows = array("L")
        self._values: list[str] = []
        self._cells: list[Sequence[str]] = []  # of the batch's rows, for kept repeats' labels
        self.kept: list[Kept] = []  # the first repeats
        self.more = 0  # repeats past those
        self._small: dict[int, int] = {}  # hash -> first place, while one batch held every ID

    @staticmethod
    def _hash(value: str) -> int:
        return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "little")

    def add(self, value: str, line: int, row: int = 0, cells: Sequence[str] = ()) -> None:
        self._hashes.append(self._hash(value))
        self._lines.append(line)
        self._rows.append(row)
        self._values.append(value)
        self._cells.append(cells)
        if len(self._hashes) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        hashes, lines, rows, values, cells = (
            self._hashes,
            self._lines,
            self._rows,
            self._values,
            self._cells,
        )
        self._hashes, self._lines, self._rows = array("Q"), array("L"), array("L")
        self._values, self._cells = [], []
        if not hashes:
            return
        if self._runs is None and len(hashes) < self.BATCH:
            # A small file: one batch, resolved in Python (no polars import).
            first: dict[int, int] = {}
            for k, h in enumerate(hashes):
                if h not in first:
                    first[h] = first_place(lines[k], rows[k])
                    continue
                room = self._room()
                if room is None or len(self.kept) < room:
                    self.kept.append((lines[k], rows[k], values[k], h, cells[k]))
                else:
                    self.more += 1
            self._small = first
            return
        import polars as pl

        part = pl.DataFrame(
            {
                "h": pl.Series(hashes, dtype=pl.UInt64),
                "line": pl.Series(lines, dtype=pl.UInt32),
                "row": pl.Series(rows, dtype=pl.UInt32),
                "v": pl.Series(values, dtype=pl.String),
                "i": pl.int_range(0, len(hashes), dtype=pl.UInt32, eager=True),
            }
        )
        self.add_batch(part, cells.__getitem__)

    def add_batch(
        self, part: pl.DataFrame | pl.LazyFrame, cells: Callable[[int], Sequence[str]]
    ) -> None:
        """IDs of many rows at once: columns h (hash), line, row, v (value) and i (a key
        for ``cells``), in file order; ``cells(i)`` gives the cells of the row with key
        ``i`` (asked only for the repeats that keep details).

        One query a batch (the lookups in every run, the first of each hash in the
        batch, the new IDs sorted and the repeats), not one a step: per-query overhead,
        not work, was most of the time on files of many blocks.
        """
        import polars as pl

        if self._runs is None:
            self._runs = SortedRuns()
        h = pl.col("h")
        place = pl.when(pl.col("row") > 0).then(pl.col("row")).otherwise(pl.col("line"))
        marked = part.lazy().with_columns(
            (self._runs.contains(h) | ~h.is_first_distinct()).alias("repeat")
        )
        new = marked.filter(~pl.col("repeat")).select("h", place.alias("line")).sort("h")
        repeats = marked.filter(pl.col("repeat")).select("i", "h", "line", "row", "v")
        new_ids, repeat = pl.collect_all([new, repeats], engine=POLARS_ENGINE)
        self._runs.add_sorted(new_ids)
        room = self._room()
        kept = self.kept
        take = repeat.height if room is None else min(repeat.height, max(room - len(kept), 0))
        for k, h_, line, row, value in repeat.head(take).iter_rows():
            kept.append((line, row, value, h_, cells(k)))
        self.more += repeat.height - take

    def repeats(self) -> list[Kept]:
        """(line, row, value, first place, cells) of the repeats that keep details, in
        file order (see :func:`first_place`)."""
        self._flush()
        if not self.kept:
            return []
        if self._runs is None:
            first = self._small
        else:
            first = self._runs.first_lines({h for _, _, _, h, _ in self.kept})
        return [(line, row, value, first[h], cells) for line, row, value, h, cells in self.kept]


@register
class UniqueIds(RowCheck):
    """Repeated IDs, reported after the last row (each with the line of its first use)."""

    name = "unique"
    codes = ("unique-error",)
    order = 40
    vectorised = True

    def __init__(self, runner: RowChecker, columns: tuple[str, ...]) -> None:
        super().__init__(runner, columns)
        # The runner's collector may change (convert gives it one a row): ask it each time.
        self.trackers = {a: UniqueTracker(lambda: runner.out.room()) for a in columns}

    @classmethod
    def create(cls, runner: RowChecker) -> UniqueIds | None:
        attrs = tuple(a for a, (_, c) in runner.by_attr.items() if c.rule == "record_id")
        return cls(runner, attrs) if attrs else None

    def row(self, row: Row) -> None:
        for attr, tracker in self.trackers.items():
            value = row.data.get(attr)
            if value is not None and attr not in row.failed:
                tracker.add(value, row.line, row.row, row.cells)

    def block_exprs(self, col: Col) -> list[pl.Expr]:
        exprs = []
        for attr in self.columns:
            stripped = col(attr).str.strip_chars(SPACES)
            exprs += [
                stripped.hash(seed=7).alias(f"unique.h.{attr}"),
                ((stripped != "") & stripped.str.contains(r"^[0-9A-Za-z]+$")).alias(
                    f"unique.t.{attr}"
                ),
                stripped.alias(f"unique.v.{attr}"),
            ]
        return exprs

    def block(self, selected: pl.DataFrame, block: Block) -> None:
        import polars as pl

        n = len(block.lines)
        lines = pl.Series(block.lines, dtype=pl.UInt32)
        # A block holds consecutive records: its rows are a range.
        rows = pl.int_range(block.first_row, block.first_row + n, dtype=pl.UInt32, eager=True)
        index = pl.int_range(0, n, dtype=pl.UInt32, eager=True)
        for attr, tracker in self.trackers.items():
            part = (
                pl.DataFrame(
                    {
                        "h": selected[f"unique.h.{attr}"],
                        "line": lines,
                        "row": rows,
                        "v": selected[f"unique.v.{attr}"],
                        "i": index,
                        "t": selected[f"unique.t.{attr}"],
                    }
                )
                .lazy()
                .filter(pl.col("t"))
            )
            tracker.add_batch(part.drop("t"), block.cells)

    def end(self) -> None:
        out = self.runner.out
        for attr, tracker in self.trackers.items():
            for line, row, value, first, cells in tracker.repeats():
                out.add(
                    "unique-error",
                    line=line,
                    row=row,
                    record_cells=cells,
                    value=value,
                    first_line=first,
                    **self.where(attr),
                )
            out.tally(
                "unique-error",
                tracker.more,
                severity=CATALOGUE["unique-error"].severity,
                header=self.where(attr)["header"],
            )
