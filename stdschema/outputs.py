"""Safe output targets, output sets committed as one, and signals that clean up.

Every file stdschema writes (``convert``/``upgrade`` outputs, reports, mappings, schemas)
goes through this module:

- :func:`check_target` is the one place that decides whether a path may be an output:
  a regular file (which is replaced, never written through) or an absent name in an
  existing folder. Symlinks, devices, FIFOs, sockets and directories are refused.
- :class:`OutputSet` writes each file to a temporary file beside its target (flocked
  while written) and renames the whole set into place in :meth:`OutputSet.commit`.
- Commits to a folder are serialised by an ``flock`` on the folder itself (no lock file).
  SIGINT, SIGTERM and SIGHUP are held during the renames, so only SIGKILL (or a crash)
  can land between two of them. For that case a commit of several files first writes a
  small fsynced journal (``.stdschema-commit.TOKEN.journal``) into every folder of the set;
  the next run that writes into one of those folders finishes the interrupted set from
  it (or, if the journal was never complete, removes the set's temporary files), so once
  stdschema runs again a set is never left mixed. Temporary files of dead runs (no
  ``flock``) are removed at the same time.
- :func:`install_signal_handlers` makes SIGTERM and SIGHUP behave like SIGINT: an
  :class:`Interrupted` exception unwinds the command, whose ``with`` blocks remove the
  temporary files.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any, BinaryIO, ClassVar, NamedTuple, TextIO, cast

from stdschema.messages import Lang, t

__all__ = [
    "Interrupted",
    "OutputError",
    "OutputSet",
    "argv_lang",
    "check_target",
    "cleanup_temporaries",
    "creation_mode",
    "held_signals",
    "install_signal_handlers",
    "output_key",
    "recover",
    "stop_raising",
]

# mkstemp's names: a prefix, eight characters of this alphabet, the suffix.
_RANDOM = r"[a-z0-9_]{8}"
_JOURNAL = re.compile(r"\.stdschema-commit\.([0-9a-f]{16})\.journal")
_JOURNAL_PART = re.compile(r"\.stdschema-commit\.[0-9a-f]{16}\.[a-z0-9_]{8}\.part")
_HELD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_NO_LOCKS = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL)


class OutputError(OSError):
    """A path that may not be an output, or an output that cannot be written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- which paths may be outputs -------------------------------------------------


def output_key(path: Path) -> tuple[str, str]:
    """(real folder, name): equal for every spelling of the same output path."""
    return os.path.realpath(path.parent), path.name


def _kind(mode: int, lang: Lang | None) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("output.kind.device", lang)
    if stat.S_ISFIFO(mode):
        return t("output.kind.fifo", lang)
    if stat.S_ISSOCK(mode):
        return t("output.kind.socket", lang)
    return t("output.kind.other", lang)


def check_target(path: Path, lang: Lang | None = None) -> None:
    """Raise :class:`OutputError` unless ``path`` may be written as an output.

    An output is renamed over its target, so a symlink, device, FIFO or socket there
    would be replaced by a regular file (``-o /dev/null`` as root) and a symlink would
    not be followed anyway: all are refused, as is a missing folder.
    """
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        parent = path.parent
        if not parent.is_dir():
            raise OutputError(t("output.no_directory", lang, path=path, parent=parent)) from None
        return
    except OSError as exc:
        raise OutputError(
            t("output.cannot_write", lang, path=path, reason=exc.strerror or exc)
        ) from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(t("output.symlink", lang, path=path))
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(t("output.directory", lang, path=path))
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(t("output.not_regular", lang, path=path, kind=_kind(st.st_mode, lang)))


def creation_mode() -> int:
    """The mode a new file gets under the current umask (0644 under the usual 022)."""
    umask = None
    with (
        contextlib.suppress(OSError, StopIteration, ValueError),
        open("/proc/self/status", encoding="ascii") as status,
    ):
        umask = int(next(x for x in status if x.startswith("Umask:")).split()[1], 8)
    if umask is None:  # no /proc: read it by setting it (the process is single-threaded here)
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


# --- signals ----------------------------------------------------------------------


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived; unwinds like KeyboardInterrupt.

    A BaseException (not KeyboardInterrupt, which click turns into a silent exit 130)
    so that ``except Exception`` never swallows it and ``main()`` can name the signal.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _State:
    live: ClassVar[set[str]] = set()  # temporary files of open sets, for cleanup_temporaries()
    owner = 0  # the pid that installed the handlers (not forked workers)
    depth = 0  # nesting of held_signals()
    pending = 0  # a signal that arrived while held
    raised = False  # Interrupted was raised once: later signals wait for the cleanup


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _State.owner:
        # A forked worker (validate --jobs): die as the signal would, without a traceback.
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    if _State.raised:
        return  # cleanup is running: let it finish (SIGKILL still ends the process)
    if _State.depth:
        _State.pending = _State.pending or signum
        return
    _State.raised = True
    raise Interrupted(signum)


def argv_lang() -> Lang | None:
    """``--lang`` as given on the command line, for messages outside any command."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg[7:]
        if (arg == "--lang" or arg.startswith("--lang=")) and value in ("ja", "en"):
            return value  # type: ignore[return-value]
    return None


def cleanup_temporaries() -> None:
    """Remove every temporary file of a set not yet committed or discarded.

    The safety net of ``main()``: a signal can land in the few bytecodes where a
    ``with`` block is already leaving but has not yet reached its cleanup.
    """
    with held_signals():
        for name in sorted(_State.live):
            with contextlib.suppress(OSError):
                os.unlink(name)
        _State.live.clear()


def stop_raising() -> None:
    """From now on a signal is ignored instead of raised (the process is exiting)."""
    _State.raised = True


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP like SIGINT: raise :class:`Interrupted` so cleanup runs.

    A signal the process was started with ignored (``nohup``, a background job's SIGINT)
    stays ignored.
    """
    _State.owner = os.getpid()
    for signum in _HELD:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _on_signal)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP while the block runs; one that came is raised after it.

    The Python-level hold works whatever thread the signal is delivered to; the
    ``pthread_sigmask`` also covers runs without :func:`install_signal_handlers` (the
    default SIGINT handler).
    """
    blocked = sys.platform != "win32"
    old: set[int | signal.Signals] = set()
    if blocked:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    _State.depth += 1
    try:
        yield
    finally:
        _State.depth -= 1
        if blocked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        if not _State.depth and _State.pending and not _State.raised:
            signum, _State.pending = _State.pending, 0
            _State.raised = True
            raise Interrupted(signum)


# --- folder locks and fsync ---------------------------------------------------------


def _sync_directory(directory: str) -> None:
    """Make renames in ``directory`` durable; not possible (nor needed) everywhere."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _FolderLocks:
    """Exclusive ``flock`` on folders, taken in (device, inode) order so two runs
    locking overlapping sets cannot deadlock. The lock dies with the process."""

    def __init__(self, directories: Iterable[str]) -> None:
        self.directories = sorted(set(directories))
        self._fds: list[int] = []

    def __enter__(self) -> _FolderLocks:
        opened: list[tuple[tuple[int, int], int]] = []
        try:
            for directory in self.directories:
                fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
                st = os.fstat(fd)
                opened.append(((st.st_dev, st.st_ino), fd))
            opened.sort()
            self._fds = [fd for _, fd in opened]
            if sys.platform != "win32":
                import fcntl

                for fd in self._fds:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX)
                    except OSError as exc:
                        # Some network file systems have no flock: write unserialised
                        # there rather than not at all.
                        if exc.errno not in _NO_LOCKS:
                            raise
        except BaseException:
            for _, fd in opened:
                os.close(fd)
            self._fds = []
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for fd in self._fds:
            os.close(fd)  # releases the flock
        self._fds = []


def _try_lock(fd: int) -> bool:
    """Take an exclusive flock on ``fd`` without waiting; False when someone holds it."""
    if sys.platform == "win32":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, *_NO_LOCKS):
            return False
        raise
    return True


# --- the commit journal -----------------------------------------------------------


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"\." + re.escape(name) + r"\." + _RANDOM + r"\.tmp")


class _Journal(NamedTuple):
    token: str
    renames: list[tuple[str, str]]  # (temporary file, target), absolute

    @property
    def directories(self) -> set[str]:
        return {os.path.dirname(target) for _, target in self.renames}

    def path(self, directory: str) -> str:
        return os.path.join(directory, f".stdschema-commit.{self.token}.journal")


def _read_journal(path: str, token: str) -> _Journal | None:
    """The journal at ``path``, or None when it is not one this module wrote."""
    try:
        with open(path, "rb") as handle:
            doc = json.loads(handle.read(1 << 20))
        pairs = doc["renames"]
        renames = [(str(temp), str(target)) for temp, target in pairs]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for temp, target in renames:
        # Only ever rename one of our temporary files onto its own target, in one folder.
        if not (
            os.path.isabs(target)
            and os.path.dirname(temp) == os.path.dirname(target)
            and _temp_pattern(os.path.basename(target)).fullmatch(os.path.basename(temp))
        ):
            return None
    return _Journal(token, renames) if renames else None


def _write_journal(renames: list[tuple[str, str]]) -> _Journal:
    """A fsynced copy of the journal in every folder of the set (see the module doc)."""
    journal = _Journal(secrets.token_hex(8), renames)
    body = json.dumps({"renames": renames}, ensure_ascii=False).encode("utf-8")
    try:
        for directory in sorted(journal.directories):
            _write_journal_copy(journal, directory, body)
    except BaseException:
        _remove_journal(journal)
        raise
    return journal


def _write_journal_copy(journal: _Journal, directory: str, body: bytes) -> None:
    fd, part = tempfile.mkstemp(
        prefix=f".stdschema-commit.{journal.token}.", suffix=".part", dir=directory
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, journal.path(directory))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
    _sync_directory(directory)


def _remove_journal(journal: _Journal) -> None:
    for directory in sorted(journal.directories):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(journal.path(directory))
        _sync_directory(directory)


def _journals(directory: str, *, remove_bad: bool) -> list[_Journal]:
    """The journals in ``directory``; ``remove_bad`` (under its lock) deletes unusable ones."""
    found = []
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    for name in names:
        match = _JOURNAL.fullmatch(name)
        if match:
            journal = _read_journal(os.path.join(directory, name), match.group(1))
            if journal is not None:
                found.append(journal)
            elif remove_bad:  # not ours or damaged: nothing can be done with it
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(directory, name))
    return found


def _finish(journal: _Journal) -> None:
    """Roll an interrupted set forward, or back when its journal was never complete.

    Renames start only once a copy of the journal is in every folder of the set, so a
    missing copy means no file was renamed yet: the temporary files are removed. With
    every copy present all temporary files were complete and fsynced: each one still
    there is renamed into place.
    """
    complete = all(os.path.exists(journal.path(d)) for d in journal.directories)
    for temp, target in journal.renames:
        try:
            st = os.lstat(temp)
        except OSError:
            continue  # renamed already
        if not stat.S_ISREG(st.st_mode):
            continue
        if complete and _is_replaceable(target):
            os.replace(temp, target)
        else:
            os.unlink(temp)
    for directory in journal.directories:
        _sync_directory(directory)
    _remove_journal(journal)


def _is_replaceable(target: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(target).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _recover_locked(locked: set[str], names: dict[str, set[str]]) -> None:
    """Finish interrupted sets and remove dead runs' temporary files, under the locks.

    ``names`` maps each folder to the output names whose stale temporary files are swept.
    """
    protected: set[str] = set()
    for directory in sorted(locked):
        for journal in _journals(directory, remove_bad=True):
            if journal.directories <= locked:
                _finish(journal)
            else:  # a folder of that set is not locked: leave it to a later run
                protected.update(temp for temp, _ in journal.renames)
        for part in os.listdir(directory):
            if _JOURNAL_PART.fullmatch(part):  # its writer died before any rename
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(directory, part))
    for directory, wanted in names.items():
        patterns = [_temp_pattern(name) for name in wanted]
        for entry in os.scandir(directory):
            path = entry.path
            if path in protected or os.path.abspath(path) in _State.live:
                continue  # a journal's, or this process's own (maybe closed by its caller)
            if not any(p.fullmatch(entry.name) for p in patterns):
                continue
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            except OSError:
                continue
            try:
                # A live run holds the flock on its temporary files: only dead runs' go.
                if stat.S_ISREG(os.fstat(fd).st_mode) and _try_lock(fd):
                    os.unlink(path)
            finally:
                os.close(fd)


def _closure(directories: set[str]) -> set[str]:
    """``directories`` plus every folder named by a journal found in them."""
    result = set(directories)
    for directory in directories:
        for journal in _journals(directory, remove_bad=False):
            result |= journal.directories
    return {d for d in result if os.path.isdir(d)}


def recover(paths: Iterable[Path]) -> None:
    """Before writing ``paths``: finish what a killed run left in their folders.

    Errors are ignored here: the write itself reports any problem with the folder.
    """
    names: dict[str, set[str]] = {}
    for path in paths:
        directory, name = output_key(path)
        if os.path.isdir(directory):
            names.setdefault(directory, set()).add(name)
    if not names:
        return
    with contextlib.suppress(OSError):
        folders = _closure(set(names))
        with _FolderLocks(folders), held_signals():
            _recover_locked(folders, names)


# --- the output set -------------------------------------------------------------------


class _Pending(NamedTuple):
    target: Path
    temp: Path
    stream: IO[str] | IO[bytes]
    key: tuple[str, str]

    @property
    def absolute_temp(self) -> str:
        return os.path.join(self.key[0], self.temp.name)

    @property
    def absolute_target(self) -> str:
        return os.path.join(*self.key)


class OutputSet:
    """All files of one run, written to temporary files beside their targets and
    renamed into place only by :meth:`commit` (see the module doc for the guarantees).

    On any exception inside the ``with`` block (or when ``commit()`` was never called)
    every temporary file is removed and the targets are left as they were.
    """

    def __init__(self, lang: Lang | None = None) -> None:
        self._pending: list[_Pending] = []
        self._done = False
        self._lang = lang

    def open_text(self, path: Path, *, bom: bool = False, newline: str = "") -> TextIO:
        """A UTF-8 text stream (with a BOM when ``bom``) that becomes ``path`` on commit.

        The temporary file lives in ``path.parent`` (which must exist), so the final
        rename cannot cross file systems. ``newline`` is passed to :func:`open`; the
        default ``''`` writes line ends exactly as given.
        """
        encoding = "utf-8-sig" if bom else "utf-8"
        stream = self._open(
            path,
            lambda fd: open(fd, "w", encoding=encoding, newline=newline),  # noqa: SIM115
        )
        return cast(TextIO, stream)

    def open_binary(self, path: Path) -> BinaryIO:
        """A binary stream that becomes ``path`` on commit (a workbook), as :meth:`open_text`."""
        return cast(BinaryIO, self._open(path, lambda fd: open(fd, "wb")))

    def _open(self, path: Path, opener: Callable[[int], IO[Any]]) -> IO[Any]:
        if self._done:
            raise RuntimeError("an output opened after commit() or discard()")
        target = Path(path)
        key = output_key(target)
        if any(p.key == key for p in self._pending):
            raise ValueError(f"{target} is already an output of this run")
        # Created and flocked under the folder lock, so no other run's sweep of dead
        # temporary files can see it unlocked.
        with _FolderLocks([key[0]]), held_signals():
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=key[0])
            temp = target.parent / os.path.basename(name)
            try:
                _try_lock(fd)
                os.fchmod(fd, creation_mode())  # mkstemp creates 0600
                # Owned by the set, closed by commit()/discard().
                stream = opener(fd)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(name)
                raise
            self._pending.append(_Pending(target, temp, stream, key))
            _State.live.add(os.path.abspath(temp))
        return stream

    def commit(self) -> list[Path]:
        """Rename every file into place (after fsync); the final paths, in opening order."""
        if self._done:
            raise RuntimeError("commit() called twice or after discard()")
        try:
            for pending in self._pending:
                _sync(pending)  # disk full shows here, before anything is renamed
            mine = {p.key[0] for p in self._pending}
            locks = _FolderLocks(_closure(mine) | mine)
            locks.__enter__()  # waits for another run's commit to the same folders
        except BaseException:
            self.discard()
            raise
        try:
            with held_signals():
                self._commit_locked(set(locks.directories))
        finally:
            locks.__exit__(None, None, None)
        return [p.target for p in self._pending]

    def _commit_locked(self, locked: set[str]) -> None:
        journal = None
        try:
            names: dict[str, set[str]] = {}
            for p in self._pending:
                names.setdefault(p.key[0], set()).add(p.key[1])
            _recover_locked(locked, names)
            for p in self._pending:  # again, now that no other run can change them
                if p.target.is_dir() and not p.target.is_symlink():
                    raise IsADirectoryError(t("output.directory", self._lang, path=p.target))
                check_target(p.target, self._lang)
            if len(self._pending) > 1:
                journal = _write_journal(
                    [(p.absolute_temp, p.absolute_target) for p in self._pending]
                )
        except BaseException:
            self._discard_now()
            raise
        try:
            for p in self._pending:
                os.replace(p.temp, p.target)
                _State.live.discard(os.path.abspath(p.temp))
            for directory in {p.key[0] for p in self._pending}:
                _sync_directory(directory)
            if journal is not None:
                _remove_journal(journal)
        except BaseException:
            if journal is None:
                self._discard_now()
            else:  # some files are renamed: the journal lets the next run finish the set
                _State.live.difference_update(os.path.abspath(p.temp) for p in self._pending)
                self._done = True
                self._close_all()
            raise
        self._done = True
        self._close_all()

    def discard(self) -> None:
        """Close and remove every temporary file; the targets are left as they were."""
        with held_signals():
            self._discard_now()

    def _discard_now(self) -> None:
        self._done = True
        self._close_all()
        for pending in self._pending:
            with contextlib.suppress(OSError):
                pending.temp.unlink(missing_ok=True)
            _State.live.discard(os.path.abspath(pending.temp))

    def _close_all(self) -> None:
        for pending in self._pending:
            with contextlib.suppress(OSError, ValueError):
                pending.stream.close()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with held_signals():
            if not self._done:
                self._discard_now()


def _sync(pending: _Pending) -> None:
    stream = pending.stream
    if stream.closed:
        # The caller closed it already (that flushed it); fsync through a fresh handle.
        with open(pending.temp, "rb") as handle:
            os.fsync(handle.fileno())
        return
    stream.flush()
    os.fsync(stream.fileno())
