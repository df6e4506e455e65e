"""Reading the sample: the input's header and the first rows of each column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stdschema.conversion.mapping import SourceOptions
from stdschema.conversion.suggest.results import Reason, why


@dataclass
class SampledInput:
    header: list[str]
    columns: dict[str, list[str]]
    rows: int
    source: SourceOptions
    notes: list[Reason | str]
    attribution: str | None = None
    """The publisher named in a Takamatsu '#attribution_name' metadata row."""


def read_sample(
    path: Path,
    *,
    encoding: str | None,
    sheet: str | int | None,
    header_row: int | None,
    record_xpath: str | None,
    namespaces: dict[str, str] | None,
    sample_rows: int,
) -> SampledInput:
    """The first ``sample_rows`` non-blank records of ``path``, by column."""
    if record_xpath:
        return _read_xml(path, encoding, record_xpath, namespaces, sample_rows)
    return _read_table(path, encoding, sheet, header_row, sample_rows)


def _read_xml(
    path: Path,
    encoding: str | None,
    record_xpath: str,
    namespaces: dict[str, str] | None,
    sample_rows: int,
) -> SampledInput:
    from stdschema.io import iter_xml_records

    it = iter_xml_records(path, record_xpath, namespaces, encoding=encoding)
    header: list[str] = []
    records: list[dict[str, str]] = []
    with it:
        for _line, fields in it:
            if len(records) >= sample_rows:
                break
            records.append(fields)
            header.extend(k for k in fields if k not in header)
    by_field = {h: [r.get(h, "") for r in records] for h in header}
    source = SourceOptions(
        format="xml",
        encoding=encoding,
        record_xpath=record_xpath,
        namespaces=dict(namespaces or {}),
    )
    return SampledInput(header, by_field, len(records), source, list[Reason | str](it.notes))


def _read_table(
    path: Path,
    encoding: str | None,
    sheet: str | int | None,
    header_row: int | None,
    sample_rows: int,
) -> SampledInput:
    from stdschema.io import open_table

    with open_table(path, encoding=encoding, header_row=header_row, sheet=sheet) as table:
        header = list(table.header)
        cells: list[list[str]] = [[] for _ in header]
        rows = 0
        for record in table.records():
            if record.is_blank:
                continue
            if rows >= sample_rows:
                break
            rows += 1
            for i in range(len(header)):
                cells[i].append(record.cells[i] if i < len(record.cells) else "")
        detected = table.encoding.name if table.encoding else None
        # UTF-8 is found again on every read; anything else is written down so
        # that the conversion reads the file the way it was sampled.
        keep = encoding or (detected if detected and not detected.startswith("utf-8") else None)
        source = SourceOptions(
            format="xlsx" if table.format == "xlsx" else None,
            encoding=keep if table.format != "xlsx" else None,
            header_row=header_row,
            sheet=sheet,
        )
        notes = _table_notes(table)
        attribution = next(
            (
                row.cells[1].strip()
                for row in table.preamble
                if len(row.cells) > 1 and row.cells[0].strip() == "#attribution_name"
            ),
            None,
        )
    kept, columns = _named_columns(header, cells, notes)
    return SampledInput(kept, columns, rows, source, notes, attribution or None)


def _named_columns(
    header: list[str], cells: list[list[str]], notes: list[Reason | str]
) -> tuple[list[str], dict[str, list[str]]]:
    """The columns a mapping can name: the first of each header, none without one."""
    columns: dict[str, list[str]] = {}
    kept: list[str] = []
    for name, values in zip(header, cells, strict=True):
        if not name.strip():
            notes.append(why("note_no_header"))
            continue
        if name in columns:
            notes.append(why("note_repeat", name=name))
            continue
        columns[name] = values
        kept.append(name)
    return kept, columns


def _table_notes(table: Any) -> list[Reason | str]:
    """The reader's notes (:class:`stdschema.io.notes.Note`, worded in the reader's language
    when the mapping is rendered); the two a legacy file commonly gets in map suggest's own
    words."""
    from stdschema.io.notes import Note

    notes: list[Reason | str] = []
    for note in table.notes:
        key = note.key if isinstance(note, Note) else ""
        if key.startswith("header_after_"):
            before = sum(1 for row in table.preamble if row.line < table.header_line)
            notes.append(why("note_header_line", line=table.header_line, count=before))
        elif key == "property_marker":
            notes.append(why("note_property_marker"))
        else:
            notes.append(note)
    return notes
