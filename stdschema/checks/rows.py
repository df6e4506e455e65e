"""Row checks: every value through the dataset's rules, then cross-column and cross-row rules.

The hot path validates one dict per row with a ``TypedDict`` schema derived
from the model (no model instances: they cost more than the rules), holding
only the non-blank cells.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

from stdschema.checks.collector import Collector
from stdschema.checks.header import HeaderPlan
from stdschema.datasets import Column, DatasetRecord, Requirement
from stdschema.problems import CATALOGUE, Severity, code_for_error_type, error_detail
from stdschema.types import DEGREES_PATTERN, RULES

_DEGREES = re.compile(DEGREES_PATTERN)


@cache
def row_adapter(model: type[DatasetRecord]) -> TypeAdapter[dict[str, Any]]:
    """A TypedDict validator over the model's columns, every rule applied (advisory ones too)."""
    fields = {c.attr: RULES[c.rule].type for c in model.__columns__}
    row_type = TypedDict(f"{model.__name__}Row", fields, total=False)  # type: ignore[misc]
    return TypeAdapter(row_type)


@lru_cache(maxsize=65536)
def _code_exists(code: str) -> bool:
    from stdschema.codes import exists

    return exists(code)


@lru_cache(maxsize=65536)
def _code_name(code: str) -> str | None:
    from stdschema.codes import lookup

    found = lookup(code)
    return found.name if found else None


@lru_cache(maxsize=65536)
def _name_matches(code: str, name: str) -> bool:
    from stdschema.codes import name_matches

    return name_matches(code, name)


def _suggest(value: str, rule: str, context: dict[str, str]) -> str | None:
    from stdschema.normalize import suggest

    repair = suggest(value, rule, **context)
    return repair.after if repair else None


class UniqueTracker:
    """Finds repeated IDs exactly, in memory that grows with the distinct IDs, not the repeats.

    IDs are held as 64-bit hashes with the line of their first occurrence (12 bytes an ID,
    in sorted runs); new IDs are resolved against them in batches. A repeat keeps its line
    and value only while the collector can still keep details (``room``); later repeats
    are only counted, so one ID on millions of rows costs a counter, not a list.
    """

    BATCH = 8192

    def __init__(self, room: Callable[[], int | None]) -> None:
        self._room = room
        self._runs: Any = None  # fast._SortedRuns once a batch has been resolved
        self._hashes = array("Q")
        self._lines = array("L")
        self._values: list[str] = []
        self.kept: list[tuple[int, str, int]] = []  # (line, value, hash) of the first repeats
        self.more = 0  # repeats past those
        self._small: dict[int, int] = {}  # hash -> first line, while one batch held every ID

    @staticmethod
    def _hash(value: str) -> int:
        return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "little")

    def add(self, value: str, line: int) -> None:
        self._hashes.append(self._hash(value))
        self._lines.append(line)
        self._values.append(value)
        if len(self._hashes) >= self.BATCH:
            self._flush()

    def _repeat(self, line: int, value: str, h: int) -> None:
        room = self._room()
        if room is None or len(self.kept) < room:
            self.kept.append((line, value, h))
        else:
            self.more += 1

    def _flush(self) -> None:
        hashes, lines, values = self._hashes, self._lines, self._values
        self._hashes, self._lines, self._values = array("Q"), array("L"), []
        if not hashes:
            return
        if self._runs is None and len(hashes) < self.BATCH:
            # A small file: one batch, resolved in Python (no polars import).
            first: dict[int, int] = {}
            for h, line, value in zip(hashes, lines, values, strict=True):
                if h in first:
                    self._repeat(line, value, h)
                else:
                    first[h] = line
            self._small = first
            return
        import polars as pl

        from stdschema.checks.fast import _SortedRuns

        if self._runs is None:
            self._runs = _SortedRuns()
        part = pl.DataFrame(
            {"h": pl.Series(hashes, dtype=pl.UInt64), "line": pl.Series(lines, dtype=pl.UInt32)}
        )
        repeat = self._runs.contains(part["h"]) | ~part["h"].is_first_distinct()
        self._runs.add(part.filter(~repeat))
        for k in repeat.arg_true().to_list():
            self._repeat(lines[k], values[k], hashes[k])

    def repeats(self) -> list[tuple[int, str, int]]:
        """(line, value, first line) of the repeats that keep details, in file order."""
        self._flush()
        if not self.kept:
            return []
        if self._runs is None:
            first = self._small
        else:
            first = self._runs.first_lines({h for _, _, h in self.kept})
        return [(line, value, first[h]) for line, value, h in self.kept]


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


class RowChecker:
    """Checks the data rows of one file against one dataset edition."""

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
        self.out = out
        self.context = context or {}
        self.adapter = row_adapter(model)
        self.width = plan.width
        self.mapped = plan.mapped
        self.by_attr: dict[str, tuple[int, Column]] = {c.attr: (i, c) for i, c in plan.mapped}
        self.unique = (
            {c.attr: UniqueTracker(out.room) for _, c in plan.mapped if c.rule == "record_id"}
            if track_unique
            else {}
        )
        self.rows = 0
        attrs = set(self.by_attr)
        self.coords = {"latitude", "longitude"} <= attrs
        self.name_pairs = [
            pair
            for pair in (
                ("local_government_code", ("local_government_name",)),
                ("local_government_code", ("prefecture_name", "municipality_name")),
                ("located_local_government_code", ("address_prefecture", "address_municipality")),
            )
            if pair[0] in attrs and all(a in attrs for a in pair[1])
        ]

    # -- per row --------------------------------------------------------------

    def check(self, line: int, cells: list[str]) -> None:
        self.rows += 1
        out = self.out
        n = len(cells)
        if not any(c.strip() for c in cells):
            out.add("blank-row", line=line)
            return
        if n > self.width:
            extra = cells[self.width :]
            out.add(
                "extra-cell",
                severity=Severity.ERROR if any(c.strip() for c in extra) else Severity.WARNING,
                line=line,
                column=self.width + 1,
                cells=n,
                columns=self.width,
            )
        elif n < self.width:
            out.add("missing-cell", line=line, column=n + 1, cells=n, columns=self.width)

        cause = self._coordinate_cause(cells) if self.coords else None
        quiet = cause.quiet if cause is not None else frozenset()
        data: dict[str, str] = {}
        for index, column in self.mapped:
            value = cells[index] if index < n else ""
            if value and (value[0].isspace() or value[-1].isspace()):
                stripped = value.strip()
                out.add(
                    "surrounding-whitespace",
                    line=line,
                    column=index + 1,
                    header=self.plan.header[index],
                    field=column.attr,
                    value=value,
                    fixed_to=stripped,
                )
                value = stripped
            if not value:
                if column.attr not in quiet:
                    self._blank(line, index, column)
                continue
            data[column.attr] = value
            if column.allowed_values and value not in column.allowed_values:
                self._not_allowed(line, index, column, value)

        failed: set[str] = set()
        try:
            self.adapter.validate_python(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False, include_input=False):
                attr = str(err["loc"][0])
                if attr in failed:
                    continue
                failed.add(attr)
                if attr not in quiet:
                    self._invalid(line, attr, data[attr], err)

        for attr, tracker in self.unique.items():
            if attr in data and attr not in failed:
                tracker.add(data[attr], line)
        for attr, (index, column) in self.by_attr.items():
            if column.rule == "local_gov_code" and attr in data and attr not in failed:
                self._code(line, index, column, data[attr])
        for code_attr, name_attrs in self.name_pairs:
            code = data.get(code_attr)
            if code and code_attr not in failed and all(data.get(a) for a in name_attrs):
                self._code_name(line, code_attr, code, name_attrs, data)
        if cause is not None:
            index, column = self.by_attr[cause.at]
            self.out.add(cause.code, line=line, **cause.params, **self._where(index, column))
        elif self.coords:
            self._coordinates(line, data, failed)

    # -- helpers --------------------------------------------------------------

    def _where(self, index: int, column: Column) -> dict[str, Any]:
        return {"column": index + 1, "header": self.plan.header[index], "field": column.attr}

    def _blank(self, line: int, index: int, column: Column) -> None:
        if column.rule == "flag_1":
            return  # blank is the flag's "no"
        if column.requirement is Requirement.REQUIRED:
            self.out.add("blank-required", line=line, **self._where(index, column))
        elif column.requirement_hint is Requirement.REQUIRED:
            self.out.add("blank-likely-required", line=line, **self._where(index, column))
        elif column.requirement is Requirement.RECOMMENDED:
            self.out.add("blank-recommended", line=line, **self._where(index, column))

    def _severity(self, column: Column) -> Severity:
        return Severity.ERROR if column.rule_confirmed else Severity.WARNING

    def _fix_text(self, fixed: str | None, column: Column | None = None) -> tuple[str, str]:
        ja, en = (
            ("", "") if fixed is None else (f"「{fixed}」に直してください。", f"Write '{fixed}'.")
        )
        if column is not None and not column.rule_confirmed:
            ja += "（この規則は標準で未確認のため警告としています）"
            en += " (This rule is not confirmed by the standard, so it is a warning.)"
        return ja, en.strip()

    def _invalid(self, line: int, attr: str, value: str, err: Any) -> None:
        index, column = self.by_attr[attr]
        kind = str(err["type"])
        code = code_for_error_type(kind)
        if self.out.full:
            # Past --max-problems only the counts change: skip the repair and wording.
            self.out.add(
                code, severity=self._severity(column), line=line, **self._where(index, column)
            )
            return
        lang = self.out.lang
        fixed = _suggest(value, column.rule, self.context)
        fix_ja, fix_en = self._fix_text(fixed, column)
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
            line=line,
            value=value,
            fixed_to=fixed,
            rule=column.rule,
            fix_ja=fix_ja,
            fix_en=fix_en,
            **params,
            **self._where(index, column),
        )

    def _not_allowed(self, line: int, index: int, column: Column, value: str) -> None:
        # The legacy vocabularies are not confirmed for current files: warn only.
        self.out.add(
            "not-allowed-value",
            severity=Severity.WARNING,
            line=line,
            value=value,
            allowed="、".join(column.allowed_values),
            **self._where(index, column),
        )

    def _code(self, line: int, index: int, column: Column, code: str) -> None:
        if _code_exists(code):
            return
        fixed = None if self.out.full else _suggest(code, "local_gov_code", self.context)
        fix_ja, fix_en = self._fix_text(fixed)
        self.out.add(
            "unknown-local-gov-code",
            line=line,
            value=code,
            fixed_to=fixed,
            rule="local_gov_code",
            fix_ja=fix_ja or "総務省の全国地方公共団体コード一覧で確認してください。",
            fix_en=fix_en or "Look the code up in the official list.",
            **self._where(index, column),
        )

    def _code_name(
        self,
        line: int,
        code_attr: str,
        code: str,
        name_attrs: tuple[str, ...],
        data: dict[str, str],
    ) -> None:
        name = "".join(data[a] for a in name_attrs)
        if not _code_exists(code) or _name_matches(code, name):
            return
        index, column = self.by_attr[code_attr]
        name_index = self.by_attr[name_attrs[-1]][0]
        self.out.add(
            "code-name-mismatch",
            line=line,
            value=code,
            code_name=_code_name(code) or "",
            name=name,
            name_header=" + ".join(self.plan.header[self.by_attr[a][0]] for a in name_attrs)
            if len(name_attrs) > 1
            else self.plan.header[name_index],
            **self._where(index, column),
        )

    def _coordinate_cause(self, cells: list[str]) -> CoordinateCause | None:
        """The finding that explains both coordinate cells of a row, if there is one."""
        lat_i, lon_i = self.by_attr["latitude"][0], self.by_attr["longitude"][0]
        n = len(cells)
        lat = cells[lat_i].strip() if lat_i < n else ""
        lon = cells[lon_i].strip() if lon_i < n else ""
        if bool(lat) != bool(lon):
            given, blank = ("latitude", "longitude") if lat else ("longitude", "latitude")
            from stdschema.normalize import lat_lon_in_one_cell

            pair = lat_lon_in_one_cell(lat or lon)
            if pair is not None:
                return CoordinateCause(
                    "coordinates-in-one-cell",
                    given,
                    frozenset((given, blank)),
                    {
                        "value": lat or lon,
                        "fixed_to": f"{pair[0]},{pair[1]}",
                        "lat": pair[0],
                        "lon": pair[1],
                    },
                )
            if self.by_attr[blank][1].requirement is Requirement.REQUIRED:
                return None  # blank-required (an error) says it
            return CoordinateCause("coordinates-incomplete", blank, frozenset((blank,)))
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

    def _coordinates(self, line: int, data: dict[str, str], failed: set[str]) -> None:
        """Zero and outside-Japan pairs (the causes that replace cell problems are reported
        by :meth:`_coordinate_cause`)."""
        lat_s, lon_s = data.get("latitude"), data.get("longitude")
        if lat_s is None or lon_s is None or {"latitude", "longitude"} & failed:
            return  # a blank or failed cell is reported already
        from stdschema.normalize import in_japan

        lat, lon = float(lat_s), float(lon_s)
        where = self._where(*self.by_attr["latitude"])
        pair = f"{lat_s},{lon_s}"
        if lat == 0 and lon == 0:
            self.out.add("coordinates-zero", line=line, value=pair, **where)
        elif not in_japan(lat, lon):
            self.out.add(
                "coordinates-outside-japan", line=line, value=pair, lat=lat_s, lon=lon_s, **where
            )

    # -- end of file ----------------------------------------------------------

    def finish(self) -> None:
        for attr, tracker in self.unique.items():
            index, column = self.by_attr[attr]
            for line, value, first in tracker.repeats():
                self.out.add(
                    "unique-error",
                    line=line,
                    value=value,
                    first_line=first,
                    **self._where(index, column),
                )
            self.out.tally(
                "unique-error",
                tracker.more,
                severity=CATALOGUE["unique-error"].severity,
                header=self.plan.header[index],
            )
