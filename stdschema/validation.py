"""``stdschema.validate``: read → detect → check → report, for one file or many.

The CLI's ``validate`` command is a thin layer over :func:`validate_paths`.
"""

from __future__ import annotations

import glob
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from stdschema import __version__
from stdschema.baseline import Baseline, Matcher
from stdschema.checks.collector import Collector
from stdschema.checks.header import plan_header
from stdschema.checks.rows import RowChecker
from stdschema.config import selected
from stdschema.datasets import DatasetRecord, detect, detect_filename, get_dataset
from stdschema.messages import Lang, default_lang, t
from stdschema.problems import CATALOGUE, Severity
from stdschema.report.model import (
    DATASET_PLACEHOLDER,
    DatasetRef,
    FileReport,
    ProblemOut,
    Report,
    SeverityName,
    Summary,
    Tool,
)

if TYPE_CHECKING:
    from stdschema.checks.header import HeaderPlan
    from stdschema.io.table import Table

INPUT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xml")

CODES = (
    "encoding-not-utf8",
    "encoding-declaration-mismatch",
    "encoding-note",
    "preamble-rows",
    "dataset-not-modelled",
    "dataset-not-recognised",
    "needs-mapping",
    "no-data-rows",
)
"""The problem codes a file gets here, before and after its rows are checked."""

Progress = Callable[[str, int], None]
"""Called as (path, rows so far) every few thousand rows."""


@dataclass(frozen=True, slots=True)
class Options:
    """What one validation run checks and how it reports."""

    dataset: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    lang: Lang = "ja"
    fail_on: SeverityName = "error"
    max_problems: int | None = None
    mask_values: bool = False
    engine: Literal["auto", "fast", "pydantic"] = "auto"
    schema: str | None = None
    """A Table Schema or dataset YAML file defining the dataset (``--schema``)."""
    select: tuple[str, ...] = ()
    """Problem codes and severities to keep (empty: all); see :func:`stdschema.config.selected`."""
    ignore: tuple[str, ...] = ()
    """Problem codes and severities to leave out (they are neither reported nor counted)."""
    baseline: Baseline | None = None
    """Known problems: reported with ``known``, never failing the run."""
    datasets: tuple[tuple[str, str], ...] = ()
    """(path, dataset) of the files the configuration's ``datasets`` globs name."""


def _fails(counts: Summary, fail_on: SeverityName, known: Mapping[str, int] | None = None) -> bool:
    """Whether problems at or above ``fail_on`` remain once the ``known`` ones (by severity)
    are set aside."""
    threshold = Severity(fail_on).rank
    known = known or {}
    return any(
        getattr(counts, sev.value) - known.get(sev.value, 0) > 0
        for sev in Severity
        if sev.rank >= threshold
    )


def _summary(out: Collector) -> Summary:
    known = out.known if isinstance(out, _Filtered) else {}
    return Summary(
        error=out.by_severity["error"],
        warning=out.by_severity["warning"],
        info=out.by_severity["info"],
        known=sum(known.values()),
        by_code=dict(sorted(out.by_code.items())),
        by_column=dict(out.by_column.most_common()),
    )


@dataclass(frozen=True, slots=True)
class _Choice:
    """The model to check against, how it was chosen, the nearest candidates, the
    standard's common columns of a header written in the standard's form whose dataset
    has no model, and the dataset a mapping would best target (validate's guidance)."""

    model: type[DatasetRecord] | None
    ref: DatasetRef
    nearest: str = ""
    common: tuple[str, ...] = ()
    target: str | None = None


def _choose_dataset(header: list[str], path: Path, options: Options, hint: str | None) -> _Choice:
    if options.schema:
        from stdschema.datasets.custom import load_dataset_file

        # Built once a process (cached): a worker of --jobs builds its own from the path.
        model = load_dataset_file(options.schema)
        return _Choice(model, _ref(model, "schema", None))
    if options.dataset:
        model = get_dataset(options.dataset)
        return _Choice(model, _ref(model, "option", None))
    configured = dict(options.datasets).get(str(path))
    if configured:
        model = get_dataset(configured)
        return _Choice(model, _ref(model, "config", None))
    if hint:
        try:
            hinted = get_dataset(hint)
        except LookupError:
            hinted = None
        if hinted is not None:
            return _Choice(hinted, _ref(hinted, "xml", None))
    found = detect(header, path.name)
    # Candidates far below the bar say nothing useful about the file.
    near = [c for c in found.candidates if c.score >= NEAREST_SCORE]
    nearest = ", ".join(f"{c.key} {c.score:.2f}" for c in near[:3])
    if found.best is None:
        ref = DatasetRef(id=None, edition=None, detected_by="none")
        target = guidance_target(path, near[0].model if near else None)
        return _Choice(None, ref, nearest, found.standard_like, target)
    best = found.best
    method = best.method if best.method in ("header", "filename", "header+filename") else "header"
    return _Choice(best.model, _ref(best.model, method, best.score), nearest)  # type: ignore[arg-type]


def guidance_target(path: Path, nearest: type[DatasetRecord] | None) -> str | None:
    """The dataset edition a mapping of this file should target: the one its name names
    (``…_aed_….csv``; detection lets a name only break ties, but a local layout's header
    says little and its name is the publisher's own label), else the nearest candidate of
    detection; always the current edition of that dataset, the one a conversion is for."""
    named = detect_filename(path.name)
    model = named[0] if named else nearest
    return None if model is None else _current_edition(model)


def _current_edition(model: type[DatasetRecord]) -> str:
    """``id@v2`` of ``model``'s dataset, or its own key when the dataset has no v2 model."""
    info = model.__dataset__
    try:
        return get_dataset(f"{info.id}@{CURRENT_EDITION}").__dataset__.key
    except LookupError:
        return info.key


CURRENT_EDITION = "v2"
"""The edition a conversion targets when the guidance names a dataset."""

NEEDS_MAPPING_SHARE = 0.3
"""validate's guidance: a recognised file lacking at least this share of its edition's
columns is told to convert from its own layout with a mapping (a file lacking a few columns
gets only missing-label, whose hint is to add them). Real standard files of the test corpus
lack 0-2%; a legacy file lacks most of them."""

MAPPING_FILE = "mapping.yaml"
CONVERTED_FILE = "out.csv"


def next_commands(path: Path, target: str | None) -> list[str]:
    """The commands that bring a local layout into the standard, filled in for ``path``:
    draft the mapping, then convert (``ID@v2`` stands for a dataset when none is near)."""
    file = _shell_word(str(path))
    dataset = target or DATASET_PLACEHOLDER
    return [
        f"stdschema map suggest {file} --dataset {dataset} -o {MAPPING_FILE}",
        f"stdschema convert {file} --mapping {MAPPING_FILE} -o {CONVERTED_FILE}",
    ]


_PLAIN_WORD = re.compile(r"[\w./\\:@%+=,~-]+")


def _shell_word(text: str) -> str:
    """``text`` as one word of a command line: as it is when plain, else in double quotes
    (which POSIX shells, PowerShell and cmd.exe all read)."""
    if _PLAIN_WORD.fullmatch(text):
        return text
    return '"' + text.replace('"', '\\"') + '"'


NEAREST_SCORE = 0.3
"""Runners-up scoring below this are not named in a dataset-not-recognised message."""


def _ref(
    model: type[DatasetRecord],
    method: Literal["option", "config", "schema", "header", "filename", "header+filename", "xml"],
    score: float | None,
) -> DatasetRef:
    info = model.__dataset__
    return DatasetRef(
        id=info.id,
        edition=info.edition,
        name_ja=info.name_ja,
        detected_by=method,
        score=score,
        confidence=info.confidence.value,
    )


def validate_file(
    path: str | os.PathLike[str],
    options: Options | None = None,
    progress: Progress | None = None,
    *,
    name: str | None = None,
) -> FileReport:
    """Check one file. Raises :class:`stdschema.io.InputError` when it cannot be read.

    ``name`` is what the report calls the file (default: ``path``): the Python API checks
    in-memory data through a temporary file and reports it as ``<bytes>``, ``<DataFrame>``…
    """
    from stdschema.io.errors import Reread

    opts = options or Options()
    try:
        # The fast engine reads a large file once: its encoding decided from the head,
        # the rest checked by the blocks as they are read (io.encoding.Deferred).
        return _validate_file(Path(path), opts, progress, lazy=opts.engine != "pydantic", name=name)
    except Reread:
        return _validate_file(Path(path), opts, progress, lazy=False, name=name)


def _validate_file(
    source: Path, opts: Options, progress: Progress | None, lazy: bool, name: str | None = None
) -> FileReport:
    from stdschema.io import open_table

    # Problems name the file as the caller does; detection by file name and the guidance's
    # commands use the file's own name (for a URL, the name a download of it gets).
    p = source if name is None else _local_name(name)
    out = _collector(str(p) if name is None else name, opts)
    with open_table(source, encoding=opts.encoding, sheet=opts.sheet, lazy=lazy) as table:
        # Problems name the column a spreadsheet shows, the dropped '#property' one counted.
        out.column_offset = table.header_offset
        _file_problems(table, out)
        choice = _choose_dataset(list(table.header), p, opts, getattr(table, "dataset_hint", None))
        guidance: list[str] = []
        rows, engine = _check_rows(table, p, opts, out, choice, guidance, progress)
        fmt = table.format
        encoding = table.encoding.name if table.encoding is not None else None
        sheet, hidden = table.sheet_name, list(table.hidden_sheets_skipped)
    summary = _summary(out)
    flags = out.flags if isinstance(out, _Filtered) else [False] * len(out.problems)
    held = sorted(
        zip(out.problems, flags, strict=True),
        key=lambda kept: (kept[0].line or 0, kept[0].column or 0, kept[0].code),
    )
    return FileReport(
        path=str(p) if name is None else name,
        format=fmt,
        encoding=encoding,
        dataset=choice.ref,
        rows=rows,
        valid=not _fails(summary, opts.fail_on, out.known if isinstance(out, _Filtered) else None),
        summary=summary,
        problems=[ProblemOut(**pr.as_dict(), known=known) for pr, known in held],
        problems_truncated=out.truncated,
        engine=engine,
        sheet=sheet,
        hidden_sheets_skipped=hidden,
        values_masked=opts.mask_values,
        next_commands=guidance,
    )


def _local_name(name: str) -> Path:
    """``name`` as a path; a URL's last path segment (``Path`` would fold its ``//``), which
    is what the file is called once downloaded, for ``map suggest`` and ``convert``."""
    if "://" not in name:
        return Path(name)
    from urllib.parse import unquote, urlsplit

    return Path(unquote(urlsplit(name).path).rsplit("/", 1)[-1] or "download.csv")


def _collector(path: str, opts: Options) -> Collector:
    """The problem sink of one file: a plain one, or one that keeps only the selected
    problems and marks the baseline's."""
    if not (opts.select or opts.ignore or opts.baseline):
        return Collector(path, opts.lang, opts.max_problems, mask=opts.mask_values)
    matcher = opts.baseline.matcher(path) if opts.baseline is not None else None
    return _Filtered(path, opts, matcher)


class _Filtered(Collector):
    """A collector for ``--select``/``--ignore`` and ``--baseline``: a problem that is not
    selected is dropped before it is counted; a selected one is matched against the
    baseline by code, header and value.

    Both need every problem in full, also past ``--max-problems``, so the checks are told
    there is always room (``full`` False, ``room()`` None): they keep handing over values
    instead of counting in bulk. Details are still capped at ``--max-problems`` (the base
    class keeps no more), so memory stays bounded; only the checks do more work.
    """

    def __init__(self, path: str, opts: Options, matcher: Matcher | None) -> None:
        super().__init__(path, opts.lang, opts.max_problems, mask=opts.mask_values)
        self.select, self.ignore = opts.select, opts.ignore
        self.matcher = matcher
        self.known: Counter[str] = Counter()
        """Known problems by severity."""
        self.flags: list[bool] = []
        """Whether each problem held in ``problems`` is known."""

    def add(self, code: str, *, severity: Severity | None = None, **where: Any) -> None:
        sev = severity or CATALOGUE[code].severity
        if not selected(code, sev.value, self.select, self.ignore):
            return
        # Matched before the base class masks the value: a masked run matches exactly.
        matcher = self.matcher
        known = matcher is not None and matcher.take(code, where.get("header"), where.get("value"))
        if known:
            self.known[sev.value] += 1
        held = len(self.problems)
        super().add(code, severity=sev, **where)
        if len(self.problems) > held:
            self.flags.append(known)

    def tally(self, code: str, n: int, *, severity: Severity, header: str | None = None) -> None:
        # Not called while room() is None; counted as new problems (no value to match).
        if n <= 0 or not selected(code, severity.value, self.select, self.ignore):
            return
        self._count(code, n, severity, header)

    @property
    def full(self) -> bool:
        return False

    def room(self) -> int | None:
        return None


def _file_problems(table: Table, out: Collector) -> None:
    """What the reader found about the file as a whole: its encoding, rows before the header."""
    from stdschema.io.notes import note_text

    enc = table.encoding
    if enc is not None and enc.name not in ("utf-8", "utf-8-sig"):
        out.add("encoding-not-utf8", encoding=enc.name)
    if enc is not None and enc.note:
        # A wrong XML declaration is the publisher's to fix; other notes
        # (e.g. EUC-JP chosen over CP932) only explain the choice.
        code = "encoding-declaration-mismatch" if enc.declaration_mismatch else "encoding-note"
        out.add(code, note=note_text(enc.note, out.lang))
    preamble = list(table.preamble)
    if preamble:
        kinds = [t(f"note.kind.{kind}", out.lang) for kind in sorted({r.reason for r in preamble})]
        out.add(
            "preamble-rows",
            line=preamble[0].line,
            row=preamble[0].row,
            count=len(preamble),
            kinds=t("note.kind_separator", out.lang).join(kinds),
        )


def _check_rows(
    table: Table,
    p: Path,
    opts: Options,
    out: Collector,
    choice: _Choice,
    guidance: list[str],
    progress: Progress | None,
) -> tuple[int, str | None]:
    """Check the data rows against the chosen model; the number of rows and the engine
    used. ``guidance`` gets the commands to run next when the file needs a mapping."""
    header = list(table.header)
    model, nearest = choice.model, choice.nearest
    if model is None and choice.common:
        return _check_common_columns(table, p, out, nearest, choice.common), "pydantic"
    if model is None:
        guidance += next_commands(p, choice.target)
        suggest, convert = guidance
        out.add(
            "dataset-not-recognised",
            line=table.header_line,
            row=table.header_row,
            nearest=nearest or "-",
            suggest=suggest,
            convert=convert,
        )
        return sum(1 for _ in table.records()), None
    plan = plan_header(
        model,
        header,
        table.header_line,
        out,
        attribute_names=table.format == "xml",
        row=table.header_row,
    )
    _missing_many(table, p, out, model, plan, guidance)
    checker = RowChecker(model, plan, out, {"filename": p.name})
    if _use_fast(table, table.path, opts.engine):
        from stdschema.checks.fast import FastChecker

        fast = FastChecker(model, plan, checker, out)  # takes over the ID check
        rows, engine = fast.run(table, progress), "fast"
    else:
        for record in table.records():
            checker.check(record.line, record.cells, record.row)
            if progress is not None and checker.rows % 5000 == 0:
                progress(str(p), checker.rows)
        checker.finish()
        rows, engine = checker.rows, "pydantic"
    if rows == 0:
        out.add("no-data-rows", line=table.header_line, row=table.header_row)
    return rows, engine


def _missing_many(
    table: Table,
    p: Path,
    out: Collector,
    model: type[DatasetRecord],
    plan: HeaderPlan,
    guidance: list[str],
) -> None:
    """needs-mapping: a header lacking :data:`NEEDS_MAPPING_SHARE` of the edition's
    columns is a local layout that detection (or --dataset) matched, not a standard file
    with a few columns left out."""
    columns = model.__columns__
    found = {column.header for _, column in plan.mapped}
    missing = sum(1 for column in columns if column.header not in found)
    if not columns or missing / len(columns) < NEEDS_MAPPING_SHARE:
        return
    info = model.__dataset__
    guidance += next_commands(p, _current_edition(model))
    suggest, convert = guidance
    out.add(
        "needs-mapping",
        line=table.header_line,
        row=table.header_row,
        dataset=info.key,
        missing=missing,
        total=len(columns),
        share=f"{missing / len(columns):.0%}",
        suggest=suggest,
        convert=convert,
    )


def _check_common_columns(
    table: Table, p: Path, out: Collector, nearest: str, common: tuple[str, ...]
) -> int:
    """A header written in the standard's form, but no model: check what every dataset
    shares, claim nothing else."""
    from stdschema.checks.header import HeaderPlan
    from stdschema.datasets.generic import CommonColumnsV2, common_plan_columns

    header = list(table.header)
    out.add(
        "dataset-not-modelled",
        line=table.header_line,
        row=table.header_row,
        common="、".join(common),
        nearest=nearest or "-",
    )
    plan = HeaderPlan(len(header), tuple(common_plan_columns(header)), tuple(header))
    checker = RowChecker(CommonColumnsV2, plan, out, {"filename": p.name})
    for record in table.records():
        checker.check(record.line, record.cells, record.row)
    checker.finish()
    return checker.rows


FAST_MIN_BYTES = 1024 * 1024
"""Below this size ``--engine auto`` keeps a CSV file on the Pydantic path: it is faster
than importing polars (and the fast engine's module is not even imported)."""


def _use_fast(table: object, path: Path, engine: str) -> bool:
    """Fast engine: when asked (and it can read the file), or automatically for large files."""
    if engine == "pydantic":
        return False
    if engine == "auto" and path.stat().st_size < FAST_MIN_BYTES:
        return False
    from stdschema.checks.fast import applicable

    return applicable(table)  # type: ignore[arg-type]


def unreadable(path: str, message: str, code: str | None = None) -> FileReport:
    """The report entry of a file that could not be read."""
    return FileReport(
        error_code=code,
        path=path,
        dataset=DatasetRef(id=None, edition=None, detected_by="none"),
        valid=False,
        summary=Summary(),
        problems=[],
        error=message,
    )


MAX_DEPTH = 128
"""Folder levels below a directory argument that are searched for input files."""


class PathError(ValueError):
    """A path argument that cannot be expanded (e.g. folders nested too deeply)."""


def _files_under(directory: Path, lang: Lang | None = None) -> list[Path]:
    """Input files below ``directory``, not following symlinks.

    A symlinked file or folder inside the tree is skipped: a link added to a
    repository must not make the report quote a file from outside it. The walk
    is iterative (``os.walk`` recurses once per level) and stops with
    :class:`PathError` past :data:`MAX_DEPTH` levels.
    """
    found = []
    pending: list[tuple[str, int]] = [(os.fspath(directory), 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue  # unreadable folders are skipped, as os.walk did
        for entry in listed:
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if depth >= MAX_DEPTH:
                        raise PathError(
                            t("misc.path_too_deep", lang, path=directory, limit=MAX_DEPTH)
                        )
                    pending.append((entry.path, depth + 1))
                elif entry.is_file(follow_symlinks=False):
                    path = Path(entry.path)
                    if path.suffix.lower() in INPUT_SUFFIXES:
                        found.append(path)
            except OSError:
                continue
    return sorted(found)


def expand_paths(args: Iterable[str | os.PathLike[str]], lang: Lang | None = None) -> list[Path]:
    """Files named, files under directories (recursively), and glob matches, in order.

    Raises :class:`PathError` for a tree nested deeper than :data:`MAX_DEPTH`.
    """
    found: list[Path] = []
    for arg in args:
        text = os.fspath(arg)
        p = Path(text)
        if p.is_dir():
            found.extend(_files_under(p, lang))
        elif any(ch in text for ch in "*?[") and not p.exists():
            try:
                matches = sorted(glob.glob(text, recursive=True))
            except RecursionError:  # "**" recurses once per folder level
                raise PathError(t("misc.path_too_deep", lang, path=text, limit=MAX_DEPTH)) from None
            found.extend(Path(m) for m in matches)
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for f in found:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique


def iter_reports(
    paths: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Iterator[FileReport]:
    """Each file's report as it completes, in the order given (``jobs`` > 1 checks files
    in parallel processes). Nothing is kept between files: a run's memory is its largest
    file's, however many files it has. A file that cannot be read or checked is reported
    unreadable (see :func:`stdschema.distributed.runner.iter_source_reports`, which also
    runs on Dask)."""
    from stdschema.distributed.runner import iter_source_reports

    yield from iter_source_reports(paths, options or Options(), jobs=jobs, progress=progress)


def validate_paths(
    paths: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Check several files (``jobs`` > 1 checks files in parallel processes).

    The report holds every file's details; for many files, :func:`iter_reports` and
    :class:`stdschema.report.stream.ReportStream` write them as they come instead.
    """
    opts = options or Options()
    reports = list(iter_reports(paths, opts, jobs=jobs, progress=progress))
    return build_report(reports, opts)


def build_report(reports: list[FileReport], options: Options) -> Report:
    """The run's report from its file reports (totals, overall validity)."""
    total = Summary()
    by_code: dict[str, int] = {}
    for r in reports:
        total.error += r.summary.error
        total.warning += r.summary.warning
        total.info += r.summary.info
        total.known += r.summary.known
        for code, n in r.summary.by_code.items():
            by_code[code] = by_code.get(code, 0) + n
    total.by_code = dict(sorted(by_code.items()))
    return Report(
        tool=Tool(version=__version__),
        valid=all(r.valid for r in reports),
        lang=options.lang,
        fail_on=options.fail_on,
        max_problems=options.max_problems,
        files=reports,
        summary=total,
    )


def validate(
    path: str | os.PathLike[str],
    dataset: str | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    lang: Lang | None = None,
    fail_on: SeverityName = "error",
    max_problems: int | None = None,
    mask_values: bool = False,
) -> Report:
    """Validate one file against a dataset edition (detected when ``dataset`` is None).

    >>> report = validate("examples/222127_public_toilet.csv")   # doctest: +SKIP
    >>> report.valid, report.files[0].dataset.id
    (True, 'public_toilets')

    Raises :class:`stdschema.io.InputError` when the file cannot be read.
    """
    options = Options(
        dataset, encoding, sheet, lang or default_lang(), fail_on, max_problems, mask_values
    )
    return build_report([validate_file(path, options)], options)
