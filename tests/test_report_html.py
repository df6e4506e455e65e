"""The HTML report as a file: what its markup holds, without a browser (tests/test_browser.py
opens it in Chromium).

Hostile cells and file names stay text, the page loads nothing from the network, the script
runs by its hash only, Japanese is the default language, 10,000 problems stay under 5 MB,
each problem names the spreadsheet cell its value is in, the map classifies points, and
the CLI writes it with -o and exits 0/1 as the data decides.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.report.formats.html import SHEET_LIMIT, TILE_ORIGIN
from stdschema.report.render import render
from stdschema.validation import validate

REAL = Path(__file__).parent / "data" / "real"
TOURISM = REAL / "standard" / "yaizu_222127_tourism.csv"  # errors; cells with line breaks
EVENT = REAL / "v2" / "12_event__122319_inzai.csv"  # warnings and infos only
AED = REAL / "standard" / "yaizu_222127_aed.csv"
MARKED = REAL / "standard" / "takamatsu_public_toilet.csv"  # a leading #property column

SCRIPT_CELL = "<script>window.__pwned=1</script>"
IMG_CELL = '"><img src=x onerror="window.__pwned=1">'
CLOSE_CELL = "</script><script>window.__pwned=1</script><!--"


def aed_rows() -> tuple[list[str], list[list[str]]]:
    with AED.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([header, *rows])
    return path


def hostile_csv(folder: Path) -> Path:
    """An AED file whose names, notes and file name are markup; one row's coordinates are
    swapped, one's are outside Japan."""
    header, body = aed_rows()
    rows = [list(r) for r in body[:5]]
    name, note, lat, lon = (header.index(h) for h in ("名称", "備考", "緯度", "経度"))
    rows[0][name] = SCRIPT_CELL
    rows[1][name] = IMG_CELL
    rows[2][note] = CLOSE_CELL
    rows[3][lat], rows[3][lon] = rows[3][lon], rows[3][lat]
    rows[4][lat], rows[4][lon] = "10.5", "100.25"
    return write_csv(folder / "aed<b>x&amp;.csv", header, rows)


def page(path: Path, lang: str = "ja") -> str:
    report = validate(path, lang=lang)  # type: ignore[arg-type]
    return render(report, "html")


def data_blocks(html: str) -> list[dict[str, Any]]:
    """Each file's JSON data block, read as the page's script reads it."""
    found = re.findall(r'<script type="application/json" class="file-data">(.*?)</script>', html)
    return [json.loads(block) for block in found]


def problems(block: dict[str, Any]) -> list[dict[str, Any]]:
    strings = block["strings"]
    fields = ["sev", "code", "row", "col", "letter", "header", "record", "value", "message"]
    out = []
    for p in block["problems"]:
        item = dict(zip(fields, p, strict=False))
        for key in ("code", "letter", "header", "record", "value", "message"):
            item[key] = None if item[key] is None else strings[item[key]]
        out.append(item)
    return out


def test_hostile_values_and_file_names_stay_text(tmp_path: Path) -> None:
    html = page(hostile_csv(tmp_path))
    # Three script elements, all the page's own: the labels, the file's data, the script.
    assert len(re.findall(r"<script\b", html)) == 3
    assert "<img" not in html and not re.search(r"<[^>]*onerror", html)
    assert "<b>" not in html and "aed&lt;b&gt;x&amp;amp;.csv" in html  # the file name
    assert SCRIPT_CELL not in html and CLOSE_CELL not in html
    # The data block reads back to the very values of the file.
    (block,) = data_blocks(html)
    cells = {c for row in block["sheet"]["rows"] for c in (block["strings"][i] for i in row[2])}
    assert {SCRIPT_CELL, IMG_CELL, CLOSE_CELL} <= cells


def test_controls_and_bidi_overrides_are_shown_as_escapes(tmp_path: Path) -> None:
    header, body = aed_rows()
    row = list(body[0])
    row[header.index("名称")] = "市役所\u202e本館\x1b[31m"
    html = page(write_csv(tmp_path / "bidi.csv", header, [row]))
    assert "\u202e" not in html and "\x1b" not in html
    (block,) = data_blocks(html)
    assert "市役所\\u202e本館\\x1b[31m" in block["strings"]


def test_nothing_is_loaded_from_the_network_and_the_script_runs_by_its_hash() -> None:
    # The tourism file's URL cells are data, not addresses the page loads: leave them out.
    html = re.sub(r'(class="file-data">).*?(</script>)', r"\1\2", page(TOURISM))
    assert not re.search(r"<(script|img|iframe|link|object|embed)\b[^>]*\b(src|href)=", html)
    assert "@import" not in html and "url(" not in html
    # The only address is the optional tiles' origin (CSP and the map's tile template),
    # besides the SVG namespace the script names its elements by.
    addresses = set(re.findall(r"https?://[^\s\"'{}/;]+", html))
    assert addresses == {TILE_ORIGIN, "http://www.w3.org"}
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = dict(part.strip().split(" ", 1) for part in csp.group(1).split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == f"data: {TILE_ORIGIN}"
    (script,) = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"


@pytest.mark.parametrize(("lang", "verdict"), [("ja", "不合格"), ("en", "invalid")])
def test_japanese_by_default_english_on_request(lang: str, verdict: str) -> None:
    html = page(TOURISM, lang)
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    overall = re.search(r'<p class="overall invalid">([^<]+)</p>', html)
    assert overall is not None and verdict in overall.group(1)
    assert ("まず直すこと" in html) == (lang == "ja")


@pytest.mark.parametrize("source", [TOURISM, MARKED])
def test_each_problem_names_the_cell_its_value_is_in(source: Path) -> None:
    """Rows are the spreadsheet's (the tourism file's cells hold line breaks, so they differ
    from the physical lines), columns too (takamatsu's '#property' column counted): the cell
    at (row, column) of the data copy holds the value."""
    (block,) = data_blocks(page(source))
    sheet = {row[0]: [block["strings"][i] for i in row[2]] for row in block["sheet"]["rows"]}
    checked = 0
    for p in problems(block):
        if not p["value"] or p["col"] is None:
            continue
        # Both are cut when long (the value at 100 characters, the cell at 200).
        assert sheet[p["row"]][p["col"] - 1][:50] == p["value"][:50], p
        checked += 1
    assert checked >= 60
    if source is MARKED:
        return
    held = validate(TOURISM).files[0].problems
    assert len(held) == len(block["problems"])
    moved = [q for p, q in zip(held, problems(block), strict=True) if p.line != q["row"]]
    assert len(moved) >= 10


def test_the_map_classifies_points(tmp_path: Path) -> None:
    (block,) = data_blocks(page(hostile_csv(tmp_path)))
    kinds = block["map"]["kinds"]
    by_row = {p[2]: kinds[p[3]] for p in block["map"]["points"]}
    assert by_row[5] == "swapped" and by_row[6] == "outside"
    assert set(by_row) == {2, 3, 4, 5, 6}
    (tourism,) = data_blocks(page(TOURISM))
    assert len(tourism["map"]["points"]) == 205 and tourism["map"]["missing"] == 0
    # A dataset without 緯度/経度 has no map.
    (listing,) = data_blocks(page(REAL / "v2" / "06_open_data_list__122319_inzai.csv"))
    assert listing["map"] is None and listing["sheet"]["rows"]


def test_ten_thousand_problems_stay_under_five_megabytes(tmp_path: Path) -> None:
    """Every row has two problems whose messages quote the row's own value (no message
    repeats); the data copy is capped at SHEET_LIMIT rows."""
    header, body = aed_rows()
    address, phone = header.index("住所"), header.index("電話番号")
    rows = []
    for i in range(6_000):
        row = list(body[i % len(body)])
        row[header.index("NO")] = f"{i + 1:010d}"  # unique IDs: warnings only, exit 0
        row[address] = f"静岡県焼津市本町{i}-1 "
        row[phone] = f"電話{i}番"
        rows.append(row)
    source = write_csv(tmp_path / "big.csv", header, rows)
    out = tmp_path / "big.html"
    args = ["validate", "--max-problems", "10000", "-f", "html", "-o", str(out), str(source)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    (block,) = data_blocks(html)
    assert len(block["problems"]) == 10_000
    assert len(block["sheet"]["rows"]) == SHEET_LIMIT + 1  # the header row and the capped data
    assert f"{SHEET_LIMIT:,}" in html  # the cap is stated
    assert out.stat().st_size < 5_000_000


@pytest.mark.parametrize(("source", "code"), [(EVENT, 0), (TOURISM, 1)])
def test_cli_writes_the_page_with_o(source: Path, code: int, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["validate", "--format", "html", "-o", str(out), str(source)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
