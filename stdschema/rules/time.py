"""時刻（hh:mm）, 00:00 to 23:59, zero-padded."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from stdschema.normalize import normalize_time
from stdschema.rules.base import ErrorType, RuleSpec, err, plain, regex_screen, require_str

_TIME_PATTERN = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]"
_TIME = re.compile(_TIME_PATTERN)


def _check_time(raw: Any) -> str:
    value = require_str(raw)
    if _TIME.fullmatch(value):
        return value
    if value == "24:00":
        raise err(
            "time_24", "24:00 is not a valid hh:mm time; write 23:59 or explain in the remarks"
        )
    raise err("time_format", "must be a time written hh:mm from 00:00 to 23:59, e.g. 09:00")


TimeHHMM = Annotated[
    str,
    BeforeValidator(_check_time),
    Field(
        json_schema_extra={"pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"},
        description="時刻（hh:mm）, 00:00 to 23:59, zero-padded.",
        examples=["09:00"],
    ),
]

SPECS = (
    RuleSpec(
        "time",
        TimeHHMM,
        "TimeHHMM",
        "時刻（hh:mm）",
        "time (hh:mm)",
        errors=(
            ErrorType(
                "time_format",
                "hh:mm 形式（00:00〜23:59）で書きます（例 09:00）",
                "write hh:mm from 00:00 to 23:59 (e.g. 09:00)",
            ),
            ErrorType(
                "time_24",
                "24:00 は使えません。23:59 にするか特記事項に書きます",
                "24:00 is not a valid time; write 23:59 or explain in the remarks",
            ),
        ),
        repairs=(plain("time", normalize_time, safe=True),),
        screen=regex_screen(_TIME_PATTERN),
    ),
)
