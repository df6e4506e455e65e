"""Input layer: read municipal CSV / XLSX / XML files into ``Table`` objects.

Everything that can go wrong with the input itself raises ``InputError``
with a stable ``code`` and a one-line message.  Heavy dependencies (openpyxl,
lxml) are imported only when an XLSX or XML file is actually opened.
"""

from __future__ import annotations

from stdschema.io.encoding import EncodingInfo, detect_encoding
from stdschema.io.errors import InputError
from stdschema.io.opener import open_table
from stdschema.io.sniff import sniff
from stdschema.io.table import Record, SkippedRow, Table
from stdschema.io.xml_reader import (
    DATASET_NS,
    XmlRecordIterator,
    detect_xml_encoding,
    iter_xml_records,
)

__all__ = [
    "DATASET_NS",
    "EncodingInfo",
    "InputError",
    "Record",
    "SkippedRow",
    "Table",
    "XmlRecordIterator",
    "detect_encoding",
    "detect_xml_encoding",
    "iter_xml_records",
    "open_table",
    "sniff",
]
