"""``stdschema catalog``: check every file a CKAN portal publishes; the report's schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer

from stdschema.cli.common import (
    LangName,
    LangOption,
    dask_target,
    fail,
    h,
    one_line,
    print_json,
    resolve_lang,
    write_atomic,
)
from stdschema.cli.usage import LocalizedGroup
from stdschema.messages import t

app = typer.Typer(cls=LocalizedGroup, help=h("catalog"), no_args_is_help=True)

CatalogFormat = Literal["json", "html", "xlsx"]


@app.command("validate", help=h("catalog.validate"))
def validate_command(
    context: typer.Context,
    url: str = typer.Argument(..., help=h("catalog.url"), show_default=False),
    organization: str | None = typer.Option(None, "--organization", help=h("catalog.organization")),
    tag: str | None = typer.Option(None, "--tag", help=h("catalog.tag")),
    dataset_name: str | None = typer.Option(None, "--dataset-name", help=h("catalog.dataset_name")),
    fmt: CatalogFormat = typer.Option("json", "--format", "-f", help=h("catalog.format")),
    output: Path | None = typer.Option(None, "--output", "-o", help=h("catalog.output")),
    state: Path | None = typer.Option(None, "--state", help=h("catalog.state")),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help=h("catalog.jobs")),
    dask: str | None = typer.Option(
        None, "--dask", metavar="ADDRESS", help=h("catalog.dask"), show_default=False
    ),
    max_mb: float = typer.Option(200.0, "--max-mb", min=0.001, help=h("catalog.max_mb")),
    timeout: float = typer.Option(30.0, "--timeout", min=0.01, help=h("catalog.timeout")),
    lang: LangName | None = LangOption,
) -> None:
    """Fetch and check a CKAN portal's CSV/XLSX/XML resources; one catalogue report.

    Exit codes: 0 all valid, 1 problems or failed resources, 2 usage error or unreachable
    portal.
    """
    from stdschema.cli.common import check_outputs
    from stdschema.distributed.catalog import (
        render_html,
        render_json,
        render_xlsx,
        run_catalogue,
        summary_line,
    )
    from stdschema.distributed.ckan import PortalError, Query
    from stdschema.distributed.remote import FetchLimits
    from stdschema.distributed.runner import RunnerError
    from stdschema.distributed.state import StateError
    from stdschema.validation import Options

    language = resolve_lang(lang)
    if not url.lower().startswith(("http://", "https://")):
        fail(t("catalog.bad_url", language, url=url), lang=language)
    if fmt == "xlsx" and output is None:
        fail(t("catalog.binary_needs_output", language, format=fmt), lang=language)
    check_outputs([output], [], language, ["-o"])
    target = dask_target(context, dask, jobs, language)
    limits = FetchLimits(max_bytes=int(max_mb * 1024 * 1024), timeout=timeout)
    # Counts are all a catalogue report keeps of a file's problems.
    options = Options(lang=language, max_problems=0)
    query = Query(organization=organization, tag=tag, dataset_name=dataset_name)
    try:
        report = run_catalogue(url, query, options, limits, jobs=jobs, state_dir=state, dask=target)
    except (PortalError, StateError, RunnerError) as exc:
        fail(exc, lang=language)
    if fmt == "xlsx" and output is not None:
        write_atomic(output, render_xlsx(report), language)
    else:
        text = render_html(report) if fmt == "html" else render_json(report)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text, language)
    sys.stderr.write(f"stdschema: {one_line(summary_line(report))}\n")
    if output is not None:
        sys.stderr.write(f"stdschema: {one_line(t('catalog.written', language, path=output))}\n")
    if not report.valid:
        raise typer.Exit(1)


@app.command("schema", help=h("catalog.schema"))
def schema_command(lang: LangName | None = LangOption) -> None:
    """Print the JSON Schema of the catalogue report."""
    from stdschema.distributed.catalog import catalogue_schema

    resolve_lang(lang)
    print_json(catalogue_schema())
