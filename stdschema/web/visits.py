"""Visits of the web workbench: one private temporary folder each, removed when it ends.

A visit is what one officer does with one uploaded file. Its folder is made with
:func:`tempfile.mkdtemp` under the server's root (mode 0o700: no other user of the machine
reads it) and removed when the officer ends the visit, when it has been idle for
``idle_timeout`` seconds (:meth:`VisitStore.sweep`), or when the server stops. The id in the
visit's URLs and the form token are random (:func:`secrets.token_urlsafe`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Visit", "VisitStore"]


@dataclass
class Visit:
    """One officer's file and what was done with it; values from the client are raw."""

    id: str
    folder: Path
    csrf: str
    last_seen: float
    client_name: str = ""
    """The file name the browser sent, for display only (never a path)."""
    input_path: Path | None = None
    mapping_path: Path | None = None
    """A saved mapping YAML uploaded with the file (checked on upload)."""
    dataset: str | None = None
    """The dataset edition chosen (``id@edition``), or detected."""
    chosen: bool = False
    """True when ``dataset`` was chosen (by the officer, or a saved mapping's target):
    validation then checks against it instead of detecting."""
    detected: str | None = None
    """What validation detected (``id@edition``), None for an unknown layout."""
    report: Any = None
    """The last report of the visit's file (:class:`stdschema.report.model.Report`), in the
    language and against the dataset it was made for: the page's HTML and the XLSX
    download are two renderings of it, not two validations."""
    form: Any = None
    """The mapping form (:class:`stdschema.web.form.Form`) once the officer opened it."""
    keep_incomplete: bool = False
    """Convert as ``--keep-incomplete`` does: rows whose only problems are their own cells
    are written with those cells blank (each in the change log) instead of rejected."""
    result: Any = None
    """The last conversion's report (:class:`stdschema.conversion.engine.ConvertReport`)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while a blocking step (validation, conversion) works in the folder."""


class VisitStore:
    """The live visits of one server, by id."""

    def __init__(
        self,
        root: Path,
        idle_timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.root = Path(root)
        self.idle_timeout = idle_timeout
        self.clock = clock
        self._visits: dict[str, Visit] = {}
        self._lock = threading.Lock()

    def new(self) -> Visit:
        """A new visit with its own private folder under the root."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder = Path(tempfile.mkdtemp(prefix="visit-", dir=self.root))
        os.chmod(folder, 0o700)  # mkdtemp already does; said again because the folder is private
        visit = Visit(
            id=secrets.token_urlsafe(18),
            folder=folder,
            csrf=secrets.token_urlsafe(24),
            last_seen=self.clock(),
        )
        with self._lock:
            self._visits[visit.id] = visit
        return visit

    def get(self, visit_id: str) -> Visit | None:
        """The live visit ``visit_id`` (its idle clock restarts), or None."""
        with self._lock:
            visit = self._visits.get(visit_id)
            if visit is not None:
                visit.last_seen = self.clock()
            return visit

    def end(self, visit_id: str) -> bool:
        """End the visit and remove its folder; False when there was no such visit."""
        with self._lock:
            visit = self._visits.pop(visit_id, None)
        if visit is None:
            return False
        _remove(visit.folder)
        return True

    def sweep(self, now: float | None = None) -> list[str]:
        """End every visit idle for longer than ``idle_timeout``; their ids."""
        moment = self.clock() if now is None else now
        with self._lock:
            # A visit whose file is being worked on is not idle, however long that takes.
            idle = [
                v.id
                for v in self._visits.values()
                if moment - v.last_seen > self.idle_timeout and not v.lock.locked()
            ]
        return [visit_id for visit_id in idle if self.end(visit_id)]

    def close(self) -> None:
        """End every visit (the server stops)."""
        with self._lock:
            ids = list(self._visits)
        for visit_id in ids:
            self.end(visit_id)

    def __len__(self) -> int:
        with self._lock:
            return len(self._visits)


def _remove(folder: Path) -> None:
    # A file still open on Windows can refuse removal; what is left goes with the root.
    shutil.rmtree(folder, ignore_errors=True)
