"""The runner (issue 16): many sources in input order, each once, on one process or
``--jobs`` processes; a bounded window in flight; a resolve hook for sources that are not
local paths; any failure one unreadable report, never the end of the run. Dask is in
``test_dask.py``."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from stdschema.distributed.runner import (
    WINDOW_PER_WORKER,
    DaskTarget,
    RunnerError,
    check_source,
    iter_source_reports,
    parse_dask,
)
from stdschema.messages import CatalogueError, Lang, t
from stdschema.validation import Options, iter_reports

REAL = Path(__file__).parent / "data" / "real"
SOURCES = sorted(
    p
    for group in ("v2", "standard", "legacy", "xml")
    for p in (REAL / group).iterdir()
    if p.suffix in (".csv", ".xlsx", ".xml")
)
# Files no reader accepts, each for its own reason (the error codes the report gives).
GARBAGE = {
    "empty.csv": b"",
    "not_a_workbook.xlsx": b"not a zip archive",
    "broken.xml": b"<a><b></a>",
    "binary.csv": bytes(range(256)) * 8,
    "bad_utf16.csv": b"\xff\xfe\x00\x81\x82",
}
GARBAGE_CODES = {"empty-file", "xlsx-error", "xml-malformed", "binary-file", "encoding-error"}


def build_folder(target: Path, count: int) -> list[Path]:
    """``count`` files in ``target``, names sorted by a running number: copies of the real
    corpus (standard, legacy, XML, a workbook) in turn, with an unreadable file every few."""
    target.mkdir(parents=True, exist_ok=True)
    made = []
    garbage = list(GARBAGE.items())
    for i in range(count):
        if i % 12 == 11:
            name, data = garbage[(i // 12) % len(garbage)]
            path = target / f"{i:04d}_{name}"
            path.write_bytes(data)
        else:
            source = SOURCES[i % len(SOURCES)]
            path = target / f"{i:04d}_{source.name}"
            shutil.copyfile(source, path)
        made.append(path)
    return made


def _dumps(reports: Iterator[object]) -> list[str]:
    return [r.model_dump_json() for r in reports]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_folder(tmp_path_factory.mktemp("many"), 60)


def test_every_source_once_in_input_order_on_one_and_on_two_processes(folder: list[Path]) -> None:
    options = Options(lang="en")
    one = list(iter_source_reports(folder, options))
    two = list(iter_source_reports(folder, options, jobs=2))
    assert [r.path for r in one] == [str(p) for p in folder]
    assert _dumps(iter(one)) == _dumps(iter(two))
    codes = {r.error_code for r in one if r.error}
    assert codes >= GARBAGE_CODES  # and the real XML files that are no dataset
    # The real files were checked, not merely listed.
    assert sum(1 for r in one if r.dataset.id is not None) >= 20
    assert any(r.summary.error for r in one) and any(r.valid for r in one)


def test_iter_reports_is_the_runner(folder: list[Path]) -> None:
    options = Options()
    assert _dumps(iter_reports(folder[:14], options, jobs=2)) == _dumps(
        iter_source_reports(folder[:14], options)
    )


def test_sources_are_pulled_as_the_window_frees(folder: list[Path]) -> None:
    """A generator of sources is read as results come back, never all at once: memory does
    not grow with the number of files."""
    pulled: list[Path] = []
    many = 3 * WINDOW_PER_WORKER * 2  # more sources than two workers' window

    def sources() -> Iterator[Path]:
        for path in itertools.islice(itertools.cycle(folder), many):
            pulled.append(path)
            yield path

    reports = iter_source_reports(sources(), Options(), jobs=2)
    first = next(reports)
    assert first.path == str(folder[0])
    print(f"pulled after the first report: {len(pulled)} of {many}")
    assert len(pulled) <= WINDOW_PER_WORKER * 2 + 1 < many
    reports.close()  # closing early cancels what is in flight and ends the pool


# Resolve hooks: module-level, so a worker process can unpickle them.
@contextmanager
def from_corpus(source: str) -> Iterator[str]:
    """A source named like a URL, checked from the corpus file of the same name."""
    yield str(REAL / "v2" / source.rpartition("/")[2])


class Refused(CatalogueError):
    """An error with a catalogue message and a code, as the remote fetcher raises."""

    code = "fetch-failed"


@contextmanager
def failing(source: str) -> Iterator[str]:
    if "refused" in source:
        raise Refused("runner.dask_missing")
    if "crash" in source:
        raise ZeroDivisionError("division by zero\nsecond line")
    yield source


@contextmanager
def deadly(source: str) -> Iterator[str]:
    """Ends the process checking ``source`` at once, as a crash or the OOM killer does."""
    if "deadly" in source:
        os._exit(3)
    yield source


def test_a_process_that_dies_costs_its_own_source_only(folder: list[Path]) -> None:
    """The pool breaks with every source in flight; they are checked again one at a time,
    so the source that kills its process is reported lost and every other one is checked."""
    real = [str(p) for p in folder[:10]]
    sources = [*real[:4], "deadly.csv", *real[4:]]
    reports = list(iter_source_reports(sources, Options(lang="en"), jobs=2, resolve=deadly))
    assert [r.path for r in reports] == sources
    lost = reports.pop(4)
    assert lost.error_code == "worker-lost" and lost.error is not None
    print(lost.error)
    assert _dumps(iter(reports)) == _dumps(iter_source_reports(real, Options(lang="en")))


def test_a_resolved_source_is_reported_by_its_name() -> None:
    name = "https://portal.example/dataset/13_public_toilet__222127_yaizu.csv"
    report = check_source(name, Options(), from_corpus)
    assert report.path == name and report.error is None
    assert report.dataset.id == "public_toilets" and report.rows > 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_any_failure_is_one_unreadable_report_and_the_run_goes_on(
    folder: list[Path], jobs: int
) -> None:
    sources = [str(folder[0]), "s3://bucket/crash.csv", "s3://bucket/refused.csv", str(folder[1])]
    reports = list(iter_source_reports(sources, Options(lang="ja"), jobs=jobs, resolve=failing))
    assert [r.path for r in reports] == sources
    assert reports[0].error is None and reports[3].error is None
    crash, refused = reports[1], reports[2]
    assert crash.error_code == "check-failed" and not crash.valid
    assert crash.error == t(
        "runner.failed", "ja", kind="ZeroDivisionError", error="division by zero second line"
    )
    assert refused.error_code == "fetch-failed"
    assert refused.error == t("runner.dask_missing", "ja")


def test_dask_targets() -> None:
    assert parse_dask("local") == DaskTarget()
    assert parse_dask("local:3") == DaskTarget(workers=3)
    assert parse_dask("tcp://10.0.0.5:8786") == DaskTarget(address="tcp://10.0.0.5:8786")
    assert parse_dask("tls://scheduler.example:8786").address == "tls://scheduler.example:8786"
    for bad in ("local:0", "local:x", "remote", "tcp://host", "http://host:8786", "tcp://h:99999"):
        with pytest.raises(RunnerError) as caught:
            parse_dask(bad)
        assert repr(bad) in str(caught.value)


def _cli(*args: str, preload: str = "") -> subprocess.CompletedProcess[str]:
    code = (
        f"import sys\n{preload}\nsys.argv = ['stdschema', *sys.argv[1:]]\n"
        "from stdschema.cli import main\nmain()\n"
    )
    env = dict(os.environ, COLUMNS="100")
    env.pop("STDSCHEMA_LANG", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize(
    ("args", "key", "values"),
    [
        (["--dask", "cluster"], "runner.dask_address", {"value": "cluster"}),
        (["--dask", "local:3", "--jobs", "2"], "runner.jobs_and_dask", {"jobs": 2}),
        (["--dask", "tcp://127.0.0.1:8786", "--jobs", "2"], "runner.jobs_and_dask", {"jobs": 2}),
    ],
)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_unusable_dask_options_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], key: str, values: dict[str, object], lang: Lang
) -> None:
    out = tmp_path / "report.json"
    file = str(REAL / "v2" / "12_event__122319_inzai.csv")
    done = _cli("validate", file, "-f", "json", "-o", str(out), "--lang", lang, *args)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    address = args[1]
    assert t(key, lang, address=address, **values) in done.stderr
    assert not out.exists()


def test_without_the_dask_extra_the_run_says_what_to_install(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    file = str(REAL / "v2" / "12_event__122319_inzai.csv")
    # An import of distributed fails as it does where the extra is not installed.
    done = _cli(
        "validate", file, "--dask", "local:1", "-o", str(out), "-f", "json",
        preload="sys.modules['distributed'] = None",
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().endswith(t("runner.dask_missing", "ja"))
    assert "stdschema[dask]" in done.stderr and len(done.stderr.splitlines()) == 1
    assert not out.exists()


def test_jobs_on_the_command_line_gives_the_same_json(folder: list[Path], tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.json"
        done = _cli("validate", str(folder[0].parent), "-f", "json", "-o", str(out), "-j", jobs)
        assert done.returncode == 2  # the unreadable files
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["files"]) == len(folder)


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """The v2 corpus over HTTP on 127.0.0.1 (a loopback server, no outside network)."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(REAL / "v2")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_urls_on_the_command_line_are_fetched_and_reported_by_their_url(
    served: str, tmp_path: Path
) -> None:
    local = str(REAL / "v2" / "12_event__122319_inzai.csv")
    sources = [f"{served}/13_public_toilet__222127_yaizu.csv", f"{served}/missing.csv", local]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"remote{jobs}.json"
        done = _cli("validate", *sources, "-f", "json", "-o", str(out), "-j", jobs, "--lang", "en")
        assert done.returncode == 2  # the missing one
        assert len(done.stderr.splitlines()) == 1 and "HTTP 404" in done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    files = json.loads(outputs[0])["files"]
    assert [f["path"] for f in files] == sources
    assert [f["dataset"]["id"] for f in files] == ["public_toilets", None, "events"]
    assert files[0]["rows"] > 100 and files[1]["error_code"] == "fetch-failed"


def _run_with_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal (as a person's console); its exit code
    and what the terminal showed."""
    import pty
    import select

    master, slave = pty.openpty()
    env = dict(os.environ, STDSCHEMA_LANG="ja", COLUMNS="100")
    process = subprocess.Popen(
        [sys.executable, "-m", "stdschema", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=cwd,
        env=env,
    )
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return process.wait(timeout=60), shown.decode("utf-8", "replace")


def test_many_files_show_how_many_are_checked_on_a_terminal(
    folder: list[Path], tmp_path: Path
) -> None:
    """A run of many files counts them on a terminal, with --jobs too; the report is the
    same, and nothing is drawn when stderr is not a terminal."""
    out = tmp_path / "report.json"
    args = ["validate", str(folder[0].parent), "-f", "json", "-o", str(out), "--jobs", "2"]
    code, shown = _run_with_terminal_stderr(args, tmp_path)
    assert code in (1, 2), shown
    assert f"{len(folder)} / {len(folder)} ファイル" in shown
    drawn = out.read_bytes()
    plain = subprocess.run(
        [sys.executable, "-m", "stdschema", *args], capture_output=True, cwd=tmp_path
    )
    assert f"/ {len(folder)} ファイル" not in plain.stderr.decode("utf-8")
    assert plain.returncode == code and out.read_bytes() == drawn
