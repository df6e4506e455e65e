"""E-mail address, half-width."""

from __future__ import annotations

from typing import Annotated

from stdschema.rules.base import HALF_WIDTH, ErrorType, RuleSpec, matches, regex_screen, schema

_EMAIL = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"

Email = Annotated[
    str,
    matches(_EMAIL, "email_format", "must be an e-mail address in half-width characters"),
    schema(_EMAIL, "E-mail address, half-width.", ["info@city.yaizu.lg.jp"]),
]

SPECS = (
    RuleSpec(
        "email",
        Email,
        "Email",
        "メールアドレス",
        "e-mail address",
        errors=(
            ErrorType(
                "email_format",
                "半角のメールアドレスで書きます",
                "write a half-width e-mail address",
            ),
        ),
        repairs=(HALF_WIDTH,),
        screen=regex_screen(_EMAIL),
    ),
)
