"""The input of a conversion as records: (line, cells by input column, raw cells)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stdschema.conversion.mapping import Mapping
from stdschema.datasets import DatasetRecord, resolve_header

SourceRecord = tuple[int, dict[str, str], list[str], int]
"""Physical line, cells keyed by input column, the cells as read (empty for XML), and the
spreadsheet row (:attr:`stdschema.io.table.Record.row`; 0 for XML)."""

PROPERTY_COLUMN = "#property"


@dataclass
class Source:
    """Records of the input; ``tabular`` is False for XML records (no raw cells)."""

    header: list[str]
    records: Iterator[SourceRecord]
    encoding: str | None
    tabular: bool
    notes: list[str] = field(default_factory=list)
    close: Callable[[], None] = lambda: None


def open_source(
    path: Path,
    mapping: Mapping | None,
    encoding: str | None,
    canonical: type[DatasetRecord] | None = None,
) -> Source:
    """Open ``path`` as the mapping's ``source`` options say (sniffed when it says nothing).

    ``canonical`` reads variant spellings of that layout's headers as its own headers.
    """
    from stdschema.io import sniff

    opts = mapping.source if mapping else None
    fmt = (opts.format if opts and opts.format else None) or sniff(path)
    enc = encoding or (opts.encoding if opts else None)
    if fmt == "xml" and opts is not None and opts.record_xpath:
        return _xml_source(path, opts.record_xpath, opts.namespaces or None, enc)
    return _table_source(path, mapping, enc, canonical)


def _xml_source(
    path: Path, xpath: str, namespaces: dict[str, str] | None, encoding: str | None
) -> Source:
    from stdschema.io import iter_xml_records

    it = iter_xml_records(path, xpath, namespaces, encoding=encoding)

    def records() -> Iterator[SourceRecord]:
        for line, rec in it:
            yield line, dict(rec), [], 0

    name = it.encoding.name if it.encoding else None
    return Source([], records(), name, False, list(it.notes), it.close)


def _table_source(
    path: Path,
    mapping: Mapping | None,
    encoding: str | None,
    canonical: type[DatasetRecord] | None,
) -> Source:
    from stdschema.io import open_table

    opts = mapping.source if mapping else None
    table = open_table(
        path,
        encoding=encoding,
        header_row=opts.header_row if opts else None,
        sheet=opts.sheet if opts else None,
        delimiter=opts.delimiter if opts else None,
    )
    header = list(table.header)
    # 高松市's '#property' marker column holds row numbers or IDs: keep it readable.
    # The reader dropped it (header_offset 1) and kept its cells as Record.label.
    labelled = table.header_offset == 1
    if labelled:
        header = [PROPERTY_COLUMN, *header]
    if canonical is not None:
        header = _canonical_header(canonical, header)

    def records() -> Iterator[SourceRecord]:
        for record in table.records():
            cells = [record.label or "", *record.cells] if labelled else record.cells
            values: dict[str, str] = {}
            for i, name in enumerate(header):
                if name not in values:
                    values[name] = cells[i] if i < len(cells) else ""
            yield record.line, values, cells, record.row

    return Source(
        header,
        records(),
        table.encoding.name if table.encoding else None,
        True,
        list(table.notes),
        table.close,
    )


def _canonical_header(model: type[DatasetRecord], header: list[str]) -> list[str]:
    """Variant spellings (e.g. コ―ド with U+2015) read as the layout's own headers."""
    renamed = []
    for cell in header:
        found = resolve_header(model, cell) if cell.strip() else None
        renamed.append(found[0].header if found else cell)
    return renamed
