"""``suggest_mapping``: read a sample, profile it, assign columns, infer the publisher."""

from __future__ import annotations

import os
from pathlib import Path

from stdschema.conversion.suggest.assign import (
    assign,
    column_suggestion,
    find_candidates,
    fix_swapped,
)
from stdschema.conversion.suggest.profile import profile_column
from stdschema.conversion.suggest.publisher import (
    find_publisher,
    publisher_constants,
    publisher_context,
)
from stdschema.conversion.suggest.reading import read_sample
from stdschema.conversion.suggest.results import ColumnSuggestion, MappingSuggestion
from stdschema.datasets import get_dataset


def suggest_mapping(
    path: str | os.PathLike[str],
    target: str,
    *,
    encoding: str | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    record_xpath: str | None = None,
    namespaces: dict[str, str] | None = None,
    sample_rows: int = 500,
) -> MappingSuggestion:
    """Suggest how the columns of ``path`` fill the standard dataset ``target`` (``id@edition``).

    Raises :class:`stdschema.datasets.UnknownDatasetError` for an unknown target and
    :class:`stdschema.io.InputError` for an unreadable input.
    """
    model = get_dataset(target)
    p = Path(path)
    data = read_sample(
        p,
        encoding=encoding,
        sheet=sheet,
        header_row=header_row,
        record_xpath=record_xpath,
        namespaces=namespaces,
        sample_rows=max(1, sample_rows),
    )
    profiles = [profile_column(name, i, data.columns[name]) for i, name in enumerate(data.header)]
    chosen, per_target = assign(model, find_candidates(model, profiles))

    publisher = find_publisher(p, profiles, data.attribution)
    extra = publisher_constants(model, chosen, per_target, profiles, publisher)
    fix_swapped(chosen, profiles)

    columns = [column_suggestion(c, chosen, per_target, extra) for c in model.__columns__]
    used = _used_sources(columns)
    return MappingSuggestion(
        target=model.__dataset__.key,
        source=data.source,
        context=publisher_context(publisher),
        columns=columns,
        unused_sources=[h for h in data.header if h not in used],
        input_path=str(path),
        input_columns=list(data.header),
        rows_sampled=data.rows,
        notes=data.notes,
    )


def _used_sources(columns: list[ColumnSuggestion]) -> set[str]:
    """Input columns the mapped suggestions read."""
    used: set[str] = set()
    for suggestion in columns:
        if suggestion.mapped and suggestion.rule is not None:
            if suggestion.rule.source is not None:
                used.add(suggestion.rule.source)
            used.update(suggestion.rule.concat or [])
    return used
