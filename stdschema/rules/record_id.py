"""ID / NO: half-width letters and digits (uniqueness is a row check)."""

from __future__ import annotations

from typing import Annotated

from stdschema.rules.base import HALF_WIDTH, ErrorType, RuleSpec, matches, regex_screen, schema

_ID = r"[0-9A-Za-z]+"

RecordId = Annotated[
    str,
    matches(_ID, "id_format", "must be half-width letters and digits only"),
    schema(
        _ID,
        "ID / NO: half-width letters and digits, unique within the publisher's file.",
        ["LL0100022200", "1"],
    ),
]

SPECS = (
    RuleSpec(
        "record_id",
        RecordId,
        "RecordId",
        "半角英数字のID",
        "half-width alphanumeric ID",
        errors=(
            ErrorType(
                "id_format", "半角英数字だけで書きます", "write half-width letters and digits only"
            ),
        ),
        repairs=(HALF_WIDTH,),
        screen=regex_screen(_ID),
    ),
)
