"""Renderers: a :class:`~stdschema.report.model.Report` in any registered format
(:mod:`stdschema.report.formats`: text, JSON, JUnit XML, SARIF, GitHub Actions workflow
commands, Markdown, CSV).

``max_per_code`` limits the examples of the human formats (text, Markdown); the machine
formats (JUnit, SARIF, GitHub, CSV) carry every problem the report holds, which
``--max-problems`` already bounds.

Untrusted text (file names, headers, values, messages quoting them) goes through
:mod:`stdschema.report.escape`, one function a format. Formats read by people (text,
Markdown, GitHub, JUnit) show values, headers and messages shortened
(:func:`~stdschema.report.escape.shorten`); JSON, SARIF and CSV keep them whole (the reader's
limits, such as the 10 MiB CSV field, bound them).
"""

from __future__ import annotations

from stdschema.messages import Lang
from stdschema.report.formats import FORMATS, RenderOptions, get_reporter
from stdschema.report.formats._shared import FILE_ERROR_CODE, json_text
from stdschema.report.formats.csv import CSV_COLUMNS
from stdschema.report.formats.sarif import INFORMATION_URI, SARIF_SCHEMA_URI
from stdschema.report.model import Report

__all__ = [
    "CSV_COLUMNS",
    "FILE_ERROR_CODE",
    "FORMATS",
    "INFORMATION_URI",
    "SARIF_SCHEMA_URI",
    "BinaryFormatError",
    "json_text",
    "render",
    "render_bytes",
]


def render(
    report: Report,
    fmt: str,
    *,
    lang: Lang | None = None,
    color: bool = False,
    max_per_code: int = 5,
    quiet: bool = False,
    bom: bool = False,
    ascii_marks: bool = False,
    selected: frozenset[str] | None = None,
    baseline: bool = False,
) -> str:
    """``report`` rendered as ``fmt`` (one of :data:`FORMATS`) in ``lang`` (default: the report's).

    ``color``, ``quiet`` and ``ascii_marks`` apply to ``text`` only; ``max_per_code`` to ``text``
    and ``markdown``; ``bom`` to ``csv``; ``selected`` (``--select``) and ``baseline`` (the run
    had a ``--baseline``) to ``sarif``.
    Raises :class:`~stdschema.report.formats.UnknownFormatError` (a ``ValueError``) for any
    other ``fmt``.
    """
    reporter = get_reporter(fmt)
    if reporter.binary:
        raise BinaryFormatError(f"{fmt} is a binary format: use render_bytes()")
    options = RenderOptions(
        lang or report.lang,
        color,
        max_per_code,
        quiet,
        bom,
        ascii_marks,
        selected=selected,
        baseline=baseline,
    )
    return reporter.render(report, options)


class BinaryFormatError(ValueError):
    """A binary format (``xlsx``) asked for as text."""


def render_bytes(
    report: Report,
    fmt: str,
    *,
    lang: Lang | None = None,
    max_per_code: int = 5,
    bom: bool = False,
) -> bytes:
    """``report`` as the bytes of a file in ``fmt``: the one way to render a binary format
    (``xlsx``); a text format gives its text as UTF-8 (with a BOM when ``bom`` and the
    format is ``csv``)."""
    options = RenderOptions(lang or report.lang, False, max_per_code, False, bom)
    return get_reporter(fmt).render_bytes(report, options)
