"""Shared helpers of the fuzz targets: a scratch file and the atheris entry point.

``FUZZ_FINDINGS=DIR`` makes a run keep going after a finding: each distinct
failure (exception type, the line that raised it and a ``Finding``'s key) is
saved once to DIR as the input plus its traceback, instead of stopping
libFuzzer at the first one.
Without it a finding stops the run and libFuzzer writes ``crash-<sha1>``.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

_scratch_dir: Path | None = None


def scratch(name: str, data: bytes) -> Path:
    """Write ``data`` to a per-process scratch file (reused across inputs)."""
    global _scratch_dir
    if _scratch_dir is None:
        _scratch_dir = Path(tempfile.mkdtemp(prefix="stdschema-fuzz-"))
        atexit.register(shutil.rmtree, _scratch_dir, True)
    path = _scratch_dir / name
    path.write_bytes(data)
    return path


def one_line(text: str) -> bool:
    """True when ``text`` has no line break (the CLI prints errors as one line)."""
    return "\n" not in text and "\r" not in text


class Finding(AssertionError):
    """A broken invariant; ``key`` tells distinct kinds apart in a ``FUZZ_FINDINGS`` run."""

    def __init__(self, key: str, detail: str) -> None:
        super().__init__(f"{key}: {detail}")
        self.key = key


def _keep_going(target: Callable[[bytes], None], out: Path) -> Callable[[bytes], None]:
    out.mkdir(parents=True, exist_ok=True)
    seen: set[tuple[str, str]] = set()

    def wrapped(data: bytes) -> None:
        try:
            target(data)
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{frame.filename}:{frame.lineno}"
            key = (type(exc).__name__, f"{where} {getattr(exc, 'key', '')}".strip())
            if key in seen:
                return
            seen.add(key)
            stem = f"{key[0]}-{hashlib.sha1(data).hexdigest()[:12]}"
            (out / f"{stem}.bin").write_bytes(data)
            (out / f"{stem}.txt").write_text("".join(traceback.format_exception(exc)))
            print(f"FINDING {key[0]} at {key[1]} -> {out / stem}.bin", file=sys.stderr)

    return wrapped


def run(target: Callable[[bytes], None]) -> None:
    """Fuzz ``target`` with atheris, all loaded Python code instrumented for coverage."""
    import atheris

    atheris.instrument_all()
    findings = os.environ.get("FUZZ_FINDINGS")
    test = _keep_going(target, Path(findings)) if findings else target
    atheris.Setup(sys.argv, test)
    atheris.Fuzz()
