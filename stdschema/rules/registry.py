"""The rule registry: every rule module's ``SPECS``, found by listing this package.

Adding a rule is adding a module with a ``SPECS`` tuple; nothing else lists the rules. The
tables the rest of the code reads (error details and problem codes by error type, the
repairs fix mode may apply) are derived here.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Final

import stdschema.rules as _package
from stdschema.rules.base import PYDANTIC_ERRORS, ErrorType, RuleSpec

__all__ = [
    "ERROR_DETAILS",
    "ERROR_TYPES",
    "ERROR_TYPE_CODES",
    "REGISTRY",
    "SAFE_REPAIRS",
]

_INFRASTRUCTURE = frozenset({"base", "chars", "registry"})


def _discover() -> dict[str, RuleSpec]:
    found: dict[str, RuleSpec] = {}
    for info in sorted(pkgutil.iter_modules(_package.__path__), key=lambda i: i.name):
        if info.name in _INFRASTRUCTURE:
            continue
        module = importlib.import_module(f"{_package.__name__}.{info.name}")
        specs = getattr(module, "SPECS", None)
        if not specs:
            raise ImportError(f"rule module {module.__name__} declares no SPECS")
        for spec in specs:
            if spec.key in found:
                raise ImportError(f"rule {spec.key!r} is declared twice")
            found[spec.key] = spec
    return found


def _errors(registry: dict[str, RuleSpec]) -> dict[str, ErrorType]:
    errors: dict[str, ErrorType] = {}
    for error in [e for spec in registry.values() for e in spec.errors] + list(PYDANTIC_ERRORS):
        if errors.setdefault(error.key, error) != error:
            raise ImportError(f"error type {error.key!r} is declared twice, differently")
    return errors


def _safe_repairs(registry: dict[str, RuleSpec]) -> frozenset[str]:
    safety: dict[str, bool] = {"trim": True}  # normalize.suggest() trims first
    for step in (step for spec in registry.values() for step in spec.repairs):
        # One name, one repair: fix mode and the change log must not tell two apart.
        if safety.setdefault(step.name, step.safe) != step.safe:
            raise ImportError(f"repair {step.name!r} is safe in one rule and not in another")
    return frozenset(name for name, safe in safety.items() if safe)


REGISTRY: Final[dict[str, RuleSpec]] = _discover()
"""Every rule a column can name, keyed by a stable identifier."""

_ALL_ERRORS: Final = _errors(REGISTRY)

ERROR_TYPES: Final[frozenset[str]] = frozenset(
    e.key for spec in REGISTRY.values() for e in spec.errors
)
"""The custom error types the rules' validators raise."""

ERROR_DETAILS: Final[dict[str, tuple[str, str]]] = {
    key: (e.ja, e.en) for key, e in _ALL_ERRORS.items()
}
"""Why a value failed, per Pydantic error type: (Japanese, English); {names} come from the
error's context."""

ERROR_TYPE_CODES: Final[dict[str, str]] = {
    **{key: e.code for key, e in _ALL_ERRORS.items() if e.code != "invalid-value"},
    "missing": "blank-required",
}
"""Pydantic error type → problem code, where it is not ``invalid-value``."""

SAFE_REPAIRS: Final[frozenset[str]] = _safe_repairs(REGISTRY)
"""Repairs that change only the form of a value, never its meaning: what fix mode applies."""
