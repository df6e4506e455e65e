"""Renderers: every format from hand-built reports, with values that need escaping."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdschema.messages import Lang
from stdschema.report.formats import REPORTERS
from stdschema.report.model import (
    DatasetRef,
    FileReport,
    ProblemOut,
    Report,
    SeverityName,
    Summary,
    Tool,
)
from stdschema.report.render import FORMATS, render, render_bytes

# A binary format (xlsx) is rendered with render_bytes() only (tests/test_report_xlsx.py).
TEXT_FORMATS = tuple(f for f in FORMATS if not REPORTERS[f].binary)

DATA = Path(__file__).parent / "data"
AED = "tests/data/real/standard/komae_132195_aed.csv"
TOILET = "tests/data/real/standard/222127_public_toilet.csv"

# Values chosen to need escaping somewhere: CSV/GitHub separators, Markdown pipes, XML
# specials, line breaks and a spreadsheet formula.
TRICKY = "a,b: c|d\n=1+2 <&>"


def _aed_file() -> FileReport:
    problems = [
        ProblemOut(
            code="header-variant",
            severity="warning",
            line=1,
            column=3,
            column_letter="C",
            header="名称カナ",
            field="name_kana",
            value=None,
            message="項目名「名称カナ」は標準の表記「名称_カナ」と異なります。",
            hint="項目名を「名称_カナ」に直してください（この列は「名称_カナ」として検査しました）。",
        ),
        ProblemOut(
            code="invalid-value",
            severity="error",
            line=2,
            column=3,
            column_letter="C",
            header="名称カナ",
            field="name_kana",
            value="ｺﾏｴｼﾔｸｼｮ",
            message="「名称_カナ」の値「ｺﾏｴｼﾔｸｼｮ」は全角カタカナとして正しくありません（半角カナ）。",
            hint="全角カタカナに直してください。",
            fixed_to="コマエシヤクショ",
            rule="katakana",
        ),
        ProblemOut(
            code="invalid-value",
            severity="error",
            line=3,
            column=8,
            column_letter="H",
            header="緯度",
            field="latitude",
            value=TRICKY,
            message=f"「緯度」の値「{TRICKY}」は緯度として正しくありません（数値ではありません）。",
            hint="",
            rule="latitude",
        ),
        ProblemOut(
            code="invalid-value",
            severity="error",
            line=4,
            column=8,
            column_letter="H",
            header="緯度",
            field="latitude",
            value="=1+2",
            message="「緯度」の値「=1+2」は緯度として正しくありません（数値ではありません）。",
        ),
        ProblemOut(
            code="check-digit-error",
            severity="error",
            line=5,
            column=1,
            column_letter="A",
            header="全国地方公共団体コード",
            field="local_gov_code",
            value="132196",
            message="「全国地方公共団体コード」の値「132196」はチェックデジットが正しくありません（正しくは 132195）。",
            hint="番号を確認してください（入力ミスの可能性があります）。",
            fixed_to="132195",
            rule="local_gov_code",
        ),
        ProblemOut(
            code="encoding-not-utf8",
            severity="info",
            message="文字コードは cp932 として読みました。",
            hint="UTF-8 で保存すると多くのツールで扱いやすくなります。",
        ),
    ]
    return FileReport(
        path=AED,
        format="csv",
        encoding="cp932",
        dataset=DatasetRef(
            id="aed_locations",
            edition="v1",
            name_ja="AED設置箇所一覧",
            detected_by="header+filename",
            score=0.95,
            confidence="complete",
        ),
        rows=4,
        valid=False,
        summary=Summary(
            error=4,
            warning=1,
            info=1,
            by_code={
                "invalid-value": 3,
                "check-digit-error": 1,
                "header-variant": 1,
                "encoding-not-utf8": 1,
            },
            by_column={"名称カナ": 2, "緯度": 2, "全国地方公共団体コード": 1},
        ),
        problems=problems,
    )


def _toilet_file() -> FileReport:
    return FileReport(
        path=TOILET,
        format="csv",
        encoding="utf-8",
        dataset=DatasetRef(
            id="public_toilets",
            edition="v2",
            name_ja="公衆トイレ一覧",
            detected_by="header",
            score=1.0,
            confidence="complete",
        ),
        rows=12,
        valid=True,
        summary=Summary(),
        problems=[],
    )


def _report(*files: FileReport, fail_on: SeverityName = "error") -> Report:
    summary = Summary(
        error=sum(f.summary.error for f in files),
        warning=sum(f.summary.warning for f in files),
        info=sum(f.summary.info for f in files),
    )
    for f in files:
        for code, n in f.summary.by_code.items():
            summary.by_code[code] = summary.by_code.get(code, 0) + n
    return Report(
        tool=Tool(version="0.1.0"),
        valid=all(f.valid for f in files),
        lang="ja",
        fail_on=fail_on,
        files=list(files),
        summary=summary,
    )


@pytest.fixture
def report() -> Report:
    return _report(_aed_file(), _toilet_file())


@pytest.fixture
def clean() -> Report:
    return _report(_toilet_file())


def test_formats_listed() -> None:
    assert FORMATS == (
        "text",
        "json",
        "junit",
        "sarif",
        "github",
        "markdown",
        "csv",
        "xlsx",
        "html",
    )


def test_unknown_format(report: Report) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render(report, "yaml", lang="ja")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format_renders_both_languages(report: Report, fmt: str) -> None:
    languages: tuple[Lang, ...] = ("ja", "en")
    for lang in languages:
        assert render(report, fmt, lang=lang)


# --- json ---------------------------------------------------------------------


def test_json_round_trips_and_matches_schema(report: Report) -> None:
    out = render(report, "json", lang="ja")
    assert out.endswith("}\n")
    assert "コマエシヤクショ" in out  # Japanese kept unescaped
    assert Report.model_validate_json(out) == report
    jsonschema.validate(json.loads(out), Report.model_json_schema())


# --- sarif --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft4Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_sarif_validates_against_official_schema(
    report: Report, sarif_schema: dict[str, Any], lang: Lang
) -> None:
    log = json.loads(render(report, "sarif", lang=lang))
    # No format checker: the schema's 'uri' formats are not what is under test.
    jsonschema.Draft4Validator(sarif_schema).validate(log)


def test_sarif_schema_catches_a_broken_log(sarif_schema: dict[str, Any]) -> None:
    # Guard against a schema that accepts anything.
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema).validate(bad)


def test_sarif_content(report: Report) -> None:
    log = json.loads(render(report, "sarif", lang="ja"))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "stdschema"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"] == "https://github.com/stdschema/stdschema"
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {
        "invalid-value",
        "check-digit-error",
        "header-variant",
        "encoding-not-utf8",
    }
    assert rules["check-digit-error"]["name"] == "CheckDigitError"
    assert rules["check-digit-error"]["shortDescription"]["text"] == "チェックデジットの誤り"
    assert rules["header-variant"]["defaultConfiguration"]["level"] == "warning"
    assert rules["encoding-not-utf8"]["defaultConfiguration"]["level"] == "note"

    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("header-variant", "warning"),
        ("invalid-value", "error"),
        ("invalid-value", "error"),
        ("invalid-value", "error"),
        ("check-digit-error", "error"),
        ("encoding-not-utf8", "note"),
    ]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]

    kana = results[1]
    location = kana["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == AED
    assert location["region"] == {"startLine": 2}  # fields are not character columns
    assert kana["message"]["text"].endswith("\n全角カタカナに直してください。")
    assert kana["properties"]["fixed_to"] == "コマエシヤクショ"
    assert kana["properties"]["header"] == "名称カナ"
    assert kana["properties"]["value"] == "ｺﾏｴｼﾔｸｼｮ"
    # An info without a line has no region.
    info = results[-1]["locations"][0]["physicalLocation"]
    assert "region" not in info


def test_sarif_english_titles(report: Report) -> None:
    log = json.loads(render(report, "sarif", lang="en"))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["check-digit-error"]["shortDescription"]["text"] == "Check digit error"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("data/小金井 市/aed.csv", "data/%E5%B0%8F%E9%87%91%E4%BA%95%20%E5%B8%82/aed.csv"),
        ("a:b.csv", "a%3Ab.csv"),
        ("50%.csv", "50%25.csv"),
        ("data\\sub\\aed.csv", "data/sub/aed.csv"),
        ("C:\\data\\aed.csv", "file:///C:/data/aed.csv"),
        ("/nonexistent-root/aed.csv", "file:///nonexistent-root/aed.csv"),
        (str(Path.cwd() / "sub" / "a b.csv"), "sub/a%20b.csv"),
    ],
)
def test_sarif_uri(path: str, uri: str, sarif_schema: dict[str, Any]) -> None:
    file = _toilet_file().model_copy(update={"path": path})
    log = json.loads(render(_report(file), "sarif", lang="ja"))
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    # A valid file has no results; render one problem to see its location.
    problem = ProblemOut(code="blank-row", severity="warning", line=3, message="空の行です。")
    broken = file.model_copy(update={"problems": [problem], "valid": False})
    log = json.loads(render(_report(broken), "sarif", lang="ja"))
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_sarif_unreadable_file(sarif_schema: dict[str, Any]) -> None:
    unreadable = FileReport(
        path="broken.xlsx",
        dataset=DatasetRef(id=None, edition=None, detected_by="none"),
        valid=False,
        summary=Summary(),
        problems=[],
        error="not a zip file",
    )
    log = json.loads(render(_report(unreadable), "sarif", lang="en"))
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    (result,) = log["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("file-error", "error")
    assert result["message"]["text"] == "not a zip file"


# --- junit --------------------------------------------------------------------


def test_junit_parses_with_counts(report: Report) -> None:
    out = render(report, "junit", lang="ja")
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    aed, toilet = root.findall("testsuite")

    assert aed.get("name") == AED
    cases = {c.get("name"): c for c in aed.findall("testcase")}
    # One case a code and severity (issue 14).
    assert set(cases) == {
        "invalid-value (error)",
        "check-digit-error (error)",
        "header-variant (warning)",
        "encoding-not-utf8 (info)",
    }
    assert {c.get("classname") for c in cases.values()} == {"aed_locations@v1"}
    assert (aed.get("tests"), aed.get("failures"), aed.get("errors"), aed.get("skipped")) == (
        "4",
        "2",
        "0",
        "0",
    )
    failure = cases["invalid-value (error)"].find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message") == "形式の誤り (3)"
    assert failure.text is not None
    # Escaped on the way out, intact on the way in.
    assert "a,b: c|d\\n=1+2 <&>" in failure.text
    assert "→ 修正案: コマエシヤクショ" in failure.text
    assert cases["header-variant (warning)"].find("failure") is None
    out_text = cases["header-variant (warning)"].findtext("system-out")
    assert out_text is not None
    assert out_text.startswith("警告（--fail-on error 未満のため失敗にしません）: ")
    assert "\n1 行目 C 列「名称カナ」" in out_text

    assert toilet.get("name") == TOILET
    (valid,) = toilet.findall("testcase")
    assert (valid.get("name"), valid.get("classname")) == ("valid", "public_toilets@v2")
    assert (toilet.get("tests"), toilet.get("failures")) == ("1", "0")

    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "2", "0")


def test_junit_survives_characters_xml_cannot_carry() -> None:
    file = _aed_file()
    file.problems[1].value = "bad\x00\x0bvalue"
    file.problems[1].message = "bad\x1bvalue"
    root = ET.fromstring(render(_report(file), "junit", lang="en"))
    text = "".join(root.itertext())
    assert "\\x1b" in text


def test_junit_unreadable_file_is_an_error() -> None:
    unreadable = FileReport(
        path="broken.xlsx",
        dataset=DatasetRef(id=None, edition=None, detected_by="none"),
        valid=False,
        summary=Summary(),
        problems=[],
        error="not a zip file",
    )
    root = ET.fromstring(render(_report(unreadable), "junit", lang="en"))
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("1", "1", "0")
    error = suite.find("testcase/error")
    assert error is not None and error.get("message") == "not a zip file"


# --- github -------------------------------------------------------------------


def test_github_lines_exact(report: Report) -> None:
    lines = render(report, "github", lang="ja").splitlines()
    path = "tests/data/real/standard/komae_132195_aed.csv"
    # The most severe first (issue 14), then in file and line order.
    assert lines == [
        f"::error file={path},line=2,col=3,title=invalid-value::"
        "「名称_カナ」の値「ｺﾏｴｼﾔｸｼｮ」は全角カタカナとして正しくありません（半角カナ）。%0A"
        "全角カタカナに直してください。%0A→ コマエシヤクショ",
        f"::error file={path},line=3,col=8,title=invalid-value::"
        "「緯度」の値「a,b: c|d%0A=1+2 <&>」は緯度として正しくありません（数値ではありません）。",
        f"::error file={path},line=4,col=8,title=invalid-value::"
        "「緯度」の値「=1+2」は緯度として正しくありません（数値ではありません）。",
        f"::error file={path},line=5,col=1,title=check-digit-error::"
        "「全国地方公共団体コード」の値「132196」はチェックデジットが正しくありません（正しくは 132195）。%0A"
        "番号を確認してください（入力ミスの可能性があります）。%0A→ 132195",
        f"::warning file={path},line=1,col=3,title=header-variant::"
        "項目名「名称カナ」は標準の表記「名称_カナ」と異なります。%0A"
        "項目名を「名称_カナ」に直してください（この列は「名称_カナ」として検査しました）。",
    ]
    # Infos are annotated only when they can fail the run.
    with_infos = render(report.model_copy(update={"fail_on": "info"}), "github", lang="ja")
    assert with_infos.splitlines()[-1] == (
        f"::notice file={path},title=encoding-not-utf8::"
        "文字コードは cp932 として読みました。%0AUTF-8 で保存すると多くのツールで扱いやすくなります。"
    )


def test_github_escapes_properties() -> None:
    problem = ProblemOut(code="blank-row", severity="warning", line=7, message="100% blank\r\nrow")
    file = _toilet_file().model_copy(
        update={"path": "d:ir,x/50%.csv", "problems": [problem], "valid": False}
    )
    assert render(_report(file), "github", lang="en") == (
        "::warning file=d%3Air%2Cx/50%25.csv,line=7,title=blank-row::100%25 blank%0D%0Arow\n"
    )


def test_github_clean_report_is_empty(clean: Report) -> None:
    assert render(clean, "github", lang="ja") == ""


# --- markdown -----------------------------------------------------------------


def test_markdown_tables_and_escaping(report: Report) -> None:
    out = render(report, "markdown", lang="ja")
    lines = out.splitlines()
    assert lines[0] == "## stdschema 検査結果"
    assert f"| {AED} | aed_locations@v1 AED設置箇所一覧 | 4 | 4 | 1 | 1 | ❌ |" in lines
    assert f"| {TOILET} | public_toilets@v2 公衆トイレ一覧 | 12 | 0 | 0 | 0 | ✅ |" in lines
    assert "| `invalid-value` | 形式の誤り | エラー | 3 |" in lines
    # The tricky value: pipe escaped, line break as <br>, HTML specials as entities, one row.
    tricky_rows = [line for line in lines if "a,b: c" in line]
    assert len(tricky_rows) == 1
    row = tricky_rows[0]
    assert "a,b: c\\|d<br>=1+2 &lt;&amp;&gt;" in row
    # Every row of the examples table has the same number of unescaped cell separators.
    unescaped = row.replace("\\|", "")
    assert unescaped.count("|") == 8
    # No row known: the line stands in; the record column is empty.
    assert "| 2 | C | 名称カナ |  | ｺﾏｴｼﾔｸｼｮ |" in out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_markdown_limits_examples_per_code(report: Report) -> None:
    out = render(report, "markdown", lang="en", max_per_code=1)
    # The others are listed too, in a collapsed table (issue 14).
    assert "<details><summary>2 more</summary>" in out
    assert "ｺﾏｴｼﾔｸｼｮ" in out
    assert out.index("ｺﾏｴｼﾔｸｼｮ") < out.index("<details>") < out.index("=1+2 &lt;")


# --- csv ----------------------------------------------------------------------


def test_csv_round_trips_and_neutralises_formulas(report: Report) -> None:
    out = render(report, "csv", lang="en")
    assert not out.startswith("\ufeff")
    # --lang en: the stable columns for programs, row (spreadsheet) before line (file).
    assert out.startswith(
        "file,row,record,line,column,column_letter,header,field,code,severity,value,message,"
        "hint,fixed_to\r\n"
    )
    rows = list(csv.reader(io.StringIO(out, newline="")))
    header, *body = rows
    assert len(body) == 6
    records = [dict(zip(header, row, strict=True)) for row in body]
    kana = records[1]
    assert kana["file"] == AED
    assert (kana["line"], kana["column"], kana["column_letter"]) == ("2", "3", "C")
    assert kana["value"] == "ｺﾏｴｼﾔｸｼｮ"
    assert kana["fixed_to"] == "コマエシヤクショ"
    assert records[2]["value"] == TRICKY  # commas, colon, pipe and newline survive quoting
    assert records[3]["value"] == "'=1+2"
    assert records[-1]["line"] == ""  # the info has no line
    assert [r["severity"] for r in records] == ["warning"] + ["error"] * 4 + ["info"]


def test_csv_in_japanese_for_people_with_row_and_record(report: Report) -> None:
    """--lang ja: Japanese headers and severity words; row and record lead, line is kept."""
    file = report.files[0]
    file.problems[1] = file.problems[1].model_copy(update={"row": 2, "record": "ID 1 駒江市役所"})
    file.problems[2] = file.problems[2].model_copy(update={"row": 2})  # a cell with a line break
    out = render(report, "csv", lang="ja")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    header, *body = rows
    assert header[:4] == ["ファイル", "行", "レコード", "ファイルの行"]
    assert "重要度" in header and "修正案" in header and "file" not in header
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert (records[1]["行"], records[1]["レコード"], records[1]["ファイルの行"]) == (
        "2",
        "ID 1 駒江市役所",
        "2",
    )
    assert (records[2]["行"], records[2]["ファイルの行"]) == ("2", "3")
    assert records[0]["行"] == ""  # no row known: blank, the file's line still there
    assert [r["重要度"] for r in records] == ["警告"] + ["エラー"] * 4 + ["情報"]
    assert records[1]["コード"] == "invalid-value"  # codes stay codes


def test_csv_bom_on_request_whole_and_streamed(report: Report) -> None:
    from stdschema.report.render import render_bytes
    from stdschema.report.stream import ReportStream

    with_bom = render(report, "csv", lang="ja", bom=True)
    assert with_bom.startswith("\ufeffファイル,行,")
    assert with_bom.count("\ufeff") == 1
    assert with_bom[1:] == render(report, "csv", lang="ja")
    assert render_bytes(report, "csv", lang="ja", bom=True).startswith(b"\xef\xbb\xbf")
    stream = ReportStream("csv", lang="ja", bom=True)
    assert "".join(stream.chunks(iter(report.files))) == with_bom


def test_csv_keeps_plain_numbers() -> None:
    values = ["-12.5", "+81", "-1e3", "=SUM(A1)", "@cmd", "+81-3-1234", "-", "\tx", "ok"]
    problems = [
        ProblemOut(code="invalid-value", severity="error", line=i + 2, value=v, message="m")
        for i, v in enumerate(values)
    ]
    file = _toilet_file().model_copy(update={"problems": problems, "valid": False})
    rows = list(csv.DictReader(io.StringIO(render(_report(file), "csv", lang="en"), newline="")))
    assert [r["value"] for r in rows] == [
        "-12.5",
        "+81",
        "-1e3",
        "'=SUM(A1)",
        "'@cmd",
        "'+81-3-1234",
        "'-",
        "'\tx",
        "ok",
    ]


# --- text ---------------------------------------------------------------------


def test_text_summary_before_problems_in_japanese(report: Report) -> None:
    out = render(report, "text", lang="ja")
    assert "\x1b[" not in out  # no colour unless asked
    assert AED in out
    assert "aed_locations@v1 AED設置箇所一覧" in out
    assert "（見出し行（同点はファイル名で区別）により判定、確度: 完全、一致度: 0.95）" in out
    assert not any(line.endswith(" ") for line in out.splitlines())
    assert "cp932" in out
    for label in ("エラー", "警告", "情報", "行", "列", "項目", "値", "修正案"):
        assert label in out
    summary_at = out.index("集計")
    assert out.index("形式の誤り", summary_at) < out.index("ｺﾏｴｼﾔｸｼｮ")
    assert summary_at < out.index("問題の詳細") < out.index("→ 修正案: コマエシヤクショ")
    assert "エラー 4 件、警告 1 件、情報 1 件" in out
    # By column.
    assert "全国地方公共団体コード" in out[: out.index("問題の詳細")]
    # The newline inside a value does not break the line.
    assert "a,b: c|d\\n=1+2 <&>" in out
    assert "問題はありません。" in out  # the clean second file
    last = out.rstrip("\n").splitlines()[-1]
    assert last == "結果: 不合格（2 ファイル: エラー 4 件、警告 1 件、情報 1 件）"


def test_text_english(report: Report) -> None:
    out = render(report, "text", lang="en")
    assert "Summary" in out and "Problems" in out
    assert "Invalid value" in out and "Check digit error" in out
    assert "→ Fix: コマエシヤクショ" in out
    assert "(detected by header and file name, confidence complete, score 0.95)" in out
    assert "エラー" not in out
    last = out.rstrip("\n").splitlines()[-1]
    assert last == "Result: invalid (2 file(s): 4 errors, 1 warning, 1 info)"


def test_text_more_and_truncation(report: Report) -> None:
    report.max_problems = 6
    report.files[0].problems_truncated = True
    report.files[0].summary.by_code["invalid-value"] = 10
    out = render(report, "text", lang="ja", max_per_code=2)
    assert "… ほか 8 件" in out
    assert "--max-problems 6 に達したため" in out
    # How to see them all: the workbook or the CSV, and the --max-problems that keeps all.
    assert "--max-problems 13 以上" in out  # every problem counted: 10 invalid-value + 3
    assert "--format xlsx -o report.xlsx" in out and "--format csv" in out
    out = render(report, "text", lang="en", max_per_code=2)
    assert "… and 8 more" in out
    assert "Details stopped at --max-problems 6" in out
    assert "Every problem: --format xlsx -o report.xlsx" in out


def _mixed_file() -> FileReport:
    """missing-label found once as an error and three times as an info (the run's counts
    by code hold all four)."""
    problems = [
        ProblemOut(
            code="missing-label", severity=sev, line=1, header=h, message=f"{h} がありません"
        )
        for sev, h in (("info", "画像"), ("error", "名称"), ("info", "備考"), ("info", "URL"))
    ]
    summary = Summary(error=1, info=3, by_code={"missing-label": 4})
    return _toilet_file().model_copy(
        update={"problems": problems, "valid": False, "summary": summary}
    )


def test_text_groups_by_code_and_severity() -> None:
    """Issue 11: '✗ エラー missing-label (4)' when three of the four are infos was wrong."""
    out = render(_report(_mixed_file()), "text", lang="ja")
    table = out[out.index("問題の種類別") : out.index("問題の詳細")]
    assert re.search(r"✗ エラー +missing-label +\S+ +1\n", table)
    assert re.search(r"i 情報 +missing-label +\S+ +3\n", table)
    details = out[out.index("問題の詳細") :]
    error_at = details.index("✗ エラー missing-label")
    info_at = details.index("i 情報 missing-label")
    assert (
        error_at < details.index("名称 がありません") < info_at < details.index("画像 がありません")
    )
    assert "(4)" not in details
    quiet = render(_report(_mixed_file(), fail_on="info"), "text", lang="ja", quiet=True)
    assert [line.split(": ", 1)[1][:4] for line in quiet.splitlines()] == ["✗ エラ", "i 情報"] + [
        "i 情報"
    ] * 2


def test_text_counts_past_max_problems_under_the_held_severity() -> None:
    from stdschema.report.formats._shared import code_severity_counts

    file = _mixed_file()
    file.summary.by_code = {"missing-label": 10, "blank-required": 5}
    file.problems_truncated = True
    assert code_severity_counts(file) == [
        ("blank-required", "error", 5),  # nothing held: the catalogue's severity
        ("missing-label", "error", 1),
        ("missing-label", "info", 9),  # the 6 not held go with the most held
    ]


def test_text_leads_with_the_row_and_the_record() -> None:
    file = _aed_file()
    file.problems[1] = file.problems[1].model_copy(update={"row": 2, "record": "ID 1 駒江市役所"})
    file.problems[2] = file.problems[2].model_copy(update={"row": 2})  # row 2 spans lines 2-3
    out = render(_report(file), "text", lang="ja")
    assert "    行 2  レコード ID 1 駒江市役所  列 C  項目 名称カナ  値 「ｺﾏｴｼﾔｸｼｮ」\n" in out
    assert "    行 2（ファイルの 3 行目）  列 H  項目 緯度" in out
    assert "    行 4  列 H  項目 緯度" in out  # no row known: the file's line
    out = render(_report(file), "text", lang="en")
    assert "    Row 2  Record ID 1 駒江市役所  Column C" in out
    assert "    Row 2 (file line 3)  Column H" in out
    assert "    Line 4  Column H" in out


def test_text_ascii_marks_for_a_narrow_console(report: Report) -> None:
    from stdschema.report.formats import RenderOptions, get_reporter

    wide = render(report, "text", lang="ja")
    for quiet in (False, True):
        out = get_reporter("text").render(
            report, RenderOptions("ja", quiet=quiet, ascii_marks=True)
        )
        assert not set(out) & set("✓✗─…→")
        out.encode("cp932")  # the Japanese stays: only the marks change
        assert "[NG] エラー" in out and "->" in out
    out = get_reporter("text").render(report, RenderOptions("ja", ascii_marks=True))
    assert f"[OK] {TOILET} ---" in out
    assert out.count("\n") == wide.count("\n")


def test_dataset_detection_has_one_wording() -> None:
    """The text report and `datasets detect` name a method with the same words."""
    from stdschema.messages import CATALOGUE

    langs: tuple[Lang, ...] = ("ja", "en")
    for lang in langs:
        out = render(_report(_toilet_file()), "text", lang=lang)
        method = CATALOGUE["report.detected_by.header"][lang]
        phrase = CATALOGUE["report.detected"][lang].format(method=method, confidence="")
        assert phrase.rstrip() in out
    assert not any(k.startswith("method.") for k in CATALOGUE)
    # An undetected file says so once: not 未判定（判定なしにより判定）.
    undetected = _toilet_file().model_copy(
        update={"dataset": DatasetRef(id=None, edition=None, detected_by="none")}
    )
    out = render(_report(undetected), "text", lang="ja")
    assert "データセット  未判定\n" in out


def test_text_colour_on_request(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rich honours these even when a terminal is forced; CI may set either.
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in render(report, "text", lang="ja", color=True)


def test_text_neutralises_terminal_escapes() -> None:
    file = _aed_file()
    file.problems[1].value = "\x1b[31mred"
    out = render(_report(file), "text", lang="en")
    assert "\x1b" not in out
    assert "\\x1b[31mred" in out


def test_quiet_clean_report_is_empty(clean: Report) -> None:
    assert render(clean, "text", lang="ja", quiet=True) == ""


def test_quiet_ignores_infos_on_a_valid_report() -> None:
    file = _aed_file()
    info = file.problems[-1]
    file = file.model_copy(
        update={
            "problems": [info],
            "valid": True,
            "summary": Summary(info=1, by_code={"encoding-not-utf8": 1}),
        }
    )
    report = _report(file)
    assert render(report, "text", lang="ja", quiet=True) == ""
    # ...but not when --fail-on info makes them fail the run.
    failing = _report(file.model_copy(update={"valid": False}), fail_on="info")
    assert "encoding-not-utf8" in render(failing, "text", lang="ja", quiet=True)


def test_quiet_prints_only_problem_lines(report: Report) -> None:
    out = render(report, "text", lang="ja", quiet=True)
    lines = out.splitlines()
    assert lines[0] == (
        f"{AED}:2:C: ✗ エラー [invalid-value] "
        "「名称_カナ」の値「ｺﾏｴｼﾔｸｼｮ」は全角カタカナとして正しくありません（半角カナ）。"
        " → コマエシヤクショ"
    )
    assert all(line.startswith(AED) for line in lines)
    assert not any("encoding-not-utf8" in line for line in lines)  # info: below warning
    assert any("[header-variant]" in line for line in lines)
    assert "集計" not in out and "結果" not in out


# --- untrusted text (stdschema.report.escape) ----------------------------------------


def test_unsafe_set_matches_unicode_categories() -> None:
    """The written-out class is exactly Cc, Cf, Cs, Zl, Zp and U+FFFE/U+FFFF."""
    import sys
    import unicodedata

    from stdschema.report.escape import UNSAFE

    expected = {
        cp
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    } | {0xFFFE, 0xFFFF}
    found = {cp for cp in range(sys.maxunicode + 1) if UNSAFE.match(chr(cp))}
    assert found == expected


@pytest.mark.parametrize(("name", "kept"), [("_LAYOUT_KEPT", "\t\n\r"), ("_CSV_UNSAFE", "\t\n")])
def test_the_layout_classes_are_unsafe_less_the_layout_characters(name: str, kept: str) -> None:
    """Each is one character class (a lookahead before UNSAFE was twice as slow): exactly
    UNSAFE without the layout characters its format keeps."""
    import sys

    from stdschema.report import escape

    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1))
    expected = [c for c in escape.UNSAFE.findall(every) if c not in kept]
    assert getattr(escape, name).findall(every) == expected


def test_the_yaml_quoting_class_is_unsafe_plus_quote_and_backslash() -> None:
    import sys

    from stdschema.report import escape

    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1))
    expected = [c for c in every if c in '"\\' or escape.UNSAFE.match(c)]
    assert escape._YAML_QUOTED.findall(every) == expected


HOSTILE = (
    "\x1b]8;;https://evil.invalid\x07x\x1b]8;;\x07\x9b31m"
    "\u202e\u2066\u200b\u200d\u2060\ufeff\u2028\u0085\U000e0041"
)


def _hostile_file(value: str, path: str = "p\u202e\udcff.csv") -> FileReport:
    problem = ProblemOut(
        code="invalid-value",
        severity="error",
        line=2,
        column=1,
        column_letter="A",
        header="h" + HOSTILE,
        value=value,
        message=f"'{value}' is not valid",
        fixed_to=value,
    )
    file = _toilet_file().model_copy(update={"path": path, "problems": [problem], "valid": False})
    file.summary = Summary(error=1, by_code={"invalid-value": 1}, by_column={"h" + HOSTILE: 1})
    return file


def test_binary_formats_take_hostile_text() -> None:
    hostile = _report(_hostile_file(HOSTILE))
    for fmt in set(FORMATS) - set(TEXT_FORMATS):
        assert render_bytes(hostile, fmt, lang="en")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format_is_utf8_and_safe_to_print(fmt: str) -> None:
    from stdschema.report.escape import UNSAFE

    out = render(_report(_hostile_file(HOSTILE)), fmt, lang="en")
    out.encode("utf-8")  # strict: no lone surrogate from the path
    # Only the format's own layout: line ends (CRLF in CSV), and tabs inside CSV cells.
    layout = {"csv": "\t\n"}.get(fmt, "\n")
    bare = out.replace("\r\n", "\n") if fmt == "csv" else out
    assert not [c for c in UNSAFE.findall(bare) if c not in layout], fmt
    if fmt in ("json", "sarif"):
        data = json.loads(out)
        if fmt == "json":
            assert data["files"][0]["path"] == "p\u202e\\xff.csv"  # exact but the byte
            assert data["files"][0]["problems"][0]["value"] == HOSTILE  # exact, encoded
        else:
            result = data["runs"][0]["results"][0]
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri == "p%E2%80%AE%FF.csv"
            assert result["properties"]["value"] == HOSTILE
    if fmt == "junit":
        root = ET.fromstring(out.split("\n", 1)[1])
        assert root.find("testsuite").get("name") == "p\u202e\\xff.csv"  # type: ignore[union-attr]


def test_github_one_command_a_problem_and_escaped_properties() -> None:
    out = render(_report(_hostile_file("a\n::error::b\r\n%", "x,y:\n::error::z.csv")), "github")
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::error file=x%2Cy%3A%0A%3A%3Aerror%3A%3Az.csv,line=2,col=1,")
    assert "::'a%0A::error::b%0D%0A%25' is not valid" in lines[0]


def test_markdown_makes_no_link_image_or_html() -> None:
    from markdown_it import MarkdownIt

    values = [
        "[click](https://evil.invalid/x)",
        "![x](https://evil.invalid/p.png)",
        "<https://evil.invalid/>",
        "see https://evil.invalid/ and WWW.evil.invalid/",
        "[ref]: https://evil.invalid/",
        '<a href="https://evil.invalid/">x</a>',
        "*b* _i_ ~~s~~ `c` $x$ | # h",
    ]
    md = MarkdownIt("commonmark").enable("table")
    for value in values:
        out = render(_report(_hostile_file(value, "[x](https://evil.invalid/).csv")), "markdown")
        assert "](" not in out.replace("\\](", ""), out
        html = md.render(out)
        assert "<a " not in html and "<img" not in html and "<em>" not in html, html
        # What GitHub would autolink is code: never outside a code span.
        assert not re.search(r"https?://|www\.", re.sub(r"`[^`]*`", "", out), re.IGNORECASE)


def test_markdown_keeps_plain_names_readable() -> None:
    from stdschema.report.escape import markdown

    assert markdown("komae_132195_aed.csv") == "komae_132195_aed.csv"
    assert markdown("名称_カナ (1)") == "名称_カナ (1)"
    assert markdown("__init__ *x*") == "\\_\\_init\\_\\_ \\*x\\*"


def test_text_lines_start_no_workflow_command() -> None:
    from stdschema.report.escape import log_line

    assert log_line("  ::error::x") == "  \\x3a:error::x"
    assert log_line("##vso[task]") == "\\x23#vso[task]"
    assert log_line("a ::error::x") == "a ::error::x"
    # A value that wraps onto the start of a line in the text report.
    value = "x" * 110 + " ::error file=a::pwned"
    for quiet in (False, True):
        out = render(_report(_hostile_file(value, "::warning::p.csv")), "text", quiet=quiet)
        lines = out.splitlines()
        assert not [line for line in lines if line.lstrip().startswith("::")], out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_human_formats_shorten_long_values(lang: Lang) -> None:
    value = "あ" * 50_000
    report = _report(_hostile_file(value))
    note = "…（全 50,000 文字）" if lang == "ja" else "… (50,000 characters)"
    for fmt in ("text", "markdown", "github", "junit"):
        out = render(report, fmt, lang=lang)
        assert "あ" * 101 not in out, fmt
        assert note.replace(" ", "") in out.replace(" ", "").replace("\n", ""), fmt
    data = json.loads(render(report, "json", lang=lang))
    kept = data["files"][0]["problems"][0]["value"]
    assert kept.startswith("あ" * 10_000) and kept.endswith(note) and len(kept) < 10_050


def test_yaml_scalar_round_trips_exactly() -> None:
    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from stdschema.report.escape import UNSAFE, yaml_scalar

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(codec=None), max_size=40))
    def check(text: str) -> None:
        dumped = yaml_scalar(text)
        assert not UNSAFE.search(dumped)
        assert yaml.safe_load(f"k: {dumped}\n") == {"k": text}

    check()
    for text in (HOSTILE, "名称", "yes", "1", "a: b", "#x", "", " ", "'", '"', "\\"):
        assert yaml.safe_load(f"k: {yaml_scalar(text)}\n") == {"k": text}


def test_unreadable_file_is_never_called_free_of_problems() -> None:
    """Issue 11: an unreadable file printed 「問題はありません。」 before 不合格."""
    from stdschema.validation import Options, build_report, unreadable

    entry = unreadable("broken.csv", "ファイルがありません", "file-not-found")
    for lang, clean, verdict in (
        ("ja", "問題はありません", "結果: 不合格"),
        ("en", "No problems", "Result: invalid"),
    ):
        out = render(build_report([entry], Options(lang=lang)), "text")  # type: ignore[arg-type]
        assert clean not in out
        assert verdict in out


# --- the JSON documents' encoder and escaping (issue 13: the report of a large file) -------

_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and the infinities too: json.dumps spells them NaN and Infinity
    | st.text()  # lone surrogates and controls among them
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_JSON_VALUES)
def test_the_indented_json_is_the_standard_librarys_text(value: Any) -> None:
    from stdschema.report.formats._shared import indented_json

    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


class _Level(int):
    """A subclass of int, as an enum of levels would be."""


@pytest.mark.parametrize(
    "value",
    [
        {1: "a", "b": 2},  # keys that are not strings: json.dumps spells them
        {"a": [{"b": {True: None}}]},
        [{"level": _Level(2)}],  # a subclass of int is left to json.dumps
    ],
)
def test_what_the_indented_json_leaves_to_json_dumps_comes_out_the_same(value: Any) -> None:
    from stdschema.report.formats._shared import indented_json

    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_bmp_layout_class_is_the_layout_class_up_to_uffff() -> None:
    from stdschema.report import escape

    bmp = "".join(chr(cp) for cp in range(0x10000))
    assert escape._LAYOUT_KEPT_BMP.findall(bmp) == escape._LAYOUT_KEPT.findall(bmp)


@pytest.mark.parametrize("tail", ["", "\U000e0041", "\U0001f600", "\U000110bd\u202e"])
def test_a_long_document_is_escaped_as_the_whole_class_escapes_it(tail: str) -> None:
    """A long text takes the class of its characters (no character past U+FFFF: the BMP
    class); the result is the same as the whole class's, whatever the text holds."""
    from stdschema.report import escape

    text = '{"v": "' + "値\u202e\x7f\udcff" * 2000 + tail + '"}'
    whole = escape._LAYOUT_KEPT.sub(escape._json_escape, text)
    assert escape.json_document(text) == whole
    assert ("\\udb40\\udc41" in whole) == (tail == "\U000e0041")
