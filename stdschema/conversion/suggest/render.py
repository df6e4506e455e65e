"""The suggestion as a reviewed-by-a-person YAML mapping file."""

from __future__ import annotations

from typing import Any

from stdschema.conversion.mapping import ColumnRule
from stdschema.conversion.suggest.results import ColumnSuggestion, MappingSuggestion, Reason
from stdschema.datasets import get_dataset
from stdschema.io.notes import note_text
from stdschema.messages import Lang, default_lang, t
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


def _wrap(prefix: str, items: list[str], lang: Lang, width: int = 96) -> list[str]:
    lines: list[str] = []
    line = prefix
    comma = t("suggest.list_separator", lang)
    for i, item in enumerate(items):
        piece = item + (comma if i < len(items) - 1 else "")
        if len(line) + len(piece) > width and line != prefix:
            lines.append(line.rstrip())
            line = "#   "
        line += piece
    lines.append(line.rstrip())
    return lines


def _why(reasons: list[Reason], lang: Lang) -> str:
    """The first three reasons that are not warnings, joined, for an entry's comment."""
    shown = [r.text(lang) for r in reasons if not r.warning][:3]
    return _comment(t("suggest.separator", lang).join(shown))


def _warnings(reasons: list[Reason], lang: Lang, indent: str) -> list[str]:
    """Every warning of an entry on its own comment line (never cut like the reasons)."""
    return [
        f"{indent}# {_comment(t('suggest.warning', lang, text=r.text(lang)))}"
        for r in reasons
        if r.warning
    ]


def _note(note: Reason | str, lang: Lang) -> str:
    text = note.text(lang) if isinstance(note, Reason) else note_text(note, lang)
    return f"# {_comment(t('suggest.note', lang, text=text))}"


def _header(s: MappingSuggestion, lang: Lang) -> list[str]:
    model = get_dataset(s.target)
    mapped = [c for c in s.columns if c.mapped]
    missing_required = [c.target for c in s.columns if not c.mapped and c.requirement == "◎"]
    path = _comment(s.input_path) or t("suggest.input_unknown", lang)
    sampled = t("suggest.rows_sampled", lang, rows=s.rows_sampled) if s.rows_sampled else ""
    listed = t("suggest.list_separator", lang).join(missing_required)
    required = t("suggest.required_unmapped", lang, columns=listed) if missing_required else ""
    lines = [
        t("suggest.title", lang),
        t("suggest.input", lang, path=path) + sampled,
        t("suggest.target", lang, target=s.target, name=model.__dataset__.name_ja),
        t("suggest.mapped", lang, mapped=len(mapped), total=len(s.columns)) + required,
        "",
        t("suggest.guide_1", lang),
        t("suggest.guide_2", lang),
        t("suggest.guide_3", lang),
        t("suggest.use", lang),
    ]
    return [f"# {line}".rstrip() for line in lines]


def _entry(c: ColumnSuggestion, lang: Lang) -> list[str]:
    key = _scalar(c.target)
    why = _why(c.reasons, lang)
    value = f"{c.confidence:.2f}"
    if c.mapped and c.rule is not None:
        comment = t("suggest.confidence", lang, value=value, why=why)
        lines = [f"  {key}: {_rule_yaml(c.rule)}   # {comment}"]
        lines += _warnings(c.reasons, lang, "    ")
        if c.alternatives:
            listed = _comment(t("suggest.list_separator", lang).join(c.alternatives))
            lines.append(f"    # {t('suggest.also_possible', lang, columns=listed)}")
        return lines
    needed_key = {"◎": "suggest.needed_required", "○": "suggest.needed_recommended"}
    needed = t(needed_key[c.requirement], lang) if c.requirement in needed_key else ""
    if c.rule is None:
        return [
            f"  # {key}: {{source: ?}}   # {t('suggest.no_candidate_entry', lang, needed=needed)}"
        ]
    comment = t("suggest.candidate", lang, value=value, needed=needed, why=why)
    return [f"  # {key}: {_rule_yaml(c.rule)}   # {comment}", *_warnings(c.reasons, lang, "  ")]


def render_yaml(s: MappingSuggestion, lang: Lang | None = None) -> str:
    """The suggestion as a mapping file a person reviews, edits and passes to ``stdschema
    convert``; its comments in ``lang`` (the default language when None)."""
    language = lang or default_lang()
    lines = _header(s, language)
    lines += [_note(n, language) for n in dict.fromkeys(s.notes)]
    lines += ["version: 1", f"target: {_scalar(s.target)}"]
    source = s.source.model_dump(exclude_defaults=True)
    if source:
        lines.append("source:")
        lines += [f"  {_scalar(k)}: {_flow(v)}" for k, v in source.items()]
    context = s.context.model_dump(exclude_defaults=True)
    if context:
        lines.append("context:")
        lines += [f"  {_scalar(k)}: {_flow(v)}" for k, v in context.items()]
    lines.append("columns:" if any(c.mapped for c in s.columns) else "columns: {}")
    for c in s.columns:
        lines += _entry(c, language)
    if s.unused_sources:
        unused = [_comment(u) for u in s.unused_sources]
        lines += _wrap("# " + t("suggest.unused", language), unused, language)
    else:
        lines.append(f"# {t('suggest.all_used', language)}")
    return "\n".join(lines) + "\n"


def written_line(output: str, s: MappingSuggestion, lang: Lang | None = None) -> str:
    """The console line after the mapping is written to ``output`` (an escaped file name)."""
    mapped = sum(1 for c in s.columns if c.rule is not None)
    return t("suggest.written", lang, path=output, mapped=mapped, total=len(s.columns))
