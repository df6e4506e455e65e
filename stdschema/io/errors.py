"""The one exception type of the input layer, and file-system error mapping."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from stdschema.messages import Lang

# Every character that a terminal would treat as a line break.
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


class InputError(Exception):
    """Input that cannot be read at all; the CLI prints ``str(err)`` and exits 2.

    ``code`` is a stable kebab-case identifier (for example ``'encoding-error'``),
    ``message`` a one-line English explanation without the path, ``path`` the
    offending file, ``line``/``offset`` the physical line (1-based) and byte
    offset (0-based) when they are known.
    """

    code: str
    message: str
    path: Path | None
    line: int | None
    offset: int | None
    # The catalogue key and values of the message (stdschema.messages), when it has them.
    key: str | None = None
    values: dict[str, object] | None = None

    def __init__(
        self,
        code: str,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        # Messages may quote cell text; a stray newline there must not break
        # the one-line contract the CLI relies on.
        one_line = _LINE_BREAKS.sub(" ", message).strip()
        super().__init__(one_line)
        self.code = code
        self.message = one_line
        self.path = Path(path) if path is not None else None
        self.line = line
        self.offset = offset

    @classmethod
    def catalogued(
        cls,
        code: str,
        key: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        offset: int | None = None,
        **values: object,
    ) -> InputError:
        """An error whose message is the catalogue entry ``key`` (English in ``message``)."""
        from stdschema.messages import t

        err = cls(code, t(key, "en", **values), path=path, line=line, offset=offset)
        err.key, err.values = key, values
        return err

    def localized(self, lang: Lang) -> str:
        """``str(self)`` in ``lang``; messages outside the catalogue stay English."""
        message = self.message_in(lang)
        return message if self.path is None else f"{self.path}: {message}"

    def message_in(self, lang: Lang) -> str:
        """The message without the path, in ``lang`` (English outside the catalogue)."""
        if self.key is None:
            return self.message
        from stdschema.messages import t

        return _LINE_BREAKS.sub(" ", t(self.key, lang, **(self.values or {}))).strip()

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the keyword-only attributes across pickling (multiprocessing).
        fields = (self.code, self.message, self.path, self.line, self.offset)
        return (_rebuild, (*fields, self.key, self.values))


def _rebuild(
    code: str,
    message: str,
    path: Path | None,
    line: int | None,
    offset: int | None,
    key: str | None = None,
    values: dict[str, object] | None = None,
) -> InputError:
    err = InputError(code, message, path=path, line=line, offset=offset)
    err.key, err.values = key, values
    return err


def os_error(path: str | os.PathLike[str], exc: OSError) -> InputError:
    """Translate an ``OSError`` raised while opening/reading ``path``."""
    if isinstance(exc, FileNotFoundError):
        return InputError.catalogued("file-not-found", "input.no_such_file", path=path)
    if isinstance(exc, IsADirectoryError):
        return InputError.catalogued("is-a-directory", "input.is_directory", path=path)
    if isinstance(exc, PermissionError):
        return InputError.catalogued("permission-denied", "input.permission", path=path)
    if exc.errno == errno.ENOTDIR:
        return InputError.catalogued("file-not-found", "input.parent_not_directory", path=path)
    reason = exc.strerror or exc.__class__.__name__
    return InputError("read-error", f"cannot read the file: {reason}", path=path)


def check_file(path: str | os.PathLike[str]) -> int:
    """Return the size of a readable regular file, or raise ``InputError``."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise os_error(p, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError.catalogued("is-a-directory", "input.is_directory", path=p)
    if not stat.S_ISREG(st.st_mode):
        # Input is read more than once (encoding, then records); a FIFO would block
        # on open or be empty the second time, and a device may never end.
        raise InputError.catalogued("not-a-file", "input.not_regular", path=p)
    if not os.access(p, os.R_OK):
        raise InputError.catalogued("permission-denied", "input.permission", path=p)
    return st.st_size


def open_binary(path: str | os.PathLike[str]) -> BinaryIO:
    """``open(path, 'rb')`` with errors mapped to ``InputError``."""
    try:
        # The caller owns the handle and closes it.
        return open(path, "rb")
    except OSError as exc:
        raise os_error(path, exc) from None


class Reread(Exception):
    """A file opened with its encoding decided from its head (``open_table(...,
    lazy=True)``) turned out, past the head, to need the full decision: read it again
    from the start without ``lazy``. Never reaches the user."""
