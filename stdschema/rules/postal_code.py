"""郵便番号: 7 digits, no hyphen."""

from __future__ import annotations

from typing import Annotated

from stdschema.normalize import normalize_postal_code
from stdschema.rules.base import ErrorType, RuleSpec, matches, plain, regex_screen, schema

_POSTAL = r"[0-9]{7}"

PostalCode = Annotated[
    str,
    matches(_POSTAL, "postal_code_format", "must be 7 half-width digits without a hyphen"),
    schema(_POSTAL, "郵便番号: 7 digits, no hyphen.", ["4250022"]),
]

SPECS = (
    RuleSpec(
        "postal_code",
        PostalCode,
        "PostalCode",
        "郵便番号（7桁）",
        "postal code (7 digits)",
        errors=(
            ErrorType(
                "postal_code_format",
                "ハイフンなしの7桁の半角数字で書きます",
                "write 7 half-width digits, no hyphen",
            ),
        ),
        repairs=(plain("postal_code", normalize_postal_code, safe=True),),
        screen=regex_screen(_POSTAL),
    ),
)
