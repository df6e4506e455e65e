"""Regular expressions compiled when first used.

A command imports modules whose patterns it may never use: the repairs of a file without
problems, the XML and Markdown escapes of a text report. Compiling every module-level
pattern at import took 17 ms of a 10-row validate's 0.3 s (Python's ``re`` is slow to
compile large Unicode classes). :func:`lazy` stands in for :func:`re.compile` at module
level: the pattern is compiled on its first use, and from then on its methods are plain
attributes of the stand-in (no indirection a call).
"""

from __future__ import annotations

import re
from typing import Any, cast

_ATTRIBUTES = (
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _Deferred:
    """A pattern not compiled yet; becomes the compiled pattern's attributes on first use."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Reached only until the first use sets the attributes (or for a name a pattern
        # lacks). Private and special names are not the pattern's: copy and pickle look
        # those up, and _source is missing on an object pickle has not filled in yet.
        if name.startswith("_") or name not in _ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast("re.Pattern[str]", _Deferred(pattern, flags))
