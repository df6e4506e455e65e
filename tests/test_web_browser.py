"""The web workbench (``stdschema serve``) driven by an automated officer in headless Chromium.

The app runs with uvicorn in a thread on 127.0.0.1; the browser is the Debian package driven by
Playwright (nothing is downloaded) and every request to any other origin is refused and counted,
so the tests also show that a visit needs nothing from the internet.

The officer uploads a real legacy file (UTF-8, then CP932), picks the dataset, sees the report,
fixes the mapping in the form (one source column, one transform), converts, downloads the
standard CSV and the mapping YAML, and the CSV is checked with ``stdschema validate``. The saved
mapping then converts the same file with no form edits to the same bytes. A hostile cell is shown
as text and never runs, and ending the visit removes its folder.

Without Chromium or Playwright the tests are skipped, saying why; with
``STDSCHEMA_REQUIRE_BROWSER=1`` they fail instead. ``STDSCHEMA_SCREENSHOTS=1`` writes the
README's screenshots (docs/img/web-upload.png, docs/img/web-mapping.png).
"""

from __future__ import annotations

import csv
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from stdschema.cli import app as cli_app
from tests.test_browser import ARGS, browser_unavailable, chromium_executable

SCREENSHOTS = os.environ.get("STDSCHEMA_SCREENSHOTS") == "1"
LEGACY = Path(__file__).parent / "data" / "real" / "legacy"
PARKS = LEGACY / "yaizu_222127_park_info.csv"  # UTF-8, 公園一覧 in a local layout
CARE = LEGACY / "yaizu_yohairyosya.csv"  # CP932, 要配慮者利用施設 in a local layout
TARGET = "public_facilities@v2"
IMG_DIR = Path(__file__).parent.parent / "docs" / "img"
# Problems a converted file may still have: cells the source has nothing for.
BLANK_CODES = {"blank-required", "blank-likely-required", "blank-recommended"}
IMG_CELL = '<img src=x onerror="window.__pwned=1">'
SCRIPT_CELL = "<script>window.__pwned=1</script>"
WAIT_MS = 20_000  # generous: the preview really converts the file


@dataclass
class Server:
    """The workbench on 127.0.0.1 and the private folder its visits are kept in."""

    origin: str
    root: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app of ``stdschema serve`` in a uvicorn thread on a free loopback port."""
    try:
        import uvicorn
    except ImportError:
        pytest.skip("the web extra is not installed (pip install 'stdschema[web]')")
    from stdschema.web.app import WebSettings, create_app

    root = tmp_path_factory.mktemp("visits")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(WebSettings(root=root)), host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    started = time.perf_counter()
    thread.start()
    while not uv.started:
        if not thread.is_alive():
            pytest.fail("the web app did not start (see the log above)")
        time.sleep(0.02)
    print(f"\n[web] server up in {time.perf_counter() - started:.2f} s on port {port}")
    try:
        yield Server(f"http://127.0.0.1:{port}", root)
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the module; each test opens its own context (cookies)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("Playwright is not installed (pip install '.[dev]' -c constraints.txt)")
    executable = chromium_executable()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Officer:
    """A browser tab on the workbench that refuses (and lists) every request elsewhere."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="ja-JP"
        )
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(WAIT_MS)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url == self.server.origin or url.startswith(self.server.origin + "/"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()

    def upload(self, path: Path, mapping: Path | None = None) -> float:
        """Open /, upload the file (and a saved mapping); return seconds until the report shows."""
        page = self.page
        page.goto(self.server.origin + "/")
        page.set_input_files("input#file", str(path))
        if mapping is not None:
            page.set_input_files("input#mapping-file", str(mapping))
        started = time.perf_counter()
        page.click("button#upload-button")
        page.wait_for_url("**/v/*/")
        self.report_shown()
        return time.perf_counter() - started

    def report_shown(self) -> None:
        """Wait until the visit page shows the detected dataset and the report inline."""
        page = self.page
        page.locator("#detected").wait_for()
        frame = page.locator("iframe#report-frame")
        sandbox = frame.get_attribute("sandbox")
        # The report's own script may run, but in an opaque origin: never as this server.
        assert sandbox is not None and "allow-same-origin" not in sandbox
        page.frame_locator("iframe#report-frame").locator("p.overall").wait_for()

    def choose_dataset(self, dataset: str) -> None:
        page = self.page
        page.select_option("select#dataset", dataset)
        page.click("button#dataset-button")
        page.wait_for_load_state()
        self.report_shown()
        assert page.locator("select#dataset").input_value() == dataset

    def row(self, target: str) -> Any:
        return self.page.locator(f'tr.map-row[data-target="{target}"]')

    def edit(self, target: str, source: str | None, transform: str, after: str) -> Any:
        """Set a row's source column and transform; wait until the preview the change sent
        back is shown and the row's samples read ``after``; return the preview's JSON."""
        from playwright.sync_api import expect

        page = self.page
        row = self.row(target)
        with page.expect_response(
            lambda r: r.url.endswith("/preview") and r.request.method == "POST"
        ) as answer:
            if source is not None:
                row.locator("select.source").select_option(source)
            row.locator("select.transform").select_option(transform)
        assert answer.value.ok
        # The script marks the preview busy before it sends and ready once it has drawn it.
        page.locator('#preview[data-state="ready"]').wait_for()
        expect(row.locator(".samples")).to_contain_text(after, timeout=WAIT_MS)
        assert row.locator(".row-error").inner_text().strip() == ""
        # The picker explains its choice from the transform registry: description and examples.
        from stdschema.conversion.transforms import TRANSFORMS

        help_box = row.locator(".transform-help")
        assert TRANSFORMS[transform].description_ja in help_box.locator(".description").inner_text()
        assert help_box.locator(".examples li").count() == len(TRANSFORMS[transform].examples) > 0
        assert "例:" in help_box.locator(".examples").inner_text()
        if source is not None:
            # The column just picked leaves the list of unused columns.
            unused = page.locator("p.unused").inner_text().split(": ", 1)[-1]
            assert source not in unused.split("、")
        return answer.value.json()

    def download(self, selector: str, folder: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click(selector)
        download = info.value
        assert download.failure() is None
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / str(download.suggested_filename)
        download.save_as(str(out))
        return out

    def result(self) -> dict[str, int]:
        counts = self.page.locator("#counts")
        counts.wait_for()
        return {
            k: int(counts.get_attribute(f"data-{k}") or -1) for k in ("read", "written", "rejected")
        }

    def assert_offline_and_clean(self) -> None:
        assert self.refused == [], f"requests beyond 127.0.0.1: {self.refused}"
        assert self.errors == [], f"script errors: {self.errors}"


@dataclass
class Flow:
    """What one officer visit produced."""

    csv: bytes
    mapping: Path
    counts: dict[str, int]
    upload_to_report: float
    total: float
    notes: list[str] = field(default_factory=list)


def _validate(path: Path) -> dict[str, Any]:
    """``stdschema validate FILE --format json``: exit 0, or 1 with only blank-cell errors."""
    result = CliRunner().invoke(cli_app, ["validate", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    (checked,) = report["files"]
    dataset = checked["dataset"]
    assert f"{dataset['id']}@{dataset['edition']}" == TARGET, dataset
    errors = {p["code"] for p in checked["problems"] if p["severity"] == "error"}
    if result.exit_code == 1:
        assert errors and errors <= BLANK_CODES, errors
    return dict(checked)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(data.decode("utf-8-sig").splitlines()))


def _officer_flow(
    browser: Any,
    server: Server,
    source: Path,
    edit: tuple[str, str, str, str],
    folder: Path,
    screenshots: bool = False,
    keep_incomplete: bool = False,
) -> Flow:
    """Upload, choose the dataset, fix one row in the form, convert and download
    (``keep_incomplete``: tick the box, so rows with refused cells are written with them
    blank instead of rejected)."""
    officer = Officer(browser, server)
    page = officer.page
    try:
        started = time.perf_counter()
        upload_to_report = officer.upload(source)
        officer.choose_dataset(TARGET)
        if screenshots:
            page.screenshot(path=str(IMG_DIR / "web-upload.png"))
        page.click("a#to-mapping")
        page.wait_for_url("**/map")
        page.locator("form#mapping-form").wait_for()
        page.locator('#preview[data-state="ready"]').wait_for()
        assert page.locator("tr.map-row").count() > 10
        target, column, transform, after = edit
        assert after not in officer.row(target).locator(".samples").inner_text()
        officer.edit(target, column, transform, after)
        if screenshots:
            # The edited row with its transform's description and examples, in the middle.
            officer.row(target).evaluate("row => row.scrollIntoView({block: 'center'})")
            page.screenshot(path=str(IMG_DIR / "web-mapping.png"))
        if keep_incomplete:
            assert page.locator("#preview").get_attribute("data-rejected") != "0"
            with page.expect_response(lambda r: r.url.endswith("/preview")):
                page.check("#keep-incomplete")
            page.locator('#preview[data-state="ready"]').wait_for()
            assert page.locator("#preview").get_attribute("data-rejected") == "0"
        page.click("button#convert-button")
        page.wait_for_url("**/result")
        counts = officer.result()
        if keep_incomplete:
            gaps = page.locator("#gaps").get_attribute("data-gaps")
            assert gaps is not None and int(gaps) > 0
        csv_path = officer.download("a#download-csv", folder)
        mapping = officer.download("a#download-mapping", folder)
        total = time.perf_counter() - started
        officer.assert_offline_and_clean()
        return Flow(csv_path.read_bytes(), mapping, counts, upload_to_report, total)
    finally:
        officer.close()


def _check_flow(flow: Flow, target: str, column: str, after: str, folder: Path) -> None:
    """The CSV is the standard file (BOM, standard header, counts add up) and validates."""
    assert flow.csv.startswith(b"\xef\xbb\xbf")
    rows = _rows(flow.csv)
    header, body = rows[0], rows[1:]
    assert target in header and "名称" in header
    assert flow.counts["read"] == flow.counts["written"] + flow.counts["rejected"]
    assert len(body) == flow.counts["written"] > 0
    assert after in [row[header.index(target)] for row in body]
    out = folder / "standard.csv"
    out.write_bytes(flow.csv)
    _validate(out)
    # The mapping YAML names the edited row's column, so next month's file converts in one go.
    text = flow.mapping.read_text(encoding="utf-8")
    assert TARGET in text and column in text


PARKS_EDIT = ("備考", "面積（㎡）", "number", "32500")  # "32,500 " -> 32500
CARE_EDIT = ("備考", "地域防災計画分類", "nfkc", "1障害福祉サービス等提供施設")  # ① -> 1


@pytest.fixture(scope="module")
def parks_flow(
    chromium: Any, server: Server, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Flow, Path]:
    folder = tmp_path_factory.mktemp("parks")
    if SCREENSHOTS:
        IMG_DIR.mkdir(parents=True, exist_ok=True)
    return _officer_flow(chromium, server, PARKS, PARKS_EDIT, folder, SCREENSHOTS), folder


def test_officer_maps_a_legacy_file_in_the_form(
    parks_flow: tuple[Flow, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    flow, folder = parks_flow
    _check_flow(flow, PARKS_EDIT[0], PARKS_EDIT[1], PARKS_EDIT[3], folder)
    assert flow.counts["read"] == 142
    with capsys.disabled():
        print(
            f"\n[web] parks (142 rows): upload->report {flow.upload_to_report:.2f} s, "
            f"flow total {flow.total:.2f} s, counts {flow.counts}"
        )


def test_officer_maps_a_cp932_file(
    chromium: Any, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flow = _officer_flow(chromium, server, CARE, CARE_EDIT, tmp_path, keep_incomplete=True)
    _check_flow(flow, CARE_EDIT[0], CARE_EDIT[1], CARE_EDIT[3], tmp_path)
    # Three phone numbers the converter refuses: kept with the cell blank, not rejected.
    assert flow.counts == {"read": 277, "written": 277, "rejected": 0}
    # The CP932 text arrived intact (circled digits are CP932-only; the name has a full-width space).
    names = [row[_rows(flow.csv)[0].index("名称")] for row in _rows(flow.csv)[1:]]
    assert any("くすのき" in name for name in names)
    with capsys.disabled():
        print(
            f"\n[web] CP932 (277 rows): upload->report {flow.upload_to_report:.2f} s, "
            f"flow total {flow.total:.2f} s, counts {flow.counts}"
        )


def test_a_saved_mapping_converts_without_the_form(
    chromium: Any, server: Server, parks_flow: tuple[Flow, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    flow, folder = parks_flow
    officer = Officer(chromium, server)
    page = officer.page
    try:
        started = time.perf_counter()
        officer.upload(PARKS, mapping=flow.mapping)
        page.locator("form#convert-form").wait_for()
        page.click("button#convert-button")
        page.wait_for_url("**/result")
        assert officer.result() == flow.counts
        again = officer.download("a#download-csv", folder / "again")
        total = time.perf_counter() - started
        officer.assert_offline_and_clean()
    finally:
        officer.close()
    assert again.read_bytes() == flow.csv
    with capsys.disabled():
        print(f"\n[web] saved mapping: flow total {total:.2f} s")


def _hostile_parks(folder: Path) -> Path:
    """The parks file with markup in two park names and in one description."""
    with PARKS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    name = rows[0].index("公園名")
    rows[1][name] = IMG_CELL
    rows[2][name] = SCRIPT_CELL
    rows[3][rows[0].index("公園紹介文")] = IMG_CELL
    out = folder / "hostile_parks.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return out


def _not_pwned(officer: Officer) -> None:
    page = officer.page
    page.wait_for_timeout(300)  # let any image error handler fire, if one were ever created
    for frame in page.frames:  # the page and the report's frame
        assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url
    assert page.locator('img[src="x"]').count() == 0
    assert (
        page.locator("script:not([src])").evaluate_all(
            "els => els.filter(e => e.textContent.includes('__pwned')).length"
        )
        == 0
    )


def test_a_hostile_cell_is_shown_as_text_and_never_runs(
    chromium: Any, server: Server, tmp_path: Path
) -> None:
    officer = Officer(chromium, server)
    page = officer.page
    try:
        officer.upload(_hostile_parks(tmp_path))
        officer.choose_dataset(TARGET)
        _not_pwned(officer)
        page.click("a#to-mapping")
        page.locator('#preview[data-state="ready"]').wait_for()
        samples = officer.row("名称").locator(".samples")
        assert IMG_CELL in samples.inner_text() and SCRIPT_CELL in samples.inner_text()
        _not_pwned(officer)
        # The samples the script redraws from the preview's JSON stay text too.
        answer = officer.edit("名称", None, "trim", IMG_CELL)
        index = int(officer.row("名称").get_attribute("data-index") or -1)
        (drawn,) = [row["samples"] for row in answer["rows"] if row["index"] == index]
        assert [IMG_CELL, IMG_CELL] in drawn and [SCRIPT_CELL, SCRIPT_CELL] in drawn
        assert SCRIPT_CELL in officer.row("名称").locator(".samples").inner_text()
        officer.edit("説明", "公園紹介文", "fold_spaces", IMG_CELL)
        _not_pwned(officer)
        officer.assert_offline_and_clean()
    finally:
        officer.close()


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_ending_the_visit_removes_its_folder(
    chromium: Any, server: Server, parks_flow: tuple[Flow, Path]
) -> None:
    flow, _ = parks_flow
    before = _files(server.root)
    officer = Officer(chromium, server)
    page = officer.page
    try:
        officer.upload(PARKS, mapping=flow.mapping)
        visit = page.url.rstrip("/").rsplit("/", 1)[-1]
        created = _files(server.root) - before
        assert created, "the upload was not kept under WebSettings.root"
        folders = {p.parent for p in created}
        page.click("button#end-visit")
        page.wait_for_url(lambda url: urlsplit(url).path == "/")
        officer.assert_offline_and_clean()
    finally:
        officer.close()
    assert _files(server.root) == before
    assert not any(folder.exists() for folder in folders)
    assert not any(visit in str(p) for p in server.root.rglob("*"))
