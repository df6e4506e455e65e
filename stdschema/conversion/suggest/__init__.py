"""Suggest a mapping file for a legacy input: which input column fills which standard column.

The engine behind ``stdschema map suggest``. It is deterministic and explains
itself: every standard column gets a confidence and short reasons, worded from the
message catalogue in the reader's language when the YAML is rendered.

1. Header evidence: the exact standard header, a normalised spelling, the
   column's aliases and English names, the 推奨 (v1) ↔ 標準 (v2) renames, a
   synonym table of words real files use, keywords inside longer headers and,
   weakest, fuzzy similarity.
2. Value evidence from the first ``sample_rows`` records: codes, dates, times,
   coordinates, kana, widths, flags, phone numbers and postal codes confirm or
   contradict a header match and pick the transforms.
3. A greedy assignment by confidence; each input column is used once, except
   where one cell feeds two columns ("lat,lon", "9:00～17:00", a postal code in
   front of the address, one legacy flag for several hazards).
4. Constants for the publisher's code and name, from the file name, a
   constant code column or constant prefecture/municipality columns.

Modules: ``synonyms`` (the words real files use), ``reading`` (the sample), ``profile``
(kinds of value), ``judges`` (per-rule value judges, keyed by rule name), ``headers``
(header evidence), ``assign`` (candidates and the greedy choice), ``publisher``
(publisher inference), ``render`` (YAML output) and ``entry`` (``suggest_mapping``).
"""

from stdschema.conversion.suggest.entry import suggest_mapping
from stdschema.conversion.suggest.render import render_yaml, written_line
from stdschema.conversion.suggest.results import (
    MAPPED_THRESHOLD,
    ColumnSuggestion,
    MappingSuggestion,
    Reason,
)
from stdschema.conversion.suggest.synonyms import KEYWORDS, PAIR_WORDS, SYNONYMS

__all__ = [
    "KEYWORDS",
    "MAPPED_THRESHOLD",
    "PAIR_WORDS",
    "SYNONYMS",
    "ColumnSuggestion",
    "MappingSuggestion",
    "Reason",
    "render_yaml",
    "suggest_mapping",
    "written_line",
]
