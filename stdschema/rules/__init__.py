"""Value rules, one module each: type and validator, error types with ja/en details, repairs
and the fast engine's screen.

``stdschema.rules.REGISTRY`` (built by :mod:`stdschema.rules.registry` from the ``SPECS`` of
every rule module) maps a rule key to its :class:`~stdschema.rules.base.RuleSpec`;
:mod:`stdschema.rules.chars` holds the character classes all of them use. The registry is
loaded on first use, so that :mod:`stdschema.normalize` can read the character classes
while the rule modules read its repairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stdschema.rules.registry import REGISTRY

__all__ = ["REGISTRY"]


def __getattr__(name: str) -> Any:
    if name == "REGISTRY":
        from stdschema.rules.registry import REGISTRY

        return REGISTRY
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
