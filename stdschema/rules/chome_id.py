"""町字ID of the Address Base Registry: 7 digits (the sheet example writes 0008-001)."""

from __future__ import annotations

from typing import Annotated

from stdschema.rules.base import HALF_WIDTH, ErrorType, RuleSpec, matches, regex_screen, schema

_CHOME_ID = r"[0-9]{7}|[0-9]{4}-[0-9]{3}"

ChomeId = Annotated[
    str,
    matches(_CHOME_ID, "chome_id_format", "must be 7 half-width digits (e.g. 0003000) or 0000-000"),
    schema(
        _CHOME_ID,
        "町字ID of the Address Base Registry: 7 digits (the sheet example writes 0008-001).",
        ["0003000"],
    ),
]

SPECS = (
    RuleSpec(
        "chome_id",
        ChomeId,
        "ChomeId",
        "町字ID（7桁）",
        "town ID (7 digits)",
        errors=(
            ErrorType(
                "chome_id_format",
                "7桁の半角数字で書きます（例 0003000）",
                "write 7 half-width digits (e.g. 0003000)",
            ),
        ),
        repairs=(HALF_WIDTH,),
        screen=regex_screen(_CHOME_ID),
    ),
)
