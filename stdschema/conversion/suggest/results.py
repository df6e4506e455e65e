"""What ``map suggest`` returns: a suggestion per standard column, and for the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stdschema.conversion.mapping import ColumnRule, Context, Mapping, SourceOptions
from stdschema.messages import Lang, t


@dataclass(frozen=True)
class Reason:
    """One piece of evidence or advice, worded from the catalogue (``suggest.<key>``) only when
    it is shown, in the reader's language. A value may itself be a :class:`Reason`."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()
    warning: bool = False
    """Advice a person must read (shown on its own line, never cut)."""

    def text(self, lang: Lang | None = None) -> str:
        """The reason in ``lang``."""
        values = {k: v.text(lang) if isinstance(v, Reason) else v for k, v in self.values}
        return t(f"suggest.{self.key}", lang, **values)

    def __str__(self) -> str:
        return self.text()


def why(key: str, **values: Any) -> Reason:
    """The reason ``suggest.<key>`` with its values."""
    return Reason(key, tuple(values.items()))


def warn(key: str, **values: Any) -> Reason:
    """A reason a person must read before using the entry."""
    return Reason(key, tuple(values.items()), warning=True)


MAPPED_THRESHOLD = 0.5
"""A suggestion at least this confident is written as a mapping entry; below, as a comment."""


@dataclass
class ColumnSuggestion:
    """How one standard column could be filled, and why."""

    target: str
    """The standard column's Japanese header."""
    rule: ColumnRule | None
    """The suggested rule; None when no candidate was found."""
    confidence: float
    reasons: list[Reason] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    """Other input columns that could fill this column, best first."""
    requirement: str = ""
    """◎ required, ○ recommended or '' optional."""

    @property
    def mapped(self) -> bool:
        """True when the rule is confident enough to be written as a mapping entry."""
        return self.rule is not None and self.confidence >= MAPPED_THRESHOLD


@dataclass
class MappingSuggestion:
    """A suggested mapping for one input file and target dataset."""

    target: str
    source: SourceOptions
    context: Context
    columns: list[ColumnSuggestion]
    """One entry per standard column, in standard order."""
    unused_sources: list[str]
    input_path: str = ""
    input_columns: list[str] = field(default_factory=list)
    rows_sampled: int = 0
    notes: list[Reason | str] = field(default_factory=list)
    """Notes on reading the input: a :class:`Reason`, or a reader's own note as it gave it."""

    def mapping(self) -> Mapping:
        """The confident part as a :class:`Mapping` (what :func:`render_yaml` writes uncommented)."""
        columns = {c.target: c.rule for c in self.columns if c.mapped and c.rule is not None}
        return Mapping(
            target=self.target, source=self.source, context=self.context, columns=columns
        )

    def reasons(self, target: str, lang: Lang = "en") -> list[str]:
        """The reasons of one standard column as text in ``lang``."""
        return [r.text(lang) for r in self.get(target).reasons]

    def get(self, target: str) -> ColumnSuggestion:
        """The suggestion for one standard column (by Japanese header)."""
        for column in self.columns:
            if column.target == target:
                return column
        raise KeyError(target)
