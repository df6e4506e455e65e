"""The command line as users and CI run it: exit codes, outputs, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

import stdschema
from tests.test_registry import EXPECTED

ROOT = Path(__file__).parent.parent
REAL = ROOT / "tests" / "data" / "real"
EXAMPLE = ROOT / "examples" / "222127_public_toilet.csv"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert lines[0].startswith("stdschema: ")


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"stdschema {stdschema.__version__}"
    assert "validate" in run("--help").stdout


def test_validate_example_exit_0_and_quiet() -> None:
    proc = run("validate", EXAMPLE)
    assert proc.returncode == 0, proc.stderr
    assert "public_toilets@v2" in proc.stdout
    quiet = run("validate", "-q", EXAMPLE)
    assert quiet.returncode == 0
    assert "[not-allowed-value]" in quiet.stdout  # warnings are still listed
    clean = run("validate", "-q", REAL / "v2" / "15_food_business_all__132055_ome.xlsx")
    assert (clean.returncode, clean.stdout) == (0, "")


def test_validate_exit_1_on_errors_and_fail_on() -> None:
    assert run("validate", REAL / "standard" / "komae_132195_aed.csv").returncode == 1
    assert run("validate", "--fail-on", "warning", EXAMPLE).returncode == 1


def test_json_report_validates_against_exported_schema() -> None:
    proc = run("validate", "--format", "json", REAL / "standard" / "komae_132195_aed.csv", EXAMPLE)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(doc)
    assert doc["report_version"] == "1.2" and doc["valid"] is False
    komae, toilets = doc["files"]
    assert komae["dataset"] == {
        "id": "aed_locations",
        "edition": "v1",
        "name_ja": "AED設置箇所一覧",
        "detected_by": "header",  # no tie for the file name to break
        "score": 1.0,
        "confidence": "partial",
    }
    assert komae["summary"]["error"] > 0 and toilets["valid"] is True
    problem = next(p for p in komae["problems"] if p["header"] == "名称_カナ")
    assert set(problem) >= {
        "code",
        "severity",
        "line",
        "column",
        "column_letter",
        "header",
        "field",
        "value",
        "message",
        "hint",
        "fixed_to",
    }


def test_sarif_validates_against_the_official_schema() -> None:
    proc = run("validate", "-f", "sarif", REAL / "standard" / "komae_132195_aed.csv")
    log = json.loads(proc.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert any(r["ruleId"] == "invalid-value" and r["level"] == "error" for r in results)


def test_junit_parses(tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    proc = run(
        "validate", "-f", "junit", "-o", out, EXAMPLE, REAL / "standard" / "komae_132195_aed.csv"
    )
    assert proc.returncode == 1 and proc.stdout == ""
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag == "testsuites"
    assert len(root.findall("testsuite")) == 2


def test_github_markdown_csv(tmp_path: Path) -> None:
    gh = run("validate", "-f", "github", REAL / "standard" / "komae_132195_aed.csv").stdout
    assert gh.startswith("::")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in gh.splitlines())
    md = run("validate", "-f", "markdown", EXAMPLE).stdout
    assert "| `not-allowed-value` |" in md
    text = run("validate", "-f", "csv", "--lang", "en", EXAMPLE).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["file"].endswith("222127_public_toilet.csv")
    assert {r["code"] for r in rows} == {"not-allowed-value", "blank-recommended"}


def test_csv_report_bom_and_japanese_headers(tmp_path: Path) -> None:
    """-o *.csv starts with a BOM (Excel reads UTF-8 then), stdout does not; --bom/--no-bom
    decide otherwise; --lang ja (default) gives Japanese headers and severity words."""
    to_csv, to_txt = tmp_path / "report.csv", tmp_path / "report.txt"
    runs: list[list[str | Path]] = [["-o", to_csv], ["-o", to_txt, "--bom"]]
    for args in runs:
        assert run("validate", "-f", "csv", *args, EXAMPLE).returncode == 0
    for path in (to_csv, to_txt):
        data = path.read_bytes()
        assert data.startswith("\ufeffファイル,行,レコード,ファイルの行,".encode())
        assert b"\r\n" in data and data.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(io.StringIO(to_csv.read_text(encoding="utf-8-sig"))))
    assert {r["重要度"] for r in rows} == {"警告", "情報"}
    assert run("validate", "-f", "csv", "--no-bom", "-o", to_csv, EXAMPLE).returncode == 0
    assert to_csv.read_bytes().startswith("ファイル,".encode())
    stdout = run("validate", "-f", "csv", "--lang", "en", EXAMPLE).stdout
    assert stdout.startswith("file,row,record,line,column,")  # no BOM on stdout
    # --bom means nothing to another format: a usage error, nothing written.
    assert_one_line_error(run("validate", "-f", "json", "--bom", "-o", to_txt, EXAMPLE))
    assert "--format csv" in run("validate", "--help").stdout.replace("\n", " ")


def test_detection_is_worded_alike_in_validate_and_detect() -> None:
    """One word a detection method (issue 11: no mixed forms like 'filenameにより判定')."""
    report = run("validate", EXAMPLE).stdout
    detect = run("datasets", "detect", EXAMPLE).stdout
    assert (
        "public_toilets@v2 公衆トイレ一覧（見出し行により判定、確度: 完全、一致度: 1.00）" in report
    )
    assert "public_toilets@v2（見出し行により判定、一致度: 1.00）" in detect
    english = run("datasets", "detect", "--lang", "en", EXAMPLE).stdout
    assert "public_toilets@v2 (detected by header, score 1.00)" in english


def test_english_messages() -> None:
    proc = run(
        "validate", "--lang", "en", "-f", "json", REAL / "standard" / "yaizu_222127_preschool.csv"
    )
    doc = json.loads(proc.stdout)
    variant = next(p for p in doc["files"][0]["problems"] if p["code"] == "header-variant")
    assert variant["message"].startswith("Column name '")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("binary.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        ("empty.csv", b""),
        ("bom_only.csv", b"\xef\xbb\xbf"),
        ("nul.csv", b"a,b\n1,\x002\n"),
        (
            "laughs.xml",
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><dataset>&lol2;</dataset>',
        ),
        (
            "xxe.xml",
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<dataset>&x;</dataset>",
        ),
    ],
)
def test_garbage_input_exits_2_with_one_line(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "report.json"
    proc = run("validate", "-f", "json", "-o", out, path)
    assert_one_line_error(proc)
    assert str(path) in proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["files"][0]["error_code"]


def test_usage_errors_exit_2() -> None:
    assert_one_line_error(run("validate", "--dataset", "no_such_dataset", EXAMPLE))
    assert_one_line_error(run("validate", "--format", "pdf", EXAMPLE))
    assert_one_line_error(run("validate", "nothing/here/*.csv"))
    missing = run("validate", "no_such_file.csv")
    assert_one_line_error(missing)
    assert "no_such_file.csv" in missing.stderr


def test_datasets_json_lists_both_editions() -> None:
    data = json.loads(run("datasets", "--json").stdout)
    v1 = [d for d in data if d["edition"] == "v1"]
    v2 = [d for d in data if d["edition"] == "v2"]
    # Issue 9: v2 editions of at least 24 datasets, each with its confidence.
    assert len(v1) == 14 and len({d["id"] for d in v2}) >= 24
    for d in data:
        assert {"id", "edition", "name_ja", "columns", "confidence"} <= set(d)
        assert d["columns"] > 0
        assert d["confidence"] in ("complete", "partial", "names-only", "config-only")
    assert {d["id"] for d in v2 if d["confidence"] == "config-only"} >= {
        "school_lunch_menus",
        "polling_stations",
        "waste_collection_points",
    }
    text = run("datasets", "--edition", "v2").stdout
    assert "B-22 support_programs" in text and "C-25 public_parking_lots" in text


def test_datasets_show() -> None:
    data = json.loads(run("datasets", "show", "public_toilets@v2", "--json").stdout)
    assert data["columns"][0]["header"] == "全国地方公共団体コード"
    assert run("datasets", "show", "nope").returncode == 2


def test_datasets_detect_every_real_standard_file() -> None:
    files = [REAL / rel for rel in sorted(EXPECTED)]
    proc = run("datasets", "detect", "--json", *files)
    assert proc.returncode == 0, proc.stderr
    got = {
        Path(d["path"]).relative_to(REAL).as_posix(): f"{d['id']}@{d['edition']}"
        for d in json.loads(proc.stdout)
    }
    assert got == EXPECTED
    xlsx = json.loads(
        run(
            "datasets", "detect", "--json", REAL / "v2" / "15_food_business_all__132055_ome.xlsx"
        ).stdout
    )
    assert (xlsx[0]["id"], xlsx[0]["edition"]) == ("food_business_permits", "v2")


def test_datasets_detect_not_recognised() -> None:
    proc = run(
        "datasets",
        "detect",
        "--json",
        REAL / "standard" / "takamatsu_sandbag_creation_location.csv",
    )
    assert proc.returncode == 1
    [entry] = json.loads(proc.stdout)
    assert entry["id"] is None and entry["score"] is None
    assert len(entry["candidates"]) >= 3


def test_schema_export_check(tmp_path: Path) -> None:
    assert run("schema", "export", "--check").returncode == 0
    assert run("schema", "export", "--out", tmp_path).returncode == 0
    (tmp_path / "index.json").write_text("{}", encoding="utf-8")
    stale = run("schema", "export", "--check", "--out", tmp_path)
    assert stale.returncode == 1 and "stale: index.json" in stale.stderr
