"""Run memory, conversions that would write nothing, mapping strictness, deep folders, URLs.

Cases of issue 17 ("misc") that need generated inputs larger than the corpus holds or
several files; each run goes through the hostile harness (one subprocess, peak RSS
< 500 MB, 60 s) and asserts the contract. Figures before the fixes (same machine):
10,000 small files to ``-f json -o`` took 1.9 GB; 2,000 files of 250 rows 0.6–1.8 GB
depending on the format; one ID on 2,000,000 rows with ``--max-problems 0`` 720 MB
with either engine.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.corpus import DATASET, GOOD_CSV, HEADER, MAPPING, ROW
from tests.hostile.harness import Result, assert_contract, run, tree

VALIDATE = ["validate", "--lang", "en", "-d", DATASET]
SMALL_FILES = 10_000
FAT_FILES, FAT_ROWS = 2_000, 250


def _write_files(directory: Path, count: int, body: str) -> Path:
    directory.mkdir()
    data = body.encode("utf-8")
    for i in range(count):
        (directory / f"{i:05d}.csv").write_bytes(data)
    return directory


@pytest.fixture(scope="module")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 files of two rows, each with 35 problems (missing recommended columns)."""
    root = tmp_path_factory.mktemp("small")
    return _write_files(root / "in", SMALL_FILES, f"{HEADER}\n{ROW}\n{ROW}\n")


@pytest.fixture(scope="module")
def fat_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 files of 250 rows, each row without its required 名称 (an error a row)."""
    root = tmp_path_factory.mktemp("fat")
    row = "222127,,静岡県焼津市駅北5丁目2-11,施設内\n"
    return _write_files(root / "in", FAT_FILES, HEADER + "\n" + row * FAT_ROWS)


def _json_outline(path: Path) -> tuple[int, dict[str, object]]:
    """(file entries, run summary) of a JSON report too large to load in the test."""
    entries = 0
    tail = ""
    start = '\n    {\n      "path": '
    with open(path, encoding="utf-8") as fh:
        while chunk := fh.read(1 << 22):
            text = tail + chunk
            entries += text.count(start)
            # Too short to hold a whole match (counted already), long enough for a cut one.
            tail = text[-(len(start) - 1) :]
    with open(path, "rb") as fh:
        fh.seek(max(path.stat().st_size - 4096, 0))
        end = fh.read().decode("utf-8", errors="replace")
    summary = json.loads("{" + end[end.rindex('\n  "summary": ') :])["summary"]
    return entries, summary


# --- 1. run memory: reports are streamed ------------------------------------------------


def test_json_report_of_10000_small_files_is_streamed(small_files: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    res = run([*VALIDATE, "-f", "json", "-o", str(report), str(small_files)], cwd=tmp_path)
    assert_contract(res, 0)
    entries, summary = _json_outline(report)
    assert entries == SMALL_FILES
    # 35 missing columns of 39, and the guidance that such a file is better converted
    assert summary["warning"] + summary["info"] == 36 * SMALL_FILES
    assert summary["by_code"] == {"missing-label": 35 * SMALL_FILES, "needs-mapping": SMALL_FILES}
    assert tree(tmp_path) == ["report.json"]


# Files a format: the slowest renderers (JSON and SARIF encode every problem with an
# indent; text lays out tables) get fewer, still far past 500 MB before the fix.
FIRST_1000, FIRST_1500 = ["00*.csv"], ["00*.csv", "01[0-4]*.csv"]


@pytest.mark.parametrize(
    ("fmt", "globs", "count"),
    [
        ("json", FIRST_1000, 1000),
        ("sarif", FIRST_1000, 1000),
        ("text", FIRST_1500, 1500),
        ("junit", ["*.csv"], FAT_FILES),
        ("github", ["*.csv"], FAT_FILES),
        ("markdown", ["*.csv"], FAT_FILES),
        ("csv", ["*.csv"], FAT_FILES),
    ],
)
def test_every_format_streams_many_files(
    fmt: str, globs: list[str], count: int, fat_files: Path, tmp_path: Path
) -> None:
    report = tmp_path / f"report.{fmt}"
    inputs = [str(fat_files / glob) for glob in globs]
    res = run([*VALIDATE, "-f", fmt, "-o", str(report), *inputs], cwd=tmp_path)
    assert_contract(res, 1)
    assert tree(tmp_path) == [report.name]
    problems = count * FAT_ROWS
    with open(report, encoding="utf-8") as fh:
        head = fh.read(1 << 16)
    size = report.stat().st_size
    with open(report, "rb") as fh:
        fh.seek(max(size - 8192, 0))
        end = fh.read().decode("utf-8", errors="replace")
    if fmt == "json":
        entries, summary = _json_outline(report)
        assert entries == count and summary["error"] == problems
    elif fmt == "text":
        assert re.search(rf"Result: invalid \({count} file\(s\): {problems} errors", end)
    elif fmt == "junit":
        # A test case a (file, code, severity): blank-required (error), missing-label
        # (warning and info) and needs-mapping (info); only the errors fail (--fail-on error).
        assert re.search(
            rf'<testsuites name="stdschema" tests="{count * 4}" failures="{count}" ', head
        )
        assert end.endswith("</testsuites>\n")
    elif fmt == "sarif":
        assert '"id": "blank-required"' in head and end.endswith("  ]\n}\n")
    elif fmt == "markdown":
        assert f"({count} file(s): {problems} errors" in head
    elif fmt == "csv":
        # utf-8-sig: a report written with -o *.csv begins with a BOM (Excel needs it).
        with open(report, encoding="utf-8-sig", newline="") as fh:
            rows = csv.reader(fh)
            code = next(rows).index("code")
            count = sum(1 for row in rows if row[code] == "blank-required")
        assert count == problems
    else:  # github: what GitHub shows a step (10 errors), then one line counting the rest
        with open(report, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        assert sum(1 for line in lines if line.startswith("::error ")) == 10
        assert lines[-1].startswith("::notice title=stdschema annotations::")
        # It counts the errors (one a row) and each file's warnings (missing ○ columns).
        counted = re.search(r"::(\d+) of (\d+) problems", lines[-1])
        assert counted is not None and int(counted[1]) == len(lines) - 1
        assert int(counted[2]) > problems


# --- 2. one ID on two million rows ----------------------------------------------------------


@pytest.fixture(scope="module")
def repeated_id(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ids") / "in.csv"
    row = "222127,A1,駅北公衆トイレ,静岡県焼津市駅北5丁目2-11,施設内\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置\n")
        for _ in range(20):
            fh.write(row * 100_000)
    return path


@pytest.mark.parametrize("engine", ["fast", "pydantic"])
def test_one_id_on_two_million_rows(engine: str, repeated_id: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    args = [*VALIDATE, "--engine", engine, "--max-problems", "0", "-f", "json"]
    res = run([*args, "-o", str(report), str(repeated_id)], cwd=tmp_path)
    assert_contract(res, 1)
    file = json.loads(report.read_text(encoding="utf-8"))["files"][0]
    assert file["engine"] == engine
    assert file["rows"] == 2_000_000
    assert file["summary"]["by_code"]["unique-error"] == 1_999_999
    assert file["summary"]["by_column"]["ID"] == 1_999_999
    assert file["problems"] == [] and file["problems_truncated"]


# --- 3, 4. mappings that would write nothing, and duplicate keys -----------------------------

CONVERT = ["convert", "in.csv", "-m", "mapping.yaml", "-o", "out/out.csv"]
TWO_ROWS = f"{HEADER}\n{ROW}\n222127,駅南,静岡県焼津市,施設内\n"


def _convert(tmp_path: Path, mapping: str, lang: str = "en") -> Result:
    (tmp_path / "in.csv").write_text(TWO_ROWS, encoding="utf-8")
    (tmp_path / "mapping.yaml").write_text(mapping, encoding="utf-8")
    (tmp_path / "out").mkdir(exist_ok=True)
    return run(["convert", "--lang", lang, *CONVERT[1:]], cwd=tmp_path, lang=lang)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", r"mapping\.yaml:3:\d+: line 3, column \d+: columns is empty: every output cell"),
        ("ja", r"mapping\.yaml:3:\d+: 3 行目 \d+ 文字目: columns に列が一つもありません"),
    ],
)
def test_mapping_without_columns_is_refused(lang: str, message: str, tmp_path: Path) -> None:
    res = _convert(tmp_path, f"version: 1\ntarget: {DATASET}\ncolumns: {{}}\n", lang)
    assert_contract(res, 2, message)
    assert tree(tmp_path / "out") == []


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", r"mapping\.yaml:6:3: line 6, column 3: duplicate key '名称' \(first at line 5\)"),
        (
            "ja",
            r"mapping\.yaml:6:3: 6 行目 3 文字目: キー「名称」が重複しています（最初は 5 行目）",
        ),
    ],
)
def test_duplicate_mapping_keys_are_refused(lang: str, message: str, tmp_path: Path) -> None:
    mapping = MAPPING.replace(
        "  所在地_連結表記:", "  名称: {source: 所在地_連結表記}\n  所在地_連結表記:"
    )
    res = _convert(tmp_path, mapping, lang)
    assert_contract(res, 2, message)
    assert tree(tmp_path / "out") == []


def test_duplicate_keys_inside_a_column_rule_are_refused(tmp_path: Path) -> None:
    mapping = MAPPING.replace(
        "名称: {source: 名称, transforms: [trim]}",
        "名称: {source: 名称, map: {'○': '1', '○': '2'}}",
    )
    res = _convert(tmp_path, mapping)
    assert_contract(res, 2, r"mapping\.yaml:5:\d+: .*duplicate key '○' \(first at line 5\)")


def _rejects(tmp_path: Path) -> list[list[str]]:
    with open(tmp_path / "out/out.csv.rejects.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize(
    ("lang", "reason", "summary"),
    [
        (
            "en",
            "every output cell is blank after the mapping and transforms",
            r"read 2 = written 0 \+ rejected 2",
        ),
        (
            "ja",
            "マッピングと変換の結果、出力の値がすべて空欄になりました",
            r"読み込み 2 行 = 書き出し 0 行 \+ 除外 2 行",
        ),
    ],
)
def test_rows_the_mapping_empties_are_rejected(
    lang: str, reason: str, summary: str, tmp_path: Path
) -> None:
    mapping = (
        f"version: 1\ntarget: {DATASET}\ncolumns:\n"
        "  名称: {source: 名称, transforms: [{blank_if: {values: [駅北公衆トイレ, 駅南]}}]}\n"
    )
    res = _convert(tmp_path, mapping, lang)
    assert_contract(res, 1, summary)
    rejects = _rejects(tmp_path)
    assert rejects[0][:3] == ["line", "row", "reasons"]
    assert [r[:3] for r in rejects[1:]] == [["2", "2", reason], ["3", "3", reason]]
    with open(tmp_path / "out/out.csv", encoding="utf-8-sig") as fh:
        assert len(fh.read().splitlines()) == 1  # the header only: no row of blanks


def test_required_column_emptied_by_a_transform_is_rejected(tmp_path: Path) -> None:
    mapping = MAPPING.replace(
        "名称: {source: 名称, transforms: [trim]}",
        "名称: {source: 名称, transforms: [{blank_if: {values: [駅南]}}]}",
    )
    res = _convert(tmp_path, mapping)
    assert_contract(res, 1, r"read 2 = written 1 \+ rejected 1")
    rejected = [r[:3] for r in _rejects(tmp_path)[1:]]
    assert rejected == [["3", "3", "Required column '名称' is blank."]]


def test_convert_of_good_rows_is_unchanged(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "in.csv").write_text(GOOD_CSV, encoding="utf-8")
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    res = run(["convert", "--lang", "en", *CONVERT[1:]], cwd=tmp_path)
    assert_contract(res, 0, r"read 1 = written 1 \+ rejected 0")


# --- 5. folders nested too deep ------------------------------------------------------------


def _nest(root: Path, depth: int) -> None:
    """``root/d/d/…/x.csv`` ``depth`` folders deep (made relative to each folder: the
    path is longer than PATH_MAX allows at once)."""
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("x.csv", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, GOOD_CSV.encode())
        os.close(out)
    finally:
        os.close(fd)


def _unnest(root: Path) -> None:
    """Delete a tree of any depth (shutil.rmtree, and so pytest's clean-up, recurses a
    level at a time and fails on this one)."""
    fds = [os.open(root, os.O_RDONLY)]
    names: list[str] = []
    while fds:
        folders = []
        for entry in os.scandir(fds[-1]):
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.name)
            else:
                os.unlink(entry.name, dir_fd=fds[-1])
        if folders:
            fds.append(os.open(folders[0], os.O_RDONLY, dir_fd=fds[-1]))
            names.append(folders[0])
            continue
        os.close(fds.pop())
        if fds:
            os.rmdir(names.pop(), dir_fd=fds[-1])
    os.rmdir(root)


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[Path]:
    _nest(tmp_path / "deep", 1100)
    yield tmp_path
    _unnest(tmp_path / "deep")


@pytest.mark.parametrize(
    ("arg", "lang", "message"),
    [
        ("deep", "en", r"^stdschema: error: deep: folders are nested deeper than 128 levels$"),
        (
            "deep",
            "ja",
            r"^stdschema: エラー: deep: フォルダーの入れ子が深すぎます（128 階層まで）$",
        ),
        ("deep/**/*.csv", "en", r"deep/\*\*/\*\.csv: folders are nested deeper than 128"),
    ],
)
def test_folders_nested_1100_deep(arg: str, lang: str, message: str, deep: Path) -> None:
    tmp_path = deep
    report = tmp_path / "report.json"
    args = ["validate", "--lang", lang, "-d", DATASET, "-f", "json", "-o", str(report), arg]
    res = run(args, cwd=tmp_path, lang=lang)
    assert_contract(res, 2, message)
    assert not report.exists()


def test_folders_within_the_limit_are_searched_without_following_links(tmp_path: Path) -> None:
    _nest(tmp_path / "tree", 100)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text(GOOD_CSV, encoding="utf-8")
    (tmp_path / "tree" / "link").symlink_to(outside, target_is_directory=True)
    (tmp_path / "tree" / "d" / "loop").symlink_to(tmp_path / "tree", target_is_directory=True)
    report = tmp_path / "report.json"
    res = run([*VALIDATE, "-f", "json", "-o", str(report), "tree"], cwd=tmp_path)
    assert_contract(res, 0)
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert [Path(f["path"]).name for f in files] == ["x.csv"]
    assert len(Path(files[0]["path"]).parts) == 102


# --- 6. URLs -------------------------------------------------------------------------------

URLS = {
    "https://evil.invalid\\@city.lg.jp/": False,
    "https://www.city.lg.jp/a\\b": False,
    "https://www.city.lg.jp/\x01x": False,
    "https://www.city.lg.jp/\x7f": False,
    "https://www.city.lg.jp/\x1b[31m": False,
    "https://www.city.lg.jp/a\tb": False,
    "https://xn--eckwd4c7c.xn--zckzah/": True,  # an internationalised name, ASCII form
    "https://www.city.yaizu.lg.jp/a?b=1#c": True,
}


@pytest.mark.parametrize("engine", ["fast", "pydantic"])
def test_url_rule_refuses_controls_and_backslashes(engine: str, tmp_path: Path) -> None:
    rows = [f"{HEADER},画像"]
    for url in URLS:
        rows.append(f'{ROW},"{url}"')
    (tmp_path / "in.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    args = [*VALIDATE, "--engine", engine, "-f", "json", "-o", str(report), "in.csv"]
    res = run(args, cwd=tmp_path)
    assert_contract(res, 1)
    problems = json.loads(report.read_text(encoding="utf-8"))["files"][0]["problems"]
    refused = {
        p["line"] for p in problems if p["code"] != "missing-label" and p["header"] == "画像"
    }
    expected = {line for line, ok in enumerate(URLS.values(), start=2) if not ok}
    assert refused == expected
