"""The reporter interface: what one report format states and does.

A format is one module of :mod:`stdschema.report.formats` holding a ``REPORTER``, an
instance of a :class:`Reporter` subclass. ``render`` writes a whole
:class:`~stdschema.report.model.Report`; ``stream`` writes a run file by file through a
:class:`StreamRun` and must give the same text. A format that does not override
``stream`` holds the run's files and renders them once at the end.
"""

from __future__ import annotations

import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, ClassVar, Protocol

from stdschema.messages import Lang

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, Report, SeverityName

__all__ = ["RenderOptions", "Reporter", "Spool", "StreamRun"]

_COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class RenderOptions:
    """How to render: the language, and the options of the human formats (``color`` and
    ``quiet`` apply to ``text``; ``max_per_code`` to ``text`` and ``markdown``)."""

    lang: Lang
    color: bool = False
    max_per_code: int = 5
    quiet: bool = False
    bom: bool = False
    """``csv``: begin with a UTF-8 byte-order mark (Excel needs it to read UTF-8)."""
    ascii_marks: bool = False
    """``text``: draw ASCII marks ([OK], [NG], -, ...) for a console that cannot encode ✓, ✗,
    ─ or … (CP932, ASCII)."""
    fail_on: SeverityName | None = None
    """``github``, ``sarif``, ``junit``: the severity that fails the run, which decides what
    is annotated, a result's level and which test cases fail. None: the report's own
    ``fail_on`` (the run's ``--fail-on``), so a saved report renders as its run did."""
    selected: frozenset[str] | None = None
    """``sarif``: the problem codes and severities the run was asked for by name
    (``--select``); a blank recommended cell (``blank-recommended``) is a result only when
    selected. None: nothing was selected by name."""
    baseline: bool = False
    """``sarif``: the run compared its problems with a ``--baseline``, so every result says
    whether it is new or known (``baselineState``)."""


class StreamRun(Protocol):
    """What :meth:`Reporter.stream` may ask of the run it writes
    (:class:`stdschema.report.stream.ReportStream` is one)."""

    @property
    def seen(self) -> int:
        """Files that have passed so far."""
        ...

    @property
    def options(self) -> RenderOptions:
        """The run's render options."""
        ...

    def one(self, file: FileReport) -> str:
        """A report of ``file`` alone, rendered."""
        ...

    def empty(self) -> str:
        """The run's report holding no file (totals so far), rendered."""
        ...

    def counted(self) -> str:
        """The run's report holding no file but counting every file seen, rendered."""
        ...

    def whole(self, files: list[FileReport]) -> str:
        """The run's report holding ``files`` (totals so far), rendered."""
        ...


class Reporter(ABC):
    """One report format."""

    name: ClassVar[str]
    """The ``--format`` name."""
    suffix: ClassVar[str]
    """The usual file suffix of a report in this format."""
    media_type: ClassVar[str]
    order: ClassVar[int]
    """Where the format stands in lists (``--format`` help and errors): lowest first."""
    streams: ClassVar[bool] = False
    """True when :meth:`stream` writes each file as it comes rather than the whole run
    at the end."""
    binary: ClassVar[bool] = False
    """True for a format that is bytes, not text (a workbook): it is written only to a file
    named with ``-o``, whole, through :meth:`render_bytes`; :meth:`render` refuses."""

    @abstractmethod
    def render(self, report: Report, options: RenderOptions) -> str:
        """``report`` as this format."""

    def render_bytes(self, report: Report, options: RenderOptions) -> bytes:
        """``report`` as the bytes of a file of this format (text formats: UTF-8)."""
        return self.render(report, options).encode("utf-8")

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        """The run's report in pieces; this default holds every file and renders once."""
        yield run.whole(list(files))


class Spool:
    """Text held on disk until the head of a streamed report is known, in an unnamed
    temporary file (deleted by the system even on kill -9) no other process can see."""

    def __init__(self) -> None:
        # Closed by replay() or close(), not a with block: it lives across generator steps.
        self._file: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115
            "w+", encoding="utf-8", errors="surrogatepass", newline=""
        )

    def write(self, text: str) -> None:
        self._file.write(text)

    def replay(self) -> Iterator[str]:
        self._file.flush()
        self._file.seek(0)
        while chunk := self._file.read(_COPY_CHUNK):
            yield chunk
        self._file.close()

    def blocks(self) -> Iterator[str]:
        """The text in pieces of whole lines (about a MiB each)."""
        self._file.flush()
        self._file.seek(0)
        while lines := self._file.readlines(_COPY_CHUNK):
            yield "".join(lines)
        self._file.close()

    def close(self) -> None:
        self._file.close()
