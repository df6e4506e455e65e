"""A console that cannot encode ✓ or Japanese (CP932 and ASCII redirects) never crashes the CLI.

Issue 11: on Japanese Windows, where redirected output is CP932, `stdschema validate FILE >
out.txt` died with UnicodeEncodeError on ✓. Each run here is a real process with
PYTHONIOENCODING set, for every registered report format, on a valid file (exit 0) and a file
with errors (exit 1); what it prints must decode in that encoding, with ASCII marks where the
encoding lacks ✓ and Japanese kept where it has it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.report.formats import FORMATS, REPORTERS

ROOT = Path(__file__).resolve().parents[1]
VALID = Path("examples/222127_public_toilet.csv")  # warnings and infos only: exit 0
ERRORS = Path("tests/data/real/standard/yaizu_222127_tourism.csv")  # exit 1
ENCODINGS = ("cp932", "ascii")
# The text report's marks as \uXXXX escapes: what a narrow console printed before.
ESCAPED_MARKS = ("\\u2713", "\\u2717", "\\u2500", "\\u2026", "\\u2192")


def _start(encoding: str, *args: str | Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONPATH=str(ROOT), STDSCHEMA_LANG="ja")
    env.pop("NO_COLOR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "stdschema", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )


def _finish(proc: subprocess.Popen[bytes]) -> tuple[int, bytes, bytes]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_in_a_narrow_encoding(encoding: str, fmt: str, tmp_path: Path) -> None:
    binary = REPORTERS[fmt].binary
    runs = []
    for name, source in (("valid", VALID), ("errors", ERRORS)):
        args: list[str | Path] = ["validate", "-f", fmt, source]
        if binary:
            args += ["-o", tmp_path / f"{name}{REPORTERS[fmt].suffix}"]
        runs.append(_start(encoding, *args))  # both at once: half the wall time
    (valid_rc, valid_out, valid_err), (errors_rc, errors_out, errors_err) = map(_finish, runs)
    # The data decides the exit code, never the console.
    assert (valid_rc, errors_rc) == (0, 1), (valid_err + errors_err).decode(encoding, "replace")
    assert valid_err == errors_err == b""
    if binary:
        assert valid_out == errors_out == b""
        assert (tmp_path / f"errors{REPORTERS[fmt].suffix}").stat().st_size > 0
        return
    for out in (valid_out, errors_out):
        text = out.decode(encoding)  # strict: only what the stream can hold
        assert "222127_" in text
        if fmt == "text":
            assert not any(mark in text for mark in ESCAPED_MARKS)
    if fmt == "text":
        assert valid_out.decode(encoding).startswith("[OK] examples/222127_public_toilet.csv ---")
        assert errors_out.decode(encoding).startswith("[NG] tests/data/real/standard/")
        assert "[NG] " in errors_out.decode(encoding).split("\n", 9)[-1]  # severity marks too
        if encoding == "cp932":
            assert "公衆トイレ一覧" in valid_out.decode("cp932")  # Japanese stays Japanese
        else:
            assert "\\u516c\\u8846" in valid_out.decode("ascii")  # replaced visibly: 公衆


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_errors_on_stderr_in_a_narrow_encoding(encoding: str, tmp_path: Path) -> None:
    """One-line errors (unreadable input, usage) reach stderr in any encoding, exit 2."""
    missing = tmp_path / "ない.csv"
    runs = [
        _start(encoding, "validate", missing),
        _start(encoding, "validate", "--bom", "-f", "json", VALID),
        _start(encoding, "datasets", "detect", missing),
    ]
    for proc in runs:
        rc, _out, err = _finish(proc)
        assert rc == 2
        text = err.decode(encoding)
        assert text.startswith("stdschema: ") and len(text.splitlines()) == 1
        assert "Traceback" not in text
        if encoding == "cp932":
            assert "エラー" in text or "ない.csv" in text


def test_a_report_written_to_a_file_keeps_its_marks(tmp_path: Path) -> None:
    """-o writes UTF-8 whatever the console: the file keeps ✓ and ─."""
    out = tmp_path / "report.txt"
    rc, stdout, _ = _finish(_start("ascii", "validate", VALID, "-o", out))
    assert rc == 0 and stdout == b""
    assert out.read_text(encoding="utf-8").startswith("✓ examples/222127_public_toilet.csv ─")


def test_other_commands_in_a_narrow_encoding() -> None:
    """datasets show and detect print tables and Japanese names: never a crash."""
    runs = [
        (_start(enc, *args), enc)
        for enc in ENCODINGS
        for args in (("datasets", "show", "public_toilets@v2"), ("datasets", "detect", VALID))
    ]
    for proc, encoding in runs:
        rc, out, err = _finish(proc)
        assert rc == 0, err.decode(encoding, "replace")
        out.decode(encoding)
        assert err == b""
