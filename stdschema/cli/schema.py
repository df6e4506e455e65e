"""``stdschema schema``: export JSON Schemas, check that ``schemas/`` is current."""

from __future__ import annotations

from pathlib import Path

import typer

from stdschema.cli.common import LangName, LangOption, SchemaFormat, fail, h, resolve_lang
from stdschema.cli.usage import LocalizedGroup

app = typer.Typer(cls=LocalizedGroup, help=h("schema"), no_args_is_help=True)


@app.command("export", help=h("schema.export"))
def export_command(
    out: Path = typer.Option(Path("schemas"), "--out", "-o", help=h("schema.out")),
    check: bool = typer.Option(False, "--check", help=h("schema.check")),
    fmt: SchemaFormat = typer.Option("all", "--format", "-f", help=h("schema.format")),
    lang: LangName | None = LangOption,
) -> None:
    """Write one JSON Schema (2020-12) and one Table Schema per dataset edition, and an index."""
    from stdschema.messages import t
    from stdschema.outputs import OutputError
    from stdschema.schema import FORMATS, export, stale

    language = resolve_lang(lang)
    if fmt not in FORMATS:
        fail(
            t("schema.unknown_format", language, value=repr(fmt), expected=", ".join(FORMATS)),
            lang=language,
        )
    if check:
        problems = stale(out, fmt)
        if problems:
            for p in problems:
                typer.echo(p, err=True)
            typer.echo(t("schema.stale", language, out=out), err=True)
            raise typer.Exit(1)
        typer.echo(t("schema.fresh", language, out=out))
        return
    try:
        written = export(out, language, fmt)
    except OutputError as exc:
        fail(exc, lang=language)
    except OSError as exc:
        where = exc.filename or out
        reason = exc.strerror or str(exc)
        fail(t("output.nothing_written", language, path=where, reason=reason), lang=language)
    typer.echo(t("schema.written", language, count=len(written), out=out))
