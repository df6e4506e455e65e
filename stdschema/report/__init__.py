"""Validation reports: the versioned model and its renderers.

The model's names are loaded on first use (PEP 562), so that importing a light submodule
such as :mod:`stdschema.report.escape` does not build the Pydantic model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stdschema.report.model import (
        REPORT_VERSION,
        DatasetRef,
        FileReport,
        ProblemOut,
        Report,
        Summary,
    )

__all__ = ["REPORT_VERSION", "DatasetRef", "FileReport", "ProblemOut", "Report", "Summary"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from stdschema.report import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
