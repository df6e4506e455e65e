"""Header variants real publishers use: one table, read by detection and header checks.

(Filled in by the header-variant work of issue 9; the interface is fixed here.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stdschema.datasets.base import DatasetRecord


def variant_spellings(model: type[DatasetRecord]) -> dict[str, str]:
    """Other spellings of ``model``'s headers: written header → the standard header it denotes.

    Keys are compared after :func:`~stdschema.datasets.headers.normalize_header`.
    """
    return {}
