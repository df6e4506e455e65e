"""Hostile and broken input through the real CLI, one subprocess a case.

Every case asserts the exit code, a one-line stderr without a traceback, the
expected message, bounded memory (an address-space limit plus the child's
peak RSS), a timeout, no network access (a canary socket that must never be
contacted, also set as every HTTP proxy), inputs left unchanged and, when the
run fails, no output or temporary file left behind.

The subprocesses of the selected cases run in a thread pool (one worker a
CPU) that starts with the heavy kinds; each test then waits for its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.corpus import DATASET, HEAVY, KINDS, Case, Ctx, Expect, materialise
from tests.hostile.harness import (
    INTERNAL_ERROR,
    MAX_RSS,
    ROOT,
    TIMEOUT,
    UNSAFE_OUTPUT,
    Result,
    canary,
    fingerprint,
    run_cli,
)

COMMANDS = ("validate", "convert")


@dataclass
class Run:
    """One (kind, command): the case as generated, its invocation and outcome."""

    kind: str
    command: str
    work: Path  # the case directory (inputs, mapping)
    out_dir: Path  # where outputs go unless the case names its own
    case: Case | None = None
    expect: Expect | None = None
    skip: str | None = None
    target: Path | None = None  # the -o path
    inputs: dict[Path, object] | None = None  # fingerprints of the input files as written
    result: Result | None = None


def execute(run: Run) -> Run:
    """Generate the case, write its files, run the CLI once."""
    sock = canary()
    try:
        host, port = sock.getsockname()
        ctx = Ctx(run.work, f"http://{host}:{port}/")
        case = KINDS[run.kind](ctx)
        run.case = case
        run.expect = getattr(case, run.command)
        if run.expect is None:
            run.skip = f"{run.command} does not apply to {run.kind}"
            return run
        if case.skip:
            run.skip = case.skip
            return run
        materialise(case, ctx)
        run.inputs = {p: fingerprint(p) for p in run.work.rglob("*") if p.is_file()}
        default = "report.json" if run.command == "validate" else "out.csv"
        # A case's own output is given relative to its directory, as a user would type it.
        out = case.output or str(run.out_dir / default)
        run.target = run.work / out
        if run.command == "validate":
            args = ["validate", "--lang", "en", "-d", DATASET, "-f", "json", "-o", out]
            args += [*case.extra, case.input]
        else:
            args = ["convert", "--lang", "en", case.input, "-m", case.mapping, "-o", out]
            args += case.extra
        run.result = run_cli(args, run.work, sock)
        return run
    finally:
        sock.close()


class Runner:
    """Runs the selected cases in parallel, heavy kinds first."""

    def __init__(self, base: Path, selected: list[tuple[str, str]]) -> None:
        workers = max(2, os.cpu_count() or 2)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hostile")
        self._futures: dict[tuple[str, str], Future[Run]] = {}
        ordered = sorted(selected, key=lambda key: key[0] not in HEAVY)
        for kind, command in ordered:
            root = base / f"{kind}-{command}"
            (root / "in").mkdir(parents=True)
            (root / "out").mkdir()
            run = Run(kind, command, root / "in", root / "out")
            self._futures[(kind, command)] = self._pool.submit(execute, run)

    def get(self, kind: str, command: str) -> Run:
        if (kind, command) not in self._futures:  # not pre-selected (e.g. run by node id)
            raise KeyError((kind, command))
        return self._futures[(kind, command)].result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def runner(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Runner]:
    selected = [
        (item.callspec.params["kind"], item.callspec.params["command"])
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_hostile"
        and item.module is sys.modules[__name__]
    ]
    r = Runner(tmp_path_factory.mktemp("hostile"), selected)
    try:
        yield r
    finally:
        r.close()


def _files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


def _applicable() -> list[tuple[str, str]]:
    """(kind, command) pairs with an expectation; generators are cheap (big files are lazy)."""
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, gen in KINDS.items():
            (Path(tmp) / name).mkdir()
            case = gen(Ctx(Path(tmp) / name, "http://127.0.0.1:9/"))
            pairs += [(name, c) for c in COMMANDS if getattr(case, c) is not None]
    return pairs


@pytest.mark.parametrize(("kind", "command"), _applicable())
def test_hostile(kind: str, command: str, runner: Runner, request: pytest.FixtureRequest) -> None:
    run = runner.get(kind, command)
    if run.skip:
        pytest.skip(run.skip)
    case, expect, res = run.case, run.expect, run.result
    assert case is not None and expect is not None and res is not None and run.target
    if expect.xfail:
        request.applymarker(pytest.mark.xfail(reason=expect.xfail, strict=True))

    detail = f"exit={res.exit} stderr={res.stderr[:2000]!r} stdout={res.stdout[:2000]!r}"
    assert not res.timed_out, f"timed out after {TIMEOUT:.0f} s"
    assert res.exit == expect.exit, detail
    assert "Traceback" not in res.stderr, detail
    assert not any(m in res.stderr for m in INTERNAL_ERROR), detail
    # Terminal escapes or stray line breaks from file names or cells never reach the terminal.
    assert not UNSAFE_OUTPUT.search(res.stderr + res.stdout)
    lines = res.stderr.splitlines()
    if expect.exit == 2:
        assert len(lines) == 1 and lines[0].startswith("stdschema: "), detail
        haystack = res.stderr
    else:
        assert lines == [], detail
        haystack = res.stdout
        if command == "validate":
            haystack = run.target.read_text(encoding="utf-8")
    assert re.search(expect.message, haystack), f"{expect.message!r} not in: {haystack[:3000]}"
    assert res.max_rss < MAX_RSS, f"peak RSS {res.max_rss / 2**20:.0f} MiB"
    assert not res.contacted, "the CLI opened a network connection"

    # Inputs are never modified, whatever happens.
    for path, before in (run.inputs or {}).items():
        assert fingerprint(path) == before, f"{path.name} was modified"
    assert not (run.work / "pwned").exists(), "the mapping ran a command"

    produced = _files(run.out_dir)
    leftovers = [p for p in _files(run.work) if p.endswith(".tmp") or p.startswith(".")]
    assert not leftovers, leftovers
    assert not [f for f in produced if f.endswith(".tmp")], produced
    if command == "convert":
        expected = ["out.csv", "out.csv.changes.csv", "out.csv.rejects.csv"]
        assert produced == ([] if expect.exit == 2 or case.output else expected), produced
        if case.output_has:
            text = (run.out_dir / "out.csv").read_text(encoding="utf-8")
            assert re.search(case.output_has, text), text[:2000]
    elif expect.exit == 2 and produced:
        # validate still writes its report when a file is unreadable: the report names
        # the failure (error_code), so CI keeps a record of it.
        assert produced == ["report.json"]
        assert '"error_code"' in run.target.read_text(encoding="utf-8")
    if case.absent:
        everything = res.stdout + res.stderr
        everything += "".join(
            p.read_text(encoding="utf-8", errors="replace")
            for p in run.out_dir.rglob("*")
            if p.is_file()
        )
        assert not re.search(case.absent, everything), "leaked text from outside the input"


def test_internal_error_is_one_line_exit_2(tmp_path: Path) -> None:
    """The last-resort handler: an unexpected exception is one line and exit 2."""
    code = (
        "import sys; from stdschema.conversion import engine\n"
        "def boom(*a, **k): raise RuntimeError('boom')\n"
        "engine.convert = boom\n"
        "from stdschema.cli import main\n"
        "sys.argv = ['stdschema', *sys.argv[1:]]; main()\n"
    )
    (tmp_path / "in.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text("version: 1\n", encoding="utf-8")
    args = ["convert", "in.csv", "-m", "m.yaml", "-o", "out.csv", "--lang", "en"]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(ROOT), STDSCHEMA_LANG="en"),
        timeout=TIMEOUT,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        "stdschema: error: internal error: RuntimeError: boom (a bug in stdschema; please report it with this line)"
    ]
