"""利用可能曜日: days written with 月火水木金土日祝."""

from __future__ import annotations

from typing import Annotated

from stdschema.normalize import normalize_weekdays
from stdschema.rules.base import ErrorType, RuleSpec, matches, plain, regex_screen, schema

_WEEKDAYS = r"(?:[月火水木金土日祝](?:曜日?)?[;・、,]?)+"

Weekdays = Annotated[
    str,
    matches(_WEEKDAYS, "weekdays_format", "must list days as 月火水木金土日祝 (e.g. 月火水木金)"),
    schema(_WEEKDAYS, "利用可能曜日: days written with 月火水木金土日祝.", ["月火水木金"]),
]

SPECS = (
    RuleSpec(
        "weekdays",
        Weekdays,
        "Weekdays",
        "曜日（月火水木金土日祝）",
        "days of the week",
        errors=(
            ErrorType(
                "weekdays_format",
                "曜日は 月火水木金土日祝 で書きます",
                "write days as 月火水木金土日祝",
            ),
        ),
        # Expanding 月～金 reads the publisher's intent: not in fix mode.
        repairs=(plain("weekdays", normalize_weekdays, safe=False),),
        screen=regex_screen(_WEEKDAYS),
    ),
)
