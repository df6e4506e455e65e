"""Remote inputs (issue 16): URLs fetched in chunks to a private temporary copy, checked like
local files and reported under their URL; timeouts, retries with backoff, a size cap and one
``fetch-failed`` line that never stops a run. The server is a loopback CKAN-like portal
(tests/ckan_portal.py) serving real municipal files from tests/data/real/."""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from stdschema.distributed.remote import (
    FetchError,
    FetchLimits,
    RemoteExtraMissing,
    expand_remote,
    expand_sources,
    fetched,
    head,
    is_remote,
    local_copy,
    validate_url,
)
from stdschema.distributed.runner import iter_source_reports
from stdschema.validation import Options, validate_file
from tests.ckan_portal import Portal

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
TOILET = "v2/13_public_toilet__222127_yaizu.csv"
FOOD = "v2/15_food_business_all__132055_ome.xlsx"
FARM = "legacy/yaizu_222127_nouen.csv"  # CP932
FAST = FetchLimits(max_bytes=1024 * 1024, timeout=0.4, retries=2, backoff=0.05)


@pytest.fixture
def portal() -> Iterator[Any]:
    with Portal() as running:
        yield running


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary copies go under tmp_path, so that the test can see they are removed."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_is_remote() -> None:
    for url in ("https://data.bodik.jp/x.csv", "http://a/b", "s3://bucket/k.csv", "gs://b/o"):
        assert is_remote(url), url
    assert is_remote("memory://bucket/a.csv") and is_remote("file:///tmp/a.csv")
    for path in ("data/a.csv", "C:\\data\\a.csv", "/tmp/a.csv", "a:b.csv", "https:/one-slash"):
        assert not is_remote(path), path
    assert not is_remote(Path("https://x/y.csv"))  # a Path is always local


def test_fetched_streams_to_a_private_copy_keeping_the_suffix(
    portal: Any, private_tmp: Path
) -> None:
    url = f"{portal.base}/files/{FOOD}"
    original = (REAL / FOOD).read_bytes()
    with fetched(url, FAST) as got:
        assert got.path.suffix == ".xlsx"
        assert got.path.read_bytes() == original
        assert got.size == len(original)
        assert got.sha256 == hashlib.sha256(original).hexdigest()
        assert got.etag and got.last_modified == "Wed, 12 Mar 2025 09:00:00 GMT"
        assert stat.S_IMODE(got.path.parent.stat().st_mode) == 0o700
        assert got.path.is_relative_to(private_tmp)
    assert not got.path.exists()
    assert list(private_tmp.iterdir()) == []
    assert portal.file_requests() == [f"/files/{FOOD}"]


def test_a_url_without_an_input_suffix_is_sniffed(private_tmp: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/d1-sniff/download", (REAL / FOOD).read_bytes())
    fs.pipe("/d1-sniff/data.php", (REAL / TOILET).read_bytes())
    try:
        with fetched("memory://d1-sniff/download", FAST) as got:
            assert got.path.suffix == ".xlsx"
        with fetched("memory://d1-sniff/data.php", FAST) as got:
            assert got.path.suffix == ".csv"
    finally:
        fs.rm("/d1-sniff", recursive=True)


def test_the_size_cap_stops_a_body_without_content_length(portal: Any, private_tmp: Path) -> None:
    url = f"{portal.base}/big/aed_all.csv"
    with pytest.raises(FetchError) as caught, fetched(url, FAST):
        pass
    message = caught.value.localized("en")
    print(message)
    assert url in message and "1 MB" in message and "\n" not in message
    assert portal.file_requests() == ["/big/aed_all.csv"]  # a cap is final: no retry
    assert list(private_tmp.iterdir()) == []


def test_a_declared_length_over_the_cap_is_refused_before_reading(portal: Any) -> None:
    small = FetchLimits(max_bytes=100 * 1024, timeout=2, retries=2, backoff=0.05)
    with pytest.raises(FetchError) as caught, fetched(f"{portal.base}/files/{FOOD}", small):
        pass
    assert caught.value.reason == "too_large"
    assert "上限の 0.0977 MB" in caught.value.localized("ja")


def test_4xx_is_final_and_5xx_is_retried_with_exponential_backoff(portal: Any) -> None:
    missing = f"{portal.base}/missing/aed_2019.csv"
    with pytest.raises(FetchError) as caught, fetched(missing, FAST):
        pass
    assert "HTTP 404" in caught.value.localized("en")
    assert caught.value.code == "fetch-failed"
    assert portal.file_requests() == ["/missing/aed_2019.csv"]

    path = "/error/500/preschool_old.csv"
    with pytest.raises(FetchError) as caught, fetched(portal.base + path, FAST):
        pass
    assert "HTTP 500" in caught.value.localized("en")
    times = portal.times(path)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    print("500: gaps between attempts", [f"{g:.3f}" for g in gaps])
    assert len(times) == 1 + FAST.retries
    # time.sleep waits at least as long as asked: backoff, then twice it.
    assert all(gap >= FAST.backoff * 2**n for n, gap in enumerate(gaps))


def test_a_transient_failure_recovers_within_the_retries(portal: Any, private_tmp: Path) -> None:
    path = f"/flaky/{TOILET}"
    with fetched(portal.base + path, FAST) as got:
        assert got.path.read_bytes() == (REAL / TOILET).read_bytes()
    assert portal.file_requests() == [path] * 3  # two 500s, then the file


def test_a_slow_server_times_out_and_is_retried(portal: Any) -> None:
    portal.slow_seconds = 1.0
    limits = FetchLimits(timeout=0.3, retries=1, backoff=0.05)
    started = time.monotonic()
    with (
        pytest.raises(FetchError) as caught,
        fetched(f"{portal.base}/slow/hospital_night.csv", limits),
    ):
        pass
    print(f"timed out twice in {time.monotonic() - started:.2f} s")
    assert "0.3 s" in caught.value.localized("en")
    assert portal.file_requests() == ["/slow/hospital_night.csv"] * 2


def test_head_gives_the_validators_without_fetching(portal: Any) -> None:
    found = head(f"{portal.base}/files/{TOILET}", FAST)
    assert found.etag and found.last_modified and found.size == (REAL / TOILET).stat().st_size
    plain = head(f"{portal.base}/plain/{TOILET}", FAST)
    assert plain.etag is None and plain.last_modified is None
    assert portal.file_requests("GET") == []
    assert len(portal.file_requests("HEAD")) == 2


def test_a_url_is_checked_like_the_local_file_and_reported_by_its_url(portal: Any) -> None:
    options = Options(lang="ja")
    for rel in (TOILET, FOOD, FARM):
        url = f"{portal.base}/files/{rel}"
        report, got = validate_url(url, options, FAST)
        local = validate_file(REAL / rel, options)
        assert report.path == url
        assert got is not None and not got.path.exists()
        # Same encoding cascade, detection and problems as the local file.
        assert report.encoding == local.encoding
        assert report.dataset == local.dataset
        assert report.summary == local.summary
        assert [p.code for p in report.problems] == [p.code for p in local.problems]
    cp932 = validate_url(f"{portal.base}/files/{FARM}", options, FAST)[0]
    assert cp932.encoding == "cp932"


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_runner_checks_urls_through_the_resolve_hook(portal: Any, jobs: int) -> None:
    """iter_source_reports with local_copy as its resolve hook: URLs and local paths mixed,
    in input order; a failed fetch is that source's fetch-failed report."""
    options = Options(lang="en")
    sources = [
        f"{portal.base}/files/{TOILET}",
        f"{portal.base}/missing/aed_2019.csv",
        str(REAL / FOOD),
    ]
    resolve = partial(local_copy, limits=FAST)
    reports = list(iter_source_reports(sources, options, jobs=jobs, resolve=resolve))
    assert [r.path for r in reports] == sources
    assert reports[0].summary == validate_file(REAL / TOILET, options).summary
    failed = reports[1]
    assert failed.error_code == "fetch-failed" and not failed.valid
    # The entry names the URL; its message says why, without repeating it.
    assert failed.error is not None and "404" in failed.error and sources[1] not in failed.error
    assert reports[2].dataset.id == "food_business_permits"


def test_globs_through_fsspec(tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    for rel in (TOILET, FARM):
        (tmp_path / Path(rel).name).write_bytes((REAL / rel).read_bytes())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    urls = expand_remote(f"file://{tmp_path}/*.csv")
    assert [u.rsplit("/", 1)[1] for u in urls] == sorted(Path(r).name for r in (TOILET, FARM))
    assert all(u.startswith("file://") for u in urls)
    with fetched(urls[0]) as got:
        assert got.path.read_bytes() == (tmp_path / urls[0].rsplit("/", 1)[1]).read_bytes()
    # HTTP has no listing: '?' starts a query, the URL is one URL.
    assert expand_remote("https://example.org/data.csv?version=2") == [
        "https://example.org/data.csv?version=2"
    ]


def test_expand_sources_keeps_local_expansion_and_order(tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    (tmp_path / "a.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text("x\n", encoding="utf-8")
    url = "https://example.org/c.csv"
    found = expand_sources([url, str(tmp_path), url])
    assert found == [url, str(tmp_path / "a.csv"), str(tmp_path / "sub" / "b.csv")]


def test_a_protocol_without_its_package_is_one_line() -> None:
    with pytest.raises(RemoteExtraMissing) as caught:
        expand_sources(["nosuchproto://bucket/a.csv"])
    for lang in ("ja", "en"):
        text = caught.value.localized(lang)
        print(text)
        assert "nosuchproto" in text and "\n" not in text


def test_nothing_is_left_in_the_temporary_folder_after_a_failure(
    portal: Any, private_tmp: Path
) -> None:
    options = Options()
    validate_url(f"{portal.base}/big/aed_all.csv", options, FAST)
    validate_url(f"{portal.base}/files/{TOILET}", options, FAST)
    assert list(private_tmp.iterdir()) == []
    assert os.listdir(private_tmp) == []


def test_dask_workers_fetch_the_urls_they_check(portal: Any) -> None:
    pytest.importorskip("distributed")
    options = Options(lang="ja")
    sources = [f"{portal.base}/files/{TOILET}", f"{portal.base}/files/{FARM}"]
    started = time.monotonic()
    reports = list(iter_source_reports(sources, options, dask="local:1", resolve=local_copy))
    print(f"2 URLs on a local Dask cluster: {time.monotonic() - started:.2f} s")
    assert [r.path for r in reports] == sources
    assert reports[1].encoding == "cp932"
    assert reports[0].summary == validate_file(REAL / TOILET, options).summary
    assert sorted(portal.file_requests()) == sorted(f"/files/{rel}" for rel in (TOILET, FARM))


def test_a_japanese_file_name_in_the_url_is_sent_percent_encoded(portal: Any) -> None:
    url = f"{portal.base}/jp/公衆トイレ 一覧.csv"
    with fetched(url, FAST) as got:
        assert got.path.suffix == ".csv"
        assert got.path.read_bytes() == (REAL / TOILET).read_bytes()
    assert portal.file_requests() == ["/jp/公衆トイレ 一覧.csv"]  # as the server decodes it
    report, _ = validate_url(url, Options(), FAST)
    assert report.path == url and report.dataset.id == "public_toilets"


def test_a_url_that_cannot_be_sent_is_not_retried() -> None:
    with pytest.raises(FetchError) as caught, fetched("http:///no-host.csv", FAST):
        pass
    print(caught.value.localized("en"))
    assert caught.value.reason == "connection"


def test_a_legacy_file_at_a_url_gets_commands_for_its_downloaded_name(portal: Any) -> None:
    """The guidance for a file in a local layout names the file as a download of it is
    called (``map suggest`` and ``convert`` take local files), never a folded ``http:/``."""
    url = f"{portal.base}/files/{FARM}"
    report = validate_url(url, Options(lang="en"), FAST)[0]
    assert report.path == url and report.next_commands
    name = FARM.rsplit("/", 1)[-1]
    assert all(f" {name} " in command for command in report.next_commands)
    assert not any("http:/" in command for command in report.next_commands)
