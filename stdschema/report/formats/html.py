"""``html``: one self-contained page a data officer opens in a browser.

Per file: the summary (dataset, edition, how it was detected, encoding, rows, verdict,
counts by severity and by code, what to do first) is written as HTML; the problem table
(filterable by severity, code and column), the data as a spreadsheet shows it (problem
cells coloured, rows numbered as in Excel, capped at :data:`SHEET_LIMIT` rows) and the map
of the records' points are drawn by the page's script from one JSON data block.

Nothing is fetched: the style and script are inline (``html_assets/``), the map is an SVG
over a plain background, and the Content-Security-Policy allows the script by its hash
only. 地理院タイル are fetched only when the reader ticks the map's tile box.

Every value from a file passes :func:`stdschema.report.escape.html` (markup) or
:func:`~stdschema.report.escape.html_visible` and :func:`~stdschema.report.escape.html_json`
(the data block); the script sets text with ``textContent`` only. Strings of the data block
are held once in a table (a code, a header or a hint repeats across thousands of
problems), which keeps a page of 10,000 problems near 2 MB.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from stdschema import __version__
from stdschema.messages import Lang
from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, Spool, StreamRun
from stdschema.report.formats._shared import (
    SEVERITIES,
    code_counts,
    dataset_name,
    human,
    label,
    overall,
    path,
    severity_label,
    title,
    truncated_limit,
)

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, Report
from stdschema.report.sheet import SheetCopy, read_sheet
from stdschema.rules.chars import JAPAN_LAT, JAPAN_LON, strip_spaces

__all__ = ["CELL_LIMIT", "REPORTER", "SHEET_LIMIT", "TILE_ORIGIN"]

SHEET_LIMIT = 2_000
"""Data rows a page copies a file (the map shows the same rows); problems are never capped."""
CELL_LIMIT = 200
"""Characters of a data cell shown (a longer cell is cut, saying how long it was)."""
TILE_ORIGIN = "https://cyberjapandata.gsi.go.jp"
"""Where the optional background tiles come from: the one origin the page may load from."""
FIRST_STEPS = 3
"""Problem kinds listed under "what to do first"."""

# Where a streamed page's pieces go: comments no escaped value can contain ('<' of a value
# is always '&lt;' or '\\u003c').
_ROWS = "<!--stdschema:rows-->"
_SECTION_START = "<!--stdschema:files-->\n"
_SECTION_END = "<!--stdschema:end-->\n"
_RANK = {"error": 0, "warning": 1, "info": 2}
# A coordinate as a number: [0-9], not \d (which also takes full-width digits).
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
# Map point kinds, as the script and its legend number them.
_OK, _PROBLEM, _SWAPPED, _OUTSIDE = range(4)
_POINT_KINDS = ("ok", "problem", "swapped", "outside")


class HtmlReporter(Reporter):
    name = "html"
    suffix = ".html"
    media_type = "text/html"
    order = 8
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        return _Page(report, options.lang).html()

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # The verdict comes first but is known last: each file's row of the file table and
        # its section (cut from its one-file page, renumbered) wait in spools.
        rows, sections = Spool(), Spool()
        lang = run.options.lang
        count = 0
        try:
            for index, file in enumerate(files):
                count += 1
                rows.write(_files_row(file, index, lang))
                one = run.one(file)
                section = one[one.index(_SECTION_START) + len(_SECTION_START) :]
                section = section[: section.index(_SECTION_END)]
                sections.write(section.replace(_section_open(0), _section_open(index), 1))
            page = run.counted()
        except BaseException:
            rows.close()
            sections.close()
            raise
        head, rest = page.split(_ROWS, 1)
        middle, tail = rest.split(_SECTION_END, 1)
        yield head
        if count > 1:  # a run of one file has no file table
            yield from rows.replay()
        else:
            rows.close()
        yield _ROWS + middle
        yield from sections.replay()
        yield _SECTION_END + tail


REPORTER = HtmlReporter()


@cache
def _asset(name: str) -> str:
    return files("stdschema.report").joinpath("html_assets", name).read_text(encoding="utf-8")


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src data: {TILE_ORIGIN}; "
        "base-uri 'none'; form-action 'none'"
    )


class _Strings:
    """The data block's string table: each distinct string once, referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str | None) -> int | None:
        if text is None:
            return None
        found = self._index.get(text)
        if found is None:
            found = self._index[text] = len(self.items)
            self.items.append(escape.html_visible(text))
        return found


class _Page:
    """One report as a page: the HTML of every file's summary and the data block."""

    def __init__(self, report: Report, lang: Lang) -> None:
        self.report = report
        self.lang: Lang = lang

    def _l(self, key: str, **values: object) -> str:
        return escape.html(label(key, self.lang, **values))

    def html(self) -> str:
        script = _asset("report.js")
        labels = _json(self._labels())
        heading = self._l("report.heading")
        verdict_class = "valid" if self.report.valid else "invalid"
        body = [self._file_section(i, f) for i, f in enumerate(self.report.files)]
        return "".join(
            [
                "<!DOCTYPE html>\n",
                f'<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n',
                f'<meta http-equiv="Content-Security-Policy" content="{_csp(script)}">\n',
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
                '<meta name="referrer" content="no-referrer">\n',
                f"<title>{heading}</title>\n<style>\n{_asset('report.css')}</style>\n",
                "</head>\n<body>\n<header>\n",
                f"<h1>{heading}</h1>\n",
                f'<p class="overall {verdict_class}">{escape.html(overall(self.report, self.lang))}</p>\n',
                f"<noscript><p>{self._l('report.html.noscript')}</p></noscript>\n",
                "</header>\n",
                self._files_table(),
                _SECTION_START,
                *body,
                _SECTION_END,
                f"<footer>{self._l('report.html.made_by', version=__version__)}</footer>\n",
                f'<script type="application/json" id="stdschema-labels">{labels}</script>\n',
                f"<script>{script}</script>\n</body>\n</html>\n",
            ]
        )

    # -- the HTML of the summary ----------------------------------------------------

    def _files_table(self) -> str:
        """A row a file, linking to its section; only for a run of several files."""
        if len(self.report.files) < 2:
            return _ROWS
        heads = ["report.file", "report.dataset", "report.rows"]
        cells = [self._l(key) for key in heads]
        cells += [escape.html(severity_label(s, self.lang)) for s in SEVERITIES]
        cells.append(self._l("report.result"))
        out = [f'<nav><h2>{self._l("report.html.files")}</h2>\n<table class="files"><thead><tr>']
        out += [f"<th>{c}</th>" for c in cells]
        out.append("</tr></thead><tbody>\n")
        out += [_files_row(file, i, self.lang) for i, file in enumerate(self.report.files)]
        out.append(_ROWS + "</tbody></table></nav>\n")
        return "".join(out)

    def _dataset(self, file: FileReport) -> str:
        return _dataset(file, self.lang)

    def _file_section(self, index: int, file: FileReport) -> str:
        sheet = read_sheet(file, SHEET_LIMIT) if file.error is None else None
        out = [
            _section_open(index),
            f"<h2>{escape.html(path(file))}</h2>\n",
            self._facts(file),
        ]
        if file.error:
            unreadable = label("report.unreadable", self.lang, error=file.error)
            out.append(f'<p class="unreadable">{escape.html(unreadable)}</p>\n')
        out.append(self._severity_counts(file))
        codes = _code_groups(file)
        if codes:
            out.append(self._code_table(codes))
            out.append(self._first_steps(file, codes))
        elif not file.error:
            out.append(f'<p class="none">{self._l("report.no_problems")}</p>\n')
        if file.problems_truncated:
            limit = truncated_limit(self.report, file)
            out.append(f'<p class="note">{self._l("report.truncated", limit=limit)}</p>\n')
        if file.problems:
            out.append(f'<h3>{self._l("report.details")}</h3>\n<div class="problems"></div>\n')
        if file.error is None:
            out.append(self._data_heading(sheet, file.values_masked))
        data = _json(self._file_data(file, sheet))
        out.append(f'<script type="application/json" class="file-data">{data}</script>\n')
        out.append("</section>\n")
        return "".join(out)

    def _facts(self, file: FileReport) -> str:
        ref = file.dataset
        method = label(f"report.detected_by.{ref.detected_by}", self.lang)
        if ref.confidence:
            confidence = label(f"confidence.{ref.confidence}", self.lang)
            method += f" ({confidence})" if self.lang == "en" else f"（{confidence}）"
        verdict = "report.valid" if file.valid else "report.invalid"
        facts = [
            ("report.dataset", escape.html(self._dataset(file))),
            ("report.html.edition", escape.html(ref.edition or "—")),
            ("report.html.detected_by", escape.html(method)),
            ("report.encoding", escape.html(file.encoding or "—")),
            ("report.rows", f"{file.rows:,}"),
            (
                "report.html.verdict",
                f'<span class="{"valid" if file.valid else "invalid"}">{self._l(verdict)}</span>',
            ),
        ]
        if file.sheet:
            facts.insert(4, ("input.sheet", escape.html(file.sheet)))
        items = "".join(f"<dt>{self._l(key)}</dt><dd>{value}</dd>" for key, value in facts)
        return f'<dl class="facts">{items}</dl>\n'

    def _severity_counts(self, file: FileReport) -> str:
        counts = (file.summary.error, file.summary.warning, file.summary.info)
        items = []
        for severity, n in zip(SEVERITIES, counts, strict=True):
            text = label("report.count", self.lang, label=severity_label(severity, self.lang), n=n)
            items.append(f'<li class="sev-{severity}">{escape.html(text)}</li>')
        return f'<ul class="counts">{"".join(items)}</ul>\n'

    def _code_table(self, codes: list[tuple[str, str | None, int]]) -> str:
        heads = ["report.severity", "report.code", "report.title", "report.count_header"]
        out = [f'<h3>{self._l("report.by_code")}</h3>\n<table class="codes"><thead><tr>']
        out += [f"<th>{self._l(key)}</th>" for key in heads]
        out.append("</tr></thead><tbody>\n")
        for code, severity, n in codes:
            sev = self._l("report.html.not_held") if severity is None else self._sev(severity)
            cells = [
                f'<td class="sev sev-{severity or "none"}">{sev}</td>',
                f"<td><code>{escape.html(code)}</code></td>",
                f"<td>{escape.html(title(code, self.lang))}</td>",
                f'<td class="num">{n:,}</td>',
            ]
            out.append("<tr>" + "".join(cells) + "</tr>\n")
        out.append("</tbody></table>\n")
        return "".join(out)

    def _sev(self, severity: str) -> str:
        return escape.html(severity_label(severity, self.lang))

    def _first_steps(self, file: FileReport, codes: list[tuple[str, str | None, int]]) -> str:
        """The worst, most frequent kinds first, each with the hint of its first problem."""
        items = []
        for code, severity, n in [c for c in codes if c[1] is not None][:FIRST_STEPS]:
            assert severity is not None
            first = next(
                (p for p in file.problems if (p.code, p.severity) == (code, severity) and p.hint),
                None,
            )
            text = label(
                "report.html.first_item",
                self.lang,
                title=title(code, self.lang),
                severity=severity_label(severity, self.lang),
                n=n,
                hint=human(first, self.lang).hint if first else "",
            )
            items.append(f'<li class="sev-{severity}">{escape.html(text.rstrip(": ："))}</li>')
        return f'<h3>{self._l("report.html.first")}</h3>\n<ol class="first">{"".join(items)}</ol>\n'

    def _data_heading(self, sheet: SheetCopy | None, masked: bool = False) -> str:
        out = [f"<h3>{self._l('report.html.data')}</h3>\n"]
        if sheet is None:
            why = "report.html.data_masked" if masked else "report.html.data_unavailable"
            out.append(f'<p class="note">{self._l(why)}</p>\n')
            return "".join(out)
        out.append(f'<p class="note">{self._l("report.html.data_note")}</p>\n')
        if sheet.capped:
            note = self._l("report.html.data_capped", limit=sheet.limit, total=sheet.total)
            out.append(f'<p class="note capped">{note}</p>\n')
        out.append('<div class="sheet"></div>\n<div class="map"></div>\n')
        return "".join(out)

    # -- the data block -------------------------------------------------------------

    def _labels(self) -> dict[str, str]:
        keys = [
            "report.severity",
            "report.code",
            "report.html.row",
            "report.column",
            "report.header",
            "report.html.record",
            "report.value",
            "report.message",
            "report.hint",
            "report.fixed_to",
            "report.html.all",
            "report.html.shown",
            "report.html.more_rows",
            "report.html.map",
            "report.html.map_count",
            "report.html.map_capped",
            "report.html.map_view",
            "report.html.map_view.records",
            "report.html.map_view.japan",
            "report.html.map_tiles",
            "report.html.map_note",
            "report.html.map_credit",
            "report.html.point",
        ]
        keys += [f"report.html.map.{kind}" for kind in _POINT_KINDS]
        keys += [f"report.severity.{s}" for s in SEVERITIES]
        labels = {key: label(key, self.lang) for key in keys}
        # Placeholders the script fills; '{n:,}' reads as '{n}' there.
        return {key: text.replace(":,}", "}") for key, text in labels.items()}

    def _file_data(self, file: FileReport, sheet: SheetCopy | None) -> dict[str, Any]:
        rows_of_lines = sheet.row_of_line() if sheet else {}
        s = _Strings()
        codes = {code: s(title(code, self.lang)) for code in code_counts(file)}
        problems = []
        for problem in file.problems:
            p = human(problem, self.lang)
            row = p.row if p.row is not None else rows_of_lines.get(p.line or 0, p.line)
            problems.append(
                [
                    _RANK[p.severity],
                    s(p.code),
                    row,
                    p.column,  # the spreadsheet's column, a #property marker counted
                    s(p.column_letter),
                    s(p.header),
                    s(p.record),
                    s(p.value),
                    s(p.message),
                    s(p.hint or None),
                    s(p.fixed_to),
                ]
            )
        return {
            "titles": {str(s(code)): index for code, index in codes.items()},
            "problems": problems,
            "sheet": self._sheet_data(sheet, s),
            "map": _map_data(file, sheet, problems) if sheet else None,
            "capped": sheet.limit if sheet and sheet.capped else None,
            "strings": s.items,
        }

    def _sheet_data(self, sheet: SheetCopy | None, s: _Strings) -> dict[str, Any] | None:
        if sheet is None:
            return None
        rows = []
        for r in sheet.rows:
            cells = [s(escape.shorten(c, self.lang, CELL_LIMIT)) for c in r.cells]
            rows.append([r.row, 1 if r.kind == "header" else 0, cells])
        return {"rows": rows, "width": sheet.width}


def _json(data: Any) -> str:
    return escape.html_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _section_open(index: int) -> str:
    return f'<section class="file" id="file-{index}" data-file="{index}">\n'


def _dataset(file: FileReport, lang: Lang) -> str:
    name = dataset_name(file) or label("report.not_detected", lang)
    return f"{name} {file.dataset.name_ja}" if file.dataset.name_ja else name


def _files_row(file: FileReport, index: int, lang: Lang) -> str:
    """A file's row of the file table, linking to its section."""
    summary = file.summary
    verdict = label("report.valid" if file.valid else "report.invalid", lang)
    cells = [
        f'<a href="#file-{index}">{escape.html(path(file))}</a>',
        escape.html(_dataset(file, lang)),
        f"{file.rows:,}",
        *(f"{n:,}" for n in (summary.error, summary.warning, summary.info)),
        f'<span class="{"valid" if file.valid else "invalid"}">{escape.html(verdict)}</span>',
    ]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>\n"


def _code_groups(file: FileReport) -> list[tuple[str, str | None, int]]:
    """(code, severity, count) of the problems held, worst severity first, then most
    frequent; a code counted past ``--max-problems`` has one more group of severity
    ``None`` for the problems whose details were not kept (their severity is not known)."""
    held: dict[tuple[str, str], int] = {}
    for p in file.problems:
        held[(p.code, p.severity)] = held.get((p.code, p.severity), 0) + 1
    groups: list[tuple[str, str | None, int]] = [(c, s, n) for (c, s), n in held.items()]
    for code, total in code_counts(file).items():
        rest = total - sum(n for (c, _s), n in held.items() if c == code)
        if rest > 0:
            groups.append((code, None, rest))
    groups.sort(key=lambda g: (_RANK.get(g[1] or "", 3), -g[2], g[0]))
    return groups


def _coordinate_columns(file: FileReport, header: list[str]) -> tuple[int, int] | None:
    """The 0-based cells holding latitude and longitude, found by their headers: 緯度/経度
    (with a 定義書C prefix too), the dataset's own header, or what the problems name."""
    names: dict[str, set[str]] = {
        "latitude": {"緯度", "latitude"},
        "longitude": {"経度", "longitude"},
    }
    for p in file.problems:
        if p.field in names and p.header:
            names[p.field].add(strip_spaces(p.header))
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = strip_spaces(cell)
        for field, options in names.items():
            if field not in found and (text in options or text.endswith("_" + _JA[field])):
                found[field] = index
    if len(found) < 2:
        return None
    return found["latitude"], found["longitude"]


_JA = {"latitude": "緯度", "longitude": "経度"}


def _number(text: str) -> float | None:
    text = strip_spaces(text)
    return float(text) if _NUMBER.fullmatch(text) else None


def _inside(lat: float, lon: float) -> bool:
    return JAPAN_LAT[0] <= lat <= JAPAN_LAT[1] and JAPAN_LON[0] <= lon <= JAPAN_LON[1]


def _map_data(
    file: FileReport, sheet: SheetCopy, problems: list[list[Any]]
) -> dict[str, Any] | None:
    """The points of the records that have coordinates, each with its kind; ``None``
    when the file has no latitude and longitude columns."""
    header = next((r.cells for r in sheet.rows if r.kind == "header"), [])
    columns = _coordinate_columns(file, header)
    if columns is None:
        return None
    lat_at, lon_at = columns
    # Rows with an error or a warning (rank 0 or 1), by spreadsheet row.
    failing = {p[2] for p in problems if p[0] <= 1 and p[2] is not None}
    points: list[list[Any]] = []
    missing = 0
    for r in sheet.rows:
        if r.kind != "data":
            continue
        cells = r.cells
        lat = _number(cells[lat_at]) if lat_at < len(cells) else None
        lon = _number(cells[lon_at]) if lon_at < len(cells) else None
        if lat is None or lon is None:
            missing += 1
            continue
        if _inside(lat, lon):
            kind = _PROBLEM if r.row in failing else _OK
        elif _inside(lon, lat):
            kind = _SWAPPED
        else:
            kind = _OUTSIDE
        points.append([lat, lon, r.row, kind])
    return {
        "points": points,
        "missing": missing,
        "box": [JAPAN_LAT[0], JAPAN_LON[0], JAPAN_LAT[1], JAPAN_LON[1]],
        "tiles": TILE_ORIGIN + "/xyz/std/{z}/{x}/{y}.png",
        "kinds": list(_POINT_KINDS),
    }
