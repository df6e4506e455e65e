"""``stdschema catalog validate`` (issue 16): every resource of a CKAN portal listed once with
its publisher, dataset and counts; failures reported, never fatal; retries with backoff;
``--state`` re-runs that fetch nothing unchanged. The portal is a loopback CKAN-like server
(tests/ckan_portal.py) whose answers follow real CKAN (BODIK) responses and whose
resources are real municipal files from tests/data/real/."""

from __future__ import annotations

import itertools
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stdschema.distributed.catalog import (
    CatalogueReport,
    ResourceResult,
    catalogue_schema,
    render_html,
    render_json,
    render_xlsx,
    run_catalogue,
    without_state_marks,
)
from stdschema.distributed.ckan import PortalError, Query
from stdschema.distributed.remote import FetchLimits
from stdschema.validation import Options, validate_file
from tests.ckan_portal import Portal

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
LIMITS = FetchLimits(max_bytes=1024 * 1024, timeout=0.5, retries=2, backoff=0.05)
OPTIONS = Options(lang="ja", max_problems=0)


@pytest.fixture
def portal() -> Iterator[Any]:
    with Portal() as running:
        running.slow_seconds = 1.0
        yield running


def flat(report: CatalogueReport) -> list[tuple[str, str, ResourceResult]]:
    return [
        (pub.name, ds.name, res)
        for pub in report.publishers
        for ds in pub.datasets
        for res in ds.resources
    ]


def by_path(report: CatalogueReport) -> dict[str, ResourceResult]:
    return {res.url.split("/", 3)[3]: res for _, _, res in flat(report)}


# What each resource of tests/data/ckan/packages.json must come out as: its status, and for
# the real files, the local file whose validation gives its counts.
EXPECTED = {
    "files/v2/13_public_toilet__222127_yaizu.csv": (
        "valid",
        "v2/13_public_toilet__222127_yaizu.csv",
    ),
    "docs/public_toilet_spec.pdf": ("skipped", None),
    "plain/v2/14_fire_hydrant__222127_yaizu.csv": ("valid", "v2/14_fire_hydrant__222127_yaizu.csv"),
    "files/legacy/yaizu_222127_nouen.csv": ("invalid", "legacy/yaizu_222127_nouen.csv"),
    "files/v2/05_preschool__122319_inzai.csv": ("valid", "v2/05_preschool__122319_inzai.csv"),
    "error/500/preschool_old.csv": ("fetch-failed", None),
    "files/v2/10_hospital__122319_inzai.csv": ("valid", "v2/10_hospital__122319_inzai.csv"),
    "slow/hospital_night.csv": ("fetch-failed", None),
    "files/v2/15_food_business_all__132055_ome.xlsx": (
        "valid",
        "v2/15_food_business_all__132055_ome.xlsx",
    ),
    "flaky/legacy/takamatsu_0002_aed_location.csv": (
        "invalid",
        "legacy/takamatsu_0002_aed_location.csv",
    ),
    "big/aed_all.csv": ("fetch-failed", None),
    "missing/aed_2019.csv": ("fetch-failed", None),
}


def _listing(portal: Any) -> list[tuple[str, str, str]]:
    """(organisation, dataset, path) of every resource the fixture publishes."""
    return [
        (p["organization"]["name"], p["name"], r["url"].split("/", 3)[3])
        for p in portal.packages
        for r in p["resources"]
    ]


def test_every_resource_is_listed_once_with_its_dataset_and_counts(portal: Any) -> None:
    started = time.monotonic()
    report = run_catalogue(portal.base, Query(), OPTIONS, LIMITS)
    print(f"12 resources, one process: {time.monotonic() - started:.2f} s")
    rows = flat(report)
    assert len(rows) == len(EXPECTED) == 12
    assert len({res.id for _, _, res in rows}) == 12
    assert sorted((org, ds, res.url.split("/", 3)[3]) for org, ds, res in rows) == sorted(
        _listing(portal)
    )
    # package_search answered 3 packages a page: every page was asked for.
    searches = [p for _, m, p in portal.log if p == "/api/3/action/package_search"]
    assert len(searches) == 3
    found = by_path(report)
    for path, (status, local) in EXPECTED.items():
        res = found[path]
        assert res.status == status, (path, res)
        if local is None:
            continue
        expected = validate_file(REAL / local, OPTIONS)
        ref = expected.dataset
        assert res.dataset_id == ref.id and res.edition == ref.edition
        assert res.detected == (f"{ref.id}@{ref.edition}" if ref.id else None)
        assert (res.error, res.warning, res.info) == (
            expected.summary.error,
            expected.summary.warning,
            expected.summary.info,
        )
        assert res.problems == expected.summary.by_code
        assert res.rows == expected.rows
        assert res.sha256 and res.size == (REAL / local).stat().st_size
    assert found["files/v2/13_public_toilet__222127_yaizu.csv"].detected == "public_toilets@v2"
    assert found["files/legacy/yaizu_222127_nouen.csv"].problems["encoding-not-utf8"] == 1
    assert found["docs/public_toilet_spec.pdf"].format == "PDF"
    # One form of time in the column, whether the server's Last-Modified or the portal's.
    times = {res.last_modified for _, _, res in rows}
    assert times and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?", t) for t in times)
    # Failures are in the report, one line each, with the URL and the reason.
    for path, reason in [
        ("error/500/preschool_old.csv", "HTTP 500"),
        ("slow/hospital_night.csv", "0.5 秒"),
        ("big/aed_all.csv", "1 MB"),
        ("missing/aed_2019.csv", "HTTP 404"),
    ]:
        res = found[path]
        assert res.fetch_error is not None and reason in res.fetch_error
        assert res.url in res.fetch_error and "\n" not in res.fetch_error
        assert res.problems == {"fetch-failed": 1} and res.valid is None
    tot = report.totals
    assert (tot.resources, tot.checked, tot.valid, tot.invalid, tot.failed, tot.skipped) == (
        12,
        7,
        5,
        2,
        4,
        1,
    )
    assert not report.valid
    # Ranking: by files affected, then occurrences; fetch-failed heads it (4 resources).
    ranking = [(r.code, r.files, r.occurrences) for r in report.ranking]
    assert ranking[0] == ("fetch-failed", 4, 4)
    keys = [(-files, -n, code) for code, files, n in ranking]
    assert keys == sorted(keys)
    files_by_code: dict[str, int] = {}
    for _, _, res in rows:
        for code in res.problems:
            files_by_code[code] = files_by_code.get(code, 0) + 1
    assert {code: files for code, files, _ in ranking} == files_by_code
    publishers = {p.name: (p.title, p.resources, p.checked, p.valid) for p in report.publishers}
    assert publishers["c222127"] == ("静岡県焼津市", 4, 3, 2)
    assert publishers["c372013"] == ("香川県高松市", 3, 1, 0)


def test_retries_with_backoff_are_in_the_request_log(portal: Any) -> None:
    run_catalogue(portal.base, Query(organization="c122319"), OPTIONS, LIMITS)
    run_catalogue(portal.base, Query(organization="c372013"), OPTIONS, LIMITS)
    gets = portal.file_requests()
    attempts = 1 + LIMITS.retries
    assert gets.count("/error/500/preschool_old.csv") == attempts
    assert gets.count("/slow/hospital_night.csv") == attempts
    assert gets.count("/flaky/legacy/takamatsu_0002_aed_location.csv") == 3  # 500, 500, file
    assert gets.count("/missing/aed_2019.csv") == 1  # 4xx is final
    assert gets.count("/big/aed_all.csv") == 1  # so is the size cap
    times = portal.times("/error/500/preschool_old.csv")
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    print("backoff between attempts:", [f"{gap:.3f} s" for gap in gaps])
    assert all(gap >= LIMITS.backoff * 2**n for n, gap in enumerate(gaps))


def test_processes_give_the_same_report(portal: Any) -> None:
    query = Query(organization="c222127")
    one = run_catalogue(portal.base, query, OPTIONS, LIMITS)
    started = time.monotonic()
    two = run_catalogue(portal.base, query, OPTIONS, LIMITS, jobs=2)
    print(f"--jobs 2: {time.monotonic() - started:.2f} s")
    assert render_json(one) == render_json(two)


def test_dask_gives_the_same_report(portal: Any, tmp_path: Path) -> None:
    """`catalog validate --dask local:2`: the resources are fetched and checked on a Dask
    cluster's workers (through the runner `validate --dask` uses); the report is the same."""
    pytest.importorskip("distributed")
    args = ["catalog", "validate", portal.base, "--organization", "c222127"]
    one = cli(*args, "-o", str(tmp_path / "one.json"))
    started = time.monotonic()
    on_dask = cli(*args, "-o", str(tmp_path / "dask.json"), "--dask", "local:2")
    print(f"--dask local:2: {time.monotonic() - started:.2f} s")
    assert (one.returncode, on_dask.returncode) == (1, 1), on_dask.stderr
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "one.json").read_bytes()
    wrong = cli(*args, "--dask", "udp://nowhere")
    assert (
        wrong.returncode == 2 and wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    )


def test_a_second_run_with_state_fetches_and_validates_nothing(portal: Any, tmp_path: Path) -> None:
    state = tmp_path / "state"
    query = Query(organization="c222127")
    first = run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)
    assert len(list((state / "entries").glob("*.json"))) == 3  # the PDF is not checked
    portal.clear()
    second = run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)
    # The file the portal stores itself (an upload listed with the same time, size and hash)
    # is not asked for at all. The one with an ETag is not fetched: a HEAD, no GET. The one
    # whose server gives no validator is fetched and found unchanged by its SHA-256: not
    # validated.
    assert portal.file_requests("GET") == ["/plain/v2/14_fire_hydrant__222127_yaizu.csv"]
    assert sorted(portal.file_requests("HEAD")) == [
        "/files/v2/13_public_toilet__222127_yaizu.csv",
        "/plain/v2/14_fire_hydrant__222127_yaizu.csv",
    ]
    assert second.totals.reused == 3
    assert all(res.from_state for _, _, res in flat(second) if res.status != "skipped")
    assert render_json(without_state_marks(second)) == render_json(first)

    # One file changes: only it is fetched and validated again.
    toilet = "v2/13_public_toilet__222127_yaizu.csv"
    changed = (REAL / toilet).read_bytes().replace("焼津市".encode(), "焼津市 ".encode(), 1)
    portal.overrides[toilet] = changed
    portal.clear()
    third = run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)
    assert sorted(portal.file_requests("GET")) == [
        f"/files/{toilet}",
        "/plain/v2/14_fire_hydrant__222127_yaizu.csv",
    ]
    res = by_path(third)[f"files/{toilet}"]
    assert not res.from_state and res.size == len(changed)
    assert third.totals.reused == 2

    # The portal lists the stored file anew: its server is asked (HEAD); the same bytes
    # (same ETag) are not fetched. A new upload with new bytes is fetched and validated.
    farm = "legacy/yaizu_222127_nouen.csv"
    (listed,) = [
        r for p in portal.packages for r in p["resources"] if r["url"].endswith(f"/files/{farm}")
    ]
    listed["last_modified"] = "2026-12-01T09:00:00.000000"
    portal.clear()
    fourth = run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)
    assert f"/files/{farm}" in portal.file_requests("HEAD")
    assert f"/files/{farm}" not in portal.file_requests("GET")
    assert by_path(fourth)[f"files/{farm}"].from_state
    portal.clear()
    run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)  # the listing recorded
    assert f"/files/{farm}" not in portal.file_requests("HEAD")
    new_upload = (REAL / farm).read_bytes() + (REAL / farm).read_bytes().splitlines(True)[-1]
    portal.overrides[farm] = new_upload
    listed["hash"], listed["size"] = "0" * 40, len(new_upload)
    portal.clear()
    fifth = run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)
    assert f"/files/{farm}" in portal.file_requests("GET")
    assert not by_path(fifth)[f"files/{farm}"].from_state


def test_an_interrupted_run_resumes_from_what_it_finished(portal: Any, tmp_path: Path) -> None:
    state = tmp_path / "state"
    # The first run "stops" after one dataset: what it finished is recorded, atomically.
    run_catalogue(
        portal.base, Query(dataset_name="c122319-preschool"), OPTIONS, LIMITS, state_dir=state
    )
    assert [p.name for p in (state / "entries").iterdir() if p.name.startswith(".")] == []
    portal.clear()
    report = run_catalogue(
        portal.base, Query(organization="c122319"), OPTIONS, LIMITS, state_dir=state
    )
    gets = portal.file_requests("GET")
    assert "/files/v2/05_preschool__122319_inzai.csv" not in gets
    assert "/files/v2/10_hospital__122319_inzai.csv" in gets
    # Failed fetches are not recorded: they are tried again.
    assert gets.count("/error/500/preschool_old.csv") == 1 + LIMITS.retries
    assert by_path(report)["files/v2/05_preschool__122319_inzai.csv"].from_state


def test_a_damaged_state_entry_is_checked_again(portal: Any, tmp_path: Path) -> None:
    state = tmp_path / "state"
    query = Query(dataset_name="c122319-preschool")
    run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)
    for entry in (state / "entries").iterdir():
        entry.write_text('{"version": 1, "url"', encoding="utf-8")
    portal.clear()
    report = run_catalogue(portal.base, query, OPTIONS, LIMITS, state_dir=state)
    assert "/files/v2/05_preschool__122319_inzai.csv" in portal.file_requests("GET")
    assert by_path(report)["files/v2/05_preschool__122319_inzai.csv"].status == "valid"


def test_filters_and_an_unknown_dataset(portal: Any) -> None:
    report = run_catalogue(portal.base, Query(tag="子育て"), OPTIONS, LIMITS)
    assert [ds.name for pub in report.publishers for ds in pub.datasets] == ["c122319-preschool"]
    report = run_catalogue(
        portal.base, Query(dataset_name="c132055-food-business"), OPTIONS, LIMITS
    )
    assert report.valid and report.totals.valid == 1
    with pytest.raises(PortalError) as caught:
        run_catalogue(portal.base, Query(dataset_name="no-such-dataset"), OPTIONS, LIMITS)
    assert "HTTP 404" in caught.value.localized("en")


def test_html_and_xlsx_outputs(portal: Any) -> None:
    for package in portal.packages:
        if package["name"] == "c222127-public-toilet":
            package["title"] = '<script>alert("x")</script>公衆トイレ'
            package["resources"][0]["name"] = '=HYPERLINK("http://evil")'
            package["resources"][1]["url"] = "javascript:alert(1)"
    report = run_catalogue(portal.base, Query(organization="c222127"), OPTIONS, LIMITS)
    page = render_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<td>項目定義書</td>" in page and 'href="javascript' not in page
    assert "default-src 'none'" in page
    assert "公衆トイレ一覧" not in page or "カタログの検査結果" in page
    assert 'lang="ja"' in page and "静岡県焼津市" in page
    from io import BytesIO

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(BytesIO(render_xlsx(report)))
    sheet = book.worksheets[0]
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '=HYPERLINK("http://evil")' in names
    cell = next(c for c in sheet["C"] if c.value == '=HYPERLINK("http://evil")')
    assert cell.data_type == "s"  # stays text, never a formula
    assert sheet.max_row == 1 + 4
    assert book.worksheets[1].cell(2, 1).value == report.ranking[0].code


def test_the_json_report_follows_its_schema(portal: Any) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    report = run_catalogue(portal.base, Query(organization="c372013"), OPTIONS, LIMITS)
    jsonschema.validate(json.loads(render_json(report)), catalogue_schema())


# --- the command ----------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"STDSCHEMA_LANG": "ja", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_the_command_writes_the_report_and_exits_by_validity(portal: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    done = cli(
        "catalog",
        "validate",
        portal.base,
        "--dataset-name",
        "c222127-public-toilet",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["totals"]["valid"] == 1 and data["totals"]["skipped"] == 1
    assert "2 件のリソース" in done.stderr

    state = tmp_path / "state"
    page = tmp_path / "report.html"
    args = ["catalog", "validate", portal.base, "--organization", "c222127", "--state", str(state)]
    done = cli(*args, "--format", "html", "-o", str(page), "--jobs", "2")
    assert done.returncode == 1, done.stderr  # the 農園 file is a local layout
    assert "<table>" in page.read_text(encoding="utf-8")
    portal.clear()
    book = tmp_path / "report.xlsx"
    done = cli(*args, "--format", "xlsx", "-o", str(book))
    assert done.returncode == 1 and book.stat().st_size > 0
    assert "前回の結果を使用 3 件" in done.stderr
    assert portal.file_requests("GET") == ["/plain/v2/14_fire_hydrant__222127_yaizu.csv"]

    schema = cli("catalog", "schema")
    assert schema.returncode == 0
    assert json.loads(schema.stdout)["title"] == "CatalogueReport"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ftp://example.org"], "http://"),
        (["http://127.0.0.1:{port}", "--timeout", "0.2"], "接続できません"),
        (["{base}", "--dataset-name", "no-such-dataset"], "HTTP 404"),
        (["{base}/docs"], "CKAN"),
        (["{base}", "--format", "xlsx"], "-o"),
    ],
)
def test_usage_errors_and_an_unreachable_portal_are_one_line(
    portal: Any, tmp_path: Path, args: list[str], needle: str
) -> None:
    out = tmp_path / "report.json"
    filled = [a.format(port=_closed_port(), base=portal.base) for a in args]
    done = cli("catalog", "validate", *filled, *([] if "xlsx" in args else ["-o", str(out)]))
    print(done.stderr)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in done.stderr
    assert not out.exists()
