"""Absolute http(s) URL (形式 URI), kept exactly as written; the domain name may be
internationalised."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, Field

from stdschema.rules.base import HALF_WIDTH, ErrorType, RuleSpec, err, require_str

if TYPE_CHECKING:
    import polars as pl

# Printable ASCII but the backslash: browsers read "\" as "/", so in
# "https://evil.invalid\@city.lg.jp/" the host they visit is not the one urlsplit sees.
_URL_CHARS = re.compile(r"[!-\[\]-~]+")
# scheme:// then the authority, which ends at the first / ? or #.
_AUTHORITY = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)", re.DOTALL)


def _idn_label(label: str) -> str | None:
    """The ASCII (xn--) form of a host label written in Unicode; None if it is no domain label.

    Only letters (kanji, kana, ー, 々, accented Latin, ...) may be non-ASCII: full-width ASCII
    and half-width kana are width slips the rule reports, and 。 or ・ are not letters.
    """
    for ch in label:
        if ch.isascii():
            if not (ch.isalnum() or ch == "-"):
                return None
        elif 0xFF00 <= ord(ch) <= 0xFFEF or unicodedata.category(ch)[0] not in "LM":
            return None
    try:
        return label.encode("idna").decode("ascii")
    except UnicodeError:  # too long, or refused by nameprep
        return None


def _ascii_url(value: str) -> str | None:
    """``value`` with an internationalised host name in its ASCII form (例え.jp →
    xn--r8jz45g.jp); None when anything but the host name is non-ASCII."""
    if value.isascii():
        return value
    match = _AUTHORITY.fullmatch(value)
    if match is None or not match.group(3).isascii():
        return None
    userinfo, at, host_port = match.group(2).rpartition("@")
    host, colon, port = host_port.partition(":")
    if not (userinfo.isascii() and port.isascii()):
        return None
    labels: list[str] = []
    for label in host.split("."):
        ascii_label = label if label.isascii() else _idn_label(label)
        if ascii_label is None:
            return None
        labels.append(ascii_label)
    return f"{match.group(1)}{userinfo}{at}{'.'.join(labels)}{colon}{port}{match.group(3)}"


def _check_url(raw: Any) -> str:
    value = require_str(raw)
    ascii_form = _ascii_url(value)
    if ascii_form is None or not _URL_CHARS.fullmatch(ascii_form):
        raise err(
            "url_format",
            "must be an absolute http(s) URL without spaces, control characters, backslashes "
            "or full-width characters (only the domain name may be internationalised)",
        )
    parts = urlsplit(ascii_form)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise err("url_format", "must be an absolute URL starting with http:// or https://")
    return value


HttpUrl = Annotated[
    str,
    BeforeValidator(_check_url),
    Field(
        json_schema_extra={"pattern": r"^https?://[^\s]+$"},
        description="Absolute http(s) URL (形式 URI). Kept exactly as written.",
        examples=["https://www.city.yaizu.lg.jp/"],
    ),
]


# A host label with Japanese (kana, kanji up to U+9FA5, ー, 々) among ASCII letters, digits
# and hyphens, at most 8 characters: its ASCII (xn--) form then stays within the 63 a label
# may have. Longer labels go to the Pydantic path, which encodes them. (A narrower set than
# chars.KANJI on purpose: only characters IDNA surely accepts.)
_JA = "ぁ-ゖァ-ヺー々一-龥"
_JA_LABEL = "|".join(f"[-0-9A-Za-z]{{{k}}}[{_JA}][-0-9A-Za-z{_JA}]{{0,{7 - k}}}" for k in range(8))
_ASCII_LABEL = "[-0-9A-Za-z]+"
_IDN_URL = (
    rf"^https?://(?:{_ASCII_LABEL}\.)*(?:{_JA_LABEL})(?:\.(?:{_ASCII_LABEL}|{_JA_LABEL}))*\.?"
    r"(?::[0-9]*)?(?:[/?#][!-\[\]-~]*)?$"
)


# Printable ASCII without spaces or backslashes after an http(s) scheme, the host part
# not empty (as HttpUrl: no /, ? or # first).
_ASCII_URL = r'^https?://[!"$-.0-9;=@-\[\]-~][!-\[\]-~]*$'


def _screen(col: pl.Expr) -> pl.Expr:
    # An ASCII URL, or a host name with Japanese labels and an ASCII rest: one regex (one
    # pass over the cell, not one a form).
    return col.str.contains(f"(?:{_ASCII_URL})|(?:{_IDN_URL})")


SPECS = (
    RuleSpec(
        "url",
        HttpUrl,
        "HttpUrl",
        "URL（http/https）",
        "URL (http/https)",
        errors=(
            ErrorType(
                "url_format",
                "http:// または https:// で始まる半角のURLで書きます（ドメイン名は日本語でも可）",
                "write a half-width URL starting with http:// or https:// (the domain name may "
                "be internationalised)",
            ),
        ),
        repairs=(HALF_WIDTH,),
        screen=_screen,
    ),
)
