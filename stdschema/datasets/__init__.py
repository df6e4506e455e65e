"""Registry of dataset editions: list them, get one by id, detect one from a header.

Models are imported on first use so that importing :mod:`stdschema` stays cheap.

>>> from stdschema.datasets import get_dataset
>>> get_dataset("public_toilets@v2").__dataset__.name_ja
'公衆トイレ一覧'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from stdschema.datasets.base import (
    EDITIONS,
    Column,
    Confidence,
    DatasetInfo,
    DatasetRecord,
    Edition,
    Requirement,
    column_letter,
)
from stdschema.datasets.headers import normalize_header

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "EDITIONS",
    "Candidate",
    "Column",
    "Confidence",
    "DatasetInfo",
    "DatasetRecord",
    "Detection",
    "Edition",
    "Requirement",
    "UnknownDatasetError",
    "column_letter",
    "detect",
    "detect_filename",
    "get_dataset",
    "list_datasets",
    "normalize_header",
    "resolve_header",
]

RECOGNISED_SCORE = 0.7
"""A header scoring below this matches no dataset well enough to be called one."""


class UnknownDatasetError(LookupError):
    """Raised for a dataset id or edition the registry does not know."""


@cache
def _all_models() -> tuple[type[DatasetRecord], ...]:
    from stdschema.datasets.v1 import MODELS as V1
    from stdschema.datasets.v2 import MODELS as V2

    return (*V1, *V2)


def list_datasets(edition: str | None = None) -> list[type[DatasetRecord]]:
    """All dataset editions (optionally of one edition), ordered by id then edition."""
    if edition is not None and edition not in EDITIONS:
        raise UnknownDatasetError(f"unknown edition {edition!r}; expected one of {EDITIONS}")
    models = [m for m in _all_models() if edition is None or m.__dataset__.edition == edition]
    return sorted(models, key=lambda m: (m.__dataset__.id, m.__dataset__.edition))


def get_dataset(dataset_id: str, edition: str | None = None) -> type[DatasetRecord]:
    """The model of ``dataset_id`` (``"public_toilets"`` or ``"public_toilets@v2"``).

    Without an edition the newest one that exists is returned.
    """
    if "@" in dataset_id:
        dataset_id, _, given = dataset_id.partition("@")
        if edition is not None and edition != given:
            raise UnknownDatasetError(f"edition given twice: {given!r} and {edition!r}")
        edition = given
    if edition is not None and edition not in EDITIONS:
        raise UnknownDatasetError(f"unknown edition {edition!r}; expected one of {EDITIONS}")
    matches = [m for m in _all_models() if m.__dataset__.id == dataset_id]
    if not matches:
        known = sorted({m.__dataset__.id for m in _all_models()})
        hint = _nearest(dataset_id, known)
        raise UnknownDatasetError(
            f"unknown dataset {dataset_id!r}" + (f"; did you mean {hint!r}?" if hint else "")
        )
    if edition is None:
        return max(matches, key=lambda m: m.__dataset__.edition)
    for m in matches:
        if m.__dataset__.edition == edition:
            return m
    have = ", ".join(sorted(m.__dataset__.edition for m in matches))
    raise UnknownDatasetError(f"{dataset_id} has no edition {edition} (known: {have})")


def _nearest(word: str, options: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A dataset edition a file may be, with how well it matches."""

    model: type[DatasetRecord]
    score: float
    method: str
    matched: int = 0
    variants: int = 0
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.model.__dataset__.key


@dataclass(frozen=True, slots=True)
class Detection:
    """Result of :func:`detect`: the best candidate (or None) and the runners-up."""

    best: Candidate | None
    candidates: tuple[Candidate, ...] = field(default=())

    @property
    def recognised(self) -> bool:
        return self.best is not None


@cache
def _normalised_index() -> dict[type[DatasetRecord], dict[str, str]]:
    # Standard header, then the known aliases, attribute names and the spec's
    # English names: files keyed by any of them describe the same columns.
    from stdschema.datasets.variants import variant_spellings

    index: dict[type[DatasetRecord], dict[str, str]] = {}
    for m in _all_models():
        names = {normalize_header(c.header): c.header for c in m.__columns__}
        for c in m.__columns__:
            for name in (*c.aliases, c.attr, c.english_name):
                if name:
                    names.setdefault(normalize_header(name), c.header)
        for written, standard in variant_spellings(m).items():
            names.setdefault(normalize_header(written), standard)
        index[m] = names
    return index


def _score_header(model: type[DatasetRecord], header: Sequence[str]) -> Candidate:
    index = _normalised_index()[model]
    exact_headers = {c.header for c in model.__columns__}
    given = [h for h in header if h and h.strip()]
    found: set[str] = set()
    variants = 0
    extra: list[str] = []
    for h in given:
        if h in exact_headers:
            found.add(h)
            continue
        canonical = index.get(normalize_header(h))
        if canonical is not None and canonical not in found:
            found.add(canonical)
            variants += 1
        else:
            extra.append(h)
    columns = model.__columns__
    recall = len(found) / len(columns)
    precision = len(found) / len(given) if given else 0.0
    # Recall dominates: publishers append local columns, which must not hide
    # a complete standard layout; precision separates editions and datasets
    # that share most of their columns.
    score = 0.8 * recall + 0.2 * precision
    missing = tuple(c.header for c in columns if c.header not in found)
    return Candidate(model, round(score, 4), "header", len(found), variants, missing, tuple(extra))


def resolve_header(model: type[DatasetRecord], cell: str) -> tuple[Column, bool] | None:
    """The standard column a header cell denotes, and whether it is spelled exactly.

    Matches the exact header, then the normalised form, known aliases, the
    English attribute name and the spec's English name.
    """
    by_header = _columns_by_header(model)
    column = by_header.get(cell)
    if column is not None:
        return column, True
    canonical = _normalised_index()[model].get(normalize_header(cell))
    if canonical is None:
        return None
    return by_header[canonical], False


@cache
def _columns_by_header(model: type[DatasetRecord]) -> dict[str, Column]:
    return {c.header: c for c in model.__columns__}


def detect_filename(filename: str | PurePath) -> list[type[DatasetRecord]]:
    """Dataset editions whose file-name slug appears in ``filename`` (newest edition first).

    Follows the naming rule ``[6-digit code]_[slug].csv`` (e.g. ``222127_public_toilet.csv``)
    and also finds the slug anywhere in the stem.
    """
    stem = PurePath(filename).stem.lower()
    best_len = 0
    found: list[type[DatasetRecord]] = []
    for m in _all_models():
        info = m.__dataset__
        for slug in (info.slug, *info.slug_aliases):
            if not slug:
                continue
            if re.search(rf"(?:^|[^a-z]){re.escape(slug)}(?:$|[^a-z])", stem):
                if len(slug) > best_len:
                    best_len, found = len(slug), [m]
                elif len(slug) == best_len and m not in found:
                    found.append(m)
    return sorted(found, key=lambda m: m.__dataset__.edition, reverse=True)


def detect(
    header: Sequence[str] | None, filename: str | PurePath | None = None, *, limit: int = 5
) -> Detection:
    """Detect the dataset edition of a file from its header row, then its file name.

    Header cells are compared exactly, then after normalisation (NFKC, dash and
    bracket variants, spaces, 必須/任意 annotations, known aliases). The file name
    breaks ties between equally good headers, and decides when the header matches
    no layout well enough or is absent.
    """
    by_name = detect_filename(filename) if filename is not None else []
    candidates: list[Candidate] = []
    if header and any(h and h.strip() for h in header):
        for model in _all_models():
            cand = _score_header(model, header)
            if model in by_name:
                cand = Candidate(
                    cand.model,
                    round(min(1.0, cand.score + 0.02), 4),
                    "header+filename",
                    cand.matched,
                    cand.variants,
                    cand.missing,
                    cand.extra,
                )
            candidates.append(cand)
        candidates.sort(key=lambda c: (-c.score, -c.matched, c.key))
        top = candidates[:limit]
        if top and top[0].score >= RECOGNISED_SCORE:
            return Detection(top[0], tuple(top))
        # A header too far from every layout: the file name may still say what
        # the file claims to be, so that its problems can be listed against it.
        named = [c for c in candidates if c.model in by_name]
        if named:
            best = Candidate(
                named[0].model,
                named[0].score,
                "filename",
                named[0].matched,
                named[0].variants,
                named[0].missing,
                named[0].extra,
            )
            return Detection(best, (best, *[c for c in top if c.model is not best.model]))
        return Detection(None, tuple(top))
    for rank, model in enumerate(by_name):
        candidates.append(Candidate(model, round(0.5 - 0.1 * rank, 4), "filename"))
    return Detection(candidates[0] if candidates else None, tuple(candidates[:limit]))
