"""A record's short label: its ID and 名称, so that a person can find the record a problem
is about (``ID 12 田中公園``).

The columns come from the dataset model: the ID is the column of rule ``record_id``
(``ID``, ``NO`` of the 推奨データセット, ``観光ポイント_ID`` of a 定義書C sheet), else a
facility, dataset or school ID; the name is the field ``name`` (``名称``, ``施設名称``,
``観光ポイント_名称``, ``イベント名``, …), else a school, data or area name. The label is
made only for problems whose details are kept (see
:meth:`stdschema.checks.collector.Collector.add`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from stdschema.datasets import Column

Labeler = Callable[[Sequence[str]], str | None]
"""The label of a record from its cells (as read: the file's columns), or None."""

ID_FALLBACKS = ("facility_id", "dataset_id", "school_id")
"""ID fields of datasets without a ``record_id`` column, in order of preference."""

NAME_FIELDS = ("name", "school_name", "data_name", "area_name")
"""Name fields, in order of preference."""

MAX_CHARS = 30
"""Longest ID or name a label quotes (longer ones are cut and end in '…')."""


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` on one line (line breaks and runs of spaces as one space), at most ``limit``
    characters."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def id_word(column: Column) -> str:
    """What the label calls the ID: the standard header without a 定義書C prefix
    (``観光ポイント_ID`` → ``ID``; ``NO`` stays)."""
    return column.header.rsplit("_", 1)[-1]


def _pick(mapped: list[tuple[int, Column]], fields: Iterable[str]) -> tuple[int, Column] | None:
    by_attr = {c.attr: (i, c) for i, c in mapped}
    for attr in fields:
        if attr in by_attr:
            return by_attr[attr]
    return None


def record_labeler(mapped: Iterable[tuple[int, Column]]) -> Labeler | None:
    """The labeler for a file whose columns ``mapped`` (0-based index, standard column) has
    (see :class:`stdschema.checks.header.HeaderPlan`); None when it has neither an ID nor a
    name column."""
    columns = list(mapped)
    found_id = next(((i, c) for i, c in columns if c.rule == "record_id"), None)
    found_id = found_id or _pick(columns, ID_FALLBACKS)
    found_name = _pick(columns, NAME_FIELDS)
    if found_id is None and found_name is None:
        return None
    id_index = found_id[0] if found_id else -1
    word = id_word(found_id[1]) if found_id else ""
    name_index = found_name[0] if found_name else -1

    def label(cells: Sequence[str]) -> str | None:
        n = len(cells)
        parts = []
        if 0 <= id_index < n and (value := shorten(cells[id_index])):
            parts.append(f"{word} {value}")
        if 0 <= name_index < n and (name := shorten(cells[name_index])):
            parts.append(name)
        return " ".join(parts) or None

    return label
