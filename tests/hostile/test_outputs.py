"""Outputs through the real CLI: safe targets for every command, sets committed as one,
concurrent runs, a kill between renames, ``schema export`` on a full or read-only disk.

Cases that need commands other than validate/convert, or several steps; the single-run
kinds are in ``kinds_output.py``. Each run goes through the hostile harness (one
subprocess, memory and time limits) and asserts the contract.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.corpus import GOOD_CSV, HEADER, MAPPING
from tests.hostile.harness import ROOT, TIMEOUT, Result, assert_contract, fingerprint, run, tree

SET = ("out.csv", "out.csv.rejects.csv", "out.csv.changes.csv")
CONVERT = ["convert", "--lang", "en", "in.csv", "-m", "mapping.yaml", "-o", "out.csv"]
REFUSED = r"^stdschema: error: cannot write {name}: "


def rows(marker: str, good: int, bad: int) -> str:
    """A CSV whose every row names ``marker``: ``bad`` rows are rejected (no 名称)."""
    lines = [HEADER]
    lines += [f"222127,{marker} トイレ{i},静岡県焼津市駅北5丁目2-11,施設内" for i in range(good)]
    lines += [f"222127,,{marker} 住所{i},施設内" for i in range(bad)]
    return "\n".join(lines) + "\n"


def snapshot(directory: Path, names: tuple[str, ...] = SET) -> dict[str, bytes | None]:
    return {n: (directory / n).read_bytes() if (directory / n).exists() else None for n in names}


def state(directory: Path) -> dict[str, object]:
    """Fingerprints of everything below ``directory`` (special files by identity only:
    reading a FIFO would block)."""
    result: dict[str, object] = {}
    for rel in tree(directory):
        path = directory / rel
        st = path.lstat()
        if stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode):
            result[rel] = fingerprint(path)
        else:
            result[rel] = (st.st_mode, st.st_ino)
    return result


def stray(directory: Path) -> list[str]:
    """Temporary files and journals left in ``directory`` (recursively)."""
    return [p for p in tree(directory) if Path(p).name.startswith(".")]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "in.csv").write_text(GOOD_CSV, encoding="utf-8")
    return tmp_path


# --- one function decides, for every command ------------------------------------------


def make_target(kind: str, path: Path) -> None:
    if kind == "symlink":
        (path.parent / "elsewhere.txt").write_bytes(b"outside\n")
        os.symlink("elsewhere.txt", path)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        raise AssertionError(kind)


COMMANDS = {
    "map-suggest": ["map", "suggest", "in.csv", "-d", "public_toilets@v2", "-o", "TARGET"],
    "upgrade": ["upgrade", "in.csv", "-d", "public_toilets@v1", "-o", "TARGET"],
    "convert-changes": [*CONVERT, "--changes", "TARGET"],
    "validate": ["validate", "-d", "public_toilets@v2", "-f", "json", "-o", "TARGET", "in.csv"],
}


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unsafe_target_refused_by_every_command(work: Path, command: str, kind: str) -> None:
    make_target(kind, work / "target")
    before = state(work)
    args = [a if a != "TARGET" else "target" for a in COMMANDS[command]]
    if "--lang" not in args:
        args += ["--lang", "en"]
    res = run(args, work)
    message = (
        "it is a symbolic link" if kind == "symlink" else r"it is not a regular file \(a FIFO\)"
    )
    assert_contract(res, 2, REFUSED.format(name="target") + message)
    assert state(work) == before  # nothing written


def test_validate_report_mode_follows_umask(work: Path) -> None:
    """Reports used to be 0600 whatever the umask (mkstemp's mode)."""
    for umask, mode in ((0o027, 0o640), (0o002, 0o664)):
        report = work / f"report-{umask:o}.json"
        res = run(
            ["validate", "-d", "public_toilets@v2", "-f", "json", "-o", report.name, "in.csv"],
            work,
            umask=umask,
        )
        assert_contract(res, 0)
        assert stat.S_IMODE(report.stat().st_mode) == mode
    res = run([*CONVERT, "--lang", "en"], work, umask=0o077)
    assert_contract(res, 0)
    assert {stat.S_IMODE((work / n).stat().st_mode) for n in SET} == {0o600}


# --- schema export --------------------------------------------------------------------


def test_schema_export_full_disk_leaves_old_files(work: Path) -> None:
    out = work / "schemas"
    assert_contract(run(["schema", "export", "--out", "schemas", "--lang", "en"], work), 0)
    old = next(out.rglob("*.schema.json"))
    old.write_text("{}\n", encoding="utf-8")  # an older export, to tell the sets apart
    before = state(out)
    # Every schema file is larger than 2 KiB: each write fails as on a full disk.
    res = run(["schema", "export", "--out", "schemas", "--lang", "en"], work, fsize=2048)
    assert_contract(res, 2, r"^stdschema: error: cannot write schemas: File too large")
    assert state(out) == before
    # Into a new folder: nothing is left at all, not even the folders.
    res = run(["schema", "export", "--out", "new/schemas", "--lang", "ja"], work, fsize=2048)
    assert_contract(res, 2, r"^stdschema: エラー: new/schemas に書き込めません")
    assert not (work / "new").exists()


def test_schema_export_never_follows_links_inside_out(work: Path) -> None:
    out = work / "schemas"
    assert_contract(run(["schema", "export", "--out", "schemas", "--lang", "en"], work), 0)
    outside = work / "outside"
    outside.mkdir()
    (outside / "victim.json").write_text("precious\n", encoding="utf-8")
    target = out / "v2" / "public_toilets.schema.json"
    target.unlink()
    os.symlink("../../outside/victim.json", target)
    before = state(work)
    res = run(["schema", "export", "--out", "schemas", "--lang", "en"], work)
    assert_contract(
        res,
        2,
        REFUSED.format(name=r"schemas/v2/public_toilets\.schema\.json") + "it is a symbolic link",
    )
    assert state(work) == before
    # A linked folder inside --out is refused too; --out itself may be a link.
    target.unlink()
    (out / "v2").rename(outside / "v2")
    os.symlink("../outside/v2", out / "v2")
    res = run(["schema", "export", "--out", "schemas", "--lang", "en"], work)
    assert_contract(res, 2, REFUSED.format(name="schemas/v2") + "it is a symbolic link")
    assert sorted(os.listdir(outside / "v2")) == sorted(
        n for n in os.listdir(outside / "v2") if not n.startswith(".")
    )
    os.symlink("schemas-real", work / "linked")
    (work / "schemas-real").mkdir()
    assert_contract(run(["schema", "export", "--out", "linked", "--lang", "en"], work), 0)
    assert (work / "schemas-real" / "index.json").is_file()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only also for root (a read-only tmpfs mounted over it)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot make a read-only folder as root here (no mount)")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_schema_export_read_only_target(work: Path) -> None:
    folder = work / "ro"
    folder.mkdir()
    with read_only(folder):
        res = run(["schema", "export", "--out", "ro/schemas", "--lang", "en"], work)
        assert_contract(
            res,
            2,
            r"^stdschema: error: cannot write ro/schemas: (Read-only file system|Permission denied)",
        )
        assert os.listdir(folder) == []


# --- sets committed as one -------------------------------------------------------------


def test_convert_on_a_full_disk_leaves_the_old_set(work: Path) -> None:
    assert_contract(run([*CONVERT, "--lang", "en"], work), 0)
    old = snapshot(work)
    (work / "in.csv").write_text(rows("NEW", 200, 3), encoding="utf-8")
    res = run([*CONVERT, "--lang", "en"], work, fsize=4096)
    assert_contract(
        res,
        2,
        r"^stdschema: error: cannot write the output: File too large \(no output file was changed\)$",
    )
    assert snapshot(work) == old
    assert stray(work) == []


def test_commit_waits_for_the_folder_lock(work: Path) -> None:
    """Commits to one folder are serialised: no other run's renames interleave."""
    (work / "in.csv").write_text(rows("NEW", 4000, 5), encoding="utf-8")
    for name in SET:
        (work / name).write_text("old\n", encoding="utf-8")
    result: list[Result] = []
    thread = threading.Thread(target=lambda: result.append(run([*CONVERT, "--lang", "en"], work)))
    fd = os.open(work, os.O_RDONLY)
    try:
        thread.start()
        deadline = time.monotonic() + TIMEOUT
        while len([p for p in os.listdir(work) if p.endswith(".tmp")]) < 3:
            assert time.monotonic() < deadline and thread.is_alive()
            time.sleep(0.02)
        fcntl.flock(fd, fcntl.LOCK_EX)  # as another run's commit would
        time.sleep(3.0)  # time enough to finish and rename, had it not waited
        assert thread.is_alive()
        assert all((work / n).read_text(encoding="utf-8") == "old\n" for n in SET)
    finally:
        os.close(fd)  # releases the lock
    thread.join(TIMEOUT)
    assert_contract(result[0], 1, r"read 4005 = written 4000 \+ rejected 5")
    assert all("NEW" in (work / n).read_text(encoding="utf-8") for n in SET[:2])
    assert stray(work) == []


def test_concurrent_converts_leave_one_whole_set(work: Path) -> None:
    (work / "a.csv").write_text(rows("AAA", 1333, 40), encoding="utf-8")
    (work / "b.csv").write_text(rows("BBB", 1000, 30), encoding="utf-8")
    for _ in range(2):
        results: dict[str, Result] = {}

        def convert(name: str, results: dict[str, Result] = results) -> None:
            args = ["convert", "--lang", "en", f"{name}.csv", "-m", "mapping.yaml", "-o", "out.csv"]
            results[name] = run(args, work)

        threads = [threading.Thread(target=convert, args=(n,)) for n in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIMEOUT)
        assert_contract(results["a"], 1, r"read 1373 = written 1333 \+ rejected 40")
        assert_contract(results["b"], 1, r"read 1030 = written 1000 \+ rejected 30")
        out, rejects = ((work / n).read_text(encoding="utf-8") for n in SET[:2])
        winner = "AAA" if "AAA" in out else "BBB"
        loser = "BBB" if winner == "AAA" else "AAA"
        assert loser not in out and loser not in rejects and winner in rejects
        assert len(out.splitlines()) - 1 == (1333 if winner == "AAA" else 1000)
        assert stray(work) == []


# A convert that SIGKILLs itself at a chosen rename (test code only: os.replace is patched
# in the child); the CLI runs as usual otherwise.
# A convert that sends itself a signal at a chosen rename (test code only: os.replace is
# patched in the child); the CLI runs as usual otherwise.
KILLER = """\
import os, sys
real = os.replace
where, after, signum = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
seen = []
def replace(src, dst, *a, **k):
    kind = "journal" if str(dst).endswith(".journal") else "output"
    if kind == where and seen.count(kind) == after:
        os.kill(os.getpid(), signum)
    seen.append(kind)
    return real(src, dst, *a, **k)
os.replace = replace
from stdschema.cli import main
sys.argv = ["stdschema", *sys.argv[4:]]
main()
"""


def signalled_run(
    work: Path, where: str, after: int, args: list[str], signum: int = signal.SIGKILL
) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, where, str(after), str(signum), *args],
        cwd=work,
        env=dict(os.environ, PYTHONPATH=str(ROOT), STDSCHEMA_LANG="en"),
        capture_output=True,
        timeout=TIMEOUT,
    )
    if signum == signal.SIGKILL:
        assert proc.returncode == -9, proc.stderr
    return proc


def test_term_during_the_renames_is_held_until_they_are_done(work: Path) -> None:
    """SIGTERM between two renames waits for the set to be complete, then ends the run."""
    assert_contract(run([*CONVERT, "--lang", "en"], work), 0)
    (work / "in.csv").write_text(rows("NEW", 20, 3), encoding="utf-8")
    proc = signalled_run(work, "output", 1, [*CONVERT, "--lang", "en"], signal.SIGTERM)
    assert proc.returncode == 143, proc.stderr
    assert proc.stderr.decode().splitlines() == [
        "stdschema: error: interrupted by SIGTERM (no partial output file was left)"
    ]
    assert all(b"NEW" in (work / n).read_bytes() for n in SET[:2])
    assert stray(work) == []


def test_kill_between_renames_is_rolled_forward(work: Path) -> None:
    """SIGKILL after the first of three renames: the next run on that output finishes
    the set from the journal (here a run that then fails on its own input)."""
    assert_contract(run([*CONVERT, "--lang", "en"], work), 0)
    old = snapshot(work)
    (work / "in.csv").write_text(rows("NEW", 20, 3), encoding="utf-8")
    signalled_run(work, "output", 1, [*CONVERT, "--lang", "en"])
    mixed = snapshot(work)
    assert (
        mixed["out.csv"] != old["out.csv"]
        and mixed["out.csv.rejects.csv"] == old["out.csv.rejects.csv"]
    )
    assert any(re.fullmatch(r"\.stdschema-commit\.[0-9a-f]{16}\.journal", p) for p in stray(work))
    res = run(
        ["convert", "--lang", "en", "missing.csv", "-m", "mapping.yaml", "-o", "out.csv"], work
    )
    assert_contract(res, 2, r"missing\.csv: no such file")
    new = snapshot(work)
    assert b"NEW" in (new["out.csv.rejects.csv"] or b"") and new["out.csv"] == mixed["out.csv"]
    assert stray(work) == []
    # The set is the one a complete run writes.
    assert_contract(run([*CONVERT, "--lang", "en"], work), 1)
    assert snapshot(work) == new


def test_kill_while_writing_the_journal_is_rolled_back(work: Path) -> None:
    """SIGKILL after the journal's first copy (rejects in another folder): no rename had
    happened, so the next run removes the set's temporary files and the old set stays."""
    (work / "side").mkdir()
    args = [*CONVERT, "--lang", "en", "--rejects", "side/rejects.csv"]
    names = ("out.csv", "side/rejects.csv", "out.csv.changes.csv")
    assert_contract(run(args, work), 0)
    old = snapshot(work, names)
    (work / "in.csv").write_text(rows("NEW", 20, 3), encoding="utf-8")
    signalled_run(work, "journal", 1, args)
    assert snapshot(work, names) == old
    assert len([p for p in stray(work) if p.endswith(".tmp")]) == 3
    res = run(
        ["convert", "--lang", "en", "missing.csv", "-m", "mapping.yaml", "-o", "out.csv"], work
    )
    assert_contract(res, 2, r"missing\.csv: no such file")
    assert snapshot(work, names) == old
    assert stray(work) == []
