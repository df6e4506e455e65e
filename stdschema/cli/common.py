"""Helpers shared by the CLI commands: language option, one-line errors, JSON output, and
the console's encoding.

How stdout and stderr are written: in the stream's own encoding (what
``PYTHONIOENCODING``, the locale or a Windows console chose), never forced to UTF-8, so a
report redirected on Japanese Windows is CP932 that Notepad and Excel read. A character the
stream cannot encode is replaced visibly, never raised: ``…``, ``→`` and ``─`` by ``...``,
``->`` and ``-``, anything else by its ``\\uXXXX`` escape (:func:`install_console_errors`).
The text report goes further and draws all its marks in ASCII ([OK], [NG]) when the stream
cannot encode them (:func:`stdout_ascii_marks`), so its columns stay aligned.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import typer

from stdschema.messages import CatalogueError, Lang, default_lang, t
from stdschema.report.formats import FORMATS

# The language resolve_lang chose for this run: fail() uses it when a caller passes none,
# so that `--lang en` never ends with a Japanese "エラー" prefix.
_run_lang: Lang | None = None


def help_lang() -> Lang:
    """The language of help and usage errors: ``--lang`` on the command line, else
    ``STDSCHEMA_LANG`` (a configuration file's ``lang`` is not read for them: finding it
    would slow ``--help`` down). See docs/cli-language.md."""
    from stdschema.outputs import argv_lang

    return argv_lang() or default_lang()


HELP_LANG: Lang = help_lang()
"""Decided once, when the commands are declared: their help texts are catalogue entries
resolved in this language."""


def h(key: str) -> str:
    """The help text ``help.<key>`` of the catalogue in :data:`HELP_LANG`."""
    return t(f"help.{key}", HELP_LANG)


# The fixed choices of options, as the parser checks them and the help lists them. The
# report formats come from the format registry (names only, nothing imported); mypy sees
# str where the values come from a registry at run time.
if TYPE_CHECKING:
    from stdschema.distributed.runner import DaskTarget

    ReportFormat = str
else:
    ReportFormat = Literal[FORMATS]
FailOn = Literal["error", "warning", "info"]
Engine = Literal["auto", "fast", "pydantic"]
LangName = Literal["ja", "en"]
# The output formats of convert/upgrade (stdschema.conversion.writers.FORMATS), the
# editions, the formats of `schema export` (stdschema.schema.FORMATS) and of `config show`:
# literal here because their registries import pydantic; tests/test_cli_language.py checks
# that they agree.
ConvertFormat = Literal["csv", "jsonl", "json", "geojson", "xml"]
Edition = Literal["v1", "v2"]
SchemaFormat = Literal["all", "json-schema", "table-schema"]
ConfigFormat = Literal["text", "json"]

LangOption = typer.Option(None, "--lang", help=h("lang"))


def resolve_lang(value: str | None) -> Lang:
    """Validate ``--lang``; exits 2 on anything but ja/en."""
    global _run_lang
    if value is None:
        chosen = default_lang()
    elif value in ("ja", "en"):
        chosen = value  # type: ignore[assignment]
    else:
        fail(t("usage.lang", "en" if value.startswith("en") else None, value=repr(value)))
    _run_lang = chosen
    return chosen


def printable(text: object) -> str:
    """``text`` safe for a terminal: control, format and line-separator characters (ESC,
    BEL, CR, U+202E, U+200B, U+2028, ...) escaped as ``\\x1b`` etc., and the bytes of a file
    name that were not UTF-8 as ``\\xff`` (:func:`stdschema.report.escape.terminal`)."""
    from stdschema.report import escape  # its patterns compile on import: not for --help

    return escape.terminal(text)


def one_line(text: object) -> str:
    """``text`` as one printable line: whitespace runs become one space."""
    from stdschema.report import escape

    return escape.one_line(text)


def fail(message: object, code: int = 2, lang: Lang | None = None) -> NoReturn:
    """Print a one-line error to stderr and exit (2 = usage error or unreadable input).

    ``message`` is text, or an error: a :class:`~stdschema.messages.CatalogueError` is worded
    in the run's language, any other by its ``str()``."""
    if isinstance(message, CatalogueError):
        message = message.localized(lang or _run_lang)
    prefix = t("error.prefix", lang or _run_lang)
    sys.stderr.write(f"stdschema: {prefix}: {one_line(message)}\n")
    # SystemExit, not typer.Exit: main()'s last-resort handler calls this outside any
    # command, where nothing turns typer.Exit into an exit status (it escaped with a
    # traceback and exit status 1). Inside a command both end the same way.
    raise SystemExit(code)


CONSOLE_ERRORS = "stdschema-console"
"""The error handler of stdout and stderr (see the module docstring)."""

# Typographic marks whose ASCII stand-in says the same; other characters (a ✓ in a cell
# value included) are escaped so that the reader can still tell what was there.
_TYPOGRAPHIC = {"…": "...", "→": "->", "─": "-"}


def _console_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    plain = "".join(
        _TYPOGRAPHIC.get(ch) or ch.encode("ascii", "backslashreplace").decode() for ch in bad
    )
    return plain, exc.end


def install_console_errors() -> None:
    """Make stdout and stderr replace what their encoding cannot hold instead of raising
    (CP932 or ASCII redirects, ``PYTHONIOENCODING=ascii``; in UTF-8, a lone surrogate)."""
    codecs.register_error(CONSOLE_ERRORS, _console_replace)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=CONSOLE_ERRORS)


def stdout_encoding() -> str | None:
    return getattr(sys.stdout, "encoding", None)


def stdout_is_utf8() -> bool:
    encoding = stdout_encoding()
    return encoding is not None and codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def stdout_ascii_marks() -> bool:
    """True when stdout cannot encode the text report's marks (✓ ✗ ─ … →): decided once a
    run, from the stream's encoding."""
    from stdschema.report.formats._shared import needs_ascii_marks

    return needs_ascii_marks(stdout_encoding())


def check_report_format(fmt: str, lang: Lang) -> None:
    """Exit 2 unless ``fmt`` names a registered report format (a configuration file's
    ``format``; the parser checks the command line's)."""
    if fmt not in FORMATS:
        choices = ", ".join(FORMATS)
        fail(t("report.format_unknown", lang, choices=choices, value=repr(fmt)), lang=lang)


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_atomic(path: Path, text: str | bytes | Iterable[str], lang: Lang | None = None) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: never a partial file.

    ``text`` may be pieces produced while writing (a report streamed file by file), or
    the bytes of a binary file (a workbook).

    A path that may not or cannot be written (not a regular file, no such folder, no
    permission, disk full) exits 2 with one line; the new file gets the umask's mode.
    """
    from stdschema.outputs import OutputError, OutputSet, check_target

    try:
        check_target(path, lang)
        with OutputSet(lang) as outputs:
            if isinstance(text, bytes):
                outputs.open_binary(path).write(text)
            else:
                stream = outputs.open_text(path)
                for piece in [text] if isinstance(text, str) else text:
                    stream.write(piece)
            outputs.commit()
    except OutputError as exc:
        fail(exc, lang=lang)
    except OSError as exc:
        fail(t("output.nothing_written", lang, path=path, reason=exc.strerror or exc), lang=lang)


def check_outputs(
    outputs: Sequence[Path | None],
    inputs: Sequence[Path | None],
    lang: Lang | None = None,
    labels: Sequence[str] = (),
) -> None:
    """Exit 2 before any work unless every output may be written, then make their
    folders consistent (see :func:`stdschema.outputs.recover`).

    Each output must be a regular file or a new name in an existing folder
    (:func:`stdschema.outputs.check_target` decides), no two outputs may be the same
    file however spelt, and no output may be an input: outputs are renamed over their
    targets, so ``-o data.csv`` for the input ``data.csv`` would replace it.
    ``labels`` name the options of ``outputs`` (``-o``, ``--rejects``) in messages.
    """
    from stdschema.outputs import OutputError, check_target, output_key, recover

    named = [out for out in outputs if out is not None]
    names = [f"{label} {out}" for label, out in zip(labels, outputs, strict=False)]
    seen: dict[tuple[str, str], str] = {}
    for i, out in enumerate(outputs):
        if out is None:
            continue
        try:
            check_target(out, lang)
        except OutputError as exc:
            fail(exc, lang=lang)
        key = output_key(out)
        name = names[i] if i < len(names) else str(out)
        if key in seen:
            fail(t("output.same_file", lang, first=seen[key], second=name), lang=lang)
        seen[key] = name
        for src in inputs:
            if src is not None and out.exists() and src.exists() and os.path.samefile(out, src):
                fail(t("output.is_input", lang, path=out), lang=lang)
    recover(named)


def dask_target(
    context: typer.Context, dask: str | None, jobs: int, language: Lang
) -> DaskTarget | None:
    """Where ``--dask`` runs, or None without it; exit 2 on an address no run could use,
    or a ``--jobs`` that says otherwise (``--dask local`` takes its workers from it)."""
    if dask is None:
        return None
    from stdschema.distributed.runner import DaskTarget, RunnerError, parse_dask

    try:
        target = parse_dask(dask)
    except RunnerError as exc:
        fail(exc, lang=language)
    source = context.get_parameter_source("jobs")
    typed = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    if not typed or jobs == 1:
        return target
    if target.local and target.workers in (None, jobs):
        return DaskTarget(workers=jobs)
    fail(t("runner.jobs_and_dask", language, jobs=jobs, address=dask), lang=language)
