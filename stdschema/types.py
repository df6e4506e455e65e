"""Japanese value types of the standard datasets, as Annotated Pydantic types.

Each rule lives in its own module of :mod:`stdschema.rules` (type, validator, error
types, repairs, fast-engine screen); this module re-exports the types under the names
the models, the generated dataset modules and the README use. Errors are raised as
:class:`pydantic_core.PydanticCustomError` with a stable ``type`` (listed in
:data:`ERROR_TYPES`) so that reports can map them to catalogue messages.
"""

from __future__ import annotations

from stdschema.rules.base import RuleSpec as Rule
from stdschema.rules.chome_id import ChomeId
from stdschema.rules.coordinates import DEGREES_PATTERN, Latitude, Longitude
from stdschema.rules.corporate_number import CorporateNumber
from stdschema.rules.count import NonNegativeCount
from stdschema.rules.date import IsoDate
from stdschema.rules.email import Email
from stdschema.rules.extension import ExtensionNumber
from stdschema.rules.half_width import HalfWidthText
from stdschema.rules.katakana import KatakanaText
from stdschema.rules.local_gov_code import LocalGovCode
from stdschema.rules.multi import MultiValue
from stdschema.rules.number import NumberText
from stdschema.rules.phone import PHONE_DIGITS, PHONE_PATTERN, PhoneNumber
from stdschema.rules.postal_code import PostalCode
from stdschema.rules.record_id import RecordId
from stdschema.rules.registry import ERROR_TYPES, REGISTRY
from stdschema.rules.text import Text
from stdschema.rules.time import TimeHHMM
from stdschema.rules.url import HttpUrl
from stdschema.rules.vocabularies import Flag1, HeightKind, YesNo
from stdschema.rules.weekdays import Weekdays

__all__ = [
    "DEGREES_PATTERN",
    "ERROR_TYPES",
    "PHONE_DIGITS",
    "PHONE_PATTERN",
    "RULES",
    "ChomeId",
    "CorporateNumber",
    "Email",
    "ExtensionNumber",
    "Flag1",
    "HalfWidthText",
    "HeightKind",
    "HttpUrl",
    "IsoDate",
    "KatakanaText",
    "Latitude",
    "LocalGovCode",
    "Longitude",
    "MultiValue",
    "NonNegativeCount",
    "NumberText",
    "PhoneNumber",
    "PostalCode",
    "RecordId",
    "Rule",
    "Text",
    "TimeHHMM",
    "Weekdays",
    "YesNo",
]

RULES = REGISTRY
"""Every rule a column can name, keyed by a stable identifier (:data:`stdschema.rules.REGISTRY`)."""
