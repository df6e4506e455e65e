"""Report formats: the registry, the interface, the CLI's --format, and every format's output
of real files, whole and streamed, unchanged.

``tests/data/reporters/run.<lang>.<format>`` is what ``stdschema validate --lang <lang>
--max-problems 12 --format <format>`` (``text-quiet``: ``--quiet``) printed for the five real
files of :data:`FILES` (first saved at commit 8fcaf4b, before the formats were split into
modules). ``run.<lang>.json`` is also the input: the report is read back and rendered again,
so these tests follow the reporters alone, not the checks that found the problems. After an
intended change, ``python tools/regen_reporters.py`` rewrites them (read the diff).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import stdschema.report.formats as formats_package
from stdschema.cli import app
from stdschema.messages import Lang, t
from stdschema.report.formats import (
    FORMATS,
    REPORTERS,
    RenderOptions,
    Reporter,
    StreamRun,
    UnknownFormatError,
    get_reporter,
)
from stdschema.report.model import FileReport, Report
from stdschema.report.render import BinaryFormatError, render, render_bytes
from stdschema.report.stream import ReportStream

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data" / "reporters"
REAL = ROOT / "tests" / "data" / "real"
# Every severity and a file cut by --max-problems 12; not detected; a valid XLSX (sheet
# facts); an unreadable XML (file-error); a legacy file (dataset-not-recognised).
FILES = (
    "standard/yaizu_222127_tourism.csv",
    "v2/12_event__122319_inzai.csv",
    "v2/15_food_business_all__132055_ome.xlsx",
    "xml/yaizu_taxi_boarding_points_S2AConfig.xml",
    "legacy/yaizu_222127_nouen.csv",
)
LANGS: tuple[Lang, ...] = ("ja", "en")
# Text formats have an expected output and render whole or streamed; a binary format
# (a workbook) is written whole to a file named with -o, through render_bytes().
TEXT_FORMATS = tuple(name for name in FORMATS if not REPORTERS[name].binary)
BINARY_FORMATS = tuple(name for name in FORMATS if REPORTERS[name].binary)


@pytest.fixture(autouse=True)
def _saved_runs_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """A streamed report and the HTML footer name the running stdschema, whose version comes
    from git (setuptools-scm) and changes with every commit: here it is the saved run's."""
    version = _report("en").tool.version
    monkeypatch.setattr("stdschema.report.stream.__version__", version)
    monkeypatch.setattr("stdschema.report.formats.html.__version__", version)


def _report(lang: Lang) -> Report:
    return Report.model_validate_json(_expected(lang, "json"))


def _expected(lang: Lang, name: str) -> str:
    # Bytes, not read_text(): the CSV report's CRLF line ends must stay.
    return (DATA / f"run.{lang}.{name}").read_bytes().decode("utf-8")


def _streamed(report: Report, fmt: str, **options: Any) -> str:
    stream = ReportStream(
        fmt,
        lang=report.lang,
        fail_on=report.fail_on,
        max_problems=report.max_problems,
        **options,
    )
    return "".join(stream.chunks(iter(report.files)))


def test_the_saved_run_is_of_the_real_files() -> None:
    for lang in LANGS:
        report = _report(lang)
        assert [f.path for f in report.files] == [f"tests/data/real/{name}" for name in FILES]
        assert all((REAL / name).is_file() for name in FILES)
        severities = {p.severity for f in report.files for p in f.problems}
        assert severities == {"error", "warning", "info"}
        assert any(f.problems_truncated for f in report.files)
        assert any(f.error for f in report.files)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format_renders_real_files_as_before(fmt: str, lang: Lang) -> None:
    report = _report(lang)
    expected = _expected(lang, fmt)
    assert render(report, fmt) == expected
    assert _streamed(report, fmt) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_quiet_text_renders_real_files_as_before(lang: Lang) -> None:
    report = _report(lang)
    expected = _expected(lang, "text-quiet")
    assert render(report, "text", quiet=True) == expected
    assert _streamed(report, "text", quiet=True) == expected


def test_every_module_of_the_package_is_a_registered_format() -> None:
    modules = [m.name for m in pkgutil.iter_modules(formats_package.__path__) if m.name[0] != "_"]
    assert sorted(modules) == sorted(FORMATS)
    for name in modules:
        reporter = importlib.import_module(f"stdschema.report.formats.{name}").REPORTER
        assert isinstance(reporter, Reporter)
        assert get_reporter(name) is reporter is REPORTERS[name]
        assert reporter.name == name
        assert reporter.suffix.startswith(".")
        assert "/" in reporter.media_type
    orders = [REPORTERS[name].order for name in FORMATS]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders)
    assert FORMATS[0] == "text"  # the CLI's default


def test_an_unknown_format_is_refused_by_name() -> None:
    with pytest.raises(UnknownFormatError, match="choose one of " + ", ".join(FORMATS)):
        get_reporter("pdf")
    with pytest.raises(ValueError, match="'pdf'"):
        render(_report("en"), "pdf")
    with pytest.raises(ValueError, match="'pdf'"):
        ReportStream("pdf", lang="en")


class _Names(Reporter):
    """A format without a stream of its own: one line a file."""

    name = "names"
    suffix = ".txt"
    media_type = "text/plain"
    order = 99

    def render(self, report: Report, options: RenderOptions) -> str:
        return "".join(f"{f.path} {len(report.files)}\n" for f in report.files)


def test_a_format_without_a_stream_renders_the_run_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REPORTERS, "names", _Names())
    report = _report("en")
    seen: list[str] = []

    def files() -> Iterator[FileReport]:
        for file in report.files:
            seen.append(file.path)
            yield file

    stream = ReportStream("names", lang="en")
    text = "".join(stream.chunks(files()))
    assert text == render(report, "names")
    assert text.splitlines()[0] == f"{report.files[0].path} {len(FILES)}"
    assert len(seen) == stream.files == len(FILES)
    assert not _Names.streams


class _Run:
    """A StreamRun that records what the reporter asked."""

    def __init__(self, report: Report, fmt: str) -> None:
        self.report = report
        self.fmt = fmt
        self.asked: list[str] = []
        self.seen = 0
        self.options = RenderOptions(report.lang)

    def one(self, file: FileReport) -> str:
        self.asked.append("one")
        return render(self.report.model_copy(update={"files": [file]}), self.fmt)

    def empty(self) -> str:
        self.asked.append("empty")
        return render(self.report.model_copy(update={"files": []}), self.fmt)

    def counted(self) -> str:
        self.asked.append("counted")
        return ""

    def whole(self, files: list[FileReport]) -> str:
        self.asked.append("whole")
        return render(self.report.model_copy(update={"files": files}), self.fmt)


def test_a_streaming_format_renders_each_file_as_it_comes() -> None:
    report = _report("en")
    run = _Run(report, "csv")
    check: StreamRun = run
    chunks: Iterable[str] = REPORTERS["csv"].stream(check, report.files)
    assert "".join(chunks) == _expected("en", "csv")
    assert run.asked == ["empty"] + ["one"] * len(FILES)
    assert all(REPORTERS[name].streams for name in TEXT_FORMATS)


def test_github_streams_holding_only_what_it_may_annotate() -> None:
    # Annotations are capped for the whole run, the most severe first (issue 14): the
    # format keeps the few problems that may be annotated and renders once, at the end.
    report = _report("en")
    run = _Run(report, "github")
    chunks: Iterable[str] = REPORTERS["github"].stream(run, report.files)
    assert "".join(chunks) == _expected("en", "github")
    assert run.asked == ["whole"]


def test_there_is_a_binary_format() -> None:
    assert BINARY_FORMATS  # else the binary tests below check nothing
    assert set(TEXT_FORMATS) | set(BINARY_FORMATS) == set(FORMATS)


@pytest.mark.parametrize("fmt", BINARY_FORMATS)
def test_a_binary_format_renders_bytes_only(fmt: str) -> None:
    report = _report("en")
    with pytest.raises(BinaryFormatError, match=fmt):
        render(report, fmt)
    with pytest.raises(BinaryFormatError):
        _streamed(report, fmt)
    # The CSV and XML files only: a workbook copies the 1,593-row XLSX file's data (slow).
    report = report.model_copy(update={"files": [f for f in report.files if f.format != "xlsx"]})
    data = get_reporter(fmt).render_bytes(report, RenderOptions("en"))
    assert isinstance(data, bytes) and data
    # Deterministic: the same report gives the same bytes (no time of the run inside).
    assert render_bytes(report, fmt) == data
    assert render_bytes(report, fmt, lang="ja") != data


@pytest.mark.parametrize("fmt", BINARY_FORMATS)
def test_cli_refuses_a_binary_format_without_output(fmt: str) -> None:
    for lang in LANGS:
        args = ["validate", "--lang", lang, "-f", fmt, str(REAL / FILES[1])]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            "stdschema: "
            + t("error.prefix", lang)
            + ": "
            + t("report.binary_needs_output", lang, format=fmt)
        ]


def _format_option() -> Any:
    """The ``--format`` option of ``validate`` as Click sees it (Typer vendors its Click,
    hence no isinstance)."""
    validate = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    return next(p for p in validate.params if p.name == "fmt")


def test_cli_format_help_lists_the_registry() -> None:
    # The parser's choices (which the help lists) are the registry's, in its order.
    option = _format_option()
    assert tuple(option.type_descriptor.choices) == FORMATS
    assert option.default == FORMATS[0]


@pytest.mark.parametrize("lang", LANGS)
def test_cli_refuses_an_unknown_format_listing_the_registry(lang: Lang) -> None:
    result = CliRunner().invoke(
        app, ["validate", "--lang", lang, "--format", "pdf", str(REAL / FILES[1])]
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert ", ".join(FORMATS) in lines[0]
    assert "'pdf'" in lines[0]
    assert lines[0].startswith("stdschema: エラー: " if lang == "ja" else "stdschema: error: ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_accepts_every_registered_format(fmt: str, tmp_path: Path) -> None:
    args = ["validate", "--lang", "en", "-f", fmt, str(REAL / FILES[1])]
    out = tmp_path / f"report{REPORTERS[fmt].suffix}"
    binary = REPORTERS[fmt].binary
    result = CliRunner().invoke(app, [*args, "-o", str(out)] if binary else args)
    # The event file has warnings and infos only: valid, exit 0.
    assert result.exit_code == 0, result.stderr
    if binary:
        assert result.stdout == ""
        assert out.read_bytes()[:2] == b"PK"  # every binary format so far is a zip (xlsx)
    else:
        assert result.stdout
