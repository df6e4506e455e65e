"""stdschema: models, validator and converter for Japan's municipal standard open data.

Public API:

- :mod:`stdschema.types`: Japanese value types (``LocalGovCode``, ``CorporateNumber``, …)
- :mod:`stdschema.datasets`: ``get_dataset``, ``list_datasets``, ``detect``
- :mod:`stdschema.codes`: the 全国地方公共団体コード registry
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
