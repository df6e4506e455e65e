"""The web workbench's server (issue 15) through Starlette's TestClient, on real files.

The limits of the issue's acceptance: an upload over the cap, a path-traversal file name,
a hostile cell, a post without the token, the temporary folder after a visit, the idle
sweep; then the API, the OpenAPI document and ``stdschema serve`` itself. Timings are
printed (run with ``-s``), never asserted.
"""

from __future__ import annotations

import base64
import csv as csvlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from starlette.testclient import TestClient

from stdschema.web.app import WebSettings, create_app
from stdschema.web.visits import VisitStore

REAL = Path(__file__).parent / "data" / "real"
AED = REAL / "legacy" / "takamatsu_0002_aed_location.csv"
TOILETS = REAL / "v2" / "13_public_toilet__222127_yaizu.csv"
HOSTILE = "<img src=x onerror=alert(1)>"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _client(root: Path, **settings: object) -> TestClient:
    return TestClient(create_app(WebSettings(root=root, **settings)))  # type: ignore[arg-type]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    folder.mkdir()
    return folder


@pytest.fixture
def client(root: Path) -> Iterator[TestClient]:
    with _client(root) as c:
        yield c


def _token(client: TestClient) -> str:
    page = client.get("/")
    found = CSRF.search(page.text)
    assert found is not None
    return found.group(1)


def _upload(
    client: TestClient,
    content: bytes,
    name: str,
    mapping: bytes | None = None,
    token: str | None = None,
) -> tuple[str, str]:
    """Upload a file; the visit's URL and its form token."""
    files = {"file": (name, content, "application/octet-stream")}
    if mapping is not None:
        files["mapping"] = ("mapping.yaml", mapping, "application/yaml")
    done = client.post(
        "/upload", data={"csrf": token or _token(client)}, files=files, follow_redirects=False
    )
    assert done.status_code == 303, done.text
    url = done.headers["location"]
    page = client.get(url)
    assert page.status_code == 200
    found = CSRF.search(page.text)
    assert found is not None
    return url, found.group(1)


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*"))


# -- pages and the officer's flow ----------------------------------------------------------


def test_start_page_has_the_form_the_browser_tests_use(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for marker in (
        'id="upload-form"',
        'id="file"',
        'name="file"',
        'id="mapping-file"',
        'name="mapping"',
        'name="csrf"',
        'id="upload-button"',
        'id="lang-en"',
        'id="lang-ja"',
    ):
        assert marker in page.text
    assert '<html lang="ja">' in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "http" not in csp
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Upload and check" in english.text
    # The choice is kept (a cookie) for the next page.
    assert '<html lang="en">' in client.get("/").text


def test_officer_flow_on_a_real_legacy_file(client: TestClient, root: Path) -> None:
    url, token = _upload(client, AED.read_bytes(), AED.name)
    page = client.get(url)
    for marker in (
        'id="detected"',
        'id="dataset-form"',
        'id="dataset"',
        'id="dataset-button"',
        'id="report-frame"',
        'id="to-mapping"',
        'id="download-report-xlsx"',
        'id="end-visit"',
    ):
        assert marker in page.text
    # The file's name points to AED locations: the form targets its current edition.
    assert '<option value="aed_locations@v2" selected>' in page.text
    frame = re.search(r"<iframe[^>]*>", page.text)
    assert frame is not None and 'sandbox="allow-scripts"' in frame.group(0)
    report = client.get(f"{url}report.html")
    assert report.status_code == 200 and "<html" in report.text
    report_csp = report.headers["content-security-policy"]
    assert "sandbox" in report_csp and "cyberjapandata" not in report_csp
    # Another language gives the same report: still detected, not checked against the guess.
    overall = re.compile(r'<p class="overall[^>]*>([^<]*)')
    japanese = overall.search(report.text)
    english = overall.search(client.get(f"{url}report.html?lang=en").text)
    assert japanese is not None and english is not None
    assert re.findall(r"\d+", japanese.group(1)) == re.findall(r"\d+", english.group(1))
    xlsx = client.get(f"{url}download/report.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

    mapping = client.get(f"{url}map")
    assert mapping.status_code == 200
    rows = re.findall(r'<tr class="map-row" data-target="([^"]+)" data-index="(\d+)"', mapping.text)
    assert len(rows) > 5
    for marker in ('id="mapping-form"', 'id="preview"', 'id="preview-button"', "convert-button"):
        assert marker in mapping.text
    assert 'data-state="ready"' in mapping.text
    # Fill one more column as the officer would (a source and a transform); the preview
    # answers in JSON.
    index = dict(rows)["建物名等(方書)"]
    fields = {"csrf": token, f"source-{index}": "installationPosition"}
    fields |= {f"transform-{index}": "trim", f"argument-{index}": ""}
    preview = client.post(f"{url}preview", data=fields, headers={"X-CSRF-Token": token})
    assert preview.status_code == 200
    data = preview.json()
    assert data["read"] == data["written"] + data["rejected"] and data["read"] > 0
    assert len(data["rows"]) == len(rows)

    row = data["rows"][int(index)]
    assert row["error"] is None and row["samples"]
    done = client.post(f"{url}convert", data=fields, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"{url}result"
    result = client.get(f"{url}result")
    counts = re.search(
        r'id="counts" data-read="(\d+)" data-written="(\d+)" data-rejected="(\d+)"', result.text
    )
    assert counts is not None
    read, written, rejected = map(int, counts.groups())
    assert read == written + rejected and written > 0
    for link in ("download-csv", "download-report-xlsx", "download-changes", "download-rejects"):
        assert f'id="{link}"' in result.text
    csv = client.get(f"{url}download/standard.csv")
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in csv.headers["content-disposition"]
    # Named after the officer's file, so a month's downloads do not all arrive as standard.csv.
    assert f"{AED.stem}_standard.csv" in csv.headers["content-disposition"]
    # Every row read is in the standard file or in the rejects, each with its reason.
    written_rows = list(csvlib.reader(io.StringIO(csv.content.decode("utf-8-sig"))))[1:]
    rejects = client.get(f"{url}download/rejects.csv")
    assert rejects.status_code == 200
    rejected_rows = list(csvlib.reader(io.StringIO(rejects.content.decode("utf-8-sig"))))
    assert (len(written_rows), len(rejected_rows) - 1) == (written, rejected)
    changes = client.get(f"{url}download/changes.csv")
    assert changes.status_code == 200 and changes.content.decode("utf-8-sig").strip()
    workbook = client.get(f"{url}download/result-report.xlsx")
    assert workbook.content[:2] == b"PK"
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(workbook.content), read_only=True).sheetnames
    saved = client.get(f"{url}download/mapping.yaml")
    assert saved.status_code == 200 and b"aed_locations@v2" in saved.content
    assert client.get(f"{url}download/..%2F..%2Fetc%2Fpasswd").status_code == 404

    # Next month: the file with the saved mapping converts with no form edits.
    url2, token2 = _upload(client, AED.read_bytes(), "aed_next_month.csv", saved.content)
    page2 = client.get(url2)
    assert 'id="convert-form"' in page2.text and 'id="convert-button"' in page2.text
    again = client.post(f"{url2}convert", data={"csrf": token2}, follow_redirects=False)
    assert again.status_code == 303
    result2 = client.get(f"{url2}result")
    assert f'data-written="{written}"' in result2.text

    for visit_url, visit_token in ((url, token), (url2, token2)):
        ended = client.post(f"{visit_url}end", data={"csrf": visit_token}, follow_redirects=False)
        assert ended.status_code == 303
        assert client.get(ended.headers["location"]).status_code == 200
    assert _files_under(root) == []
    gone = client.get(url)
    assert gone.status_code == 404 and 'class="error"' in gone.text and "作業" in gone.text


def test_changing_the_dataset_renders_the_report_again(client: TestClient) -> None:
    url, token = _upload(client, TOILETS.read_bytes(), TOILETS.name)
    page = client.get(url)
    assert "public_toilets@v2" in page.text.split('id="detected"')[1].split("</p>")[0]
    changed = client.post(
        f"{url}dataset", data={"csrf": token, "dataset": "aed_locations@v2"}, follow_redirects=False
    )
    assert changed.status_code == 303
    assert '<option value="aed_locations@v2" selected>' in client.get(url).text
    unknown = client.post(f"{url}dataset", data={"csrf": token, "dataset": "nonsense@v9"})
    assert unknown.status_code == 400 and 'class="error"' in unknown.text


# -- the limits -----------------------------------------------------------------------------


def test_upload_over_the_cap_is_refused_and_leaves_nothing(root: Path) -> None:
    with _client(root, max_upload=4096) as client:
        token = _token(client)
        big = TOILETS.read_bytes()
        assert len(big) > 4096
        said = client.post(
            "/upload", data={"csrf": token}, files={"file": ("big.csv", big, "text/csv")}
        )
        assert said.status_code == 413
        assert 'class="error"' in said.text and "大きすぎます" in said.text
        assert _files_under(root) == []

        # Without a Content-Length the cap is enforced while the body is read.
        boundary = "stdschemaboundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
            f"--{boundary}\r\nContent-Disposition: form-data; "
            'name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()

        def body() -> Iterator[bytes]:
            yield head
            for _ in range(64):
                yield big[:1024]
            yield f"\r\n--{boundary}--\r\n".encode()

        streamed = client.post(
            "/upload",
            content=body(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert streamed.status_code == 413 and "大きすぎます" in streamed.text
        assert _files_under(root) == []


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("..\\x.csv", "x.csv"),
        ("/tmp/abs.csv", "abs.csv"),
        ("a\x00b", None),  # the client escapes the NUL its own way: any plain name
        ("..", "input.csv"),
        ("CON.csv", "input.csv"),
        ("a b;$(rm).csv", "a_b___rm_.csv"),
    ],
)
def test_path_traversal_file_names_never_reach_a_path(
    client: TestClient, root: Path, tmp_path: Path, name: str, kept: str | None
) -> None:
    before = {p for p in tmp_path.parent.rglob("*") if root not in p.parents and p != root}
    url, _ = _upload(client, TOILETS.read_bytes(), name)
    stored = _files_under(root)
    inputs = [p for p in stored if p.parent.name == "input"]
    assert len(inputs) == 1 and re.fullmatch(r"[\w-]+\.csv", inputs[0].name)
    assert kept is None or inputs[0].name == kept
    assert inputs[0].parent.parent.parent == root
    assert inputs[0].read_bytes() == TOILETS.read_bytes()
    after = {p for p in tmp_path.parent.rglob("*") if root not in p.parents and p != root}
    assert after == before
    page = client.get(url)
    assert "../" not in page.text.split('class="file"')[1].split("</p>")[0]


def test_a_hostile_cell_is_escaped_in_every_page(client: TestClient, tmp_path: Path) -> None:
    text = AED.read_text(encoding="utf-8-sig").replace("健康増進施設サラマンダー", HOSTILE)
    assert HOSTILE in text
    url, token = _upload(client, text.encode("utf-8"), f"aed_{HOSTILE}.csv")
    pages = [client.get(url), client.get(f"{url}report.html"), client.get(f"{url}map")]
    mapping = pages[-1]
    # Make sure the value is really in the mapping page (escaped), not just absent.
    assert "&lt;img src=x onerror=alert(1)&gt;" in mapping.text
    client.post(f"{url}convert", data={"csrf": token})
    pages.append(client.get(f"{url}result"))
    for page in pages:
        assert page.status_code == 200
        assert HOSTILE not in page.text
        assert "<img" not in page.text


def test_posts_without_the_right_token_are_refused(client: TestClient, root: Path) -> None:
    files = {"file": ("t.csv", TOILETS.read_bytes(), "text/csv")}
    for data in ({}, {"csrf": "wrong"}):
        _token(client)  # the start page's cookie is set: only the field is missing or wrong
        refused = client.post("/upload", data=data, files=files)
        assert refused.status_code == 403
        assert 'class="error"' in refused.text and "正しくありません" in refused.text
    assert _files_under(root) == []

    url, token = _upload(client, TOILETS.read_bytes(), TOILETS.name)
    for path, data in (
        ("dataset", {"dataset": "aed_locations@v2"}),
        ("preview", {"source-0": ""}),
        ("convert", {}),
        ("end", {}),
    ):
        for bad in ({}, {"csrf": "wrong"}):
            refused = client.post(f"{url}{path}", data=data | bad)
            assert refused.status_code == 403, path
            assert "正しくありません" in refused.text
    fetch = client.post(f"{url}preview", data={"source-0": ""}, headers={"X-CSRF-Token": "x"})
    assert fetch.status_code == 403
    # Another visit's token does not open this one.
    _other, other_token = _upload(client, TOILETS.read_bytes(), TOILETS.name)
    assert client.post(f"{url}end", data={"csrf": other_token}).status_code == 403
    assert client.get(url).status_code == 200
    assert client.post(f"{url}end", data={"csrf": token}).status_code == 200


def test_bad_input_is_a_page_with_a_message_not_a_traceback(client: TestClient, root: Path) -> None:
    broken = client.post(
        "/upload",
        data={"csrf": _token(client)},
        files={
            "file": (AED.name, AED.read_bytes(), "text/csv"),
            "mapping": ("m.yaml", b"target: [unclosed\n", "application/yaml"),
        },
    )
    assert broken.status_code == 400 and 'class="error"' in broken.text
    not_a_workbook = client.post(
        "/upload",
        data={"csrf": _token(client)},
        files={"file": ("book.xlsx", b"PK\x03\x04 not a workbook at all", "application/zip")},
    )
    assert not_a_workbook.status_code == 400 and 'class="error"' in not_a_workbook.text
    # A browser sends an empty part with an empty name when no file was chosen.
    empty = {"file": ("", b"", "application/octet-stream")}
    no_file = client.post("/upload", data={"csrf": _token(client)}, files=empty)
    assert no_file.status_code == 400 and "ファイルが選ばれていません" in no_file.text
    assert _files_under(root) == []
    assert client.get("/v/nosuchvisit/").status_code == 404


def test_idle_visits_are_swept(tmp_path: Path) -> None:
    now = [1000.0]
    store = VisitStore(tmp_path, idle_timeout=60.0, clock=lambda: now[0])
    old, fresh = store.new(), store.new()
    (old.folder / "input.csv").write_text("a\n")
    now[0] += 50
    assert store.get(fresh.id) is fresh  # seen: its idle clock restarts
    now[0] += 30
    assert store.sweep() == [old.id]
    assert not old.folder.exists() and fresh.folder.exists()
    assert store.get(old.id) is None
    with fresh.lock:  # being worked on: not idle
        assert store.sweep(now=now[0] + 1000) == []
    assert store.sweep(now=now[0] + 1000) == [fresh.id]
    assert list(tmp_path.iterdir()) == []


def test_the_app_sweeps_its_visits(root: Path) -> None:
    with _client(root, idle_timeout=5.0) as client:
        url, _ = _upload(client, TOILETS.read_bytes(), TOILETS.name)
        store = client.app.state.store  # type: ignore[attr-defined]
        assert store.sweep(now=store.clock() + 10) != []
        gone = client.get(url)
        assert gone.status_code == 404 and "時間切れ" in gone.text
        assert _files_under(root) == []


# -- the API ------------------------------------------------------------------------------


def test_api_validate_gives_the_json_report(client: TestClient, root: Path) -> None:
    said = client.post(
        "/api/validate", files={"file": (TOILETS.name, TOILETS.read_bytes(), "text/csv")}
    )
    assert said.status_code == 200
    report = said.json()
    cli = subprocess.run(
        [sys.executable, "-m", "stdschema", "validate", str(TOILETS), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    expected = json.loads(cli.stdout)
    assert report["report_version"] == expected["report_version"]
    assert report["valid"] == expected["valid"]
    assert report["summary"] == expected["summary"]
    assert report["files"][0]["dataset"] == expected["files"][0]["dataset"]
    assert report["files"][0]["problems"] == expected["files"][0]["problems"]
    assert report["files"][0]["path"] == TOILETS.name
    assert _files_under(root) == []


def test_api_suggest_and_convert(client: TestClient, root: Path) -> None:
    upload = {"file": (AED.name, AED.read_bytes(), "text/csv")}
    suggested = client.post("/api/suggest", files=upload, data={"dataset": "aed_locations@v2"})
    assert suggested.status_code == 200
    data = suggested.json()
    assert data["target"] == "aed_locations@v2" and data["yaml"].startswith("#")
    assert any(c["source"] for c in data["columns"])
    converted = client.post(
        "/api/convert",
        files=upload | {"mapping": ("m.yaml", data["yaml"].encode(), "application/yaml")},
    )
    assert converted.status_code == 200, converted.text
    result = converted.json()
    counts = result["counts"]
    assert counts["read"] == counts["written"] + counts["rejected"] and counts["written"] > 0
    assert base64.b64decode(result["csv_base64"]).startswith(b"\xef\xbb\xbf")
    near = client.post(
        "/api/convert",
        files={"file": (TOILETS.name, TOILETS.read_bytes(), "text/csv")},
        data={"dataset": "public_toilets@v2"},
    )
    assert near.status_code == 200 and near.json()["counts"]["read"] > 0
    neither = client.post("/api/convert", files=upload)
    assert neither.status_code == 400 and "mapping" in neither.json()["error"]
    english = client.post("/api/suggest", files=upload, data={"lang": "en"})
    assert english.status_code == 400 and "dataset" in english.json()["error"]
    assert _files_under(root) == []


def test_the_publisher_code_in_the_file_name_reaches_the_suggestion(
    client: TestClient, root: Path
) -> None:
    """A municipal file name carries its publisher's code (222127_...): stored under a
    name of our own, the upload still gives the form the code and name the CLI finds."""
    park = REAL / "legacy" / "yaizu_222127_park_info.csv"
    upload = {"file": (park.name, park.read_bytes(), "text/csv")}
    suggested = client.post("/api/suggest", files=upload, data={"dataset": "public_facilities@v2"})
    assert suggested.status_code == 200, suggested.text
    yaml_text = suggested.json()["yaml"]
    assert '全国地方公共団体コード: {constant: "222127"}' in yaml_text
    assert "地方公共団体名: {constant: 静岡県焼津市}" in yaml_text
    # The same bytes under a name without the code: nothing to take it from.
    renamed = {"file": ("parks.csv", park.read_bytes(), "text/csv")}
    plain = client.post("/api/suggest", files=renamed, data={"dataset": "public_facilities@v2"})
    assert '{constant: "222127"}' not in plain.json()["yaml"]
    assert _files_under(root) == []


def test_openapi_lists_the_api_and_no_page_needs_a_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/validate", "/api/suggest", "/api/convert"):
        body = spec["paths"][path]["post"]["requestBody"]["content"]
        assert "multipart/form-data" in body
    assert not any(path.startswith("/v/") or path == "/upload" for path in spec["paths"])
    assert client.get("/docs").status_code == 404
    for asset in ("/static/web.css", "/static/web.js"):
        text = client.get(asset).text
        assert "http://" not in text.replace("http://www.w3.org", "")
        assert "https://" not in text


# -- the command ----------------------------------------------------------------------------


def test_serve_help_and_no_web_import_for_the_cli() -> None:
    helped = subprocess.run(
        [sys.executable, "-m", "stdschema", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert helped.returncode == 0 and "--max-upload-mb" in helped.stdout
    code = (
        "import sys, stdschema.cli\n"
        "print(','.join(m for m in ('fastapi', 'starlette', 'uvicorn', 'jinja2') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_starts_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    started = time.perf_counter()
    env = dict(os.environ, PYTHONUNBUFFERED="1", TMPDIR=str(tmp_path))
    server = subprocess.Popen(
        [sys.executable, "-m", "stdschema", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        answered = None
        deadline = started + 30
        while time.perf_counter() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    answered = response.status
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.05)
        took = time.perf_counter() - started
        print(f"\nstdschema serve answered GET / after {took:.2f} s (issue 15: < 2 s)")
        assert answered == 200 and 'id="upload-form"' in page
        # A visit left open when the server stops.
        import httpx2 as httpx

        with httpx.Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=True) as web:
            token = CSRF.search(web.get("/").text)
            assert token is not None
            files = {"file": (TOILETS.name, TOILETS.read_bytes(), "text/csv")}
            visit = web.post("/upload", data={"csrf": token.group(1)}, files=files)
            assert visit.status_code == 200 and 'id="detected"' in visit.text
        assert any(tmp_path.rglob("input/*.csv"))
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err
    # Stopping removes the server's temporary folder with every visit in it.
    assert list(tmp_path.iterdir()) == []


def test_serve_refuses_a_busy_port_in_one_line() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "stdschema", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and str(port) in done.stderr


# -- a large file -------------------------------------------------------------------------


def test_a_10000_row_file_shows_its_report(client: TestClient, tmp_path: Path) -> None:
    lines = TOILETS.read_text(encoding="utf-8-sig").splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line]
    body = [rows[i % len(rows)] for i in range(10_000)]
    big = tmp_path / "13_public_toilet__10000.csv"
    big.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    token = _token(client)
    started = time.perf_counter()
    done = client.post(
        "/upload",
        data={"csrf": token},
        files={"file": (big.name, big.read_bytes(), "text/csv")},
    )
    assert done.status_code == 200
    report = client.get(f"{done.url.path}report.html")
    took = time.perf_counter() - started
    print(f"\n10,000-row file: visit page + report.html in {took:.2f} s (issue 15: < 5 s)")
    assert report.status_code == 200
    assert "10,000" in report.text or "10000" in report.text


def test_only_a_loopback_host_goes_without_the_warning() -> None:
    from stdschema.cli.serve import _loopback

    assert _loopback("127.0.0.1") and _loopback("127.0.0.2") and _loopback("::1")
    assert _loopback("localhost")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.1.10") and not _loopback("::")


def test_serve_on_every_interface_warns_before_it_listens(tmp_path: Path) -> None:
    """--host 0.0.0.0 says, in Japanese, that anyone on the network can upload."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", TMPDIR=str(tmp_path), STDSCHEMA_LANG="ja")
    server = subprocess.Popen(
        [sys.executable, "-m", "stdschema", "serve", "--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # the URL, printed once it listens
        assert "http://0.0.0.0:" in first
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert (
        "警告: 0.0.0.0 で待ち受けます。同じネットワークの誰でもファイルをアップロードできます。"
        in err
    )
    assert "Traceback" not in err
