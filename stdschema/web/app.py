"""The web workbench of ``stdschema serve``: pages for an officer, and a JSON API.

Pages are rendered on the server (Jinja2, autoescaped); the little script there is, is
served from ``static/`` and only refreshes the mapping preview. Every response carries a
Content-Security-Policy that allows nothing but this server (``default-src 'self'``); the
HTML report is shown in a sandboxed frame whose only script is the report's own, allowed
by its hash. Blocking work (reading, validating, converting) runs in a thread pool so that
the server keeps answering. See docs/web.md.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import re
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from stdschema.messages import CatalogueError, Lang, t
from stdschema.web.uploads import UploadError, receive
from stdschema.web.visits import Visit, VisitStore

if TYPE_CHECKING:
    from jinja2 import Environment

    from stdschema.report.model import Report

__all__ = ["WebSettings", "create_app"]

HERE = Path(__file__).parent
LANG_COOKIE = "stdschema_lang"
CSRF_COOKIE = "stdschema_csrf"
MAPPING_LIMIT = 1024 * 1024
"""Bytes of a saved mapping YAML uploaded with a file."""
PREVIEW_ROWS = 2000
"""Rows the live preview converts (the conversion itself converts every row)."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)
# The report's own script runs in an opaque origin (sandbox without allow-same-origin),
# allowed by its hash; the background tiles it could fetch are not allowed: nothing from
# the internet (LGWAN).
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src {script}; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-scripts"
)
_SCRIPT_HASH = re.compile(r"script-src ('sha256-[A-Za-z0-9+/=]+')")

DOWNLOADS = {
    "standard.csv": ("standard.csv", "text/csv; charset=utf-8"),
    "changes.csv": ("changes.csv", "text/csv; charset=utf-8"),
    "rejects.csv": ("rejects.csv", "text/csv; charset=utf-8"),
    "mapping.yaml": ("mapping.yaml", "application/yaml; charset=utf-8"),
    "report.xlsx": (
        "report.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "result-report.xlsx": (
        "result-report.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
"""What a visit offers for download: the stored name → (download name, media type)."""


@dataclass
class WebSettings:
    """How the server runs: where visits live, the upload cap, the idle timeout."""

    root: Path
    """The private temporary folder holding one folder a visit."""
    max_upload: int = 100 * 1024 * 1024
    idle_timeout: float = 1800.0
    lang: str = "ja"
    host: str = "127.0.0.1"


class WebError(Exception):
    """A refusal shown as a page (or JSON): HTTP ``status`` and a localized message."""

    def __init__(self, status: int, key: str | None = None, text: str | None = None, **values: Any):
        super().__init__(key or text or "")
        self.status = status
        self.key = key
        self.text = text
        self.values = values

    def message(self, lang: Lang) -> str:
        if self.key is not None:
            return t(self.key, lang, **self.values)
        return self.text or ""


def _input_message(exc: Exception, lang: Lang) -> str:
    """The localized message of an error of bad input (file, mapping, dataset)."""
    localized = getattr(exc, "localized", None)
    if callable(localized):
        return str(localized(lang))
    if isinstance(exc, CatalogueError):
        return exc.localized(lang)
    return str(exc)


def _bad_input_types() -> tuple[type[Exception], ...]:
    from stdschema.conversion.mapping import MappingError
    from stdschema.datasets import UnknownDatasetError
    from stdschema.io import InputError

    return (InputError, MappingError, CatalogueError, UnknownDatasetError)


def create_app(settings: WebSettings) -> FastAPI:
    """The workbench application for ``settings``."""
    store = VisitStore(Path(settings.root), settings.idle_timeout)
    env = _templates()
    bad_input = _bad_input_types()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep_forever(store))
        try:
            yield
        finally:
            sweeper.cancel()
            store.close()

    app = FastAPI(
        title="stdschema web",
        description=t("web.api.description", "en"),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def lang_of(request: Request) -> Lang:
        asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
        if asked in ("ja", "en"):
            return asked  # type: ignore[return-value]
        return "en" if settings.lang == "en" else "ja"

    def page(
        request: Request, name: str, status: int = 200, visit: Visit | None = None, **values: Any
    ) -> HTMLResponse:
        lang = lang_of(request)

        def m(key: str, **more: Any) -> str:
            return t(key, lang, **more)

        html = env.get_template(name).render(
            m=m, lang=lang, visit=visit, path=request.url.path, **values
        )
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in ("ja", "en"):
            response.set_cookie(
                LANG_COOKIE, lang, httponly=True, samesite="strict", max_age=365 * 86400
            )
        return response

    def error_page(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return page(request, "error.html", status=status, message=message)

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return error_page(request, exc.status, exc.message(lang_of(request)))

    @app.exception_handler(UploadError)
    async def _upload_error(request: Request, exc: UploadError) -> Response:
        return error_page(request, exc.status, t(exc.key, lang_of(request), **exc.values))

    for kind in bad_input:

        @app.exception_handler(kind)
        async def _bad_input(request: Request, exc: Exception) -> Response:
            return error_page(request, 400, _input_message(exc, lang_of(request)))

    @app.exception_handler(404)
    async def _not_found(request: Request, exc: Exception) -> Response:
        return error_page(request, 404, t("web.not_found", lang_of(request)))

    @app.exception_handler(405)
    async def _not_allowed(request: Request, exc: Exception) -> Response:
        return error_page(request, 405, t("web.not_allowed", lang_of(request)))

    @app.middleware("http")
    async def _headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    def visit_of(visit_id: str) -> Visit:
        visit = store.get(visit_id)
        if visit is None:
            raise WebError(404, "web.visit.gone")
        return visit

    def check_csrf(given: str | None, expected: str | None) -> None:
        if not given or not expected or not secrets.compare_digest(given, expected):
            raise WebError(403, "web.csrf")

    async def visit_form(request: Request, visit: Visit) -> dict[str, str]:
        form = await request.form(max_files=0, max_fields=2000)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        check_csrf(fields.get("csrf") or request.headers.get("x-csrf-token"), visit.csrf)
        return fields

    # -- pages -------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request) -> Response:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        notice = request.query_params.get("ended")
        response = page(
            request,
            "index.html",
            csrf=token,
            notice=t("web.visit.ended", lang_of(request)) if notice else None,
            max_mb=f"{settings.max_upload / (1024 * 1024):g}",
        )
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> Response:
        _check_length(request, settings.max_upload)
        visit = store.new()
        try:
            received = await receive(
                request.stream(),
                request.headers.get("content-type", ""),
                visit.folder,
                settings.max_upload,
                file_fields={"file": "input", "mapping": "mapping"},
            )
            check_csrf(
                received.fields.get("csrf") or request.headers.get("x-csrf-token"),
                request.cookies.get(CSRF_COOKIE),
            )
            if "file" not in received.files:
                raise WebError(400, "web.upload.no_file")
            visit.input_path = received.files["file"]
            visit.client_name = received.names.get("file", "")
            lang = lang_of(request)
            if "mapping" in received.files:
                visit.mapping_path = received.files["mapping"]
                if visit.mapping_path.stat().st_size > MAPPING_LIMIT:
                    raise WebError(413, "web.upload.mapping_too_large")
                mapping = await run_in_threadpool(_load_mapping, visit.mapping_path, lang)
                visit.dataset, visit.chosen = mapping.target, True
            await run_in_threadpool(_prepare, visit, lang)
        except BaseException:
            store.end(visit.id)
            raise
        return RedirectResponse(f"/v/{visit.id}/", status_code=303)

    @app.get("/v/{visit_id}/", response_class=HTMLResponse, include_in_schema=False)
    async def visit_page(request: Request, visit_id: str) -> Response:
        visit = visit_of(visit_id)
        from stdschema.datasets import list_datasets

        choices = [(m.__dataset__.key, _dataset_label(m)) for m in list_datasets()]
        return page(
            request,
            "visit.html",
            visit=visit,
            choices=choices,
            detected=_dataset_text(visit.detected, lang_of(request)),
        )

    @app.post("/v/{visit_id}/dataset", include_in_schema=False)
    async def choose_dataset(request: Request, visit_id: str) -> Response:
        visit = visit_of(visit_id)
        fields = await visit_form(request, visit)
        from stdschema.datasets import get_dataset

        chosen = get_dataset(fields.get("dataset", "")).__dataset__.key
        with visit.lock:
            visit.dataset, visit.chosen = chosen, True
            visit.form = None
        await run_in_threadpool(_render_report, visit, lang_of(request))
        return RedirectResponse(f"/v/{visit.id}/", status_code=303)

    @app.get("/v/{visit_id}/report.html", include_in_schema=False)
    async def report_html(request: Request, visit_id: str) -> Response:
        visit = visit_of(visit_id)
        lang = lang_of(request)
        path = visit.folder / f"report.{lang}.html"
        if not path.exists():
            await run_in_threadpool(_render_report, visit, lang)
        text = path.read_text(encoding="utf-8")
        found = _SCRIPT_HASH.search(text)
        script = found.group(1) if found else "'none'"
        return HTMLResponse(
            text, headers={"Content-Security-Policy": REPORT_CSP.format(script=script)}
        )

    @app.get("/v/{visit_id}/map", response_class=HTMLResponse, include_in_schema=False)
    async def mapping_page(request: Request, visit_id: str) -> Response:
        visit = visit_of(visit_id)
        lang = lang_of(request)
        if visit.form is None:
            await run_in_threadpool(_start_form, visit, lang)
        from stdschema.web import form as forms

        counts = await run_in_threadpool(_preview, visit, lang)
        return page(
            request,
            "map.html",
            visit=visit,
            form=visit.form,
            transforms=forms.transform_choices(lang),
            counts=counts,
            limit=PREVIEW_ROWS,
            preview_text=_preview_text(counts, lang),
            unused_text=_unused_text(visit.form, lang),
        )

    async def edited(request: Request, visit_id: str, *, form_post: bool) -> tuple[Visit, Lang]:
        """The visit with the officer's choices of a post applied: the mapping form's
        (``form_post``, or any post naming a source column) and the keep-incomplete box."""
        visit = visit_of(visit_id)
        fields = await visit_form(request, visit)
        lang = lang_of(request)
        visit.keep_incomplete = fields.get("keep_incomplete") == "1"
        if form_post or any(key.startswith("source-") for key in fields):
            if visit.form is None:
                await run_in_threadpool(_start_form, visit, lang)
            await run_in_threadpool(_apply, visit, fields, lang)
        return visit, lang

    @app.post("/v/{visit_id}/preview", include_in_schema=False)
    async def preview(request: Request, visit_id: str) -> Response:
        visit, lang = await edited(request, visit_id, form_post=True)
        if "x-csrf-token" not in request.headers:
            return RedirectResponse(f"/v/{visit.id}/map", status_code=303)
        counts = await run_in_threadpool(_preview, visit, lang)
        rows = [
            {
                "index": row.index,
                "samples": [list(pair) for pair in row.samples],
                "error": row.error,
            }
            for row in visit.form.rows
        ]
        return JSONResponse(
            {
                "text": _preview_text(counts, lang),
                "unused": _unused_text(visit.form, lang),
                "read": counts.read,
                "written": counts.written,
                "rejected": counts.rejected,
                "problems": list(counts.problems),
                "rows": rows,
            }
        )

    @app.post("/v/{visit_id}/convert", include_in_schema=False)
    async def convert(request: Request, visit_id: str) -> Response:
        visit, lang = await edited(request, visit_id, form_post=False)
        await run_in_threadpool(_convert, visit, lang)
        return RedirectResponse(f"/v/{visit.id}/result", status_code=303)

    @app.get("/v/{visit_id}/result", response_class=HTMLResponse, include_in_schema=False)
    async def result_page(request: Request, visit_id: str) -> Response:
        visit = visit_of(visit_id)
        if visit.result is None:
            raise WebError(404, "web.result.none")
        return page(request, "result.html", visit=visit, result=visit.result)

    @app.get("/v/{visit_id}/download/{name}", include_in_schema=False)
    async def download(request: Request, visit_id: str, name: str) -> Response:
        visit = visit_of(visit_id)
        if name not in DOWNLOADS:
            raise WebError(404, "web.not_found")
        lang = lang_of(request)
        if name == "report.xlsx":
            await run_in_threadpool(_report_xlsx, visit, lang)
        path = visit.folder / name
        if not path.is_file():
            raise WebError(404, "web.download.missing")
        shown, media = DOWNLOADS[name]
        if visit.input_path is not None:
            # Named after the officer's file (its stored, plain-character stem), so that a
            # month's downloads do not all arrive as standard.csv.
            shown = f"{visit.input_path.stem}_{shown}"
        return FileResponse(path, media_type=media, filename=shown)

    @app.post("/v/{visit_id}/end", include_in_schema=False)
    async def end(request: Request, visit_id: str) -> Response:
        visit = visit_of(visit_id)
        await visit_form(request, visit)
        store.end(visit.id)
        return RedirectResponse("/?ended=1", status_code=303)

    _api(app, settings, lang_of)
    return app


# -- the API ---------------------------------------------------------------------------


def _multipart(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """The OpenAPI request body of a multipart endpoint (the body is parsed by
    :func:`stdschema.web.uploads.receive`, not by FastAPI, to cap it while reading)."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": properties, "required": required}
                }
            },
        }
    }


_FILE = {"type": "string", "format": "binary", "description": "CSV, XLSX or XML file"}
_DATASET = {"type": "string", "description": "dataset edition, e.g. aed_locations@v2"}
_LANG = {"type": "string", "enum": ["ja", "en"]}


def _api(app: FastAPI, settings: WebSettings, lang_of: Callable[[Request], Lang]) -> None:
    """The JSON API: the same actions as the pages, one request each, nothing kept."""

    @contextlib.asynccontextmanager
    async def received(request: Request, files: dict[str, str]) -> AsyncIterator[Any]:
        _check_length(request, settings.max_upload)
        Path(settings.root).mkdir(parents=True, exist_ok=True, mode=0o700)
        folder = Path(tempfile.mkdtemp(prefix="api-", dir=settings.root))
        try:
            body = await receive(
                request.stream(),
                request.headers.get("content-type", ""),
                folder,
                settings.max_upload,
                file_fields=files,
            )
            if "file" not in body.files:
                raise WebError(400, "web.upload.no_file")
            yield folder, body
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def api_lang(request: Request, fields: dict[str, str]) -> Lang:
        asked = fields.get("lang")
        return asked if asked in ("ja", "en") else lang_of(request)  # type: ignore[return-value]

    @app.post(
        "/api/validate",
        summary="Validate a file: the JSON report (as `stdschema validate --format json`)",
        openapi_extra=_multipart({"file": _FILE, "dataset": _DATASET, "lang": _LANG}, ["file"]),
    )
    async def api_validate(request: Request) -> Response:
        async with received(request, {"file": "input"}) as (_folder, body):
            lang = api_lang(request, body.fields)
            name = body.names.get("file") or "upload"
            dataset = body.fields.get("dataset") or None
            text = await run_in_threadpool(
                _report_text, body.files["file"], name, dataset, lang, "json"
            )
        return Response(text, media_type="application/json")

    @app.post(
        "/api/suggest",
        summary="Suggest a mapping of a legacy file to a dataset edition (JSON and YAML)",
        openapi_extra=_multipart(
            {"file": _FILE, "dataset": _DATASET, "lang": _LANG}, ["file", "dataset"]
        ),
    )
    async def api_suggest(request: Request) -> Response:
        async with received(request, {"file": "input"}) as (_folder, body):
            lang = api_lang(request, body.fields)
            dataset = body.fields.get("dataset") or ""
            data = await run_in_threadpool(_suggest_json, body.files["file"], dataset, lang)
        return JSONResponse(data)

    @app.post(
        "/api/convert",
        summary="Convert a file with a mapping YAML (or a near-standard file with a dataset): "
        "counts, and the standard CSV (UTF-8 with BOM) in base64",
        openapi_extra=_multipart(
            {
                "file": _FILE,
                "mapping": {"type": "string", "format": "binary", "description": "mapping YAML"},
                "dataset": _DATASET,
                "lang": _LANG,
            },
            ["file"],
        ),
    )
    async def api_convert(request: Request) -> Response:
        async with received(request, {"file": "input", "mapping": "mapping"}) as (folder, body):
            lang = api_lang(request, body.fields)
            mapping = body.files.get("mapping")
            if mapping is not None and mapping.stat().st_size > MAPPING_LIMIT:
                raise WebError(413, "web.upload.mapping_too_large")
            dataset = body.fields.get("dataset") or None
            if mapping is None and dataset is None:
                raise WebError(400, "web.api.need_mapping_or_dataset")
            data = await run_in_threadpool(
                _convert_json, body.files["file"], folder, mapping, dataset, lang
            )
        return JSONResponse(data)


# -- the work, in threads ----------------------------------------------------------------


def _templates() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


async def _sweep_forever(store: VisitStore) -> None:
    pause = max(1.0, min(60.0, store.idle_timeout / 4))
    while True:
        await asyncio.sleep(pause)
        await run_in_threadpool(store.sweep)


def _check_length(request: Request, limit: int) -> None:
    """Refuse a body that says it is too large before reading any of it."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise UploadError(413, "web.upload.too_large", limit=f"{limit / (1024 * 1024):g}")


def _load_mapping(path: Path, lang: Lang) -> Any:
    from stdschema.conversion.mapping import load_mapping

    return load_mapping(path, lang)


def _validate(path: Path, name: str, dataset: str | None, lang: Lang) -> Report:
    """The report of ``path`` as ``stdschema validate`` makes it (problems capped alike)."""
    from stdschema.config import DEFAULT_MAX_PROBLEMS
    from stdschema.validation import Options, build_report, validate_file

    options = Options(dataset=dataset, lang=lang, max_problems=DEFAULT_MAX_PROBLEMS)
    return build_report([validate_file(path, options, name=name)], options)


def _report_text(path: Path, name: str, dataset: str | None, lang: Lang, fmt: str) -> str:
    from stdschema.report.formats import RenderOptions, get_reporter

    report = _validate(path, name, dataset, lang)
    return get_reporter(fmt).render(report, RenderOptions(lang=lang))


def _prepare(visit: Visit, lang: Lang) -> None:
    """Detect the dataset of a new visit's file and render its report."""
    from stdschema.validation import guidance_target

    assert visit.input_path is not None
    report = _validate(visit.input_path, visit.client_name or "upload", _checked(visit), lang)
    ref = report.files[0].dataset
    if ref.id is not None and ref.edition is not None:
        visit.detected = f"{ref.id}@{ref.edition}"
    if visit.dataset is None:
        # A legacy file: the dataset its name names, as validate's guidance picks it.
        named = guidance_target(Path(visit.client_name), None) if visit.client_name else None
        visit.dataset = visit.detected or named
    _write_report(visit, report, lang)


def _checked(visit: Visit) -> str | None:
    """The dataset the visit's file is validated against: the chosen one, else detected."""
    return visit.dataset if visit.chosen else None


def _render_report(visit: Visit, lang: Lang) -> None:
    assert visit.input_path is not None
    with visit.lock:
        report = _validate(visit.input_path, visit.client_name or "upload", _checked(visit), lang)
        _write_report(visit, report, lang)


def _write_report(visit: Visit, report: Report, lang: Lang) -> None:
    from stdschema.report.formats import RenderOptions, get_reporter

    for old in visit.folder.glob("report.*"):
        old.unlink()
    visit.report = report
    html = get_reporter("html").render(report, RenderOptions(lang=lang))
    (visit.folder / f"report.{lang}.html").write_text(html, encoding="utf-8")


def _report_xlsx(visit: Visit, lang: Lang) -> None:
    from stdschema.report.formats import RenderOptions, get_reporter

    assert visit.input_path is not None
    with visit.lock:
        report = visit.report
        if report is None or report.lang != lang:
            report = _validate(
                visit.input_path, visit.client_name or "upload", _checked(visit), lang
            )
        data = get_reporter("xlsx").render_bytes(report, RenderOptions(lang=lang))
        (visit.folder / "report.xlsx").write_bytes(data)


def _preview_text(counts: Any, lang: Lang) -> str:
    """The preview's line: the counts, saying whether only the first rows were converted,
    or why the conversion could not run."""
    if counts.error:
        return str(counts.error)
    key = "web.map.preview" if counts.sample else "web.map.preview_all"
    return t(
        key,
        lang,
        limit=counts.limit or PREVIEW_ROWS,
        read=counts.read,
        written=counts.written,
        rejected=counts.rejected,
    )


def _unused_text(form: Any, lang: Lang) -> str:
    """The line listing the input columns no row reads (empty when every one is used)."""
    if form is None or not form.unused_sources:
        return ""
    return t("web.map.unused", lang, columns="、".join(form.unused_sources))


def _start_form(visit: Visit, lang: Lang) -> None:
    from stdschema.web import form as forms

    assert visit.input_path is not None
    with visit.lock:
        if visit.mapping_path is not None:
            mapping = _load_mapping(visit.mapping_path, lang)
            visit.form = forms.form_from_mapping(visit.input_path, mapping, lang=lang)
        else:
            if visit.dataset is None:
                raise WebError(400, "web.map.no_dataset")
            visit.form = forms.build_form(visit.input_path, visit.dataset, lang=lang)
        if visit.client_name:
            visit.form.input_name = visit.client_name  # the YAML's comment names the officer's file


def _apply(visit: Visit, fields: dict[str, str], lang: Lang) -> None:
    from stdschema.web import form as forms

    assert visit.input_path is not None
    with visit.lock:
        edited = forms.apply_choices(visit.form, fields, lang=lang)
        visit.form = forms.refresh_samples(edited, visit.input_path, lang=lang)


def _preview(visit: Visit, lang: Lang) -> Any:
    from stdschema.web import form as forms

    assert visit.input_path is not None
    with visit.lock:
        return forms.preview_counts(
            visit.form,
            visit.input_path,
            lang=lang,
            limit_rows=PREVIEW_ROWS,
            keep_incomplete=visit.keep_incomplete,
        )


def _convert(visit: Visit, lang: Lang) -> None:
    """Convert the visit's file (the form's mapping, else the saved one) with its outputs."""
    from stdschema.conversion.engine import convert

    assert visit.input_path is not None
    with visit.lock:
        folder = visit.folder
        if visit.form is not None:
            from stdschema.web import form as forms

            mapping = forms.form_mapping(visit.form)
            yaml_text = forms.mapping_yaml(visit.form, lang=lang)
        elif visit.mapping_path is not None:
            mapping = _load_mapping(visit.mapping_path, lang)
            yaml_text = visit.mapping_path.read_text(encoding="utf-8")
        else:
            raise WebError(400, "web.convert.no_mapping")
        visit.result = convert(
            visit.input_path,
            output=folder / "standard.csv",
            mapping=mapping,
            bom=True,
            rejects=folder / "rejects.csv",
            changes=folder / "changes.csv",
            lang=lang,
            keep_incomplete=visit.keep_incomplete,
        )
        (folder / "mapping.yaml").write_text(yaml_text, encoding="utf-8")
        from stdschema.report.formats import RenderOptions, get_reporter

        report = _validate(folder / "standard.csv", "standard.csv", mapping.target, lang)
        data = get_reporter("xlsx").render_bytes(report, RenderOptions(lang=lang))
        (folder / "result-report.xlsx").write_bytes(data)


def _suggest_json(path: Path, dataset: str, lang: Lang) -> dict[str, Any]:
    from stdschema.conversion.suggest import render_yaml, suggest_mapping
    from stdschema.datasets import get_dataset

    if not dataset:
        raise WebError(400, "web.api.need_dataset")
    target = get_dataset(dataset).__dataset__.key
    found = suggest_mapping(path, target)
    columns = [
        {
            "target": c.target,
            "requirement": c.requirement,
            "source": c.rule.source if c.rule is not None else None,
            "mapped": c.mapped,
            "confidence": round(c.confidence, 3),
            "reasons": [r.text(lang) for r in c.reasons],
            "alternatives": list(c.alternatives),
        }
        for c in found.columns
    ]
    return {
        "target": found.target,
        "input_columns": list(found.input_columns),
        "unused_sources": list(found.unused_sources),
        "rows_sampled": found.rows_sampled,
        "columns": columns,
        "yaml": render_yaml(found, lang),
    }


def _convert_json(
    path: Path, folder: Path, mapping: Path | None, dataset: str | None, lang: Lang
) -> dict[str, Any]:
    from stdschema.conversion.engine import convert

    output = folder / "standard.csv"
    report = convert(
        path,
        output=output,
        mapping=None if mapping is None else _load_mapping(mapping, lang),
        dataset=dataset,
        bom=True,
        rejects=folder / "rejects.csv",
        changes=folder / "changes.csv",
        lang=lang,
    )
    return {
        "target": report.target,
        "mode": report.mode,
        "counts": report.counts.model_dump(mode="json"),
        "reconciled": report.reconciled,
        "rejected_by_code": report.rejected_by_code,
        "notes": list(report.notes),
        "csv_base64": base64.b64encode(output.read_bytes()).decode("ascii"),
        "rejects_base64": _b64(folder / "rejects.csv"),
        "changes_base64": _b64(folder / "changes.csv"),
    }


def _b64(path: Path) -> str | None:
    return base64.b64encode(path.read_bytes()).decode("ascii") if path.is_file() else None


def _dataset_label(model: Any) -> str:
    info = model.__dataset__
    return f"{info.name_ja} ({info.key})"


def _dataset_text(key: str | None, lang: Lang) -> str:
    if key is None:
        return t("web.visit.not_detected", lang)
    from stdschema.datasets import get_dataset

    info = get_dataset(key).__dataset__
    return t("web.visit.detected", lang, name=info.name_ja, dataset=info.key)
