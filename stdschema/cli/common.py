"""Helpers shared by the CLI commands: language option, one-line errors, JSON output."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

import typer

from stdschema.messages import Lang, default_lang, t

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


def fail(message: str, code: int = 2, lang: Lang | None = None) -> NoReturn:
    """Print a one-line error to stderr and exit (2 = usage error or unreadable input)."""
    line = " ".join(message.split())
    sys.stderr.write(f"stdschema: {t('error.prefix', lang)}: {line}\n")
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
