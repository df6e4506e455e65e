"""開始時間 after 終了時間 on the same row: hours written the wrong way round (a warning).

The pairs come from the model: two time columns whose standard headers differ only by
開始/終了 (開始時間/終了時間, 利用開始時間/利用終了時間, 診療開始時間/診療終了時間,
施設_開始時刻/施設_終了時刻) or 開所/閉所 (子供預かり開所時間/子供預かり閉所時間).
Hours past midnight are legitimate (the hint asks for a remark), hence a warning; a row
whose 開始日 and 終了日 differ spans days, and its times are not compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stdschema.checks.base import Col, Row, RowCheck, register
from stdschema.checks.collector import MASK

if TYPE_CHECKING:
    import polars as pl

    from stdschema.checks.rows import RowChecker

_WORDS = (("開始", "終了"), ("開所", "閉所"))
_TIME_WORDS = ("時間", "時刻")


def _partner(header: str, headers: dict[str, str]) -> str | None:
    for start, end in _WORDS:
        if start in header and (attr := headers.get(header.replace(start, end))):
            return attr
    return None


def _day(header: str, dates: dict[str, str]) -> str | None:
    """The date column of the same event: 開始時間 → 開始日."""
    for word in _TIME_WORDS:
        if header.endswith(word) and (attr := dates.get(header[: -len(word)] + "日")):
            return attr
    return None


@register
class TimeOrder(RowCheck):
    """A start time after the end time of the same pair."""

    name = "time-order"
    codes = ("time-order",)
    order = 50

    def __init__(
        self, runner: RowChecker, pairs: list[tuple[str, str, tuple[str, str] | None]]
    ) -> None:
        super().__init__(runner, tuple(a for s, e, _ in pairs for a in (s, e)))
        self.pairs = pairs
        """(start field, end field, (start date field, end date field) or None)"""

    @classmethod
    def create(cls, runner: RowChecker) -> TimeOrder | None:
        times = {c.header: a for a, (_, c) in runner.by_attr.items() if c.rule == "time"}
        dates = {c.header: a for a, (_, c) in runner.by_attr.items() if c.rule == "date"}
        pairs = []
        for header, start in times.items():
            end = _partner(header, times)
            if end is None:
                continue
            day = _day(header, dates)
            end_day = _day(runner.by_attr[end][1].header, dates)
            pairs.append((start, end, (day, end_day) if day and end_day else None))
        return cls(runner, pairs) if pairs else None

    def row(self, row: Row) -> None:
        data, failed = row.data, row.failed
        for start_attr, end_attr, days in self.pairs:
            start, end = data.get(start_attr), data.get(end_attr)
            if start is None or end is None or {start_attr, end_attr} & failed:
                continue  # blank, or not hh:mm (the value rule says so)
            if days is not None:
                first_day, last_day = data.get(days[0]), data.get(days[1])
                if first_day and last_day and first_day != last_day:
                    continue  # different days: 22:00 to 06:00 is in order
            if start <= end:  # hh:mm from 00:00 to 23:59 sorts as text
                continue
            out = self.runner.out
            shown = (MASK, MASK) if out.mask else (start, end)
            out.add(
                "time-order",
                **row.at(),
                value=start,
                start=shown[0],
                end=shown[1],
                **self.where(start_attr),
            )

    def screen(self, col: Col) -> pl.Expr:
        import polars as pl

        # A cell the time rule's screen passes is hh:mm and nothing else, which sorts
        # as text; any other cell sends the row to the exact path anyway. So the cells
        # are compared as they are (an end left blank is no order to check).
        flags = []
        for start_attr, end_attr, _ in self.pairs:
            start, end = col(start_attr), col(end_attr)
            flags.append((end != "") & (start > end))
        return pl.any_horizontal(flags)
