"""stdschema: models, validator and converter for Japan's municipal standard open data.

Public API:

- :func:`stdschema.validate`: check a file, bytes, a file object, dict rows or a DataFrame,
  get a :class:`stdschema.report.Report`
- :func:`stdschema.explain`: a dataset model's ``ValidationError`` worded as ``validate``
  words the same problems (Japanese or English)
- :func:`stdschema.get_dataset`: a dataset edition's model, typed for type checkers
- :func:`stdschema.convert`, :func:`stdschema.upgrade`: legacy or v1 file → standard file,
  rejects and change log; returns a ``ConvertReport`` with the counts
- :mod:`stdschema.types`: Japanese value types (``LocalGovCode``, ``CorporateNumber``, …)
- :mod:`stdschema.datasets`: ``get_dataset``, ``list_datasets``, ``detect``
- :mod:`stdschema.codes`: the 全国地方公共団体コード registry
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

try:
    # Written by setuptools-scm when the package is built or installed, from the git tag.
    from stdschema._version import __version__
except ImportError:  # a source tree that was never installed: ask the installed metadata
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("stdschema")
    except PackageNotFoundError:
        __version__ = "0+unknown"

__all__ = ["__version__", "convert", "explain", "get_dataset", "upgrade", "validate"]

if TYPE_CHECKING:
    from stdschema.api import explain, validate
    from stdschema.conversion.engine import convert, upgrade
    from stdschema.datasets import get_dataset


def __getattr__(name: str) -> Any:
    # Imported on first use so that `import stdschema` (and `stdschema --help`) stays fast.
    if name in ("validate", "explain"):
        from stdschema import api

        return getattr(api, name)
    if name == "get_dataset":
        from stdschema.datasets import get_dataset

        return get_dataset
    if name in ("convert", "upgrade"):
        from stdschema.conversion import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'stdschema' has no attribute {name!r}")
