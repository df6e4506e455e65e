"""Signals during ``convert``: SIGTERM/SIGHUP clean up like SIGINT; any mix of TERM, INT
and KILL leaves the output set entirely old or entirely new.

The convert runs as a real subprocess (the hostile harness's BOOT: memory limit, peak
RSS) on an input large enough to take about a second, so signals land while it starts,
reads, writes and commits. After a SIGKILL the next run on the same output finishes an
interrupted commit from its journal and removes the dead run's temporary files; the
test makes that run a convert of a missing input (it fails, after the recovery).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.corpus import MAPPING
from tests.hostile.harness import (
    BOOT,
    INTERNAL_ERROR,
    MAX_RSS,
    TIMEOUT,
    assert_contract,
    canary,
    cli_env,
    run,
)
from tests.hostile.test_outputs import rows, snapshot, stray

CONVERT = ["convert", "--lang", "en", "in.csv", "-m", "mapping.yaml", "-o", "out.csv"]
RECOVER = ["convert", "--lang", "en", "missing.csv", "-m", "mapping.yaml", "-o", "out.csv"]
BIG_ROWS = 4000  # a second or two of converting on a slow machine


class Sets:
    """The old set (a small earlier conversion) and the new one (the big input's)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        seed = root / "seed"
        seed.mkdir()
        (seed / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
        (seed / "in.csv").write_text(rows("OLD", 3, 1), encoding="utf-8")
        assert_contract(run(CONVERT, seed), 1)
        self.old = snapshot(seed)
        (seed / "in.csv").write_text(rows("NEW", BIG_ROWS, 20), encoding="utf-8")
        began = time.monotonic()
        res = run(CONVERT, seed)
        self.duration = time.monotonic() - began  # start to exit on this machine, now
        assert_contract(res, 1, rf"read {BIG_ROWS + 20} = written {BIG_ROWS} \+ rejected 20")
        self.new = snapshot(seed)
        self.big = (seed / "in.csv").read_bytes()

    def fresh(self, old: bool = True) -> Path:
        """A folder holding the big input, the mapping and (with ``old``) the old set."""
        work = Path(tempfile.mkdtemp(dir=self.root))
        (work / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
        (work / "in.csv").write_bytes(self.big)
        for name, data in self.old.items():
            assert data is not None
            if old:
                (work / name).write_bytes(data)
        return work


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> Sets:
    return Sets(tmp_path_factory.mktemp("signals"))


def _default_signals() -> None:
    """The signals under test as a terminal leaves them. A runner started under nohup (or
    as a background job) passes SIG_IGN on to its children, and the CLI keeps an ignored
    signal ignored, as it should: the test would then see a whole run, not an interrupted one."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def start(work: Path, args: list[str] = CONVERT) -> subprocess.Popen[bytes]:
    sock = canary()
    env = cli_env(sock, "en")
    sock.close()
    env["HOSTILE_PEAK_FILE"] = str(work.parent / f"{work.name}.peak")
    return subprocess.Popen(
        [sys.executable, "-c", BOOT, *args],
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_default_signals,
    )


def temporaries(work: Path) -> list[str]:
    return [p for p in os.listdir(work) if p.endswith(".tmp")]


INTERRUPTED = {
    "en": "stdschema: error: interrupted by {name} (no partial output file was left)",
    "ja": "stdschema: エラー: {name} で中断しました（書きかけの出力ファイルは残していません）",
}


@pytest.mark.parametrize(
    ("signum", "lang"),
    [(signal.SIGTERM, "en"), (signal.SIGINT, "en"), (signal.SIGHUP, "ja")],
)
def test_signal_while_writing_cleans_up(sets: Sets, signum: int, lang: str) -> None:
    """SIGTERM (timeout, CI cancellation) used to leave the partial .tmp files."""
    work = sets.fresh()
    proc = start(work, [*CONVERT[:2], lang, *CONVERT[3:]])
    deadline = time.monotonic() + TIMEOUT
    while len(temporaries(work)) < 3 and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 128 + signum, stderr
    name = signal.Signals(signum).name
    assert stderr.decode().splitlines() == [INTERRUPTED[lang].format(name=name)]
    assert snapshot(work) == sets.old
    assert stray(work) == []
    peak = work.parent / f"{work.name}.peak"
    assert int(peak.read_text()) * 1024 < MAX_RSS


def test_kill_while_writing_is_swept_by_the_next_run(sets: Sets) -> None:
    work = sets.fresh()
    proc = start(work)
    deadline = time.monotonic() + TIMEOUT
    while len(temporaries(work)) < 3 and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.kill()
    proc.communicate(timeout=TIMEOUT)
    assert len(temporaries(work)) == 3  # what SIGKILL leaves (documented)
    assert snapshot(work) == sets.old
    assert_contract(run(RECOVER, work), 2, r"missing\.csv: no such file")
    assert stray(work) == []
    assert snapshot(work) == sets.old


SIGNALS = st.lists(
    st.tuples(
        st.sampled_from([signal.SIGTERM, signal.SIGINT, signal.SIGKILL]),
        # When, as a fraction of a whole run: from interpreter start to past the commit.
        st.floats(min_value=0.0, max_value=1.2),
    ),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=SIGNALS, had_old=st.booleans())
def test_any_mix_of_signals_leaves_a_whole_set(
    sets: Sets, plan: list[tuple[int, float]], had_old: bool
) -> None:
    """After any mix of TERM/INT/KILL (and, after a KILL, the next run on the output) the
    set is wholly the old one (or absent) or wholly the new one; no temporary file stays."""
    work = sets.fresh(had_old)
    before = sets.old if had_old else dict.fromkeys(sets.old)
    try:
        began = time.monotonic()
        proc = start(work)
        for signum, at in sorted(plan, key=lambda p: p[1]):
            time.sleep(max(0.0, began + at * sets.duration - time.monotonic()))
            if proc.poll() is not None:
                break
            proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=TIMEOUT)
        code = proc.returncode
        text = stderr.decode()
        # -15/-2 (the default action) only before the handlers are installed (interpreter
        # start) or once they are gone (interpreter exit): the checks below still hold.
        # A SIGINT while the interpreter itself starts (importing ``site``, before any
        # stdschema code runs) is Python's own fatal KeyboardInterrupt: nothing is written.
        at_start = text.startswith("Fatal Python error: init_import_site")
        if code not in (-signal.SIGTERM, -signal.SIGINT) and not at_start:
            assert "Traceback" not in text and not any(m in text for m in INTERNAL_ERROR), text
        if code == -signal.SIGKILL:
            # Temporary files (and, in the rename window, a journal) may remain until
            # the next run on this output, which must settle them.
            assert_contract(run(RECOVER, work), 2, r"missing\.csv: no such file")
        else:
            # Handled: 1 finished (some rows are rejected), 130/143 interrupted.
            assert code in (1, 130, 143, -signal.SIGTERM, -signal.SIGINT), (code, text)
            if code in (130, 143):
                assert len(text.splitlines()) == 1, text
        after = snapshot(work)
        assert after in (before, sets.new), {k: (v or b"")[:80] for k, v in after.items()}
        assert stray(work) == [], "temporary files survived"
        if code == 1 and not at_start:
            # Exit 1 is a finished run, unless Python itself died starting up (its own
            # exit status for a fatal start-up error is also 1; nothing ran).
            assert after == sets.new
    finally:
        shutil.rmtree(work, ignore_errors=True)
