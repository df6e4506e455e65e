"""The mapping form of ``stdschema serve``: one line per standard column, edited by an officer.

Pure logic on the conversion API, without any web framework. A :class:`Form` is built from
``suggest_mapping`` (:func:`build_form`) or from a saved mapping (:func:`form_from_mapping`);
:func:`apply_choices` takes the posted fields, :func:`form_mapping` gives the
:class:`~stdschema.conversion.mapping.Mapping` the converter takes and :func:`mapping_yaml`
the file ``stdschema convert --mapping`` reads.

A row the form can express is (input column, at most one transform, its argument). Any other
rule (``concat``, ``constant``, ``map``, ``default``, a chain of transforms) is kept as it was
(``FormRow.kept_rule`` describes it) until the officer picks another column or transform.

Choices are never trusted: an unknown column or transform, an argument the transform refuses,
an over-long argument or control characters give ``FormRow.error`` (localized) and leave the
row out of the mapping, so that column is blank in the output; ``form_mapping(form,
strict=True)`` raises :class:`MappingError` instead. The samples (before → after) and the
preview counts run the converter's own code (``conversion.plan.prepare`` and
``conversion.engine.convert``), so they show what ``convert --mapping`` writes.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping as FieldMap
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdschema.conversion.mapping import (
    ColumnRule,
    Context,
    Mapping,
    MappingError,
    SourceOptions,
    TransformSpec,
)
from stdschema.conversion.suggest.results import Reason
from stdschema.messages import Lang, t

if TYPE_CHECKING:
    from stdschema.conversion.transforms import Example, Transform

PREVIEW_ROWS = 2000
"""Rows of a CSV file the preview converts when it has more (the counts are then a sample)."""
SAMPLE_SCAN = 300
"""Records read to find sample values (and the first refusal) for each row."""
SAMPLES = 3
MAX_ARGUMENT = 500
"""Characters an argument may have; longer ones are refused, not cut."""
MAX_FIELD = 2000
"""Characters a posted column or transform name may have before it is refused unread."""
PROBLEMS_SHOWN = 5

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class TransformChoice:
    """One entry of the transform picker; ``name`` "" is "no transform"."""

    name: str
    label: str
    description: str
    argument_hint: str
    examples: list[str]


@dataclass
class FormRow:
    """One standard column of the form.

    ``rule`` is what the row puts in the mapping (None: the column stays blank); ``invalid``
    is True when ``error`` is about the officer's choice (the row is then left out), False
    when it is about a sample value the transform refuses (the row stays; such rows go to
    the rejects file).
    """

    index: int
    target: str
    key: str
    requirement: str
    source: str | None
    transform: str
    argument: str
    kept_rule: str | None
    confidence: float | None
    reasons: list[str]
    alternatives: list[str]
    samples: list[tuple[str, str]]
    error: str | None
    rule: ColumnRule | None = None
    invalid: bool = False


@dataclass
class Form:
    """The whole mapping form for one input file and target dataset (``id@edition``)."""

    target: str
    input_columns: list[str]
    rows: list[FormRow]
    unused_sources: list[str]
    notes: list[str]
    source: dict[str, Any] | None
    context: dict[str, Any] | None
    encoding: str | None
    input_name: str = ""
    """The input's file name (for the YAML's comment only; never used as a path)."""


@dataclass
class PreviewCounts:
    """What converting with the form's mapping gives: ``read == written + rejected``.

    ``sample`` is True when only the first ``limit`` rows were converted; ``error`` is a
    localized message when the conversion could not run at all (counts are then 0).
    """

    read: int
    written: int
    rejected: int
    rejected_by_code: dict[str, int]
    problems: list[str]
    sample: bool = False
    limit: int | None = None
    error: str | None = None


class _ChoiceError(Exception):
    """A choice the form refuses, already worded for the officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- transforms --------------------------------------------------------------------


def transform_choices(lang: Lang) -> list[TransformChoice]:
    """The transform picker: "no transform" first, then every registered transform."""
    from stdschema.conversion.transforms import TRANSFORMS

    choices = [TransformChoice("", t("form.no_transform", lang), "", "", [])]
    for transform in TRANSFORMS.values():
        description = transform.description_en if lang == "en" else transform.description_ja
        choices.append(
            TransformChoice(
                transform.name,
                _label(transform.name, description),
                description,
                _argument_hint(transform, lang),
                [_example_text(transform, e, lang) for e in transform.examples],
            )
        )
    return choices


LABEL_CHARS = 28
"""Characters of a transform's description shown beside its name in the picker."""


def _label(name: str, description: str) -> str:
    """The picker's text: the name with the first sentence of its description, cut short
    (the whole description and the examples are shown under the picker)."""
    first = description.split("。")[0].split(". ")[0].rstrip(".")
    if len(first) > LABEL_CHARS:
        first = first[: LABEL_CHARS - 1] + "…"
    return f"{name} — {first}" if first else name


def _argument_hint(transform: Transform, lang: Lang) -> str:
    """What the argument field takes, from the registry's own argument docs."""
    if not transform.arguments:
        return ""
    parts = []
    for argument in transform.arguments:
        text = argument.en if lang == "en" else argument.ja
        need = t("form.required" if argument.required else "form.optional", lang)
        parts.append(t("form.argument_part", lang, name=argument.name, need=need, text=text))
    example = _example_argument(transform.argument_example, transform.name)
    hint = t("form.argument_list", lang).join(parts)
    return t("form.argument_hint", lang, arguments=hint, example=example) if example else hint


def _example_argument(spec_text: str, name: str) -> str:
    """The argument field's text for a registry example spec (``{split: {sep: …}}``)."""
    import yaml

    spec = yaml.safe_load(spec_text)  # the registry's own examples, not user input
    return _argument_text(name, spec)


def _example_text(transform: Transform, example: Example, lang: Lang) -> str:
    """A registry example as the form shows it: before → after (with its argument text)."""
    before = json.dumps(example.input, ensure_ascii=False)
    after = (
        t("transforms.refused", lang)
        if example.output is None
        else json.dumps(example.output, ensure_ascii=False)
    )
    text = f"{before} → {after}"
    argument = _example_argument(example.spec, transform.name)
    if argument:
        text += t("form.example_argument", lang, argument=argument)
    return text


def _argument_text(name: str, spec: TransformSpec) -> str:
    """What the argument field shows for ``spec``; :func:`_spec` reads it back to ``spec``."""
    from stdschema.conversion.suggest.render import _flow
    from stdschema.conversion.transforms import TRANSFORMS

    if isinstance(spec, str) or not isinstance(spec, dict) or len(spec) != 1:
        return ""
    raw = next(iter(spec.values()))
    if raw is None:
        return ""
    transform = TRANSFORMS.get(name)
    arguments = transform.arguments if transform is not None else ()
    simple: str | None = None
    if arguments and arguments[0].positional:
        simple = raw if isinstance(raw, str) else _flow(raw)
    elif isinstance(raw, dict) and len(arguments) == 1 and set(raw) == {arguments[0].name}:
        value = raw[arguments[0].name]
        simple = value if isinstance(value, str) else _flow(value)
    if simple is not None:
        try:
            if _spec(name, simple, "en") == spec:
                return simple
        except _ChoiceError:
            pass
    return _flow(raw)


def _load_argument(text: str, lang: Lang) -> Any:
    """``text`` as YAML (no aliases, no tags beyond the safe ones), or a refusal."""
    import yaml

    from stdschema.conversion.mapping import _NoAliasLoader

    try:
        return yaml.load(text, Loader=_NoAliasLoader)
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        raise _ChoiceError(t("form.argument_unreadable", lang, argument=_short(text))) from None


def _spec(name: str, argument: str, lang: Lang) -> TransformSpec:
    """The mapping spec for a transform picked in the form with its argument text.

    Text fits the argument as it is when it can (``香川県``, ``latitude``); otherwise it is
    read as YAML (``true``, ``[なし, "-"]``, ``{sep: "、", index: 0}`` or ``sep: "、",
    index: 0``).
    """
    from stdschema.conversion.transforms import TRANSFORMS

    transform = TRANSFORMS.get(name)
    if transform is None:
        raise _ChoiceError(t("form.unknown_transform", lang, name=_short(name)))
    text = argument.strip()
    if not text:
        return name
    if not transform.arguments:
        raise _ChoiceError(t("form.takes_no_argument", lang, name=name))
    first = transform.arguments[0]
    raw: Any
    if first.positional:
        raw = text if first.kind.check(text) else _load_argument(text, lang)
    elif text.startswith("{"):
        raw = _load_argument(text, lang)
    elif len(transform.arguments) == 1:
        value: Any = text
        if not first.kind.check(value):
            value = _load_argument(text, lang)
            if isinstance(value, str) and first.kind.check([value]):
                value = [value]  # one value of a list: blank_if ー
        raw = {first.name: value}
    else:
        raw = _load_argument("{" + text + "}", lang)
    return {name: raw}


def _check_spec(spec: TransformSpec, columns: list[str], lang: Lang) -> None:
    """Refuse a spec :func:`stdschema.conversion.transforms.resolve` refuses, or one naming
    another input column (``name_column``) that ``columns`` lacks, in ``lang``."""
    from stdschema.conversion.transforms import (
        BadArgumentError,
        UnknownTransformError,
        referenced_columns,
        resolve,
    )

    try:
        resolved = resolve(spec)
    except (BadArgumentError, UnknownTransformError) as exc:
        raise _ChoiceError(exc.localized(lang)) from None
    except (TypeError, ValueError, RecursionError):  # a YAML value no argument check foresaw
        raise _ChoiceError(t("form.argument_unreadable", lang, argument="…")) from None
    for name in referenced_columns([resolved]):
        if name not in columns:
            raise _ChoiceError(t("form.unknown_source", lang, name=_short(name)))


def _visible(text: str) -> str:
    """``text`` with each control character written out (``\\x1b``)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _short(text: str, limit: int = 40) -> str:
    """Untrusted text shown in a message: one line, control characters visible, short."""
    shown = _visible(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


# --- building the form -----------------------------------------------------------------


def _expressible(rule: ColumnRule) -> bool:
    """True when the form can show ``rule`` as (input column, transform, argument)."""
    return (
        rule.source is not None
        and rule.map is None
        and rule.default is None
        and len(rule.transforms) <= 1
    )


def _transform_name(spec: TransformSpec) -> str:
    if isinstance(spec, str):
        return spec
    return str(next(iter(spec))) if isinstance(spec, dict) and len(spec) == 1 else ""


def _describe_rule(rule: ColumnRule, lang: Lang) -> str:
    """A rule the form cannot edit, in words."""
    sep = t("form.list_separator", lang)
    parts: list[str] = []
    if rule.source is not None:
        parts.append(t("form.kept_source", lang, source=rule.source))
    if rule.concat is not None:
        parts.append(
            t("form.kept_concat", lang, columns=sep.join(rule.concat), separator=rule.separator)
        )
    if rule.constant is not None:
        parts.append(t("form.kept_constant", lang, value=rule.constant))
    if rule.map is not None:
        pairs = sep.join(f"{k} → {v}" for k, v in rule.map.items())
        parts.append(t("form.kept_map", lang, pairs=pairs))
    if rule.transforms:
        names = " → ".join(
            _transform_name(s) + (f" ({a})" if (a := _argument_text(_transform_name(s), s)) else "")
            for s in rule.transforms
        )
        parts.append(t("form.kept_transforms", lang, transforms=names))
    if rule.default is not None:
        parts.append(t("form.kept_default", lang, value=rule.default))
    return t("form.kept_rule", lang, rule=sep.join(parts))


def _row(
    index: int,
    column: Any,
    rule: ColumnRule | None,
    lang: Lang,
    *,
    confidence: float | None = None,
    reasons: list[str] | None = None,
    alternatives: list[str] | None = None,
) -> FormRow:
    source, transform, argument, kept = None, "", "", None
    if rule is not None:
        source = rule.source
        if _expressible(rule):
            if rule.transforms:
                transform = _transform_name(rule.transforms[0])
                argument = _argument_text(transform, rule.transforms[0])
        else:
            kept = _describe_rule(rule, lang)
    return FormRow(
        index=index,
        target=column.header,
        key=column.attr,
        requirement=column.requirement.mark,
        source=source,
        transform=transform,
        argument=argument,
        kept_rule=kept,
        confidence=confidence,
        reasons=list(reasons or []),
        alternatives=list(alternatives or []),
        samples=[],
        error=None,
        rule=rule,
    )


def _dump(options: SourceOptions | Context) -> dict[str, Any]:
    return options.model_dump(exclude_defaults=True)


def build_form(
    path: str | os.PathLike[str], target: str, *, lang: Lang, encoding: str | None = None
) -> Form:
    """The form for ``path`` and the dataset ``target``, filled from ``suggest_mapping``.

    Raises :class:`stdschema.datasets.UnknownDatasetError` or :class:`stdschema.io.InputError`
    as ``suggest_mapping`` does.
    """
    from stdschema.conversion.suggest import suggest_mapping
    from stdschema.datasets import get_dataset
    from stdschema.io.notes import note_text

    suggestion = suggest_mapping(path, target, encoding=encoding)
    model = get_dataset(suggestion.target)
    rows: list[FormRow] = []
    for index, (column, c) in enumerate(zip(model.__columns__, suggestion.columns, strict=True)):
        reasons = [r.text(lang) for r in c.reasons]
        alternatives = list(c.alternatives)
        rule = c.rule if c.mapped else None
        if c.rule is not None and not c.mapped:
            # A weak candidate is offered, not used (as map suggest comments it out).
            candidate = c.rule.source or ""
            reasons.insert(
                0, t("form.weak_candidate", lang, source=candidate, value=f"{c.confidence:.2f}")
            )
            if candidate and candidate not in alternatives:
                alternatives.insert(0, candidate)
        rows.append(
            _row(
                index,
                column,
                rule,
                lang,
                confidence=c.confidence if rule is not None else None,
                reasons=reasons,
                alternatives=alternatives,
            )
        )
    notes = [
        n.text(lang) if not isinstance(n, str) else note_text(n, lang) for n in suggestion.notes
    ]
    return _completed(
        path,
        lang,
        encoding,
        target=suggestion.target,
        input_columns=list(suggestion.input_columns),
        rows=rows,
        notes=notes,
        source=suggestion.source,
        context=suggestion.context,
    )


def form_from_mapping(
    path: str | os.PathLike[str], mapping: Mapping, *, lang: Lang, encoding: str | None = None
) -> Form:
    """The form for ``path`` filled from a saved mapping (``load_mapping``): with no edits it
    converts exactly as ``stdschema convert --mapping`` does.

    Raises :class:`MappingError` for a mapping naming no column of the dataset and
    :class:`stdschema.io.InputError` for an unreadable input.
    """
    from stdschema.conversion.plan import canonical_rules
    from stdschema.conversion.source import open_source
    from stdschema.datasets import get_dataset
    from stdschema.io.notes import note_text

    model = get_dataset(mapping.target)
    rules = canonical_rules(model, mapping, lang)
    source = open_source(Path(path), mapping, encoding)
    try:
        header = [h for h in source.header if h.strip()]
        if not source.tabular:  # XML records: the fields the first records hold
            for count, (_line, record, _raw, _sheet) in enumerate(source.records):
                if count >= SAMPLE_SCAN:
                    break
                header.extend(k for k in record if k not in header)
        notes = [note_text(n, lang) for n in source.notes]
    finally:
        source.close()
    saved = t("form.from_saved", lang)
    rows = [
        _row(
            index,
            column,
            rules.get(column.header),
            lang,
            reasons=[saved] if column.header in rules else [],
        )
        for index, column in enumerate(model.__columns__)
    ]
    return _completed(
        path,
        lang,
        encoding,
        target=model.__dataset__.key,
        input_columns=list(dict.fromkeys(header)),
        rows=rows,
        notes=notes,
        source=mapping.source,
        context=mapping.context,
    )


def _completed(
    path: str | os.PathLike[str],
    lang: Lang,
    encoding: str | None,
    *,
    target: str,
    input_columns: list[str],
    rows: list[FormRow],
    notes: list[str],
    source: SourceOptions,
    context: Context,
) -> Form:
    """The form of ``rows``, with its unused columns and its samples read from ``path``."""
    form = Form(
        target=target,
        input_columns=input_columns,
        rows=rows,
        unused_sources=[],
        notes=list(dict.fromkeys(notes)),
        source=_dump(source),
        context=_dump(context),
        encoding=encoding,
        input_name=Path(path).name,
    )
    _update_unused(form)
    return refresh_samples(form, path, lang=lang, encoding=encoding)


def _update_unused(form: Form) -> None:
    used: set[str] = set()
    for row in form.rows:
        if row.rule is not None and not row.invalid:
            if row.rule.source is not None:
                used.add(row.rule.source)
            used.update(row.rule.concat or [])
    form.unused_sources = [c for c in form.input_columns if c not in used]


# --- editing -------------------------------------------------------------------------


def _field(fields: FieldMap[str, str], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def apply_choices(form: Form, fields: FieldMap[str, str], *, lang: Lang) -> Form:
    """The form with the posted choices: ``source-{i}`` (an input column, "" for none),
    ``transform-{i}`` (a transform name, "" for none), ``argument-{i}``.

    A field left out keeps the row's value. A row whose column or transform is unchanged
    keeps its rule (a kept rule stays as it was). Never raises on what was posted: a choice
    that cannot be used gives ``row.error`` and leaves the row out of the mapping. Samples
    are not refreshed here (see :func:`refresh_samples`).
    """
    rows = [_apply_row(form, row, fields, lang) for row in form.rows]
    edited = replace(form, rows=rows)
    _update_unused(edited)
    return edited


def _apply_row(form: Form, row: FormRow, fields: FieldMap[str, str], lang: Lang) -> FormRow:
    i = row.index
    got_source = _field(fields, f"source-{i}")
    got_transform = _field(fields, f"transform-{i}")
    got_argument = _field(fields, f"argument-{i}")
    source = row.source or "" if got_source is None else got_source
    transform = row.transform if got_transform is None else got_transform.strip()
    if got_argument is not None:
        argument = got_argument
    else:  # the argument of another transform means nothing to this one
        argument = row.argument if transform == row.transform else ""
    same_origin = source == (row.source or "") and transform == row.transform
    if same_origin and (row.kept_rule is not None or argument == row.argument):
        return replace(row, samples=list(row.samples))
    new = replace(
        row,
        source=source or None,
        transform=transform,
        argument=argument,
        kept_rule=None,
        confidence=None,
        reasons=[t("form.chosen", lang)],
        samples=[],
        error=None,
        rule=None,
        invalid=False,
    )
    try:
        new.rule = _choice_rule(form, source, transform, argument, lang)
    except _ChoiceError as exc:
        new.error = exc.message
        new.invalid = True
        # Shown back in the form as posted, but never longer than the limits.
        new.source = _short(source, MAX_FIELD) if source else None
        new.transform = _short(transform, MAX_FIELD)
        new.argument = _visible(argument[:MAX_ARGUMENT])
    return new


def _choice_rule(
    form: Form, source: str, transform: str, argument: str, lang: Lang
) -> ColumnRule | None:
    for text in (source, transform):
        if len(text) > MAX_FIELD:
            raise _ChoiceError(t("form.field_too_long", lang))
    if len(argument) > MAX_ARGUMENT:
        raise _ChoiceError(t("form.argument_too_long", lang, limit=MAX_ARGUMENT))
    if _CONTROL.search(transform) or _CONTROL.search(argument):
        raise _ChoiceError(t("form.control_characters", lang))
    if source and source not in form.input_columns:
        raise _ChoiceError(t("form.unknown_source", lang, name=_short(source)))
    if not source:
        if transform or argument.strip():
            raise _ChoiceError(t("form.transform_needs_source", lang))
        return None
    if not transform:
        if argument.strip():
            raise _ChoiceError(t("form.argument_needs_transform", lang))
        return ColumnRule(source=source)
    spec = _spec(transform, argument, lang)
    _check_spec(spec, form.input_columns, lang)
    return ColumnRule(source=source, transforms=[spec])


# --- the mapping -----------------------------------------------------------------------


def form_mapping(form: Form, *, strict: bool = False) -> Mapping:
    """The :class:`Mapping` the form stands for. Rows with a choice error are left out (their
    column is blank); with ``strict`` the first such row raises :class:`MappingError`."""
    if strict:
        for row in form.rows:
            if row.invalid:
                raise MappingError(f"{row.target}: {row.error}")
    columns = {
        row.target: row.rule for row in form.rows if row.rule is not None and not row.invalid
    }
    return Mapping(
        target=form.target,
        source=SourceOptions.model_validate(form.source or {}),
        context=Context.model_validate(form.context or {}),
        columns=columns,
    )


def mapping_yaml(form: Form, *, lang: Lang) -> str:
    """The form's mapping as YAML ``stdschema convert --mapping`` reads, with comments in
    ``lang`` (written by the same renderer as ``stdschema map suggest``)."""
    from stdschema.conversion.suggest import ColumnSuggestion, MappingSuggestion, render_yaml

    columns = []
    for row in form.rows:
        rule = row.rule if not row.invalid else None
        reasons = [_said(r) for r in row.reasons[:3]]
        if row.invalid and row.error:
            reasons = [_said(row.error, warning=True)]
        columns.append(
            ColumnSuggestion(
                target=row.target,
                rule=rule,
                # An entry the officer kept or chose is written, never commented out.
                confidence=1.0 if row.confidence is None else max(row.confidence, 0.5),
                reasons=list(reasons),
                alternatives=[],
                requirement=row.requirement,
            )
        )
    mapping = form_mapping(form)
    suggestion = MappingSuggestion(
        target=form.target,
        source=mapping.source,
        context=mapping.context,
        columns=columns,
        unused_sources=list(form.unused_sources),
        input_path=form.input_name,
        input_columns=list(form.input_columns),
        notes=list(form.notes),
    )
    lines = render_yaml(suggestion, lang).split("\n")
    lines[0] = "# " + t("form.yaml_title", lang)
    return "\n".join(lines)


def _said(text: str, warning: bool = False) -> Reason:
    """Text already in the reader's language, where the renderer takes a Reason."""
    return _Said(text, (), warning)


class _Said(Reason):
    def text(self, lang: Lang | None = None) -> str:
        return self.key


# --- samples and preview -----------------------------------------------------------------


def refresh_samples(
    form: Form, path: str | os.PathLike[str], *, lang: Lang, encoding: str | None = None
) -> Form:
    """Each row's first distinct non-blank values before → after, as the converter fills
    them (``conversion.plan``), and the first value its transform refuses as ``row.error``."""
    from stdschema.conversion.plan import _source_value, prepare
    from stdschema.conversion.source import open_source
    from stdschema.datasets import get_dataset
    from stdschema.rules.registry import SAFE_REPAIRS

    rows = [replace(r, samples=[], error=r.error if r.invalid else None) for r in form.rows]
    result = replace(form, rows=rows)
    live = [r for r in rows if r.rule is not None and not r.invalid]
    known = set(form.input_columns)
    for r in live:  # a saved mapping may name a column this file lacks
        assert r.rule is not None
        missing = [n for n in [r.rule.source, *(r.rule.concat or [])] if n and n not in known]
        if missing and known:
            r.error = t("form.unknown_source", lang, name=_short(missing[0]))
    if not live:
        return result
    mapping = form_mapping(result)
    model = get_dataset(mapping.target)
    src = Path(path)
    source = open_source(src, mapping, encoding or form.encoding)
    try:
        plan = prepare(model, source, src, mapping, None, SAFE_REPAIRS, lang)
        seen: dict[int, set[str]] = {r.index: set() for r in live}
        for count, (line, record, _raw, _sheet_row) in enumerate(source.records):
            if count >= SAMPLE_SCAN:
                break
            cells, errors = plan.columns.fill(line, record, [])
            refused = dict(errors)
            for row in live:
                assert row.rule is not None
                before = _source_value(row.rule, record)
                error = refused.get(row.target)
                if error is not None and row.error is None:
                    row.error = error.localized(lang)
                    if before not in seen[row.index]:
                        if len(row.samples) >= SAMPLES:
                            row.samples.pop()
                        row.samples.append((before, ""))
                        seen[row.index].add(before)
                    continue
                if not before.strip() or before in seen[row.index]:
                    continue
                if len(row.samples) < SAMPLES:
                    seen[row.index].add(before)
                    row.samples.append((before, "" if error is not None else cells[row.target]))
    except MappingError as exc:  # shown once, however often the samples are refreshed
        result.notes = list(dict.fromkeys([*result.notes, str(exc)]))
    finally:
        source.close()
    return result


def preview_counts(
    form: Form,
    path: str | os.PathLike[str],
    *,
    lang: Lang,
    encoding: str | None = None,
    limit_rows: int | None = None,
    keep_incomplete: bool = False,
) -> PreviewCounts:
    """Convert ``path`` with the form's mapping into a temporary folder and count.

    A CSV file with more than ``limit_rows`` records (:data:`PREVIEW_ROWS` when None) is cut
    to its first ``limit_rows`` records and ``sample`` is set; XLSX and XML files are
    converted whole. ``keep_incomplete`` converts as ``convert --keep-incomplete`` does. A
    mapping or input the converter refuses gives ``error``, not an exception. The temporary
    output is always removed.
    """
    from stdschema.conversion.engine import convert
    from stdschema.io import InputError

    limit = PREVIEW_ROWS if limit_rows is None else max(1, limit_rows)
    mapping = form_mapping(form)
    src = Path(path)
    with tempfile.TemporaryDirectory(prefix="stdschema-preview-") as tmp:
        folder = Path(tmp)
        try:
            cut = _first_records(src, mapping, encoding or form.encoding, limit, folder)
            report = convert(
                cut or src,
                output=folder / "preview.csv",
                mapping=mapping,
                encoding=encoding or form.encoding,
                lang=lang,
                keep_incomplete=keep_incomplete,
            )
        except (MappingError, InputError) as exc:
            message = exc.localized(lang) if isinstance(exc, InputError) else str(exc)
            return PreviewCounts(0, 0, 0, {}, [message], error=message)
        problems = _first_problems(Path(report.rejects), lang)
        counts = report.counts
        return PreviewCounts(
            read=counts.read,
            written=counts.written,
            rejected=counts.rejected,
            rejected_by_code=dict(report.rejected_by_code),
            problems=problems,
            sample=cut is not None,
            limit=limit if cut is not None else None,
        )


def _first_records(
    src: Path, mapping: Mapping, encoding: str | None, limit: int, folder: Path
) -> Path | None:
    """A copy of a text file cut before record ``limit + 1`` (same name, in ``folder``), or
    None when the file is not longer or cannot be cut at a line (XLSX, XML, UTF-16)."""
    from stdschema.conversion.source import open_source
    from stdschema.io import sniff

    if (mapping.source.format or sniff(src)) != "csv":
        return None  # a workbook or XML document: records are not lines
    source = open_source(src, mapping, encoding)
    try:
        if not source.tabular or (source.encoding or "").lower().startswith("utf-16"):
            return None
        cut_line = None
        for count, (line, _row, _raw, _sheet_row) in enumerate(source.records):
            if count == limit:
                cut_line = line
                break
    finally:
        source.close()
    if cut_line is None:
        return None
    kept = bytearray()
    with open(src, "rb") as f:
        for _ in range(cut_line - 1):
            piece = f.readline()
            if not piece:
                break
            kept += piece
    out = folder / "input" / src.name
    out.parent.mkdir()
    out.write_bytes(bytes(kept))
    return out


def _first_problems(rejects: Path, lang: Lang) -> list[str]:
    """The first rejected rows' reasons, one line each, from the rejects file."""
    import csv

    shown: list[str] = []
    with open(rejects, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        for cells in reader:
            if len(shown) >= PROBLEMS_SHOWN:
                break
            if len(cells) >= 3:
                shown.append(t("form.problem_line", lang, line=cells[0], reasons=cells[2]))
    return shown
