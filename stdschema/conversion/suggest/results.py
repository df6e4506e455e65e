"""What ``map suggest`` returns: a suggestion per standard column, and for the file."""

from __future__ import annotations

from dataclasses import dataclass, field

from stdschema.conversion.mapping import ColumnRule, Context, Mapping, SourceOptions

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
    reasons: list[str] = field(default_factory=list)
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
    notes: list[str] = field(default_factory=list)

    def mapping(self) -> Mapping:
        """The confident part as a :class:`Mapping` (what :func:`render_yaml` writes uncommented)."""
        columns = {c.target: c.rule for c in self.columns if c.mapped and c.rule is not None}
        return Mapping(
            target=self.target, source=self.source, context=self.context, columns=columns
        )

    def get(self, target: str) -> ColumnSuggestion:
        """The suggestion for one standard column (by Japanese header)."""
        for column in self.columns:
            if column.target == target:
                return column
        raise KeyError(target)
