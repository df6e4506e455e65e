"""内線番号: half-width digits."""

from __future__ import annotations

from typing import Annotated

from stdschema.rules.base import (
    DIGITS_HALF_WIDTH,
    ErrorType,
    RuleSpec,
    matches,
    regex_screen,
    schema,
)

_EXTENSION = r"[0-9]{1,8}"

ExtensionNumber = Annotated[
    str,
    matches(_EXTENSION, "extension_format", "must be half-width digits only"),
    schema(_EXTENSION, "内線番号: half-width digits.", ["1234"]),
]

SPECS = (
    RuleSpec(
        "extension",
        ExtensionNumber,
        "ExtensionNumber",
        "内線番号",
        "extension number",
        errors=(
            ErrorType("extension_format", "半角数字だけで書きます", "write half-width digits only"),
        ),
        repairs=(DIGITS_HALF_WIDTH,),
        screen=regex_screen(_EXTENSION),
    ),
)
