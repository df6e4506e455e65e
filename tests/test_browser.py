"""The HTML report in a real browser: headless Chromium (the Debian package, driven by
Playwright with the system browser; nothing is downloaded) opens pages written by
``stdschema validate --format html`` with every request but ``file:`` refused.

It checks that the summary renders, the problem filter shows the expected rows, problem
cells are coloured, the map draws one point a record with coordinates, nothing is fetched
until the tile box is ticked, and hostile cells never run.

Without Chromium or Playwright the tests are skipped, saying why; with
``STDSCHEMA_REQUIRE_BROWSER=1`` (set by .ci/run, which installs Chromium) they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.report.formats.html import TILE_ORIGIN
from tests.test_report_html import IMG_CELL, SCRIPT_CELL, TOURISM, hostile_csv

REQUIRED = os.environ.get("STDSCHEMA_REQUIRE_BROWSER") == "1"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_unavailable(reason: str) -> None:
    """Skip, saying why; fail instead under STDSCHEMA_REQUIRE_BROWSER=1 (.ci/run)."""
    if REQUIRED:
        pytest.fail(f"STDSCHEMA_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def chromium_executable() -> str:
    """The system Chromium (Debian's package); never a downloaded browser."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    browser_unavailable("no Chromium on PATH (Debian: apt-get install chromium)")
    raise AssertionError  # unreachable: skip or fail raised


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module, on a fresh profile."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("Playwright is not installed (pip install '.[dev]' -c constraints.txt)")
    executable = chromium_executable()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=ARGS
        )
        try:
            yield context
        finally:
            context.close()


class Opened:
    """A report page open in the browser, with the requests it tried beyond file:."""

    def __init__(self, context: Any, path: Path) -> None:
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def count(self, selector: str) -> int:
        return int(self.page.locator(selector).count())

    def visible_problems(self) -> int:
        return self.count("table.problems tbody tr")


def _html(source: Path, out: Path) -> Path:
    result = CliRunner().invoke(app, ["validate", "-f", "html", "-o", str(out), str(source)])
    assert result.exit_code in (0, 1), result.stderr
    return out


def test_the_report_of_a_real_file_renders(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, _html(TOURISM, tmp_path / "tourism.html"))
    page = opened.page
    # Summary: the verdict and the counts by severity.
    assert "不合格" in page.locator("p.overall").inner_text()
    assert page.locator("ul.counts").inner_text().split("\n") == [
        "エラー 3 件",
        "警告 69 件",
        "情報 19 件",
    ]
    # The filter: every problem, then the errors, then one code, then one column.
    assert opened.visible_problems() == 91
    page.select_option("select[data-filter=severity]", "0")
    assert opened.visible_problems() == 3
    assert page.locator("p.shown").inner_text() == "91 件中 3 件を表示"
    page.select_option("select[data-filter=severity]", "")
    page.select_option("select[data-filter=code]", label="surrounding-whitespace 前後の空白 (63)")
    assert opened.visible_problems() == 63
    page.select_option("select[data-filter=column]", label="説明 (21)")
    assert opened.visible_problems() == 21
    # Problem cells: coloured by severity, the message on hover.
    assert opened.count("table.data td.p-error") == 3
    cell = page.locator("table.data td.p-error").first
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 226, 224)"
    assert "必須" in (cell.get_attribute("title") or "")
    assert opened.count("table.data td.p-warning") >= 60
    # The map: one point a record with coordinates (all 205 have them).
    assert opened.count("div.map svg circle") == 205
    assert opened.count("div.map svg image") == 0
    page.screenshot(path=str(tmp_path / "tourism.png"), full_page=True)
    assert opened.refused == [] and opened.errors == []
    # Tiles only on request; the route refuses them here, so nothing leaves the machine.
    page.check("input[data-map=tiles]")
    assert opened.count("div.map svg image") > 0
    page.wait_for_timeout(200)
    assert opened.refused and all(url.startswith(TILE_ORIGIN) for url in opened.refused)
    page.close()


def test_hostile_cells_do_not_run(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, _html(hostile_csv(tmp_path), tmp_path / "hostile.html"))
    page = opened.page
    page.select_option("select[data-filter=severity]", "")  # draw the problem table again
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.images.length") == 0
    cells = page.locator("table.data td").all_inner_texts()
    assert SCRIPT_CELL in cells and IMG_CELL in cells
    # The swapped and the outside-Japan points are marked; the others are plain.
    assert opened.count("circle.pt-swapped") == 1
    assert opened.count("circle.pt-outside") == 1
    assert opened.count("div.map svg circle") == 5
    assert opened.refused == [] and opened.errors == []
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    page.close()
