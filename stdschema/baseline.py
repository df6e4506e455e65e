"""Baselines: the problems a project has accepted for now, so that CI fails on new ones only.

A baseline is a stdschema JSON report (``validate --write-baseline FILE`` writes one, with
each file's path relative to the baseline's folder). A problem of a later run is *known*
when the baseline holds the same problem of the same file: same code, same column header,
same value. The line is not compared, so a row inserted or deleted above a problem keeps it
known. The match counts: the Nth identical problem of a file is known only when the
baseline holds N of them.

Paths: a relative path in the baseline is read from the baseline's folder; the files of a
run from the working directory; both are compared resolved (symbolic links followed).

Masked values (``--mask-values``): the check sees the values before they are masked, so a
masked run matches a baseline that holds values exactly. A baseline written with
``--mask-values`` holds no values (``values_masked`` of its file): a problem of that file is
then matched by code and column header alone, still counted (N such problems known at most).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdschema.messages import CatalogueError, Lang

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, Report

Key = tuple[str, str | None, str | None]
"""(code, column header, value) of a problem: what a baseline compares."""

CLIP = 10_000
"""Values and headers are compared on their first characters: the JSON report shortens
longer ones (:data:`stdschema.report.escape.MACHINE_LIMIT`, the same number)."""


class BaselineError(CatalogueError):
    """A baseline that cannot be read or is not a stdschema report."""


def _clip(text: str | None) -> str | None:
    return text if text is None or len(text) <= CLIP else text[:CLIP]


def key(code: str, header: str | None, value: str | None, *, masked: bool = False) -> Key:
    """What a baseline compares of a problem (``masked``: the baseline has no values)."""
    return (code, _clip(header), None if masked else _clip(value))


def normalised(path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None) -> str:
    """``path`` (relative to ``base``, else to the working directory) resolved, as baselines
    compare files."""
    text = os.fspath(path)
    if base is not None and not os.path.isabs(text):
        text = os.path.join(os.fspath(base), text)
    return os.path.normcase(os.path.realpath(text))


@dataclass(frozen=True, slots=True)
class FileBaseline:
    """The known problems of one file: how many of each key; ``masked`` when the baseline
    was written with masked values (keys without the value)."""

    counts: Mapping[Key, int]
    masked: bool = False


@dataclass(frozen=True, slots=True)
class Baseline:
    """The known problems of every file a baseline names, by :func:`normalised` path."""

    path: str
    files: Mapping[str, FileBaseline]

    def matcher(self, path: str | os.PathLike[str]) -> Matcher | None:
        """The matcher of one checked file, or None when the baseline does not name it."""
        known = self.files.get(normalised(path))
        return None if known is None else Matcher(known)

    @property
    def problems(self) -> int:
        return sum(sum(f.counts.values()) for f in self.files.values())


class Matcher:
    """Marks the problems of one file as they are found: each known key is used up once."""

    def __init__(self, known: FileBaseline) -> None:
        self._left: Counter[Key] = Counter(known.counts)
        self._masked = known.masked

    def take(self, code: str, header: str | None, value: str | None) -> bool:
        """True (and one fewer left) when the baseline still holds this problem."""
        found = key(code, header, value, masked=self._masked)
        if self._left[found] > 0:
            self._left[found] -= 1
            return True
        return False


def load_baseline(path: Path, lang: Lang | None = None) -> Baseline:
    """Read a baseline (any stdschema JSON report of version 1.x)."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise BaselineError("baseline.not_found", path=path) from None
    except OSError as exc:
        raise BaselineError("baseline.unreadable", path=path, reason=exc.strerror or exc) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise BaselineError("baseline.unreadable", path=path, reason=exc) from None
    files = _files(data)
    if files is None:
        raise BaselineError("baseline.not_report", path=path)
    base = path.absolute().parent
    found: dict[str, tuple[Counter[Key], bool]] = {}
    for file in files:
        masked = bool(file.get("values_masked"))
        counts, _ = found.setdefault(normalised(file["path"], base), (Counter(), masked))
        for problem in file["problems"]:
            counts[
                key(problem["code"], problem.get("header"), problem.get("value"), masked=masked)
            ] += 1
    return Baseline(
        str(path), {name: FileBaseline(dict(c), masked) for name, (c, masked) in found.items()}
    )


def _files(data: Any) -> list[dict[str, Any]] | None:
    """The files of a report, each with a path and its problems; None when ``data`` is not
    a stdschema report of version 1.x."""
    if not isinstance(data, dict) or not str(data.get("report_version", "")).startswith("1."):
        return None
    files = data.get("files")
    if not isinstance(files, list):
        return None
    for file in files:
        if not isinstance(file, dict) or not isinstance(file.get("path"), str):
            return None
        problems = file.get("problems", [])
        if not isinstance(problems, list) or not all(
            isinstance(p, dict)
            and isinstance(p.get("code"), str)
            and all(isinstance(p.get(k), str | None) for k in ("header", "value"))
            for p in problems
        ):
            return None
        file.setdefault("problems", problems)
    return files


def relative_to(files: Iterable[FileReport], target: Path) -> list[FileReport]:
    """``files`` with each path relative to ``target``'s folder ('/'-separated), as a
    baseline stores them so that it reads the same from any working directory."""
    base = target.absolute().parent
    out = []
    for file in files:
        try:
            relative = os.path.relpath(os.path.abspath(file.path), base).replace(os.sep, "/")
        except ValueError:  # another drive (Windows): keep the absolute path
            relative = os.path.abspath(file.path)
        out.append(file.model_copy(update={"path": relative}))
    return out


def baseline_text(report: Report, target: Path) -> str:
    """The baseline of ``report`` to write at ``target``: its JSON report, paths relative."""
    from stdschema.report.render import render

    files = relative_to(report.files, target)
    return render(report.model_copy(update={"files": files}), "json", lang=report.lang)
