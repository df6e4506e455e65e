"""Report formats: one module each, found by name.

Every module of this package whose name does not start with ``_`` is a format named like
the module and holds a ``REPORTER`` (a :class:`Reporter`); adding a format is adding a
module. :data:`FORMATS` lists their names (the ``--format`` choices, help and errors come
from it) without importing them: a run imports the module of the format it renders only.
The formats stand in :data:`ORDER` (each reporter's ``order`` says the same; a format
missing from it comes last).
"""

from __future__ import annotations

import importlib
import pkgutil

from stdschema.report.formats._base import RenderOptions, Reporter, Spool, StreamRun

__all__ = [
    "FORMATS",
    "ORDER",
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


ORDER = ("text", "json", "junit", "sarif", "github", "markdown", "csv", "xlsx", "html")
"""Where the formats stand in lists: the human report first, then by how often a run in
CI asks for them. tests/test_startup.py checks that the reporters' ``order`` agrees."""


def _names() -> tuple[str, ...]:
    # Listing the package's folder imports nothing.
    found = [i.name for i in pkgutil.iter_modules(__path__) if not i.name.startswith("_")]
    rank = {name: i for i, name in enumerate(ORDER)}
    return tuple(sorted(found, key=lambda n: (rank.get(n, len(ORDER)), n)))


FORMATS: tuple[str, ...] = _names()


def _load(name: str) -> Reporter:
    module = importlib.import_module(f"{__name__}.{name}")
    reporter = getattr(module, "REPORTER", None)
    if not isinstance(reporter, Reporter):
        raise TypeError(f"{module.__name__} has no REPORTER: every module here is a format")
    if reporter.name != name:
        raise TypeError(f"{module.__name__} names its format {reporter.name!r}, not {name!r}")
    return reporter


class _Registry(dict[str, Reporter]):
    """The reporters by name; a format's module is imported when it is first asked for."""

    def __missing__(self, name: str) -> Reporter:
        if name not in FORMATS:
            raise KeyError(name)
        reporter = self[name] = _load(name)
        return reporter


REPORTERS: dict[str, Reporter] = _Registry()
"""Format name → reporter (``REPORTERS[name]`` imports the format's module if need be)."""


def get_reporter(name: str) -> Reporter:
    """The reporter of the format ``name``; :class:`UnknownFormatError` for any other."""
    try:
        return REPORTERS[name]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise UnknownFormatError(
            f"unknown report format {name!r}; choose one of {choices}"
        ) from None
