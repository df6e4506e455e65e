"""The catalogue report: every resource of a CKAN portal, checked, grouped by publisher and
dataset, with totals and the problem codes ranked nationally.

:func:`run_catalogue` lists the resources (:mod:`stdschema.distributed.ckan`), checks each
one (:func:`check_resource`: fetched through :mod:`stdschema.distributed.remote`, or taken
from ``--state`` when unchanged) and assembles a :class:`CatalogueReport`. Every resource
appears exactly once, failures included; nothing a single resource does stops the run.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from stdschema import __version__
from stdschema.distributed.ckan import Query, Resource, list_resources
from stdschema.distributed.remote import (
    FetchError,
    FetchLimits,
    RemoteExtraMissing,
    fetched,
    head,
)
from stdschema.distributed.state import State
from stdschema.messages import Lang, t

CATALOGUE_REPORT_VERSION: Literal["1.0"] = "1.0"

Status = Literal["valid", "invalid", "fetch-failed", "unreadable", "skipped"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ResourceResult(_Model):
    """One resource as checked (or why it was not)."""

    id: str = Field(description="The CKAN resource id (its URL when the portal gives none).")
    name: str
    url: str
    format: str = Field(description="The portal's format field, else the URL's suffix.")
    status: Status = Field(
        description="valid / invalid (problems at or above fail-on) / fetch-failed / "
        "unreadable (fetched but not readable as CSV, XLSX or XML) / skipped (not a "
        "checked format)."
    )
    detected: str | None = Field(None, description="dataset@edition it was checked against.")
    dataset_id: str | None = None
    edition: str | None = None
    valid: bool | None = Field(None, description="None when the resource was not checked.")
    rows: int = 0
    error: int = 0
    warning: int = 0
    info: int = 0
    problems: dict[str, int] = Field(
        default_factory=dict,
        description="Occurrences by problem code; a fetch or read failure counts once under "
        "its code (fetch-failed, encoding-error, ...).",
    )
    last_modified: str | None = Field(
        None, description="The server's Last-Modified, else the portal's last_modified."
    )
    etag: str | None = None
    size: int | None = Field(None, description="Bytes fetched.")
    sha256: str | None = None
    fetch_error: str | None = Field(None, description="Why it could not be fetched.")
    read_error: str | None = Field(None, description="Why it could not be read.")
    from_state: bool = Field(
        False, description="Taken from --state: unchanged since it was checked."
    )


class DatasetResult(_Model):
    """A CKAN package (dataset) and its resources in the portal's order."""

    name: str
    title: str
    resources: list[ResourceResult]


class PublisherResult(_Model):
    """A CKAN organisation: a municipality or other publisher."""

    name: str
    title: str
    datasets: list[DatasetResult]
    resources: int = 0
    checked: int = 0
    valid: int = 0


class Totals(_Model):
    resources: int = 0
    checked: int = Field(0, description="Fetched and read (valid + invalid).")
    valid: int = 0
    invalid: int = 0
    failed: int = Field(0, description="Could not be fetched or read.")
    skipped: int = 0
    reused: int = Field(0, description="Taken from --state.")
    error: int = 0
    warning: int = 0
    info: int = 0


class RankedCode(_Model):
    code: str
    title: str
    severity: str | None = Field(None, description="The code's default severity.")
    files: int = Field(description="Resources with this code at least once.")
    occurrences: int


class Filters(_Model):
    organization: str | None = None
    tag: str | None = None
    dataset_name: str | None = None


class CatalogueReport(_Model):
    """The catalogue report (``stdschema catalog validate --format json``)."""

    report_version: Literal["1.0"] = CATALOGUE_REPORT_VERSION
    # A factory, not a default: the exported schema must not change with every version.
    tool: str = Field(
        default_factory=lambda: f"stdschema {__version__}",
        description="The tool and version that wrote the report.",
    )
    portal: str
    filters: Filters
    lang: Lang
    fail_on: str
    valid: bool = Field(description="Every checked resource valid and none failed.")
    totals: Totals
    ranking: list[RankedCode] = Field(
        description="Problem codes by resources affected, then occurrences, then code."
    )
    publishers: list[PublisherResult]


SCHEMA_FILE = "catalog-report.schema.json"


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`CatalogueReport`, as ``schemas/`` would hold it
    (:data:`SCHEMA_FILE`)."""
    from stdschema.schema.base import BASE_ID, META_SCHEMA

    schema = CatalogueReport.model_json_schema(mode="serialization")
    return {"$schema": META_SCHEMA, "$id": f"{BASE_ID}/{SCHEMA_FILE}", **schema}


# --- checking one resource ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Job:
    """One resource to check, with everything a worker process needs."""

    resource: Resource
    options: Any  # stdschema.validation.Options (imported lazily: pydantic)
    limits: FetchLimits
    state_dir: str | None = None
    options_key: str = ""


@dataclass(frozen=True, slots=True)
class Checked:
    """A worker's answer: the result, and what to record in the state (None: nothing)."""

    result: ResourceResult
    record: dict[str, Any] | None = None


def options_key(options: Any) -> str:
    """What makes results of two runs comparable: the tool's version and the options that
    change a result."""
    facts = [
        __version__,
        options.dataset,
        options.encoding,
        options.lang,
        options.fail_on,
        options.engine,
        list(options.select),
        list(options.ignore),
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()[:16]


def _base(res: Resource) -> dict[str, Any]:
    return {
        "id": res.id,
        "name": res.name,
        "url": res.url,
        "format": res.format,
        "last_modified": res.last_modified,
    }


def check_resource(job: Job) -> Checked:
    """Check one resource: skipped, from the state, failed, or fetched and validated."""
    from stdschema.io import InputError
    from stdschema.validation import validate_file

    res, options = job.resource, job.options
    if not res.checked:
        return Checked(ResourceResult(**_base(res), status="skipped"))
    state = State(Path(job.state_dir), job.options_key) if job.state_dir else None
    try:
        if state is not None:
            # A file the portal stores, listed as it was: no request to its server at all.
            kept = state.listed_unchanged(res.url, res.listed)
            if kept is not None:
                return Checked(_reused(kept))
            found = head(res.url, job.limits)
            kept = state.unchanged(res.url, found)
            if kept is not None:
                return Checked(_reused(kept), _relisted(state, res, kept))
        with fetched(res.url, job.limits) as got:
            ids = {"etag": got.etag, "size": got.size, "sha256": got.sha256}
            ids["last_modified"] = _iso_time(got.last_modified) or res.last_modified
            if state is not None:
                kept = state.same_content(res.url, got.sha256)
                if kept is not None:
                    # Same bytes as recorded: nothing to validate; record the new validators.
                    again = _record(kept, got.etag, got.last_modified, got, res.listed)
                    return Checked(_reused(kept), again)
            try:
                report = validate_file(got.path, options, name=res.url)
            except InputError as exc:
                message = exc.message_in(options.lang)
                code = exc.code or "unreadable"
                result = ResourceResult(
                    **_base(res) | {"last_modified": ids["last_modified"]},
                    status="unreadable",
                    read_error=message,
                    error=1,
                    problems={code: 1},
                    etag=got.etag,
                    size=got.size,
                    sha256=got.sha256,
                )
            else:
                result = _from_report(res, report, ids)
            plain = result.model_dump(mode="json")
            return Checked(result, _record(plain, got.etag, got.last_modified, got, res.listed))
    except (FetchError, RemoteExtraMissing) as exc:
        return _failed(res, "fetch-failed", fetch_error=exc.localized(options.lang))
    except Exception as exc:  # one resource must never stop the run: a bug is its result
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return _failed(res, "check-failed", read_error=detail)


def _iso_time(http_date: str | None) -> str | None:
    """A server's Last-Modified (``Wed, 12 Mar 2025 09:00:00 GMT``) in the form CKAN gives
    its times (ISO 8601, UTC, no zone: ``2025-03-12T09:00:00``), so that one report column
    holds one form; as given when it cannot be read."""
    if not http_date:
        return None
    from datetime import UTC
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(http_date)
    except (TypeError, ValueError):
        return http_date
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.isoformat()


def _failed(
    res: Resource, code: str, *, fetch_error: str | None = None, read_error: str | None = None
) -> Checked:
    """The result of a resource that could not be fetched or checked: one error, ``code``."""
    status = "fetch-failed" if fetch_error is not None else "unreadable"
    return Checked(
        ResourceResult(
            **_base(res),
            status=status,
            fetch_error=fetch_error,
            read_error=read_error,
            error=1,
            problems={code: 1},
        )
    )


def _record(
    result: dict[str, Any], etag: str | None, modified: str | None, got: Any, listed: str | None
) -> dict[str, Any]:
    return {
        "listed": listed,
        "result": {k: v for k, v in result.items() if k != "from_state"},
        "etag": etag,
        "last_modified": modified,
        "size": got.size,
        "sha256": got.sha256,
    }


def _relisted(state: State, res: Resource, kept: dict[str, Any]) -> dict[str, Any] | None:
    """The entry again with the portal's new listing of an unchanged file (so the next run
    needs no request), or None when the listing is the recorded one."""
    entry = state.entry(res.url) or {}
    if res.listed is None or entry.get("listed") == res.listed:
        return None
    ids = {key: entry.get(key) for key in ("etag", "last_modified", "size", "sha256")}
    return ids | {"result": kept, "listed": res.listed}


def _reused(kept: dict[str, Any]) -> ResourceResult:
    return ResourceResult.model_validate(kept | {"from_state": True})


def _from_report(res: Resource, report: Any, ids: dict[str, Any]) -> ResourceResult:
    ref = report.dataset
    summary = report.summary
    detected = f"{ref.id}@{ref.edition}" if ref.id and ref.edition else ref.id
    return ResourceResult(
        **_base(res) | {"last_modified": ids["last_modified"]},
        status="valid" if report.valid else "invalid",
        detected=detected,
        dataset_id=ref.id,
        edition=ref.edition,
        valid=report.valid,
        rows=report.rows,
        error=summary.error,
        warning=summary.warning,
        info=summary.info,
        problems=dict(sorted(summary.by_code.items())),
        etag=ids["etag"],
        size=ids["size"],
        sha256=ids["sha256"],
    )


def iter_checked(jobs: list[Job], workers: int = 1, dask: Any = None) -> Iterator[Checked]:
    """Each job's answer in the jobs' order, through the runner of ``validate``:
    ``workers`` > 1 processes (one that dies is replaced) or ``dask`` (a target or a
    client); a job whose worker is lost is its resource's ``worker-lost`` result."""
    from stdschema.distributed.runner import run_in_order

    return run_in_order(jobs, check_resource, _lost, jobs=workers, dask=dask)


def _lost(job: Job, error: str) -> Checked:
    message = t("runner.worker_lost", job.options.lang, error=error)
    return _failed(job.resource, "worker-lost", read_error=message)


# --- the whole catalogue ---------------------------------------------------------------------


def run_catalogue(
    portal: str,
    query: Query,
    options: Any,
    limits: FetchLimits,
    *,
    jobs: int = 1,
    state_dir: Path | None = None,
    dask: Any = None,
) -> CatalogueReport:
    """List, check and assemble (``jobs`` processes, or ``dask``: a target such as
    ``"local:4"`` or a connected client). Raises
    :class:`~stdschema.distributed.ckan.PortalError` when the portal cannot be listed,
    :class:`~stdschema.distributed.state.StateError` when the state folder cannot be used
    and :class:`~stdschema.distributed.runner.RunnerError` when the Dask target cannot be;
    a resource's failure is in its result."""
    listed = list_resources(portal, query, limits)
    key = options_key(options)
    state = State(state_dir, key) if state_dir is not None else None
    work = [Job(res, options, limits, str(state_dir) if state_dir else None, key) for res in listed]
    results = []
    for res, checked in zip(listed, iter_checked(work, jobs, dask), strict=True):
        if state is not None and checked.record is not None:
            state.record(res.url, **checked.record)
        results.append(checked.result)
    return assemble(portal, query, options.lang, options.fail_on, listed, results)


def assemble(
    portal: str,
    query: Query,
    lang: Lang,
    fail_on: str,
    listed: Iterable[Resource],
    results: Iterable[ResourceResult],
) -> CatalogueReport:
    """Group results by publisher and dataset (sorted by name), count and rank."""
    from stdschema.problems import CATALOGUE as PROBLEMS

    publishers: dict[str, PublisherResult] = {}
    datasets: dict[tuple[str, str], DatasetResult] = {}
    totals = Totals()
    files: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for res, result in zip(listed, results, strict=True):
        pub = publishers.setdefault(
            res.organization,
            PublisherResult(name=res.organization, title=res.organization_title, datasets=[]),
        )
        key = (res.organization, res.dataset)
        if key not in datasets:
            datasets[key] = DatasetResult(name=res.dataset, title=res.dataset_title, resources=[])
            pub.datasets.append(datasets[key])
        datasets[key].resources.append(result)
        pub.resources += 1
        totals.resources += 1
        status = result.status
        if status in ("valid", "invalid"):
            totals.checked += 1
            pub.checked += 1
        if status == "valid":
            totals.valid += 1
            pub.valid += 1
        elif status == "invalid":
            totals.invalid += 1
        elif status == "skipped":
            totals.skipped += 1
        else:
            totals.failed += 1
        totals.reused += result.from_state
        totals.error += result.error
        totals.warning += result.warning
        totals.info += result.info
        for code, n in result.problems.items():
            files[code] += 1
            occurrences[code] += n
    for pub in publishers.values():
        pub.datasets.sort(key=lambda d: d.name)
    ranked = sorted(files, key=lambda code: (-files[code], -occurrences[code], code))
    ranking = [
        RankedCode(
            code=code,
            title=_title(PROBLEMS.get(code), lang) or code,
            severity=_severity(PROBLEMS.get(code)),
            files=files[code],
            occurrences=occurrences[code],
        )
        for code in ranked
    ]
    return CatalogueReport(
        portal=portal,
        filters=Filters(
            organization=query.organization, tag=query.tag, dataset_name=query.dataset_name
        ),
        lang=lang,
        fail_on=fail_on,
        valid=totals.invalid == 0 and totals.failed == 0,
        totals=totals,
        ranking=ranking,
        publishers=sorted(publishers.values(), key=lambda p: p.name),
    )


def _severity(entry: Any) -> str | None:
    return None if entry is None else str(entry.severity.value)


def _title(entry: Any, lang: Lang) -> str | None:
    if entry is None:
        return None
    return str(entry.title_ja if lang == "ja" else entry.title_en)


def summary_line(report: CatalogueReport) -> str:
    """One line for stderr: how many resources went which way."""
    tot = report.totals
    return t(
        "catalog.summary",
        report.lang,
        resources=tot.resources,
        checked=tot.checked,
        valid=tot.valid,
        failed=tot.failed,
        skipped=tot.skipped,
        reused=tot.reused,
    )


def without_state_marks(report: CatalogueReport) -> CatalogueReport:
    """The report with ``from_state`` cleared: what a fresh run over the same bytes gives."""
    copy = report.model_copy(deep=True)
    copy.totals.reused = 0
    for pub in copy.publishers:
        for ds in pub.datasets:
            ds.resources = [r.model_copy(update={"from_state": False}) for r in ds.resources]
    return copy


# --- outputs -----------------------------------------------------------------------------

FORMATS = ("json", "html", "xlsx")


def render_json(report: CatalogueReport) -> str:
    """The report as JSON (UTF-8 text, Japanese as written), as the validation report is
    written: a portal's text is untrusted, so controls and bidi characters are escaped."""
    from stdschema.report.formats._shared import json_text

    return json_text(report.model_dump(mode="json"))


def _status_text(result: ResourceResult, lang: Lang) -> str:
    key = {"fetch-failed": "failed"}.get(result.status, result.status)
    return t(f"catalog.result.{key}", lang)


def _codes_text(result: ResourceResult) -> str:
    return ", ".join(f"{code} ({n})" for code, n in result.problems.items())


def _rows(
    report: CatalogueReport,
) -> Iterator[tuple[PublisherResult, DatasetResult, ResourceResult]]:
    for pub in report.publishers:
        for ds in pub.datasets:
            for res in ds.resources:
                yield pub, ds, res


_CSS = (
    "body{font-family:sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}"
    "th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}"
    "th{background:#eee}td.n{text-align:right}"
    # A long URL in an error breaks anywhere instead of squeezing the names into a column
    # a character wide.
    ".fetch-failed,.unreadable{overflow-wrap:anywhere;max-width:24em}"
    "td:nth-child(-n+2){min-width:7em}td.n{white-space:nowrap}"
    ".valid{background:#e6f4ea}.invalid{background:#fdecea}.fetch-failed,.unreadable"
    "{background:#fff4e5}.skipped{color:#777}a{word-break:break-all}"
)


def render_html(report: CatalogueReport) -> str:
    """A self-contained page (no script, no outside resource); every text escaped."""
    from html import escape

    lang = report.lang

    def cell(text: object, cls: str = "") -> str:
        attr = f' class="{cls}"' if cls else ""
        return f"<td{attr}>{escape(str(text if text is not None else ''))}</td>"

    def head(*keys: str) -> str:
        return "<tr>" + "".join(f"<th>{escape(t(k, lang))}</th>" for k in keys) + "</tr>"

    tot = report.totals
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing on the page runs or loads: its text comes from the portal.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{escape(t('catalog.html.title', lang))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(t('catalog.html.title', lang))}</h1>",
        f"<p>{escape(t('catalog.html.portal', lang))}: {escape(report.portal)}</p>",
        f"<h2>{escape(t('catalog.html.totals', lang))}</h2><table>",
    ]
    for key, value in [
        ("resources", tot.resources),
        ("checked", tot.checked),
        ("valid", tot.valid),
        ("invalid", tot.invalid),
        ("failed", tot.failed),
        ("skipped", tot.skipped),
        ("reused", tot.reused),
    ]:
        parts.append(
            f"<tr><th>{escape(t(f'catalog.total.{key}', lang))}</th>{cell(value, 'n')}</tr>"
        )
    parts.append("</table>")
    parts.append(f"<h2>{escape(t('catalog.html.ranking', lang))}</h2><table>")
    parts.append(
        head(
            "catalog.html.code",
            "catalog.html.problem",
            "catalog.html.files",
            "catalog.html.occurrences",
        )
    )
    for ranked in report.ranking:
        parts.append(
            "<tr>"
            + cell(ranked.code)
            + cell(ranked.title)
            + cell(ranked.files, "n")
            + cell(ranked.occurrences, "n")
            + "</tr>"
        )
    parts.append("</table>")
    parts.append(f"<h2>{escape(t('catalog.html.resource', lang))}</h2><table>")
    parts.append(
        head(
            "catalog.html.publisher",
            "catalog.html.dataset",
            "catalog.html.resource",
            "catalog.html.format",
            "catalog.html.detected",
            "catalog.html.result",
            "catalog.html.errors",
            "catalog.html.warnings",
            "catalog.html.codes",
            "catalog.html.last_modified",
        )
    )
    for pub, ds, res in _rows(report):
        label = escape(res.name or res.url)
        # Only a web address becomes a link: a portal's "javascript:" URL stays text.
        web = res.url.lower().startswith(("http://", "https://"))
        link = (
            f'<td><a href="{escape(res.url, quote=True)}">{label}</a></td>'
            if web
            else f"<td>{label}</td>"
        )
        why = res.fetch_error or res.read_error
        status = _status_text(res, lang) + (f": {why}" if why else "")
        parts.append(
            "<tr>"
            + cell(pub.title or pub.name)
            + cell(ds.title or ds.name)
            + link
            + cell(res.format)
            + cell(res.detected)
            + cell(status, res.status)
            + cell(res.error, "n")
            + cell(res.warning, "n")
            + cell(_codes_text(res))
            + cell(res.last_modified)
            + "</tr>"
        )
    parts.append("</table></body></html>\n")
    return "\n".join(parts)


def render_xlsx(report: CatalogueReport) -> bytes:
    """A workbook: one row a resource (filter, frozen header), and the ranking."""
    import io

    from openpyxl import Workbook  # type: ignore[import-untyped]

    from stdschema.conversion.excel_safe import formula_risk

    lang = report.lang

    book = Workbook()
    sheet = book.active
    sheet.title = t("catalog.xlsx.resources", lang)
    header = [
        t("catalog.html.publisher", lang),
        t("catalog.html.dataset", lang),
        t("catalog.html.resource", lang),
        t("catalog.xlsx.url", lang),
        t("catalog.html.format", lang),
        t("catalog.html.detected", lang),
        t("catalog.html.result", lang),
        t("catalog.html.errors", lang),
        t("catalog.html.warnings", lang),
        t("catalog.html.codes", lang),
        t("catalog.html.last_modified", lang),
        t("catalog.xlsx.error", lang),
    ]
    sheet.append(header)
    for pub, ds, res in _rows(report):
        row = [
            pub.title or pub.name,
            ds.title or ds.name,
            res.name,
            res.url,
            res.format,
            res.detected,
            _status_text(res, lang),
            res.error,
            res.warning,
            _codes_text(res),
            res.last_modified,
            res.fetch_error or res.read_error,
        ]
        sheet.append(row)
        for xcell in sheet[sheet.max_row]:
            # Portal text is untrusted: openpyxl would store "=..." as a formula.
            if isinstance(xcell.value, str) and formula_risk(xcell.value):
                xcell.data_type = "s"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    ranking = book.create_sheet(t("catalog.xlsx.ranking", lang))
    ranking.append(
        [
            t(k, lang)
            for k in (
                "catalog.html.code",
                "catalog.html.problem",
                "catalog.html.files",
                "catalog.html.occurrences",
            )
        ]
    )
    for ranked in report.ranking:
        ranking.append([ranked.code, ranked.title, ranked.files, ranked.occurrences])
    ranking.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
