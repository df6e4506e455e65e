"""The suggestion as a reviewed-by-a-person YAML mapping file."""

from __future__ import annotations

from typing import Any

from stdschema.conversion.mapping import ColumnRule
from stdschema.conversion.suggest.results import MappingSuggestion
from stdschema.datasets import get_dataset
from stdschema.report import escape


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar that loads back as the exact string (headers may hold ESC,
    bidi overrides or line separators): see :func:`stdschema.report.escape.yaml_scalar`."""
    return escape.yaml_scalar(text)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _scalar(str(value))


def _rule_yaml(rule: ColumnRule) -> str:
    data = rule.model_dump(exclude_defaults=True)
    return _flow(data)


def _comment(text: str) -> str:
    """Untrusted text in a YAML comment: one line, nothing a YAML reader or a terminal refuses
    or obeys (the file is printed to the terminal without ``-o``)."""
    return escape.yaml_comment(escape.path_text(text))


def _wrap(prefix: str, items: list[str], width: int = 96) -> list[str]:
    lines: list[str] = []
    line = prefix
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "")
        if len(line) + len(piece) > width and line != prefix:
            lines.append(line.rstrip())
            line = "#   "
        line += piece
    lines.append(line.rstrip())
    return lines


def render_yaml(s: MappingSuggestion) -> str:
    """The suggestion as a mapping file a person reviews, edits and passes to ``stdschema convert``."""
    model = get_dataset(s.target)
    mapped = [c for c in s.columns if c.mapped]
    missing_required = [c.target for c in s.columns if not c.mapped and c.requirement == "◎"]
    lines = [
        "# Mapping suggested by `stdschema map suggest`: review it before use.",
        f"# input:  {_comment(s.input_path) or '(unknown)'}"
        + (f" ({s.rows_sampled} rows sampled)" if s.rows_sampled else ""),
        f"# target: {s.target} ({model.__dataset__.name_ja})",
        f"# mapped: {len(mapped)} of {len(s.columns)} standard columns"
        + (f"; required but unmapped: {', '.join(missing_required)}" if missing_required else ""),
        "#",
        "# Each entry ends with its confidence (0-1) and the evidence. Entries that",
        "# are commented out had no confident source: write `source:` (an input",
        "# column), `concat:` or `constant:`, then remove the leading '# '.",
        "# Use it with: stdschema convert INPUT --mapping THIS_FILE --output OUT.csv",
    ]
    lines += [f"# note: {_comment(n)}" for n in dict.fromkeys(s.notes)]
    lines += ["version: 1", f"target: {_scalar(s.target)}"]
    source = s.source.model_dump(exclude_defaults=True)
    if source:
        lines.append("source:")
        lines += [f"  {_scalar(k)}: {_flow(v)}" for k, v in source.items()]
    context = s.context.model_dump(exclude_defaults=True)
    if context:
        lines.append("context:")
        lines += [f"  {_scalar(k)}: {_flow(v)}" for k, v in context.items()]
    lines.append("columns:" if mapped else "columns: {}")
    for c in s.columns:
        key = _scalar(c.target)
        why = _comment("; ".join(c.reasons[:3]))
        if c.mapped and c.rule is not None:
            lines.append(f"  {key}: {_rule_yaml(c.rule)}   # confidence {c.confidence:.2f}: {why}")
            if c.alternatives:
                lines.append(f"    # also possible: {_comment(', '.join(c.alternatives))}")
            continue
        needed = {"◎": " (◎ required)", "○": " (○ recommended)"}.get(c.requirement, "")
        if c.rule is None:
            lines.append(f"  # {key}: {{source: ?}}   # no candidate found{needed}")
        else:
            lines.append(
                f"  # {key}: {_rule_yaml(c.rule)}   # candidate, confidence "
                f"{c.confidence:.2f}{needed}: {why}"
            )
    if s.unused_sources:
        lines += _wrap("# unused input columns: ", [_comment(u) for u in s.unused_sources])
    else:
        lines.append("# every input column is used")
    return "\n".join(lines) + "\n"
