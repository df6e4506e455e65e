"""A console that cannot encode ✓ or Japanese (CP932, ASCII redirects) never crashes the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "222127_public_toilet.csv"
FORMATS = ("text", "json", "junit", "sarif", "github", "markdown", "csv")


@pytest.mark.parametrize("encoding", ["cp932", "ascii"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_output_in_a_narrow_encoding(encoding: str, fmt: str) -> None:
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONPATH=str(ROOT), STDSCHEMA_LANG="ja")
    proc = subprocess.run(
        [sys.executable, "-m", "stdschema", "validate", "-f", fmt, str(EXAMPLE)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    # The example has warnings but no errors: exit 0, the report on stdout, nothing on stderr.
    assert proc.returncode == 0, proc.stderr.decode(encoding, "replace")
    assert proc.stderr == b""
    text = proc.stdout.decode(encoding)  # what the stream can hold, nothing else
    assert "222127_public_toilet.csv" in text
