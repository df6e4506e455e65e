"""Validation reports: the versioned model and its renderers."""

from __future__ import annotations

from stdschema.report.model import (
    REPORT_VERSION,
    DatasetRef,
    FileReport,
    ProblemOut,
    Report,
    Summary,
)

__all__ = ["REPORT_VERSION", "DatasetRef", "FileReport", "ProblemOut", "Report", "Summary"]
