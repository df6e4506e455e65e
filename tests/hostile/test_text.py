"""Untrusted text through the real CLI: every report format, ``datasets detect``, the progress
bar and ``map suggest`` on hostile file names and cells (issue 17, "text").

Each run asserts the harness contract (exit code, no traceback, no terminal escapes, bounded
memory and time) plus what the format promises: GitHub output is one workflow command a
problem line, Markdown makes no link or image from a cell, JSON/SARIF/JUnit/CSV parse, every
output is valid UTF-8, and a mapping that ``map suggest`` writes loads and names the exact
header.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stdschema.conversion.mapping import load_mapping
from stdschema.report.escape import UNSAFE
from tests.hostile.corpus import DATASET, GOOD_CSV, HEADER
from tests.hostile.harness import ROOT, TIMEOUT, Result, assert_contract, run, tree
from tests.hostile.kinds_text import HOSTILE_CSV, long_values

FORMATS = ("text", "json", "junit", "sarif", "github", "markdown", "csv")
NOT_UTF8 = b"\xff\xfe.csv".decode("utf-8", "surrogateescape")
NAMES = (
    NOT_UTF8,
    "a\n::error::pwned.csv",
    "::warning::b.csv",
    "[/bold].csv",
    "[link=https:/x]a[/link].csv",  # a folder "[link=https:" holding "x]a[", as a shell sees it
    "\u202etxt.csv",
    "z\u200b\u2060\ufeff.csv",
)
# Raw in no output: controls but tab and line breaks, bidi, zero-width, separators, surrogates.
RAW = re.compile("(?![\t\n\r])" + UNSAFE.pattern)
SHOWN = {"error", "warning"}  # what -f github shows with --fail-on error


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of hostile names and cells (validated as one run)."""
    root = tmp_path_factory.mktemp("text")
    data = root / "in"
    for name in NAMES:
        _write(data / name, GOOD_CSV)
    _write(data / "cells.csv", HOSTILE_CSV)
    header = HEADER + ",\x1b]8;;https://evil.invalid\x07h\x1b]8;;\x07\u202e"
    _write(data / "header.csv", header + "\n" + GOOD_CSV.split("\n", 1)[1].replace("\n", ",a\n"))
    return root


def _validate(corpus: Path, fmt: str, *extra: str) -> Result:
    args = ["validate", "--lang", "en", "-d", DATASET, "-f", fmt, *extra, "in"]
    return run(list(args), corpus)


def _layout(res: Result, fmt: str) -> Result:
    """``res`` without the CSV report's CRLF line ends, which the contract's check of raw
    controls would otherwise count (a CR inside a cell is escaped)."""
    if fmt != "csv":
        return res
    return dataclasses.replace(res, stdout=res.stdout.replace("\r\n", "\n"))


def _utf8(data: bytes) -> str:
    text = data.decode("utf-8")  # strict: raises on anything that is not UTF-8
    assert not RAW.search(text), RAW.search(text)
    return text


def _check_format(fmt: str, text: str, problems: int) -> None:
    """What each format promises beyond being safe to print."""
    if fmt == "json":
        data = json.loads(text)
        paths = {f["path"] for f in data["files"]}
        assert "in/\\xff\\xfe.csv" in paths, paths
        assert "in/a\n::error::pwned.csv" in paths  # data, exact: JSON encodes the newline
    elif fmt == "sarif":
        data = json.loads(text)
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in data["runs"][0]["results"]
        }
        assert "in/%FF%FE.csv" in uris, uris  # the real file's bytes, percent-encoded
    elif fmt == "junit":
        ET.fromstring(text.split("\n", 1)[1])
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) == problems + 1
        assert all(not row[8].startswith(("=", "+", "@")) for row in rows[1:])
    elif fmt == "github":
        lines = text.splitlines()
        # One workflow command a line: at most 10 annotations of a kind (what GitHub shows a
        # step), then one notice counting the problems left out; no cell forges a command.
        annotations, summary = lines[:-1], lines[-1]
        assert all(re.match(r"::(error|warning|notice) file=[^\n]*::", a) for a in annotations)
        for kind in ("error", "warning", "notice"):
            assert sum(1 for a in annotations if a.startswith(f"::{kind} ")) <= 10, text
        shown = re.search(r"::(\d+) of (\d+) problems", summary)
        assert shown is not None, summary
        assert (int(shown[1]), int(shown[2])) == (len(annotations), problems)
        assert not [line for line in lines if line.startswith("::error::pwned")]
    elif fmt == "markdown":
        _check_markdown(text)
    elif fmt == "text":
        lines = text.splitlines()
        assert not [line for line in lines if line.lstrip().startswith(("::", "##"))], text
        assert "\\x1b]8;;https" in text and "\\u202e" in text


def _check_markdown(text: str) -> None:
    # No unescaped "](" and no autolink outside code, whatever GitHub's renderer does...
    assert not re.search(r"(?<!\\)\]\(", text), text
    outside_code = re.sub(r"`[^`]*`", "", text)
    assert not re.search(r"https?://|www\.", outside_code, re.IGNORECASE), outside_code
    assert "<img" not in text and "<https" not in text
    # ...and a CommonMark renderer with GFM tables makes no link, image or HTML of a cell.
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<a " not in html and "<img" not in html, html
    assert "[click](https://evil.invalid/x)" not in html
    assert "<code>https://evil.invalid/x)</code>" in html or "<code>https://evil.invalid/x" in html


def _problems(corpus: Path) -> tuple[int, int]:
    """(problems shown by -f github, all problems held) from the JSON report of the run."""
    res = _validate(corpus, "json")
    data = json.loads(res.stdout_bytes.decode("utf-8"))
    held = [p for f in data["files"] for p in f["problems"]]
    errors = [f for f in data["files"] if f["error"]]
    shown = [p for p in held if p["severity"] in SHOWN]
    return len(shown) + len(errors), len(held) + len(errors)


@pytest.fixture(scope="module")
def counts(corpus: Path) -> tuple[int, int]:
    return _problems(corpus)


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_hostile_names_and_cells(fmt: str, corpus: Path, counts: tuple[int, int]) -> None:
    shown, held = counts
    res = _validate(corpus, fmt)
    assert_contract(_layout(res, fmt), 1)
    assert res.stderr == ""
    text = _utf8(res.stdout_bytes)
    _check_format(fmt, text, shown if fmt == "github" else held)

    before = tree(corpus)
    report = corpus / f"report.{fmt}"
    res = _validate(corpus, fmt, "-o", report.name)
    assert_contract(_layout(res, fmt), 1)
    assert tree(corpus) == sorted([*before, report.name])
    data = report.read_bytes()
    if fmt == "csv":
        # -o *.csv writes the one BOM Excel needs, at the very start; nothing else may hide.
        assert data.startswith(b"\xef\xbb\xbf")
        data = data[3:]
    written = _utf8(data)
    _check_format(fmt, written, shown if fmt == "github" else held)
    report.unlink()


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long")
    long_values(root / "long.csv")
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_values_are_shortened(fmt: str, long_file: Path) -> None:
    """9 MiB values (< 60 s, < 500 MB): human formats quote 100 characters and the length;
    machine formats keep 10,000 characters and the length."""
    res = run(["validate", "--lang", "en", "-d", DATASET, "-f", fmt, "long.csv"], long_file)
    assert_contract(_layout(res, fmt), 1, r"\(9,437,184\s+characters\)")
    kept = 100 if fmt in ("text", "github", "markdown", "junit") else 10_000
    assert "x" * kept in res.stdout and "x" * (kept + 1) not in res.stdout
    assert len(res.stdout_bytes) < 50 * kept + 200_000


def test_long_values_japanese(long_file: Path) -> None:
    res = run(["validate", "-d", DATASET, "-f", "text", "long.csv"], long_file, lang="ja")
    assert_contract(res, 1, r"…（全\s*9,437,184\s*文字）")


def test_detect_prints_names_as_text(corpus: Path) -> None:
    files = sorted(str(p.relative_to(corpus)) for p in (corpus / "in").rglob("*.csv"))
    res = run(["datasets", "detect", "--lang", "en", *files], corpus)
    assert_contract(res, 1)  # not recognised: a four-column file
    text = _utf8(res.stdout_bytes)
    lines = text.splitlines()
    assert len(lines) == len(files), text  # one line a file: no newline from a name
    assert not [line for line in lines if line.lstrip().startswith(("::", "##"))], text
    assert "\x1b" not in text  # no OSC 8 hyperlink from [link=...]
    assert "in/[link=https:/x]a[/link].csv: " in text and "in/[/bold].csv: " in text
    assert "in/\\xff\\xfe.csv: " in text and "in/a\\n::error::pwned.csv: " in text
    assert "in/\\u202etxt.csv: " in text

    res = run(["datasets", "detect", "--lang", "en", "--json", *files], corpus)
    assert_contract(res, 1)
    paths = [r["path"] for r in json.loads(_utf8(res.stdout_bytes))]
    assert "in/\\xff\\xfe.csv" in paths and "in/[/bold].csv" in paths
    assert "in/z\u200b\u2060\ufeff.csv" in paths  # exact, as JSON escapes


def _pty_run(args: list[str], cwd: Path) -> tuple[int, str]:
    """The CLI with stderr on a terminal (where the progress bar shows), stdout to a pipe."""
    primary, secondary = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT), STDSCHEMA_LANG="en", COLUMNS="200")
    proc = subprocess.Popen(
        [sys.executable, "-m", "stdschema", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    )
    os.close(secondary)
    seen = b""
    while True:
        ready, _, _ = select.select([primary], [], [], TIMEOUT)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    return proc.wait(timeout=TIMEOUT), seen.decode("utf-8", "replace")


# The bar shows the base name, which holds no '/': an opening tag is what it can carry.
@pytest.mark.parametrize("name", ["[link=mailto:evil]x.csv", "[reverse]y.csv", "a[/b].csv"])
def test_progress_bar_shows_markup_names_as_text(name: str, tmp_path: Path) -> None:
    # Over 5 MiB, so that the progress bar shows, and valid, so that the run ends with 0.
    row = GOOD_CSV.split("\n", 1)[1]
    rows = row * (6 * 1024 * 1024 // len(row.encode()) + 1)
    _write(tmp_path / name, HEADER + "\n" + rows)
    code, seen = _pty_run(["validate", "--lang", "en", "-d", DATASET, "-q", name], tmp_path)
    assert code in (0, 1), seen
    assert "MarkupError" not in seen and "Traceback" not in seen, seen
    assert "\x1b]8;" not in seen, "an OSC 8 hyperlink from a file name"
    assert "\x1b[7m" not in seen, "a style from a file name"
    assert f"{Path(name).name} " in seen, seen  # the bar did show, the name as plain text


# Header cells that a terminal would obey and that YAML refuses raw, each on a column that
# map suggest maps by its name (so the exact header must appear as `source:`).
SUGGEST_HEADERS = {
    "所在地_連結表記": (
        "所在地_連結表記\x1b]8;;https://evil.invalid\x07\u202e\x9b31m\u2028\"'\\ \u200b\x1b]8;;\x07"
    ),
}


def test_map_suggest_writes_loadable_escaped_yaml(tmp_path: Path) -> None:
    header = HEADER
    for plain, hostile in SUGGEST_HEADERS.items():
        header = header.replace(plain, hostile)
    _write(tmp_path / "in.csv", header + "\n" + GOOD_CSV.split("\n", 1)[1] * 3)
    args: list[str | bytes] = ["map", "suggest", "--lang", "en", "-d", DATASET, "in.csv"]
    res = run(args, tmp_path)
    assert_contract(res, 0)
    _utf8(res.stdout_bytes)

    res = run([*args, "-o", "m.yaml"], tmp_path)
    assert_contract(res, 0)
    assert tree(tmp_path) == ["in.csv", "m.yaml"]
    _utf8((tmp_path / "m.yaml").read_bytes())
    mapping = load_mapping(tmp_path / "m.yaml")
    sources = {name: rule.source for name, rule in mapping.columns.items()}
    for plain, hostile in SUGGEST_HEADERS.items():
        assert sources[plain] == hostile, sources  # the exact header, round-tripped

    res = run(["convert", "--lang", "en", "in.csv", "-m", "m.yaml", "-o", "out.csv"], tmp_path)
    assert_contract(res, 0, r"read 3 = written 3 \+ rejected 0")
    out = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "静岡県焼津市駅北5丁目2-11" in out and "施設内" in out


def test_map_suggest_name_not_utf8(tmp_path: Path) -> None:
    _write(tmp_path / NOT_UTF8, GOOD_CSV)
    res = run(["map", "suggest", "--lang", "en", "-d", DATASET, NOT_UTF8, "-o", "m.yaml"], tmp_path)
    assert_contract(res, 0)
    text = _utf8((tmp_path / "m.yaml").read_bytes())
    assert "# input:  \\xff\\xfe.csv" in text
    load_mapping(tmp_path / "m.yaml")
    res = run(["map", "suggest", "--lang", "en", "-d", DATASET, NOT_UTF8], tmp_path)
    assert_contract(res, 0, r"# input:  \\xff\\xfe\.csv")
    _utf8(res.stdout_bytes)

    out = b"\xfe\n::error::m.yaml".decode("utf-8", "surrogateescape")
    res = run(["map", "suggest", "--lang", "en", "-d", DATASET, NOT_UTF8, "-o", out], tmp_path)
    assert_contract(res, 0)
    assert _utf8(res.stdout_bytes) == "\\xfe\\n::error::m.yaml: 5/39 columns mapped\n"


def test_lang_en_never_prints_japanese_error_prefix(tmp_path: Path) -> None:
    """--lang en wins over STDSCHEMA_LANG=ja also for errors raised without a language: the
    last-resort handler's internal error (here forced) and failures deep in a command."""
    code = (
        "import sys; from stdschema.report import render\n"
        "def boom(*a, **k): raise RuntimeError('boom')\n"
        "render.render = boom\n"
        "from stdschema.cli import main\n"
        "sys.argv = ['stdschema', *sys.argv[1:]]; main()\n"
    )
    _write(tmp_path / "in.csv", GOOD_CSV)
    args = ["validate", "--lang", "en", "-d", DATASET, "in.csv"]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(ROOT), STDSCHEMA_LANG="ja"),
        timeout=TIMEOUT,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        "stdschema: error: internal error: RuntimeError: boom (a bug in stdschema; please report it with this line)"
    ]

    for args in (
        ["validate", "--lang", "en", "-d", DATASET, "in.csv", "-o", "missing/dir/r.json"],
        ["validate", "--lang", "en", "-d", "no_such@v9", "in.csv"],
        ["convert", "--lang", "en", "in.csv", "-m", "none.yaml", "-o", "o.csv"],
        ["map", "suggest", "--lang", "en", "-d", DATASET, "none.csv"],
        ["datasets", "detect", "--lang", "en", "none.csv"],
    ):
        res = run(list(args), tmp_path, lang="ja")
        assert_contract(res, 2, r"^stdschema: error: ")
        assert not re.search(r"[エ警情]", res.stderr), res.stderr


@pytest.mark.parametrize("name", ["::error::x.csv", "a\n::error::pwned.csv", NOT_UTF8])
def test_convert_summary_starts_no_workflow_command(name: str, tmp_path: Path) -> None:
    from tests.hostile.corpus import MAPPING

    _write(tmp_path / name, GOOD_CSV)
    _write(tmp_path / "mapping.yaml", MAPPING)
    (tmp_path / "out").mkdir()
    res = run(["convert", "--lang", "en", name, "-m", "mapping.yaml", "-o", "out/o.csv"], tmp_path)
    assert_contract(res, 0, r"read 1 = written 1 \+ rejected 0")
    lines = _utf8(res.stdout_bytes).splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::")], lines
