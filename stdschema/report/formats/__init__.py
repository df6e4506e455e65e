"""Report formats: one module each, found by name.

Every module of this package whose name does not start with ``_`` is a format and holds a
``REPORTER`` (a :class:`Reporter`); adding a format is adding a module. :data:`FORMATS`
lists their names in their ``order`` (the ``--format`` choices, help and errors come from
it).
"""

from __future__ import annotations

import importlib
import pkgutil

from stdschema.report.formats._base import RenderOptions, Reporter, Spool, StreamRun

__all__ = [
    "FORMATS",
    "REPORTERS",
    "RenderOptions",
    "Reporter",
    "Spool",
    "StreamRun",
    "UnknownFormatError",
    "get_reporter",
]


class UnknownFormatError(ValueError):
    """A report format no module provides."""


def _discover() -> dict[str, Reporter]:
    found: list[Reporter] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        reporter = getattr(module, "REPORTER", None)
        if not isinstance(reporter, Reporter):
            raise TypeError(f"{module.__name__} has no REPORTER: every module here is a format")
        found.append(reporter)
    found.sort(key=lambda r: (r.order, r.name))
    registry = {r.name: r for r in found}
    if len(registry) != len(found):
        raise TypeError("two report formats share a name")
    return registry


REPORTERS: dict[str, Reporter] = _discover()
FORMATS: tuple[str, ...] = tuple(REPORTERS)


def get_reporter(name: str) -> Reporter:
    """The reporter of the format ``name``; :class:`UnknownFormatError` for any other."""
    try:
        return REPORTERS[name]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise UnknownFormatError(
            f"unknown report format {name!r}; choose one of {choices}"
        ) from None
