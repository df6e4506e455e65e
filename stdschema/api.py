"""The Python API: :func:`validate` any kind of source, :func:`explain` a model's errors.

``validate`` takes a path, bytes, a binary file object, an iterable of dicts keyed by
the Japanese headers, or a polars (or pandas) DataFrame. In-memory data is checked as the
file it would be: bytes as they are, rows as the CSV ``csv.DictWriter`` (or the
DataFrame's own ``write_csv``/``to_csv``) writes, through a temporary file, so that every
input kind gets the report :func:`stdschema.validation.validate_file` gives that file,
with the same problems at the same lines and rows. The report calls the input
``<bytes>``, ``<file>``, ``<records>`` or ``<DataFrame>`` unless ``name`` says otherwise.

``explain`` words a Pydantic ``ValidationError`` raised by a dataset model
(``get_dataset("public_toilets@v2").model_validate(row)``) as the problems ``validate``
reports for the same cells, through the same catalogue.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from stdschema.messages import Lang, default_lang, t

if TYPE_CHECKING:
    import polars as pl
    from pydantic import ValidationError

    from stdschema.datasets import Column, DatasetRecord
    from stdschema.report.model import ProblemOut, Report, SeverityName

__all__ = ["Explanation", "Source", "explain", "validate"]


class _Readable(Protocol):
    """A binary file object (``open(path, "rb")``, ``io.BytesIO``, an upload)."""

    def read(self, size: int = -1, /) -> bytes | str: ...


class _PandasLike(Protocol):
    """A pandas DataFrame, named by what is used of it (pandas is not a dependency)."""

    @property
    def to_csv(self) -> Callable[..., object]: ...


Source: TypeAlias = (
    "str | os.PathLike[str] | bytes | bytearray | memoryview | _Readable"
    " | Iterable[Mapping[str, object]] | pl.DataFrame | _PandasLike"
)
"""What :func:`validate` checks."""

_CHUNK = 1 << 20


def validate(
    source: Source,
    dataset: str | None = None,
    *,
    name: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    lang: Lang | None = None,
    fail_on: SeverityName = "error",
    max_problems: int | None = None,
    mask_values: bool = False,
) -> Report:
    """Validate one source against a dataset edition (detected when ``dataset`` is None).

    ``source``: a path; ``bytes`` or a binary file object holding a CSV, XLSX or XML
    file; an iterable of dicts keyed by the headers (the first dict's keys are the header
    row; ``csv.DictReader`` rows work as they are); a polars or pandas DataFrame.
    ``name`` is what the report calls the source (its suffix also tells the format of
    bytes, e.g. ``.tsv`` or ``.xlsx``). ``encoding`` and ``sheet`` apply to files and
    bytes; rows and DataFrames are written as UTF-8 CSV.

    >>> report = validate("examples/222127_public_toilet.csv")   # doctest: +SKIP
    >>> report.valid, report.files[0].dataset.id
    (True, 'public_toilets')

    Raises :class:`stdschema.io.InputError` when the source cannot be read as a table,
    and ``TypeError`` for a source of another kind.
    """
    from stdschema.validation import Options, build_report, validate_file

    language = lang or default_lang()
    options = Options(
        dataset, encoding, sheet, language, fail_on, max_problems, mask_values=mask_values
    )
    if isinstance(source, str | os.PathLike):
        return build_report([validate_file(source, options)], options)
    kind = _kind(source, language)
    shown = name or kind.name(source)
    if kind.rows:
        # The temporary file is UTF-8 CSV whatever the caller's file was.
        options = replace(options, encoding=None, sheet=None)
    from stdschema.io import InputError, sniff

    with tempfile.TemporaryDirectory(prefix="stdschema-") as folder:
        suffix = Path(name).suffix if name else kind.suffix(source)
        file = Path(folder) / f"input{suffix}"
        kind.write(source, file, language)
        if not suffix and sniff(file) == "xlsx":
            # The workbook reader goes by the suffix; the bytes said what they are.
            file = file.rename(file.with_suffix(".xlsx"))
        try:
            report = validate_file(file, options, name=shown)
        except InputError as exc:
            exc.path = Path(shown)  # not the temporary file, gone when the caller sees this
            raise
    return build_report([report], options)


# --- input kinds ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    """How one kind of source becomes a file: its name in the report, the file's suffix
    (empty: the reader tells the format from the content), and the writer."""

    label: str
    rows: bool
    write: Callable[[Any, Path, Lang], None]
    named: bool = False
    """A file object's own ``name`` (a path) names it in the report."""

    def name(self, source: object) -> str:
        own = getattr(source, "name", None) if self.named else None
        return own if isinstance(own, str) and own else self.label

    def suffix(self, source: object) -> str:
        if self.rows:
            return ".csv"
        own = getattr(source, "name", None) if self.named else None
        return Path(own).suffix if isinstance(own, str) else ""


def _write_bytes(source: bytes | bytearray | memoryview, file: Path, lang: Lang) -> None:
    file.write_bytes(source)


def _write_stream(source: _Readable, file: Path, lang: Lang) -> None:
    # A text stream's characters are written as UTF-8: its own encoding is already gone.
    with file.open("wb") as out:
        while chunk := source.read(_CHUNK):
            out.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def _write_polars(source: pl.DataFrame, file: Path, lang: Lang) -> None:
    # polars writes nulls as empty cells and quotes cells holding line breaks.
    source.write_csv(file)


def _write_pandas(source: _PandasLike, file: Path, lang: Lang) -> None:
    source.to_csv(file, index=False, encoding="utf-8")


def _write_records(source: Iterable[Mapping[Any, object]], file: Path, lang: Lang) -> None:
    """The CSV of dict rows: the first row's keys are the header, a missing key is a blank
    cell, and ``csv.DictReader``'s extra cells (a list under the key None) are extra cells
    again, so that its rows give the file they were read from."""
    with file.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        header: list[object] | None = None
        known: set[object] = set()
        for number, record in enumerate(source, start=1):
            if not isinstance(record, Mapping):
                raise TypeError(
                    t("api.not_a_mapping", lang, number=number, kind=type(record).__name__)
                )
            if header is None:
                header = [key for key in record if key is not None]
                writer.writerow(_cell(key) for key in header)
                known = set(header)
            unknown = [key for key in record if key is not None and key not in known]
            if unknown:
                raise ValueError(t("api.unknown_key", lang, number=number, column=unknown[0]))
            cells = [_cell(record.get(key)) for key in header]
            rest = record.get(None)
            if isinstance(rest, list):
                cells += [_cell(value) for value in rest]
            writer.writerow(cells)


def _cell(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


_BYTES = _Kind("<bytes>", False, _write_bytes)
_STREAM = _Kind("<file>", False, _write_stream, named=True)
_RECORDS = _Kind("<records>", True, _write_records)
_POLARS = _Kind("<DataFrame>", True, _write_polars)
_PANDAS = _Kind("<DataFrame>", True, _write_pandas)


def _kind(source: object, lang: Lang) -> _Kind:
    if isinstance(source, bytes | bytearray | memoryview):
        return _BYTES
    if callable(getattr(source, "read", None)):
        return _STREAM
    # DataFrames by their module: neither polars nor pandas is imported for other sources.
    module = type(source).__module__.partition(".")[0]
    if module == "polars":
        import polars as pl

        if isinstance(source, pl.DataFrame):
            return _POLARS
    if module == "pandas" and callable(getattr(source, "to_csv", None)):
        return _PANDAS
    if isinstance(source, Iterable) and not isinstance(source, Mapping):
        return _RECORDS
    raise TypeError(t("api.unsupported_source", lang, kind=type(source).__name__))


# --- explain --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Explanation:
    """A model's ``ValidationError`` as problems; ``str()`` is the text to show a person."""

    problems: list[ProblemOut]
    text: str

    def __str__(self) -> str:
        return self.text

    def as_dicts(self) -> list[dict[str, Any]]:
        """The problems as plain dicts (the keys of a report's problems)."""
        return [problem.model_dump() for problem in self.problems]


def explain(
    exc: ValidationError,
    lang: Lang | None = None,
    *,
    model: type[DatasetRecord] | None = None,
) -> Explanation:
    """The problems of ``exc``, a ``ValidationError`` of a dataset model, worded as
    ``validate`` words them for the same cells (``blank-required``, ``invalid-value``,
    ``check-digit-error``…, with the repair where one is known).

    ``model`` is found from the error's title (the class name) unless given. A problem
    has no line or row (there is no file); ``column`` is the standard's column number.
    Raises ``TypeError`` for another exception or an error that is not about the cells
    of a row (the data was not a dict).
    """
    from pydantic import ValidationError

    from stdschema.checks.base import Row
    from stdschema.checks.collector import Collector
    from stdschema.checks.header import HeaderPlan
    from stdschema.checks.rows import RowChecker
    from stdschema.report.model import ProblemOut

    language = lang or default_lang()
    if not isinstance(exc, ValidationError):
        raise TypeError(t("api.explain_not_validation_error", language, kind=type(exc).__name__))
    found = model or _model_named(exc.title, language)
    columns = found.__columns__
    plan = HeaderPlan(len(columns), tuple(enumerate(columns)), tuple(c.header for c in columns))
    out = Collector("", language)
    # The runner of validate reports each cell: one rule, one wording, one repair.
    checker = RowChecker(found, plan, out, track_unique=False)
    by_key = _columns_by_key(columns)
    errors = exc.errors(include_url=False)
    cells = _cells(errors, columns, by_key)
    for err in errors:
        loc = err["loc"]
        hit = by_key.get(loc[0]) if len(loc) == 1 and isinstance(loc[0], str) else None
        if hit is None:
            raise TypeError(
                t("api.explain_not_a_row", language, model=found.__name__, detail=err["msg"])
            )
        index, column = hit
        value = err.get("input")
        if err["type"] == "missing" or value is None or value == "":
            checker.blank(0, index, column, 0, cells)
        else:
            at = Row(0, cells, {}, set(), 0)
            checker._invalid(at, column.attr, _cell(value), err)
    # In the standard's column order, as a row's problems are in a report.
    kept = sorted(out.problems, key=lambda p: (p.column or 0, p.code))
    problems = [ProblemOut(**{**p.as_dict(), "line": None}) for p in kept]
    return Explanation(problems, _text(found, problems, language))


def _model_named(title: str, lang: Lang) -> type[DatasetRecord]:
    from stdschema.datasets.index import load

    for entry in load():
        if entry.cls == title:
            return entry.model()
    raise TypeError(t("api.explain_unknown_model", lang, title=title))


def _columns_by_key(columns: tuple[Column, ...]) -> dict[str, tuple[int, Column]]:
    """Each column by every key a model accepts for it: header, attribute, English name."""
    keys: dict[str, tuple[int, Column]] = {}
    for index, column in enumerate(columns):
        for key in (column.header, column.attr, column.english_name):
            if key:
                keys.setdefault(key, (index, column))
    return keys


def _cells(
    errors: list[Any], columns: tuple[Column, ...], by_key: dict[str, tuple[int, Column]]
) -> list[str]:
    """The row's cells as far as the errors tell (a missing field's error carries the
    whole input): the record label (ID, 名称) is made from them."""
    cells = [""] * len(columns)
    for err in errors:
        data = err.get("input") if err["type"] == "missing" else None
        if isinstance(data, Mapping):
            for key, value in data.items():
                hit = by_key.get(key) if isinstance(key, str) else None
                if hit is not None and not cells[hit[0]]:
                    cells[hit[0]] = _cell(value)
            break
    for err in errors:
        loc = err["loc"]
        hit = by_key.get(loc[0]) if len(loc) == 1 and isinstance(loc[0], str) else None
        if hit is not None and err["type"] != "missing" and not cells[hit[0]]:
            cells[hit[0]] = _cell(err.get("input"))
    return cells


def _text(model: type[DatasetRecord], problems: list[ProblemOut], lang: Lang) -> str:
    from stdschema.report.formats._shared import severity_label

    info = model.__dataset__
    name = info.name_ja if lang == "ja" or not info.name_en else info.name_en
    lines = [t("api.explain_head", lang, dataset=name, edition=info.key, count=len(problems))]
    for problem in problems:
        severity = severity_label(problem.severity, lang)
        lines.append(t("api.explain_line", lang, severity=severity, message=problem.message))
        if problem.hint:
            lines.append(t("api.explain_hint", lang, hint=problem.hint))
    return "\n".join(lines)
