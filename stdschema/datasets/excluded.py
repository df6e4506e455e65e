"""Sheets of the current standard that have no model, and why (``stdschema datasets`` says so).

A model is generated only from an attested column list: a sheet whose list is unordered,
probably not its real layout, or unknown is left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NotModelled:
    """A v2 sheet left out; its reason is the catalogue message ``excluded.<id>``."""

    id: str
    sheet: str
    name_ja: str

    @property
    def reason_key(self) -> str:
        return f"excluded.{self.id}"


NOT_MODELLED: tuple[NotModelled, ...] = (
    NotModelled("support_programs", "B-22", "支援制度情報"),
    NotModelled("public_parking_lots", "C-25", "公営駐車場一覧"),
    NotModelled("baby_stations", "C-29", "赤ちゃんの駅一覧"),
)
