"""Running the real CLI on hostile input: one subprocess under limits, and the contract.

Shared by ``test_hostile.py`` (the generated corpus) and the other tests of this folder
(signals, outputs, commands other than validate and convert). Every run:

- is ``python -m stdschema ARGS`` with an address-space limit set in the child;
- records the child's own peak RSS (VmHWM) at exit;
- has every HTTP proxy pointed at a canary socket on 127.0.0.1 that must never be contacted;
- is killed after ``TIMEOUT`` seconds.

:func:`assert_contract` checks what the project promises of any run: exit code, no
traceback or internal error, no terminal escapes on stdout or stderr, exactly one
``stdschema: `` line on stderr for exit 2, bounded memory and time, no network.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0
ADDRESS_SPACE = 3 * 512 * 1024 * 1024  # 1.5 GiB
MAX_RSS = 500 * 1024 * 1024
PROXY_VARS = ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy")
# What must never reach a terminal or a CI log from a file name or a cell.
# The last-resort handler's words in either language: never to be seen.
INTERNAL_ERROR = ("internal error", "内部エラー")
UNSAFE_OUTPUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b\u2028\u2029]")


@dataclass
class Result:
    exit: int
    stdout: str
    stderr: str
    max_rss: int  # bytes
    timed_out: bool
    contacted: bool  # the canary saw a connection
    stdout_bytes: bytes = b""


# ``python -m stdschema`` with an address-space limit set first (preexec_fn is unsafe in
# a threaded parent). At exit the child records its own peak RSS (VmHWM): ru_maxrss
# from wait4 also counts the parent's pages the child started with, so it is only the
# fallback, for a child that dies without running its exit handlers.
BOOT = """\
import atexit, os, resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
# A file-size limit stands in for a full disk (writes past it fail with EFBIG).
_fsize = os.environ.pop("HOSTILE_FSIZE", "")
if _fsize:
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(_fsize), int(_fsize)))

def record_peak():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["HOSTILE_PEAK_FILE"], "w") as out:
        out.write(peak)

atexit.register(record_peak)
sys.argv[0] = "stdschema"
runpy.run_module("stdschema", run_name="__main__", alter_sys=True)
""".replace("{limit}", str(ADDRESS_SPACE))


def canary() -> socket.socket:
    """A listening socket on 127.0.0.1 that no run may connect to."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    return sock


def contacted(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def cli_env(sock: socket.socket, lang: str = "en") -> dict[str, str]:
    """The child's environment: this checkout first on the path, every proxy at the canary."""
    host, port = sock.getsockname()
    proxy = f"http://{host}:{port}/"
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy",)}
    env.update(PYTHONPATH=str(ROOT), STDSCHEMA_LANG=lang)
    for name in PROXY_VARS:
        env[name] = env[name.upper()] = proxy  # any fetch, to any host, reaches the canary
    return env


def run_cli(
    args: list[str | bytes],
    cwd: Path,
    sock: socket.socket,
    *,
    lang: str = "en",
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
    fsize: int | None = None,
    umask: int = -1,
) -> Result:
    """``python -m stdschema ARGS`` under a memory limit, in ``cwd``.

    ``args`` may hold bytes (file names that are not valid UTF-8). ``fsize`` limits the
    size of any file the child writes (a full disk); ``umask`` is the child's umask.
    """
    child_env = cli_env(sock, lang)
    if env:
        child_env.update(env)
    if fsize is not None:
        child_env["HOSTILE_FSIZE"] = str(fsize)
    with tempfile.TemporaryDirectory(prefix="hostile-run-") as scratch:
        out_path, err_path = Path(scratch, "stdout"), Path(scratch, "stderr")
        peak_path = Path(scratch, "peak-kib")
        child_env["HOSTILE_PEAK_FILE"] = str(peak_path)
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-c", BOOT, *args],
                cwd=cwd,
                env=child_env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                umask=umask,
            )
            killed = threading.Event()

            def kill() -> None:
                killed.set()
                proc.kill()

            timer = threading.Timer(timeout, kill)
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)
        raw_out = out_path.read_bytes()
        return Result(
            exit=proc.returncode,
            stdout=raw_out.decode("utf-8", errors="replace"),
            stderr=err_path.read_text(encoding="utf-8", errors="replace"),
            # Both in KiB on Linux.
            max_rss=int(peak_path.read_text() if peak_path.exists() else usage.ru_maxrss) * 1024,
            timed_out=killed.is_set(),
            contacted=contacted(sock),
            stdout_bytes=raw_out,
        )


def run(
    args: list[str | bytes],
    cwd: Path,
    *,
    lang: str = "en",
    env: dict[str, str] | None = None,
    fsize: int | None = None,
    umask: int = -1,
) -> Result:
    """:func:`run_cli` with a canary of its own."""
    sock = canary()
    try:
        return run_cli(args, cwd, sock, lang=lang, env=env, fsize=fsize, umask=umask)
    finally:
        sock.close()


def assert_contract(res: Result, exit: int, message: str | None = None) -> None:
    """What every run promises; ``message`` is a regex searched in stderr (exit 2) or stdout."""
    detail = f"exit={res.exit} stderr={res.stderr[:2000]!r} stdout={res.stdout[:2000]!r}"
    assert not res.timed_out, f"timed out after {TIMEOUT:.0f} s"
    assert res.exit == exit, detail
    assert "Traceback" not in res.stderr, detail
    assert not any(m in res.stderr for m in INTERNAL_ERROR), detail
    assert not UNSAFE_OUTPUT.search(res.stderr + res.stdout), detail
    lines = res.stderr.splitlines()
    if exit == 2:
        assert len(lines) == 1 and lines[0].startswith("stdschema: "), detail
    if message is not None:
        haystack = res.stderr if exit == 2 else res.stdout
        assert re.search(message, haystack), f"{message!r} not in: {haystack[:3000]}"
    assert res.max_rss < MAX_RSS, f"peak RSS {res.max_rss / 2**20:.0f} MiB"
    assert not res.contacted, "the CLI opened a network connection"


def fingerprint(path: Path) -> object:
    """Identity, size and time of a file, and the bytes of a small one."""
    st = path.lstat()
    small = st.st_size <= 1024 * 1024 and os.access(path, os.R_OK) and not path.is_symlink()
    return (st.st_ino, st.st_size, st.st_mtime_ns, path.read_bytes() if small else None)


def tree(directory: Path) -> list[str]:
    """Every path below ``directory``, relative, sorted (to prove nothing else was written)."""
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))
