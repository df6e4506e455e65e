"""Helpers shared by the CLI commands: language option, one-line errors, JSON output."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer

from stdschema.messages import Lang, default_lang, t

# Unicode categories that are not shown as text: controls, formats, surrogates, separators.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

LangOption = typer.Option(
    None, "--lang", help="Language of messages: ja (default) or en. Env: STDSCHEMA_LANG."
)


def resolve_lang(value: str | None) -> Lang:
    """Validate ``--lang``; exits 2 on anything but ja/en."""
    if value is None:
        return default_lang()
    if value not in ("ja", "en"):
        fail(f"--lang must be ja or en, got {value!r}")
    return value  # type: ignore[return-value]


def printable(text: object) -> str:
    """``text`` safe for a terminal: control, format and line-separator characters (ESC,
    BEL, CR, U+202E, U+2028, ...) escaped as ``\\x1b`` etc. File names and cells may hold
    them; raw, they would break the one-line contract or drive the terminal."""
    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in _UNSAFE else ch for ch in str(text)
    )


def one_line(text: object) -> str:
    """``text`` as one printable line: whitespace runs become one space."""
    return printable(" ".join(str(text).split()))


def fail(message: str, code: int = 2, lang: Lang | None = None) -> NoReturn:
    """Print a one-line error to stderr and exit (2 = usage error or unreadable input)."""
    sys.stderr.write(f"stdschema: {t('error.prefix', lang)}: {one_line(message)}\n")
    # SystemExit, not typer.Exit: main()'s last-resort handler calls this outside any
    # command, where nothing turns typer.Exit into an exit status (it escaped with a
    # traceback and exit status 1). Inside a command both end the same way.
    raise SystemExit(code)


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: never a partial file.

    A path that cannot be written (a directory, a parent that is a file, no
    permission, disk full) exits 2 with one line.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            fail(f"cannot write {path}: {exc.strerror or exc}")
        raise


def check_outputs(
    outputs: Sequence[Path | None], inputs: Sequence[Path | None], lang: Lang | None = None
) -> None:
    """Exit 2 before any work when an output is a directory or one of the input files.

    Outputs are renamed over their targets, so ``-o data.csv`` for the input
    ``data.csv`` would silently replace it.
    """
    for out in outputs:
        if out is None:
            continue
        if out.is_dir():
            fail(f"cannot write {out}: it is a directory", lang=lang)
        for src in inputs:
            if src is not None and out.exists() and src.exists() and os.path.samefile(out, src):
                fail(f"{out} is also an input file; writing it would replace it", lang=lang)
