"""``stdschema config show``: the settings ``validate`` would use here, and where each came
from (the configuration file's key, the command line, the environment or the default)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from stdschema.cli.common import (
    ConfigFormat,
    LangName,
    LangOption,
    fail,
    h,
    print_json,
    resolve_lang,
)
from stdschema.cli.usage import LocalizedGroup

app = typer.Typer(cls=LocalizedGroup, help=h("config"), no_args_is_help=True)


@app.command("show", help=h("config.show"))
def show_command(
    context: typer.Context,
    config_file: Path | None = typer.Option(
        None,
        "--config",
        help=h("opt.config"),
    ),
    no_config: bool = typer.Option(False, "--no-config", help=h("opt.no_config")),
    fmt: ConfigFormat = typer.Option("text", "--format", "-f", help=h("config.format")),
    lang: LangName | None = LangOption,
) -> None:
    """Print the effective settings of validate and where each came from."""
    from stdschema import config
    from stdschema.messages import t

    language = resolve_lang(lang)
    if fmt not in ("text", "json"):
        fail(t("report.format_unknown", language, choices="text, json", value=repr(fmt)))
    try:
        project = config.discover(config_file, disabled=no_config, lang=language)
    except config.ConfigError as exc:
        fail(exc, lang=language)
    source = context.get_parameter_source("lang")
    typed = {} if source is None or source.name in ("DEFAULT", "DEFAULT_MAP") else {"lang": lang}
    settings = config.effective(project, typed)
    if settings["lang"].value != language:
        language = resolve_lang(settings["lang"].value)
    where = None if project.path is None else config.shown(project.path)
    if fmt == "json":
        print_json(
            {
                "config": where,
                "settings": {
                    key: {"value": _plain(key, s.value), "source": s.source}
                    for key, s in settings.items()
                },
            }
        )
        return
    head = t("config.show.no_file", language)
    if where is not None:
        head = t("config.show.file", language, path=where)
    typer.echo(head)
    rows = [
        (
            t("config.show.setting", language),
            t("config.show.value", language),
            t("config.show.source", language),
        )
    ]
    for key, setting in settings.items():
        lines = _shown(key, setting.value, language)
        rows.append((key, lines[0], _source(setting.source, language)))
        rows += [("", line, "") for line in lines[1:]]
    widths = [max(_width(row[i]) for row in rows) for i in range(2)]
    for row in rows:
        cells = [row[i] + " " * (widths[i] - _width(row[i])) for i in range(2)]
        typer.echo(f"{cells[0]}  {cells[1]}  {row[2]}".rstrip())


def _plain(key: str, value: Any) -> Any:
    """A setting's value as JSON: datasets as an object, selections as lists."""
    if key == "datasets":
        return dict(value)
    return list(value) if isinstance(value, tuple) else value


def _shown(key: str, value: Any, lang: Any) -> list[str]:
    """A setting's value as lines of text."""
    from stdschema.messages import t

    if key == "datasets":
        return [f"{glob} → {dataset}" for glob, dataset in value] or [t("config.show.none", lang)]
    if key in ("select", "ignore"):
        if value:
            return [", ".join(value)]
        return [t("config.show.all" if key == "select" else "config.show.none", lang)]
    if value is None:
        return [t("config.show.none", lang)]
    if key == "baseline":
        from stdschema.config import shown

        return [shown(Path(value))]
    return [str(value)]


def _source(source: str, lang: Any) -> str:
    from stdschema.messages import t

    if source in ("default", "cli", "env"):
        return t(f"config.show.source.{source}", lang)
    return source


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (East Asian wide characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
