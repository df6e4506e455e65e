"""Typing slips in a mapping file, found in its text, and PyYAML's errors told as a fix.

A person editing YAML in a Japanese input method makes a few slips again and
again: a full-width colon ``名称：``, a full-width space U+3000 as indentation
or after a colon, a tab as indentation, no space after ``:`` (``名称:ID``).
Most of them still parse as YAML and only fail later as a strange key or a
text where a rule was expected, so when loading fails the text is scanned
and the first slip is reported instead of the parser's or the model's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_FULL_SPACE = "\u3000"

# A key position: the line start (after indentation and "- "), or just after "{" or ",".
_KEY_START = r"(?:^(?:-[ \t]+)?|[{,][ ]*)"
_KEY_CHARS = r"[^\s:：\"'{},\[\]#&*!|>%@`]"
_FULL_COLON = re.compile(_KEY_START + r"(" + _KEY_CHARS + r"[^:：\"'{},\[\]#]*?)：")
_NO_SPACE = re.compile(_KEY_START + r"(" + _KEY_CHARS + r"[^\s:：\"'{},\[\]#/]*):(?=[^\s/:])")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"?|'(?:[^']|'')*'?")


@dataclass(frozen=True)
class Slip:
    """One typing slip: its catalogue key (``mapping.slip_*``), place and what to show."""

    key: str
    line: int
    column: int
    values: dict[str, Any]


def _blank_quotes(text: str) -> str:
    """``text`` with quoted scalars replaced by spaces of the same length (offsets kept)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def _code(line: str) -> str:
    """The line without its comment and with quoted text blanked."""
    bare = _blank_quotes(line)
    cut = re.search(r"(^|\s)#", bare)
    return bare[: cut.start()] if cut else bare


def _indent_slip(raw: str, number: int) -> Slip | None:
    indent = re.match(r"[ \t\u3000]*", raw)
    lead = indent.group() if indent else ""
    if "\t" in lead:
        return Slip("mapping.slip_tab", number, lead.index("\t") + 1, {})
    if _FULL_SPACE in lead:
        return Slip("mapping.slip_full_space_indent", number, lead.index(_FULL_SPACE) + 1, {})
    return None


def _colon_slips(raw: str, code: str, number: int) -> Slip | None:
    start = len(code) - len(code.lstrip(" "))
    body = code[start:]
    match = _FULL_COLON.search(body)
    if match:
        key = match.group(1).strip()
        col = start + match.end()
        fixed = (raw[: col - 1] + ": " + raw[col:].lstrip(" " + _FULL_SPACE)).strip()
        return Slip("mapping.slip_full_colon", number, col, {"name": key, "fixed": fixed})
    after = re.search(r"[:：]" + _FULL_SPACE, body)
    if after:
        col = start + after.start() + 2
        fixed = (raw[: col - 1] + " " + raw[col:].lstrip(_FULL_SPACE)).strip()
        return Slip("mapping.slip_full_space_after", number, col, {"fixed": fixed})
    match = _NO_SPACE.search(body)
    if match and not match.group(1).isdigit():
        col = start + match.end()
        fixed = (raw[:col] + " " + raw[col:]).strip()
        return Slip("mapping.slip_no_space", number, col, {"name": match.group(1), "fixed": fixed})
    return None


def find_slips(text: str) -> list[Slip]:
    """Every line's first slip, in line order (line and column 1-based)."""
    slips: list[Slip] = []
    block_scalar = -1  # indentation of a "|" or ">" block being skipped, or -1
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip(" \t\u3000"):
            continue
        depth = len(raw) - len(raw.lstrip(" "))
        if block_scalar >= 0:
            if depth > block_scalar:
                continue  # literal text of a block scalar: anything goes
            block_scalar = -1
        slip = _indent_slip(raw, number) or _colon_slips(raw, _code(raw), number)
        if slip is not None:
            slips.append(slip)
        if re.search(r":\s+[|>][-+0-9]*\s*$", _code(raw)):
            block_scalar = depth
    return slips


@dataclass(frozen=True)
class YamlProblem:
    """A PyYAML error as a catalogue key, its place (1-based) and the values to show."""

    key: str
    line: int | None
    column: int | None
    values: dict[str, Any]


def _indent_of(lines: list[str], number: int) -> int:
    raw = lines[number - 1] if 0 < number <= len(lines) else ""
    return len(raw) - len(raw.lstrip(" "))


def _previous_content(lines: list[str], number: int) -> int | None:
    """The nearest line above ``number`` holding YAML (not blank, not a comment)."""
    for n in range(min(number, len(lines) + 1) - 1, 0, -1):
        stripped = lines[n - 1].strip()
        if stripped and not stripped.startswith("#"):
            return n
    return None


def _indentation(lines: list[str], line: int, column: int) -> YamlProblem | None:
    ref = _previous_content(lines, line)
    if ref is None:
        return None
    return YamlProblem(
        "mapping.indentation",
        line,
        column,
        {"found": _indent_of(lines, line), "ref": ref, "ref_indent": _indent_of(lines, ref)},
    )


def explain_yaml_error(exc: Any, text: str) -> YamlProblem:
    """What a :class:`yaml.MarkedYAMLError` means for the person who wrote ``text``."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    lines = text.splitlines()
    own = getattr(exc, "catalogue", None)
    if own is not None:  # raised by our own loader with a catalogue key
        return YamlProblem(own[0], line, column, dict(own[1]))
    if line is not None and column is not None:
        if problem.startswith("expected <block end>"):
            found = _indentation(lines, line, column)
            if found is not None:
                return found
        if problem == "mapping values are not allowed here":
            ref = _previous_content(lines, line)
            deeper = ref is not None and _indent_of(lines, line) > _indent_of(lines, ref)
            # Deeper than a line that opens no block (it does not end with ':').
            if deeper and ref is not None and not _code(lines[ref - 1]).rstrip().endswith(":"):
                return _indentation(lines, line, _indent_of(lines, line) + 1) or YamlProblem(
                    "mapping.yaml_colon_in_value", line, column, {}
                )
            return YamlProblem("mapping.yaml_colon_in_value", line, column, {})
    if context.startswith(("while parsing a flow", "while parsing a block collection")):
        start = exc.context_mark
        closing = "}" if "mapping" in context else "]"
        opened = start.line + 1 if start is not None else line
        return YamlProblem(
            "mapping.yaml_unclosed", line, column, {"open": opened, "close": closing}
        )
    if "quoted scalar" in context:
        start = exc.context_mark
        opened = start.line + 1 if start is not None else line
        return YamlProblem("mapping.yaml_unclosed_quote", line, column, {"open": opened})
    tag = re.search(r"constructor for the tag '([^']*)'", problem)
    if tag:
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return YamlProblem("mapping.yaml_tag", line, column, {"tag": shown})
    if "could not find expected ':'" in problem:
        return YamlProblem("mapping.yaml_no_colon", line, column, {})
    return YamlProblem("mapping.yaml_other", line, column, {})
