"""Helpers the formats share: catalogue labels, code tables, and problems shortened for
people or bounded for machines.

Formats read by people (text, Markdown, GitHub, JUnit) show values, headers and messages
shortened (:func:`human`); JSON, SARIF and CSV keep them whole up to
:data:`~stdschema.report.escape.MACHINE_LIMIT` (:func:`machine`).
"""

from __future__ import annotations

import functools
import json
import json.encoder
from typing import TYPE_CHECKING, Any

from stdschema.messages import CATALOGUE as MESSAGES
from stdschema.messages import Lang
from stdschema.problems import CATALOGUE as PROBLEMS
from stdschema.report import escape

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, ProblemOut, Report, SeverityName

# A file that could not be read has no catalogue code (FileReport.error is free text);
# the machine formats still need a rule id for it.
FILE_ERROR_CODE = "file-error"

SEVERITIES: tuple[SeverityName, ...] = ("error", "warning", "info")
RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}


def label(key: str, lang: Lang, **values: object) -> str:
    text = MESSAGES[key][lang]
    return text.format(**values) if values else text


def title(code: str, lang: Lang) -> str:
    """The catalogue title of ``code``; the code itself when the catalogue lacks it."""
    if code == FILE_ERROR_CODE:
        return label("report.file_error", lang)
    entry = PROBLEMS.get(code)
    if entry is None:
        return code
    return entry.title_ja if lang == "ja" else entry.title_en


def severity_label(severity: str, lang: Lang) -> str:
    return label(f"report.severity.{severity}", lang)


def counts(error: int, warning: int, info: int, lang: Lang) -> str:
    """'エラー 2 件、警告 1 件、情報 0 件' / '2 errors, 1 warning, 0 infos'."""
    parts = []
    for severity, n in zip(SEVERITIES, (error, warning, info), strict=True):
        key = f"report.severity.{severity}" + ("" if n == 1 else ".plural")
        parts.append(label("report.count", lang, label=label(key, lang), n=n))
    return label("report.count_sep", lang).join(parts)


def overall(report: Report, lang: Lang) -> str:
    """The run's verdict: valid or not, files, counts."""
    summary = report.summary
    verdict = label("report.valid" if report.valid else "report.invalid", lang)
    return label(
        "report.overall",
        lang,
        verdict=verdict,
        files=len(report.files),
        counts=counts(summary.error, summary.warning, summary.info, lang),
    )


def dataset_name(file: FileReport) -> str | None:
    ref = file.dataset
    if ref.id is None:
        return None
    return f"{ref.id}@{ref.edition}" if ref.edition else ref.id


def code_counts(file: FileReport) -> dict[str, int]:
    """Problems per code: the summary's counts (which include problems past
    ``--max-problems``), never fewer than the problems held."""
    held: dict[str, int] = {}
    for problem in file.problems:
        held[problem.code] = held.get(problem.code, 0) + 1
    found = {code: max(n, held.get(code, 0)) for code, n in file.summary.by_code.items()}
    for code, n in held.items():
        found.setdefault(code, n)
    return found


def code_severity(file: FileReport, code: str) -> SeverityName:
    """The worst severity a code has in ``file``; its catalogue default when no detail is held."""
    held = [p.severity for p in file.problems if p.code == code]
    if held:
        return max(held, key=lambda s: RANK[s])
    entry = PROBLEMS.get(code)
    return entry.severity.value if entry is not None else "warning"


def ordered_codes(file: FileReport) -> list[tuple[str, SeverityName, int]]:
    """(code, severity, count), worst severity first, then most frequent."""
    rows = [(code, code_severity(file, code), n) for code, n in code_counts(file).items()]
    rows.sort(key=lambda r: (-RANK[r[1]], -r[2], r[0]))
    return rows


def by_code(file: FileReport) -> dict[str, list[ProblemOut]]:
    grouped: dict[str, list[ProblemOut]] = {}
    for problem in file.problems:
        grouped.setdefault(problem.code, []).append(problem)
    return grouped


def truncated_limit(report: Report, file: FileReport) -> int:
    """The ``--max-problems`` that cut ``file``'s details."""
    return report.max_problems if report.max_problems is not None else len(file.problems)


def visible(text: str) -> str:
    """Untrusted text for the terminal: see :func:`stdschema.report.escape.terminal`."""
    return escape.terminal(text)


def path(file: FileReport) -> str:
    """The file's path as valid Unicode (bytes that were not UTF-8 as ``\\xff``)."""
    return escape.path_text(file.path)


def _short(text: str | None, lang: Lang, limit: int) -> str | None:
    return None if text is None else escape.shorten(text, lang, limit)


def human(problem: ProblemOut, lang: Lang, longest: int = escape.SHORT_LIMIT) -> ProblemOut:
    """``problem`` as the human formats show it: values, headers and fixes longer than
    ``longest`` shortened, and the message (which quotes them) too, so a 9 MB cell is never
    laid out in full."""
    message_limit = 4 * longest
    quoted = [v for v in (problem.value, problem.header, problem.fixed_to) if v is not None]
    if all(len(v) <= longest for v in quoted) and len(problem.message) <= message_limit:
        return problem
    message = problem.message
    for value in sorted(quoted, key=len, reverse=True):
        if len(value) > longest:
            message = message.replace(value, escape.shorten(value, lang, longest))
    return problem.model_copy(
        update={
            "value": _short(problem.value, lang, longest),
            "header": _short(problem.header, lang, longest),
            "fixed_to": _short(problem.fixed_to, lang, longest),
            "message": escape.shorten(message, lang, message_limit),
            "hint": escape.shorten(problem.hint, lang, message_limit),
        }
    )


def machine(problem: ProblemOut, lang: Lang) -> ProblemOut:
    """``problem`` as the machine formats (JSON, SARIF, CSV) carry it: whole, unless a value
    passes :data:`~stdschema.report.escape.MACHINE_LIMIT` characters (a report of a file of
    9 MB cells stays small)."""
    return human(problem, lang, escape.MACHINE_LIMIT)


def json_text(data: Any) -> str:
    """``data`` as JSON. ensure_ascii=False keeps Japanese readable rather than as \\uXXXX
    escapes; controls, bidi and zero-width characters and lone surrogates are escaped
    (:func:`~stdschema.report.escape.json_document`), so the output is valid UTF-8 and safe
    to print."""
    return escape.json_document(indented_json(data)) + "\n"


INDENT = "  "
_FLAT = frozenset({str, int, float, bool, type(None)})


class _Unusual(Exception):
    """A value :func:`indented_json` leaves to :func:`json.dumps` (a key that is not a
    string, a type JSON has no exact spelling for here)."""


def indented_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text, several times
    faster on reports of many problems.

    With ``indent`` the standard library encodes in Python, a call a value. A container
    of scalars (a problem is one) is encoded here by the C encoder in one call: its item
    separator carries the line break and the indent, so only its brackets are placed in
    Python. Anything else is left to :func:`json.dumps`, so the text never differs.
    """
    if _c_encoder(0) is None:
        return json.dumps(data, ensure_ascii=False, indent=2)
    out: list[str] = []
    try:
        _encode(data, 0, out)
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


def _encode(value: Any, level: int, out: list[str]) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        if any(type(k) is not str for k in value):
            raise _Unusual
        items = value.values()
        opening, closing = "{", "}"
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        items = value
        opening, closing = "[", "]"
    elif kind in _FLAT:
        encoder = _c_encoder(level)
        assert encoder is not None
        out.append("".join(encoder(value, 0)))
        return
    else:
        raise _Unusual
    inner = "\n" + INDENT * (level + 1)
    if all(type(item) in _FLAT for item in items):
        encoder = _c_encoder(level + 1)
        assert encoder is not None
        text = "".join(encoder(value, 0))
        out.append(opening + inner + text[1:-1] + "\n" + INDENT * level + closing)
        return
    out.append(opening)
    separator = inner
    if kind is dict:
        for key, item in value.items():
            out.append(separator + json.encoder.encode_basestring(key) + ": ")
            _encode(item, level + 1, out)
            separator = "," + inner
    else:
        for item in value:
            out.append(separator)
            _encode(item, level + 1, out)
            separator = "," + inner
    out.append("\n" + INDENT * level + closing)


def _not_json(value: object) -> object:
    raise _Unusual


@functools.cache
def _c_encoder(level: int) -> Any:
    """The standard library's C encoder with the items of a container at ``level`` on
    lines of their own (None where the interpreter has no C encoder)."""
    # Not in typeshed; None on interpreters without the _json accelerator.
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    separator = ",\n" + INDENT * level
    return make(
        None, _not_json, json.encoder.encode_basestring, None, ": ", separator, False, False, True
    )


# --- marks on a console that cannot encode them (issue 11) ---------------------------

ASCII_MARKS: dict[str, str] = {"✓": "[OK]", "✗": "[NG]", "─": "-", "…": "...", "→": "->"}
"""The marks the human formats draw and the ASCII that stands for each on a console whose
encoding lacks it (CP932 has no ✓ or ✗; ASCII has none of them)."""


def needs_ascii_marks(encoding: str | None) -> bool:
    """True when a stream in ``encoding`` cannot hold every mark of :data:`ASCII_MARKS`: the
    text report then draws them all in ASCII (one choice for the whole report, so its
    columns stay aligned). An unknown encoding counts as unable."""
    if not encoding:
        return False
    try:
        "".join(ASCII_MARKS).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def ascii_marks(text: str) -> str:
    """``text`` with each mark of :data:`ASCII_MARKS` replaced by its ASCII form."""
    for mark, plain in ASCII_MARKS.items():
        text = text.replace(mark, plain)
    return text


# --- problems grouped by (code, severity) (issue 11) ----------------------------------


def code_severity_counts(file: FileReport) -> list[tuple[str, SeverityName, int]]:
    """(code, severity, count) for every pair the file has, worst severity first, then most
    frequent: a code found both as an error and as an info is two rows, not one row under
    its worst severity.

    The summary counts problems by code only. Problems past ``--max-problems`` (counted but
    not held) are put under the severity most held problems of that code have, or the
    catalogue's severity of the code when none is held."""
    held: dict[tuple[str, SeverityName], int] = {}
    for problem in file.problems:
        key = (problem.code, problem.severity)
        held[key] = held.get(key, 0) + 1
    rows = dict(held)
    for code, total in code_counts(file).items():
        mine = {sev: n for (c, sev), n in held.items() if c == code}
        rest = total - sum(mine.values())
        if rest <= 0:
            continue
        if mine:
            severity = max(mine, key=lambda s: (mine[s], RANK[s]))
        else:
            entry = PROBLEMS.get(code)
            severity = entry.severity.value if entry is not None else "warning"
        rows[(code, severity)] = rows.get((code, severity), 0) + rest
    ordered = [(code, sev, n) for (code, sev), n in rows.items()]
    ordered.sort(key=lambda r: (-RANK[r[1]], -r[2], r[0]))
    return ordered


def by_code_severity(file: FileReport) -> dict[tuple[str, SeverityName], list[ProblemOut]]:
    """The held problems of ``file`` by (code, severity), in report order."""
    grouped: dict[tuple[str, SeverityName], list[ProblemOut]] = {}
    for problem in file.problems:
        grouped.setdefault((problem.code, problem.severity), []).append(problem)
    return grouped


# --- how a dataset was decided, in one vocabulary (issue 11) ------------------------------


def how_detected(
    method: str, confidence: str | None, score: float | None, lang: Lang, *, paren: bool = True
) -> str:
    """'（見出し行により判定、確度: 完全、一致度: 1.00）' / ' (detected by header, confidence
    complete, score 1.00)': one wording for the text report and ``datasets detect``
    (methods: report.detected_by.*). Empty for ``none``."""
    if method == "none":
        return ""
    named = label(f"report.detected_by.{method}", lang)
    if confidence:
        key = f"confidence.{confidence}"
        level = label(key, lang) if key in MESSAGES else confidence
        how = label("report.detected", lang, method=named, confidence=level)
    else:
        how = label("report.detected_no_confidence", lang, method=named)
    if score is not None:
        how += label("report.count_sep", lang) + label("report.score", lang, score=f"{score:.2f}")
    if not paren:
        return how
    return f"（{how}）" if lang == "ja" else f" ({how})"
