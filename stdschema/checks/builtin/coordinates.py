"""緯度/経度 as a pair: one cause, one report (swapped, in one cell, half a pair, zero,
outside Japan)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stdschema.checks.base import Col, Row, RowCheck, register
from stdschema.checks.rows import RowChecker
from stdschema.datasets import Requirement
from stdschema.rules.chars import strip_spaces
from stdschema.types import DEGREES_PATTERN

if TYPE_CHECKING:
    import polars as pl

_DEGREES = re.compile(DEGREES_PATTERN)


@dataclass(slots=True)
class CoordinateCause:
    """One finding that explains a row's coordinate cells, reported instead of their own.

    ``quiet`` names the cells (latitude/longitude) whose blank or value problems it replaces:
    swapped coordinates are not also "緯度 out of range", a pair in one cell is not also
    "malformed 緯度" and "経度 blank".
    """

    code: str
    at: str
    quiet: frozenset[str]
    params: dict[str, Any] = field(default_factory=dict)


def _half_pair(given: str, blank: str, value: str, blank_required: bool) -> CoordinateCause | None:
    from stdschema.normalize import lat_lon_in_one_cell

    pair = lat_lon_in_one_cell(value)
    if pair is not None:
        return CoordinateCause(
            "coordinates-in-one-cell",
            given,
            frozenset((given, blank)),
            {"value": value, "fixed_to": f"{pair[0]},{pair[1]}", "lat": pair[0], "lon": pair[1]},
        )
    if blank_required:
        return None  # blank-required (an error) says it
    return CoordinateCause("coordinates-incomplete", blank, frozenset((blank,)))


@register
class Coordinates(RowCheck):
    """The 緯度/経度 pair of a row."""

    name = "coordinates"
    codes = (
        "coordinates-in-one-cell",
        "coordinates-incomplete",
        "coordinates-swapped",
        "coordinates-zero",
        "coordinates-outside-japan",
    )
    order = 30

    def __init__(self, runner: RowChecker) -> None:
        super().__init__(runner, ("latitude", "longitude"))
        self.cause: CoordinateCause | None = None  # of the row being checked

    @classmethod
    def create(cls, runner: RowChecker) -> Coordinates | None:
        return cls(runner) if {"latitude", "longitude"} <= runner.by_attr.keys() else None

    def explain(self, cells: list[str]) -> frozenset[str]:
        self.cause = cause = self._cause(cells)
        return cause.quiet if cause is not None else frozenset()

    def _cause(self, cells: list[str]) -> CoordinateCause | None:
        """The finding that explains both coordinate cells of a row, if there is one."""
        by_attr = self.runner.by_attr
        lat_i, lon_i = by_attr["latitude"][0], by_attr["longitude"][0]
        n = len(cells)
        lat = strip_spaces(cells[lat_i]) if lat_i < n else ""
        lon = strip_spaces(cells[lon_i]) if lon_i < n else ""
        if bool(lat) != bool(lon):
            given, blank = ("latitude", "longitude") if lat else ("longitude", "latitude")
            required = by_attr[blank][1].requirement is Requirement.REQUIRED
            return _half_pair(given, blank, lat or lon, required)
        if not (_DEGREES.fullmatch(lat) and _DEGREES.fullmatch(lon)):
            return None  # blank, or malformed numbers the value rules report
        from stdschema.normalize import swap_if_lat_lon_swapped

        swapped = swap_if_lat_lon_swapped(lat, lon)
        if swapped is None:
            return None
        # 緯度 then holds a longitude above 90: the swap is why, not a range error.
        return CoordinateCause(
            "coordinates-swapped",
            "latitude",
            frozenset(("latitude", "longitude")),
            {
                "value": f"{lat},{lon}",
                "fixed_to": f"{swapped[0]},{swapped[1]}",
                "lat": lat,
                "lon": lon,
            },
        )

    def row(self, row: Row) -> None:
        cause = self.cause
        if cause is not None:
            self.runner.out.add(cause.code, **row.at(), **cause.params, **self.where(cause.at))
            return
        lat_s, lon_s = row.data.get("latitude"), row.data.get("longitude")
        if lat_s is None or lon_s is None or {"latitude", "longitude"} & row.failed:
            return  # a blank or failed cell is reported already
        from stdschema.normalize import in_japan

        lat, lon = float(lat_s), float(lon_s)
        where = self.where("latitude")
        pair = f"{lat_s},{lon_s}"
        if lat == 0 and lon == 0:
            self.runner.out.add("coordinates-zero", **row.at(), value=pair, **where)
        elif not in_japan(lat, lon):
            self.runner.out.add(
                "coordinates-outside-japan",
                **row.at(),
                value=pair,
                lat=lat_s,
                lon=lon_s,
                **where,
            )

    def screen(self, col: Col) -> pl.Expr:
        import polars as pl

        # Half a pair, or a pair outside a box around Japan (zero and swapped pairs too);
        # the value rules flag malformed numbers.
        lat, lon = col("latitude"), col("longitude")
        latf = lat.cast(pl.Float64, strict=False)
        lonf = lon.cast(pl.Float64, strict=False)
        inside = latf.is_between(20, 46) & lonf.is_between(122, 154)
        return ((lat == "") != (lon == "")) | ((lat != "") & (lon != "") & ~inside.fill_null(False))
