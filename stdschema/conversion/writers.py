"""Output writers for ``stdschema convert``: one standard dataset in CSV, JSON Lines,
JSON, GeoJSON or the dataset XML form, written atomically through :class:`OutputSet`
(:mod:`stdschema.outputs`: the output, rejects and change log are committed as one set).

A writer takes one record at a time as cells keyed by the standard Japanese header
(``''`` is a blank cell) and streams it out, so memory stays flat however large the
dataset. ``write()`` returns the :class:`CellChange` list of every cell it had to alter,
for the caller's change log; only the CSV writer (with ``excel_safe``) and the XML writer
ever alter a cell.

CSV: cells as written
---------------------
The CSV and XML forms carry every cell as the text it is. Formula neutralisation is off by
default: open data is read by programs, and ``-``, ``+81-3-1234-5678`` or ``a=b`` are data.
``make_writer(..., excel_safe=True)`` (``convert --excel-safe``) prefixes with ``'`` exactly
the cells a spreadsheet would evaluate as a formula (the rule is stated in
:mod:`stdschema.conversion.excel_safe`); each prefixed cell is a change (``excel_safe``).

JSON, JSON Lines, GeoJSON: typed as the dataset's JSON Schema says
-------------------------------------------------------------------
The JSON forms are for programs, so a value has the JSON type that the dataset edition's
JSON Schema (``schemas/<edition>/<dataset>.schema.json``, built from the same model by
:func:`stdschema.schema.dataset_schema`) gives its column:

- a column the schema allows to be a string stays a string, exactly as written (codes with
  leading zeros, 緯度/経度, times, flags ``"1"``, numbers of unconfirmed rules);
- a column typed ``integer`` (or ``number``) and not string becomes a JSON number when the
  cell is a plain ASCII number (``"3"`` → ``3``); a cell that is not one stays a string, so
  no value is lost and schema validation names it;
- a blank cell is ``null`` where the schema allows null, and is left out of the object where
  it does not (a blank required cell: the schema's ``required`` then names the gap).

A GeoJSON feature's properties are typed the same; its geometry is the point at
(経度, 緯度) read as numbers. These conversions change the JSON type, not the value, and are
not logged as changes.

XML characters
--------------
XML 1.0 cannot carry most C0 control characters, lone surrogates or U+FFFE/U+FFFF, even
as character references; the XML writer replaces each with U+FFFD and reports the cell
as changed. A CR is written as ``&#13;`` because parsers turn a literal CR into LF.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Mapping
from typing import Any, NamedTuple, Protocol, TextIO

from stdschema.conversion.excel_safe import TRANSFORM as EXCEL_SAFE
from stdschema.conversion.excel_safe import SafeCsvWriter, excel_safe, formula_risk
from stdschema.datasets.base import Column, DatasetRecord
from stdschema.io.xml_reader import DATASET_NS
from stdschema.outputs import OutputSet

__all__ = [
    "FORMATS",
    "CellChange",
    "OutputSet",
    "RecordWriter",
    "SafeCsvWriter",
    "excel_safe",
    "formula_risk",
    "json_kinds",
    "make_writer",
]

FORMATS = ("csv", "jsonl", "json", "geojson", "xml")
HEADER_STYLES = ("ja", "en")


# The change log's name for a character the XML writer replaced.
XML_CHAR = "replace_invalid_xml_char"


class CellChange(NamedTuple):
    """A cell a writer altered: the standard Japanese header, the value given, the value
    written, and the change log's name for what was done (``excel_safe``, ``replace_invalid_xml_char``)."""

    header: str
    before: str
    after: str
    transform: str


class RecordWriter(Protocol):
    """Streams the records of one dataset into one output file."""

    def write(self, cells: Mapping[str, str]) -> list[CellChange]:
        """Write one record (cells keyed by Japanese header; a missing key is a blank cell)."""
        ...

    def close(self) -> None:
        """Finish the document (closing brackets, end tags); the stream stays open."""
        ...


# --- formula neutralisation ---------------------------------------------------
# The --excel-safe rule lives in stdschema.conversion.excel_safe (re-exported here): the
# standard CSV, the rejects file and the change log follow it alike.


# --- atomic output ------------------------------------------------------------
# OutputSet lives in stdschema.outputs (shared by every command that writes files);
# it is re-exported here, where the conversion code has always found it.


# --- writers ------------------------------------------------------------------


def make_writer(
    fmt: str,
    stream: TextIO,
    model: type[DatasetRecord],
    *,
    header: str = "ja",
    excel_safe: bool = False,
) -> RecordWriter:
    """A writer of ``model`` records in ``fmt`` (one of :data:`FORMATS`) onto ``stream``.

    ``header`` names the columns/keys by the Japanese header (``'ja'``) or the English
    attribute name (``'en'``); the XML form always uses attribute names. ``excel_safe``
    applies to CSV only, and JSON values are typed by the dataset's JSON Schema (see the
    module docstring). The document's opening (CSV header
    row, ``[``, XML prolog) is written at once, so an empty dataset is still a valid file.
    """
    if header not in HEADER_STYLES:
        raise ValueError(
            f"unknown header style {header!r}; choose one of {', '.join(HEADER_STYLES)}"
        )
    english = header == "en"
    if fmt == "csv":
        return _CsvWriter(stream, model, english=english, excel_safe=excel_safe)
    if fmt == "jsonl":
        return _JsonLinesWriter(stream, model, english=english)
    if fmt == "json":
        return _JsonArrayWriter(stream, model, english=english)
    if fmt == "geojson":
        return _GeoJsonWriter(stream, model, english=english)
    if fmt == "xml":
        return _XmlWriter(stream, model)
    raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


class _Writer:
    """Shared plumbing: column order, key checks and the closed state."""

    def __init__(self, stream: TextIO, model: type[DatasetRecord], *, english: bool) -> None:
        self.stream = stream
        self.model = model
        self.columns: tuple[Column, ...] = model.columns()
        self.keys = [c.attr if english else c.header for c in self.columns]
        self._known = frozenset(c.header for c in self.columns)
        self._closed = False

    def _values(self, cells: Mapping[str, str]) -> list[str]:
        """The cells in standard column order; a missing cell is blank."""
        if self._closed:
            raise ValueError("write() on a closed writer")
        unknown = [key for key in cells if key not in self._known]
        if unknown:
            # Dropping them silently would lose data; the caller maps to standard headers.
            raise ValueError(
                f"not columns of {self.model.info().key}: {', '.join(map(repr, unknown))}"
            )
        return [cells.get(c.header, "") for c in self.columns]

    def write(self, cells: Mapping[str, str]) -> list[CellChange]:
        self._write(self._values(cells))
        return []

    def _write(self, values: list[str]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._finish()

    def _finish(self) -> None:
        """Write the end of the document."""


class _CsvWriter(_Writer):
    def __init__(
        self, stream: TextIO, model: type[DatasetRecord], *, english: bool, excel_safe: bool
    ) -> None:
        super().__init__(stream, model, english=english)
        self.excel_safe = excel_safe
        self._csv = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self._csv.writerow(self.keys)

    def write(self, cells: Mapping[str, str]) -> list[CellChange]:
        values = self._values(cells)
        changes: list[CellChange] = []
        if self.excel_safe:
            for i, (column, value) in enumerate(zip(self.columns, values, strict=True)):
                if formula_risk(value):
                    values[i] = safe = excel_safe(value)
                    changes.append(CellChange(column.header, value, safe, EXCEL_SAFE))
        self._csv.writerow(values)
        return changes


def _dumps(value: object) -> str:
    # Compact and unescaped: one record per line, Japanese text readable as is.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


# --- typed JSON values ----------------------------------------------------------

# What a column's JSON Schema allows, as the writer needs it.
_OMIT = object()  # the key is left out of the object
_INTEGER = re.compile(r"-?[0-9]+")


class JsonKind(NamedTuple):
    """How the JSON writers type one column's cells (from its JSON Schema property)."""

    nullable: bool
    integer: bool  # a plain integer becomes a JSON integer
    number: bool  # a plain decimal becomes a JSON number

    def value(self, cell: str) -> Any:
        """The JSON value of ``cell``: ``_OMIT`` for a blank cell that may not be null."""
        if cell == "":
            return None if self.nullable else _OMIT
        if self.integer and _INTEGER.fullmatch(cell):
            return int(cell)
        if self.number and _DECIMAL.fullmatch(cell):
            number = float(cell)
            if math.isfinite(number):  # '1e999' stays text: JSON has no infinity
                return number
        return cell


_JSON_TYPE = {type(None): "null", bool: "boolean", int: "integer", float: "number", str: "string"}


def _types(prop: Mapping[str, Any]) -> set[str]:
    """Every JSON type a property allows (through nested anyOf/oneOf; no type = any)."""
    branches = [*prop.get("anyOf", ()), *prop.get("oneOf", ())]
    found: set[str] = set()
    declared = prop.get("type")
    if isinstance(declared, str):
        found.add(declared)
    elif isinstance(declared, list):
        found.update(declared)
    elif "const" in prop or "enum" in prop:
        values = [prop["const"]] if "const" in prop else list(prop["enum"])
        found.update(_JSON_TYPE.get(type(v), "string") for v in values)
    elif not branches:
        found.update(("string", "null"))  # unconstrained: anything goes
    for branch in branches:
        found |= _types(branch)
    return found


def json_kinds(model: type[DatasetRecord]) -> tuple[JsonKind, ...]:
    """The :class:`JsonKind` of each column of ``model``, in column order, from the dataset
    edition's JSON Schema (:func:`stdschema.schema.dataset_schema`, the ``schemas/`` files)."""
    from stdschema.schema import dataset_schema

    props = dataset_schema(model)["properties"]
    kinds = []
    for column in model.columns():
        types = _types(props[column.header])
        text = "string" in types  # a string is allowed: keep the value exactly as written
        kinds.append(
            JsonKind(
                nullable="null" in types,
                integer=not text and ("integer" in types or "number" in types),
                number=not text and "number" in types,
            )
        )
    return tuple(kinds)


class _JsonLinesWriter(_Writer):
    def __init__(self, stream: TextIO, model: type[DatasetRecord], *, english: bool) -> None:
        super().__init__(stream, model, english=english)
        self.kinds = json_kinds(model)

    def _item(self, values: list[str]) -> dict[str, Any]:
        item: dict[str, Any] = {}
        for key, kind, cell in zip(self.keys, self.kinds, values, strict=True):
            value = kind.value(cell)
            if value is not _OMIT:
                item[key] = value
        return item

    def _write(self, values: list[str]) -> None:
        self.stream.write(_dumps(self._item(values)) + "\n")


class _JsonArrayWriter(_JsonLinesWriter):
    """A JSON array with one object per line, streamed."""

    opening = "["
    closing = "]\n"

    def __init__(self, stream: TextIO, model: type[DatasetRecord], *, english: bool) -> None:
        super().__init__(stream, model, english=english)
        self._count = 0
        stream.write(self.opening)

    def _write(self, values: list[str]) -> None:
        self.stream.write(("\n" if self._count == 0 else ",\n") + _dumps(self._item(values)))
        self._count += 1

    def _finish(self) -> None:
        self.stream.write(("\n" if self._count else "") + self.closing)


class _GeoJsonWriter(_JsonArrayWriter):
    """A FeatureCollection of Point features at (経度, 緯度), streamed."""

    opening = '{"type":"FeatureCollection","features":['
    closing = "]}\n"

    def __init__(self, stream: TextIO, model: type[DatasetRecord], *, english: bool) -> None:
        super().__init__(stream, model, english=english)
        index = {c.attr: i for i, c in enumerate(self.columns)}
        # Models without coordinate columns still convert, with null geometries.
        self._lat = index.get("latitude")
        self._lon = index.get("longitude")

    def _item(self, values: list[str]) -> dict[str, Any]:
        geometry: dict[str, object] | None = None
        if self._lat is not None and self._lon is not None:
            lat = _coordinate(values[self._lat], 90.0)
            lon = _coordinate(values[self._lon], 180.0)
            if lat is not None and lon is not None:
                geometry = {"type": "Point", "coordinates": [lon, lat]}
        return {"type": "Feature", "geometry": geometry, "properties": super()._item(values)}


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _coordinate(cell: str, limit: float) -> float | None:
    """The decimal degrees in ``cell``, or None when blank, not a number or out of range.

    Out-of-range values (often latitude and longitude swapped) give no point rather
    than a point somewhere nonsensical.
    """
    text = cell.strip()
    # float() alone would also take 'nan', 'inf', '1_0' and full-width digits.
    if not _DECIMAL.fullmatch(text):
        return None
    value = float(text)
    if not math.isfinite(value) or abs(value) > limit:
        return None
    return value


_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_XML_TEXT_SPECIAL = re.compile("[&<>\r]")
_XML_ATTR_ESCAPES = {**_XML_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_XML_ATTR_SPECIAL = re.compile('[&<>\r"\t\n]')


def _xml_text(value: str) -> str:
    return _XML_TEXT_SPECIAL.sub(lambda m: _XML_TEXT_ESCAPES[m.group()], value)


def _xml_attr(value: str) -> str:
    clean = _XML_INVALID.sub("\ufffd", value)
    return '"' + _XML_ATTR_SPECIAL.sub(lambda m: _XML_ATTR_ESCAPES[m.group()], clean) + '"'


class _XmlWriter(_Writer):
    """The dataset XML form (``stdschema/io/XML_FORMAT.md``), written as text.

    Element names are the models' attribute names (Python identifiers, hence XML names)
    and every value goes through the escapes above, so plain string writing is safe.
    """

    def __init__(self, stream: TextIO, model: type[DatasetRecord]) -> None:
        super().__init__(stream, model, english=True)
        info = model.info()
        stream.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<dataset xmlns={_xml_attr(DATASET_NS)} id={_xml_attr(info.id)}"
            f" edition={_xml_attr(info.edition)}>\n"
        )

    def write(self, cells: Mapping[str, str]) -> list[CellChange]:
        values = self._values(cells)
        changes: list[CellChange] = []
        lines: list[str] = []
        for column, value in zip(self.columns, values, strict=True):
            if value == "":
                continue  # a missing element reads back as a blank cell
            clean = _XML_INVALID.sub("\ufffd", value)
            if clean != value:
                changes.append(CellChange(column.header, value, clean, XML_CHAR))
            lines.append(f"    <{column.attr}>{_xml_text(clean)}</{column.attr}>\n")
        if lines:
            self.stream.write("  <record>\n" + "".join(lines) + "  </record>\n")
        else:
            self.stream.write("  <record/>\n")
        return changes

    def _finish(self) -> None:
        self.stream.write("</dataset>\n")
