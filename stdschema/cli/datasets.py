"""``stdschema datasets``: list dataset editions, show one, detect files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from stdschema.cli.common import (
    Edition,
    LangName,
    LangOption,
    fail,
    h,
    one_line,
    print_json,
    resolve_lang,
)
from stdschema.cli.usage import LocalizedGroup

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from stdschema.messages import Lang

app = typer.Typer(
    cls=LocalizedGroup,
    help=h("datasets"),
    invoke_without_command=True,
    no_args_is_help=False,
)


def _summary(model: Any) -> dict[str, Any]:
    info = model.__dataset__
    return {
        "id": info.id,
        "edition": info.edition,
        "key": info.key,
        "name_ja": info.name_ja,
        "name_en": info.name_en,
        "slug": info.slug,
        "sheet": info.sheet,
        "columns": len(model.__columns__),
        "confidence": info.confidence.value,
        "unconfirmed_rules": len(model.unconfirmed_rules()),
        "class": f"{model.__module__}.{model.__name__}",
    }


def _console() -> Console:
    """A console that reads no markup, emoji codes or highlighting into what it prints."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False)


@app.callback()
def list_command(
    ctx: typer.Context,
    edition: Edition | None = typer.Option(None, "--edition", help=h("datasets.edition")),
    as_json: bool = typer.Option(False, "--json", help=h("opt.json_list")),
    lang: LangName | None = LangOption,
) -> None:
    """List every dataset edition with its column count and confidence."""
    if ctx.invoked_subcommand is not None:
        return
    from stdschema.datasets import UnknownDatasetError, list_datasets
    from stdschema.messages import t

    language = resolve_lang(lang)
    try:
        models = list_datasets(edition)
    except UnknownDatasetError as exc:
        fail(exc, lang=language)
    rows = [_summary(m) for m in models]
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    table = Table(show_lines=False)
    for key in ("id", "edition", "name", "columns", "confidence", "slug"):
        table.add_column(
            t(f"label.{key}", language), justify="right" if key == "columns" else "left"
        )
    for r in rows:
        table.add_row(
            r["id"],
            r["edition"],
            # --lang en: the English name where the catalogue has one.
            (language == "en" and r["name_en"]) or r["name_ja"],
            str(r["columns"]),
            t(f"confidence.{r['confidence']}", language),
            r["slug"] or "",
        )
    console = _console()
    console.print(table)
    if edition in (None, "v2"):
        from stdschema.datasets.excluded import NOT_MODELLED

        console.print(t("excluded.heading", language))
        for sheet in NOT_MODELLED:
            console.print(
                f"  {sheet.sheet} {sheet.id} ({sheet.name_ja}): {t(sheet.reason_key, language)}",
                soft_wrap=True,
            )


@app.command("show", help=h("datasets.show"))
def show_command(
    dataset: str = typer.Argument(..., help=h("datasets.show.dataset")),
    as_json: bool = typer.Option(False, "--json", help=h("datasets.show.json")),
    lang: LangName | None = LangOption,
) -> None:
    """Show the columns of one dataset edition."""
    from stdschema.datasets import UnknownDatasetError, get_dataset
    from stdschema.messages import t
    from stdschema.types import RULES

    language = resolve_lang(lang)
    from stdschema.datasets.excluded import NOT_MODELLED

    try:
        model = get_dataset(dataset)
    except UnknownDatasetError as exc:
        left_out = [s for s in NOT_MODELLED if s.id == dataset.partition("@")[0]]
        if left_out:
            fail(
                t("excluded.no_model", language, id=left_out[0].id, sheet=left_out[0].sheet)
                + t(left_out[0].reason_key, language),
                lang=language,
            )
        fail(exc, lang=language)
    if as_json:
        info = _summary(model)
        info["columns"] = [
            {
                "no": c.no,
                "letter": c.letter,
                "header": c.header,
                "attr": c.attr,
                "english_name": c.english_name,
                "requirement": c.requirement.value,
                "requirement_confirmed": c.requirement_confirmed,
                "rule": c.rule,
                "rule_confirmed": c.rule_confirmed,
                "format": c.format,
                "example": c.example,
                "allowed_values": list(c.allowed_values),
                "header_confirmed": c.header_confirmed,
            }
            for c in model.__columns__
        ]
        print_json(info)
        return
    from rich.table import Table

    info_ = model.__dataset__
    table = Table(
        title=f"{(language == 'en' and info_.name_en) or info_.name_ja} "
        f"({info_.key}, {t(f'confidence.{info_.confidence.value}', language)})"
    )
    table.add_column("#", justify="right")
    for key in ("header", "attr", "requirement", "rule", "example"):
        table.add_column(t(f"label.{key}", language))
    for c in model.__columns__:
        rule = RULES[c.rule]
        rule_text = rule.ja if language == "ja" else rule.en
        if not c.rule_confirmed and c.rule != "text":
            rule_text += t("rule.advisory", language)
        mark = c.requirement.mark + ("?" if not c.requirement_confirmed else "")
        table.add_row(str(c.no), c.header, c.attr, mark, rule_text, c.example or "")
    _console().print(table)


@app.command("detect", help=h("datasets.detect"))
def detect_command(
    files: list[Path] = typer.Argument(..., help=h("datasets.detect.files")),
    as_json: bool = typer.Option(False, "--json", help=h("opt.json_list")),
    lang: LangName | None = LangOption,
) -> None:
    """Detect the dataset and edition of each file from its header row.

    Exit code 0 when every file is recognised, 1 when one is not, 2 when one cannot be
    read (the others are still detected and listed).
    """
    from stdschema.messages import t
    from stdschema.report import escape

    language = resolve_lang(lang)
    results = [_detect_entry(path, language) for path in files]
    if as_json:
        # Not print_json: file names may hold controls, bidi or zero-width characters, written
        # as \uXXXX escapes (the same text once parsed, nothing a terminal obeys).
        sys.stdout.write(escape.json_document(json.dumps(results, ensure_ascii=False, indent=2)))
        sys.stdout.write("\n")
    else:
        console = _console()
        for r in results:
            # One line a file, however long: no wrapping that could start a new line.
            console.print(_detect_line(r, language), soft_wrap=True)
    prefix = t("error.prefix", language)
    pairs = zip(files, results, strict=True)
    unreadable = [f"{path}: {r['error']}" for path, r in pairs if r.get("error")]
    for message in unreadable:
        sys.stderr.write(f"stdschema: {prefix}: {one_line(message)}\n")
    if unreadable:
        raise typer.Exit(2)
    if any(r["id"] is None for r in results):
        raise typer.Exit(1)


def _detect_entry(path: Path, language: Lang) -> dict[str, Any]:
    """One file's detection as the JSON entry ``datasets detect`` prints."""
    from stdschema.datasets import detect
    from stdschema.io import InputError, open_table
    from stdschema.report import escape

    entry: dict[str, Any] = {"path": escape.path_text(path)}
    try:
        with open_table(path) as table:
            header = list(table.header)
    except InputError as exc:
        entry.update(id=None, edition=None, error=exc.message_in(language), error_code=exc.code)
        return entry
    found = detect(header, path)
    best = found.best
    entry.update(
        id=best.dataset.id if best else None,
        edition=best.dataset.edition if best else None,
        score=best.score if best else None,
        method=best.method if best else None,
        header_edition=found.edition,
        not_modelled=bool(found.standard_like),
        candidates=[
            {
                # From the header index: no candidate's model is built.
                "id": c.dataset.id,
                "edition": c.dataset.edition,
                "score": c.score,
                "matched": c.matched,
                "missing": len(c.missing),
            }
            for c in found.candidates
        ],
    )
    return entry


def _detect_line(r: dict[str, Any], language: Lang) -> Text:
    """One file's detection as one console line (file names are untrusted: never rich
    markup, controls escaped, and the line cannot start a CI workflow command)."""
    from rich.text import Text

    from stdschema.messages import t
    from stdschema.report import escape
    from stdschema.report.formats._shared import how_detected

    line = Text(escape.log_line(escape.terminal(r["path"])) + ": ")
    if r.get("error"):
        line.append(
            t("detect.unreadable", language, error=escape.terminal(r["error"])), style="red"
        )
        return line
    if r["id"]:
        runners = ", ".join(
            f"{c['id']}@{c['edition']} {c['score']:.2f}" for c in r["candidates"][1:4]
        )
        line.append(f"{r['id']}@{r['edition']}", style="bold")
        # The words of the validate report: one vocabulary for how a dataset was decided.
        line.append(
            how_detected(r["method"], None, r["score"], language)
            + (f"  {t('label.runners_up', language)}: {runners}" if runners else "")
        )
        return line
    nearest = ", ".join(f"{c['id']}@{c['edition']} {c['score']:.2f}" for c in r["candidates"][:3])
    key = "detect.not_modelled" if r["not_modelled"] else "detect.not_recognised"
    line.append(t(key, language, nearest=nearest or "-"), style="yellow")
    return line
