"""The CI formats respect the platform (issue 14): ``github`` prints what GitHub shows and
says where the rest is, the Markdown step summary lists the rest, SARIF levels follow
``--fail-on`` and leave blank recommended cells out, JUnit failures agree with the exit code.

Real files, real runs: the 30-file run is built from the rows of a real AED list whose
half-width katakana readings (errors) and opening hours (warnings) the checks object to.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from stdschema.report.formats import markdown as markdown_format
from stdschema.report.formats.github import ANNOTATIONS_PER_KIND
from stdschema.report.model import ProblemOut, Report
from stdschema.report.render import render
from stdschema.report.stream import ReportStream

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real" / "standard"
AED = REAL / "komae_132195_aed.csv"
TOILETS = REAL / "yaizu_222127_public_toilet.csv"
"""No errors; warnings, and hundreds of blank recommended cells (infos)."""
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

FILES = 30
PROBLEMS = 1_000
RANK = {"error": 3, "warning": 2, "info": 1}


def _cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdschema", "validate", "--lang", "en", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def _report(proc: subprocess.CompletedProcess[str]) -> Report:
    assert proc.returncode in (0, 1), proc.stderr
    return Report.model_validate_json(proc.stdout)


# --- a run of 30 files with 1,000 problems ------------------------------------------------


def _problems_a_row(source: Path) -> dict[int, int]:
    """Problems each data line of ``source`` has (every problem of the AED list is a row's)."""
    report = _report(_cli("--format", "json", source))
    (file,) = report.files
    assert file.summary.error + file.summary.warning + file.summary.info == len(file.problems)
    assert all(p.line is not None and p.line > 1 for p in file.problems)
    return Counter(p.line for p in file.problems if p.line is not None)


def _build_run(where: Path) -> list[str]:
    """30 AED lists of distinct real rows whose problems add up to 1,000."""
    raw = AED.read_bytes().splitlines(keepends=True)
    header, rows = raw[0], raw[1:]
    counts = _problems_a_row(AED)
    names = []
    for i in range(FILES):
        # 1,000 = 10 files of 34 + 20 of 33.
        left = PROBLEMS // FILES + (1 if i < PROBLEMS % FILES else 0)
        chosen = []
        for k in range(len(rows)):
            line = (i * 7 + k) % len(rows) + 2  # a different first row a file
            n = counts.get(line, 0)
            if 0 < n <= left:
                chosen.append(line)
                left -= n
            if left == 0:
                break
        assert left == 0
        name = f"aed_{i:02d}.csv"
        (where / name).write_bytes(header + b"".join(rows[line - 2] for line in sorted(chosen)))
        names.append(name)
    return names


@pytest.fixture(scope="module")
def big_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Report]:
    where = tmp_path_factory.mktemp("ci")
    names = _build_run(where)
    report = _report(_cli("--format", "json", *names, cwd=where))
    return where, names, report


def test_the_run_has_30_files_and_1000_problems(
    big_run: tuple[Path, list[str], Report],
) -> None:
    _where, _names, report = big_run
    assert len(report.files) == FILES
    s = report.summary
    assert s.error + s.warning + s.info == PROBLEMS
    assert s.error > ANNOTATIONS_PER_KIND and s.warning > ANNOTATIONS_PER_KIND
    assert sum(len(f.problems) for f in report.files) == PROBLEMS  # every detail held


def test_github_prints_what_github_shows_and_one_summary_line(
    big_run: tuple[Path, list[str], Report],
) -> None:
    where, names, report = big_run
    proc = _cli("--format", "github", *names, cwd=where)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(errors) == 10 and len(warnings) == 10
    assert len(notices) == 1 and len(lines) == 21
    # The most severe first; each kind in file and line order: the run's first ten.
    assert lines[:10] == errors and lines[10:20] == warnings
    for kind, shown in (("error", errors), ("warning", warnings)):
        first = [
            (file.path, p.line)
            for file in report.files
            for p in sorted(file.problems, key=lambda p: p.line or 0)
            if p.severity == kind
        ][:10]
        assert [_file_and_line(line) for line in shown] == first
    # The summary line counts what was left out and says where it is.
    summary = lines[20]
    assert summary.startswith("::notice title=stdschema annotations::")
    assert "20 of 1000 problems are annotations" in summary
    assert "The other 980" in summary
    assert '--format markdown … >> "$GITHUB_STEP_SUMMARY"' in summary
    assert "--format sarif" in summary
    # Streamed by the CLI as render() gives it for the whole report.
    assert proc.stdout == render(report, "github")


def _file_and_line(command: str) -> tuple[str, int]:
    props = dict(p.split("=", 1) for p in command.split(" ", 1)[1].split("::")[0].split(","))
    return props["file"], int(props["line"])


def test_github_summary_in_japanese_takes_a_notice_slot(
    big_run: tuple[Path, list[str], Report],
) -> None:
    _where, _names, report = big_run
    # With --fail-on info, infos are notices; none here, so the summary is the only one.
    out = render(report.model_copy(update={"fail_on": "info"}), "github", lang="ja")
    (summary,) = [line for line in out.splitlines() if line.startswith("::notice ")]
    assert "1000 件のうち 20 件を注釈にしました" in summary
    assert "残り 980 件" in summary


def test_markdown_step_summary_lists_the_rest(
    big_run: tuple[Path, list[str], Report],
) -> None:
    where, names, report = big_run
    proc = _cli("--format", "markdown", *names, cwd=where)
    out = proc.stdout
    assert out == render(report, "markdown")
    assert len(out.encode("utf-8")) < markdown_format.STEP_SUMMARY_BUDGET
    sections = out.split("\n### ")[1:]
    assert len(sections) == FILES
    listed = 0
    for file, section in zip(report.files, sections, strict=True):
        rows = _problem_rows(section)
        assert len(rows) == len(file.problems)
        # Each problem's row number and message is a row of its file's section.
        for p in file.problems:
            assert any(r.startswith(f"| {p.row} |") and p.message in r for r in rows)
        listed += len(rows)
    assert listed == PROBLEMS  # the 980 the annotations left out among them
    assert "<details><summary>" in out


def _problem_rows(section: str) -> list[str]:
    """The rows of the problem tables (under '#### code') of one file's section."""
    rows, inside = [], False
    for line in section.splitlines():
        if line == "| ---: | --- | --- | --- | --- | --- | --- |":
            inside = True
        elif not line.startswith("| "):
            inside = False
        elif inside:
            rows.append(line)
    return rows


def test_markdown_past_the_budget_keeps_counts_and_says_why(
    big_run: tuple[Path, list[str], Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    _where, _names, report = big_run
    monkeypatch.setattr(markdown_format, "STEP_SUMMARY_BUDGET", 20_000)
    whole = render(report, "markdown", lang="en")
    note = "The step summary is near its limit"
    sections = whole.split("\n### ")[1:]
    listed = [s for s in sections if note not in s]
    cut = [s for s in sections if note in s]
    assert listed and cut
    # Files keep their order: the listed ones first, then the ones only counted.
    assert sections == listed + cut
    assert all("#### " not in s and "| `invalid-value` |" in s for s in cut)
    stream = ReportStream("markdown", lang="en", fail_on=report.fail_on)
    assert "".join(stream.chunks(iter(report.files))) == whole


# --- JUnit and the exit code --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "fail_on", "fails"),
    [
        (TOILETS, "error", False),  # warnings and infos only
        (TOILETS, "warning", True),
        (TOILETS, "info", True),
        (AED, "error", True),
        (AED, "warning", True),
    ],
)
def test_junit_failures_agree_with_the_exit_code(source: Path, fail_on: str, fails: bool) -> None:
    proc = _cli("--format", "junit", "--fail-on", fail_on, source)
    assert proc.returncode == (1 if fails else 0), proc.stderr
    root = ET.fromstring(proc.stdout)
    failures = int(root.get("failures", "-1"))
    assert (failures > 0) == fails
    (suite,) = root.findall("testsuite")
    names = [case.get("name", "") for case in suite.findall("testcase")]
    assert len(names) == len(set(names))
    for case in suite.findall("testcase"):
        name = case.get("name", "")
        if name == "valid":
            assert not fails
            continue
        severity = name.rsplit("(", 1)[1].rstrip(")")
        failure = case.find("failure")
        # A case fails exactly when its severity is at or above --fail-on, and a failure
        # is of one severity.
        assert (failure is not None) == (RANK[severity] >= RANK[fail_on])
        if failure is not None:
            assert failure.get("type") == severity
        else:
            assert f"below --fail-on {fail_on}" in (case.findtext("system-out") or "")


# --- SARIF --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def toilets() -> Report:
    return _report(_cli("--format", "json", TOILETS))


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


def _sarif(report: Report, schema: dict[str, Any], **options: Any) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(report, "sarif", **options))
    jsonschema.Draft4Validator(schema).validate(log)
    return log


def _levels(log: dict[str, Any]) -> Counter[tuple[str, str]]:
    return Counter((r["ruleId"], r["level"]) for r in log["runs"][0]["results"])


def _rules(log: dict[str, Any]) -> dict[str, str]:
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    return {r["id"]: r["defaultConfiguration"]["level"] for r in rules}


def test_sarif_levels_follow_fail_on(toilets: Report, sarif_schema: dict[str, Any]) -> None:
    (file,) = toilets.files
    assert file.summary.error == 0 and file.summary.warning > 0
    assert file.summary.by_code["blank-recommended"] > 500
    by_level: dict[str, dict[str, str]] = {}
    for fail_on in ("error", "warning", "info"):
        log = _sarif(toilets.model_copy(update={"fail_on": fail_on}), sarif_schema)
        severity = {(p.code, p.severity) for p in file.problems}
        results = _levels(log)
        for code, level in results:
            kinds = {s for c, s in severity if c == code}
            assert len(kinds) == 1
            (kind,) = kinds
            fails = RANK[kind] >= RANK[fail_on]
            expected = "error" if fails else {"warning": "warning", "info": "note"}[kind]
            assert level == expected, (fail_on, code)
        by_level[fail_on] = {code: level for code, level in results}
    assert set(by_level["error"].values()) <= {"warning", "note"}
    assert "error" in by_level["warning"].values()
    assert set(by_level["info"].values()) == {"error"}


def test_sarif_leaves_blank_recommended_out_unless_selected(
    toilets: Report, sarif_schema: dict[str, Any]
) -> None:
    (file,) = toilets.files
    blank = sum(1 for p in file.problems if p.code == "blank-recommended")
    default = _sarif(toilets, sarif_schema)
    assert "blank-recommended" not in _rules(default)
    assert all(r["ruleId"] != "blank-recommended" for r in default["runs"][0]["results"])
    # The other problems are all there.
    assert len(default["runs"][0]["results"]) == len(file.problems) - blank
    for options in (
        {"selected": frozenset({"blank-recommended"})},
        {"selected": frozenset({"info"})},
    ):
        log = _sarif(toilets, sarif_schema, **options)
        assert _levels(log)[("blank-recommended", "note")] == blank
        assert _rules(log)["blank-recommended"] == "note"
    # Selected by another name: still left out.
    other = _sarif(toilets, sarif_schema, selected=frozenset({"header-variant"}))
    assert "blank-recommended" not in _rules(other)
    # Failing the run, they are results, as errors.
    failing = _sarif(toilets.model_copy(update={"fail_on": "info"}), sarif_schema)
    assert _levels(failing)[("blank-recommended", "error")] == blank


def test_sarif_streamed_by_the_cli_leaves_them_out_too(sarif_schema: dict[str, Any]) -> None:
    proc = _cli("--format", "sarif", TOILETS)
    assert proc.returncode == 0
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["runs"][0]["results"]
    assert "blank-recommended" not in _rules(log)
    # Selected by name on the command line: results.
    selected = json.loads(
        _cli("--format", "sarif", "--select", "blank-recommended", TOILETS).stdout
    )
    jsonschema.Draft4Validator(sarif_schema).validate(selected)
    assert _rules(selected) == {"blank-recommended": "note"}
    assert len(selected["runs"][0]["results"]) > 500


def test_sarif_with_a_baseline_from_the_cli(tmp_path: Path, sarif_schema: dict[str, Any]) -> None:
    source = tmp_path / "aed.csv"
    raw = AED.read_bytes().splitlines(keepends=True)
    source.write_bytes(b"".join(raw[:20]))
    assert _cli("--write-baseline", "base.json", "aed.csv", cwd=tmp_path).returncode == 0
    # A new problem in a row added at the end: its katakana reading is half-width.
    source.write_bytes(b"".join(raw[:21]))
    proc = _cli("--baseline", "base.json", "--format", "sarif", "aed.csv", cwd=tmp_path)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    states = Counter(r["baselineState"] for r in log["runs"][0]["results"])
    assert states["new"] >= 1 and states["unchanged"] >= 19
    assert set(states) == {"new", "unchanged"}


@pytest.mark.skipif("known" not in ProblemOut.model_fields, reason="baselines not merged yet")
def test_known_problems_are_unchanged_in_sarif_and_not_annotated(
    toilets: Report, sarif_schema: dict[str, Any]
) -> None:
    (file,) = toilets.files
    warnings = [i for i, p in enumerate(file.problems) if p.severity == "warning"]
    known = set(warnings[:2])
    problems = [
        p.model_copy(update={"known": True}) if i in known else p
        for i, p in enumerate(file.problems)
    ]
    report = toilets.model_copy(update={"files": [file.model_copy(update={"problems": problems})]})
    log = _sarif(report, sarif_schema, baseline=True)
    states = Counter(r["baselineState"] for r in log["runs"][0]["results"])
    assert states["unchanged"] == 2
    assert states["new"] == len(log["runs"][0]["results"]) - 2
    # Without a baseline, no result says anything about one.
    assert all(
        "baselineState" not in r for r in _sarif(toilets, sarif_schema)["runs"][0]["results"]
    )
    counted = report.model_copy(update={"summary": report.summary.model_copy(update={"known": 2})})
    annotated = render(counted, "github", lang="en").splitlines()
    warned = [line for line in annotated if line.startswith("::warning ")]
    assert len(warned) == len(warnings) - 2
    # Left out, and said so.
    assert annotated[-1].startswith("::notice title=stdschema annotations::")
    assert "The other 2:" in annotated[-1]
    assert "The baseline holds 2 of the problems found" in annotated[-1]
    # Known problems fail no JUnit case (nor the run): all the warnings known, none fails.
    every = [p.model_copy(update={"known": p.severity == "warning"}) for p in file.problems]
    all_known = toilets.model_copy(
        update={"files": [file.model_copy(update={"problems": every})], "fail_on": "warning"}
    )
    root = ET.fromstring(render(all_known, "junit", lang="en"))
    assert root.get("failures") == "0"
    assert "known: in the baseline" in "".join(root.itertext())
    partly = report.model_copy(update={"fail_on": "warning"})
    assert ET.fromstring(render(partly, "junit", lang="en")).get("failures") != "0"
