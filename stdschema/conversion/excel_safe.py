"""``--excel-safe``: which CSV cells a spreadsheet would evaluate as a formula, and the prefix
that makes them text.

Open data is read by programs first, so by default ``convert`` writes every cell exactly as
it is: ``-`` (a placeholder), ``+81-3-1234-5678`` or ``a=b`` are data. A file meant to be
opened in Excel is written with ``--excel-safe``, and then (in the standard CSV, the rejects
file and the change log) a cell is prefixed with ``'`` when Excel, LibreOffice Calc or Google
Sheets would *evaluate* it rather than show it (OWASP "CSV injection"):

1. Leading whitespace (space, TAB, CR, LF, the full-width space) is ignored for the decision,
   because some spreadsheets and import dialogs trim it before they parse the cell. Full-width
   ``＝＋－＠`` and digits count as their ASCII forms (a Japanese spreadsheet's input conversion
   may read them so); the cell itself is never changed but by the prefix.
2. A cell starting with ``=`` or ``@`` is a formula (``=1+1``, ``=HYPERLINK(…)``, DDE such as
   ``=cmd|' /C calc'!A0``, ``@SUM(A1)`` in Lotus syntax, and an ``@handle`` that would end
   as ``#NAME?``): prefixed.
3. A cell starting with ``+`` or ``-`` is a formula unless it is
   - a plain number (``-1``, ``+81``, ``-12.5``, ``1e5``): the spreadsheet reads a number, runs
     nothing, and the value is the one written (it may show it differently, e.g. ``+81`` as
     ``81``: a spreadsheet's number formatting, not something a prefix should hide), or
   - only ``+``/``-`` signs and spaces (``-``, ``--``, ``- -``): placeholders that have no
     operand, so no spreadsheet can evaluate them.
   Everything else is prefixed: ``-2+3`` (shown as ``1``), ``+81-3-1234-5678`` (Excel computes
   ``-6834``: the telephone number would be lost if the sheet were saved), ``+cmd|' /C
   calc'!A0`` and ``-cmd|…`` (DDE), ``-x`` (``#NAME?``).
4. Any other cell is left as it is.

The prefix is ``'``, as the CSV report and earlier releases used: Excel and Calc take a leading
apostrophe typed into a cell as "this is text"; a program reading the file sees the apostrophe,
which is why the prefix is opt-in and each prefixed cell of the standard file is logged in the
change log (transform ``excel_safe``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TextIO

from stdschema.report.escape import PLAIN_NUMBER

__all__ = ["PREFIX", "TRANSFORM", "SafeCsvWriter", "excel_safe", "formula_risk"]

PREFIX = "'"
# The name the change log gives a cell the standard CSV writer prefixed.
TRANSFORM = "excel_safe"

# Whitespace a spreadsheet or its import dialog may trim before parsing (U+3000: full-width).
_LEADING_SPACE = " \t\r\n\u3000"
_SIGNS_ONLY = re.compile(r"[+\- ]+")


def _folded(cell: str) -> str:
    """The cell as a spreadsheet may parse it: leading whitespace gone, full-width forms ASCII."""
    text = cell.lstrip(_LEADING_SPACE)
    if text and not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text


def formula_risk(cell: str) -> bool:
    """Whether a spreadsheet opening a CSV file would evaluate ``cell`` as a formula
    (the rule is in the module docstring)."""
    if not cell:
        return False
    text = _folded(cell)
    if not text:
        return False
    first = text[0]
    if first in "=@":
        return True
    if first in "+-":
        return not (PLAIN_NUMBER.fullmatch(text) or _SIGNS_ONLY.fullmatch(text))
    return False


def excel_safe(cell: str) -> str:
    """``cell`` with the ``'`` prefix when :func:`formula_risk`, else ``cell`` itself."""
    return PREFIX + cell if formula_risk(cell) else cell


def _safe(value: Any) -> Any:
    return excel_safe(value) if isinstance(value, str) else value


class SafeCsvWriter:
    """A ``csv.writer`` for the rejects file and the change log: with ``excel_safe`` every
    text cell goes through :func:`excel_safe` (the header row too), without it cells are
    written as they are."""

    def __init__(self, stream: TextIO, *, excel_safe: bool) -> None:
        self._csv = csv.writer(stream, lineterminator="\r\n")
        self.excel_safe = excel_safe

    def writerow(self, row: Iterable[Any]) -> None:
        self._csv.writerow([_safe(v) for v in row] if self.excel_safe else row)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
