"""The runner on Dask (issue 16): the same JSON report, byte for byte, as one process and
``--jobs 2`` for a 200-file folder of real and unreadable files; a worker killed mid-run
and every file still reported once; a cluster the run started is closed however the run
ends; an unreachable scheduler is one line and exit 2. One local cluster serves the
module (2 worker processes, 1 thread each); ``--dask local:2`` starts its own."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stdschema.distributed.runner import iter_source_reports
from stdschema.messages import Lang, t
from stdschema.validation import Options
from tests.test_runner import GARBAGE_CODES, build_folder, deadly, failing

distributed = pytest.importorskip("distributed")
# A second scheduler in the process finds the HTTP port 8787 taken and moves: nothing wrong.
pytestmark = pytest.mark.filterwarnings("ignore:Port .* is already in use")

FILES = 200


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.fixture
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster, set_as_default=False) as connected:
        connected.wait_for_workers(2, timeout=60)
        yield connected


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_folder(tmp_path_factory.mktemp("folder200"), FILES)


@pytest.fixture(scope="module")
def one_process(folder: list[Path]) -> list[str]:
    """Each file's report from a single process, as JSON: what every other run must give."""
    return [r.model_dump_json() for r in iter_source_reports(folder, Options())]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="100")
    env.pop("STDSCHEMA_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_the_json_report_is_the_same_byte_for_byte_on_one_process_two_and_dask(
    folder: list[Path], cluster: Any, tmp_path: Path
) -> None:
    """The JSON report has no timestamps or durations: the whole file must be equal."""
    runs = {
        "jobs1": ["--jobs", "1"],
        "jobs2": ["--jobs", "2"],
        "dask_local2": ["--dask", "local:2"],
        "dask_tcp": ["--dask", cluster.scheduler_address],
    }
    outputs = {}
    for name, args in runs.items():
        out = tmp_path / f"{name}.json"
        started = time.perf_counter()
        done = _cli("validate", str(folder[0].parent), "-f", "json", "-o", str(out), *args)
        print(f"{name}: {FILES} files in {time.perf_counter() - started:.2f} s")
        # Exit 2: the folder has unreadable files, each also named on stderr, one a line.
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        outputs[name] = out.read_bytes()
        files = json.loads(outputs[name])["files"]
        assert len(done.stderr.splitlines()) == sum(1 for f in files if f["error"])
    first = outputs["jobs1"]
    assert all(data == first for data in outputs.values())
    files = json.loads(first)["files"]
    assert [f["path"] for f in files] == [str(p) for p in folder]
    assert {f["error_code"] for f in files if f["error"]} >= GARBAGE_CODES


def test_a_client_given_gives_the_same_reports_and_stays_open(
    folder: list[Path], one_process: list[str], client: Any
) -> None:
    reports = [r.model_dump_json() for r in iter_source_reports(folder, Options(), dask=client)]
    assert reports == one_process
    assert client.status == "running"


def test_a_worker_killed_mid_run_every_file_is_still_reported_once(
    folder: list[Path], one_process: list[str], client: Any
) -> None:
    reports = iter_source_reports(folder, Options(), dask=client)
    got = [next(reports).model_dump_json()]
    # Results are arriving and a window of tasks is in flight: kill one worker's process
    # outright (no clean shutdown). Its nanny starts a new one; its tasks run elsewhere.
    pids: dict[str, int] = client.run(os.getpid)
    victim, pid = sorted(pids.items())[0]
    processing = client.processing()
    print(f"killing {victim} (pid {pid}) with {len(processing.get(victim, ()))} tasks on it")
    os.kill(pid, signal.SIGKILL)
    got.extend(r.model_dump_json() for r in reports)
    assert got == one_process  # every file once, in order, the same reports
    client.wait_for_workers(2, timeout=60)
    after = client.run(os.getpid)
    print(f"workers after the run: {after}")
    assert pid not in after.values()


def test_a_failing_source_on_a_worker_is_one_unreadable_report(
    folder: list[Path], client: Any
) -> None:
    sources = [str(folder[0]), "s3://bucket/crash.csv", str(folder[1])]
    reports = list(iter_source_reports(sources, Options(lang="en"), dask=client, resolve=failing))
    assert [r.path for r in reports] == sources
    assert reports[0].error is None and reports[2].error is None
    assert reports[1].error_code == "check-failed"
    assert reports[1].error is not None and "ZeroDivisionError" in reports[1].error


def test_a_source_that_keeps_killing_workers_is_reported_lost(
    folder: list[Path], client: Any
) -> None:
    """The scheduler gives a task to a new worker each time its worker dies, up to its
    allowed failures; then that source alone is reported lost, and the run goes on."""
    sources = [str(folder[0]), "deadly.csv", str(folder[1])]
    started = time.perf_counter()
    reports = list(iter_source_reports(sources, Options(lang="en"), dask=client, resolve=deadly))
    print(f"{time.perf_counter() - started:.1f} s; {reports[1].error}")
    assert [r.path for r in reports] == sources
    assert reports[0].error is None and reports[2].error is None
    assert reports[1].error_code == "worker-lost"
    client.wait_for_workers(2, timeout=60)


def test_a_cluster_the_run_started_is_closed_when_the_run_ends_early(folder: list[Path]) -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    reports = iter_source_reports(folder, Options(), dask="local:1")
    first = next(reports)
    assert first.path == str(folder[0])
    started = {p.pid for p in multiprocessing.active_children()} - before
    assert started  # the worker's nanny process
    with pytest.raises(KeyboardInterrupt):
        for _ in reports:
            raise KeyboardInterrupt
    reports.close()
    deadline = time.monotonic() + 30
    while started & {p.pid for p in multiprocessing.active_children()}:
        assert time.monotonic() < deadline, "the local cluster's processes outlived the run"
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_unreachable_scheduler_is_one_line_and_exit_2(
    folder: list[Path], lang: Lang, tmp_path: Path
) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    out = tmp_path / "report.json"
    done = _cli(
        "validate", str(folder[0]), "--dask", address, "--lang", lang, "-o", str(out), "-f", "json"
    )
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    head = t("runner.dask_unreachable", lang, address=address, error="\0").split("\0")[0]
    assert head in done.stderr
    assert not out.exists()


def test_a_scheduler_without_workers_is_one_line_and_exit_2(
    folder: list[Path], tmp_path: Path
) -> None:
    with distributed.LocalCluster(
        n_workers=0, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as empty:
        out = tmp_path / "report.json"
        address = empty.scheduler_address
        done = _cli("validate", str(folder[0]), "--dask", address, "-o", str(out), "-f", "json")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert t("runner.dask_no_workers", "ja", address=address, seconds=5) in done.stderr
    assert not out.exists()
